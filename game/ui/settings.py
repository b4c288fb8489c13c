"""Player settings (window size, fullscreen, UI scale, language), kept in the user dir."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from game.content.save_format import SaveFormatProblem, validate_settings
from game.engine import SaveError
from game.session.match import user_dir
from game.session.storage import read_json, write_atomic

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

    def __post_init__(self) -> None:
        self.problem: SaveError | None = None  # why the settings file was not used, if it was not (not saved)

    @classmethod
    def load(cls) -> "Settings":
        """The saved settings; the defaults if there are none, or if the file is damaged
        (then ``problem`` says why, and the title screen shows it)."""
        path = user_dir() / "settings.json"
        if not path.exists():
            return cls()
        try:
            d = read_json(path)
            try:
                validate_settings(d)
            except SaveFormatProblem as exc:
                raise SaveError(exc.code, str(path), **exc.params) from None
        except SaveError as exc:
            s = cls()
            s.problem = exc
            return s
        s = cls(**{k: d[k] for k in asdict(cls()) if k in d})
        s.width, s.height = max(800, s.width), max(450, s.height)
        s.ui_scale = min(SCALES[-1], max(SCALES[0], float(s.ui_scale)))
        return s

    def save(self) -> None:
        write_atomic(user_dir() / "settings.json", json.dumps(asdict(self), indent=1))
