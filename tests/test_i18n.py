"""English and Japanese are equal citizens: every catalog and every bilingual content
field has both languages, Japanese is really Japanese (not a copy of the English),
placeholders match, the established terms are used, and lines break by Japanese rules."""

from __future__ import annotations

import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from japanese_text import catalog_entries, content_entries

from game.ui.linebreak import NO_END, NO_START, atoms, break_lines, display_width, ellipsize, wrap_columns

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "ja")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
# names written the same in both languages (firms, products, units, keys)
SAME_IN_BOTH = {"OpenAI", "Anthropic", "Sakana AI", "Mistral", "Mistral AI", "Cohere", "G7", "AI", "OK",
                "Esc", "F1", "JSON", "HTML", "PNG", "ASI", "ACI", "Sumiwake",
                "English", "ID"}  # a language is named in its own language


# every catalog (found by scanning game/ for `Catalog(...)`) and every bilingual content field
ALL = [*catalog_entries(), *content_entries(glossary=True)]


def _fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f is not None}


def _same_allowed(en: str) -> bool:
    bare = re.sub(r"\{[^}]*\}", "", en).strip()
    return bare in SAME_IN_BOTH or not re.search(r"[A-Za-z]{2,}", bare)


def test_catalogs_and_content_were_found():
    names = {w.split(":")[0] for w, _, _ in ALL}
    assert {"engine", "cli", "ui", "report", "cards", "net", "story", "argparse", "ai.reasons"} <= names
    assert sum(1 for w, _, _ in ALL if w.startswith(("rules/", "scenarios/"))) > 100


def test_every_entry_has_both_languages():
    missing = [w for w, en, ja in ALL if not en.strip() or not ja.strip()]
    assert not missing, "missing en or ja: " + ", ".join(missing[:40])


def test_japanese_is_japanese():
    copies = [f"{w}: {en!r}" for w, en, ja in ALL if en and ja == en and not _same_allowed(en)]
    assert not copies, "ja is a copy of en:\n" + "\n".join(copies[:40])
    latin = [f"{w}: {ja!r}" for w, en, ja in ALL if ja and ja != en and not JAPANESE.search(ja)
             and not _same_allowed(ja)]
    assert not latin, "ja without Japanese:\n" + "\n".join(latin[:40])


def test_placeholders_match():
    bad = [f"{w}: {sorted(_fields(en))} vs {sorted(_fields(ja))}" for w, en, ja in ALL
           if en and ja and _fields(en) != _fields(ja)]
    assert not bad, "placeholders differ:\n" + "\n".join(bad[:40])


# The established terms (see the source paper) and every other game term: rules/glossary/terms.yaml,
# checked by tests/test_japanese_terms.py.


def test_japanese_punctuation_after_japanese_words():
    """In Japanese text an ASCII comma or colon right after a Japanese character reads badly."""
    bad = [f"{w}: {ja!r}" for w, _, ja in ALL if re.search(r"[\u3040-\u30ff\u4e00-\u9fff][,]|[\u3040-\u30ff\u4e00-\u9fff）」][:;] ", ja)]
    assert not bad, "use 、 and ： in Japanese:\n" + "\n".join(bad[:40])


# ------------------------------------------------------------------ kinsoku shori


def cols(s: str) -> int:
    return display_width(s)


def test_no_line_starts_with_closing_punctuation():
    text = "米国は最先端モデルの提供範囲を制限しようとしている。それは単なる商業的囲い込みではない、「安全保障」の問題である。"
    for width in range(6, 40):
        lines = break_lines(text, width, cols)
        assert "".join(lines) == text
        for ln in lines[1:]:
            assert ln[0] not in NO_START, (width, lines)
        for ln in lines[:-1]:
            assert ln[-1] not in NO_END, (width, lines)
        assert all(cols(ln) <= width for ln in lines), (width, lines)


def test_latin_words_stay_whole_and_spaces_are_kept():
    lines = break_lines("日本にはSakana AIと強い産業がある。", 16, cols)
    assert "".join(lines).replace(" ", "") == "日本にはSakanaAIと強い産業がある。"
    assert all("Sakan" not in ln or "Sakana" in ln for ln in lines)
    assert break_lines("Export controls on frontier models", 20, cols) == ["Export controls on", "frontier models"]
    assert break_lines("version 3.5 (beta).", 12, cols) == ["version 3.5", "(beta)."]


def test_opening_bracket_travels_to_the_next_line():
    lines = break_lines("あいうえお「かきく」", 12, cols)
    assert lines == ["あいうえお", "「かきく」"]


def test_forced_breaks_and_ellipsis():
    assert break_lines("一行目\n二行目", 40, cols) == ["一行目", "二行目"]
    assert ellipsize("相互接続とすみ分け", 9, cols) == "相互接続…"
    assert ellipsize("short", 9, cols) == "short"
    assert wrap_columns("すみ分け。" * 10, 20).count("\n") >= 2


def test_atoms_glue_kinsoku_characters():
    assert atoms("「はい」。") == [(False, "「は"), (False, "い」。")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="あいう漢字ー。、「」（）ャッ ABC,.!?", max_size=60), st.integers(4, 30))
def test_break_lines_property(text, width):
    lines = break_lines(text, width, cols)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for ln in lines:
        # only a single unbreakable run may exceed the width, never by more than a glued pair
        assert cols(ln) <= max(width, 6) or " " not in ln.strip()
    for prev, ln in zip(lines, lines[1:]):
        if ln and prev and cols(prev) + cols(ln[0]) > width and len(ln) > 1:
            assert ln[0] not in "。、」）" or len(prev) <= 1
