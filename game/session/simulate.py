"""Headless simulation: whole games with every seat on one AI policy, and their statistics.

Pure functions (no printing, no files) used by ``sumiwake sim`` and by tests.
Game ``i`` of a batch starting at seed ``S`` uses seed ``S + i``; each seat's
policy is seeded with the game's seed, so a batch is fully reproducible.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from game.ai.policies import Policy, get_policy
from game.content import Scenario
from game.content.loader import load_scenario
from game.engine import Game, IllegalOrder


def negotiate(game: Game, policies: dict[str, Policy]) -> None:
    """Let policies propose, then have every invited seat answer every open proposal
    (persona bots and plain policies alike: both offer ``proposals`` and ``answer``)."""
    for seat in game.seats:
        propose = getattr(policies[seat], "proposals", None)
        if propose is None:
            continue
        for p in propose(game, seat) or []:
            try:
                game.propose(seat, p["kind"], p["members"], p.get("duration"))
            except IllegalOrder:
                pass  # a policy's bad idea is simply not tabled
    for p in game.proposals(status="open"):
        for seat in p["members"]:
            current = next((q for q in game.proposals(status="open") if q["id"] == p["id"]), None)
            if current is None:  # declined, formed or failed meanwhile
                break
            if seat in current["answers"]:
                continue
            accept = bool(policies[seat].answer(game, seat, current))
            try:
                game.answer(seat, p["id"], accept)
            except IllegalOrder:  # e.g. cannot pay: decline instead
                game.answer(seat, p["id"], False)


def play_round(game: Game, policies: dict[str, Policy]) -> None:
    """Play the rest of the current round: the event, negotiation, every seat's orders, resolution."""
    if game.phase == "event":
        game.advance()
    if game.phase == "negotiation":
        negotiate(game, policies)
        game.advance()
    for seat in game.seats:
        try:
            game.submit(seat, policies[seat].orders(game, seat))
        except IllegalOrder:
            game.submit(seat, [])  # a policy's illegal set: the seat holds
    game.resolve()


def play_game(scenario: str | Scenario, seed: int, rounds: int | None = None,
              policy_name: str = "random") -> Game:
    """Play one whole game, every seat on ``policy_name``; returns the finished game."""
    game = Game.new(scenario, seed=seed, rounds=rounds)
    policies = {seat: get_policy(policy_name, seed) for seat in game.seats}
    while not game.is_over:
        play_round(game, policies)
    return game


def game_result(game: Game) -> dict[str, Any]:
    """One finished game as plain data (final indices, scores and per-round history)."""
    outcome = game.outcome
    idx = game.indices()
    return {
        "seed": game.seed,
        "alliance_security": idx["alliance_security"],
        "alliance_competitiveness": idx["alliance_competitiveness"],
        "scores": {s: game.scores()[s] for s in game.seats},
        "ended_by_crisis": bool(outcome.ended_by_crisis) if outcome else False,
        "alliance": outcome.alliance if outcome else None,
        "history": [
            {
                "round": h["round"],
                "alliance_security": h["alliance_security"],
                "alliance_competitiveness": h["alliance_competitiveness"],
                "scores": dict(h["scores"]),
            }
            for h in game.state.history
        ],
    }


def mean_stdev(xs: Sequence[float]) -> dict[str, float]:
    """Mean and *population* standard deviation (0 for a single value)."""
    if not xs:
        return {"mean": 0.0, "stdev": 0.0}
    return {"mean": statistics.fmean(xs), "stdev": statistics.pstdev(xs) if len(xs) > 1 else 0.0}


def summarise(results: Sequence[dict[str, Any]], seats: Sequence[str]) -> dict[str, Any]:
    return {
        "alliance_security": mean_stdev([r["alliance_security"] for r in results]),
        "alliance_competitiveness": mean_stdev([r["alliance_competitiveness"] for r in results]),
        "seats": {s: {"score": mean_stdev([r["scores"][s] for r in results])} for s in seats},
        "crises": sum(1 for r in results if r["alliance"] == "crisis"),
        "ended_by_crisis": sum(1 for r in results if r["ended_by_crisis"]),
    }


def simulate(scenario: str | Scenario, games: int = 1, seed: int = 0, rounds: int | None = None,
             policy: str = "random", on_game: Callable[[Game], None] | None = None) -> dict[str, Any]:
    """Play ``games`` games on seeds ``seed .. seed+games-1``; their results and statistics.

    ``on_game`` is called with each finished game (e.g. to save it).  Standard
    deviations are population standard deviations.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    get_policy(policy, seed)  # fail early on an unknown policy name
    results = []
    for i in range(games):
        game = play_game(sc, seed + i, rounds, policy)
        if on_game is not None:
            on_game(game)
        results.append(game_result(game))
    return {
        "scenario": sc.id,
        "seed": seed,
        "games": games,
        "rounds": rounds if rounds is not None else sc.rounds,
        "policy": policy,
        "stdev": "population",
        "summary": summarise(results, list(sc.seats)),
        "results": results,
    }
