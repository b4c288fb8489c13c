"""``sumiwake replay FILE``: re-simulate a save from its seed and action log, print the reports, check the hash."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.engine import Game, IllegalOrder, SaveError
from game.engine.report import report_text
from game.session.storage import load_game

from .messages import t
from .output import CliError

EXAMPLES = """\
  sumiwake sim --scenario tutorial --seed 7 --save saves/
  sumiwake replay saves/tutorial-7.json
  sumiwake replay --lang ja saves/tutorial-7.json"""


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("replay", help=t("replay.help", lang), description=t("replay.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("file", metavar="FILE", type=Path, help=t("replay.file", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        saved = load_game(args.file)  # checks format, version, content and the stored state's hash
    except SaveError as exc:
        raise CliError(exc.message(lang)) from None
    try:
        replayed = Game.replay(saved.rs.scenario, saved.seed, saved.rounds, saved.actions)
    except IllegalOrder as exc:
        raise CliError(f"{args.file}: " + t("replay.bad_log", lang, detail=exc.message(lang))) from None
    except SaveError as exc:
        raise CliError(f"{args.file}: " + t("replay.bad_log", lang, detail=exc.message(lang))) from None
    except (IndexError, KeyError, TypeError, ValueError) as exc:
        raise CliError(f"{args.file}: " + t("replay.bad_log", lang, detail=exc)) from None
    for i, report in enumerate(replayed.reports):
        if i:
            print()
        print(report_text(report, replayed.rs, lang))
    got, want = replayed.state_hash(), saved.state_hash()
    if got != want:
        raise CliError(f"{args.file}: " + t("replay.mismatch", lang, got=got[:12], want=want[:12]))
    print()
    print(t("replay.ok", lang, hash=got[:12]))
    return 0
