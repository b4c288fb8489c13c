"""``sumiwake sim``: play whole games headless, every seat on one AI policy, and summarise them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.i18n import os_error
from game.engine import Game
from game.session.storage import save_game

from .messages import t
from .output import CliError, int_at_least, pm, scenario_or_fail, scenario_ref, table, writable_dir

EXAMPLES = """\
  sumiwake sim --scenario tutorial
  sumiwake sim --scenario g7-2026 --games 100 --seed 1 --json > g7.json
  sumiwake sim --scenario middle-powers --games 5 --rounds 4 --save saves/
  sumiwake replay saves/middle-powers-0.json"""


def _known(what: str, lang: str):
    """An argparse type that accepts a known policy or profile name (looked up when given)."""

    def check(name: str) -> str:
        from game.ai.policies import policy_names
        from game.content import ContentError
        from game.content.ai_schema import load_profiles

        try:
            known = policy_names() if what == "policy" else sorted(load_profiles())
        except ContentError as exc:
            raise argparse.ArgumentTypeError(exc.problems[0].text(lang)) from None
        if name not in known:
            raise argparse.ArgumentTypeError(t(f"sim.unknown_{what}", lang, name=name, known=typed_names(known, lang)))
        return name

    return check


def typed_names(names: list[str], lang: str) -> str:
    """Names a reader types after an option: ``a, b`` in English; 「a」、「b」 in Japanese."""
    return ", ".join(names) if lang != "ja" else "、".join(f"「{n}」" for n in names)


def policy_words(label: str, args: argparse.Namespace, names: dict[str, str]) -> str:
    """The table's AI in the reader's words.  English gives the label the batch reports (the
    name ``--policy`` takes, or "persona bots (…)"); Japanese names the policy, difficulty,
    profile and personas in words."""
    lang = args.lang
    if lang != "ja":
        return label
    if label == args.policy and not args.persona and args.difficulty is None and args.profile is None:
        return policy_name(label, lang)
    from game.content.ai_schema import load_personas

    personas = load_personas()
    bits = [t(f"difficulty.{args.difficulty or 'normal'}", lang)]
    if args.profile:
        bits.append(t("sim.words.profile", lang, profile=args.profile))
    for item in args.persona:
        seat, _, pid = item.partition("=")
        p = personas.get(pid)
        bits.append(t("sim.words.persona", lang, seat=names.get(seat, seat), persona=p.name.get(lang) if p else pid))
    return t("sim.words.bots", lang, details="、".join(bits))


def policy_name(name: str, lang: str) -> str:
    """A policy name (``random``, ``normal``, ``persona:hawk:hard``) in words in Japanese; as
    given in English, where it is the name the command line takes."""
    if lang != "ja":
        return name
    parts = name.split(":")
    if name == "random":
        return t("sim.words.random", lang)
    if len(parts) == 1:
        return t("sim.words.bots", lang, details=t(f"difficulty.{name}", lang))
    from game.content.ai_schema import load_personas

    p = load_personas().get(parts[1])
    return t("sim.words.persona_bot", lang, persona=p.name.get(lang) if p else parts[1],
             difficulty=t(f"difficulty.{parts[2]}", lang))


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("sim", help=t("sim.help", lang), description=t("sim.help", lang),
                       epilog=f"{t('sim.stdev_note', lang)}\n\n{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("--scenario", required=True, metavar="ID", help=t("sim.scenario", lang))
    p.add_argument("--games", type=int_at_least(1, lang), default=1, metavar="N", help=t("sim.games", lang))
    p.add_argument("--seed", type=int_at_least(0, lang), default=0, metavar="S", help=t("sim.seed", lang))
    p.add_argument("--rounds", type=int_at_least(1, lang), default=None, metavar="R", help=t("sim.rounds", lang))
    p.add_argument("--policy", type=_known("policy", lang), default="normal", metavar="NAME",
                   help=t("sim.policy", lang))
    p.add_argument("--save", type=Path, metavar="DIR", help=t("sim.save", lang))
    # persona bots (game.ai.bot): any of these replaces --policy.  The names are listed in the
    # help when the AI content reads cleanly; a broken file must not break every command.
    from game.content import ContentError
    from game.content.ai_schema import load_personas, load_profiles

    try:
        profiles, personas = typed_names(sorted(load_profiles()), lang), typed_names(sorted(load_personas()), lang)
    except ContentError:
        profiles = personas = "(sumiwake validate)"
    p.add_argument("--profile", type=_known("profile", lang), metavar="NAME",
                   help=t("sim.profile", lang, names=profiles))
    p.add_argument("--persona", action="append", default=[], metavar="SEAT=NAME",
                   help=t("sim.persona", lang, names=personas))
    from game.ai.policy import DIFFICULTIES

    p.add_argument("--difficulty", choices=DIFFICULTIES, default=None, help=t("sim.difficulty", lang))
    p.add_argument("--jobs", type=int_at_least(1, lang), default=1, metavar="N", help=t("sim.jobs", lang))
    p.add_argument("--cluster", metavar="ADDRESS", default=None, help=t("sim.cluster", lang))
    p.add_argument("--json", action="store_true", help=t("sim.json", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    sc = scenario_or_fail(args.scenario, lang)
    if args.save is not None:  # before any game is played
        writable_dir(args.save, lang, [args.scenario] if Path(args.scenario).is_file() else [])
    names: dict[str, str] = {}

    def on_game(game: Game) -> None:
        if not names:
            names.update((s, game.seat_name(s, lang)) for s in game.seats)
        if args.save is not None:
            path = args.save / f"{sc.id}-{game.seed}.json"
            try:
                save_game(game, path)
            except OSError as exc:
                raise CliError(t("err.write", lang, path=path, detail=os_error(exc))) from None

    from game.session.balance import parse_personas
    from game.session.batch import BatchError
    from game.session.simulate import simulate

    from .balance import ProgressBar

    try:
        personas = parse_personas(args.persona, scenario_ref(sc))
    except (ValueError, KeyError) as exc:
        raise CliError(str(exc).strip("'\"")) from None
    try:
        data = simulate(scenario_ref(sc), games=args.games, seed=args.seed, rounds=args.rounds, policy=args.policy,
                        profile=args.profile, personas=personas, difficulty=args.difficulty, jobs=args.jobs,
                        cluster=args.cluster, on_game=on_game if args.save is not None else None,
                        progress=ProgressBar("sim"))
    except BatchError as exc:
        raise CliError(t(exc.code, args.lang, **exc.params)) from None
    if args.save is None:
        on_game(Game.new(sc, seed=args.seed))  # seat names for the table
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    summary = data["summary"]
    print(t("sim.header", lang, scenario=sc.title.get(lang), games=data["games"], first=args.seed,
            last=args.seed + args.games - 1, rounds=data["rounds"], policy=policy_words(data["policy"], args, names)))
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
