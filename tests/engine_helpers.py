"""Shared helpers for tests that drive the engine through its public API."""

from __future__ import annotations

from game.content.schema import Scenario
from game.engine import Game


def to_orders(game: Game) -> Game:
    """Advance ``game`` to its orders phase, through the event card (a choice it asks takes
    its default when nobody answers) and negotiation.  Fails if the phase never comes."""
    for _ in range(4):
        if game.phase == "orders":
            return game
        assert not game.is_over, "the game is over: there is no orders phase to reach"
        game.advance()
    assert game.phase == "orders", f"still in {game.phase!r} after four advances"
    return game


def lasting(scenario: str = "g7-2026") -> Scenario:
    """``scenario`` with crises that cost their score but never end the game: for tests of
    other rules that hold every seat for several rounds (a table that spends nothing on
    defence falls into crisis within two years, and its game ends there)."""
    from game.content.loader import load_scenario

    sc = load_scenario(scenario)
    return sc.model_copy(update={"crisis": sc.crisis.model_copy(update={"ends_game": False})})
