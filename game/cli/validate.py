"""``sumiwake validate [PATH…]``: check content files; one ``file:line:col: path: message`` per problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.content import validate
from game.content import paths

from .messages import t

EXAMPLES = """\
  sumiwake validate
  sumiwake validate scenarios/g7-2026.yaml
  sumiwake validate my-scenarios/"""


def content_root() -> Path:
    """The directory holding ``rules/`` and ``scenarios/`` (as the loader finds it)."""
    return paths.content_root()


def count_files(paths: list[Path] | None, root: Path) -> int:
    """How many YAML files ``validate(paths)`` reads (mirrors the loader's expansion)."""
    n = 0
    for p in paths if paths is not None else [root]:
        if p.is_dir():
            if p.resolve() == root:
                n += len(list((root / "rules").glob("*.yaml"))) + len(list((root / "scenarios").glob("*.yaml")))
            else:
                n += sum(1 for q in p.glob("*.yaml") if q.is_file())
        else:
            n += 1
    return n


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("validate", help=t("validate.help", lang), description=t("validate.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("paths", nargs="*", metavar="PATH", type=Path, help=t("validate.paths", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = args.paths or None
    problems = validate(paths)
    if problems:
        for pr in problems:
            print(pr.text(args.lang))
        return 2
    print(t("validate.ok", args.lang, n=count_files(paths, content_root())))
    return 0
