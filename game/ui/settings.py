"""Player settings (window size, fullscreen, UI scale, language), kept in the user dir."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from game.session.match import user_dir
from game.session.storage import write_atomic

SIZES = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440))
SCALES = (0.9, 1.0, 1.1, 1.2)  # text size; the layout itself grows with the window
LANGS = ("en", "ja")


@dataclass
class Settings:
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    ui_scale: float = 1.0
    lang: str = "en"

    @classmethod
    def load(cls) -> "Settings":
        path = user_dir() / "settings.json"
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            s = cls(**{k: d[k] for k in asdict(cls()) if k in d})
        except (OSError, ValueError, TypeError):
            return cls()
        if s.lang not in LANGS:
            s.lang = "en"
        s.width, s.height = max(800, int(s.width)), max(450, int(s.height))
        s.ui_scale = min(SCALES[-1], max(SCALES[0], float(s.ui_scale)))
        return s

    def save(self) -> None:
        write_atomic(user_dir() / "settings.json", json.dumps(asdict(self), indent=1))
