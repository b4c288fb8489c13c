"""Line breaking for English and Japanese, with kinsoku shori (禁則処理).

Pure functions, no pygame: the caller passes ``measure(text) -> width`` (pixels
from a font, or terminal columns from `display_width`).

* English and other Latin text breaks only at spaces; a word wider than the
  line is cut by character as a last resort.
* Japanese breaks between any two characters, except inside a katakana word (ドイツ,
  グローバルサウス: a run of katakana and ー stays whole; ・ between two words may end a line),
  and except that no line starts with
  a closing bracket, 。、 or other "no-start" character (行頭禁則) and no line ends
  with an opening bracket (行末禁則): such characters travel with their
  neighbour to the next line (追い出し).
* A number stays with its counter and the words around it (8年間, 1ポイント, ティア3,
  ティア2以上, 第3ラウンド, 3〜4ポイント): `COUNTERS` after a number and `BEFORE_NUMBER` before it are
  glued to it.
* A Japanese paragraph does not end on a lone short line (「よう。」) when pieces of the
  line before can move down to it without adding a line.
* A piece wider than the whole line (a long URL, a katakana word in a very narrow box) is cut
  by character as a last resort.
* Spaces that end a line are dropped; spaces written in the text are kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from game.i18n import display_width

__all__ = ["NO_END", "NO_START", "atoms", "break_lines", "display_width", "ellipsize", "wrap_columns"]

Measure = Callable[[str], int]

# 行頭禁則: may not begin a line (closing brackets, stops, small kana, prolonged sound mark…)
NO_START = frozenset(
    ",.:;!?)]}>%"
    "、。，．・：；！？‐゠–—―…‥〜～ー"
    "）］｝〕〉》」』】〙〗〟’”｠»›"
    "ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "％‰℃°′″"
)
# 行末禁則: may not end a line (opening brackets, currency and other prefixes)
NO_END = frozenset("([{<（［｛〔〈《「『【〘〖〝‘“｟«‹¥$£€＄￥＃#")


# Words that follow a number and belong to it (longest first when matched): counters, then the
# words that may follow a counter (以上, 目, 間).  A number before any other Japanese word is
# kept with that word's first character.
COUNTERS = (
    "パーセント", "ポイント", "ラウンド", "フェーズ", "ステップ", "スロット", "ユーロ", "シード", "チーム",
    "ページ", "カード", "ターン", "ドル", "か月", "ヶ月", "カ月", "か国", "ヶ国", "カ国", "か所", "ヶ所",
    "以上", "以下", "未満", "以内", "超", "年間", "年目", "年度", "時間", "日間", "週間", "回目", "番目", "人分",
    "年", "月", "日", "件", "人", "回", "位", "倍", "割", "点", "個", "社", "席", "国", "枠", "分", "秒",
    "時", "円", "億", "万", "歳", "期", "号", "段", "級", "度", "目", "間", "つ", "%", "％",
)
AFTER_COUNTER = ("以上", "以下", "未満", "以内", "超", "目", "間", "分")
# Words before a number that name what it counts (ティア3, 第3, ステップ1)
BEFORE_NUMBER = ("ティア", "ラウンド", "ステップ", "フェーズ", "スロット", "シード", "レベル", "チーム", "第", "約", "計",
                 "各", "全", "毎", "上位", "下位")
RANGE = ("〜", "～", "-", "–")  # between the two numbers of a range
WIDOW = 5  # a Japanese paragraph's last line has at least this many characters when it can
_FULLWIDTH_DIGITS = "０１２３４５６７８９"


def _is_number(piece: str) -> bool:
    return any(c.isdigit() for c in piece) and all(c.isdigit() or c in "+-.,%％＋－" or c in _FULLWIDTH_DIGITS
                                                   for c in piece)


def _is_wide(ch: str) -> bool:
    return display_width(ch) == 2


def _is_katakana(ch: str) -> bool:
    """A letter of a katakana word: katakana (full- and half-width, small ones) and ー, not the ・
    that separates two words."""
    o = ord(ch)
    return (0x30A1 <= o <= 0x30FA or 0x30FC <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF
            or 0xFF66 <= o <= 0xFF9F)


def _breaks_anywhere(ch: str) -> bool:
    """Characters between which a line may break without a space (CJK scripts)."""
    return _is_wide(ch) or (not ch.isascii() and (ch in NO_START or ch in NO_END))


def atoms(text: str) -> list[tuple[bool, str]]:
    """Split one paragraph into unbreakable pieces, each with "a space came before it".

    Latin words stay whole; each CJK character is its own piece; kinsoku
    characters are glued to the piece they may not be separated from.
    """
    raw: list[tuple[bool, str]] = []
    space = False
    word = ""
    for ch in text:
        if ch == " " or ch == "\t":
            if word:
                raw.append((space, word))
                word = ""
            space = True
        elif _is_katakana(ch):  # a katakana word is one piece, like a Latin word
            if word and not _is_katakana(word[-1]):
                raw.append((space, word))
                word, space = "", False
            word += ch
        elif word and _is_katakana(word[-1]):  # the katakana word ends here
            raw.append((space, word))
            word, space = "", False
            if _breaks_anywhere(ch):
                raw.append((False, ch))
            else:
                word = ch
        elif _breaks_anywhere(ch):
            if word:
                raw.append((space, word))
                word, space = "", False
            raw.append((space, ch))
            space = False
        else:
            word += ch
    if word:
        raw.append((space, word))
    raw = _glue_numbers(raw)

    out: list[tuple[bool, str]] = []
    carry = ""  # opening brackets waiting for the piece they open
    carry_space = False
    for sp, piece in raw:
        if carry:
            if sp:  # "「 word": keep the space inside the glued piece
                piece = " " + piece
            out.append((carry_space, carry + piece))
            carry, carry_space = "", False
            if piece[-1] in NO_END:
                carry_space = out[-1][0]
                carry = out.pop()[1]
            continue
        if piece[0] in NO_START and out:  # "word —", "語。": stays on the line before
            out[-1] = (out[-1][0], out[-1][1] + (" " if sp else "") + piece)
        elif piece[-1] in NO_END and len(piece) == 1:
            carry, carry_space = piece, sp
        else:
            out.append((sp, piece))
    if carry:
        if out:
            out[-1] = (out[-1][0], out[-1][1] + (" " if carry_space else "") + carry)
        else:
            out.append((carry_space, carry))
    glued: list[tuple[bool, str]] = []  # a longer piece that ends in an opener ("DIR/<") opens the next
    for sp, piece in out:
        if glued and not sp and glued[-1][1][-1] in NO_END:
            glued[-1] = (glued[-1][0], glued[-1][1] + piece)
        else:
            glued.append((sp, piece))
    return glued


def _glue_numbers(raw: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """Numbers joined to their counters and to the word before them that names what they count."""
    pieces: list[tuple[bool, str]] = []
    for sp, piece in raw:  # full-width digits arrive one by one: one number
        if (piece in _FULLWIDTH_DIGITS and pieces and not sp and pieces[-1][1][-1:] in _FULLWIDTH_DIGITS):
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + piece)
        else:
            pieces.append((sp, piece))
    out: list[tuple[bool, str]] = []
    i = 0
    while i < len(pieces):
        sp, piece = pieces[i]
        i += 1
        if not _is_number(piece):
            out.append((sp, piece))
            continue
        # before: the word naming what is counted (no space between)
        for word in BEFORE_NUMBER:
            n = _pieces_ending(out, word) if not sp else 0
            if n:
                sp = out[-n][0]
                piece = "".join(p2 for _, p2 in out[-n:]) + piece
                del out[-n:]
                break
        # a range (3〜4ポイント): the second number joins the first
        while i + 1 < len(pieces) and pieces[i][1] in RANGE and not pieces[i][0] and not pieces[i + 1][0] \
                and _is_number(pieces[i + 1][1]):
            piece += pieces[i][1] + pieces[i + 1][1]
            i += 2
        # after: a counter, then what may follow it
        for table in (COUNTERS, AFTER_COUNTER):
            n = _pieces_starting(pieces, i, table)
            if not n and table is COUNTERS and i < len(pieces) and not pieces[i][0] and len(pieces[i][1]) == 1 \
                    and unicodedata.name(pieces[i][1], "").startswith("CJK"):
                n = 1  # another kanji after a number is a counter too
            if not n:
                break
            piece += "".join(p2 for _, p2 in pieces[i:i + n])
            i += n
        out.append((sp, piece))
    return out


def _pieces_ending(out: list[tuple[bool, str]], word: str) -> int:
    """How many pieces at the end of ``out`` spell ``word`` with no space between them (single
    characters, or one katakana word that ends in it: ティア, 輸出ティア), else 0."""
    if out and len(out[-1][1]) > 1:
        last = out[-1][1]
        return 1 if _is_katakana(last[-1]) and last.endswith(word) and _is_katakana(word[0]) else 0
    n = len(word)
    if len(out) >= n and all(not s2 and len(p2) == 1 for s2, p2 in out[-n:][1:]) \
            and "".join(p2 for _, p2 in out[-n:]) == word:
        return n
    return 0


def _pieces_starting(pieces: list[tuple[bool, str]], i: int, table: tuple[str, ...]) -> int:
    """How many pieces from ``pieces[i]`` on (no space before any) spell the first word of
    ``table`` they can: single characters (年間, 以上), or a katakana word that is a counter or
    starts with one (ポイント, ドル…), else 0."""
    if i >= len(pieces) or pieces[i][0]:
        return 0
    first = pieces[i][1]
    if len(first) > 1:
        return 1 if _is_katakana(first[0]) and any(first.startswith(w) for w in table) else 0
    ahead = ""
    j = i
    while j < len(pieces) and not pieces[j][0] and len(pieces[j][1]) == 1 and len(ahead) < 6:
        ahead += pieces[j][1]
        j += 1
    word = next((w for w in table if ahead.startswith(w)), "")
    return len(word)


def _cut(piece: str, width: int, measure: Measure) -> list[str]:
    """A piece wider than the line, cut by character (never before a no-start character)."""
    parts: list[str] = []
    while piece and measure(piece) > width and len(piece) > 1:
        k = len(piece) - 1
        while k > 1 and measure(piece[:k]) > width:
            k -= 1
        while 1 < k < len(piece) and (piece[k] in NO_START or piece[k - 1] in NO_END):
            k -= 1
        space = piece.rfind(" ", 1, k + 1)
        if space > 0 and piece[space + 1:space + 2] not in NO_START:  # a glued "word 「" breaks at its space
            k = space
        while 1 < k < len(piece) and piece[k:].lstrip()[:1] in NO_START:
            k -= 1
        parts.append(piece[:k].rstrip())
        piece = piece[k:].lstrip()
    if piece:
        parts.append(piece)
    return parts


def break_lines(text: str, width: int, measure: Measure) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (``\\n`` forces a break)."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(_break_paragraph(para, width, measure))
    return lines


def _join(pieces: list[tuple[bool, str]]) -> str:
    return "".join((" " if sp and k else "") + piece for k, (sp, piece) in enumerate(pieces)).rstrip()


def _break_paragraph(para: str, width: int, measure: Measure) -> list[str]:
    rows: list[list[tuple[bool, str]] | None] = []  # each line's pieces (None: a line cut out of one piece)
    lines: list[str] = []
    line = ""
    row: list[tuple[bool, str]] = []
    for sp, piece in atoms(para):
        trial = line + (" " if sp and line else "") + piece
        if not line or measure(trial) <= width:
            line = trial
            row.append((sp, piece))
        else:
            lines.append(line.rstrip())
            rows.append(row)
            line, row = piece, [(sp, piece)]
        if measure(line) > width:
            *full, line = _cut(line, width, measure)
            lines.extend(full)
            rows.extend([None] * len(full))
            row = [(False, line)]
    lines.append(line.rstrip())
    rows.append(row)
    last, prev = (rows[-1], rows[-2]) if len(rows) == len(lines) >= 2 else (None, None)
    if last is not None and prev is not None and any(_is_wide(c) for c in para):
        _no_widow([prev, last], lines, width, measure)
    return lines


def _no_widow(rows: list[list[tuple[bool, str]]], lines: list[str], width: int, measure: Measure) -> None:
    """A short last line (under five characters, or a fifth of the width) takes pieces from the
    end of the line before, as long as it still fits and stays the shorter of the two."""
    last, prev = rows[-1], rows[-2]
    while (len(lines[-1]) < WIDOW or measure(lines[-1]) < width / 5) and len(prev) > 1:
        piece = prev[-1]
        cand_last = _join([(False, piece[1])] + last)
        cand_prev = _join(prev[:-1])
        if measure(cand_last) > width or measure(cand_last) > measure(cand_prev):
            break
        prev.pop()
        last.insert(0, piece)
        lines[-2], lines[-1] = cand_prev, cand_last


def ellipsize(text: str, width: int, measure: Measure, mark: str = "…") -> str:
    """``text`` cut to fit ``width`` with ``mark`` at the end (unchanged when it fits)."""
    if measure(text) <= width:
        return text
    text = text.rstrip(" .。、")
    while text and measure(text.rstrip(" .。、") + mark) > width:
        text = text[:-1]
    return text.rstrip(" .。、") + mark


def wrap_columns(text: str, columns: int = 78) -> str:
    """Plain-text wrapping for terminals and text reports, by display columns."""
    return "\n".join(break_lines(text, columns, display_width))
