"""The after-action report: one self-contained HTML file, charts embedded as SVG.

No scripts, no external files: it opens anywhere and prints well (A4, one
section per page where it matters).  The page is the template
``templates/report.html.j2`` (autoescaped, see `game.session.templating`); this
module turns the debrief data into the numbers a chart needs and names things.
"""

from __future__ import annotations

from typing import Any

from game.content.icons import ScaledPart, icon_parts
from game.i18n import Catalog

from .templating import render_template

SEAT_DASH = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 3 3 3")
MARKER_RADIUS = 6.0

TEXT = Catalog("report", {
    "title": {"en": "After-action report", "ja": "事後報告書"},
    "scenario": {"en": "Scenario", "ja": "シナリオ"},
    "seed": {"en": "Seed", "ja": "シード"},
    "rounds": {"en": "Rounds played", "ja": "実施年数"},
    "outcome": {"en": "Outcome", "ja": "結果"},
    "alliance.secure": {"en": "Alliance secure", "ja": "同盟は安全"},
    "alliance.strained": {"en": "Alliance strained", "ja": "同盟は緊張状態"},
    "alliance.crisis": {"en": "Alliance in crisis", "ja": "同盟は危機"},
    "alliance.None": {"en": "Game in progress", "ja": "ゲーム進行中"},
    "indices": {"en": "Alliance indices", "ja": "同盟指数"},
    "asi": {"en": "Alliance Security Index", "ja": "同盟安全保障指数"},
    "aci": {"en": "Alliance Competitiveness Index", "ja": "同盟競争力指数"},
    "scores": {"en": "Scores over the rounds", "ja": "年ごとの得点"},
    "ranking": {"en": "Final ranking", "ja": "最終順位"},
    "ranking.so_far": {"en": "Ranking after round {round}", "ja": "{round}年目終了時の順位"},
    "team": {"en": "Team", "ja": "チーム"},
    "seat": {"en": "Seat", "ja": "席"},
    "score": {"en": "Score", "ja": "得点"},
    "standing": {"en": "Against par", "ja": "パー比"},
    "standing.note": {"en": "Against par: the score over the role's par, its expected score in this scenario "
                            "(1.00× = par), so that roles of any size compare.",
                      "ja": "パー比：得点をその役割のパー（このシナリオでの期待得点）で割った値（1.00倍＝パー）。規模の違う役割どうしを比べられます。"},
    "choices": {"en": "Choices put by the event cards", "ja": "イベントカードが迫った選択"},
    "choice.default": {"en": "(no answer: the default)", "ja": "（回答なし：既定の選択肢）"},
    "round": {"en": "Round", "ja": "年"},
    "round_n": {"en": "Round {round}", "ja": "{round}年目"},
    "timeline": {"en": "Timeline", "ja": "タイムライン"},
    "turning": {"en": "Turning points", "ja": "転換点"},
    "orders": {"en": "Secret orders, revealed", "ja": "秘密施策の公開"},
    "objectives": {"en": "Secret objectives, revealed", "ja": "秘密目標の公開"},
    "objectives.hidden_title": {"en": "Secret objectives", "ja": "秘密目標"},
    "secrets.locked": {"en": "The game is still in progress: secret objectives and this round's orders stay hidden "
                             "until it is over.",
                       "ja": "ゲームはまだ進行中です。秘密目標と今年の施策は、ゲーム終了まで公開されません。"},
    "secrets.early": {"en": "Shown before the end of the game: the secrets were explicitly unlocked.",
                      "ja": "ゲーム終了前の公開です。秘密の公開が明示的に解除されました。"},
    "unlocks": {"en": "Secrets unlocked by the facilitator (audit trail)",
                "ja": "ファシリテーターによる秘密の解除（監査記録）"},
    "unlock.line": {"en": "Round {round}, {phase}", "ja": "{round}年目・{phase}"},
    "pending": {"en": "Round {round}: orders not yet revealed", "ja": "{round}年目：未公開の施策"},
    "phase.event": {"en": "Event", "ja": "イベント"},
    "phase.negotiation": {"en": "Negotiation", "ja": "交渉"},
    "phase.orders": {"en": "Orders", "ja": "施策"},
    "phase.over": {"en": "Game over", "ja": "終了"},
    "met": {"en": "met", "ja": "達成"},
    "not_met": {"en": "not met", "ja": "未達成"},
    "overrides": {"en": "Facilitator overrides", "ja": "ファシリテーターによる調整"},
    "none": {"en": "None.", "ja": "なし。"},
    "counterfactual": {"en": "What if? The same seed, played by scripted tables",
                       "ja": "もしも：同じシードを定型戦略で再生"},
    "actual": {"en": "Your table", "ja": "あなたの卓"},
    "profile.interconnected": {"en": "Interconnected", "ja": "相互接続"},
    "profile.fragmented": {"en": "Fragmented", "ja": "分断"},
    "prompts": {"en": "Discussion", "ja": "ディスカッション"},
    "description": {"en": "Describe", "ja": "事実"},
    "analysis": {"en": "Analyse", "ja": "分析"},
    "application": {"en": "Apply", "ja": "応用"},
    "step_label": {"en": "{step}:", "ja": "{step}："},
    "kind.event": {"en": "Event", "ja": "イベント"},
    "kind.agreement": {"en": "Agreement", "ja": "協定"},
    "kind.order": {"en": "Order", "ja": "施策"},
    "kind.cutoff": {"en": "Cut-off", "ja": "遮断"},
    "kind.broken": {"en": "Broken word", "ja": "約束違反"},
    "kind.override": {"en": "Override", "ja": "調整"},
    "kind.incident": {"en": "Incident", "ja": "インシデント"},
    "kind.crisis": {"en": "Crisis", "ja": "危機"},
    "swing": {"en": "change", "ja": "変化"},
    "what.alliance_security": {"en": "Alliance security", "ja": "同盟安全保障"},
    "what.competitiveness": {"en": "Competitiveness", "ja": "競争力"},
    "years": {"en": "Year by year: what each team did", "ja": "年ごとの記録：各チームの行動"},
    "year.head": {"en": "Round {round}", "ja": "{round}年目"},
    "year.asi": {"en": "Alliance security {before} → {after}", "ja": "同盟安全保障 {before} → {after}"},
    "year.why": {"en": "Why security moved (per nation, on average)", "ja": "安全保障が動いた理由（1か国あたり平均）"},
    "year.incidents": {"en": "Incidents", "ja": "インシデント"},
    "year.notices": {"en": "Agreements ending", "ja": "終了する協定"},
    "year.held": {"en": "held (no orders)", "ja": "現状維持（施策なし）"},
    "year.round_score": {"en": "Round score", "ja": "年間得点"},
    "year.did": {"en": "Orders and agreements (what the ledger shows each did)",
                 "ja": "施策と協定（台帳に記録されたそれぞれの効果）"},
    "session": {"en": "The session: teams and the facilitator's audit trail",
                "ja": "セッション：チームとファシリテーターの監査記録"},
    "teams": {"en": "Teams", "ja": "チーム"},
    "audit": {"en": "Audit trail", "ja": "監査記録"},
    "injects": {"en": "Injects", "ja": "状況付与"},
    "undos": {"en": "Undos", "ja": "取り消し"},
    "undone": {"en": "undone", "ja": "取り消し済み"},
    "phase": {"en": "Phase", "ja": "フェーズ"},
    "ai_seat": {"en": "AI", "ja": "AI"},
})

t = TEXT.render


# ------------------------------------------------------------------ charts


def line_chart(series: list[dict[str, Any]], width: int = 720, height: int = 260,
               y_min: float | None = None, y_max: float | None = None, title: str = "") -> dict[str, Any]:
    """The geometry of an SVG line chart, for the template's ``line_chart`` macro.

    Each series: name, colour, points [(x, y)], dash, marker (a seat icon shape)."""
    pts = [p for s in series for p in s["points"]]
    chart: dict[str, Any] = {"width": width, "height": height, "title": title, "series": []}
    if not pts:
        return chart
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1 = min(xs), max(xs)
    lo = min(ys) if y_min is None else y_min
    hi = max(ys) if y_max is None else y_max
    if hi - lo < 1e-9:
        hi = lo + 1.0
    if x1 == x0:
        x1 = x0 + 1
    left, right, top, bottom = 56, 250, 28, 34
    pw, ph = width - left - right, height - top - bottom

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * pw

    def sy(y: float) -> float:
        return top + ph - (y - lo) / (hi - lo) * ph

    def marker(kind: str, x: float, y: float) -> list[ScaledPart]:
        return icon_parts(kind, x, y, MARKER_RADIUS)

    chart.update(left=left, plot_right=left + pw, axis_y=top + ph + 18, legend_x=left + pw + 12,
                 grid=[{"y": sy(lo + (hi - lo) * i / 4), "label": f"{lo + (hi - lo) * i / 4:.0f}"} for i in range(5)],
                 xticks=[{"x": sx(xv), "label": str(xv)} for xv in range(int(x0), int(x1) + 1)])
    for i, s in enumerate(series):
        kind = s.get("marker", "circle")
        ly = top + 14 + i * 18
        chart["series"].append({
            "name": s["name"], "colour": s["colour"], "dash": s.get("dash", ""),
            "points": " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in s["points"]),
            "markers": [marker(kind, sx(x), sy(y)) for x, y in s["points"]],
            "legend_y": ly, "legend_marker": marker(kind, left + pw + 24, ly - 4),
        })
    return chart


# ------------------------------------------------------------------ page


def render(data: dict[str, Any], lang: str = "en", fonts: list[dict[str, Any]] | None = None) -> str:
    """The report page; ``fonts`` (`report_build.embedded_fonts`) embeds a font so Japanese prints anywhere."""
    seats = data["seats"]
    seat_name = {s["id"]: s["name"] for s in seats}
    teams = data.get("teams") or {}
    hist = data["history"]
    final = data["final"]
    by_id = {s["id"]: s for s in seats}
    standings = final.get("standings") or {}
    ranking = [{"name": seat_name.get(s, s), "score": v, "team": teams.get(s, ""), "standing": standings.get(s),
                "icon": by_id.get(s, {}).get("icon", "circle"), "colour": by_id.get(s, {}).get("colour", "")}
               for s, v in sorted(final["scores"].items(), key=lambda kv: -kv[1])]
    charts: dict[str, Any] = {}
    idx_series = [
        {"name": t("asi", lang), "colour": "#1f5fbf", "marker": "circle",
         "points": [(h["round"], h["alliance_security"]) for h in hist]},
        {"name": t("aci", lang), "colour": "#e8590c", "marker": "square", "dash": "6 3",
         "points": [(h["round"], h["alliance_competitiveness"]) for h in hist]},
    ]
    charts["indices"] = line_chart(idx_series, y_min=0, y_max=100, title=t("indices", lang))
    seat_series = [
        {"name": s["name"], "colour": s["colour"], "marker": s["icon"], "dash": SEAT_DASH[i % len(SEAT_DASH)],
         "points": [(h["round"], h["scores"].get(s["id"], 0.0)) for h in hist]}
        for i, s in enumerate(seats)
    ]
    charts["scores"] = line_chart(seat_series, height=max(260, 40 + 18 * len(seats)), title=t("scores", lang))
    cf = data.get("counterfactuals") or {}
    rows: list[dict[str, Any]] = []
    if cf:
        series = [{"name": t("actual", lang), "colour": "#1d2433", "marker": "circle",
                   "points": [(h["round"], h["alliance_security"]) for h in hist]}]
        comp = [{"name": t("actual", lang), "colour": "#1d2433", "marker": "circle",
                 "points": [(h["round"], h["alliance_competitiveness"]) for h in hist]}]
        styles = {"interconnected": ("#1f5fbf", "square", "6 3"), "fragmented": ("#e8590c", "triangle", "2 3")}
        rows.append({"label": t("actual", lang), "security": final["alliance_security"],
                     "competitiveness": final["alliance_competitiveness"]})
        for name, h2 in cf.items():
            colour, marker, dash = styles.get(name, ("#6b7487", "diamond", "4 4"))
            label = t("profile." + name, lang)
            series.append({"name": label, "colour": colour, "marker": marker, "dash": dash,
                           "points": [(h["round"], h["alliance_security"]) for h in h2]})
            comp.append({"name": label, "colour": colour, "marker": marker, "dash": dash,
                         "points": [(h["round"], h["alliance_competitiveness"]) for h in h2]})
            if h2:
                rows.append({"label": label, "security": h2[-1]["alliance_security"],
                             "competitiveness": h2[-1]["alliance_competitiveness"]})
        charts["cf_security"] = line_chart(series, y_min=0, y_max=100, title=t("asi", lang))
        charts["cf_competitiveness"] = line_chart(comp, y_min=0, y_max=100, title=t("aci", lang))
    return render_template(
        "report.html.j2", d=data, lang=lang, fonts=fonts or [], ranking=ranking, charts=charts,
        counterfactual=rows,
        t=lambda key, **kw: t(key, lang, **kw),
        seat_name=lambda s: seat_name.get(s, s) if isinstance(s, str) else s,
        phase_name=lambda ph: t("phase." + ph, lang) if ("phase." + str(ph)) in TEXT else ph,
    )
