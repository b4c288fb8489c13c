"""`IllegalOrder`: every refusal of the checked API, with a catalogued reason.

Kept apart from `legality` so that the order rules, negotiation and the game
can all raise it without importing one another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.i18n import join_list

from .messages import CATALOG, render
from .orders import Order
from .state import GameState

if TYPE_CHECKING:
    from .ruleset import Ruleset

AGREEMENT_KIND_CODES = frozenset({"member_count", "bad_members"})  # their {kind} is an agreement kind
SEAT_PARAMS = ("seat", "target", "home")


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

    def message(self, lang: str = "en", rs: Ruleset | None = None) -> str:
        """The refusal in ``lang``.  With the ruleset, every id in it (order and agreement kinds,
        seats, regions, domains) is shown by its name, and the order in words."""
        text = refusal_text(self.code, self.params, lang, rs)
        if self.order is None:
            return text
        if rs is None:
            return f"{self.order}: {text}"
        from .report import describe_order

        return f"{describe_order(rs, self.order, lang)}{'：' if lang == 'ja' else ': '}{text}"


def refusal_text(code: str, params: dict[str, object], lang: str = "en", rs: Ruleset | None = None) -> str:
    """The catalogued reason ``code`` in ``lang``, its parameters in words (names from ``rs``).

    A count of one has its own wording where the catalog holds one (``too_many.one``)."""
    named = named_params(code, params, lang, rs)
    key = code
    if params.get("max") == 1 and f"{code}.one" in CATALOG:
        key = f"{code}.one"
    return render(key, lang, **named)


def named_params(code: str, params: dict[str, object], lang: str = "en",
                 rs: Ruleset | None = None) -> dict[str, object]:
    """``params`` with ids replaced by words a player reads: phases, actors, fields and member
    rules from the catalog; order and agreement kinds, seats, regions and domains from ``rs``."""
    out = dict(params)
    for name, prefix in (("phase", "phase"), ("actor", "actor"), ("field", "field"), ("need", "need")):
        v = out.get(name)
        if isinstance(v, str) and f"{prefix}.{v}" in CATALOG:
            out[name] = render(f"{prefix}.{v}", lang)
    if rs is None:
        return out
    kind = out.get("kind")
    if isinstance(kind, str):
        out["kind"] = _kind_name(rs, kind, code in AGREEMENT_KIND_CODES, lang)
    for name in SEAT_PARAMS:
        v = out.get(name)
        if isinstance(v, str):
            out[name] = _seat_word(rs, v, lang)
    if isinstance(out.get("region"), str):
        out["region"] = rs.region_name(str(out["region"]), lang)
    if isinstance(out.get("domain"), str) and out["domain"] in rs.domain_ids:
        out["domain"] = rs.domain_name(str(out["domain"]), lang)
    q = out.get("quantity")
    if isinstance(q, str) and f"quantity.{q}" in CATALOG:
        out["quantity"] = render(f"quantity.{q}", lang)
    term = out.get("term")
    if isinstance(term, str) and term in rs.terms:
        out["term"] = rs.terms[term].name.get(lang)
    seats = out.get("seats")
    if isinstance(seats, str) and seats != "-":
        out["seats"] = join_list([_seat_word(rs, s, lang) for s in seats.split(", ")], lang)
    for name in ("allowed", "amounts"):  # lists a caller chooses from: the ids it must give, listed in the language
        v = out.get(name)
        if isinstance(v, str) and lang == "ja":
            out[name] = join_list([x if x.isdigit() else f"「{x}」" for x in v.split(", ")], lang)
    return out


def _illegal_order(code: str, order: Order | None, params: dict[str, object]) -> IllegalOrder:
    return IllegalOrder(code, order, **params)


def shown(v: object, limit: int = 60) -> str:
    """A caller's value as a short text for a refusal (long or odd values are cut)."""
    text = repr(v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def budget_of(state: GameState, seat: str) -> int:
    holder = state.nations.get(seat) or state.firms.get(seat)
    return holder.budget if holder is not None else 0


def _kind_name(rs: Ruleset, kind: str, agreement_first: bool, lang: str) -> str:
    """An order or agreement kind by its name (an agreement's first where the code is about one)."""
    for table in ((rs.agreements, rs.orders) if agreement_first else (rs.orders, rs.agreements)):
        if kind in table:
            return table[kind].name.get(lang)
    return kind


def _seat_word(rs: Ruleset, value: str, lang: str) -> str:
    """A seat, the rest of the world, or a region (one market-access deal per region) by name."""
    if value == "row":
        return render("order.row", lang)
    if value in rs.seat_defs:
        return rs.seat_name(value, lang)
    return rs.region_name(value, lang)
