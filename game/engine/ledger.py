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


def entries(state: GameState, round: int | None = None, target: str | None = None,
            quantity: str | None = None) -> list[Entry]:
    out = []
    for e in state.ledger:
        entry = Entry(*e)
        if round is not None and entry.round != round:
            continue
        if target is not None and entry.target != target:
            continue
        if quantity is not None and entry.quantity != quantity:
            continue
        out.append(entry)
    return out
