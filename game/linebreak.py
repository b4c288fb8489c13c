"""Line breaking for English and Japanese, with kinsoku shori (禁則処理).

Pure functions, no pygame: the caller passes ``measure(text) -> width`` (pixels
from a font, or terminal columns from `display_width`).

* English and other Latin text breaks only at spaces; a word wider than the
  line is cut by character as a last resort.
* Japanese breaks between any two characters, except that no line starts with
  a closing bracket, 。、 or other "no-start" character (行頭禁則) and no line ends
  with an opening bracket (行末禁則): such characters travel with their
  neighbour to the next line (追い出し).
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


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


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
    return out


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
        line = ""
        for sp, piece in atoms(para):
            trial = line + (" " if sp and line else "") + piece
            if not line or measure(trial) <= width:
                line = trial
            else:
                lines.append(line.rstrip())
                line = piece
            if measure(line) > width:
                *full, line = _cut(line, width, measure)
                lines.extend(full)
        lines.append(line.rstrip())
    return lines


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
