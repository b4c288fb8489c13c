"""Keeping the terms of agreements a seat is bound by: what it owes this round, and its
plan with those orders put first (`game.ai.heuristic.plan_orders` calls it)."""

from __future__ import annotations

from typing import Any

from game.engine.orders import Order

from .reasons import Reason


def owed(view: dict[str, Any], seat: str) -> list[tuple[str, int]]:
    """(term, amount) ``seat`` owes this round under the agreements in force."""
    out: dict[str, int] = {}
    for a in view["agreements"]:
        for tm in a.get("terms", ()):
            if tm["seat"] == seat:
                out[tm["term"]] = max(out.get(tm["term"], 0), tm["amount"])
    return sorted(out.items())


def honour_terms(rs, view: dict[str, Any], seat: str, orders: list[Order],
                 reasons: list[Reason]) -> tuple[list[Order], list[Reason]]:
    """The plan with what the seat's accepted terms ask put first: an order of the term's
    kind raised (or added) to the amount owed; later orders that no longer fit are dropped
    by the caller's legality pass."""
    debts = owed(view, seat)
    if not debts:
        return orders, reasons
    front: list[Order] = []
    rest = list(orders)
    for term, amount in debts:
        d = rs.terms.get(term)
        if d is None:
            continue
        have = sum(o.amount for o in rest if o.kind in d.orders)
        if have >= amount:
            continue
        kind = d.orders[0]
        same = next((o for o in rest if o.kind == kind), None)  # raise it rather than add a second
        base = same.amount if same is not None else 0
        allowed = [a for a in rs.orders[kind].amounts if a >= base + amount - have]
        if not allowed:
            continue
        domain = same.domain if same is not None else None
        if domain is None and kind in ("fund_data", "build_application"):
            pool = view["nations"][seat]["data"] if seat in view["nations"] else view["firms"][seat]["apps"]
            domain = max(sorted(pool), key=lambda x: pool[x])
        if same is not None:
            rest.remove(same)
        front.append(Order(kind, domain=domain, amount=min(allowed)))
        reasons = [*reasons, Reason("keep_term", {"seat": seat, "term": term, "amount": amount})]
    budget = _budget_now(view, seat)
    spent = sum(_cost(rs, o) for o in front)
    kept = []
    for o in rest:  # keep what still fits: the terms come first
        cost = _cost(rs, o)
        if spent + cost <= budget:
            kept.append(o)
            spent += cost
    return [*front, *kept], reasons


def _cost(rs, o: Order) -> int:
    d = rs.orders[o.kind]
    return d.cost + (o.amount if d.amounts else 0)


def _budget_now(view: dict[str, Any], seat: str) -> int:
    holder = view["nations"].get(seat) or view["firms"][seat]
    return int(holder["budget"])
