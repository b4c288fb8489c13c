"""`IllegalOrder`: every refusal of the checked API, with a catalogued reason.

Kept apart from `legality` so that the order rules, negotiation and the game
can all raise it without importing one another.
"""

from __future__ import annotations

from typing import Any

from .messages import render
from .orders import Order
from .state import GameState


class IllegalOrder(ValueError):
    """An order, proposal or answer the rules refuse, with a catalogued reason."""

    def __init__(self, code: str, order: Order | None = None, **params: object) -> None:
        self.code = code
        self.order = order
        self.params = params
        super().__init__(code)  # the text is rendered when asked for: enumeration refuses many candidates

    def __str__(self) -> str:
        return self.message("en")

    def __reduce__(self) -> tuple[Any, ...]:  # survives pickling (worker processes) with its order and parameters
        return (_illegal_order, (self.code, self.order, self.params))

    def message(self, lang: str = "en") -> str:
        text = render(self.code, lang, **self.params)
        return f"{self.order}: {text}" if self.order is not None else text


def _illegal_order(code: str, order: Order | None, params: dict[str, object]) -> IllegalOrder:
    return IllegalOrder(code, order, **params)


def shown(v: object, limit: int = 60) -> str:
    """A caller's value as a short text for a refusal (long or odd values are cut)."""
    text = repr(v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def budget_of(state: GameState, seat: str) -> int:
    holder = state.nations.get(seat) or state.firms.get(seat)
    return holder.budget if holder is not None else 0
