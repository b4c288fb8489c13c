"""What a seat's orders would do this year: the round resolved on a clone of the game, the
seat playing its draft and every other seat holding.

A preview is the same resolution the ledger later records, so when the others do hold the
preview equals the ledger exactly (a test holds it so).  Other seats' submitted orders are never
read: a preview reveals nothing of anyone else's hand.  No UI here; the order sheet shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine import Game, Order, RoundReport
from game.engine.report import QUANTITY_SCALE


@dataclass(frozen=True, slots=True)
class Preview:
    """The seat's changes this year as the ledger counts them (security in points out of 100)."""

    seat: str
    security: float | None  # None for a firm: it has no security of its own
    competitiveness: float
    report: RoundReport  # the clone's round report: ``explain(seat, quantity)`` gives the causes

    def minus(self, other: "Preview") -> tuple[float | None, float]:
        """What these orders add over ``other``'s (the marginal effect of one order)."""
        sec = None if self.security is None or other.security is None else self.security - other.security
        return sec, self.competitiveness - other.competitiveness


def preview(game: Game, seat: str, orders: Sequence[Order]) -> Preview:
    """Resolve this round on a clone: ``seat`` gives ``orders`` (unchecked), the others hold."""
    c = game.clone()
    while c.phase in ("event", "negotiation"):
        c.advance()
    c.state.pending = {seat: tuple(orders)}  # everyone else holds; their real orders stay unread
    rep = c.resolve()
    sec = rep.delta(seat, "security") * QUANTITY_SCALE["security"] if seat in game.state.nations else None
    return Preview(seat, sec, rep.delta(seat, "competitiveness"), rep)
