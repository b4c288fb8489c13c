"""The bundled Japanese font (Noto Sans CJK JP subset, SIL OFL) for the HTML pages Sumiwake writes.

Two ways to give a page the font, so Japanese renders on a machine with no Japanese font:

* `embedded_fonts`: inside the page as base64 (the report: one file that travels alone);
* `linked_fonts`: one copy of each weight in a ``fonts/`` folder beside the pages, referenced
  relatively (role cards, rules summary, order sheets and join cards: many pages in one folder,
  about 3.6 MB a weight written once instead of 4.9 MB of base64 in every page).

Each entry is ``{"weight": 400 | 700, "src": url}`` for the ``fontface.css`` template.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from game.content.paths import assets_dir

FONT_DIR = assets_dir() / "fonts"
FAMILY = "SumiwakeJP"  # the name the pages' CSS gives the bundled font
SUBDIR = "fonts"  # beside the pages that link the font
WEIGHTS = (("Regular", 400), ("Bold", 700))


def font_file(weight: str) -> Path:
    return FONT_DIR / f"NotoSansCJKjp-Sumiwake-{weight}.otf"


def needs_font(text: str) -> bool:
    """Whether ``text`` has characters beyond Latin and common symbols (kana, kanji, full-width forms…)."""
    return any(ord(ch) >= 0x2E80 for ch in text)


def embedded_fonts() -> list[dict[str, Any]]:
    """Both weights as base64 ``data:`` URLs."""
    out = []
    for weight, css_weight in WEIGHTS:
        path = font_file(weight)
        if path.is_file():
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            out.append({"weight": css_weight, "src": f"data:font/otf;base64,{data}"})
    return out


def linked_fonts(out_dir: Path | str) -> tuple[list[dict[str, Any]], list[Path]]:
    """Copy both weights into ``out_dir/fonts/`` (once: an identical copy is left alone).

    Returns the font entries, with URLs relative to ``out_dir``, and the font files."""
    folder = Path(out_dir) / SUBDIR
    fonts, written = [], []
    for weight, css_weight in WEIGHTS:
        src = font_file(weight)
        if not src.is_file():
            continue
        dest = folder / src.name
        if not (dest.is_file() and dest.stat().st_size == src.stat().st_size):
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
            os.close(fd)
            try:
                shutil.copyfile(src, tmp)
                os.chmod(tmp, 0o644)
                os.replace(tmp, dest)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        written.append(dest)
        fonts.append({"weight": css_weight, "src": f"{SUBDIR}/{src.name}"})
    return fonts, written


__all__ = ["FAMILY", "FONT_DIR", "embedded_fonts", "font_file", "linked_fonts", "needs_font"]
