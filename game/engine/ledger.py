"""The ledger: every change recorded as (round, cause, ref, target, quantity, delta).

``cause`` is a catalog key (``order``, ``event``, ``incident``…), ``ref`` names
what caused it (an order kind, event id, agreement kind, seat…) or is empty.
Reports and the debrief are built from these entries alone.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .state import GameState, LedgerRow


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


def _locate(state: GameState, target: str, quantity: str) -> tuple[Any, str]:
    """The container and key that hold ``quantity`` of ``target``: a dict and its key, or a
    record and its attribute.  ``data/<domain>`` is the nation's ``data`` dict, and so on."""
    base, _, qual = quantity.partition("/")
    if base == "score":
        return state.scores, target
    if target == "world":
        return (state.markets, qual) if base == "market" else (state, base)
    holder: Any = state.rival if target == "rival" else (state.nations.get(target) or state.firms[target])
    if qual:
        return getattr(holder, base), qual
    return holder, base


def change(state: GameState, cause: str, ref: str, target: str, quantity: str, delta: float = 0.0,
           lo: float | None = None, hi: float | None = None, *, to: float | None = None,
           also: tuple[tuple[str, str, float], ...] = ()) -> float:
    """Change ``quantity`` of ``target`` by ``delta`` (or to the value ``to``), within
    [lo, hi], and post the entry: the one way a quantity of the game changes.  Returns
    the change applied.

    Unbounded, a ``delta`` is posted as it is; bounded or set with ``to``, the entry is
    the change that happened (new - old), so the ledger always sums to the state's change.
    ``also``: further (cause, ref, delta) parts of the same unbounded change, each posted
    under its own cause; the state changes once, by their sum."""
    # _locate, written out: the resolution changes some 200 quantities a round
    base, _, qual = quantity.partition("/")
    if base == "score":
        box: Any = state.scores
        key = target
    elif target == "world":
        box, key = (state.markets, qual) if base == "market" else (state, base)
    else:
        holder: Any = state.rival if target == "rival" else (state.nations.get(target) or state.firms[target])
        box, key = (getattr(holder, base), qual) if qual else (holder, base)
    is_dict = type(box) is dict
    old = box.get(key, 0.0) if is_dict else getattr(box, key)
    if also:
        assert to is None and lo is None and hi is None, "parts add up only to an unbounded change"
        total = delta
        for _c, _r, d in also:
            total = total + d
        new = old + total
        applied = delta
    elif to is None and lo is None and hi is None:
        new = old + delta
        applied = delta
    else:
        new = old + delta if to is None else to
        if lo is not None:
            new = max(lo, new)
        if hi is not None:
            new = min(hi, new)
        applied = new - old
    if is_dict:
        box[key] = new
    else:
        setattr(box, key, new)
    if state.record:
        if applied != 0.0:
            state.ledger.append((state.round, cause, ref, target, quantity, float(applied)))
        for c, r, d in also:
            if d != 0.0:
                state.ledger.append((state.round, c, r, target, quantity, float(d)))
    return new - old if also else applied


def recompute(state: GameState, target: str, quantity: str, new: float,
              parts: tuple[tuple[str, str, float], ...]) -> None:
    """Set a quantity the rules derive afresh each round (security, competitiveness) to
    ``new``, posting the (cause, ref, delta) ``parts`` that explain the change from its old
    value; the parts are built so that they sum to ``new - old``."""
    box, key = _locate(state, target, quantity)
    if type(box) is dict:
        box[key] = new
    else:
        setattr(box, key, new)
    if state.record:
        for cause, ref, delta in parts:
            if delta != 0.0:
                state.ledger.append((state.round, cause, ref, target, quantity, delta))


def round_entries(ledger: list[LedgerRow], round_: int) -> list[LedgerRow]:
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
