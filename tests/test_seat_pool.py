"""AI seats decided in worker processes decide as they would here, and the costly ones are
spread over the workers."""

from __future__ import annotations

from game.ai.bot import PersonaBot
from game.ai.random_policy import RandomPolicy
from game.engine import Game
from game.session.seat_pool import SeatPool, decide, split


def _position() -> Game:
    g = Game.new("middle-powers", seed=5)
    g.advance()
    g.advance()
    return g.clone(record=False)


def test_seats_decided_in_workers_are_decided_as_here() -> None:
    game = _position()
    players = {s: PersonaBot(None, "hard" if i % 2 else "normal", seed=7, iterations=24)
               for i, s in enumerate(game.seats[:4])}
    here = decide(game, list(players.items()), None)
    pool = SeatPool(2)
    try:
        there = pool.decide(game, players, None)
        again = pool.decide(game, players, None)  # the ruleset is sent once; the second round reuses it
    finally:
        pool.close()
    assert there == here == again
    assert list(there) == list(players)  # in the caller's seat order
    assert game.state.pending == {} and game.phase == "orders"  # the position is not changed


def test_hard_seats_are_dealt_evenly_costliest_first() -> None:
    jobs = [(f"s{i}", PersonaBot(None, "hard" if i < 5 else "normal", seed=1)) for i in range(8)]
    jobs.append(("r", RandomPolicy(1)))  # type: ignore[arg-type]
    parts = split(jobs, 2)  # type: ignore[arg-type]
    hard = [sum(1 for _, p in part if getattr(p, "difficulty", "") == "hard") for part in parts]
    assert sorted(hard) == [2, 3]
    assert sorted(s for part in parts for s, _ in part) == sorted(s for s, _ in jobs)
    assert all(getattr(part[0][1], "difficulty", "") == "hard" for part in parts)


def test_a_deadline_caps_copies_of_the_hard_policies_only() -> None:
    game = _position()
    hard = PersonaBot(None, "hard", seed=7, iterations=400, budget_s=None)
    out = decide(game, [(game.seats[0], hard)], deadline=0.0)  # no time left: one sweep, still an answer
    assert hard.budget_s is None  # the caller's policy keeps its own (no) cap
    assert game.seats[0] in out
