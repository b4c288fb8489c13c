"""AI benchmarks: decision latency per difficulty and simulation throughput.

Run: python bench/ai.py [--hard-iterations N] [--hard-budget S] [--games N] [--jobs J] [--cluster ADDRESS]
                        [--sim-runs K] [--hard-vs-normal N]

Prints figures against the targets; asserts nothing.
  * easy / normal: the 11 AI seats of a g7-2026 round (Japan is the human) decide
    together; median and p95 over rounds of several games (target normal < 100 ms);
  * hard: one seat's decision, median and p95, at its iteration budget (default that of
    headless batches; --hard-budget S adds the desktop's time cap on top);
  * hard table: all 11 hard seats of a round, one after another in this process, then
    spread over two worker processes as the desktop does, without and with its time cap
    (target: ready within 2 s of the orders phase opening);
  * sim: normal-bot games of g7-2026 with --jobs workers (target 1,000 games < 60 s with 2);
  * --hard-vs-normal N: the paired-seed duel (hard seat vs normal seat, same role).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

from game.ai.bot import PersonaBot
from game.engine import Game
from game.session import balance, seat_pool, simulate
from game.session.match import AI_ROUND_S
from game.session.seat_pool import SeatPool


def _cpu() -> float:
    """CPU seconds of this process and its finished workers."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def stats(xs: list[float]) -> str:
    s = sorted(xs)
    p95 = s[min(len(s) - 1, int(0.95 * len(s)))]
    return f"median {statistics.median(s) * 1e3:8.1f} ms   p95 {p95 * 1e3:8.1f} ms   (n={len(s)})"


def round_latency(difficulty: str, games: int, human: str = "japan") -> list[float]:
    out = []
    for seed in range(games):
        g = Game.new("g7-2026", seed=100 + seed)
        bots = {s: PersonaBot(None, difficulty, seed=seed) for s in g.seats}
        while not g.is_over:
            g.advance()
            simulate.negotiate(g, bots)
            g.advance()
            t = time.perf_counter()
            decided = {s: bots[s].orders(g, s) for s in g.seats if s != human}
            out.append(time.perf_counter() - t)
            for s, d in decided.items():
                g.submit(s, d.orders)
            g.resolve()
    return out


def hard_latency(rounds: int, budget_s: float | None, iterations: int) -> tuple[list[float], list[float], list[int]]:
    """Seconds per decision (wall clock and CPU) and rollouts per decision of a hard seat."""
    out, cpu, rollouts = [], [], []
    g = Game.new("g7-2026", seed=7)
    bots = {s: PersonaBot(None, "normal", seed=1) for s in g.seats}
    hard = PersonaBot(None, "hard", seed=1, budget_s=budget_s, iterations=iterations)
    seats = ["usa", "japan", "openai", "sakana"]
    while not g.is_over and len(out) < rounds * len(seats):
        g.advance()
        simulate.negotiate(g, bots)
        g.advance()
        for s in seats:
            t, c = time.perf_counter(), time.process_time()
            d = hard.orders(g, s, progress=lambda d, n: None)
            out.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            rollouts.append(next(r.params["n"] for r in d.reasons if r.code == "search"))
        for s in g.seats:
            g.submit(s, bots[s].orders(g, s).orders)
        g.resolve()
    return out, cpu, rollouts


def table_latency(rounds: int, workers: int, deadline_s: float | None, iterations: int,
                  seat_cap_s: float | None = None) -> tuple[list[float], list[float]]:
    """Seconds from the orders phase opening until all 11 hard seats of a g7-2026 table
    (Japan is the human) have decided, wall clock and CPU (this process and the workers),
    per round: in this process one seat after another (``workers`` 1) or spread over a
    `SeatPool` of ``workers`` processes as the desktop does, with its time cap ``deadline_s``
    (``seat_cap_s``: each hard seat's own cap, as --hard-budget gives)."""
    g = Game.new("g7-2026", seed=7)
    bots = {s: PersonaBot(None, "normal", seed=1) for s in g.seats}
    hard = {s: PersonaBot(None, "hard", seed=1, iterations=iterations, budget_s=seat_cap_s)
            for s in g.seats if s != "japan"}
    pool = SeatPool(workers) if workers > 1 else None
    if pool is not None:  # the desktop starts its workers with the match, well before an orders phase
        pool.decide(g, {s: PersonaBot(None, "easy", seed=1) for s in ("usa", "openai")})
    wall, cpu = [], []
    try:
        while not g.is_over and len(wall) < rounds:
            g.advance()
            simulate.negotiate(g, bots)
            g.advance()
            clone = g.clone(record=False)
            t, c = time.perf_counter(), time.process_time()
            if pool is None:
                seat_pool.decide(clone, list(hard.items()), None if deadline_s is None else time.monotonic() + deadline_s)
                extra = 0.0
            else:
                pool.decide(clone, hard, deadline_s)
                extra = pool.last_cpu
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c + extra)
            for s in g.seats:  # the table goes on with the normal bots' orders, the same in every run
                g.submit(s, bots[s].orders(g, s).orders)
            g.resolve()
    finally:
        if pool is not None:
            pool.close()
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--latency-games", type=int, default=3, help="games whose rounds are timed (easy, normal)")
    ap.add_argument("--hard-rounds", type=int, default=3)
    ap.add_argument("--hard-iterations", type=int, default=simulate.HARD_ITERATIONS,
                    help="hard's rollout budget per decision (default: that of sim and balance)")
    ap.add_argument("--hard-budget", type=float, default=None, help="also cap hard's time per seat (s), as the desktop does")
    ap.add_argument("--cluster", default=None, metavar="ADDRESS", help="run the sim and the duel on this dask scheduler")
    ap.add_argument("--games", type=int, default=200, help="normal-bot games for the throughput figure")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sim-runs", type=int, default=1,
                    help="repeat the throughput run (a shared machine's speed drifts between runs)")
    ap.add_argument("--hard-vs-normal", type=int, default=0, metavar="N", help="also run the duel over N seeds")
    ap.add_argument("--skip-latency", action="store_true", help="only the throughput and duel figures")
    ap.add_argument("--table-rounds", type=int, default=3,
                    help="rounds of the hard-table latency (11 hard seats decide together; 0: skip)")
    args = ap.parse_args()
    Game.new("g7-2026", seed=0)
    if not args.skip_latency:
        print("decision latency, all 11 AI seats of a g7-2026 round together:")
        for d in ("easy", "normal"):
            print(f"  {d:7}", stats(round_latency(d, args.latency_games)))
        hl, hc, n = hard_latency(args.hard_rounds, args.hard_budget, args.hard_iterations)
        cap = f", time cap {args.hard_budget:g} s" if args.hard_budget is not None else ", no time cap"
        print(f"hard, one seat ({args.hard_iterations} rollouts{cap}):", stats(hl),
              f"  max {max(hl):.2f} s  rollouts {min(n)}-{max(n)}")
        print("  cpu per decision:", stats(hc))
        if args.table_rounds:
            load = os.getloadavg()[0]
            seat_cap = f", each seat also capped at {args.hard_budget:g} s" if args.hard_budget is not None else ""
            print(f"hard table, 11 hard seats of a g7-2026 round, from the orders phase opening"
                  f" ({args.hard_iterations} rollouts{seat_cap}; load average {load:.1f} on {os.cpu_count()} cores):")
            for label, workers, cap in (("one after another, here", 1, None),
                                        ("2 worker processes", 2, None),
                                        (f"2 worker processes, desktop cap {AI_ROUND_S:g} s", 2, AI_ROUND_S)):
                w, c = table_latency(args.table_rounds, workers, cap, args.hard_iterations, args.hard_budget)
                print(f"  {label:38}", stats(w), f"  max {max(w):.2f} s   cpu {statistics.median(c):.2f} s")
    for run in range(args.sim_runs):
        cpu0 = _cpu()
        t = time.perf_counter()
        simulate.simulate("g7-2026", games=args.games, seed=0, difficulty="normal", jobs=args.jobs, cluster=args.cluster)
        dt = time.perf_counter() - t
        cpu = _cpu() - cpu0
        print(f"sim g7-2026, normal bots, --jobs {args.jobs}: {args.games} games in {dt:.1f} s = "
              f"{args.games / dt:.1f} games/s  (1,000 games ≈ {1000 * dt / args.games:.0f} s; target < 60 s)"
              f"  cpu {1000 * cpu / args.games:.0f} ms/game")
    if args.hard_vs_normal:
        r = balance.hard_vs_normal(args.hard_vs_normal, seed=1000, seats=("japan", "germany", "usa", "openai",
                                                                           "sakana", "mistral"), jobs=args.jobs,
                                   cluster=args.cluster)
        print(f"hard vs normal (paired seeds, {r['games']} games, seats rotate over {', '.join(r['seats'])}): "
              f"hard wins {r['win_rate']:.0%} (Wilson 95% {r['wilson_low']:.0%}–{r['wilson_high']:.0%}), "
              f"mean score gain {r['mean_score_gain']:+.1f}")
        for seat in r["seats"]:
            mine = [x for x in r["rows"] if x["seat"] == seat]
            won = sum(1 for x in mine if x["hard"] > x["normal"])
            print(f"  {seat:8} hard wins {won}/{len(mine)}")


if __name__ == "__main__":
    main()
