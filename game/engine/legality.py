"""Which orders a seat may give: checks with reasons, and enumeration.

`check_order` tests one order against the state; `check_orders` tests a whole
submission (budget, per-round limits, duplicates).  Both raise `IllegalOrder`
and never change the state.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from .access import ROW, tier_between
from .messages import render
from .orders import Order
from .ruleset import Ruleset
from .state import GameState


class IllegalOrder(ValueError):
    """An order, proposal or answer the rules refuse, with a catalogued reason."""

    def __init__(self, code: str, order: Order | None = None, **params: object) -> None:
        self.code = code
        self.order = order
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        text = render(self.code, lang, **self.params)
        return f"{self.order}: {text}" if self.order is not None else text


def order_cost(state: GameState, rs: Ruleset, order: Order) -> int:
    d = rs.orders[order.kind]
    base = d.cost + (order.amount if d.amounts else 0)
    return max(0, base - state.discounts.get(order.kind, 0))


def budget_of(state: GameState, seat: str) -> int:
    holder = state.nations.get(seat) or state.firms.get(seat)
    return holder.budget if holder is not None else 0


def _pact_binding(state: GameState, seat: str, other: str) -> str | None:
    for a in state.agreements:
        if a.active and a.kind == "frontier_access_pact" and seat in a.members and (other == ROW or other in a.members):
            return a.id
    return None


def _need(order: Order, *fields: str) -> None:
    for f in fields:
        if getattr(order, f) is None:
            raise IllegalOrder("missing_field", order, kind=order.kind, field=f)


_PARAMS = {
    "set_export_tier": ("target", "tier"),
    "fund_defence": (),
    "fund_data": ("domain",),
    "fund_sovereign": (),
    "procure": ("target", "domain"),
    "market_access_deal": ("region",),
    "license_model": ("target", "grant"),
    "license_from": ("target",),
    "rnd": (),
    "build_application": ("domain",),
    "enter_region": ("region",),
    "weight_security": (),
    "partner_nation": ("target", "domain"),
    "exit_agreement": ("target",),
}


def check_order(state: GameState, rs: Ruleset, seat: str, order: Order) -> None:
    """Raise `IllegalOrder` unless ``order`` is legal on its own for ``seat`` now."""
    d = rs.orders.get(order.kind)
    if d is None:
        raise IllegalOrder("unknown_order", order, kind=order.kind)
    seat_type = "nation" if seat in state.nations else "firm"
    if d.actor != "any" and d.actor != seat_type:
        raise IllegalOrder("not_for_actor", order, kind=order.kind, actor=d.actor)
    wanted = _PARAMS[order.kind]
    _need(order, *wanted)
    for f in ("target", "domain", "region", "tier", "grant"):
        if f not in wanted and getattr(order, f) is not None:
            raise IllegalOrder("unexpected_field", order, kind=order.kind, field=f)
    if d.amounts:
        if order.amount not in d.amounts:
            raise IllegalOrder("bad_amount", order, amounts=", ".join(map(str, d.amounts)))
    elif order.amount:
        raise IllegalOrder("no_amount", order)
    if order.domain is not None and order.domain not in rs.domain_ids:
        raise IllegalOrder("unknown_domain", order, domain=order.domain)
    if order.region is not None and order.region not in rs.region_ids:
        raise IllegalOrder("unknown_region", order, region=order.region)
    cost = order_cost(state, rs, order)
    if cost > budget_of(state, seat):
        raise IllegalOrder("over_budget", order, cost=cost, budget=budget_of(state, seat))
    _check_specific(state, rs, seat, order)


def _check_specific(state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
    k = o.kind
    t = o.target
    if k == "set_export_tier":
        if t != ROW and t not in state.nations:
            raise IllegalOrder("not_a_nation", o, seat=t)
        if t == seat:
            raise IllegalOrder("self_target", o)
        if o.tier not in (1, 2, 3):
            raise IllegalOrder("bad_tier", o)
        if tier_between(state, rs, seat, t) == o.tier:  # type: ignore[arg-type]
            raise IllegalOrder("same_tier", o, target=t, tier=o.tier)
        pact = _pact_binding(state, seat, t)  # type: ignore[arg-type]
        if pact is not None:
            if t != ROW and o.tier != 1:
                raise IllegalOrder("pact_locks_tier", o, agreement=pact, target=t)
            if t == ROW and o.tier == 1:
                raise IllegalOrder("pact_requires_controls", o, agreement=pact)
    elif k == "fund_sovereign":
        n = state.nations[seat]
        headroom = rs.rules.scoring.sovereign_cap * state.frontier - n.sovereign
        if headroom <= 1e-9:
            raise IllegalOrder("sovereign_at_cap", o)
        eff = rs.orders[o.kind].efficiency
        useful = max(1, math.ceil(headroom / eff - 1e-9)) if eff > 0 else 0
        if o.amount > useful:  # paying for capability the ceiling would throw away
            raise IllegalOrder("sovereign_overshoot", o, max=useful)
    elif k in ("procure",):
        if t not in state.firms:
            raise IllegalOrder("not_a_firm", o, seat=t)
    elif k == "market_access_deal":
        if o.region not in rs.outside_regions:
            raise IllegalOrder("not_outside", o, region=o.region)
    elif k == "license_model":
        if t not in state.nations and t not in state.firms:
            raise IllegalOrder("unknown_seat", o, seat=t)
        if t == seat:
            raise IllegalOrder("self_target", o)
        firm = state.firms[seat]
        if o.grant:
            if t in firm.licences:
                raise IllegalOrder("already_licensed", o, target=t)
            recipient = state.firms[t].home if t in state.firms else t
            if rs.tiers[tier_between(state, rs, firm.home, recipient)].blocked:  # type: ignore[arg-type]
                raise IllegalOrder("export_blocked", o, home=firm.home, target=t)
        elif t not in firm.licences:
            raise IllegalOrder("not_licensed", o, target=t)
    elif k == "license_from":
        if t not in state.firms:
            raise IllegalOrder("not_a_firm", o, seat=t)
        if t == seat:
            raise IllegalOrder("self_target", o)
        lic = state.firms[t]  # type: ignore[index]
        if seat in lic.licences:
            raise IllegalOrder("already_licensed", o, target=seat)
        if rs.tiers[tier_between(state, rs, lic.home, state.firms[seat].home)].blocked:
            raise IllegalOrder("export_blocked", o, home=lic.home, target=seat)
    elif k == "rnd":
        f = state.firms[seat]
        cap = state.frontier if f.frontier_lab else state.frontier - rs.rules.scoring.model_cap_margin
        if not f.frontier_lab and f.model >= cap - 1e-9:  # a lab's R&D moves the frontier itself
            raise IllegalOrder("model_at_cap", o)
    elif k == "weight_security":
        if state.firms[seat].weight_security >= 1.0 - 1e-9:
            raise IllegalOrder("security_at_max", o)
    elif k == "partner_nation":
        if t not in state.nations:
            raise IllegalOrder("not_a_nation", o, seat=t)
    elif k == "exit_agreement":
        if not any(a.active and a.id == t and seat in a.members for a in state.agreements):
            raise IllegalOrder("unknown_agreement", o, agreement=t)


def check_orders(state: GameState, rs: Ruleset, seat: str, orders: Sequence[Order]) -> None:
    """Raise `IllegalOrder` unless the whole submission is legal."""
    total = 0
    counts: dict[str, int] = {}
    targets: set[tuple[str, str | None, str | None, str | None]] = set()
    for o in orders:
        if not isinstance(o, Order):
            raise IllegalOrder("bad_order", None, detail=repr(o))
        check_order(state, rs, seat, o)
        counts[o.kind] = counts.get(o.kind, 0) + 1
        limit = rs.orders[o.kind].max_per_round
        if counts[o.kind] > limit:
            raise IllegalOrder("too_many", o, max=limit, kind=o.kind)
        if o.kind in ("set_export_tier", "license_model", "license_from", "exit_agreement",
                      "market_access_deal"):
            key = (o.kind, o.target, o.region, None)
            if key in targets:
                raise IllegalOrder("duplicate_target", o, target=o.target or o.region)
            targets.add(key)
        total += order_cost(state, rs, o)
    budget = budget_of(state, seat)
    if total > budget:
        raise IllegalOrder("over_budget", None, cost=total, budget=budget)


def candidate_orders(state: GameState, rs: Ruleset, seat: str) -> Iterator[Order]:
    """Every well-formed order for ``seat``'s type, legal or not (a generator)."""
    is_nation = seat in state.nations
    for kind, d in rs.orders.items():
        if d.actor != "any" and d.actor != ("nation" if is_nation else "firm"):
            continue
        amounts = d.amounts or [0]
        if kind == "set_export_tier":
            for t in (*[n for n in state.nations if n != seat], ROW):
                for tier in (1, 2, 3):
                    yield Order(kind, target=t, tier=tier)
        elif kind in ("fund_defence", "fund_sovereign", "rnd", "weight_security"):
            for a in amounts:
                yield Order(kind, amount=a)
        elif kind in ("fund_data", "build_application"):
            for dom in rs.domain_ids:
                for a in amounts:
                    yield Order(kind, domain=dom, amount=a)
        elif kind == "procure":
            for f in state.firms:
                for dom in rs.domain_ids:
                    for a in amounts:
                        yield Order(kind, target=f, domain=dom, amount=a)
        elif kind == "market_access_deal":
            for r in rs.outside_regions:
                yield Order(kind, region=r)
        elif kind == "enter_region":
            for r in rs.region_ids:
                for a in amounts:
                    yield Order(kind, region=r, amount=a)
        elif kind == "license_model":
            for t in (*state.nations, *state.firms):
                if t != seat:
                    yield Order(kind, target=t, grant=t not in state.firms[seat].licences)
        elif kind == "license_from":
            for f in state.firms:
                if f != seat:
                    yield Order(kind, target=f)
        elif kind == "partner_nation":
            for n in state.nations:
                for dom in rs.domain_ids:
                    for a in amounts:
                        yield Order(kind, target=n, domain=dom, amount=a)
        elif kind == "exit_agreement":
            for a in state.agreements:
                if a.active and seat in a.members:
                    yield Order(kind, target=a.id)


def legal_orders(state: GameState, rs: Ruleset, seat: str) -> Iterator[Order]:
    """Every single order ``seat`` may give now (each affordable on its own)."""
    for o in candidate_orders(state, rs, seat):
        try:
            check_order(state, rs, seat, o)
        except IllegalOrder:
            continue
        yield o
