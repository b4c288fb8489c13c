"""Agreements: proposals, answers, formation, upkeep, expiry and exit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .access import ROW
from .ledger import change, post
from .refusal import IllegalOrder, budget_of, shown
from .ruleset import Ruleset
from .state import Agreement, GameState, Proposal


def check_proposal(state: GameState, rs: Ruleset, proposer: str, kind: str,
                   members: Sequence[str], duration: int | None,
                   terms: Sequence[Mapping[str, Any]] = ()) -> tuple[tuple[str, ...], int, tuple[dict[str, Any], ...]]:
    d = rs.agreements.get(kind) if isinstance(kind, str) else None
    if d is None:
        raise IllegalOrder("unknown_agreement_kind", kind=kind if isinstance(kind, str) else shown(kind))
    if isinstance(members, (str, bytes)) or not isinstance(members, Sequence) \
            or not all(isinstance(m, str) for m in members):
        raise IllegalOrder("bad_member_list", value=shown(members))
    if duration is not None and type(duration) is not int:  # 1.5, True, "3" are not a number of rounds
        raise IllegalOrder("bad_duration", max=2 * d.duration)
    ms = tuple(members)
    if proposer not in ms:
        ms = (proposer, *ms)
    if len(set(ms)) != len(ms):
        raise IllegalOrder("duplicate_member")
    for m in ms:
        if m not in state.nations and m not in state.firms:
            raise IllegalOrder("unknown_seat", seat=m)
    if not d.min_members <= len(ms) <= d.max_members:
        raise IllegalOrder("member_count", kind=kind, min=d.min_members, max=d.max_members)
    _check_member_types(state, kind, d.members, ms)
    dur = d.duration if duration is None else duration
    if not 1 <= dur <= 2 * d.duration:
        raise IllegalOrder("bad_duration", max=2 * d.duration)
    # in its last year an agreement may be proposed again: formed, it renews the one in force
    if _in_force(state, kind, ms, beyond=state.round) is not None:
        raise IllegalOrder("agreement_exists")
    if budget_of(state, proposer) < d.cost:
        raise IllegalOrder("cannot_pay", seat=proposer, cost=d.cost)
    return ms, dur, check_terms(state, rs, ms, terms)


def check_terms(state: GameState, rs: Ruleset, members: tuple[str, ...],
                terms: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], ...]:
    """A proposal's terms, each ``{"term", "seat", "amount"}``: a known term, a member of the
    term's seat type, an amount the term allows, one term of a kind per member."""
    if isinstance(terms, (str, bytes, Mapping)) or not isinstance(terms, Sequence) or len(terms) > 2 * len(members):
        raise IllegalOrder("bad_terms", value=shown(terms))
    out: list[dict[str, Any]] = []
    for t in terms:
        if not isinstance(t, Mapping) or set(t) != {"term", "seat", "amount"}:
            raise IllegalOrder("bad_terms", value=shown(t))
        tid, seat, amount = t["term"], t["seat"], t["amount"]
        d = rs.terms.get(tid) if isinstance(tid, str) else None
        if d is None:
            raise IllegalOrder("unknown_term", term=shown(tid))
        if not isinstance(seat, str) or seat not in members:
            raise IllegalOrder("term_not_member", term=tid, seat=seat if isinstance(seat, str) else shown(seat))
        if (seat in state.nations) != (d.actor == "nation"):
            raise IllegalOrder("term_actor", term=tid, seat=seat)
        if type(amount) is not int or amount not in d.amounts:
            raise IllegalOrder("term_amount", term=tid, allowed=", ".join(map(str, d.amounts)))
        if any(o["term"] == tid and o["seat"] == seat for o in out):
            raise IllegalOrder("term_twice", term=tid, seat=seat)
        out.append({"term": tid, "seat": seat, "amount": amount})
    return tuple(out)


def _check_member_types(state: GameState, kind: str, members: str, ms: tuple[str, ...]) -> None:
    n_nations = sum(1 for m in ms if m in state.nations)
    n_firms = len(ms) - n_nations
    if members == "nations" and n_firms:
        raise IllegalOrder("bad_members", kind=kind, need="nations")
    if members == "firms" and n_nations:
        raise IllegalOrder("bad_members", kind=kind, need="firms")
    if members == "firm_and_nation" and (n_nations != 1 or n_firms != 1):
        raise IllegalOrder("bad_members", kind=kind, need="firm_and_nation")


def kinds_for(state: GameState, rs: Ruleset, seat: str) -> list[str]:
    """The agreement kinds ``seat`` may be a member of (the ones worth offering it)."""
    return [k for k in rs.agreements if partners_for(state, rs, seat, k)]


def partners_for(state: GameState, rs: Ruleset, seat: str, kind: str) -> list[str]:
    """The seats ``seat`` may join in an agreement of ``kind`` (by their type: nation or firm)."""
    rule = rs.agreements[kind].members
    nation = seat in state.nations
    others = [s for s in rs.seat_ids if s != seat]
    if rule == "nations":
        return [s for s in others if s in state.nations] if nation else []
    if rule == "firms":
        return [s for s in others if s in state.firms] if not nation else []
    if rule == "firm_and_nation":
        return [s for s in others if (s in state.firms) == nation]
    return others


def propose(state: GameState, rs: Ruleset, proposer: str, kind: str,
            members: Sequence[str], duration: int | None = None,
            terms: Sequence[Mapping[str, Any]] = ()) -> Proposal:
    ms, dur, ts = check_proposal(state, rs, proposer, kind, members, duration, terms)
    p = Proposal(id=f"P{state.next_id}", kind=kind, proposer=proposer, members=ms,
                 duration=dur, answers={proposer: True}, round=state.round, terms=ts)
    state.next_id += 1
    state.proposals.append(p)
    return p


def find_open(state: GameState, proposal_id: str) -> Proposal:
    if not isinstance(proposal_id, str):
        raise IllegalOrder("unknown_proposal", proposal=shown(proposal_id))
    for p in state.proposals:
        if p.id == proposal_id and p.status == "open":
            return p
    raise IllegalOrder("unknown_proposal", proposal=proposal_id)


def check_answer(state: GameState, rs: Ruleset, seat: str, proposal_id: str, accept: bool) -> Proposal:
    if type(accept) is not bool:
        raise IllegalOrder("bad_answer", value=shown(accept))
    p = find_open(state, proposal_id)
    if seat not in p.members:
        raise IllegalOrder("not_invited", seat=seat, proposal=proposal_id)
    if seat in p.answers:
        raise IllegalOrder("already_answered", seat=seat)
    cost = rs.agreements[p.kind].cost
    if accept and budget_of(state, seat) < cost:
        raise IllegalOrder("cannot_pay", seat=seat, cost=cost)
    return p


def answer(state: GameState, rs: Ruleset, seat: str, proposal_id: str, accept: bool) -> Proposal:
    p = check_answer(state, rs, seat, proposal_id, accept)
    p.answers[seat] = accept
    if not accept:
        p.status = "declined"
    elif all(p.answers.get(m) for m in p.members):
        _form(state, rs, p)
    return p


def _form(state: GameState, rs: Ruleset, p: Proposal) -> None:
    d = rs.agreements[p.kind]
    for m in p.members:
        if budget_of(state, m) < d.cost:  # someone spent it meanwhile
            p.status = "failed"
            return
    p.status = "formed"
    a = _in_force(state, p.kind, p.members, beyond=state.round - 1)
    if a is not None:  # a renewal: the agreement binds on, under the terms just agreed
        a.end_round, a.terms = state.round + p.duration, p.terms
    else:
        a = Agreement(id=f"A{state.next_id}", kind=p.kind, members=p.members,
                      start_round=state.round, end_round=state.round + p.duration - 1, terms=p.terms)
        state.next_id += 1
        state.agreements.append(a)
    for m in p.members:
        change(state, "agreement", p.kind, m, "budget", -d.cost)
    bonus = d.trust_on_form + state.modifiers.get("agreement_trust_bonus", 0.0)
    nations = [m for m in p.members if m in state.nations]
    for x in nations:
        for y in nations:
            if x != y:
                change(state, "agreement", p.kind, x, f"trust/{y}", bonus, hi=100.0)
    if p.kind == "frontier_access_pact":
        _apply_pact_terms(state, rs, a)


def _in_force(state: GameState, kind: str, members: Sequence[str], beyond: int) -> Agreement | None:
    """The agreement of ``kind`` among exactly ``members`` in force after round ``beyond``."""
    for a in state.agreements:
        if a.active and a.kind == kind and set(a.members) == set(members) and a.end_round > beyond:
            return a
    return None


def _apply_pact_terms(state: GameState, rs: Ruleset, a: Agreement) -> None:
    """Members open tier 1 to each other and keep controls toward the rest of the world."""
    for x in a.members:
        nx = state.nations[x]
        for y in a.members:
            if x != y and nx.tiers.get(y, rs.scenario.default_tier) != 1:
                post(state, "agreement", a.kind, x, f"tier/{y}", 1 - nx.tiers.get(y, rs.scenario.default_tier))
                nx.tiers[y] = 1
        row = nx.tiers.get(ROW, rs.scenario.default_row_tier)
        if row < 2:
            nx.tiers[ROW] = 2
            post(state, "agreement", a.kind, x, "tier/row", 2 - row)
    # frontier access means the members' firms license their models to every member nation
    for fid, f in state.firms.items():
        if f.home in a.members:
            for y in a.members:
                if y != f.home and y not in f.licences:
                    f.licences.append(y)
                    f.licences.sort()
                    post(state, "agreement", a.kind, fid, f"licence/{y}", 1.0)


def add_agreement(state: GameState, rs: Ruleset, kind: str, members: Sequence[str], rounds_left: int) -> Agreement:
    """An agreement in force from the start of a scenario (no cost, no trust)."""
    a = Agreement(id=f"A{state.next_id}", kind=kind, members=tuple(members),
                  start_round=1, end_round=rounds_left)
    state.next_id += 1
    state.agreements.append(a)
    if kind == "frontier_access_pact":
        _apply_pact_terms(state, rs, a)
    return a


def expire_proposals(state: GameState) -> None:
    for p in state.proposals:
        if p.status == "open":
            p.status = "expired"


def open_negotiation(state: GameState) -> None:
    """Keep the table as the negotiation phase opens: trust, budgets and the agreements in
    force.  Seats weigh every answer of the phase against it (`GameState.opening`)."""
    state.opening = {
        "trust": {n: dict(ns.trust) for n, ns in state.nations.items()},
        "budget": {**{n: ns.budget for n, ns in state.nations.items()},
                   **{f: fs.budget for f, fs in state.firms.items()}},
        "agreements": [a.id for a in state.agreements if a.active],
    }


def close_negotiation(state: GameState) -> None:
    expire_proposals(state)
    state.opening = {}


def remember(state: GameState, kind: str, by: str, against: str, ref: str) -> None:
    """What the table remembers (`GameState.memory`); search clones remember too, so a bot
    that looks ahead sees the grudge its move would leave."""
    state.memory.append({"round": state.round, "kind": kind, "by": by, "against": against, "ref": ref})


def check_terms_kept(state: GameState, rs: Ruleset, orders: Mapping[str, Sequence[Any]]) -> None:
    """Each term of each agreement in force, against the round's orders: a member that ordered
    less than its term asks has broken it (ledger, trust, memory, and with ``expel`` it leaves)."""
    for a in state.agreements:
        if not a.active or not a.terms:
            continue
        for t in a.terms:
            d = rs.terms.get(t["term"])
            seat = t["seat"]
            if d is None or seat not in a.members:
                continue
            done = sum(o.amount for o in orders.get(seat, ()) if o.kind in d.orders)
            if done >= t["amount"]:
                continue
            post(state, "term", a.kind, seat, f"broken/{t['term']}", float(t["amount"] - done))
            home = seat if seat in state.nations else state.firms[seat].home
            for m in a.members:
                if m == seat:
                    continue
                remember(state, "broken_term", seat, m, t["term"])
                if m in state.nations and m != home and home in state.nations:
                    change(state, "term", a.kind, m, f"trust/{home}", -d.broken_trust_cost, lo=0.0)
            if d.expel and seat in a.members:
                _leave(state, rs, a, seat)


def exit_agreement(state: GameState, rs: Ruleset, seat: str, agreement_id: str) -> None:
    for a in state.agreements:
        if a.id == agreement_id and a.active and seat in a.members:
            cost = rs.agreements[a.kind].exit_trust_cost
            for m in a.members:
                if m != seat and m in state.nations and seat in state.nations:
                    change(state, "exit", a.kind, m, f"trust/{seat}", -cost, lo=0.0)
            if state.round < a.end_round:  # leaving before the term ends breaks the pact
                for m in a.members:
                    if m != seat:
                        remember(state, "broken_pact", seat, m, a.kind)
            _leave(state, rs, a, seat)
            return


def _leave(state: GameState, rs: Ruleset, a: Agreement, seat: str) -> None:
    rest = tuple(m for m in a.members if m != seat)
    if len(rest) >= rs.agreements[a.kind].min_members and _valid_members(state, rs, a.kind, rest):
        a.members = rest
        a.terms = tuple(t for t in a.terms if t["seat"] != seat)
    else:
        a.active = False


def _valid_members(state: GameState, rs: Ruleset, kind: str, members: tuple[str, ...]) -> bool:
    d = rs.agreements[kind]
    n = sum(1 for m in members if m in state.nations)
    if d.members == "firm_and_nation":
        return n == 1 and len(members) == 2
    return True


def expire_agreements(state: GameState) -> None:
    for a in state.agreements:
        if a.active and state.round >= a.end_round:
            a.active = False


def active(state: GameState, kind: str) -> list[Agreement]:
    return [a for a in state.agreements if a.active and a.kind == kind]
