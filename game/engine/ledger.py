"""The ledger: every change recorded as (round, cause, ref, target, quantity, delta).

``cause`` is a catalog key (``order``, ``event``, ``incident``…), ``ref`` names
what caused it (an order kind, event id, agreement kind, seat…) or is empty.
Reports and the debrief are built from these entries alone.
"""

from __future__ import annotations

from typing import NamedTuple

from .state import GameState


class Entry(NamedTuple):
    round: int
    cause: str
    ref: str
    target: str
    quantity: str
    delta: float


def post(state: GameState, cause: str, ref: str, target: str, quantity: str, delta: float) -> None:
    if state.record and delta != 0.0:
        state.ledger.append((state.round, cause, ref, target, quantity, delta))


def round_entries(ledger: list[tuple], round_: int) -> list[tuple]:
    """The entries of one round.  The ledger is appended in round order, so this walks
    back from the end over later rounds' entries to the round's own block."""
    end = len(ledger)
    while end and ledger[end - 1][0] > round_:
        end -= 1
    start = end
    while start and ledger[start - 1][0] == round_:
        start -= 1
    return ledger[start:end]


def entries(state: GameState, round: int | None = None, target: str | None = None,
            quantity: str | None = None) -> list[Entry]:
    out = []
    for e in state.ledger:
        entry = Entry._make(e)
        if round is not None and entry.round != round:
            continue
        if target is not None and entry.target != target:
            continue
        if quantity is not None and entry.quantity != quantity:
            continue
        out.append(entry)
    return out
