"""Standings: each seat's score against its role's par (the scenario's calibrated mean score).

Kept apart from `scoring` (which the rules import) so that reports and views can read
standings without importing the rules."""

from __future__ import annotations

from .ruleset import Ruleset
from .state import GameState



def rounds_scored(state: GameState) -> int:
    """How many rounds have been resolved and scored."""
    return state.round if state.phase == "over" else state.round - 1


def par_at(rs: Ruleset, seat: str, rounds: int) -> float | None:
    """``seat``'s par after ``rounds`` rounds (the scenario's calibrated mean score), or None:
    no par, or no round scored.  Past the par's last round (a game made longer than the
    scenario) it goes on at the mean pace of the rounds it has."""
    par = rs.scenario.par
    if par is None or rounds < 1 or seat not in par.seats or not par.seats[seat]:
        return None
    values = par.seats[seat]
    if rounds <= len(values):
        return values[rounds - 1]
    return values[-1] * rounds / len(values)


def standings(state: GameState, rs: Ruleset) -> dict[str, float]:
    """Each seat's standing: its score over its role's par at the same round (1.0 = par).
    Raw scores are not comparable across roles; standings are.  Empty without a par."""
    done = rounds_scored(state)
    out: dict[str, float] = {}
    for s in rs.seat_ids:
        p = par_at(rs, s, done)
        if p is not None:
            out[s] = state.scores.get(s, 0.0) / p
    return out
