"""Headless simulation: whole games with every seat on a policy, and their statistics.

Pure functions (no printing, no files) used by ``sumiwake sim``, ``sumiwake balance``
and tests.  Game ``i`` of a batch starting at seed ``S`` uses seed ``S + i``; each
seat's policy is seeded from the game's seed (`game.ai.policy.policy_seed`), and a
hard seat's search stops on an iteration budget, never on the clock, so a batch is a
function of its arguments alone (whatever ``jobs``, machine load or cluster).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from game.ai.choices import play_choices
from game.ai.policy import Policy, policy_seed
from game.ai.policies import get_policy
from game.content import Scenario
from game.content.loader import load_scenario
from game.engine import Game, IllegalOrder

from . import batch

Progress = Callable[[int, int], None]
HARD_ITERATIONS = 160  # a hard seat's rollouts per decision in headless batches


# ------------------------------------------------------------------ a table


@dataclass(frozen=True)
class TableSpec:
    """Who plays every seat of a game: a policy by name for every seat (``policy``), or
    persona bots: a profile, per-seat persona choices and overrides, levels."""

    profile: str | None = None
    personas: tuple[tuple[str, str], ...] = ()  # (seat, persona)
    overrides: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # (seat or role, ((field, value), ...))
    difficulty: str = "scripted"
    seat_difficulty: tuple[tuple[str, str], ...] = ()
    hard_iterations: int = HARD_ITERATIONS
    policy: str | None = None  # a registered policy name for every seat (the fields above are then unused)


def _profile_with(spec: TableSpec):
    if spec.profile is None and not spec.overrides:
        return None
    from game.content.ai_schema import Profile, load_profiles

    base = load_profiles()[spec.profile] if spec.profile else None
    if not spec.overrides:
        return base
    data: dict[str, Any] = base.model_dump() if base else {"id": "custom", "summary": {"en": "custom"}, "personas": {}, "overrides": {}}
    ovs = data.setdefault("overrides", {})
    for key, fields in spec.overrides:
        cur = dict(ovs.get(key) or {})
        cur = {k: v for k, v in cur.items() if v is not None}
        cur.update(dict(fields))
        ovs[key] = cur
    return Profile.model_validate(data)


def make_policies(game: Game, seed: int, spec: TableSpec) -> dict[str, Policy]:
    """Every seat's policy for ``game`` played on ``seed``."""
    if spec.policy is not None:
        return {s: get_policy(spec.policy, seed) for s in game.seats}
    from game.ai.bot import PersonaBot

    prof = _profile_with(spec)
    chosen = dict(spec.personas)
    levels = dict(spec.seat_difficulty)
    bot_seed = policy_seed(seed, persona=True)
    return {s: PersonaBot(chosen.get(s), levels.get(s, spec.difficulty), seed=bot_seed, profile=prof,
                          iterations=spec.hard_iterations) for s in game.seats}


# ------------------------------------------------------------------ playing


def negotiate(game: Game, policies: dict[str, Policy]) -> None:
    """Every seat proposes (in seat order, each seeing what is already tabled), then every
    invited seat answers every open proposal.

    The answers are all decided against one snapshot of the table (every proposal tabled,
    none answered), so no answer depends on the order in which the table answers or on a
    pact that formed a moment earlier; they then apply in proposal order."""
    for seat in game.seats:
        for p in policies[seat].propose(game, seat):
            try:
                game.propose(seat, p.kind, p.members, p.duration, p.terms)
            except IllegalOrder:
                pass  # a policy's bad idea is simply not tabled
    snapshot = game.clone(record=False)
    answers = decide_answers(snapshot, policies)
    for tabled in game.proposals(status="open"):
        for seat in tabled["members"]:
            key = (tabled["id"], seat)
            if key not in answers:
                continue
            current = next((q for q in game.proposals(status="open") if q["id"] == tabled["id"]), None)
            if current is None:  # declined or failed meanwhile
                break
            try:
                game.answer(seat, tabled["id"], answers[key])
            except IllegalOrder:  # e.g. cannot pay: decline instead
                game.answer(seat, tabled["id"], False)


def decide_answers(snapshot: Game, policies: dict[str, Policy]) -> dict[tuple[str, str], bool]:
    """Every invited seat's answer to every open proposal, all against ``snapshot``."""
    out: dict[tuple[str, str], bool] = {}
    for prop in snapshot.proposals(status="open"):
        for seat in prop["members"]:
            if seat not in prop["answers"]:
                out[prop["id"], seat] = policies[seat].answer(snapshot, seat, prop).accept
    return out


def play_round(game: Game, policies: dict[str, Policy]) -> None:
    """Play the rest of the current round: the event, negotiation, every seat's orders, resolution."""
    if game.phase == "event":
        play_choices(game, policies)
        game.advance()
    if game.phase == "negotiation":
        negotiate(game, policies)
        game.advance()
    for seat in game.seats:
        try:
            game.submit(seat, policies[seat].orders(game, seat).orders)
        except IllegalOrder:
            game.submit(seat, [])  # a policy's illegal set: the seat holds
    game.resolve()


def play_table(scenario: str | Scenario, seed: int, spec: TableSpec, rounds: int | None = None,
               on_round: Callable[[Game], None] | None = None) -> Game:
    """Play one whole game at the table ``spec``; returns the finished game."""
    game = Game.new(scenario, seed=seed, rounds=rounds)
    policies = make_policies(game, seed, spec)
    while not game.is_over:
        play_round(game, policies)
        if on_round is not None:
            on_round(game)
    return game


def play_game(scenario: str | Scenario, seed: int, rounds: int | None = None,
              policy_name: str = "random") -> Game:
    """Play one whole game, every seat on ``policy_name``; returns the finished game."""
    return play_table(scenario, seed, TableSpec(policy=policy_name), rounds)


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


def _game_task(args: tuple[Any, int, int | None, TableSpec, bool]) -> tuple[dict[str, Any], str | None]:
    scenario, seed, rounds, spec, save = args
    game = play_table(scenario, seed, spec, rounds)
    return game_result(game), (game.to_json() if save else None)


def table_label(spec: TableSpec) -> str:
    if spec.policy is not None:
        return spec.policy
    personas = dict(spec.personas)
    return f"persona bots ({spec.difficulty}" + (f", profile {spec.profile}" if spec.profile else "") + (
        ", " + ", ".join(f"{k}={v}" for k, v in sorted(personas.items())) if personas else "") + ")"


def simulate(scenario: str | Scenario, games: int = 1, seed: int = 0, rounds: int | None = None,
             policy: str = "random", profile: str | None = None, personas: dict[str, str] | None = None,
             difficulty: str | None = None, jobs: int = 1, cluster: str | None = None,
             on_game: Callable[[Game], None] | None = None, progress: Progress | None = None,
             hard_iterations: int = HARD_ITERATIONS) -> dict[str, Any]:
    """Play ``games`` games on seeds ``seed .. seed+games-1``; their results and statistics.

    Every seat plays ``policy``, unless a profile, personas or a difficulty is given: then
    persona bots play (at ``difficulty``, normal by default).  ``jobs`` worker processes or
    a dask ``cluster`` share the games; results are ordered by seed, so they depend on
    neither.  ``on_game`` is called with each finished game (e.g. to save it).  Standard
    deviations are population standard deviations."""
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    bots = profile is not None or bool(personas) or difficulty is not None
    if bots:
        from game.content.ai_schema import load_profiles

        if profile is not None and profile not in load_profiles():
            raise ValueError(f"unknown profile '{profile}'; known: {', '.join(sorted(load_profiles()))}")
        spec = TableSpec(profile, tuple(sorted((personas or {}).items())), (), difficulty or "normal",
                         hard_iterations=hard_iterations)
    else:
        get_policy(policy, seed)  # fail early on an unknown name
        spec = TableSpec(policy=policy)
    where = scenario if isinstance(scenario, Scenario) else (sc.source or sc.id)  # a file by its path
    tasks = [(where, seed + i, rounds, spec, on_game is not None) for i in range(games)]
    rows = batch.run(_game_task, tasks, jobs=jobs, cluster=cluster, progress=progress)
    if on_game is not None:
        for _, saved in rows:
            assert saved is not None  # every game was asked to return its save
            on_game(Game.from_json(saved))
    results = [r for r, _ in rows]
    return {
        "scenario": sc.id,
        "seed": seed,
        "games": games,
        "rounds": rounds if rounds is not None else sc.rounds,
        "policy": table_label(spec),
        "profile": profile,
        "personas": dict(personas or {}),
        "difficulty": (difficulty or "normal") if bots else None,
        "stdev": "population",
        "summary": summarise(results, list(sc.seats)),
        "results": results,
    }
