"""``sumiwake balance``: measure the balance targets (GAME_DESIGN section 10).

Plays scripted table profiles on paired seeds for T1–T5 on every scenario where
they apply, and the no-dominant-persona round-robin; prints one row per
measurement (target, scenario, metric, margin, 95% interval, pass/fail); writes
JSON or Markdown with ``--out``; exits 1 if any target fails.  Progress goes to
stderr only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from game.i18n import join_list
from game.session.balance import run as run_balance
from game.session.storage import write_atomic

from .messages import t
from .output import CliError, int_at_least, table, writable_file, write_failed  # noqa: F401

EXAMPLES = """\
  sumiwake balance
  sumiwake balance --games 200 --jobs 4 --out balance.md
  sumiwake balance --games 10 --scenario g7-2026 --out balance.json
  sumiwake balance --games 10 --scenario g7-2026 --best-response-seats usa,sakana --br-budget 12"""


def add_parser(sub: argparse._SubParsersAction, lang: str, **common: Any) -> None:
    desc = t("balance.help", lang)
    p = sub.add_parser("balance", help=desc, description=desc, epilog=f"{t('examples', lang)}\n{EXAMPLES}",
                       **common)
    p.add_argument("--games", type=int_at_least(1, lang), default=40, metavar="N", help=t("balance.games", lang))
    p.add_argument("--seed", type=int_at_least(0, lang), default=0, metavar="S", help=t("balance.seed", lang))
    p.add_argument("--jobs", type=int_at_least(1, lang), default=1, metavar="J", help=t("sim.jobs", lang))
    p.add_argument("--cluster", metavar="ADDRESS", default=None, help=t("sim.cluster", lang))
    p.add_argument("--scenario", action="append", metavar="ID", help=t("balance.scenario", lang))
    p.add_argument("--dominance-games", type=int_at_least(1, lang), default=None, metavar="N", help=t("balance.dominance", lang))
    p.add_argument("--br-budget", type=int_at_least(0, lang), default=24, metavar="N", help=t("balance.br_budget", lang))
    p.add_argument("--best-response-seats", metavar="SEATS", default=None, help=t("balance.br_seats", lang))
    p.add_argument("--br-seeds", type=int_at_least(2, lang), default=16, metavar="N", help=t("balance.br_seeds", lang))
    p.add_argument("--br-scored", type=int_at_least(2, lang), default=48, metavar="N", help=t("balance.br_scored", lang))
    p.add_argument("--outcome-games", type=int_at_least(0, lang), default=None, metavar="N",
                   help=t("balance.outcome_games", lang))
    p.add_argument("--decisive-seeds", type=int_at_least(0, lang), default=None, metavar="N",
                   help=t("balance.decisive_seeds", lang))
    p.add_argument("--calibrate-par", action="store_true", help=t("balance.calibrate_par", lang))
    p.add_argument("--out", type=Path, metavar="FILE", help=t("balance.out", lang))
    p.add_argument("--quiet", action="store_true", help=t("balance.quiet", lang))
    p.set_defaults(run=run)


class ProgressBar:
    """A one-line progress bar on stderr (only when stderr is a terminal, unless forced)."""

    def __init__(self, label: str, enabled: bool = True, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.label = label
        self.start = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        frac = done / total if total else 1.0
        bar = "#" * int(30 * frac)
        self.stream.write(f"\r{self.label} [{bar:<30}] {done}/{total} {now - self.start:5.1f}s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def num(x: float) -> str:
    a = abs(x)
    d = 0 if a >= 100 else 1 if a >= 10 else 2 if a >= 1 else 3
    return f"{x:+.{d}f}"


def rows_of(report: dict[str, Any], lang: str = "en") -> list[list[str]]:
    rows = []
    for c in report["targets"]:
        rows.append([c["target"], c["scenario"], c["metric"], num(c["margin"]),
                     f"[{num(c['low'])}, {num(c['high'])}]", f"{c['win_rate']:.0%}", str(c["n"]),
                     "pass" if c["passed"] else "FAIL"])
    for d in report["dominance"]:
        rows.append([f"no dominant persona ({d['seat_type']})", "all", f"best in most cells: {d['top']}",
                     f"{d['top_cells']}/{d['cells']} cells", "-", "-", str(report["dominance_games"]),
                     "pass" if d["passed"] else "FAIL"])
    for o in report.get("outcomes") or []:
        sp = o["spread"]
        top = next(iter(sp["top"].items()), ("-", 0.0))
        rows.append([t("outcome.spread", lang), o["scenario"], t("outcome.spread.metric", lang, seat=top[0]),
                     f"{top[1]:.0%}", f"≤ {sp['limit']:.0%}", "-", str(sp["games"]), "pass" if sp["passed"] else "FAIL"])
        d = o.get("decisive")
        if d:
            rows.append([t("outcome.decisive", lang), o["scenario"],
                         t("outcome.decisive.metric", lang, round=d["round"], rate=f"{d['need_rate']:.0%}"),
                         f"{len(d['decisive_cards'])}/{len(d['cards'])}", f"≥ {d['need_cards']}", "-", str(d["seeds"]),
                         "pass" if d["passed"] else "FAIL"])
    br = report.get("best_response")
    if br:
        rs = _rulesets()
        for b in br["seats"]:
            rows.append([t("br.row", lang, seat=rs(b["scenario"]).seat_name(b["seat"], lang)), b["scenario"],
                         t("br.ratio", lang), f"×{b['ratio']:.2f}", f"[{b['low']:.2f}, {b['high']:.2f}]", "-",
                         str(b["n"]), "pass" if b["passed"] else "FAIL"])
        for c in br["checks"]:
            rows.append([t(f"br.check.{c['id']}", lang), c["scenario"], t(f"br.metric.{c['id']}", lang), "-", "-", "-",
                         str(len(br["check_seeds"])), "pass" if c["passed"] else "FAIL"])
    for c in report.get("crisis_rate", []):
        rows.append([t("crisis.row", lang), c["scenario"], t("crisis.metric", lang, low=c["want_low"], high=c["want_high"]),
                     f"{c['rate']:.0%}", f"[{c['low']:.0%}, {c['high']:.0%}]", f"{c['crises']}/{c['n']}", str(c["n"]),
                     "pass" if c["passed"] else "FAIL"])
    return rows


def _rulesets():
    from functools import lru_cache

    from game.content.loader import load_rules, load_scenario
    from game.engine.ruleset import Ruleset

    @lru_cache(maxsize=None)
    def rs(sc: str) -> Ruleset:
        rules = load_rules()
        return Ruleset.build(rules, load_scenario(sc, rules))

    return rs


def _pct(x: float) -> str:
    return f"{x:.0%}"


def strategy_sentence(b: dict[str, Any], lang: str, rs: Any) -> str:
    """What a best response does, in one sentence: budget by order kind, tiers, regions, answers."""
    st, did = b["strategy"], b["did"]
    sep, parts = t("br.sep", lang), []
    shares = [(k, v) for k, v in did["spend"].items() if v >= 0.05]
    if shares:
        parts.append(t("br.spend", lang, shares=sep.join(
            t("br.share", lang, pct=_pct(v), kind=rs.orders[k].name.get(lang)) for k, v in shares)))
    else:
        parts.append(t("br.nothing", lang))
    if any(x is not None for x in [*st["ally"], *st["row"]]):
        def windows(xs: list[int | None]) -> str:
            return "/".join(str(x) if x is not None else t("br.tier_keep", lang) for x in xs)
        parts.append(t("br.tiers", lang, ally=windows(st["ally"]), row=windows(st["row"])))
    region = st.get("region")
    if region in ("niche", "spread", "core"):
        parts.append(t(f"br.style.{region}", lang))
    elif region:
        parts.append(t("br.go", lang, region=rs.region_name(region, lang)))
    revenue = [(k, v) for k, v in did["revenue"].items() if v >= 0.1]
    if revenue:
        parts.append(t("br.regions", lang, shares=sep.join(
            t("br.region_share", lang, pct=_pct(v), region=rs.region_name(k, lang)) for k, v in revenue[:4])))
    if st.get("licensing"):
        parts.append(t("br.licensing", lang, rule=t(f"br.lic.{st['licensing']}", lang)))
    if st["accept"] != "bot":
        parts.append(t(f"br.accept.{st['accept']}", lang))
    if st["propose"] == "none":
        parts.append(t("br.propose.none", lang))
    if st["value"] == "own":
        parts.append(t("br.value.own", lang))
    if all(v is None for k, v in st.items() if k not in ("accept", "propose", "value", "ally", "row")) and \
            st["accept"] == "bot" and st["propose"] == "bot" and st["value"] == "persona" and \
            not any(x is not None for x in [*st["ally"], *st["row"]]):
        parts = [t("br.is_bot", lang), *parts[:1]]
    return t("br.join", lang).join(parts) + t("br.end", lang)


def outcome_lines(report: dict[str, Any], lang: str) -> list[str]:
    """The standings spread (who tops the table by standing, and by raw score) and every
    card's swap rate."""
    lines: list[str] = []
    rs = _rulesets()
    sep = t("br.sep", lang)
    for o in report.get("outcomes") or []:
        r = rs(o["scenario"])
        sp = o["spread"]

        def shares(d: dict[str, float], r: Any = r) -> str:
            return sep.join(f"{r.seat_name(s, lang)} {v:.0%}" for s, v in d.items())

        lines += [t("outcome.heading", lang, scenario=o["scenario"], n=sp["games"]),
                  "- " + t("outcome.top", lang, shares=shares(sp["top"])),
                  "- " + t("outcome.winner", lang, shares=shares(sp["winner"]))]
        d = o.get("decisive")
        if d:
            lines += ["", t("outcome.cards", lang, round=d["round"], n=d["seeds"]), ""]
            heads = [t(f"outcome.col.{k}", lang) for k in ("card", "rate", "outcome", "into", "out_of", "top", "seeds")]
            lines.append(table([*heads, ""],
                               [[r.events[c["card"]].title.get(lang), f"{c['rate']:.0%}", str(c["outcome"]),
                                 str(c.get("into_crisis", 0)), str(c.get("out_of_crisis", 0)), str(c["top"]),
                                 str(c["seeds"]), t("outcome.col.decisive", lang) if c["decisive"] else ""]
                                for c in d["cards"]],
                               right=(1, 2, 3, 4, 5, 6)))
        lines.append("")
    return lines


def best_response_lines(report: dict[str, Any], lang: str) -> list[str]:
    br = report.get("best_response")
    if not br:
        return []
    rs = _rulesets()
    lines = [t("br.heading", lang)]
    for b in br["seats"]:
        r = rs(b["scenario"])
        lines.append("- " + t("br.line", lang, seat=r.seat_name(b["seat"], lang), scenario=b["scenario"],
                              ratio=f"{b['ratio']:.2f}", low=f"{b['low']:.2f}", high=f"{b['high']:.2f}",
                              what=strategy_sentence(b, lang, r)))
    for c in br["checks"]:
        if c["id"] == "I1":
            lines += ["", t("br.regimes", lang) + f" ({c['scenario']})", ""]
            lines.append(table(["regime", "US rounds 1-2", "US game", "ASI", "crises"],
                               [[r["regime"], f"{r['usa_rounds_1_2']:.0f}", f"{r['usa_game']:.0f}", f"{r['asi']:.1f}",
                                 f"{r['crises']}/{r['n']}"] for r in c["rows"]], right=(1, 2, 3, 4)))
    return lines


HEADERS = ["target", "scenario", "metric (designed direction > 0)", "margin", "95% interval", "wins", "n", "result"]


def markdown(report: dict[str, Any]) -> str:
    lines = ["# Sumiwake balance report", "",
             f"Games per side: {report['games']} (seeds {report['seed']}–{report['seed'] + report['games'] - 1}); "
             f"round-robin games per cell: {report['dominance_games']}; interval: {report['interval']}.", "",
             "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for r in rows_of(report):
        lines.append("| " + " | ".join(x.replace("|", "/") for x in r) + " |")
    br = best_response_lines(report, "en")
    if br:
        lines += ["", *br]
    out = outcome_lines(report, "en")
    if out:
        lines += ["", *out]
    lines += ["", "Best persona per seat in the round-robin:", ""]
    for d in report["dominance"]:
        lines.append(f"- **{d['seat_type']}**: " + ", ".join(f"{k} → {v}" for k, v in sorted(d["best"].items())))
    lines += ["", f"**Overall: {'pass' if report['passed'] else 'FAIL'}**", ""]
    return "\n".join(lines)


def _br_seats(text: str | None, scenarios: list[str] | None, lang: str) -> list[str] | None:
    """``--best-response-seats``: seat ids, each a seat of a best-response scenario."""
    if text is None:
        return None
    from game.content.loader import load_scenario
    from game.session.balance import BEST_RESPONSE_SCENARIOS

    scs = [sc for sc in BEST_RESPONSE_SCENARIOS if scenarios is None or sc in scenarios] or list(BEST_RESPONSE_SCENARIOS)
    known = {s for sc in scs for s in load_scenario(sc).seats}
    seats = [x.strip() for x in text.split(",") if x.strip()]
    for x in seats:
        if x not in known:
            raise CliError(t("balance.br_unknown_seat", lang, seat=x, scenarios=join_list(scs, lang)))
    return seats


def run(args: argparse.Namespace) -> int:
    from .output import scenario_or_fail, scenario_ref

    scenarios = [scenario_ref(scenario_or_fail(ref, args.lang)) for ref in args.scenario or []] or None
    if args.out is not None:  # before minutes of games
        writable_file(args.out, args.lang, [ref for ref in args.scenario or [] if Path(ref).is_file()])
    from game.session.batch import BatchError

    br_seats = _br_seats(args.best_response_seats, scenarios, args.lang)
    bar = ProgressBar("balance", enabled=not args.quiet)
    if args.calibrate_par:
        return calibrate(args, scenarios, bar)
    outcome_games = args.outcome_games if args.outcome_games is not None else args.games
    decisive_seeds = args.decisive_seeds if args.decisive_seeds is not None else max(10, outcome_games // 10)
    try:
        report = run_balance(games=args.games, seed=args.seed, jobs=args.jobs, scenarios=scenarios,
                             dominance_games=args.dominance_games, dominance_scenarios=scenarios,
                             progress=bar, cluster=args.cluster, br_budget=args.br_budget, br_seats=br_seats,
                             br_seeds=max(args.br_scored, args.br_seeds), br_check_seeds=args.br_seeds,
                             outcome_games=outcome_games, decisive_seeds=min(decisive_seeds, outcome_games))
    except BatchError as exc:
        raise CliError(t(exc.code, args.lang, **exc.params)) from None
    print(table(HEADERS, rows_of(report, args.lang), right=(3, 5, 6)))
    print()
    lines = best_response_lines(report, args.lang) + outcome_lines(report, args.lang)
    if lines:
        print("\n".join(lines))
        print()
    print(f"overall: {'pass' if report['passed'] else 'FAIL'}")
    if args.out is not None:
        text = markdown(report) if args.out.suffix.lower() in (".md", ".markdown") else \
            json.dumps(report, ensure_ascii=False, indent=1)
        try:
            write_atomic(args.out, text)
        except OSError as exc:
            raise write_failed(args.out, exc, args.lang) from None
    return 0 if report["passed"] else 1


def calibrate(args: argparse.Namespace, scenarios: list[str] | None, bar: ProgressBar) -> int:
    """``--calibrate-par``: measure each scenario's par on ``--games`` normal-bot games (seeds
    from `outcomes.PAR_SEED` + ``--seed``) and write it into the scenario's file."""
    from game.content.loader import ContentError, content_root, scenario_ids
    from game.session import outcomes
    from game.session.batch import BatchError

    refs = scenarios or scenario_ids()
    for ref in refs:
        path = Path(ref) if Path(ref).suffix in (".yaml", ".yml") else content_root() / "scenarios" / f"{ref}.yaml"
        try:
            par = outcomes.calibrate_par(ref, args.games, outcomes.PAR_SEED + args.seed, args.jobs, args.cluster, bar)
        except BatchError as exc:
            raise CliError(t(exc.code, args.lang, **exc.params)) from None
        try:
            outcomes.write_par(path, par)
        except OSError as exc:
            raise write_failed(path, exc, args.lang) from None
        except ContentError as exc:
            raise CliError(exc.problems[0].text(args.lang)) from None
        print(t("balance.par_written", args.lang, scenario=ref, path=path, games=args.games))
    return 0
