"""One message format and one render function for every catalog of the game.

A catalog maps a key to one ``str.format`` template per language, over named
parameters::

    "save.ok": {"en": "Saved to slot {n}.", "ja": "スロット{n}に保存しました。"}

Every catalog (the engine's refusals and ledger causes, the AI's reasons, the
content loader's problems, the command line, the report, the role cards and the
desktop UI) is a `Catalog` and renders through `Catalog.render`.  Parameters
are rendered by the caller (seat ids as seat names and so on) before they are
passed in.

`display_width` is the one measure of terminal columns, shared by the command
line's tables and the line breaker (`game.linebreak`).  `choose_lang` picks the
language of a command from ``--lang``, ``SUMIWAKE_LANG`` and the saved setting.

This module sits below every layer: it imports nothing from the game, and
nothing outside the standard library.
"""

from __future__ import annotations

import errno
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence

LANGS = ("en", "ja")

Entry = Mapping[str, str]


class Catalog(Mapping[str, Entry]):
    """Messages by key, each with an ``en`` and a ``ja`` template.

    It reads as a mapping (``key in catalog``, ``catalog[key]["ja"]``,
    ``catalog.items()``) and renders with `render`.
    """

    __slots__ = ("name", "_entries")

    def __init__(self, name: str, entries: Mapping[str, Entry]) -> None:
        for key, entry in entries.items():
            missing = [lang for lang in LANGS if not isinstance(entry.get(lang), str)]
            if missing:
                raise ValueError(f"catalog {name}: {key}: no {'/'.join(missing)} text")
        self.name = name
        self._entries: dict[str, Entry] = dict(entries)

    def __getitem__(self, key: str) -> Entry:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalog({self.name!r}, {len(self)} keys)"

    def render(self, key: str, lang: str = "en", /, **params: object) -> str:
        """The message ``key`` in ``lang`` with ``params`` filled in.

        An unknown key renders as itself; an unknown language or an empty
        template falls back to English; a template whose parameters were not
        all given falls back to the English one, then to the bare template.
        ``key`` and ``lang`` are positional, so templates may name a parameter
        ``{key}`` or ``{lang}``.
        """
        entry = self._entries.get(key)
        if entry is None:
            return key
        if any(isinstance(v, LocalText) for v in params.values()):  # a value that has its own words per language
            params = {k: v.text(lang) if isinstance(v, LocalText) else v for k, v in params.items()}
        template = entry.get(lang) or entry["en"]
        for text in (template, entry["en"]):
            try:
                return text.format(**params)
            except (KeyError, IndexError, ValueError):
                continue
        return template


class LocalText(str):
    """A parameter value that is words of its own, rendered in the message's language
    (`Catalog.render` asks it with ``text(lang)``).  As a plain string it is its English."""

    def text(self, lang: str) -> str:
        return str(self)


# What the operating system said when a file or a port could not be used, in the reader's
# language (the OS's own text is English, or the machine's locale): by errno name.
OS_ERRORS = Catalog("os_errors", {
    "ENOENT": {"en": "no such file or folder", "ja": "そのファイルまたはフォルダはありません"},
    "EACCES": {"en": "permission denied", "ja": "アクセスが許可されていません"},
    "EPERM": {"en": "permission denied", "ja": "アクセスが許可されていません"},
    "EISDIR": {"en": "it is a folder", "ja": "フォルダです"},
    "ENOTDIR": {"en": "a part of the path is not a folder", "ja": "パスの途中にフォルダでないものがあります"},
    "ENOSPC": {"en": "no space left on the disk", "ja": "ディスクに空きがありません"},
    "EROFS": {"en": "the file system is read-only", "ja": "読み取り専用のファイルシステムです"},
    "EEXIST": {"en": "it already exists", "ja": "すでに存在します"},
    "ENAMETOOLONG": {"en": "the name is too long", "ja": "名前が長すぎます"},
    "EADDRINUSE": {"en": "the address is already in use", "ja": "そのアドレスはすでに使われています"},
    "EADDRNOTAVAIL": {"en": "the address is not available on this computer", "ja": "そのアドレスはこのコンピュータでは使えません"},
})


class OsErrorText(LocalText):
    """An `OSError`'s text: the catalogued words for its errno in each language, or the
    OS's own text where the errno is not catalogued."""

    code: str | None

    def text(self, lang: str) -> str:
        return OS_ERRORS.render(self.code, lang) if self.code is not None else str(self)


def os_error(exc: OSError) -> OsErrorText:
    """What went wrong in ``exc``, as a message parameter that speaks the message's language."""
    code = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    out = OsErrorText(exc.strerror or str(exc))
    out.code = code if code in OS_ERRORS else None
    return out


# The punctuation between the parts of a line the game builds (a list, a label and its value,
# a remark in brackets), by language: Japanese takes the full-width forms.
PUNCTUATION = Catalog("punctuation", {
    "list": {"en": ", ", "ja": "、"},
    "semi": {"en": "; ", "ja": "／"},
    "items": {"en": "; ", "ja": "、"},  # a list of items that hold commas or spaces of their own
    "dot": {"en": " · ", "ja": "・"},
    "colon": {"en": ": ", "ja": "："},
    "colon_b": {"en": ":", "ja": "："},  # a colon that ends a label standing alone
    "lp": {"en": " (", "ja": "（"},
    "rp": {"en": ")", "ja": "）"},
})
_SEPARATOR_KEYS = {", ": "list", "; ": "semi", " · ": "dot", ": ": "colon"}


def punct(name: str, lang: str) -> str:
    """The punctuation ``name`` of `PUNCTUATION` (``"list"``, ``"colon"``, ``"lp"`` …) in ``lang``."""
    entry = PUNCTUATION[name]
    return entry.get(lang) or entry["en"]


def join_list(items: Iterable[str], lang: str, sep: str = ", ") -> str:
    """Items joined by the English separator ``sep`` (``", "``, ``"; "``, ``" · "``, ``": "``) or,
    in another language, by its counterpart in `PUNCTUATION` (Japanese ``、``, ``／``, ``・``, ``：``)."""
    key = _SEPARATOR_KEYS.get(sep)
    return (punct(key, lang) if key else sep).join(items)


def labelled(label: str, value: str, lang: str) -> str:
    """``label: value`` (``ラベル：値`` in Japanese)."""
    return label + punct("colon", lang) + value


def paren(text: str, inner: str, lang: str) -> str:
    """``text (inner)`` (``text（inner）`` in Japanese)."""
    return text + punct("lp", lang) + inner + punct("rp", lang)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width (CJK) characters count
    two, combining marks and zero-width format characters none, the rest one."""
    cols = 0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            cols += 2
        elif not (unicodedata.combining(ch) or unicodedata.category(ch) == "Cf"):
            cols += 1
    return cols


def lang_option(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang X`` or ``--lang=X`` in ``argv``, if any."""
    found = None
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif a.startswith("--lang="):
            found = a.split("=", 1)[1]
    return found


def choose_lang(argv: Sequence[str], environ: Mapping[str, str], saved: str | None = None) -> str:
    """The language to speak: ``--lang`` in ``argv``, else ``SUMIWAKE_LANG``, else the
    saved setting, else English (a value that is not a language is passed over)."""
    for lang in (lang_option(argv), environ.get("SUMIWAKE_LANG"), saved):
        if lang in LANGS:
            return lang
    return "en"
