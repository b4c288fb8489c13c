"""What one seat may see: the public state plus its own secrets.

Other seats' pending orders and secret objectives never appear before they are
revealed (orders at resolution, objectives when the game is over).
"""

from __future__ import annotations

from typing import Any

from .access import ROW, has_frontier_access, tier_between, usable_models
from .events import choosers
from .par import standings
from .ruleset import Ruleset
from .state import GameState


def proposals_view(state: GameState, seat: str | None) -> list[dict[str, Any]]:
    """This round's proposals that ``seat`` is party to (all of them for ``None``)."""
    return [
        {"id": p.id, "kind": p.kind, "proposer": p.proposer, "members": list(p.members),
         "duration": p.duration, "answers": dict(p.answers), "status": p.status,
         "terms": [dict(t) for t in p.terms]}
        for p in state.proposals if p.round == state.round and (seat is None or seat in p.members)
    ]


def _last_round_proposals(state: GameState) -> list[dict[str, Any]]:
    """Last round's proposals and how each member answered: public, as the table saw them."""
    last = state.round - 1
    return [{"kind": p.kind, "proposer": p.proposer, "members": list(p.members), "answers": dict(p.answers),
             "status": p.status} for p in state.proposals if p.round == last]


def view_for(state: GameState, rs: Ruleset, seat: str | None) -> dict[str, Any]:
    over = state.phase == "over"
    usable = usable_models(state, rs)
    nations = {}
    for nid, n in state.nations.items():
        nations[nid] = {
            "defence": n.defence,
            "data": dict(n.data),
            "sovereign": n.sovereign,
            "tiers": {t: tier_between(state, rs, nid, t) for t in (*[x for x in state.nations if x != nid], ROW)},
            "trust": dict(n.trust),
            "budget": n.budget,
            "income": n.income,
            "security": n.security,
            "productivity": n.productivity,
            "competitiveness": n.competitiveness,
            "incidents": n.incidents,
            "usable_model": usable[nid],
            "frontier_access": has_frontier_access(state, rs, nid, usable[nid]),
        }
    firms = {}
    for fid, f in state.firms.items():
        firms[fid] = {
            "home": f.home,
            "model": f.model,
            "usable_model": usable[fid],
            "apps": dict(f.apps),
            "presence": dict(f.presence),
            "weight_security": f.weight_security,
            "licences": list(f.licences),
            "budget": f.budget,
            "revenue": f.revenue,
            "licence_revenue": f.licence_revenue,
            "competitiveness": f.competitiveness,
        }
    view: dict[str, Any] = {
        "seat": seat,
        "scenario": state.scenario,
        "round": state.round,
        "rounds": state.rounds,
        "phase": state.phase,
        "event": state.event,
        "frontier": state.frontier,
        "rival": {"capability": state.rival.capability, "threat": state.rival.threat,
                  "presence": dict(state.rival.presence), "revenue": state.rival.revenue},
        "alliance_security": state.asi,
        "alliance_competitiveness": state.aci,
        "nations": nations,
        "firms": firms,
        "markets": dict(state.markets),
        "shares": {k: dict(v) for k, v in state.shares.items()},
        "agreements": [
            {"id": a.id, "kind": a.kind, "members": list(a.members), "end_round": a.end_round,
             "terms": [dict(t) for t in a.terms]}
            for a in state.agreements if a.active
        ],
        "proposals": proposals_view(state, seat),
        "last_proposals": _last_round_proposals(state),
        "submitted": {s: s in state.pending for s in rs.seat_ids},
        "scores": dict(state.scores),
        "standings": standings(state, rs),  # score over par (empty without a par)
        "history": list(state.history),
        "revealed": list(state.revealed),
        "pending": list(map(str, state.pending.get(seat, ()))) if seat else [],
        "opening": state.opening,  # public: the table as this negotiation opened (read, never changed)
        "memory": state.memory,  # public: cut-offs, broken pacts and terms (read, never changed)
        "choosers": choosers(state, rs),  # seats this round's card asks to choose (event phase)
        "choice": state.choices.get(seat) if seat else None,  # this seat's answer so far; others' stay secret
        "decisions": list(state.decisions),  # choices applied, public
        "objective": state.objectives.get(seat) if seat else None,
        "objective_met": state.objectives_met.get(seat) if seat else None,
    }
    if over:
        view["objectives"] = dict(state.objectives)
        view["objectives_met"] = dict(state.objectives_met)
    return view
