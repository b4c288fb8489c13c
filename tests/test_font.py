"""The bundled OFL font renders every character of the game's text, in both languages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
pygame = pytest.importorskip("pygame")
import pygame.freetype  # noqa: E402, F811 (importorskip bound pygame; this loads its submodule)

ROOT = Path(__file__).resolve().parents[1]
FONTS = sorted((ROOT / "assets" / "fonts").glob("*.otf"))


def _text_characters() -> set[str]:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_font_subset import TEXT_GLOBS
    finally:
        sys.path.pop(0)
    chars: set[str] = set()
    for pattern in TEXT_GLOBS:
        for path in ROOT.glob(pattern):
            if ".venv" in path.parts or not path.is_file():
                continue
            chars.update(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() and not c.isspace()}


def test_licence_beside_the_fonts():
    assert FONTS, "a bundled font"
    licence = (ROOT / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


@pytest.mark.parametrize("font_path", FONTS, ids=lambda p: p.name)
def test_font_has_every_glyph(font_path):
    pygame.freetype.init()
    font = pygame.freetype.Font(str(font_path), 16)
    chars = sorted(_text_characters())
    missing = [c for c, m in zip(chars, font.get_metrics("".join(chars))) if m is None]
    assert not missing, f"{font_path.name} lacks {''.join(missing)!r}: run tools/build_font_subset.py"
    # and it really draws Japanese (not an empty box)
    surf, rect = font.render("相互接続とすみ分け", (0, 0, 0), (255, 255, 255))
    assert rect.width > 100


def test_the_ui_renders_with_the_bundled_font():
    from game.ui.theme import FONT_BOLD, FONT_REGULAR, Theme

    fonts = ROOT / "assets" / "fonts"
    assert Path(FONT_REGULAR).parent == fonts and Path(FONT_BOLD).parent == fonts
    assert Path(FONT_REGULAR).is_file() and Path(FONT_BOLD).is_file()
    for block in Theme.load().gui.values():  # every pygame_gui font block, too
        font = block.get("font") if isinstance(block, dict) else None
        if font:
            assert Path(font["regular_path"]).parent == fonts and Path(font["bold_path"]).parent == fonts
