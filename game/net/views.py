"""What each connection is sent, built from the engine's seat view and the session.

`seat_snapshot` starts from ``game.view_for(seat)`` (which already strips every other
seat's pending orders and objective) and adds the seat's own order sheet, brief and
last report in words; `public_snapshot` starts from ``game.view_for(None)``, the
projector's view.  Nothing here reads another seat's pending orders or objective.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.i18n import paren
from game.engine import Game, IllegalOrder, Order
from game.engine.legality import order_cost
from game.engine.messages import render as engine_render
from game.engine.report import cause_text, describe_order, option_label, report_from_ledger
from game.session.preview import as_last_year

from .messages import t

if TYPE_CHECKING:
    from .table import TableHost

FIELDS = ("target", "domain", "region", "tier", "grant", "amount")
PHASES = ("event", "negotiation", "orders", "over")


def _value_label(game: Game, kind: str, field: str, value: Any, lang: str) -> str:
    rs = game.rs
    if field == "target":
        if value == "row":
            return engine_render("order.row", lang)
        if kind == "exit_agreement":
            ag = next((a for a in game.agreements() if a["id"] == value), None)
            return paren(rs.agreements[ag['kind']].name.get(lang), str(value), lang) if ag else str(value)
        return rs.seat_name(str(value), lang)
    if field == "domain":
        return rs.domain_name(str(value), lang)
    if field == "region":
        return rs.region_name(str(value), lang)
    if field == "tier":
        tier = rs.tiers.get(value) if isinstance(value, int) else None
        return tier.name.get(lang) if tier is not None else str(value)
    if field == "grant":
        return engine_render("order.grant" if value else "order.revoke", lang)
    if field == "amount":
        return engine_render("order.amount", lang, amount=value)
    return str(value)


def order_sheet(game: Game, seat: str, lang: str, cache: dict[Any, Any] | None = None) -> dict[str, Any]:
    """The seat's legal orders by kind: each option, its cost, and each field's values in words.

    It depends on the state and not on any seat's pending orders, so ``cache`` keeps it until
    anything but a submission happens."""
    key = None
    if cache is not None:
        key = (id(game), game.round, game.phase, sum(1 for a in game.actions if a[0] != "submit"), seat, lang)
        hit = cache.get(key)
        if hit is not None:
            return hit
    sheet = _order_sheet(game, seat, lang)
    if cache is not None:
        if len(cache) > 256:
            cache.clear()
        cache[key] = sheet
    return sheet


def _order_sheet(game: Game, seat: str, lang: str) -> dict[str, Any]:
    rs = game.rs
    kinds: dict[str, dict[str, Any]] = {}
    for o in game.legal_orders(seat):
        k = kinds.get(o.kind)
        if k is None:
            d = rs.orders[o.kind]
            k = kinds[o.kind] = {"kind": o.kind, "name": d.name.get(lang), "help": d.help.get(lang),
                                 "options": [], "values": {}}
        k["options"].append({"order": o.to_dict(), "cost": order_cost(game.state, rs, o)})
    for k in kinds.values():
        for f in FIELDS:
            vals = list(dict.fromkeys(opt["order"].get(f) for opt in k["options"]))
            if len(vals) > 1 or (vals and vals[0] is not None):
                k["values"][f] = [[v, _value_label(game, k["kind"], f, v, lang)] for v in vals if v is not None]
        k["fields"] = [f for f in FIELDS if len(k["values"].get(f, ())) > 1]
    return {"kinds": list(kinds.values()),
            "field_names": {f: t(f"field.{f}", lang) for f in FIELDS}}


def _effect(game: Game, seat: str, orders: list[Order], others: dict[str, tuple[Order, ...]]) -> tuple[float, float]:
    """Security (points of 100) and competitiveness of ``seat`` this year if it gives ``orders``
    and the other seats give ``others`` (a clone: nothing of this year's orders of anyone
    else is used)."""
    c = game.clone(record=False)
    c.apply_orders_unchecked({**others, seat: orders}, next_round=False)
    holder = c.state.nations.get(seat) or c.state.firms[seat]
    sec = getattr(holder, "security", None)
    return ((sec * 100.0) if sec is not None else float("nan"), holder.competitiveness)


def _z(v: float) -> float:
    return 0.0 if abs(v) < 0.05 else v


def check_draft(game: Game, seat: str, orders: list[Order], lang: str) -> dict[str, Any]:
    """What a draft costs and would do, and the refusal reason if it is not a legal submission."""
    rs = game.rs
    budget = game.budget(seat)
    lines = []
    cost = 0
    for o in orders:
        try:
            c = order_cost(game.state, rs, o)
        except (KeyError, ValueError):
            c = 0
        cost += c
        lines.append({"order": o.to_dict(), "label": describe_order(rs, o, lang), "cost": c})
    reason = ""
    try:
        game.check(seat, orders)
    except IllegalOrder as exc:
        reason = exc.message(lang, rs)
    preview = ""
    if not reason:
        others = as_last_year(game, seat)  # the public record of last year; none in year 1 (all hold)
        (s1, c1), (s0, c0) = _effect(game, seat, orders, others), _effect(game, seat, [], others)
        key = "preview.last" if others else "preview"
        if s1 != s1:  # a firm: no security of its own
            preview = t(key + ".firm", lang, comp=_z(c1 - c0))
        else:
            preview = t(key, lang, sec=_z(s1 - s0), comp=_z(c1 - c0))
    return {"cost": cost, "budget": budget, "legal": not reason, "reason": reason, "preview": preview,
            "lines": lines}


def _names(game: Game, seats: list[str], lang: str) -> list[str]:
    return [game.rs.seat_name(s, lang) for s in seats]


def table_header(host: "TableHost", lang: str) -> dict[str, Any]:
    g = host.ws.game
    rs = g.rs
    card = rs.events.get(g.event) if g.event else None
    return {
        "scenario": rs.scenario.id, "title": rs.scenario.title.get(lang),
        "round": g.round, "rounds": g.rounds, "phase": g.phase,
        "phase_name": t(f"phase.{g.phase}", lang), "over": g.is_over,
        "event": {"id": card.id, "title": card.title.get(lang), "text": card.text.get(lang)} if card else None,
        "clock": host.clock_state(),
    }


def choice_block(game: Game, seat: str | None, lang: str, answers: bool = False) -> dict[str, Any] | None:
    """This round's event choice: while it is open (the event phase), the prompt, the options,
    the seats asked and, for ``seat``, whether it is asked and its own answer (``answers``: every
    asked seat's answer, for the facilitator only); once the card has applied, what each seat chose.
    No other seat's answer is in it before the card applies."""
    rs = game.rs
    card = rs.events.get(game.event) if game.event else None
    if card is None or card.choice is None:
        return None
    ch = game.choice(lang)
    if ch is not None:
        out: dict[str, Any] = {
            "open": True, "event": card.id, "prompt": ch["prompt"], "default": ch["default"],
            "default_text": option_label(rs, card.id, ch["default"], lang),
            "options": [{"id": o["id"], "text": o["text"], "short": option_label(rs, card.id, o["id"], lang, True)}
                        for o in ch["options"]],
            "asked": _names(game, ch["seats"], lang), "asked_ids": list(ch["seats"])}
        if seat is not None:
            out["mine_asked"] = seat in ch["seats"]
            out["mine"] = game.state.choices.get(seat) if seat in ch["seats"] else None
        if answers:
            out["answers"] = {s: ch["answers"][s] for s in ch["seats"] if s in ch["answers"]}
        return out
    made = [d for d in game.state.decisions if d["round"] == game.round and d["event"] == card.id]
    if not made:
        return None
    return {"open": False, "event": card.id, "prompt": card.choice.prompt.get(lang), "made": _made(game, made, lang)}


def _made(game: Game, decisions: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    return [{"seat": game.rs.seat_name(d["seat"], lang), "option": option_label(game.rs, d["event"], d["option"], lang),
             "answered": bool(d["answered"])} for d in decisions]


def _indices(game: Game, view: dict[str, Any], lang: str) -> dict[str, Any]:
    scores = view["scores"]
    standings = sorted(({"seat": s, "name": game.rs.seat_name(s, lang), "score": round(float(v), 1)}
                        for s, v in scores.items()), key=lambda r: (-r["score"], r["seat"]))
    return {"alliance_security": round(view["alliance_security"], 1),
            "alliance_competitiveness": round(view["alliance_competitiveness"], 1),
            "standings": standings,
            "history": [{"round": h["round"], "asi": round(h["alliance_security"], 1),
                         "aci": round(h["alliance_competitiveness"], 1)} for h in view["history"]]}


def _agreements(game: Game, view: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    return [{"id": a["id"], "name": game.rs.agreements[a["kind"]].name.get(lang),
             "members": _names(game, a["members"], lang), "end_round": a["end_round"]}
            for a in view["agreements"]]


def _proposals(game: Game, view: dict[str, Any], seat: str | None, lang: str) -> list[dict[str, Any]]:
    out = []
    for p in view["proposals"]:
        out.append({"id": p["id"], "kind": p["kind"], "name": game.rs.agreements[p["kind"]].name.get(lang),
                    "proposer": game.rs.seat_name(p["proposer"], lang),
                    "members": _names(game, p["members"], lang), "status": p["status"],
                    "status_name": t(f"proposal.{p['status']}", lang),
                    "answers": {game.rs.seat_name(s, lang): bool(a) for s, a in p["answers"].items()},
                    "to_answer": bool(seat and p["status"] == "open" and seat in p["members"]
                                      and seat not in p["answers"])})
    return out


def _brief(game: Game, view: dict[str, Any], seat: str, lang: str) -> dict[str, Any]:
    rs = game.rs
    obj_id = view.get("objective")
    card = rs.objectives.get(obj_id) if obj_id else None
    brief: dict[str, Any] = {
        "objective": {"title": card.title.get(lang), "text": card.text.get(lang),
                      "met": bool(view.get("objective_met"))} if card else None,
        "budget": game.budget(seat),
    }
    n = view["nations"].get(seat)
    f = view["firms"].get(seat)
    if n is not None:
        brief["nation"] = {
            "security": round(n["security"] * 100.0, 1), "defence": round(float(n["defence"]), 1),
            "competitiveness": round(n["competitiveness"], 1), "income": n["income"],
            "sovereign": n["sovereign"], "incidents": n["incidents"],
            "model": round(float(n["usable_model"]), 1), "frontier_access": bool(n["frontier_access"]),
            "tiers": [{"to": engine_render("order.row", lang) if o == "row" else rs.seat_name(o, lang),
                       "tier": v} for o, v in n["tiers"].items()],
            "data": [{"domain": rs.domain_name(d, lang), "value": round(float(v), 1)} for d, v in n["data"].items()],
        }
    if f is not None:
        brief["firm"] = {
            "home": rs.seat_name(f["home"], lang), "model": round(float(f["model"]), 1),
            "usable_model": round(float(f["usable_model"]), 1),
            "competitiveness": round(f["competitiveness"], 1), "revenue": round(float(f["revenue"]), 1),
            "weight_security": round(float(f["weight_security"]), 2),
            "licences": _names(game, list(f["licences"]), lang),
            "apps": [{"domain": rs.domain_name(d, lang), "value": round(float(v), 1)} for d, v in f["apps"].items()],
        }
    return brief


def _public_report(game: Game, lang: str, cache: dict[Any, Any] | None) -> tuple[Any, dict[str, Any]] | None:
    """The last resolved year's report and its public part in words, built once per year and language."""
    st = game.state
    if not st.history:
        return None
    rnd = st.history[-1]["round"]
    key = ("report", id(game), rnd, len(st.ledger), lang)
    if cache is not None and key in cache:
        return cache[key]
    rep = report_from_ledger(st, game.rs, rnd)
    rs = game.rs
    public: dict[str, Any] = {
        "round": rnd, "title": t("report.title", lang, round=rnd),
        "event": rs.events[rep.event].title.get(lang) if rep.event and rep.event in rs.events else None,
        "alliance_security": round(rep.alliance_security, 1),
        "alliance_competitiveness": round(rep.alliance_competitiveness, 1),
        "crisis": rep.crisis,
        "incidents": [{"seat": rs.seat_name(s, lang), "count": c} for s, c in sorted(rep.incidents.items()) if c],
        "orders": [{"seat": rs.seat_name(s, lang), "orders": [describe_order(rs, o, lang) for o in os_]}
                   for s, os_ in rep.orders.items()],
        "choices": _made(game, [d for d in st.decisions if d["round"] == rnd], lang),
    }
    if cache is not None:
        cache[key] = (rep, public)
    return rep, public


def last_report(game: Game, seat: str | None, lang: str, cache: dict[Any, Any] | None = None) -> dict[str, Any] | None:
    """The last resolved year in words: indices, the seat's changes with their causes (from the ledger)."""
    built = _public_report(game, lang, cache)
    if built is None:
        return None
    rep, public = built
    st, rs = game.state, game.rs
    out = dict(public)
    if seat is not None:
        causes = {}
        for q, scale in (("security", 100.0), ("competitiveness", 1.0)):
            lines = rep.explain(seat, q)
            if not lines and q == "security" and seat not in st.nations:
                continue
            causes[q] = {"name": t(f"quantity.{q}", lang),
                         "total": round(sum(d for _, _, d in lines) * scale, 1),
                         "lines": [{"text": cause_text(rs, c, r, lang), "delta": round(d * scale, 1)}
                                   for c, r, d in lines[:8]]}
        out["causes"] = causes
        out["round_score"] = round(float(rep.round_scores.get(seat, 0.0)), 1)
        out["score"] = round(float(rep.scores.get(seat, 0.0)), 1)
        out["history"] = [{"round": h["round"], "score": round(float(h["scores"].get(seat, 0.0)), 1),
                           "competitiveness": round(float(h["competitiveness"].get(seat, 0.0)), 1)}
                          for h in st.history]
    return out


def _wire_view(view: dict[str, Any]) -> dict[str, Any]:
    """The engine's view as sent: every field of it, except the whole history and every revealed
    order of past years (the indices' history and the report carry what the pages show of them)."""
    return {k: v for k, v in view.items() if k not in ("history", "revealed")}


def seat_snapshot(host: "TableHost", seat: str, lang: str) -> dict[str, Any]:
    g = host.ws.game
    view = g.view_for(seat)
    sheet_open = g.phase == "orders" and not g.is_over and host.mode(seat) == "remote"
    return {
        "role": "seat",
        "table": table_header(host, lang),
        "choice": choice_block(g, seat, lang),
        "seat": {"id": seat, "name": g.rs.seat_name(seat, lang), "type": g.rs.seat_type(seat),
                 "team": host.ws.teams.get(seat, ""), "mode": host.mode(seat)},
        "indices": _indices(g, view, lang),
        "agreements": _agreements(g, view, lang),
        "proposals": _proposals(g, view, seat, lang),
        "can_propose": g.phase == "negotiation" and host.mode(seat) == "remote",
        "agreement_kinds": [{"kind": k, "name": a.name.get(lang)} for k, a in g.rs.agreements.items()],
        "seats": [{"id": s, "name": g.rs.seat_name(s, lang)} for s in g.seats if s != seat],
        "brief": _brief(g, view, seat, lang),
        "sheet": {"open": sheet_open, "submitted": bool(view["submitted"].get(seat)),
                  "pending": [Order.parse(s).to_dict() for s in view["pending"]],
                  "budget": g.budget(seat),
                  **(order_sheet(g, seat, lang, host.sheet_cache) if sheet_open else {"kinds": [], "field_names": {}})},
        "report": last_report(g, seat, lang, host.sheet_cache),
        "submitted": {g.rs.seat_name(s, lang): v for s, v in view["submitted"].items()},
        "view": _wire_view(view),
    }


def public_snapshot(host: "TableHost", lang: str) -> dict[str, Any]:
    g = host.ws.game
    view = g.view_for(None)
    return {
        "role": "spectator",
        "table": table_header(host, lang),
        "choice": choice_block(g, None, lang),
        "indices": _indices(g, view, lang),
        "agreements": _agreements(g, view, lang),
        "proposals": _proposals(g, view, None, lang),
        "report": last_report(g, None, lang, host.sheet_cache),
        "submitted": {g.rs.seat_name(s, lang): v for s, v in view["submitted"].items()},
        "view": _wire_view(view),
    }


def admin_snapshot(host: "TableHost", lang: str) -> dict[str, Any]:
    """The facilitator's page: the public view plus every seat's connection and mode (never orders)."""
    g = host.ws.game
    snap = public_snapshot(host, lang)
    snap["role"] = "admin"
    snap["seats"] = [{"id": s, "name": g.rs.seat_name(s, lang), "team": host.ws.teams.get(s, ""),
                      **host.seat_status(s), "mode_name": t(f"mode.{host.mode(s)}", lang)} for s in g.seats]
    snap["choice"] = choice_block(g, None, lang, answers=True)
    snap["auto_resolve"] = host.auto_resolve
    snap["can_undo"] = host.ws.can_undo()
    return snap
