"""Rebuild the bundled Japanese font subset from Noto Sans CJK JP.

The subset holds every character used anywhere in the game's text (content
YAML, message catalogs, Python sources, assets), all of JIS X 0208 (levels 1
and 2 kanji, kana, Greek and Cyrillic, full-width forms and symbols: what a
facilitator types as a team name or an override reason), circled numbers and
the other enclosed alphanumerics, half-width katakana, plus ASCII, Latin-1 and
general punctuation.

The build is reproducible: the same source fonts and text give the same bytes.

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
    (0x2460, 0x24FF),  # enclosed alphanumerics: circled numbers ①②…⑳, ⓐ…
    (0x3251, 0x325F),  # circled numbers 21-35
    (0x32B1, 0x32BF),  # circled numbers 36-50
    (0xFF01, 0xFF5E),  # full-width forms
    (0xFF61, 0xFF9F),  # half-width katakana and punctuation
)


def jis_x_0208() -> set[str]:
    """Every character of JIS X 0208 (rows 1-94 of the ISO-2022-JP double-byte set)."""
    chars: set[str] = set()
    for row in range(0x21, 0x7F):
        for cell in range(0x21, 0x7F):
            try:
                chars.add(bytes((0x1B, 0x24, 0x42, row, cell, 0x1B, 0x28, 0x42)).decode("iso2022_jp"))
            except UnicodeDecodeError:
                continue
    return chars


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
    chars |= jis_x_0208()
    return {c for c in chars if c.isprintable() or c == " "}


def build(source: str, weight: str, chars: set[str], out_dir: Path = OUT) -> Path:
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
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"NotoSansCJKjp-Sumiwake-{weight}.otf"
    font.recalcTimestamp = False  # a reproducible file: the same text gives the same bytes
    font.save(str(out))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", help="Regular .ttc (Bold is looked up beside it)")
    ap.add_argument("--out", type=Path, default=OUT, help="directory to write into (default assets/fonts)")
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
        out = build(src, weight, chars, args.out)
        print(f"{out}: {len(chars)} characters, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
