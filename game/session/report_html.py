"""The after-action report: one self-contained HTML file, charts embedded as SVG.

No scripts, no external files: it opens anywhere and prints well (A4, one
section per page where it matters).
"""

from __future__ import annotations

import html
from typing import Any

from game.i18n import Catalog

SEAT_DASH = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 3 3 3")

TEXT = Catalog("report", {
    "title": {"en": "After-action report", "ja": "事後レビュー報告書"},
    "scenario": {"en": "Scenario", "ja": "シナリオ"},
    "seed": {"en": "Seed", "ja": "シード"},
    "rounds": {"en": "Rounds played", "ja": "実施ラウンド数"},
    "outcome": {"en": "Outcome", "ja": "結果"},
    "alliance.secure": {"en": "Alliance secure", "ja": "同盟は安全"},
    "alliance.strained": {"en": "Alliance strained", "ja": "同盟は緊張状態"},
    "alliance.crisis": {"en": "Alliance in crisis", "ja": "同盟は危機"},
    "alliance.None": {"en": "Game in progress", "ja": "ゲーム進行中"},
    "indices": {"en": "Alliance indices", "ja": "同盟指数"},
    "asi": {"en": "Alliance Security Index", "ja": "同盟安全保障指数"},
    "aci": {"en": "Alliance Competitiveness Index", "ja": "同盟競争力指数"},
    "scores": {"en": "Scores over the rounds", "ja": "ラウンドごとの得点"},
    "ranking": {"en": "Final ranking", "ja": "最終順位"},
    "seat": {"en": "Seat", "ja": "席"},
    "score": {"en": "Score", "ja": "得点"},
    "round": {"en": "Round", "ja": "ラウンド"},
    "timeline": {"en": "Timeline", "ja": "タイムライン"},
    "turning": {"en": "Turning points", "ja": "転換点"},
    "orders": {"en": "Secret orders, revealed", "ja": "秘密命令の公開"},
    "objectives": {"en": "Secret objectives, revealed", "ja": "秘密目標の公開"},
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
    "description": {"en": "Describe", "ja": "振り返る"},
    "analysis": {"en": "Analyse", "ja": "分析する"},
    "application": {"en": "Apply", "ja": "応用する"},
    "kind.event": {"en": "Event", "ja": "イベント"},
    "kind.agreement": {"en": "Agreement", "ja": "協定"},
    "kind.order": {"en": "Order", "ja": "命令"},
    "kind.cutoff": {"en": "Cut-off", "ja": "遮断"},
    "kind.override": {"en": "Override", "ja": "調整"},
    "kind.incident": {"en": "Incident", "ja": "インシデント"},
    "kind.crisis": {"en": "Crisis", "ja": "危機"},
    "swing": {"en": "change", "ja": "変化"},
    "what.alliance_security": {"en": "Alliance security", "ja": "同盟安全保障"},
    "what.competitiveness": {"en": "Competitiveness", "ja": "競争力"},
})

t = TEXT.render


def e(x: Any) -> str:
    return html.escape(str(x))


# ------------------------------------------------------------------ charts


def line_chart(series: list[dict[str, Any]], width: int = 720, height: int = 260,
               y_min: float | None = None, y_max: float | None = None, title: str = "") -> str:
    """An SVG line chart.  Each series: name, colour, points [(x, y)], dash, marker."""
    pts = [p for s in series for p in s["points"]]
    if not pts:
        return "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'></svg>"
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

    out = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='100%' "
           f"role='img' aria-label='{e(title)}' class='chart'>",
           f"<text x='{left}' y='16' class='ct'>{e(title)}</text>"]
    for i in range(5):
        yv = lo + (hi - lo) * i / 4
        y = sy(yv)
        out.append(f"<line x1='{left}' y1='{y:.1f}' x2='{left + pw}' y2='{y:.1f}' class='grid'/>")
        out.append(f"<text x='{left - 6}' y='{y + 4:.1f}' class='ax' text-anchor='end'>{yv:.0f}</text>")
    for xv in range(int(x0), int(x1) + 1):
        x = sx(xv)
        out.append(f"<text x='{x:.1f}' y='{top + ph + 18}' class='ax' text-anchor='middle'>{xv}</text>")
    for i, s in enumerate(series):
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in s["points"])
        dash = s.get("dash", "")
        dash_attr = f" stroke-dasharray='{dash}'" if dash else ""
        out.append(f"<polyline points='{path}' fill='none' stroke='{s['colour']}' stroke-width='2.5'{dash_attr}/>")
        for x, y in s["points"]:
            out.append(_marker(s.get("marker", "circle"), sx(x), sy(y), s["colour"]))
        ly = top + 14 + i * 18
        out.append(f"<line x1='{left + pw + 12}' y1='{ly - 4}' x2='{left + pw + 36}' y2='{ly - 4}' "
                   f"stroke='{s['colour']}' stroke-width='2.5'{dash_attr}/>")
        out.append(_marker(s.get("marker", "circle"), left + pw + 24, ly - 4, s["colour"]))
        out.append(f"<text x='{left + pw + 42}' y='{ly}' class='lg'>{e(s['name'])}</text>")
    out.append("</svg>")
    return "".join(out)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    r = 3.5
    if kind == "square":
        return f"<rect x='{x - r:.1f}' y='{y - r:.1f}' width='{2 * r}' height='{2 * r}' fill='{colour}'/>"
    if kind == "diamond":
        return (f"<polygon points='{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} "
                f"{x - r - 1:.1f},{y:.1f}' fill='{colour}'/>")
    if kind == "triangle":
        return (f"<polygon points='{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}' "
                f"fill='{colour}'/>")
    if kind in ("ring", "hexagon", "star", "cross"):
        return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='white' stroke='{colour}' stroke-width='2'/>"
    return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='{colour}'/>"


# ------------------------------------------------------------------ page

CSS = """
body{font-family:'SumiwakeJP','Noto Sans JP','Hiragino Sans','Yu Gothic',system-ui,sans-serif;color:#1d2433;
max-width:960px;margin:2em auto;padding:0 1em;line-height:1.5}
h1{font-size:1.8em;margin-bottom:.2em}h2{border-bottom:2px solid #1f5fbf;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #c9d1e0;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#eef2f9}td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#4a5468}.badge{display:inline-block;padding:.1em .6em;border-radius:1em;background:#eef2f9;
border:1px solid #9aa7bf}.chart{max-width:100%;height:auto}.ct{font:bold 13px sans-serif}
.ax{font:11px sans-serif;fill:#4a5468}.lg{font:12px sans-serif}.grid{stroke:#dde3ee;stroke-width:1}
.kind{font-weight:bold;white-space:nowrap}.prompt{margin:.4em 0 .8em 0}.step{font-weight:bold}
.met{font-weight:bold}.notmet{color:#6b7487}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}section{break-inside:avoid-page}
.pb{break-before:page}}
"""


def render(data: dict[str, Any], lang: str = "en", font_css: str = "") -> str:
    """The report page; ``font_css`` may embed a font (`embedded_font_css`) so Japanese prints anywhere."""
    seats = data["seats"]
    seat_name = {s["id"]: s["name"] for s in seats}
    hist = data["history"]
    parts = [f"<!DOCTYPE html><html lang='{e(lang)}'><head><meta charset='utf-8'>",
             f"<title>{e(t('title', lang))} — {e(data['scenario']['title'])}</title>",
             f"<style>{font_css}{CSS}</style></head><body>"]
    final = data["final"]
    parts.append(f"<h1>{e(t('title', lang))}</h1>")
    parts.append(f"<p class='meta'>{e(t('scenario', lang))}: <b>{e(data['scenario']['title'])}</b> · "
                 f"{e(t('seed', lang))} {e(data['seed'])} · {e(t('rounds', lang))} "
                 f"{e(data['rounds_played'])}/{e(data['rounds'])}</p>")
    parts.append(f"<p><span class='badge'>{e(t('alliance.' + str(final['alliance']), lang))}</span> "
                 f"{e(t('asi', lang))} <b>{final['alliance_security']:.1f}</b> · "
                 f"{e(t('aci', lang))} <b>{final['alliance_competitiveness']:.1f}</b></p>")
    parts.append(f"<p>{e(data['scenario']['briefing'])}</p>")
    # ranking
    ranking = sorted(final["scores"].items(), key=lambda kv: -kv[1])
    parts.append(f"<section><h2>{e(t('ranking', lang))}</h2><table><tr><th>#</th><th>{e(t('seat', lang))}</th>"
                 f"<th>{e(t('score', lang))}</th></tr>")
    for i, (s, v) in enumerate(ranking, 1):
        parts.append(f"<tr><td class='num'>{i}</td><td>{e(seat_name.get(s, s))}</td><td class='num'>{v:.1f}</td></tr>")
    parts.append("</table></section>")
    # charts
    idx_series = [
        {"name": t("asi", lang), "colour": "#1f5fbf", "marker": "circle",
         "points": [(h["round"], h["alliance_security"]) for h in hist]},
        {"name": t("aci", lang), "colour": "#e8590c", "marker": "square", "dash": "6 3",
         "points": [(h["round"], h["alliance_competitiveness"]) for h in hist]},
    ]
    parts.append(f"<section><h2>{e(t('indices', lang))}</h2>"
                 + line_chart(idx_series, y_min=0, y_max=100, title=t("indices", lang)) + "</section>")
    seat_series = [
        {"name": s["name"], "colour": s["colour"], "marker": s["icon"], "dash": SEAT_DASH[i % len(SEAT_DASH)],
         "points": [(h["round"], h["scores"].get(s["id"], 0.0)) for h in hist]}
        for i, s in enumerate(seats)
    ]
    parts.append(f"<section><h2>{e(t('scores', lang))}</h2>"
                 + line_chart(seat_series, height=max(260, 40 + 18 * len(seats)), title=t("scores", lang))
                 + "</section>")
    # counterfactual
    cf = data.get("counterfactuals") or {}
    if cf:
        series = [{"name": t("actual", lang), "colour": "#1d2433", "marker": "circle",
                   "points": [(h["round"], h["alliance_security"]) for h in hist]}]
        comp = [{"name": t("actual", lang), "colour": "#1d2433", "marker": "circle",
                 "points": [(h["round"], h["alliance_competitiveness"]) for h in hist]}]
        styles = {"interconnected": ("#1f5fbf", "square", "6 3"), "fragmented": ("#e8590c", "triangle", "2 3")}
        rows = [(t("actual", lang), final["alliance_security"], final["alliance_competitiveness"])]
        for name, h2 in cf.items():
            colour, marker, dash = styles.get(name, ("#6b7487", "diamond", "4 4"))
            label = t("profile." + name, lang)
            series.append({"name": label, "colour": colour, "marker": marker, "dash": dash,
                           "points": [(h["round"], h["alliance_security"]) for h in h2]})
            comp.append({"name": label, "colour": colour, "marker": marker, "dash": dash,
                         "points": [(h["round"], h["alliance_competitiveness"]) for h in h2]})
            if h2:
                rows.append((label, h2[-1]["alliance_security"], h2[-1]["alliance_competitiveness"]))
        parts.append(f"<section class='pb'><h2>{e(t('counterfactual', lang))}</h2>")
        parts.append(line_chart(series, y_min=0, y_max=100, title=t("asi", lang)))
        parts.append(line_chart(comp, y_min=0, y_max=100, title=t("aci", lang)))
        parts.append(f"<table><tr><th></th><th>{e(t('asi', lang))}</th><th>{e(t('aci', lang))}</th></tr>")
        for label, a, c in rows:
            parts.append(f"<tr><td>{e(label)}</td><td class='num'>{a:.1f}</td><td class='num'>{c:.1f}</td></tr>")
        parts.append("</table></section>")
    # turning points
    parts.append(f"<section><h2>{e(t('turning', lang))}</h2><ul>")
    for p in data["turning_points"]:
        parts.append(f"<li>{e(t('round', lang))} {p['round']} — {e(t('what.' + p['what'], lang))}"
                     f" ({e(seat_name.get(p['seat'], p['seat']))}): {e(t('swing', lang))} {p['swing']:+.1f}; "
                     f"{e('; '.join(p['causes']))}</li>")
    parts.append("</ul></section>")
    # timeline
    parts.append(f"<section class='pb'><h2>{e(t('timeline', lang))}</h2><table>"
                 f"<tr><th>{e(t('round', lang))}</th><th></th><th></th></tr>")
    for item in data["timeline"]:
        parts.append(f"<tr><td class='num'>{item['round']}</td><td class='kind'>{e(t('kind.' + item['kind'], lang))}"
                     f"</td><td>{e(item['text'])}</td></tr>")
    parts.append("</table></section>")
    # overrides
    parts.append(f"<section><h2>{e(t('overrides', lang))}</h2>")
    if data["overrides"]:
        parts.append("<ul>")
        for o in data["overrides"]:
            parts.append(f"<li>{e(t('round', lang))} {o['round']} ({e(o['phase'])}): "
                         f"{e(seat_name.get(o['target'], o['target']))} {e(o['quantity'])} {o['delta']:+.2f} — "
                         f"{e(o['reason'])}</li>")
        parts.append("</ul>")
    else:
        parts.append(f"<p>{e(t('none', lang))}</p>")
    parts.append("</section>")
    # objectives
    parts.append(f"<section><h2>{e(t('objectives', lang))}</h2><table>")
    for o in data["objectives"]:
        status = (f"<span class='met'>● {e(t('met', lang))}</span>" if o["met"]
                  else f"<span class='notmet'>○ {e(t('not_met', lang))}</span>")
        parts.append(f"<tr><td>{e(seat_name.get(o['seat'], o['seat']))}</td><td><b>{e(o['title'])}</b><br>"
                     f"{e(o['text'])}</td><td>{status}</td></tr>")
    parts.append("</table></section>")
    # orders
    parts.append(f"<section class='pb'><h2>{e(t('orders', lang))}</h2>")
    for rev in data["orders"]:
        parts.append(f"<h3>{e(t('round', lang))} {rev['round']}</h3><table>")
        for s in seats:
            orders = rev["orders"].get(s["id"], [])
            parts.append(f"<tr><td>{e(s['name'])}</td><td>{e('; '.join(orders) if orders else '—')}</td></tr>")
        parts.append("</table>")
    parts.append("</section>")
    # prompts
    parts.append(f"<section class='pb'><h2>{e(t('prompts', lang))}</h2>")
    for p in data["prompts"]:
        parts.append(f"<h3>{e(p['title'])}</h3>")
        for step in ("description", "analysis", "application"):
            parts.append(f"<p class='prompt'><span class='step'>{e(t(step, lang))}:</span> {e(p[step])}</p>")
    parts.append("</section></body></html>")
    return "".join(parts)
