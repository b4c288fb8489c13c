"""Engine benchmarks: setup, clone, legal-order enumeration, resolution, whole games, and a
random-policy round of g7-2026 beside a random phase of the `diplomacy` package.

Run: python bench/engine.py [--games N] [--rounds N]
Prints figures; asserts nothing.  The Diplomacy reference runs only when the
``diplomacy`` package (1.1.2) is importable, e.g. from a bench venv:
  python3 -m venv .venv-bench && .venv-bench/bin/pip install diplomacy==1.1.2 -e .
It is a reference for comparison, never a dependency of the game.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Iterator

from game.ai.random_policy import RandomPolicy
from game.engine import Game


def timeit(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def fmt(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(0.95 * len(s)))]
    return f"median {statistics.median(s) * 1e6:9.1f} µs   p95 {p95 * 1e6:9.1f} µs   (n={len(s)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--games", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=60, help="random-policy rounds and Diplomacy phases to time")
    args = ap.parse_args()
    Game.new("g7-2026", seed=0)  # warm the content cache
    print("Game.new(g7-2026)            ", fmt(timeit(lambda: Game.new("g7-2026", seed=1), 30)))
    g = Game.new("g7-2026", seed=1)
    g.advance()
    g.advance()
    print("clone() with ledger          ", fmt(timeit(lambda: g.clone(), 300)))
    print("clone(record=False)          ", fmt(timeit(lambda: g.clone(record=False), 300)))
    print("legal_orders(japan) list     ", fmt(timeit(lambda: list(g.legal_orders("japan")), 100)))
    print("legal_orders(openai) list    ", fmt(timeit(lambda: list(g.legal_orders("openai")), 100)))
    print("legal_orders, 12 seats, count", fmt(timeit(lambda: [g.legal_orders(s).count() for s in g.seats], 50)))
    probe = next(iter(g.legal_orders("japan")))
    print("order in legal_orders(japan) ", fmt(timeit(lambda: probe in g.legal_orders("japan"), 300)))

    base = g.clone(record=False)
    clones = [base.clone(record=False) for _ in range(300)]
    it = iter(clones)

    def resolve_unchecked() -> None:  # the clone is made outside the timed call
        next(it).apply_orders_unchecked({})
    print("resolve, unchecked, 12 seats, no orders  ", fmt(timeit(resolve_unchecked, 300)))
    real = {s: RandomPolicy(7).orders(g, s).orders for s in g.seats}  # every seat's real random orders
    print(f"  (real orders: {sum(len(v) for v in real.values())} for 12 seats)")
    clones = [base.clone(record=False) for _ in range(300)]
    it = iter(clones)

    def resolve_real() -> None:
        next(it).apply_orders_unchecked(real)
    print("resolve, unchecked, 12 seats, real orders", fmt(timeit(resolve_real, 300)))

    def resolve_checked() -> None:
        c = g.clone()
        c.resolve()
    print("resolve + report, 12 seats   ", fmt(timeit(resolve_checked, 100)))

    ours, ref, ours_cpu, ref_cpu = side_by_side(args.rounds)
    print("random-policy round g7-2026  ", fmt(ours), " (enumerate, submit and resolve, 12 seats)")
    if ref is None or ref_cpu is None:
        print("diplomacy random phase        (skipped: the diplomacy package is not installed)")
    else:
        print("diplomacy 1.1.2 random phase ", fmt(ref), " (possible orders, random choice, process)")
        print(f"round vs phase, medians       ours {statistics.median(ours) * 1e3:.2f} ms,"
              f" diplomacy {statistics.median(ref) * 1e3:.2f} ms: {statistics.median(ref) / statistics.median(ours):.1f}x")
        print(f"  the same in CPU time        ours {statistics.median(ours_cpu) * 1e3:.2f} ms,"
              f" diplomacy {statistics.median(ref_cpu) * 1e3:.2f} ms:"
              f" {statistics.median(ref_cpu) / statistics.median(ours_cpu):.1f}x"
              " (the two are timed in turns, a few rounds each, so both see the same machine load)")

    policy = RandomPolicy(0)

    def random_game(seed: int) -> None:
        game = Game.new("g7-2026", seed=seed)
        while not game.is_over:
            game.advance()
            game.advance()
            for s in game.seats:
                game.submit(s, policy.orders(game, s).orders)
            game.resolve()
    t = time.perf_counter()
    for i in range(args.games):
        random_game(i)
    dt = time.perf_counter() - t
    print(f"random-policy games g7-2026   {args.games / dt:8.1f} games/s ({args.games} games, {dt:.2f} s)")
    hold = Game.new("g7-2026", seed=1, rounds=8)
    t = time.perf_counter()
    n = 0
    for i in range(200):
        c = hold.clone(record=False)
        while not c.is_over:
            c.apply_orders_unchecked({})
            n += 1
    dt = time.perf_counter() - t
    print(f"unchecked rounds (search path) {n / dt:8.0f} rounds/s")


Sample = tuple[float, float]  # (wall clock, CPU) seconds


def side_by_side(n: int, turn: int = 5) -> tuple[list[float], list[float] | None, list[float], list[float] | None]:
    """``n`` random-policy rounds and ``n`` Diplomacy phases (if installed), timed in turns of
    ``turn`` each so that a busy machine slows both alike: wall and CPU seconds of each."""
    ours_it = random_rounds()
    ref_it = diplomacy_phases()
    ours: list[Sample] = []
    ref: list[Sample] = []
    while len(ours) < n:
        ours += [next(ours_it) for _ in range(min(turn, n - len(ours)))]
        if ref_it is not None:
            ref += [next(ref_it) for _ in range(min(turn, n - len(ref)))]
    return ([w for w, _ in ours], [w for w, _ in ref] if ref_it is not None else None,
            [c for _, c in ours], [c for _, c in ref] if ref_it is not None else None)


def random_rounds() -> Iterator[Sample]:
    """Random-policy rounds of g7-2026, timed: both phase ends, every seat's legal orders
    enumerated and its random picks checked and submitted, and the resolution."""
    seed = 0
    while True:
        game = Game.new("g7-2026", seed=seed)
        policy = RandomPolicy(seed)
        seed += 1
        while not game.is_over:
            t, c = time.perf_counter(), time.process_time()
            game.advance()
            game.advance()
            for s in game.seats:
                game.submit(s, policy.orders(game, s).orders)
            game.resolve()
            yield time.perf_counter() - t, time.process_time() - c


def diplomacy_phases() -> Iterator[Sample] | None:
    """Random phases of a standard Diplomacy game (diplomacy 1.1.2), timed, if installed:
    every power's possible orders, one random order per orderable location, processing."""
    try:
        from diplomacy import Game as DipGame  # type: ignore[import-not-found]
    except ImportError:
        return None

    def phases() -> Iterator[Sample]:
        rnd = random.Random(0)
        while True:
            game = DipGame()
            while not game.is_game_done:
                t, c = time.perf_counter(), time.process_time()
                possible = game.get_all_possible_orders()
                for power in game.powers:
                    game.set_orders(power, [rnd.choice(possible[loc]) for loc in game.get_orderable_locations(power)
                                            if possible[loc]])
                game.process()
                yield time.perf_counter() - t, time.process_time() - c
    return phases()


if __name__ == "__main__":
    main()
