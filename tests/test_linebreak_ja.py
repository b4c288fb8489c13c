"""Japanese line breaking beyond kinsoku: a number stays with its counter and the word naming
what it counts (8年間, 1ポイント, ティア3, ティア2以上, 第3ラウンド), and a paragraph does not end on
a lone short line (「よう。」) when the line before can give it pieces without adding a line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.linebreak import WIDOW, atoms, break_lines, display_width
from test_i18n import ALL

TOKENS = ["8年間", "3〜4ポイント", "1ポイント", "ティア3", "ティア2以上", "第3ラウンド", "10%以上", "3つ", "2か国", "１２年"]


def cols(s: str) -> int:
    return display_width(s)


def test_numbers_keep_their_counters_at_every_width():
    for token in TOKENS:
        text = f"同盟の各加盟国は{token}を基準として、それぞれの領域で投資を続けることになります。"
        for width in range(cols(token), 44):
            lines = break_lines(text, width, cols)
            assert "".join(lines) == text
            assert any(token in ln for ln in lines), (token, width, lines)
            assert all(cols(ln) <= width for ln in lines), (token, width, lines)


def test_the_review_splits_no_longer_happen():
    # 「8／年間」「1ポ／イント」「ティア／3」「ティア2／以上」
    assert (False, "8年間、") in atoms("8年間、同盟を守る")
    assert (False, "1ポイント") in atoms("費用は1ポイントで")
    assert (False, "ティア3") in atoms("ティア3は禁輸")
    assert (False, "ティア2以上") in atoms("ティア2以上を維持")
    assert atoms("R1 イベント")[0] == (False, "R1"), "Latin stays Latin"
    assert atoms("3にする")[0] == (False, "3"), "a number does not take a particle"


def test_no_lone_short_last_line_when_the_line_before_can_give():
    text = "同盟の安全を守りつつ、自らの競争力を高めよう。"
    for width in range(12, cols(text)):
        lines = break_lines(text, width, cols)
        assert "".join(lines) == text
        # five characters at least, or as many as the line before keeps (a narrow box)
        assert len(lines[-1]) >= min(WIDOW, len(lines[-2]) - 1), (width, lines)
        assert all(cols(ln) <= width for ln in lines)
        greedy = -(-cols(text) // width)  # the widow fix never adds a line beyond what is needed
        assert len(lines) <= greedy + 1, (width, lines)


def test_english_is_broken_as_before():
    assert break_lines("Keep the alliance secure and your own seat competitive now.", 20, cols) == [
        "Keep the alliance", "secure and your own", "seat competitive", "now."]


def test_every_japanese_string_keeps_numbers_with_counters_and_has_no_widow():
    """Over every catalog entry and content field, at the widths of the game's boxes (in columns)."""
    counter = re.compile(r"\d(?:年|ポイント|ラウンド|以上|件|人|位|倍|%)")
    problems = []
    for where, _en, ja in ALL:
        text = re.sub(r"\{[^}]*\}", "3", ja)
        for width in (24, 36, 48, 64):
            lines = break_lines(text, width, cols)
            for prev, ln in zip(lines, lines[1:], strict=False):
                if counter.match(prev[-1:] + ln[:4]) and prev[-1:].isdigit():
                    problems.append(f"{where} @{width}: {prev!r} / {ln!r}")
            if len(lines) >= 2 and len(lines[-1].strip()) < WIDOW and "\n" not in text:
                prev, pieces = lines[-2], atoms(lines[-2])
                keep = prev[:len(prev) - len(pieces[-1][1])].rstrip()  # the line before, its last piece moved down
                movable = len(pieces) > 1 and cols(pieces[-1][1] + lines[-1]) <= cols(keep)
                if movable and any(0x3040 <= ord(c) <= 0x9fff for c in text):
                    problems.append(f"{where} @{width}: widow {lines[-1]!r} after {prev!r}")
    assert not problems, f"{len(problems)} bad breaks:\n" + "\n".join(problems[:40])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="あい漢字ティア年間ポイント以上第0123456789。、「」 AB", max_size=60), st.integers(4, 30))
def test_break_lines_with_numbers_loses_nothing(text, width):
    lines = break_lines(text, width, cols)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for ln in lines:  # only a single unbreakable run may exceed the width
        assert cols(ln) <= width or len(atoms(ln)) == 1 or " " not in ln.strip()


KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc-\u30ff]+")


def _split_katakana(lines: list[str]) -> list[str]:
    """Katakana words cut between two lines (ドイ／ツ)."""
    return [f"{a!r} / {b!r}" for a, b in zip(lines, lines[1:], strict=False)
            if KATAKANA_RUN.fullmatch(a.rstrip()[-1:] or "x") and KATAKANA_RUN.fullmatch(b.lstrip()[:1] or "x")]


def test_a_katakana_word_stays_whole():
    assert (False, "ドイツ") in atoms("米国とドイツの協定")
    assert (False, "グローバルサウス") in atoms("グローバルサウスの市場")
    assert [p for _, p in atoms("AIセーフティ・インスティテュート")] == ["AI", "セーフティ・", "インスティテュート"]
    assert (False, "ティア2以上") in atoms("輸出はティア2以上")
    assert (False, "1ポイント") in atoms("費用は1ポイントで"), "a counter in katakana stays with its number"
    assert (False, "DIR/<シナリオ>-<シード>.json") in atoms("DIR/<シナリオ>-<シード>.json に書き出す")
    text = "同盟国はドイツやフランスとともに、グローバルサウスの市場でオープンウェイトのモデルを広げる。"
    for width in range(16, 60):
        lines = break_lines(text, width, cols)
        assert "".join(lines) == text and not _split_katakana(lines), (width, lines)


def test_no_japanese_string_breaks_inside_a_katakana_word():
    """Over every catalog entry and content field, at the widths of the game's boxes (in columns):
    a katakana word narrower than the line is never cut."""
    problems = []
    for where, _en, ja in ALL:
        text = re.sub(r"\{[^}]*\}", "3", ja)
        longest = max((cols(w) for w in KATAKANA_RUN.findall(text)), default=0)
        for width in (24, 36, 48, 64):
            if longest + 4 > width:  # a word (with the punctuation glued to it) that cannot fit is cut
                continue
            problems += [f"{where} @{width}: {x}" for x in _split_katakana(break_lines(text, width, cols))]
    assert not problems, f"{len(problems)} katakana words cut:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_japanese_help_never_cuts_a_katakana_word(columns, capsys, monkeypatch):
    from game.launcher import main

    monkeypatch.setenv("COLUMNS", str(columns))
    out = []
    for command in ([], ["play"], ["workshop"], ["sim"], ["serve"], ["balance"], ["report"], ["cards"]):
        try:
            main(["--lang", "ja", *command, "--help"])
        except SystemExit:
            pass
        out.append(capsys.readouterr().out)
    lines = "\n".join(out).split("\n")
    assert any("シナリオ" in ln for ln in lines)
    bad = _split_katakana(lines)
    assert not bad, "\n".join(bad)
    assert all(display_width(ln) <= columns for ln in lines if KATAKANA_RUN.search(ln)), "the help fits"
