"""Printable role cards and a one-page rules summary, generated from the content.

Built from `rules/` and `scenarios/` through a fresh game, so they never drift
from what the engine plays.  One self-contained HTML file per seat, plus
``rules-summary.html`` and an ``index.html`` that prints them all.  The pages
are the template ``templates/cards.html.j2`` (autoescaped, see
`game.session.templating`); this module gathers what each card says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.content.schema import Rules, Scenario
from game.engine import Game
from game.engine.access import ROW, tier_between, usable_model
from game.i18n import Catalog, join_list, paren

from .storage import write_atomic
from .templating import render_template

TEXT = Catalog("cards", {
    "role_card": {"en": "Role card", "ja": "役割カード"},
    "nation": {"en": "Nation", "ja": "国家"},
    "firm": {"en": "AI firm", "ja": "AI企業"},
    "home": {"en": "Home nation", "ja": "本国"},
    "strengths": {"en": "Special strengths", "ja": "強み"},
    "brief": {"en": "Briefing", "ja": "ブリーフィング"},
    "assets": {"en": "Starting assets", "ja": "初期資産"},
    "income": {"en": "Budget each round", "ja": "毎年の予算"},
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
              "your own seat competitive. One secret objective adds a bonus at the end. Your standing is your "
              "score against your role's par (its expected score in this scenario): any seat can top the table.",
        "ja": "各年の得点＝自らの競争力×同盟の安全保障。同盟を安全に保ちつつ、自らの競争力を高めよう。"
              "秘密目標を1つ達成すると最後にボーナスが加わる。順位は、得点を役割のパー（このシナリオでの期待得点）"
              "と比べたパー比で決まる。どの席でも首位に立てる。"},
    "possible": {"en": "Secret objectives your role may draw", "ja": "あなたの役割が引く可能性のある秘密目標"},
    "secret": {"en": "Your secret objective (seed {seed}) — fold along the line",
               "ja": "あなたの秘密目標（シード{seed}）— 線で折って隠す"},
    "bonus": {"en": "+{points:.0f}% of your final score", "ja": "最終得点の+{points:.0f}%"},
    "by_round": {"en": "by round {round}", "ja": "{round}年目までに"},
    "none": {"en": "none", "ja": "なし"},
    "summary": {"en": "Rules summary", "ja": "ルール概要"},
    "round_title": {"en": "A round", "ja": "1年の流れ"},
    "phase.event": {"en": "Event: an inject card is drawn and applies. Some cards put a choice to the seats they hit: "
                          "answer before the phase ends, or take the card's default.",
                    "ja": "イベント：状況付与（インジェクト）のカードを引き、効果が発動する。影響を受ける席に選択を迫るカードもある。フェーズの終わりまでに答えよう。答えなければカードの既定の選択肢になる。"
                          "フェーズの終わりまでに答えよう。答えなければカードの既定の選択肢になる。"},
    "phase.negotiation": {"en": "Negotiation: propose agreements; they form when every member accepts.",
                          "ja": "交渉：協定を提案する。全参加者が受諾すると成立する。"},
    "phase.orders": {"en": "Orders: every seat commits secretly, within its budget.",
                     "ja": "施策：各席が予算の範囲で、秘密裏に同時に施策を決める。"},
    "phase.resolution": {"en": "Resolution: tiers and licences, investments, growth, markets, Rival threat, security and incidents, competitiveness.",
                         "ja": "解決：ティアとライセンス、投資、成長、市場、対抗陣営の脅威、安全保障とインシデント、競争力の順に処理する。"},
    "phase.scoring": {"en": "Scoring: alliance indices, round scores; every change itemised by cause.",
                      "ja": "採点：同盟指数と年間得点。すべての変化は原因ごとに記録される。"},
    "orders_title": {"en": "Orders", "ja": "施策"},
    "who": {"en": "Who", "ja": "実行者"},
    "cost": {"en": "Cost", "ja": "費用"},
    "amount": {"en": "amount", "ja": "投入量"},
    "any": {"en": "any", "ja": "全員"},
    "agreements_title": {"en": "Agreements", "ja": "協定"},
    "rounds_term": {"en": "{n} rounds", "ja": "{n}年"},
    "tiers_title": {"en": "Export tiers", "ja": "輸出ティア"},
    "scoring_title": {"en": "Scoring", "ja": "採点"},
    "scoring_text": {
        "en": "Alliance Security Index = 100 × (½ weakest nation's security + ½ mean security). "
              "Alliance Competitiveness Index = the alliance's AI economy against the Rival Bloc's. "
              "Round score = competitiveness × ({floor:.0%} + {rest:.0%} × security), where security is "
              "{alliance:.0%} ASI/100 and {own:.0%} your own security (a firm: its home nation's). "
              "Crisis: ASI under {threshold:.0f} at a round's end.",
        "ja": "同盟安全保障指数＝100×（最弱国の安全保障×½＋平均×½）。同盟競争力指数＝同盟のAI経済と対抗陣営のAI経済の比。"
              "年間得点＝競争力×（{floor:.0%}＋{rest:.0%}×安全保障）。安全保障は同盟安全保障指数/100が{alliance:.0%}、"
              "自国の安全保障（企業は本国の安全保障）が{own:.0%}。危機：年終了時に同盟安全保障指数が{threshold:.0f}未満。"},
    "print_all": {"en": "Role cards and rules summary", "ja": "役割カードとルール概要"},
    "sheet": {"en": "Order sheet", "ja": "施策シート"},
    "sheets": {"en": "Blank order sheets, one per seat", "ja": "白紙の施策シート（席ごと）"},
    "sheet.round": {"en": "Round", "ja": "年"},
    "sheet.team": {"en": "Team", "ja": "チーム"},
    "sheet.budget": {"en": "Budget this round", "ja": "今年の予算"},
    "sheet.how": {"en": "Tick each order you give and fill in its blanks. Orders are secret: fold the sheet and "
                        "hand it to the facilitator. The total cost may not exceed your budget; an order you cannot "
                        "pay for, or one the rules refuse, is not given.",
                  "ja": "出す施策に印を付け、空欄を埋める。施策は秘密：シートを折ってファシリテーターに渡す。"
                        "費用の合計は予算以内。払えない施策やルールで認められない施策は実行されない。"},
    "sheet.kind": {"en": "Order", "ja": "施策"},
    "sheet.choose": {"en": "Fill in (choose one of)", "ja": "記入（次から1つ選ぶ）"},
    "sheet.cost": {"en": "Cost", "ja": "費用"},
    "sheet.max": {"en": "At most", "ja": "上限"},
    "sheet.per_round": {"en": "{n} a round", "ja": "1年に{n}件"},
    "sheet.cost_amount": {"en": "= the amount", "ja": "＝投入量"},
    "sheet.field.target": {"en": "Target", "ja": "対象"},
    "sheet.field.domain": {"en": "Domain", "ja": "領域"},
    "sheet.field.region": {"en": "Region", "ja": "地域"},
    "sheet.field.tier": {"en": "Tier", "ja": "ティア"},
    "sheet.field.grant": {"en": "Grant or revoke", "ja": "付与か取り消し"},
    "sheet.field.amount": {"en": "Amount", "ja": "投入量"},
    "sheet.grant": {"en": "grant", "ja": "付与"},
    "sheet.revoke": {"en": "revoke", "ja": "取り消し"},
    "sheet.later": {"en": "(the agreements you are in at the time)", "ja": "（その時点で加盟している協定）"},
    "sheet.total": {"en": "Total cost", "ja": "費用の合計"},
    "sheet.facilitator": {"en": "Entered by the facilitator (initials)", "ja": "ファシリテーター入力済み（署名）"},
})


_t = TEXT.render


def role_card(game: Game, seat: str, lang: str = "en", with_secret: bool = False) -> dict[str, Any]:
    """What one seat's card says (rendered by the ``role_card`` macro)."""
    rs = game.rs
    st = game.state
    d = rs.seat_defs[seat]
    kind = _t("nation" if d.type == "nation" else "firm", lang)
    if d.firm is not None:
        kind = join_list((kind, join_list((_t('home', lang), rs.seat_name(d.firm.home, lang)), lang, ": ")), lang, " · ")
    assets: list[tuple[str, str]] = []

    def row(label: str, value: str) -> None:
        assets.append((label, value))

    dom = lambda k: rs.domain_name(k, lang)  # noqa: E731
    reg = lambda k: rs.region_name(k, lang)  # noqa: E731
    if seat in st.nations:
        n = st.nations[seat]
        row(_t("income", lang), str(n.income))
        row(_t("defence", lang), f"{n.defence:.0f}")
        row(_t("sovereign", lang), f"{n.sovereign:.1f}")
        row(_t("usable", lang, frontier=st.frontier), f"{usable_model(st, rs, seat):.1f}")
        row(_t("data", lang), join_list((f"{dom(k)} {v:.0f}" for k, v in n.data.items()), lang))
        tiers = [f"{rs.seat_name(o, lang)} {tier_between(st, rs, seat, o)}" for o in st.nations if o != seat]
        tiers.append(f"{_t('row', lang)} {tier_between(st, rs, seat, ROW)}")
        row(_t("tiers", lang), join_list(tiers, lang))
    else:
        f = st.firms[seat]
        row(_t("income", lang), str(f.income))
        row(_t("model", lang), f"{f.model:.1f} / {st.frontier:.0f}")
        row(_t("usable", lang, frontier=st.frontier), f"{usable_model(st, rs, seat):.1f}")
        row(_t("weights", lang), f"{f.weight_security:.0%}")
        row(_t("apps", lang), join_list((f"{dom(k)} {v:g}" for k, v in f.apps.items() if v > 0), lang) or _t("none", lang))
        row(_t("presence", lang), join_list((f"{reg(k)} {v:g}" for k, v in f.presence.items() if v > 0), lang) or _t("none", lang))
        row(_t("licences", lang), join_list((rs.seat_name(x, lang) for x in f.licences), lang) or _t("none", lang))
    agreements = [a for a in st.agreements if a.active and seat in a.members]
    if agreements:
        row(_t("agreements", lang), join_list((rs.agreements[a.kind].name.get(lang) for a in agreements), lang, "; "))
    secret = None
    if with_secret and seat in st.objectives:
        o = rs.objectives[st.objectives[seat]]
        secret = {"heading": _t("secret", lang, seed=st.seed), "title": o.title.get(lang),
                  "when": paren("", _t("by_round", lang, round=o.by_round), lang) if o.by_round else "",
                  "text": o.text.get(lang), "bonus": _t("bonus", lang, points=o.points)}
    return {
        "seat": seat, "name": rs.seat_name(seat, lang), "colour": d.colour, "icon": d.icon,
        "scenario": rs.scenario.title.get(lang), "kind": kind, "strengths": d.strengths.get(lang),
        "briefing": rs.scenario.briefing.get(lang), "assets": assets,
        "possible": [(o.title.get(lang), _t("bonus", lang, points=o.points))
                     for o in rs.rules.objectives if o.role == d.role],
        "secret": secret,
    }


def rules_summary(game: Game, lang: str = "en") -> dict[str, Any]:
    """What the rules summary says (rendered by the ``rules_summary`` macro)."""
    rs = game.rs
    sc = rs.rules.scoring
    return {
        "scenario": rs.scenario.title.get(lang),
        "orders": [{"name": o.name.get(lang), "help": o.help.get(lang),
                    "who": _t(o.actor if o.actor != "any" else "any", lang),
                    "cost": f"{o.cost}" if not o.amounts else f"{_t('amount', lang)} {'/'.join(map(str, o.amounts))}"}
                   for o in rs.rules.orders],
        "agreements": [{"name": a.name.get(lang), "help": a.help.get(lang),
                        "term": _t("rounds_term", lang, n=a.duration)} for a in rs.rules.agreements],
        "tiers": [{"name": tdef.name.get(lang), "help": tdef.help.get(lang)} for tdef in rs.rules.tiers],
        "scoring": _t("scoring_text", lang, floor=sc.score_floor, rest=1 - sc.score_floor,
                      alliance=1 - sc.own_security_weight, own=sc.own_security_weight,
                      threshold=rs.scenario.crisis.threshold),
    }


SHEET_FIELDS = ("target", "domain", "region", "tier", "grant", "amount")


def order_sheet(game: Game, seat: str, lang: str = "en") -> dict[str, Any]:
    """A blank order sheet for ``seat``: every order kind it may give, what to fill in (the legal
    choices at the start), its cost and how many a round."""
    from game.engine.legality import order_cost
    from game.engine.order_rules import RULES

    rs, st = game.rs, game.state
    while game.phase != "orders":
        game.advance()
    legal: dict[str, list[Any]] = {}
    for o in game.legal_orders(seat):
        legal.setdefault(o.kind, []).append(o)
    actor = "nation" if seat in st.nations else "firm"
    rows = []
    for d in rs.rules.orders:
        if d.actor not in (actor, "any"):
            continue
        opts = legal.get(d.kind, [])
        fields = []
        for f in RULES[d.kind].fields + (("amount",) if d.amounts else ()):
            values = list(dict.fromkeys(getattr(o, f) for o in opts if getattr(o, f) is not None))
            if f in ("tier", "amount"):
                values.sort()
            if f == "amount" and not values:
                values = list(d.amounts)
            words = [_value_words(game, d.kind, f, v, lang) for v in values]
            fields.append({"label": _t(f"sheet.field.{f}", lang),
                           "choices": " / ".join(words) if words else _t("sheet.later", lang)})
        costs = sorted({order_cost(st, rs, o) for o in opts}) if not d.amounts else []
        cost = _t("sheet.cost_amount", lang) if d.amounts else (
            "–".join(map(str, (costs[0], costs[-1]))) if costs and costs[0] != costs[-1]
            else str(costs[0] if costs else d.cost))
        rows.append({"name": d.name.get(lang), "help": d.help.get(lang), "fields": fields, "cost": cost,
                     "max": _t("sheet.per_round", lang, n=d.max_per_round), "lines": min(d.max_per_round, 4)})
    sd = rs.seat_defs[seat]
    return {"seat": seat, "name": rs.seat_name(seat, lang), "colour": sd.colour, "icon": sd.icon,
            "scenario": rs.scenario.title.get(lang), "kind": _t("nation" if actor == "nation" else "firm", lang),
            "income": (st.nations.get(seat) or st.firms[seat]).income, "rows": rows}


def _value_words(game: Game, kind: str, field: str, value: Any, lang: str) -> str:
    rs = game.rs
    if field == "target":
        if value == "row":
            return _t("row", lang)
        if kind == "exit_agreement":
            return str(value)
        return rs.seat_name(value, lang)
    if field == "domain":
        return rs.domain_name(value, lang)
    if field == "region":
        return rs.region_name(value, lang)
    if field == "tier":
        return rs.tiers[value].name.get(lang)
    if field == "grant":
        return _t("sheet.grant" if value else "sheet.revoke", lang)
    return str(value)


def sheets_page(game: Game, lang: str, fonts: list[dict[str, Any]] | None = None) -> str:
    """Every seat's blank order sheet, one printed page each.  ``fonts``: the bundled font's
    @font-face sources (`game.session.fonts`; embedded in the page when not given), so Japanese
    prints without any font installed."""
    from .fonts import embedded_fonts

    sheets = [order_sheet(game.clone(), s, lang) for s in game.seats]
    return render_template("order_sheet.html.j2", title=_t("sheets", lang), lang=lang, sheets=sheets,
                           fonts=embedded_fonts() if fonts is None else fonts,
                           t=lambda key, **kw: _t(key, lang, **kw))


def page(title: str, lang: str, cards: list[dict[str, Any]] | None = None, summary: dict[str, Any] | None = None,
         fonts: list[dict[str, Any]] | None = None) -> str:
    """One printable page: the rules summary (if given), then the cards.  ``fonts`` as for `sheets_page`."""
    from .fonts import embedded_fonts

    return render_template("cards.html.j2", title=title, lang=lang, cards=cards or [], summary=summary,
                           fonts=embedded_fonts() if fonts is None else fonts,
                           t=lambda key, **kw: _t(key, lang, **kw))


def write_cards(scenario: str | Scenario, out_dir: Path | str, lang: str = "en", seed: int | None = None,
                rules: Rules | None = None) -> list[Path]:
    """Write one card per seat, the rules summary, an index and blank order sheets; returns the pages
    written.  The pages share one copy of the bundled font in ``fonts/`` beside them."""
    from .fonts import linked_fonts

    game = Game.new(scenario, seed=seed if seed is not None else 0, rules=rules)
    out = Path(out_dir)
    fonts, _font_files = linked_fonts(out)
    files = []
    cards = []
    for seat in game.seats:
        card = role_card(game, seat, lang, with_secret=seed is not None)
        cards.append(card)
        path = out / f"{game.rs.scenario.id}-{seat}.html"
        write_atomic(path, page(f"{game.seat_name(seat, lang)} — {_t('role_card', lang)}", lang, [card], fonts=fonts))
        files.append(path)
    summary = rules_summary(game, lang)
    path = out / "rules-summary.html"
    write_atomic(path, page(_t("summary", lang), lang, summary=summary, fonts=fonts))
    files.append(path)
    path = out / "index.html"
    write_atomic(path, page(_t("print_all", lang), lang, cards, summary, fonts=fonts))
    files.append(path)
    for sheet_lang in ("en", "ja"):  # blank order sheets for the "Sheet" workflow, in both languages
        path = out / f"order-sheets-{sheet_lang}.html"
        write_atomic(path, sheets_page(game, sheet_lang, fonts))
        files.append(path)
    return files
