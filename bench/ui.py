"""Frame time of the table scene at 1920×1080 (dummy video driver): median and p95.

    SDL_VIDEODRIVER=dummy python bench/ui.py [--frames N] [--scenario ID]

Target: p95 < 16 ms.  Also reports the worst frame while the AI plans its orders.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # quiet, like the game: only the figures
os.environ.setdefault("SUMIWAKE_HOME", tempfile.mkdtemp(prefix="sumiwake-bench-"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--scenario", default="g7-2026")
    args = ap.parse_args()

    import pygame

    from game.session.match import Match, SeatControl
    from game.ui.app import App
    from game.ui.settings import Settings

    app = App(Settings(width=1920, height=1080), seed=1)
    seats = Match.new(args.scenario, 1).game.seats
    match = Match.new(args.scenario, 1, {s: SeatControl(s == seats[1]) for s in seats})
    app.start_match(match)
    for _ in range(30):  # warm the text and map caches
        app.step()
    times = []
    for _ in range(args.frames):
        t0 = time.perf_counter()
        app.step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    median = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    match.advance()
    match.advance()
    app.flow.start_ai_orders()
    ai = []
    while app.worker.busy:
        t0 = time.perf_counter()
        app.step()
        ai.append((time.perf_counter() - t0) * 1000)
    pygame.quit()
    print(f"table scene 1920x1080, {args.scenario}, {args.frames} frames: "
          f"median {median:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms")
    print(f"while AI plans ({len(ai)} frames): worst {max(ai, default=0.0):.2f} ms")
    return 0 if p95 < 16.0 else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    raise SystemExit(main())
