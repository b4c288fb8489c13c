"""The one theme file (`assets/theme.json`): palette, font sizes and the pygame_gui theme."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

from game.content.paths import assets_dir

ASSETS = assets_dir()
# The game's own bundled font (SIL OFL, licence beside it): a subset of Noto Sans CJK JP
# holding every character of the game's text and all of JIS X 0208 (what people type:
# team names, override reasons); rebuilt by tools/build_font_subset.py.
FONT_REGULAR = str(ASSETS / "fonts" / "NotoSansCJKjp-Sumiwake-Regular.otf")
FONT_BOLD = str(ASSETS / "fonts" / "NotoSansCJKjp-Sumiwake-Bold.otf")
THEME_FILE = ASSETS / "theme.json"


def _rgb(hex_: str) -> tuple[int, int, int]:
    h = hex_.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@dataclass(frozen=True)
class Theme:
    palette: dict[str, tuple[int, int, int]]
    fonts: dict[str, int]
    gui: dict

    @classmethod
    def load(cls, font_scale: float = 1.0, path: Path = THEME_FILE) -> "Theme":
        raw = json.loads(path.read_text(encoding="utf-8"))
        gui = copy.deepcopy(raw["pygame_gui"])
        for block in gui.values():  # scale every pygame_gui font with the UI scale
            font = block.get("font") if isinstance(block, dict) else None
            if font and "size" in font:
                font["size"] = str(max(8, round(int(font["size"]) * font_scale)))
            if font:  # the bundled Noto Sans CJK JP subset: Latin, Japanese and the marks used
                font.setdefault("regular_path", FONT_REGULAR)
                font.setdefault("bold_path", FONT_BOLD)
        return cls({k: _rgb(v) for k, v in raw["palette"].items()},
                   {k: max(8, round(v * font_scale)) for k, v in raw["fonts"].items()}, gui)

    def c(self, name: str) -> tuple[int, int, int]:
        return self.palette[name]


def seat_rgb(hex_: str) -> tuple[int, int, int]:
    return _rgb(hex_)
