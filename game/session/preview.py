"""What a seat's orders would do this year: the round resolved on a clone of the game, the
seat playing its draft and every other seat doing as it did last year.

"Last year" is the public record: the orders revealed when the last round resolved, those of
them that are still legal, taken in order (a tier already set, a licence already held or an
order beyond this year's budget drops out; in the first year everyone holds).  Assuming that
the others hold instead would put every table that needs its yearly defence into crisis in
the preview, and the crisis would drown the seat's own orders (one defence order previewed
+107 competitiveness).

A preview is the same resolution the ledger later records, so when the others do as
assumed the preview equals the ledger exactly (a test holds it so).  Other seats' submitted
orders are never read: a preview reveals nothing of anyone else's hand.  No UI here; the
order sheet and the team terminals show it.
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
    others: str = "last_year"  # what the others were assumed to do: "last_year" or "hold" (no record yet)

    def minus(self, other: "Preview") -> tuple[float | None, float]:
        """What these orders add over ``other``'s (the marginal effect of one order)."""
        sec = None if self.security is None or other.security is None else self.security - other.security
        return sec, self.competitiveness - other.competitiveness


def as_last_year(game: Game, seat: str) -> dict[str, tuple[Order, ...]]:
    """Every other seat's orders of the last resolved year that are still legal now, in order.

    Read from the public record only; empty in the first year (everyone holds)."""
    if not game.state.revealed:
        return {}
    last = game.state.revealed[-1]["orders"]
    out: dict[str, tuple[Order, ...]] = {}
    for s, texts in sorted(last.items()):
        if s == seat or s not in game.rs.seat_ids or not texts:
            continue
        kept: list[Order] = []
        for text in texts:  # one by one: a tier already set or a licence already held drops out
            try:
                o = Order.parse(text)
                game.check(s, [*kept, o])
            except ValueError:  # OrderSyntaxError or IllegalOrder: it drops out
                continue
            kept.append(o)
        if kept:
            out[s] = tuple(kept)
    return out


def preview(game: Game, seat: str, orders: Sequence[Order], others: str = "last_year") -> Preview:
    """Resolve this round on a clone: ``seat`` gives ``orders`` (unchecked); the others do as
    they did last year (``others="last_year"``, see `as_last_year`) or hold (``"hold"``)."""
    c = game.clone()
    while c.phase in ("event", "negotiation"):
        c.advance()
    pending = as_last_year(c, seat) if others == "last_year" else {}
    assumed = "last_year" if pending else "hold"
    pending[seat] = tuple(orders)
    c.state.pending = pending  # the others' real orders of this year stay unread
    rep = c.resolve()
    sec = rep.delta(seat, "security") * QUANTITY_SCALE["security"] if seat in game.state.nations else None
    return Preview(seat, sec, rep.delta(seat, "competitiveness"), rep, assumed)
