"""Rebuild the bundled Japanese font subset from Noto Sans CJK JP.

The subset holds every character used anywhere in the game's text (content
YAML, message catalogs, Python sources, assets) plus ASCII, Latin-1, general
punctuation, full hiragana and katakana, and full-width forms, so that newly
written kana and punctuation render even before the next rebuild.

Run after changing any text:

    pip install fonttools          # a build-time tool only, not a game dependency
    apt-get install fonts-noto-cjk # the source font (OFL)
    python tools/build_font_subset.py [--source PATH.ttc]

It writes ``assets/fonts/NotoSansCJKjp-Sumiwake-Regular.otf`` and ``-Bold.otf``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "fonts"
SOURCES = {
    "Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
TEXT_GLOBS = ("rules/**/*.yaml", "scenarios/*.yaml", "game/**/*.py", "assets/**/*.yaml",
              "assets/**/*.json", "README.md")
RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1
    (0x2010, 0x2052),  # general punctuation (dashes, quotes, ellipsis…)
    (0x2190, 0x2199),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2713, 0x2718),  # check marks
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x309F),  # hiragana
    (0x30A0, 0x30FF),  # katakana
    (0xFF01, 0xFF5E),  # full-width forms
)


def used_characters(root: Path = ROOT) -> set[str]:
    chars: set[str] = set()
    for pattern in TEXT_GLOBS:
        for path in root.glob(pattern):
            if ".venv" in path.parts or not path.is_file():
                continue
            try:
                chars.update(path.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                continue
    for lo, hi in RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    return {c for c in chars if c.isprintable() or c == " "}


def build(source: str, weight: str, chars: set[str]) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(4).startswith("Noto Sans CJK JP"))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(ord(c) for c in chars))
    sub.subset(font)
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"NotoSansCJKjp-Sumiwake-{weight}.otf"
    font.recalcTimestamp = False  # a reproducible file: the same text gives the same bytes
    font.save(str(out))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", help="Regular .ttc (Bold is looked up beside it)")
    args = ap.parse_args()
    sources = dict(SOURCES)
    if args.source:
        sources["Regular"] = args.source
        sources["Bold"] = args.source.replace("Regular", "Bold")
    chars = used_characters()
    for weight, src in sources.items():
        if not Path(src).is_file():
            print(f"{src}: not found (apt-get install fonts-noto-cjk)", file=sys.stderr)
            return 2
        out = build(src, weight, chars)
        print(f"{out.relative_to(ROOT)}: {len(chars)} characters, {out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
