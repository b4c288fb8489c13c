"""``sumiwake sim``: play whole games headless, every seat on one AI policy, and summarise them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.ai.policies import policy_names
from game.engine import Game
from game.session.simulate import simulate
from game.session.storage import save_game

from .messages import t
from .output import CliError, pm, scenario_or_fail, table

EXAMPLES = """\
  sumiwake sim --scenario tutorial
  sumiwake sim --scenario g7-2026 --games 100 --seed 1 --json > g7.json
  sumiwake sim --scenario middle-powers --games 5 --rounds 4 --save saves/
  sumiwake replay saves/middle-powers-0.json"""


def _int_at_least(lo: int):
    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid int value: '{text}'") from None
        if v < lo:
            raise argparse.ArgumentTypeError(f"must be at least {lo}: '{text}'")
        return v
    parse.__name__ = "int"
    return parse


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("sim", help=t("sim.help", lang), description=t("sim.help", lang),
                       epilog=f"{t('sim.stdev_note', lang)}\n\n{t('examples', lang)}:\n{EXAMPLES}", **common)
    p.add_argument("--scenario", required=True, metavar="ID", help=t("sim.scenario", lang))
    p.add_argument("--games", type=_int_at_least(1), default=1, metavar="N", help=t("sim.games", lang))
    p.add_argument("--seed", type=_int_at_least(0), default=0, metavar="S", help=t("sim.seed", lang))
    p.add_argument("--rounds", type=_int_at_least(1), default=None, metavar="R", help=t("sim.rounds", lang))
    p.add_argument("--policy", choices=policy_names(), default="random", help=t("sim.policy", lang))
    p.add_argument("--save", type=Path, metavar="DIR", help=t("sim.save", lang))
    p.add_argument("--json", action="store_true", help=t("opt.json", lang) + ". " + t("sim.stdev_note", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    sc = scenario_or_fail(args.scenario, lang)
    names: dict[str, str] = {}

    def on_game(game: Game) -> None:
        if not names:
            names.update((s, game.seat_name(s, lang)) for s in game.seats)
        if args.save is not None:
            path = args.save / f"{sc.id}-{game.seed}.json"
            try:
                save_game(game, path)
            except OSError as exc:
                raise CliError(t("err.write", lang, path=path, detail=exc.strerror or exc)) from None

    data = simulate(sc, games=args.games, seed=args.seed, rounds=args.rounds, policy=args.policy, on_game=on_game)
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    summary = data["summary"]
    print(t("sim.header", lang, scenario=sc.title.get(lang), games=data["games"], first=args.seed,
            last=args.seed + args.games - 1, rounds=data["rounds"], policy=args.policy))
    print()
    seat_rows = [[names.get(s, s), pm(v["score"]["mean"], v["score"]["stdev"])]
                 for s, v in summary["seats"].items()]
    print(table([t("col.seat", lang), t("col.score", lang)], seat_rows, right=(1,)))
    print()
    idx_rows = [[t("sim.asi", lang), pm(summary["alliance_security"]["mean"], summary["alliance_security"]["stdev"])],
                [t("sim.aci", lang), pm(summary["alliance_competitiveness"]["mean"],
                                        summary["alliance_competitiveness"]["stdev"])]]
    print(table([t("col.index", lang), t("col.value", lang)], idx_rows, right=(1,)))
    print()
    print(t("sim.crises", lang, n=summary["crises"], games=data["games"], cut=summary["ended_by_crisis"]))
    print(t("sim.stdev_note", lang))
    if args.save is not None:
        print(t("sim.saved", lang, n=data["games"], dir=args.save))
    return 0
