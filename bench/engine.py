"""Engine benchmarks: setup, clone, legal-order enumeration, resolution, whole games.

Run: python bench/engine.py [--games N]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time

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
    args = ap.parse_args()
    Game.new("g7-2026", seed=0)  # warm the content cache
    print("Game.new(g7-2026)            ", fmt(timeit(lambda: Game.new("g7-2026", seed=1), 30)))
    g = Game.new("g7-2026", seed=1)
    g.advance()
    g.advance()
    print("clone() with ledger          ", fmt(timeit(lambda: g.clone(), 300)))
    print("clone(record=False)          ", fmt(timeit(lambda: g.clone(record=False), 300)))
    print("legal_orders(japan)          ", fmt(timeit(lambda: g.legal_orders("japan"), 100)))
    print("legal_orders(openai)         ", fmt(timeit(lambda: g.legal_orders("openai"), 100)))

    base = g.clone(record=False)
    clones = [base.clone(record=False) for _ in range(300)]
    it = iter(clones)

    def resolve_unchecked() -> None:  # the clone is made outside the timed call
        next(it).apply_orders_unchecked({})
    print("resolve, unchecked, 12 seats ", fmt(timeit(resolve_unchecked, 300)))

    def resolve_checked() -> None:
        c = g.clone()
        c.resolve()
    print("resolve + report, 12 seats   ", fmt(timeit(resolve_checked, 100)))

    policy = RandomPolicy(0)

    def random_game(seed: int) -> None:
        game = Game.new("g7-2026", seed=seed)
        while not game.is_over:
            game.advance()
            game.advance()
            for s in game.seats:
                game.submit(s, policy.orders(game, s))
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


if __name__ == "__main__":
    main()
