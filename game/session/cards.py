"""Printable role cards and a one-page rules summary, generated from the content.

Built from `rules/` and `scenarios/` through a fresh game, so they never drift
from what the engine plays.  One self-contained HTML file per seat, plus
``rules-summary.html`` and an ``index.html`` that prints them all.
"""

from __future__ import annotations

import html
from pathlib import Path

from game.engine import Game
from game.engine.access import ROW, tier_between, usable_model
from game.i18n import Catalog

from .storage import write_atomic

TEXT = Catalog("cards", {
    "role_card": {"en": "Role card", "ja": "ロールカード"},
    "nation": {"en": "Nation", "ja": "国家"},
    "firm": {"en": "AI firm", "ja": "AI企業"},
    "home": {"en": "Home nation", "ja": "本国"},
    "strengths": {"en": "Special strengths", "ja": "強み"},
    "brief": {"en": "Briefing", "ja": "ブリーフィング"},
    "assets": {"en": "Starting assets", "ja": "初期資産"},
    "income": {"en": "Budget each round", "ja": "毎ラウンドの予算"},
    "defence": {"en": "Infrastructure defence", "ja": "インフラ防衛"},
    "sovereign": {"en": "Sovereign model", "ja": "自前モデル"},
    "usable": {"en": "Best usable model (frontier {frontier:.0f})", "ja": "利用可能な最良モデル（最先端 {frontier:.0f}）"},
    "data": {"en": "Domain data", "ja": "領域データ"},
    "model": {"en": "Own model", "ja": "自社モデル"},
    "weights": {"en": "Model-weight security", "ja": "モデル重みの保護"},
    "apps": {"en": "Applications", "ja": "アプリケーション"},
    "presence": {"en": "Presence in regions", "ja": "地域での存在感"},
    "licences": {"en": "Licensed to", "ja": "ライセンス供与先"},
    "tiers": {"en": "Your export tiers", "ja": "自国の輸出ティア"},
    "row": {"en": "rest of the world", "ja": "その他の地域"},
    "agreements": {"en": "Agreements in force", "ja": "発効中の協定"},
    "objectives": {"en": "Objectives", "ja": "目標"},
    "public_goal": {
        "en": "Score each round = your competitiveness × alliance security. Keep the alliance secure and "
              "your own seat competitive. One secret objective adds a bonus at the end.",
        "ja": "各ラウンドの得点＝自らの競争力×同盟の安全保障。同盟を安全に保ちつつ、自らの競争力を高めよう。"
              "秘密目標を1つ達成すると最後にボーナスが加わる。"},
    "possible": {"en": "Secret objectives your role may draw", "ja": "あなたの役割が引く可能性のある秘密目標"},
    "secret": {"en": "Your secret objective (seed {seed}) — fold along the line",
               "ja": "あなたの秘密目標（シード{seed}）— 線で折って隠す"},
    "bonus": {"en": "+{points:.0f}% of your final score", "ja": "最終得点の+{points:.0f}%"},
    "by_round": {"en": "by round {round}", "ja": "第{round}ラウンドまでに"},
    "none": {"en": "none", "ja": "なし"},
    "summary": {"en": "Rules summary", "ja": "ルール概要"},
    "round_title": {"en": "A round", "ja": "ラウンドの流れ"},
    "phase.event": {"en": "Event: an inject card is drawn and applies.", "ja": "イベント：インジェクト・カードを引き、効果が発動する。"},
    "phase.negotiation": {"en": "Negotiation: propose agreements; they form when every member accepts.",
                          "ja": "交渉：協定を提案する。全加盟者が受諾すると成立する。"},
    "phase.orders": {"en": "Orders: every seat commits secretly, within its budget.",
                     "ja": "命令：各席が予算の範囲で、秘密裏に同時に命令を出す。"},
    "phase.resolution": {"en": "Resolution: tiers and licences, investments, growth, markets, Rival threat, security and incidents, competitiveness.",
                         "ja": "解決：ティアとライセンス、投資、成長、市場、対抗陣営の脅威、安全保障とインシデント、競争力の順に処理する。"},
    "phase.scoring": {"en": "Scoring: alliance indices, round scores; every change itemised by cause.",
                      "ja": "採点：同盟指数とラウンド得点。すべての変化は原因ごとに記録される。"},
    "orders_title": {"en": "Orders", "ja": "命令"},
    "who": {"en": "Who", "ja": "実行者"},
    "cost": {"en": "Cost", "ja": "費用"},
    "amount": {"en": "amount", "ja": "金額"},
    "any": {"en": "any", "ja": "全員"},
    "agreements_title": {"en": "Agreements", "ja": "協定"},
    "rounds_term": {"en": "{n} rounds", "ja": "{n}ラウンド"},
    "tiers_title": {"en": "Export tiers", "ja": "輸出ティア"},
    "scoring_title": {"en": "Scoring", "ja": "採点"},
    "scoring_text": {
        "en": "Alliance Security Index = 100 × (½ weakest nation's security + ½ mean security). "
              "Alliance Competitiveness Index = the alliance's AI economy against the Rival Bloc's. "
              "Round score = competitiveness × ({floor:.0%} + {rest:.0%} × ASI/100). "
              "Crisis: ASI under {threshold:.0f} at a round's end.",
        "ja": "同盟安全保障指数＝100×（最弱国の安全保障×½＋平均×½）。同盟競争力指数＝同盟のAI経済と対抗陣営のAI経済の比。"
              "ラウンド得点＝競争力×（{floor:.0%}＋{rest:.0%}×同盟安全保障指数/100）。危機：ラウンド終了時に同盟安全保障指数が{threshold:.0f}未満。"},
    "print_all": {"en": "Role cards and rules summary", "ja": "ロールカードとルール概要"},
})

CSS = """
body{font-family:'Noto Sans JP','Hiragino Sans','Yu Gothic',system-ui,sans-serif;color:#1d2433;margin:0}
.card{width:180mm;min-height:250mm;margin:10mm auto;padding:8mm 10mm;border:2px solid #1d2433;border-radius:4mm;
box-sizing:border-box;break-after:page}
.band{height:6mm;margin:-8mm -10mm 5mm -10mm;border-radius:2mm 2mm 0 0}
h1{margin:.1em 0;font-size:22pt}h2{font-size:13pt;margin:.9em 0 .3em;border-bottom:1px solid #9aa7bf}
.type{color:#4a5468}table{border-collapse:collapse;width:100%}td,th{border:1px solid #c9d1e0;padding:2px 6px;
font-size:10pt;text-align:left}td.num{text-align:right}.secret{margin-top:8mm;border-top:2px dashed #1d2433;
padding-top:4mm}p,li{font-size:10.5pt}.icon{vertical-align:middle}
@media print{.card{margin:0 auto;border-width:1.5px}}
"""


_t = TEXT.render


def _e(x: object) -> str:
    return html.escape(str(x))


def _icon_svg(kind: str, colour: str, size: int = 34) -> str:
    c = size / 2
    r = size * 0.42
    shapes = {
        "circle": f"<circle cx='{c}' cy='{c}' r='{r}' fill='{colour}'/>",
        "ring": f"<circle cx='{c}' cy='{c}' r='{r * 0.8}' fill='none' stroke='{colour}' stroke-width='{size * 0.14}'/>",
        "square": f"<rect x='{c - r * 0.85}' y='{c - r * 0.85}' width='{r * 1.7}' height='{r * 1.7}' fill='{colour}'/>",
        "diamond": f"<polygon points='{c},{c - r} {c + r},{c} {c},{c + r} {c - r},{c}' fill='{colour}'/>",
        "triangle": f"<polygon points='{c},{c - r} {c + r},{c + r * 0.8} {c - r},{c + r * 0.8}' fill='{colour}'/>",
        "cross": (f"<rect x='{c - r * 0.3}' y='{c - r}' width='{r * 0.6}' height='{2 * r}' fill='{colour}'/>"
                  f"<rect x='{c - r}' y='{c - r * 0.3}' width='{2 * r}' height='{r * 0.6}' fill='{colour}'/>"),
    }
    import math

    if kind == "hexagon":
        pts = " ".join(f"{c + r * math.cos(math.pi / 3 * i):.1f},{c + r * math.sin(math.pi / 3 * i):.1f}" for i in range(6))
        shape = f"<polygon points='{pts}' fill='{colour}'/>"
    elif kind == "star":
        pts = " ".join(
            f"{c + (r if i % 2 == 0 else r * 0.45) * math.cos(-math.pi / 2 + math.pi / 5 * i):.1f},"
            f"{c + (r if i % 2 == 0 else r * 0.45) * math.sin(-math.pi / 2 + math.pi / 5 * i):.1f}" for i in range(10))
        shape = f"<polygon points='{pts}' fill='{colour}'/>"
    else:
        shape = shapes.get(kind, shapes["circle"])
    return f"<svg class='icon' xmlns='http://www.w3.org/2000/svg' width='{size}' height='{size}'>{shape}</svg>"


def role_card(game: Game, seat: str, lang: str = "en", with_secret: bool = False) -> str:
    rs = game.rs
    st = game.state
    d = rs.seat_defs[seat]
    parts = [f"<section class='card'><div class='band' style='background:{d.colour}'></div>"]
    parts.append(f"<div class='type'>{_e(_t('role_card', lang))} · {_e(rs.scenario.title.get(lang))}</div>")
    parts.append(f"<h1>{_icon_svg(d.icon, d.colour)} {_e(rs.seat_name(seat, lang))}</h1>")
    kind = _t("nation" if d.type == "nation" else "firm", lang)
    if d.firm is not None:
        kind += f" · {_t('home', lang)}: {rs.seat_name(d.firm.home, lang)}"
    parts.append(f"<div class='type'>{_e(kind)}</div>")
    parts.append(f"<h2>{_e(_t('strengths', lang))}</h2><p>{_e(d.strengths.get(lang))}</p>")
    parts.append(f"<h2>{_e(_t('brief', lang))}</h2><p>{_e(rs.scenario.briefing.get(lang))}</p>")
    parts.append(f"<h2>{_e(_t('assets', lang))}</h2><table>")

    def row(label: str, value: str) -> None:
        parts.append(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>")

    dom = lambda k: rs.domain_name(k, lang)  # noqa: E731
    reg = lambda k: rs.region_name(k, lang)  # noqa: E731
    if seat in st.nations:
        n = st.nations[seat]
        row(_t("income", lang), str(n.income))
        row(_t("defence", lang), f"{n.defence:.0f}")
        row(_t("sovereign", lang), f"{n.sovereign:.1f}")
        row(_t("usable", lang, frontier=st.frontier), f"{usable_model(st, rs, seat):.1f}")
        row(_t("data", lang), ", ".join(f"{dom(k)} {v:.0f}" for k, v in n.data.items()))
        tiers = [f"{rs.seat_name(o, lang)} {tier_between(st, rs, seat, o)}" for o in st.nations if o != seat]
        tiers.append(f"{_t('row', lang)} {tier_between(st, rs, seat, ROW)}")
        row(_t("tiers", lang), ", ".join(tiers))
    else:
        f = st.firms[seat]
        row(_t("income", lang), str(f.income))
        row(_t("model", lang), f"{f.model:.1f} / {st.frontier:.0f}")
        row(_t("usable", lang, frontier=st.frontier), f"{usable_model(st, rs, seat):.1f}")
        row(_t("weights", lang), f"{f.weight_security:.0%}")
        row(_t("apps", lang), ", ".join(f"{dom(k)} {v:g}" for k, v in f.apps.items() if v > 0) or _t("none", lang))
        row(_t("presence", lang), ", ".join(f"{reg(k)} {v:g}" for k, v in f.presence.items() if v > 0) or _t("none", lang))
        row(_t("licences", lang), ", ".join(rs.seat_name(x, lang) for x in f.licences) or _t("none", lang))
    agreements = [a for a in st.agreements if a.active and seat in a.members]
    if agreements:
        row(_t("agreements", lang), "; ".join(rs.agreements[a.kind].name.get(lang) for a in agreements))
    parts.append("</table>")
    parts.append(f"<h2>{_e(_t('objectives', lang))}</h2><p>{_e(_t('public_goal', lang))}</p>")
    parts.append(f"<p><b>{_e(_t('possible', lang))}:</b></p><ul>")
    for o in rs.rules.objectives:
        if o.role == d.role:
            parts.append(f"<li>{_e(o.title.get(lang))} — {_e(_t('bonus', lang, points=o.points))}</li>")
    parts.append("</ul>")
    if with_secret and seat in st.objectives:
        o = rs.objectives[st.objectives[seat]]
        when = f" ({_t('by_round', lang, round=o.by_round)})" if o.by_round else ""
        parts.append(f"<div class='secret'><b>{_e(_t('secret', lang, seed=st.seed))}</b><p><b>{_e(o.title.get(lang))}"
                     f"</b>{_e(when)}: {_e(o.text.get(lang))} — {_e(_t('bonus', lang, points=o.points))}</p></div>")
    parts.append("</section>")
    return "".join(parts)


def rules_summary(game: Game, lang: str = "en") -> str:
    rs = game.rs
    sc = rs.rules.scoring
    parts = ["<section class='card'><div class='band' style='background:#1d2433'></div>",
             f"<h1>{_e(_t('summary', lang))}</h1><div class='type'>{_e(rs.scenario.title.get(lang))}</div>",
             f"<h2>{_e(_t('round_title', lang))}</h2><ol>"]
    for p in ("event", "negotiation", "orders", "resolution", "scoring"):
        parts.append(f"<li>{_e(_t('phase.' + p, lang))}</li>")
    parts.append(f"</ol><h2>{_e(_t('orders_title', lang))}</h2><table><tr><th></th><th>{_e(_t('who', lang))}</th>"
                 f"<th>{_e(_t('cost', lang))}</th></tr>")
    for o in rs.rules.orders:
        who = _t(o.actor if o.actor != "any" else "any", lang)
        cost = f"{o.cost}" if not o.amounts else f"{_t('amount', lang)} {'/'.join(map(str, o.amounts))}"
        parts.append(f"<tr><td><b>{_e(o.name.get(lang))}</b><br>{_e(o.help.get(lang))}</td><td>{_e(who)}</td>"
                     f"<td class='num'>{_e(cost)}</td></tr>")
    parts.append(f"</table><h2>{_e(_t('agreements_title', lang))}</h2><ul>")
    for a in rs.rules.agreements:
        parts.append(f"<li><b>{_e(a.name.get(lang))}</b> ({_e(_t('rounds_term', lang, n=a.duration))}): "
                     f"{_e(a.help.get(lang))}</li>")
    parts.append(f"</ul><h2>{_e(_t('tiers_title', lang))}</h2><ul>")
    for tdef in rs.rules.tiers:
        parts.append(f"<li><b>{_e(tdef.name.get(lang))}</b>: {_e(tdef.help.get(lang))}</li>")
    parts.append(f"</ul><h2>{_e(_t('scoring_title', lang))}</h2><p>"
                 f"{_e(_t('scoring_text', lang, floor=sc.score_floor, rest=1 - sc.score_floor, threshold=rs.scenario.crisis.threshold))}"
                 f"</p></section>")
    return "".join(parts)


def _page(title: str, body: str, lang: str) -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{CSS}</style></head><body>{body}</body></html>")


def write_cards(scenario: str, out_dir: Path | str, lang: str = "en", seed: int | None = None) -> list[Path]:
    """Write one card per seat, the rules summary and an index; returns the files written."""
    game = Game.new(scenario, seed=seed if seed is not None else 0)
    out = Path(out_dir)
    files = []
    cards = []
    for seat in game.seats:
        body = role_card(game, seat, lang, with_secret=seed is not None)
        cards.append(body)
        path = out / f"{game.rs.scenario.id}-{seat}.html"
        write_atomic(path, _page(f"{game.seat_name(seat, lang)} — {_t('role_card', lang)}", body, lang))
        files.append(path)
    summary = rules_summary(game, lang)
    path = out / "rules-summary.html"
    write_atomic(path, _page(_t("summary", lang), summary, lang))
    files.append(path)
    path = out / "index.html"
    write_atomic(path, _page(_t("print_all", lang), summary + "".join(cards), lang))
    files.append(path)
    return files
