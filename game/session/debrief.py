"""The debrief of a played game, as plain data: built from the ledger and history.

Used by the after-action report (HTML and JSON), the end-of-game screen and
the workshop's hot wash.

Secrets stay secret until the end: each seat's secret objective (and whether it
is met) and the orders of the current round that are not yet revealed are in the
debrief only once the game is over, or when the caller passes
``reveal_secrets=True`` (the facilitator's explicit unlock, which the workshop
records in its audit trail).  Orders of rounds already resolved are public.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.i18n import join_list, paren
from game.content.loader import load_debrief_prompts
from game.engine import Game
from game.engine.messages import render
from game.engine.report import cause_text, describe_order, option_label, override_words, report_from_ledger

Counterfactual = Callable[[Game, str], list[dict[str, Any]] | None]


def _history_rows(game: Game) -> list[dict[str, Any]]:
    return [
        {"round": h["round"], "event": h["event"], "alliance_security": h["alliance_security"],
         "alliance_competitiveness": h["alliance_competitiveness"], "crisis": h["crisis"],
         "scores": dict(h["scores"]), "round_scores": dict(h["round_scores"]),
         "security": dict(h["security"]), "incidents": dict(h.get("incidents", {}))}
        for h in game.state.history
    ]


def timeline(game: Game, lang: str = "en") -> list[dict[str, Any]]:
    """Events, agreements, exits, overrides, incidents and key orders, round by round."""
    rs = game.rs
    st = game.state
    items: list[dict[str, Any]] = []
    for h in st.history:
        r = h["round"]
        if h["event"]:
            items.append({"round": r, "kind": "event", "text": rs.events[h["event"]].title.get(lang)})
        for n, c in sorted(h.get("incidents", {}).items()):
            items.append({"round": r, "kind": "incident", "text": f"{rs.seat_name(n, lang)} ×{c}"})
        if h["crisis"]:
            items.append({"round": r, "kind": "crisis", "text": cause_text(rs, "crisis", "", lang)})
    for a in st.agreements:
        names = join_list((rs.seat_name(m, lang) for m in a.members), lang)
        text = join_list((rs.agreements[a.kind].name.get(lang), names), lang, ": ")
        if a.terms:
            text += " — " + join_list((render("memory.term", lang, seat=rs.seat_name(t["seat"], lang),
                                             term=rs.terms[t["term"]].name.get(lang), amount=t["amount"])
                                      for t in a.terms if t["term"] in rs.terms), lang, "; ")
        items.append({"round": a.start_round, "kind": "agreement", "text": text})
    seen = set()
    for m in st.memory:  # broken terms and pacts left early, once per breaker and round
        key = (m["round"], m["kind"], m["by"], m["ref"])
        if m["kind"] == "cutoff" or key in seen:
            continue
        seen.add(key)
        ref = m["ref"]
        name = (rs.terms[ref].name.get(lang) if ref in rs.terms else
                rs.agreements[ref].name.get(lang) if ref in rs.agreements else ref)
        items.append({"round": m["round"], "kind": "broken",
                      "text": render(f"memory.{m['kind']}", lang, seat=rs.seat_name(m["by"], lang), name=name)})
    for e in st.ledger:
        r, cause, ref, target, quantity, delta = e
        if cause == "exit" and quantity.startswith("trust/"):
            continue
        if cause == "cutoff":
            items.append({"round": r, "kind": "cutoff",
                          "text": f"{rs.seat_name(ref, lang)} → {rs.seat_name(target, lang)}"})
    for o in st.overrides:
        what = override_words(rs, o["target"], o["quantity"], round(o["delta"], 2), lang)
        items.append({"round": o["round"], "kind": "override", "text": join_list((what, o['reason']), lang, ": ")})
    for rev in st.revealed:
        for seat, orders in rev["orders"].items():
            for text in orders:
                if text.startswith(("fund_sovereign", "market_access_deal", "license_model")) or (
                        text.startswith("set_export_tier") and "tier=3" in text):
                    items.append({"round": rev["round"], "kind": "order",
                                  "text": f"{rs.seat_name(seat, lang)} — {describe_order(rs, text, lang)}"})
    order = {"event": 0, "agreement": 1, "order": 2, "cutoff": 3, "broken": 3, "override": 4, "incident": 5,
             "crisis": 6}
    items.sort(key=lambda x: (x["round"], order.get(x["kind"], 9)))
    return items


def turning_points(game: Game, lang: str = "en", limit: int = 5) -> list[dict[str, Any]]:
    """The largest round-on-round swings in alliance security and in seats' round scores, with causes."""
    rs = game.rs
    st = game.state
    points: list[dict[str, Any]] = []
    prev_asi = None
    for h in st.history:
        r = h["round"]
        report = report_from_ledger(st, rs, r)
        if prev_asi is not None:
            swing = h["alliance_security"] - prev_asi
            worst = min(rs.nation_ids, key=lambda n: report.delta(n, "security"))
            causes = [cause_text(rs, c, ref, lang) for c, ref, _d in report.explain(worst, "security")[:3]]
            points.append({"round": r, "what": "alliance_security", "seat": worst, "swing": swing,
                           "causes": causes})
        prev_asi = h["alliance_security"]
        for s in rs.seat_ids:
            d = report.delta(s, "competitiveness")
            causes = [cause_text(rs, c, ref, lang) for c, ref, _d in report.explain(s, "competitiveness")[:3]]
            points.append({"round": r, "what": "competitiveness", "seat": s, "swing": d, "causes": causes})
    # rank by relative size: ASI points are on a 0-100 scale, competitiveness by seat size
    def size(p: dict[str, Any]) -> float:
        if p["what"] == "alliance_security":
            return abs(p["swing"]) / 10.0
        base = max(1.0, abs((st.nations.get(p["seat"]) or st.firms[p["seat"]]).competitiveness))
        return abs(p["swing"]) / base
    points.sort(key=lambda p: -size(p))
    return points[:limit]


def _fill(template: str, values: dict[str, str]) -> str:
    out = template
    for k, v in values.items():
        out = out.replace("{" + k + "}", v)
    return out


def prompts(game: Game, lang: str = "en") -> list[dict[str, Any]]:
    rs = game.rs
    st = game.state
    hist = st.history
    from .yearly import start_indices

    start = start_indices(game)  # before the first year resolved (not after it)
    asi_start = f"{start[0]:.0f}"
    worst = min(hist, key=lambda h: h["alliance_security"]) if hist else None
    cutoffs = [paren(cause_text(rs, "cutoff", e[2], lang), rs.seat_name(e[3], lang), lang)
               for e in st.ledger if e[1] == "cutoff"]
    sovereign = sorted({rs.seat_name(s, lang) for rev in st.revealed for s, os_ in rev["orders"].items()
                        for o in os_ if o.startswith("fund_sovereign")})
    crowd = {r: sum(1 for f in st.firms.values() if f.presence.get(r, 0) > 0) for r in rs.outside_regions}
    crowded = max(crowd, key=lambda r: (crowd[r], r)) if crowd else "-"
    ranking = sorted(st.scores.items(), key=lambda kv: -kv[1])
    values = {
        "asi_start": asi_start,
        "asi_end": f"{st.asi:.0f}",
        "aci_start": f"{start[1]:.0f}",
        "aci_end": f"{st.aci:.0f}",
        "top_seat": rs.seat_name(ranking[0][0], lang) if ranking else "-",
        "worst_round": str(worst["round"]) if worst else "-",
        "worst_event": rs.events[worst["event"]].title.get(lang) if worst and worst["event"] else "-",
        "cutoffs": join_list(cutoffs, lang, "; ") if cutoffs else "—",
        "sovereign_nations": join_list(sovereign, lang) if sovereign else "—",
        "crowded_region": rs.region_name(crowded, lang),
    }
    out = []
    for obj in load_debrief_prompts().objectives:
        out.append({
            "id": obj.id,
            "title": obj.title.get(lang),
            "description": _fill(obj.steps.description.get(lang), values),
            "analysis": _fill(obj.steps.analysis.get(lang), values),
            "application": _fill(obj.steps.application.get(lang), values),
        })
    return out


def secrets_shown(game: Game, reveal_secrets: bool = False) -> bool:
    """Whether secret objectives and unrevealed orders may be shown: the game is over, or they were unlocked."""
    return game.is_over or reveal_secrets


def _pending(game: Game, lang: str) -> dict[str, Any] | None:
    """This round's orders submitted and not yet revealed (only while the game is on)."""
    st = game.state
    if game.is_over or not st.pending:
        return None
    return {"round": st.round,
            "orders": {s: [describe_order(game.rs, o, lang) for o in os_] for s, os_ in st.pending.items()}}


def debrief(game: Game, lang: str = "en", counterfactual: Counterfactual | None = None,
            profiles: tuple[str, ...] = ("interconnected", "fragmented"), *, reveal_secrets: bool = False,
            teams: dict[str, str] | None = None, unlocks: list[dict[str, Any]] | None = None,
            audit: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Everything the after-action report shows, as JSON-ready data.

    ``reveal_secrets`` shows the secrets of a game still in progress (the facilitator's unlock);
    ``teams`` names the team at each seat, ``unlocks`` lists the audit trail's unlocks
    (round, phase) to show in the report, ``audit`` is a workshop's whole audit trail (its injects,
    undos and overrides, an undone one marked so)."""
    from . import story

    rs = game.rs
    st = game.state
    outcome = game.outcome
    shown = secrets_shown(game, reveal_secrets)
    counter = {}
    if counterfactual is not None:
        for p in profiles:
            hist = counterfactual(game, p)
            if hist is not None:
                counter[p] = hist
    return {
        "scenario": {"id": rs.scenario.id, "title": rs.scenario.title.get(lang),
                     "briefing": rs.scenario.briefing.get(lang)},
        "seed": st.seed,
        "rounds": st.rounds,
        "rounds_played": len(st.history),
        "over": game.is_over,
        "seats": [{"id": s, "name": rs.seat_name(s, lang), "type": rs.seat_type(s),
                   "colour": rs.seat_defs[s].colour, "icon": rs.seat_defs[s].icon} for s in rs.seat_ids],
        "final": {"alliance_security": st.asi, "alliance_competitiveness": st.aci,
                  "scores": dict(st.scores),
                  "standings": game.standings(),  # score over par (empty without a par)
                  "alliance": outcome.alliance if outcome else None,
                  "ended_by_crisis": st.ended_by_crisis},
        "history": _history_rows(game),
        "timeline": timeline(game, lang),
        "turning_points": turning_points(game, lang),
        "orders": [{"round": rev["round"],
                    "orders": {s: [describe_order(rs, o, lang) for o in os_] for s, os_ in rev["orders"].items()}}
                   for rev in st.revealed],
        "secrets": {"shown": shown,
                    "reason": "over" if game.is_over else "unlocked" if shown else "locked"},
        "objectives": [
            {"seat": s, "id": oid, "title": rs.objectives[oid].title.get(lang),
             "text": rs.objectives[oid].text.get(lang), "met": bool(st.objectives_met.get(s))}
            for s, oid in st.objectives.items()
        ] if shown else [],
        "pending": _pending(game, lang) if shown else None,
        "teams": {s: str(name) for s, name in (teams or {}).items() if s in rs.seat_defs},
        "unlocks": [{"round": u.get("round"), "phase": u.get("phase")} for u in (unlocks or [])],
        "overrides": list(st.overrides),
        "years": story.years(game, lang, teams),
        "session": {"audit": story.audit_lines(game, audit, lang), "injects": story.injects(game, audit, lang),
                    "undos": story.undos(game, audit, lang), "overrides": story.overrides(game, audit, lang)}
        if audit is not None else None,
        "override_lines": story.overrides(game, audit or [], lang),
        "choices": [{"round": d["round"], "seat": d["seat"], "card": rs.events[d["event"]].title.get(lang),
                     "option": option_label(rs, d["event"], d["option"], lang),
                     "answered": d["answered"]} for d in st.decisions],
        "counterfactuals": counter,
        "prompts": prompts(game, lang),
    }
