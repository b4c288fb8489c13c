"""``sumiwake scenarios``: list the scenarios (id, title, seats, rounds)."""

from __future__ import annotations

import argparse
import json
import sys

from game.content import ContentError, load_scenario, scenario_ids

from .messages import t
from .output import table

EXAMPLES = """\
  sumiwake scenarios
  sumiwake --lang ja scenarios
  sumiwake scenarios --json"""


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("scenarios", help=t("scenarios.help", lang), description=t("scenarios.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("--json", action="store_true", help=t("opt.json", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    rows, items, failed = [], [], False
    for sid in scenario_ids():
        try:
            sc = load_scenario(sid)
        except ContentError as exc:
            for pr in exc.problems:
                print(pr.text(lang), file=sys.stderr)
            failed = True
            continue
        rows.append([sc.id, sc.title.get(lang), str(len(sc.seats)), str(sc.rounds)])
        items.append({"id": sc.id, "title": sc.title.model_dump(), "seats": list(sc.seats),
                      "human_seats": list(sc.human_seats), "rounds": sc.rounds})
    if args.json:
        print(json.dumps({"scenarios": items}, ensure_ascii=False, indent=1))
    else:
        headers = [t("col.id", lang), t("col.title", lang), t("col.seats", lang), t("col.rounds", lang)]
        print(table(headers, rows, right=(2, 3)))
    if failed:
        print(t("err.content", lang), file=sys.stderr)
        return 2
    return 0
