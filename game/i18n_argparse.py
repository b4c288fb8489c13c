"""argparse in the player's language: its own words ("usage:", "error:", "the
following arguments are required", "invalid choice" …) and help text wrapped by
display columns, so Japanese help lines fit the terminal and break by kinsoku rules.

argparse looks its words up through ``gettext`` as it builds a parser and as it
parses; `argparse_language` routes those look-ups to `ARGPARSE` for as long as it
is active, so build the parser and parse inside it::

    with argparse_language("ja"):
        parser = build_parser("ja")
        args = parser.parse_args(argv)

Like `game.i18n`, this module sits below every layer (standard library only), so
both the command line and the desktop game's ``play``/``workshop`` use it.
"""

from __future__ import annotations

import argparse
import contextlib
import re
from collections.abc import Callable, Iterable, Iterator

from game.i18n import Catalog, display_width, join_list
from game.linebreak import break_lines

# argparse's own messages (its gettext msgids, as in the standard library) in Japanese.
ARGPARSE = Catalog("argparse", {
    "usage: ": {"en": "usage: ", "ja": "使い方："},
    "positional arguments": {"en": "positional arguments", "ja": "引数"},
    "options": {"en": "options", "ja": "オプション"},
    "optional arguments": {"en": "optional arguments", "ja": "オプション"},  # Python before 3.10
    "show this help message and exit": {"en": "show this help message and exit",
                                        "ja": "このヘルプを表示して終了します"},
    "show program's version number and exit": {"en": "show program's version number and exit",
                                               "ja": "バージョンを表示して終了します"},
    "%(prog)s: error: %(message)s\n": {"en": "%(prog)s: error: %(message)s\n",
                                       "ja": "%(prog)s：エラー：%(message)s\n"},
    "argument %(argument_name)s: %(message)s": {"en": "argument %(argument_name)s: %(message)s",
                                                "ja": "%(argument_name)s：%(message)s"},
    "the following arguments are required: %s": {"en": "the following arguments are required: %s",
                                                 "ja": "次の引数を指定してください：%s"},
    "one of the arguments %s is required": {"en": "one of the arguments %s is required",
                                            "ja": "%s のいずれかを指定してください"},
    "unrecognized arguments: %s": {"en": "unrecognized arguments: %s", "ja": "不明な引数です：%s"},
    "ambiguous option: %(option)s could match %(matches)s": {
        "en": "ambiguous option: %(option)s could match %(matches)s",
        "ja": "%(option)s は複数のオプションに当てはまります（%(matches)s）"},
    "invalid choice: %(value)r (choose from %(choices)s)": {
        "en": "invalid choice: %(value)r (choose from %(choices)s)",
        "ja": "%(value)rは選べません（選択肢：%(choices)s）"},
    "invalid %(type)s value: %(value)r": {"en": "invalid %(type)s value: %(value)r",
                                          "ja": "%(value)r は %(type)s の値として読めません"},
    "expected one argument": {"en": "expected one argument", "ja": "値を1つ指定してください"},
    "expected at most one argument": {"en": "expected at most one argument", "ja": "値は1つまでです"},
    "expected at least one argument": {"en": "expected at least one argument", "ja": "値を1つ以上指定してください"},
    "expected %s argument": {"en": "expected %s argument", "ja": "値を%s個指定してください"},
    "expected %s arguments": {"en": "expected %s arguments", "ja": "値を%s個指定してください"},
    "not allowed with argument %s": {"en": "not allowed with argument %s", "ja": "%s と同時には指定できません"},
    "ignored explicit argument %r": {"en": "ignored explicit argument %r",
                                     "ja": "このオプションは値を取りません（%r）"},
    "unexpected option string: %s": {"en": "unexpected option string: %s", "ja": "ここでは使えないオプションです：%s"},
    "can't open '%(filename)s': %(error)s": {"en": "can't open '%(filename)s': %(error)s",
                                             "ja": "「%(filename)s」を開けません：%(error)s"},
    "unknown parser %(parser_name)r (choices: %(choices)s)": {
        "en": "unknown parser %(parser_name)r (choices: %(choices)s)",
        "ja": "%(parser_name)r というコマンドはありません（選択肢：%(choices)s）"},
    'argument "-" with mode %r': {"en": 'argument "-" with mode %r', "ja": "「-」はモード %r では使えません"},
})

# argparse msgids that only a programming error raises, while a parser is being built:
# a user never sees them, so they stay in English.
DEVELOPER_ONLY = frozenset({
    "conflicting option string: %s", "conflicting option strings: %s", ".__call__() not defined",
    "'required' is an invalid argument for positionals", "mutually exclusive arguments must be optional",
    "%r is not callable", "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r", "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments", "conflicting subparser: %s", "conflicting subparser alias: %s",
})


def gettext_in(lang: str, message: str) -> str:
    """argparse's ``message`` in ``lang`` (itself when there is no entry)."""
    entry = ARGPARSE.get(message)
    return (entry.get(lang) or message) if entry is not None else message


class _Typed(str):
    """What the reader typed, quoted the Japanese way where argparse writes ``%(value)r``."""

    def __repr__(self) -> str:
        return f"「{self}」"


def _check_value_in(lang: str) -> Callable[[argparse.ArgumentParser, argparse.Action, object], None]:
    """argparse's check of a value against an option's choices, with the value and the choices
    quoted and listed in ``lang`` (「extreme」は選べません（選択肢：「easy」、「normal」、「hard」）)."""
    def check(parser: argparse.ArgumentParser, action: argparse.Action, value: object) -> None:
        if action.choices is not None and value not in action.choices:
            choices = join_list((repr(_Typed(c)) for c in action.choices), lang)
            message = gettext_in(lang, "invalid choice: %(value)r (choose from %(choices)s)")
            raise argparse.ArgumentError(action, message % {"value": _Typed(value), "choices": choices})
    return check


@contextlib.contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """While active, argparse speaks ``lang`` (English needs nothing)."""
    if lang == "en":
        yield
        return
    module = vars(argparse)  # argparse calls its module-level _() and ngettext()
    saved = module["_"], module["ngettext"], argparse.ArgumentParser._check_value
    module["_"] = lambda message: gettext_in(lang, message)
    module["ngettext"] = lambda one, many, n: gettext_in(lang, one if n == 1 else many)
    argparse.ArgumentParser._check_value = _check_value_in(lang)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        module["_"], module["ngettext"], argparse.ArgumentParser._check_value = saved  # type: ignore[method-assign]


_SPACES = re.compile(r"\s+")
_JA_HEADING = re.compile(r"(?m)^(\s*\S.*[^\x00-\x7f]):$")


def _wide(text: str) -> bool:
    return display_width(text) > len(text)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs as written; text with Japanese in it is wrapped by
    display columns with kinsoku shori (a Japanese character takes two columns), and a
    Japanese heading ends in a full-width colon.  Text without wide characters is
    formatted exactly as argparse does."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _wide(text):
            return super()._split_lines(text, width)
        return break_lines(_SPACES.sub(" ", text).strip(), max(width, 11), display_width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _wide(text):
            return super()._fill_text(text, width, indent)
        out = []
        for line in text.splitlines(keepends=True):
            body, end = line.rstrip("\n"), line[len(line.rstrip("\n")):]
            if _wide(body) and display_width(indent + body) > width:
                parts = break_lines(body, max(width - len(indent), 11), display_width)
                out.append("\n".join(indent + part for part in parts) + end)
            else:
                out.append(indent + line)
        return "".join(out)

    def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None) -> str:
        if prefix is None:
            prefix = vars(argparse)["_"]("usage: ")
        pad = display_width(prefix) - len(prefix)
        if pad <= 0:
            return super()._format_usage(usage, actions, groups, prefix)
        # wrapped usage lines line up under the first by columns, not characters
        text = super()._format_usage(usage, actions, groups, prefix + "\0" * pad)
        return text.replace("\0", "")

    def format_help(self) -> str:
        return _JA_HEADING.sub(r"\1：", super().format_help())
