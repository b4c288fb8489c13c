"""How a persona negotiates: the agreements it proposes (with terms), how it answers a
proposal (with its reason), and the orders it adds to keep the terms it accepted.

Every answer is weighed against the table as the negotiation phase opened
(``view["opening"]``: trust, budgets, agreements in force), so an answer never depends
on which proposal happened to form first.  What the table remembers
(``view["memory"]``: cut-offs, pacts left early, broken terms) is part of the game
state, so a grudge is saved, replayed and seen by every seat alike.
"""

from __future__ import annotations

from typing import Any

from game.content.ai_schema import Tendencies

from .heuristic import plan_orders
from .reasons import Reason

Proposed = tuple[str, list[str], list[dict[str, Any]], Reason]  # kind, members, terms, reason


# ------------------------------------------------------------------ the opening position


def _opening(view: dict[str, Any]) -> dict[str, Any]:
    return view.get("opening") or {}


def trust_of(view: dict[str, Any], seat: str, other: str) -> float:
    """``seat``'s trust in nation ``other`` as the negotiation opened (now, outside it)."""
    op = _opening(view).get("trust")
    row = op.get(seat) if op else None
    if row is None:
        row = view["nations"][seat]["trust"]
    return float(row.get(other, 50.0))


def budget_of(view: dict[str, Any], seat: str) -> int:
    op = _opening(view).get("budget")
    if op and seat in op:
        return int(op[seat])
    holder = view["nations"].get(seat) or view["firms"][seat]
    return int(holder["budget"])


def agreements_in_force(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The agreements in force as the negotiation opened (those formed since are left out)."""
    ids = _opening(view).get("agreements")
    if ids is None:
        return list(view["agreements"])
    keep = set(ids)
    return [a for a in view["agreements"] if a["id"] in keep]


def _bound(view: dict[str, Any], kind: str, a: str, b: str) -> bool:
    """Do ``a`` and ``b`` share an agreement of ``kind`` that still binds after this round, or
    a proposal of it on the table, or did ``b`` decline ``a``'s last round?  (In an
    agreement's last round, proposing it again renews it, unless the game ends with this
    round too: a renewal would buy nothing.)"""
    if _in_force_until_end(view, kind, a, b):
        return True
    if any(p["kind"] == kind and p["status"] == "open" and a in p["members"] and b in p["members"]
           for p in view["proposals"]):
        return True
    return any(p["kind"] == kind and p["proposer"] == a and p["answers"].get(b) is False
               for p in view.get("last_proposals", ()))


def _in_force_until_end(view: dict[str, Any], kind: str, a: str, b: str) -> bool:
    """Do ``a`` and ``b`` share an agreement of ``kind`` that binds after this round, or, in
    the game's last round, one in force this round (renewing it would buy nothing)?"""
    after = view["round"] - (1 if view["round"] >= view["rounds"] else 0)
    return any(x["kind"] == kind and a in x["members"] and b in x["members"] and x["end_round"] > after
               for x in agreements_in_force(view))


def grudge(view: dict[str, Any], seat: str, other: str, t: Tendencies) -> dict[str, Any] | None:
    """The latest thing ``other`` did to ``seat`` that ``seat`` still remembers (None: nothing)."""
    since = view["round"] - t.grudge_rounds
    hit = None
    for m in view.get("memory", ()):
        if m["against"] == seat and m["round"] > since and (m["by"] == other or _home(view, m["by"]) == other):
            hit = m
    return hit


def _home(view: dict[str, Any], x: str) -> str:
    return view["firms"][x]["home"] if x in view["firms"] else x


# ------------------------------------------------------------------ terms


def _terms_asked(rs, view: dict[str, Any], t: Tendencies, others: list[str]) -> list[dict[str, Any]]:
    """The persona's asks, on every other member of the seat type each term binds."""
    out = []
    for tid, amount in sorted(t.terms.items()):
        d = rs.terms.get(tid)
        if d is None or amount not in d.amounts:
            continue
        for m in others:
            if (m in view["nations"]) == (d.actor == "nation"):
                out.append({"term": tid, "seat": m, "amount": amount})
    return out


def planned(rs, view: dict[str, Any], seat: str, t: Tendencies, term: str) -> int:
    """What ``seat``'s own plan this round puts into ``term``'s order kinds."""
    kinds = rs.terms[term].orders
    op = _opening(view).get("budget")
    if op and seat in op:  # plan on the budget it had as negotiation opened, not what formed since left
        side = "nations" if seat in view["nations"] else "firms"
        me = view[side][seat]
        if me["budget"] != op[seat]:
            view = {k: v for k, v in view.items() if k != "_ai"}
            view[side] = {**view[side], seat: {**me, "budget": op[seat]}}
    orders, _ = plan_orders(rs, view, seat, t, honour=False)
    return sum(o.amount for o in orders if o.kind in kinds)


# ------------------------------------------------------------------ proposing


def proposals(rs, view: dict[str, Any], seat: str, t: Tendencies) -> list[Proposed]:
    """The agreements ``seat`` proposes this round: one of each kind it proposes (a nation:
    a data partnership to each firm it picks), to the seats it trusts and is not yet bound
    to, with the terms its persona asks."""
    out: list[Proposed] = []
    budget = budget_of(view, seat)
    for kind in t.propose:
        d = rs.agreements.get(kind)
        if d is None:
            continue
        if d.members == "firm_and_nation" and seat in view["nations"]:  # one offer to each firm it picks
            groups = [[seat, f] for f in _firms_to_partner(rs, view, seat, t, kind)]
        else:
            groups = [_partners(rs, view, seat, t, kind, d)]
        for members in groups:
            if not members or budget < d.cost:
                continue
            others = [m for m in members if m != seat]
            terms = _terms_asked(rs, view, t, others)
            code = "propose_terms" if terms else "propose"
            out.append((kind, members, terms, Reason(code, {"seat": seat, "kind": kind, "partners": others,
                                                            "terms": _terms_text(terms)})))
            budget -= d.cost
    return out


def _terms_text(terms: list[dict[str, Any]]) -> list[Reason]:
    return [Reason("term", {"seat": x["seat"], "term": x["term"], "amount": x["amount"]}) for x in terms]


def _partners(rs, view: dict[str, Any], seat: str, t: Tendencies, kind: str, d) -> list[str]:
    need = next((v for k, v in t.accept.items() if k == kind), 50.0)
    if d.members == "nations" and seat in view["nations"]:
        ps = [n for n in view["nations"] if n != seat and trust_of(view, seat, n) >= need
              and not _bound(view, kind, seat, n) and grudge(view, seat, n, t) is None]
        ps = ps[: d.max_members - 1]
        return [seat, *ps] if len(ps) + 1 >= d.min_members else []
    if d.members == "firm_and_nation" and seat in view["firms"]:
        home = view["firms"][seat]["home"]
        nations = [home] if home in view["nations"] else []
        nations += sorted((n for n in view["nations"] if n != home),
                          key=lambda n: (-_data_fit(view, seat, n), n))
        for n in nations:
            if not _bound(view, kind, seat, n) and grudge(view, seat, n, t) is None:
                if n != home and _partnerships(view, seat) >= 1 + (home in view["nations"]):
                    return []  # one partner abroad is enough
                return [seat, n]
        return []
    if d.members == "firms" and seat in view["firms"]:
        ps = [f for f in view["firms"] if f != seat and not rs.seat_defs[f].firm.frontier_lab
              and not _bound(view, kind, seat, f) and grudge(view, seat, f, t) is None][: d.max_members - 1]
        return [seat, *ps] if len(ps) + 1 >= d.min_members else []
    return []


NATION_PARTNERSHIPS = 3  # a nation offers data partnerships until it would be in this many


def _firms_to_partner(rs, view: dict[str, Any], seat: str, t: Tendencies, kind: str) -> list[str]:
    """The firms nation ``seat`` offers a partnership of ``kind`` this round: each of its own
    firms, then the foreign firms with the fewest partners (the best model first) while it
    is in fewer than its limit."""
    room = NATION_PARTNERSHIPS - _partnerships(view, seat, beyond=view["round"])  # the ending ones may renew
    free = [f for f in sorted(view["firms"], key=lambda f: (_partnerships(view, f), -view["firms"][f]["model"], f))
            if not _bound(view, kind, f, seat) and grudge(view, seat, f, t) is None]
    home = [f for f in free if view["firms"][f]["home"] == seat]
    abroad = [f for f in free if f not in home and (t.partner_firms == "any" or rs.seat_defs[f].firm.frontier_lab)]
    return home + abroad[:max(0, room - len(home))]


def _partnerships(view: dict[str, Any], seat: str, beyond: int = 0) -> int:
    """Data partnerships ``seat`` (a firm or a nation) is in as negotiation opened (that
    bind after round ``beyond``)."""
    return sum(1 for a in agreements_in_force(view)
               if a["kind"] == "data_partnership" and seat in a["members"] and a["end_round"] > beyond)


def _data_fit(view: dict[str, Any], firm: str, nation: str) -> float:
    """How much a nation's domain data would add to the firm's applications."""
    apps = view["firms"][firm]["apps"]
    return sum(v for dom, v in view["nations"][nation]["data"].items() if apps.get(dom, 0.0) > 0)


# ------------------------------------------------------------------ answering


def answer(rs, view: dict[str, Any], seat: str, t: Tendencies, proposal: dict[str, Any]) -> tuple[bool, Reason]:
    """Accept or decline, with the reason, weighed against the table as negotiation opened."""
    kind = proposal["kind"]
    base = {"seat": seat, "kind": kind}
    if kind not in t.accept:
        return False, Reason("decline_kind", base)
    if budget_of(view, seat) < rs.agreements[kind].cost:
        return False, Reason("decline_budget", base)
    if view["round"] >= view["rounds"] and any(  # renewing in the game's last round buys nothing
            x["kind"] == kind and set(x["members"]) == set(proposal["members"]) for x in agreements_in_force(view)):
        others = [m for m in proposal["members"] if m != seat]
        return False, Reason("decline_last_round", {**base, "partner": others[0] if len(others) == 1 else others})
    for m in proposal["members"]:
        if m == seat:
            continue
        g = grudge(view, seat, m, t)
        if g is not None:
            code = {"cutoff": "decline_memory_cutoff", "broken_pact": "decline_memory_pact"}.get(g["kind"],
                                                                                            "decline_memory_term")
            return False, Reason(code, {**base, "partner": g["by"], "round": g["round"], "ref": g["ref"]})
    need = t.accept[kind]
    partner, trust = _least_trusted(view, seat, proposal["members"])
    if trust < need:
        return False, Reason("decline_trust", {**base, "partner": partner, "trust": round(trust), "need": round(need)})
    for tm in proposal.get("terms", ()):
        if tm["seat"] != seat or tm["term"] not in rs.terms:
            continue
        plan = planned(rs, view, seat, t, tm["term"])
        if plan + t.term_slack < tm["amount"]:
            return False, Reason("decline_terms", {**base, "term": tm["term"], "amount": tm["amount"], "plan": plan})
    mine = [tm for tm in proposal.get("terms", ()) if tm["seat"] == seat]
    who = partner or proposal["proposer"]
    if mine:
        return True, Reason("accept_terms", {**base, "partner": who, "trust": round(trust), "terms": _terms_text(mine)})
    several = sum(1 for m in proposal["members"] if m != seat and m in view["nations"]) > 1
    return True, Reason("accept_least" if several else "accept", {**base, "partner": who, "trust": round(trust)})


def _least_trusted(view: dict[str, Any], seat: str, members: list[str]) -> tuple[str | None, float]:
    """The nation member ``seat`` trusts least as negotiation opened, and that trust (firms: none, 100)."""
    if seat not in view["nations"]:
        return None, 100.0
    worst, trust = None, 100.0
    for m in members:
        if m != seat and m in view["nations"]:
            tr = trust_of(view, seat, m)
            if worst is None or tr < trust:
                worst, trust = m, tr
    return worst, trust
