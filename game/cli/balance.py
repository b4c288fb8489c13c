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

from game.session.balance import run as run_balance
from game.session.storage import write_atomic

from .messages import t
from .output import CliError, int_at_least, table, writable_file, write_failed  # noqa: F401

EXAMPLES = """\
  sumiwake balance
  sumiwake balance --games 200 --jobs 4 --out balance.md
  sumiwake balance --games 10 --scenario g7-2026 --out balance.json"""


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


def rows_of(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for c in report["targets"]:
        rows.append([c["target"], c["scenario"], c["metric"], num(c["margin"]),
                     f"[{num(c['low'])}, {num(c['high'])}]", f"{c['win_rate']:.0%}", str(c["n"]),
                     "pass" if c["passed"] else "FAIL"])
    for d in report["dominance"]:
        rows.append([f"no dominant persona ({d['seat_type']})", "all", f"best in most cells: {d['top']}",
                     f"{d['top_cells']}/{d['cells']} cells", "-", "-", str(report["dominance_games"]),
                     "pass" if d["passed"] else "FAIL"])
    return rows


HEADERS = ["target", "scenario", "metric (designed direction > 0)", "margin", "95% interval", "wins", "n", "result"]


def markdown(report: dict[str, Any]) -> str:
    lines = ["# Sumiwake balance report", "",
             f"Games per side: {report['games']} (seeds {report['seed']}–{report['seed'] + report['games'] - 1}); "
             f"round-robin games per cell: {report['dominance_games']}; interval: {report['interval']}.", "",
             "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for r in rows_of(report):
        lines.append("| " + " | ".join(x.replace("|", "/") for x in r) + " |")
    lines += ["", "Best persona per seat in the round-robin:", ""]
    for d in report["dominance"]:
        lines.append(f"- **{d['seat_type']}**: " + ", ".join(f"{k} → {v}" for k, v in sorted(d["best"].items())))
    lines += ["", f"**Overall: {'pass' if report['passed'] else 'FAIL'}**", ""]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from .output import scenario_or_fail, scenario_ref

    scenarios = [scenario_ref(scenario_or_fail(ref, args.lang)) for ref in args.scenario or []] or None
    if args.out is not None:  # before minutes of games
        writable_file(args.out, args.lang, [ref for ref in args.scenario or [] if Path(ref).is_file()])
    from game.session.batch import BatchError

    bar = ProgressBar("balance", enabled=not args.quiet)
    try:
        report = run_balance(games=args.games, seed=args.seed, jobs=args.jobs, scenarios=scenarios,
                             dominance_games=args.dominance_games, dominance_scenarios=scenarios,
                             progress=bar, cluster=args.cluster)
    except BatchError as exc:
        raise CliError(t(exc.code, args.lang, **exc.params)) from None
    print(table(HEADERS, rows_of(report), right=(3, 5, 6)))
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
