"""``sumiwake cards --scenario ID --out DIR``: printable role cards and a rules summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.session.cards import write_cards

from .messages import t
from .output import scenario_or_fail, scenario_ref, writable_dir, write_failed

EXAMPLES = """\
  sumiwake cards --scenario g7-2026 --out cards/
  sumiwake cards --scenario g7-2026 --seed 4 --out cards/   # with each seat's dealt secret objective
  sumiwake cards --scenario tutorial --out cards/ --lang ja"""


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("cards", help=t("cards.help", lang), description=t("cards.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("--scenario", metavar="ID", required=True, help=t("cards.scenario", lang))
    p.add_argument("--out", metavar="DIR", type=Path, required=True, help=t("cards.out", lang))
    p.add_argument("--seed", metavar="S", type=int, default=None, help=t("cards.seed", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    scenario = scenario_or_fail(args.scenario, args.lang)
    inputs = [args.scenario] if Path(args.scenario).is_file() else []
    writable_dir(args.out, args.lang, inputs)
    try:
        files = write_cards(scenario_ref(scenario), args.out, args.lang, args.seed)
    except OSError as exc:
        raise write_failed(getattr(exc, "filename", None) or args.out, exc, args.lang) from None
    print(t("cards.ok", args.lang, n=len(files), dir=args.out))
    return 0
