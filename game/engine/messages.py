"""The engine's message catalog: refusal reasons and ledger causes, in en and ja.

Messages are ``str.format`` templates over named parameters.  Seat, region and
domain ids in parameters are rendered with their names by the caller.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    # ---- refusals
    "wrong_phase": {"en": "not allowed in the {phase} phase", "ja": "{phase}フェーズでは実行できない"},
    "game_over": {"en": "the game is over", "ja": "ゲームは終了している"},
    "unknown_seat": {"en": "no seat '{seat}' at this table", "ja": "この卓に「{seat}」という席はない"},
    "unknown_order": {"en": "unknown order kind '{kind}'", "ja": "不明な命令の種類「{kind}」"},
    "not_for_actor": {"en": "{kind} is an order for a {actor}", "ja": "{kind}は{actor}のための命令"},
    "bad_amount": {"en": "amount must be one of {amounts}", "ja": "金額は{amounts}のいずれか"},
    "no_amount": {"en": "this order takes no amount", "ja": "この命令に金額は指定できない"},
    "over_budget": {"en": "costs {cost} but only {budget} left", "ja": "費用{cost}に対し残り予算は{budget}"},
    "too_many": {"en": "at most {max} {kind} order(s) a round", "ja": "{kind}は1ラウンド{max}件まで"},
    "missing_field": {"en": "{kind} needs '{field}'", "ja": "{kind}には「{field}」が必要"},
    "unexpected_field": {"en": "{kind} takes no '{field}'", "ja": "{kind}に「{field}」は指定できない"},
    "unknown_domain": {"en": "unknown domain '{domain}'", "ja": "不明な領域「{domain}」"},
    "unknown_region": {"en": "unknown region '{region}'", "ja": "不明な地域「{region}」"},
    "not_outside": {"en": "{region} is not an outside region", "ja": "{region}は域外市場ではない"},
    "not_a_nation": {"en": "{seat} is not a nation at this table", "ja": "{seat}はこの卓の国家ではない"},
    "not_a_firm": {"en": "{seat} is not a firm at this table", "ja": "{seat}はこの卓の企業ではない"},
    "self_target": {"en": "cannot target yourself", "ja": "自分自身は対象にできない"},
    "bad_tier": {"en": "tier must be 1, 2 or 3", "ja": "ティアは1、2、3のいずれか"},
    "same_tier": {"en": "{target} is already at tier {tier}", "ja": "{target}はすでにティア{tier}"},
    "duplicate_target": {"en": "two orders for the same {target}", "ja": "同じ{target}への命令が重複している"},
    "pact_locks_tier": {"en": "the frontier-access pact {agreement} keeps {target} at tier 1", "ja": "最先端アクセス協定{agreement}により{target}はティア1に固定されている"},
    "pact_requires_controls": {"en": "the frontier-access pact {agreement} requires tier 2 or 3 toward the rest of the world", "ja": "最先端アクセス協定{agreement}はその他地域へのティア2以上を求めている"},
    "sovereign_at_cap": {"en": "the sovereign model is already at its ceiling", "ja": "自前モデルはすでに上限に達している"},
    "sovereign_overshoot": {"en": "only {max} point(s) can still raise the sovereign model before its ceiling", "ja": "上限まで自前モデルを高められるのはあと{max}ポイントまで"},
    "model_at_cap": {"en": "the model is already as close to the frontier as R&D can bring it", "ja": "モデルはすでに研究開発で到達できる上限にある"},
    "security_at_max": {"en": "model-weight security is already at its maximum", "ja": "モデル重みの保護はすでに最大"},
    "already_licensed": {"en": "{target} already holds a licence", "ja": "{target}はすでにライセンスを持っている"},
    "not_licensed": {"en": "{target} holds no licence to revoke", "ja": "{target}には取り消すライセンスがない"},
    "export_blocked": {"en": "{home}'s export controls deny {target} (tier 3)", "ja": "{home}の輸出規制により{target}へは提供できない（ティア3）"},
    "unknown_agreement": {"en": "no agreement '{agreement}' in force with you", "ja": "あなたが加わる協定「{agreement}」は存在しない"},
    "unknown_agreement_kind": {"en": "unknown agreement kind '{kind}'", "ja": "不明な協定の種類「{kind}」"},
    "bad_members": {"en": "{kind} needs {need}", "ja": "{kind}には{need}が必要"},
    "member_count": {"en": "{kind} needs {min} to {max} members", "ja": "{kind}の加盟者数は{min}〜{max}"},
    "proposer_not_member": {"en": "the proposer must be a member", "ja": "提案者は加盟者でなければならない"},
    "duplicate_member": {"en": "a member is named twice", "ja": "加盟者が重複している"},
    "agreement_exists": {"en": "an agreement of this kind already binds these members", "ja": "同じ加盟者による同種の協定がすでにある"},
    "bad_duration": {"en": "duration must be 1 to {max} rounds", "ja": "期間は1〜{max}ラウンド"},
    "unknown_proposal": {"en": "no open proposal '{proposal}'", "ja": "未決の提案「{proposal}」はない"},
    "not_invited": {"en": "{seat} is not a member of proposal {proposal}", "ja": "{seat}は提案{proposal}の加盟者ではない"},
    "already_answered": {"en": "{seat} has already answered", "ja": "{seat}はすでに回答済み"},
    "cannot_pay": {"en": "{seat} cannot pay the agreement's cost of {cost}", "ja": "{seat}は協定の費用{cost}を支払えない"},
    "unknown_event": {"en": "unknown event card '{event}'", "ja": "不明なイベントカード「{event}」"},
    "override_reason": {"en": "an override needs a reason", "ja": "調整には理由が必要"},
    "override_quantity": {"en": "cannot override '{quantity}'; one of: {allowed}", "ja": "「{quantity}」は調整できない（可能：{allowed}）"},
    "nothing_to_undo": {"en": "no resolution to undo", "ja": "取り消せる解決はない"},
    "bad_order": {"en": "malformed order: {detail}", "ja": "命令の形式が不正：{detail}"},
    # ---- ledger causes
    "cause.order": {"en": "order: {name}", "ja": "命令：{name}"},
    "cause.event": {"en": "event: {name}", "ja": "イベント：{name}"},
    "cause.agreement": {"en": "agreement: {name}", "ja": "協定：{name}"},
    "cause.exit": {"en": "left agreement: {name}", "ja": "協定離脱：{name}"},
    "cause.incident": {"en": "incident", "ja": "インシデント"},
    "cause.decay": {"en": "depreciation", "ja": "減耗"},
    "cause.growth": {"en": "growth", "ja": "成長"},
    "cause.rnd_push": {"en": "frontier R&D", "ja": "最先端の研究開発"},
    "cause.rival_growth": {"en": "Rival Bloc's own R&D", "ja": "対抗陣営の自主開発"},
    "cause.leak": {"en": "leaks under weak export controls ({name})", "ja": "緩い輸出規制による流出（{name}）"},
    "cause.capture": {"en": "markets captured by the Rival Bloc", "ja": "対抗陣営による市場獲得"},
    "cause.threat_decay": {"en": "threat fading", "ja": "脅威の減衰"},
    "cause.defence_discovery": {"en": "AI vulnerability discovery (defence × model)", "ja": "AIによる脆弱性探知（防衛×モデル）"},
    "cause.shared_intel": {"en": "threat intelligence shared by partners", "ja": "パートナーからの脅威情報共有"},
    "cause.rival_threat": {"en": "Rival threat", "ja": "対抗陣営の脅威"},
    "cause.shock": {"en": "event shock", "ja": "イベントによる衝撃"},
    "cause.productivity": {"en": "productivity (data × model)", "ja": "生産性（データ×モデル）"},
    "cause.home_firms": {"en": "revenue of home firms", "ja": "自国企業の収益"},
    "cause.partnership": {"en": "data partnership", "ja": "データ・パートナーシップ"},
    "cause.market": {"en": "market revenue in {name}", "ja": "{name}での市場収益"},
    "cause.licence_fees": {"en": "licence fees", "ja": "ライセンス収入"},
    "cause.model_value": {"en": "model value", "ja": "モデルの価値"},
    "cause.cutoff": {"en": "cut off by {name}", "ja": "{name}による遮断"},
    "cause.opened": {"en": "access opened by {name}", "ja": "{name}によるアクセス開放"},
    "cause.trust_drift": {"en": "trust returning to normal", "ja": "信頼の平常化"},
    "cause.income": {"en": "income", "ja": "収入"},
    "cause.received": {"en": "payments received last round (contracts, licence fees)", "ja": "前ラウンドの受取（契約・ライセンス料）"},
    "cause.carry": {"en": "unspent budget carried over", "ja": "未使用予算の繰越"},
    "cause.round_score": {"en": "round score (competitiveness × alliance security)", "ja": "ラウンド得点（競争力×同盟安全保障）"},
    "cause.crisis": {"en": "alliance security crisis", "ja": "同盟安全保障の危機"},
    "cause.objective": {"en": "secret objective met: {name}", "ja": "秘密目標達成：{name}"},
    "cause.pact_standards": {"en": "pact security standards", "ja": "協定の安全基準"},
    "cause.override": {"en": "facilitator override: {name}", "ja": "ファシリテーターによる調整：{name}"},
    "cause.rival_presence": {"en": "Rival Bloc fills a thin market", "ja": "対抗陣営が手薄な市場に進出"},
    "cause.recovery": {"en": "recovery from last round's incidents and shocks", "ja": "前ラウンドのインシデント・衝撃からの回復"},
    "cause.start": {"en": "starting position", "ja": "初期状態"},
    # ---- orders in words
    "order.row": {"en": "rest of the world", "ja": "その他の地域"},
    "order.tier": {"en": "tier {tier}", "ja": "ティア{tier}"},
    "order.grant": {"en": "grant", "ja": "付与"},
    "order.revoke": {"en": "revoke", "ja": "取消"},
    "order.amount": {"en": "{amount} pts", "ja": "{amount}ポイント"},
    # ---- report text
    "quantity.security": {"en": "Security", "ja": "安全保障"},
    "quantity.competitiveness": {"en": "Competitiveness", "ja": "競争力"},
    "quantity.score": {"en": "Score", "ja": "得点"},
    "quantity.threat": {"en": "Rival threat", "ja": "対抗陣営の脅威"},
    "report.round": {"en": "Round {round}", "ja": "第{round}ラウンド"},
    "report.event": {"en": "Event: {name}", "ja": "イベント：{name}"},
    "report.indices": {"en": "Alliance Security Index {asi:.1f}   Alliance Competitiveness Index {aci:.1f}",
                       "ja": "同盟安全保障指数 {asi:.1f}　同盟競争力指数 {aci:.1f}"},
    "report.crisis": {"en": "ALLIANCE SECURITY CRISIS", "ja": "同盟安全保障の危機"},
    "report.incident": {"en": "Incident in {seat} (x{count})", "ja": "{seat}でインシデント（{count}件）"},
    "report.score": {"en": "round score {round_score:.1f}, total {total:.1f}", "ja": "ラウンド得点 {round_score:.1f}、累計 {total:.1f}"},
    "report.orders": {"en": "orders: {orders}", "ja": "命令：{orders}"},
}


def render(code: str, lang: str = "en", **params: object) -> str:
    entry = CATALOG.get(code)
    if entry is None:
        return code
    template = entry.get(lang) or entry["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
