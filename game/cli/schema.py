"""``sumiwake schema [rules|scenario] [--out DIR]``: the JSON Schemas of the content files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.i18n import os_error
from game.content import rules_schema, scenario_schema
from game.session.storage import write_atomic

from .messages import t
from .output import CliError, writable_dir

EXAMPLES = """\
  sumiwake schema > schemas.json
  sumiwake schema scenario
  sumiwake schema --out schemas/"""

FILES = {"rules": "rules.schema.json", "scenario": "scenario.schema.json"}


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("schema", help=t("schema.help", lang), description=t("schema.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("which", nargs="?", choices=sorted(FILES), help=t("schema.which", lang))
    p.add_argument("--out", metavar="DIR", type=Path, help=t("schema.out", lang))
    p.set_defaults(run=run)


def _dump(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    schemas = {"rules": rules_schema, "scenario": scenario_schema}
    chosen = [args.which] if args.which else sorted(FILES)
    if args.out is None:
        if args.which:
            print(_dump(schemas[args.which]()), end="")
        else:
            print(_dump({k: schemas[k]() for k in chosen}), end="")
        return 0
    writable_dir(args.out, args.lang)
    for k in chosen:
        path = args.out / FILES[k]
        try:
            write_atomic(path, _dump(schemas[k]()))
        except OSError as exc:
            raise CliError(t("err.write", args.lang, path=path, detail=os_error(exc))) from None
        print(t("schema.wrote", args.lang, path=path))
    return 0
