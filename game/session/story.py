"""The whole session, year by year, for the after-action report: what each team did (a line per
order and per agreement, with what the ledger shows it did), agreements about to end, incidents
with their cause, and — from a workshop file — the teams, the audit trail, injects, undos and
overrides (an undone override is listed as undone).

Plain data; the report's template turns it into a page.  Text comes from `STORY` (en, ja) and
the content's bilingual names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from game.i18n import punct
from game.engine import Game
from game.engine.report import QUANTITY_SCALE, cause_text, describe_order, option_label, override_words, quantity_words
from game.i18n import Catalog

from .yearly import security_causes, start_indices, start_security

STORY = Catalog("story", {
    "effect.none": {"en": "no change recorded this year", "ja": "今年の記録上の変化なし"},
    "agreement.line": {"en": "{kind} with {partners} (until round {end})", "ja": "{partners}との{kind}（{end}年目まで）"},
    "expiry.next": {"en": "{kind} ({members}) has one round left: it ends after round {end}",
                    "ja": "{kind}（{members}）は残り1年：{end}年目で終了する"},
    "expiry.now": {"en": "{kind} ({members}) ends this round", "ja": "{kind}（{members}）は今年で終了する"},
    "incident.event": {"en": "{seat} ×{count}: security {hit:+.1f}; queued by the event “{event}”",
                       "ja": "{seat} ×{count}：安全保障 {hit:+.1f}。イベント「{event}」による"},
    "incident.chance": {"en": "{seat} ×{count}: security {hit:+.1f}; a chance roll, likelier the weaker its "
                                "security (it was {before:.1f})",
                        "ja": "{seat} ×{count}：安全保障 {hit:+.1f}。確率による発生（安全保障が低いほど起きやすい。"
                              "直前は{before:.1f}）"},
    "audit.pause": {"en": "clock paused", "ja": "時計を停止"},
    "audit.resume": {"en": "clock started", "ja": "時計を開始"},
    "audit.continue": {"en": "results closed", "ja": "結果を閉じた"},
    "audit.timeout": {"en": "time ran out", "ja": "時間切れ"},
    "audit.extend": {"en": "clock extended by {n} min", "ja": "時計を{n}分延長"},
    "audit.end_phase": {"en": "phase ended → {to}", "ja": "フェーズ終了 → {to}"},
    "audit.orders": {"en": "orders of {seat} entered by {by} ({n})", "ja": "{seat}の施策を{by}が入力（{n}件）"},
    "audit.by.team": {"en": "the team", "ja": "チーム"},
    "audit.by.facilitator": {"en": "the facilitator", "ja": "ファシリテーター"},
    "audit.record_agreement": {"en": "agreement recorded: {kind} ({members}) — {status}",
                               "ja": "協定を記録：{kind}（{members}）— {status}"},
    "audit.choose_inject": {"en": "inject: “{card}” played this round", "ja": "状況付与：今年は「{card}」"},
    "audit.schedule_inject": {"en": "inject: “{card}” scheduled for round {round}",
                              "ja": "状況付与：「{card}」を{round}年目に予定"},
    "audit.override": {"en": "override {what}: {reason}", "ja": "調整 {what}：{reason}"},
    "audit.undo": {"en": "round undone: back to round {round}'s orders; overrides undone: {n}",
                   "ja": "判定を取り消し：{round}年目の施策フェーズへ（取り消した調整：{n}件）"},
    "audit.unlock_secrets": {"en": "secrets unlocked", "ja": "秘密を解除"},
    "audit.missing_rule": {"en": "missing orders: {rule}", "ja": "未提出の施策：{rule}"},
    "audit.choice": {"en": "event choice of {seat} entered by {by}: {option}", "ja": "{seat}のイベントでの選択を{by}が入力：{option}"},
    "audit.by.ai": {"en": "the computer", "ja": "コンピュータ"},
    "audit.ai_negotiation": {"en": "computer seats tabled {n} proposals and gave {answers} answers",
                             "ja": "コンピュータの席が{n}件を提案し、{answers}件に回答"},
    "audit.team_answer": {"en": "{seat} {answer} proposal {proposal} ({status})", "ja": "{seat}が提案{proposal}に{answer}（{status}）"},
    "audit.accept": {"en": "accepted", "ja": "受諾"},
    "audit.decline": {"en": "declined", "ja": "拒否"},
    "audit.resume_session": {"en": "session resumed from its autosave", "ja": "自動保存からセッションを再開"},
    "rule.hold": {"en": "hold", "ja": "現状維持"},
    "rule.ai": {"en": "AI plays the seat", "ja": "AIが代行"},
    "status.formed": {"en": "formed", "ja": "成立"},
    "status.open": {"en": "open", "ja": "未決"},
    "status.declined": {"en": "declined", "ja": "拒否"},
    "status.expired": {"en": "expired", "ja": "失効"},
    "phase.event": {"en": "Event", "ja": "イベント"},
    "phase.negotiation": {"en": "Negotiation", "ja": "交渉"},
    "phase.orders": {"en": "Orders", "ja": "施策"},
    "phase.over": {"en": "Game over", "ja": "終了"},
})


def t(key: str, lang: str, **params: Any) -> str:
    return STORY.render(key, lang, **params)


def _sep(lang: str) -> str:
    return punct("list", lang)


def _effects(game: Game, entries: Iterable[tuple[Any, ...]], lang: str) -> str:
    """Ledger entries summed by quantity, in words: ``Defence stock +6.0, Budget −1.0``."""
    acc: dict[str, float] = {}
    for e in entries:
        acc[e[4]] = acc.get(e[4], 0.0) + e[5]
    parts = [f"{quantity_words(game.rs, q, lang)} {d * QUANTITY_SCALE.get(q, 1.0):+.1f}"
             for q, d in acc.items() if abs(d) > 1e-9]
    return _sep(lang).join(parts) if parts else t("effect.none", lang)


def _per_order(texts: list[str], mine: list[tuple[Any, ...]]) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Each order with its own ledger entries: those of its kind whose qualifier (``data/finance``,
    ``tier/germany``, ``presence/europe``) names its target, domain or region; entries of the kind
    that name none of them go with the kind's first order."""
    from game.engine import Order
    from game.engine.orders import OrderSyntaxError

    parsed: list[tuple[str, Order | None]] = []
    for text in texts:
        try:
            parsed.append((text, Order.parse(text)))
        except OrderSyntaxError:
            parsed.append((text, None))
    out: list[tuple[str, list[tuple[Any, ...]]]] = []
    claimed: set[int] = set()
    fields = [{str(v) for v in (o.target, o.domain, o.region) if v is not None} if o else set() for _, o in parsed]
    for i, (text, o) in enumerate(parsed):
        own = []
        for j, e in enumerate(mine):
            if o is None or e[1] != "order" or e[2] != o.kind or j in claimed:
                continue
            qual = e[4].partition("/")[2]
            if qual and qual in fields[i]:
                own.append(e)
                claimed.add(j)
        out.append((text, own))
    for i, (_text, o) in enumerate(parsed):  # the rest of a kind's entries: with its first order
        if o is None or any(p is not None and p.kind == o.kind for _, p in parsed[:i]):
            continue
        for j, e in enumerate(mine):
            if j not in claimed and e[1] == "order" and e[2] == o.kind:
                out[i][1].append(e)
                claimed.add(j)
    return out


def years(game: Game, lang: str = "en", teams: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Each resolved year: its event, why security moved, incidents with their cause, agreements
    about to end, and per seat a line per order and per agreement with what the ledger shows."""
    rs, st = game.rs, game.state
    teams = teams or {}
    ledger_by_round: dict[int, list[tuple[Any, ...]]] = {}
    for e in st.ledger:
        ledger_by_round.setdefault(e[0], []).append(tuple(e))
    revealed = {rev["round"]: rev["orders"] for rev in st.revealed}
    out = []
    prev_sec: dict[str, float] = start_security(game)
    for h in st.history:
        r = h["round"]
        entries = ledger_by_round.get(r, [])
        event = rs.events[h["event"]] if h["event"] in rs.events else None
        queued = {e[3] for e in entries if e[1] == "event"} if event is not None and any(
            f.kind == "incident" for f in event.effects) else set()
        incidents = []
        for n, c in sorted(h.get("incidents", {}).items()):
            hit = sum(e[5] for e in entries if e[3] == n and e[1] == "incident" and e[4] == "security") * 100
            name = rs.seat_name(n, lang)
            if event is not None and n in queued:
                text = t("incident.event", lang, seat=name, count=c, hit=hit, event=event.title.get(lang))
            else:
                text = t("incident.chance", lang, seat=name, count=c, hit=hit,
                         before=prev_sec.get(n, 0.0) * 100)
            incidents.append({"seat": n, "count": c, "text": text})
        notices = []
        for a in st.agreements:
            members = _sep(lang).join(rs.seat_name(m, lang) for m in a.members)
            kind = rs.agreements[a.kind].name.get(lang)
            if a.end_round == r + 1 and a.start_round <= r:
                notices.append(t("expiry.next", lang, kind=kind, members=members, end=a.end_round))
            elif a.end_round == r and a.start_round <= r:
                notices.append(t("expiry.now", lang, kind=kind, members=members))
        seats = []
        for s in rs.seat_ids:
            mine = [e for e in entries if e[3] == s]
            orders = [{"text": describe_order(rs, text, lang), "effects": _effects(game, own, lang)}
                      for text, own in _per_order(revealed.get(r, {}).get(s, []), mine)]
            agreements = []
            for a in st.agreements:
                if s in a.members and a.start_round <= r <= a.end_round:
                    partners = _sep(lang).join(rs.seat_name(m, lang) for m in a.members if m != s)
                    line = t("agreement.line", lang, kind=rs.agreements[a.kind].name.get(lang), partners=partners,
                             end=a.end_round)
                    agreements.append({"text": line, "effects": _effects(
                        game, [e for e in mine if e[1] in ("agreement", "pact_standards") and e[2] == a.kind], lang)})
            seats.append({"seat": s, "name": rs.seat_name(s, lang), "team": teams.get(s, ""), "orders": orders,
                          "agreements": agreements, "held": not orders,
                          "score": h["round_scores"].get(s, 0.0)})
        prev = next((x for x in reversed(st.history) if x["round"] < r), None)
        out.append({"round": r, "event": event.title.get(lang) if event else None,
                    "alliance_security": h["alliance_security"],
                    "alliance_security_before": prev["alliance_security"] if prev else start_indices(game)[0],
                    "causes": [c["text"] + f" {c['delta']:+.1f}" for c in security_causes(game, r, lang)],
                    "incidents": incidents, "notices": notices, "seats": seats})
        prev_sec = dict(h["security"])
    return out


def audit_lines(game: Game, audit: Iterable[Mapping[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
    """The facilitator's audit trail in words, with round and phase."""
    out = []
    for a in audit:
        d = a.get("detail", {}) or {}
        act = a.get("action", "")
        text = _audit_text(game, str(act), d, lang)
        ph = str(a.get("phase", ""))
        out.append({"round": a.get("round"), "phase": t(f"phase.{ph}", lang) if f"phase.{ph}" in STORY else ph,
                    "action": act, "text": text})
    return out


def _audit_text(game: Game, act: str, d: Mapping[str, Any], lang: str) -> str:
    rs = game.rs

    def seat(x: Any) -> str:
        return rs.seat_name(x, lang) if isinstance(x, str) and x in rs.seat_defs else str(x)

    def card(x: Any) -> str:
        return rs.events[x].title.get(lang) if isinstance(x, str) and x in rs.events else "—"

    if act == "orders":
        return t("audit.orders", lang, seat=seat(d.get("seat")), n=d.get("count", 0),
                 by=t("audit.by.facilitator" if d.get("by") == "facilitator" else "audit.by.team", lang))
    if act == "override":
        return t("audit.override", lang, what=override_words(rs, str(d.get("target")), str(d.get("quantity")),
                                                            float(d.get("delta", 0)), lang), reason=d.get("reason", ""))
    if act == "record_agreement":
        kind = rs.agreements[d["kind"]].name.get(lang) if d.get("kind") in rs.agreements else str(d.get("kind"))
        members = d.get("members") or []
        return t("audit.record_agreement", lang, kind=kind, members=_sep(lang).join(seat(m) for m in members),
                 status=t(f"status.{d.get('status')}", lang))
    if act == "choose_inject":
        return t("audit.choose_inject", lang, card=card(d.get("card")))
    if act == "schedule_inject":
        return t("audit.schedule_inject", lang, card=card(d.get("card")), round=d.get("round"))
    if act == "extend":
        return t("audit.extend", lang, n=int(float(d.get("seconds", 0)) // 60))
    if act == "end_phase":
        to = str(d.get("to", ""))
        return t("audit.end_phase", lang, to=t(f"phase.{to}", lang) if f"phase.{to}" in STORY else to)
    if act == "undo":
        return t("audit.undo", lang, round=d.get("to_round"), n=d.get("overrides_undone", 0))
    if act == "missing_rule":
        return t("audit.missing_rule", lang, rule=t(f"rule.{d.get('rule')}", lang))
    if act == "choice":
        by = {"facilitator": "audit.by.facilitator", "ai": "audit.by.ai"}.get(str(d.get("by")), "audit.by.team")
        return t("audit.choice", lang, seat=seat(d.get("seat")), by=t(by, lang),
                 option=option_label(rs, str(d.get("event") or ""), str(d.get("option", "")), lang))
    if act == "ai_negotiation":
        return t("audit.ai_negotiation", lang, n=len(d.get("proposals") or []), answers=d.get("answers", 0))
    if act == "team_answer":
        return t("audit.team_answer", lang, seat=seat(d.get("seat")), proposal=d.get("proposal"),
                 answer=t("audit.accept" if d.get("accept") else "audit.decline", lang),
                 status=t(f"status.{d.get('status')}", lang))
    if act == "draw_inject":
        return t("audit.choose_inject", lang, card=card(d.get("card")))
    if f"audit.{act}" in STORY:
        return t(f"audit.{act}", lang)
    return act


def overrides(game: Game, audit: Iterable[Mapping[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
    """Every override the facilitator applied, in words; one that an undo rolled back is marked undone."""
    rs = game.rs
    kept = [dict(o) for o in game.state.overrides]
    out = []
    given = [a for a in audit if a.get("action") == "override"]
    for a in given:
        d = a.get("detail", {})
        match = next((o for o in kept if o["target"] == d.get("target") and o["quantity"] == d.get("quantity")
                      and abs(o["delta"] - float(d.get("delta", 0))) < 1e-9 and o["reason"] == d.get("reason")), None)
        if match is not None:
            kept.remove(match)
        out.append({"round": a.get("round"), "phase": a.get("phase"),
                    "text": override_words(rs, str(d.get("target")), str(d.get("quantity")), float(d.get("delta", 0)),
                                           lang),
                    "reason": d.get("reason", ""), "undone": match is None})
    for o in kept:  # overrides made outside the workshop's controls (a plain save)
        out.append({"round": o["round"], "phase": o.get("phase"),
                    "text": override_words(rs, o["target"], o["quantity"], o["delta"], lang),
                    "reason": o["reason"], "undone": False})
    return out


def injects(game: Game, audit: Iterable[Mapping[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
    """The facilitator's event-card choices and schedules."""
    return audit_lines(game, [a for a in audit if a.get("action") in ("choose_inject", "schedule_inject")], lang)


def undos(game: Game, audit: Iterable[Mapping[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
    return audit_lines(game, [a for a in audit if a.get("action") == "undo"], lang)


__all__ = ["STORY", "audit_lines", "cause_text", "injects", "overrides", "undos", "years"]
