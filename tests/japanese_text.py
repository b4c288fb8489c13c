"""Where the game's Japanese text lives, and what counts as an id or stray English in it.

Shared by the tests of the Japanese text (ids, glossary, punctuation): every message catalog
in game/ (found by scanning the source for ``Catalog("name", …)``, so a new one is not
missed) and every bilingual field of rules/ and scenarios/.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from game.i18n import Catalog

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"

# Latin words a Japanese reader meets as they are: names of firms and products, keys on the
# keyboard, the command's own name, units and formats, the language switch, the literal
# values an API caller types (quoted in 「」 where they appear).
LATIN_OK = {
    "OpenAI", "Anthropic", "Sakana", "Mistral", "Cohere", "Sumiwake", "sumiwake", "English",
    "Esc", "Tab", "Enter", "Space", "Shift", "Ctrl", "Alt", "Backspace", "Home", "End", "Delete",
    "PageUp", "PageDown", "Page", "Up", "Down", "Return",
    "distributed", "dask",  # Python packages, named as pip names them
    "http", "https", "wss", "localhost", "yaml", "json", "html", "png", "csv", "md", "svg", "index", "x",
}
# An all-capitals word is an acronym or a placeholder name (AI, G7, EU, ASI, AISI, JSON, DIR, N).
ACRONYM = re.compile(r"^[A-Z0-9]+[a-z]?$")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
OPTION = re.compile(r"(?<![A-Za-z0-9])--?[a-z][a-z0-9-]*")  # a command-line option: --resume, -h
FILE = re.compile(r"[A-Za-z0-9_./*-]+\.(?:html|json|yaml|png|md|csv|svg|j2)\b|(?:/[\w.-]+)+|(?<![A-Za-z])[a-z]+/")  # a file, path or folder
QUOTED = re.compile(r"「[^」]*」|'[^']*'|“[^”]*”")  # what the reader types or typed, as it is
FORMAT = re.compile(r"%\(\w+\)[srd]|%[srd]|\d+x\d+|sumiwake [a-z]+|pip install")  # argparse's %s, a size, a command


def catalog_modules() -> list[str]:
    """Modules of game/ that build a `Catalog` at their top level."""
    out = []
    for path in sorted(GAME.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            value = getattr(node, "value", None)
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "Catalog":
                out.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
                break
    return out


def catalogs() -> list[Catalog]:
    found: dict[str, Catalog] = {}
    for name in catalog_modules():
        for v in vars(importlib.import_module(name)).values():
            if isinstance(v, Catalog):
                found[v.name] = v
    return [found[k] for k in sorted(found)]


def catalog_entries() -> Iterator[tuple[str, str, str]]:
    """``(where, en, ja)`` for every key of every catalog."""
    for c in catalogs():
        for key, entry in c.items():
            yield f"{c.name}:{key}", entry["en"], entry["ja"]


def _walk(node: object, where: str) -> Iterator[tuple[str, str, str]]:
    """Every ``{en, ja}`` field under ``node``; a field whose ``ja`` is missing comes with ``""``
    (the test that both languages are there names it)."""
    if isinstance(node, dict):
        if isinstance(node.get("en"), str):
            ja = node.get("ja")
            yield where, node["en"], ja if isinstance(ja, str) else ""
            return
        for k, v in node.items():
            yield from _walk(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            tag = v.get("id", i) if isinstance(v, dict) else i
            yield from _walk(v, f"{where}[{tag}]")


def content_files() -> list[Path]:
    return sorted([*ROOT.glob("rules/**/*.yaml"), *ROOT.glob("scenarios/*.yaml")])


def content_entries(glossary: bool = False) -> Iterator[tuple[str, str, str]]:
    """``(where, en, ja)`` for every bilingual field of the rules and scenarios (with
    ``glossary``, the glossary's terms too: they list the variants to avoid, so the tests of
    Japanese wording leave them out)."""
    for path in content_files():
        if path.parent.name == "glossary" and not glossary:
            continue
        yield from _walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))


def stray_latin(text: str, allowed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Latin words in Japanese ``text`` that a Japanese reader should not meet: snake_case ids,
    seat, region or kind ids, English words.  Options, file names, paths, acronyms, the words
    of `LATIN_OK` and whatever stands in 「」 (a name the reader typed or must type) pass."""
    text = QUOTED.sub(" ", text)
    text = FORMAT.sub(" ", text)
    text = FILE.sub(" ", text)
    text = OPTION.sub(" ", text)
    return [w for w in WORD.findall(text)
            if w not in LATIN_OK and w not in allowed and not ACRONYM.match(w)]
