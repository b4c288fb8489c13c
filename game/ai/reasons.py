"""The bilingual catalogue of the reasons AI seats give for their decisions.

A `Reason` is a code plus parameters; it renders in English or Japanese for the
UI and the debrief.  Seat, domain and region parameters are rendered with the
ruleset's own names (``{seat}`` → "Japan" / "日本").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.i18n import join_list
from game.i18n import Catalog

CATALOG = Catalog("ai.reasons", {
    # event choices
    "choice_best": {
        "en": "{seat} chooses \u201c{option}\u201d: one round ahead it is worth {gain} % more to it than \u201c{other}\u201d",
        "ja": "{seat}は「{option}」を選ぶ：1年先を読むと「{other}」より{gain}％価値が高い",
    },
    "choice_even": {
        "en": "{seat} chooses \u201c{option}\u201d: the options come out even for it one round ahead",
        "ja": "{seat}は「{option}」を選ぶ：1年先を読むとどの選択肢も差がない",
    },
    "choice_random": {"en": "{seat} picks \u201c{option}\u201d at random", "ja": "{seat}は無作為に「{option}」を選ぶ"},
    "choice_default": {
        "en": "{seat} takes the card's default, \u201c{option}\u201d",
        "ja": "{seat}はカードの既定の選択肢「{option}」をとる",
    },
    # orders: nations
    "defence_threat": {
        "en": "{seat} funds defence: {why}",
        "ja": "{seat}は防衛に投資する：{why}",
    },
    "defence_routine": {
        "en": "{seat} keeps its defence up against the Rival Bloc's threat",
        "ja": "{seat}は対抗陣営の脅威に備えて防衛力を維持する",
    },
    "why_zero_day": {"en": "a zero-day inject is expected next round", "ja": "翌年にゼロデイ攻撃が予想される"},
    "why_security_event": {"en": "a security shock is on the table this round", "ja": "今年は安全保障上の衝撃が起きている"},
    "why_low_security": {"en": "its security has fallen to {value}", "ja": "自国の安全度が{value}まで低下した"},
    "cutoff_sovereign": {
        "en": "{seat} invests in its own model: {exporter} has cut it off (tier {tier}) and its best usable model is {usable} against a frontier of {frontier}",
        "ja": "{seat}は自前モデルに投資する：{exporter}に遮断され（ティア{tier}）、使える最良のモデルは{usable}（最先端は{frontier}）にとどまる",
    },
    "sovereign_insurance": {
        "en": "{seat} funds its sovereign model as insurance against a cut-off",
        "ja": "{seat}は遮断に備える保険として自前モデルに投資する",
    },
    "data_focus": {
        "en": "{seat} deepens its strongest domains: {domains}",
        "ja": "{seat}は得意な領域を深める：{domains}",
    },
    "procure_champion": {
        "en": "{seat} procures {domain} applications from {firm}",
        "ja": "{seat}は{firm}から{domain}のアプリケーションを調達する",
    },
    "market_access": {
        "en": "{seat} opens {region} for its firms",
        "ja": "{seat}は自国企業のために{region}の市場を開く",
    },
    "tier_open": {
        "en": "{seat} gives {target} tier {tier}: allies build on its frontier models",
        "ja": "{seat}は{target}にティア{tier}を与える：同盟国は自国の最先端モデルを土台にする",
    },
    "tier_restrict": {
        "en": "{seat} moves {target} to tier {tier}: it keeps the frontier closer to home",
        "ja": "{seat}は{target}をティア{tier}に移す：最先端モデルを手元に留める",
    },
    "tier_low_trust": {
        "en": "{seat} caps {target} at tier {tier}: its trust in {target} is only {trust}",
        "ja": "{seat}は{target}をティア{tier}に制限する：{target}への信頼は{trust}しかない",
    },
    "row_controls": {
        "en": "{seat} sets tier {tier} toward the rest of the world",
        "ja": "{seat}はその他の地域へのティアを{tier}にする",
    },
    # orders: firms
    "rnd_frontier": {
        "en": "{seat} spends on R&D to close on the frontier ({model} of {frontier})",
        "ja": "{seat}は最先端に追いつくため研究開発に投資する（{model}／最先端{frontier}）",
    },
    "apps_focus": {
        "en": "{seat} builds applications in {domains}",
        "ja": "{seat}は{domains}のアプリケーションを構築する",
    },
    "enter_region": {
        "en": "{seat} goes to {region}: {why}",
        "ja": "{seat}は{region}に進出する：{why}",
    },
    "why_niche": {"en": "few allied firms serve it", "ja": "同盟側の企業がほとんどいない"},
    "why_best_value": {"en": "it is where the next point earns most", "ja": "追加投資の効果が最も大きい"},
    "why_core": {"en": "it is one of its core markets", "ja": "中核市場の一つである"},
    "why_assigned": {"en": "the table's plan sends it there", "ja": "卓の計画でそこへ向かう"},
    "license_from": {
        "en": "{seat} licenses {firm}'s model: its own ({model}) trails the frontier ({frontier})",
        "ja": "{seat}は{firm}のモデルのライセンスを受ける：自社モデル（{model}）は最先端（{frontier}）に及ばない",
    },
    "license_grant": {
        "en": "{seat} licenses its model to {targets}",
        "ja": "{seat}は{targets}に自社モデルをライセンスする",
    },
    "license_revoke": {
        "en": "{seat} revokes its licences to {targets}",
        "ja": "{seat}は{targets}へのライセンスを取り消す",
    },
    "weight_security": {
        "en": "{seat} secures its model weights ({value})",
        "ja": "{seat}はモデル重みの保護を強化する（{value}）",
    },
    "partner": {
        "en": "{seat} partners with {target} in {domain}",
        "ja": "{seat}は{domain}領域で{target}と提携する",
    },
    "hold": {"en": "{seat} holds: nothing it can afford is worth doing", "ja": "{seat}は今回は動かない：手の届く有効な手がない"},
    # search
    "lookahead": {
        "en": "{seat} chose this plan after weighing {n} options a round ahead",
        "ja": "{seat}は1年先を見て{n}通りの案を比べ、この案を選んだ",
    },
    "search": {
        "en": "{seat} chose this plan after {n} simulated futures (expected gain {gain} over its first idea)",
        "ja": "{seat}は{n}通りの未来を試算してこの案を選んだ（最初の案より期待値が{gain}高い）",
    },
    # negotiation
    "accept": {
        "en": "{seat} accepted the {kind}: its trust in {partner} is {trust}",
        "ja": "{seat}は{kind}を受け入れた：{partner}への信頼は{trust}である",
    },
    "accept_least": {
        "en": "{seat} accepted the {kind}: it trusts every member at least {trust} (least of all {partner})",
        "ja": "{seat}は{kind}を受け入れた：どの参加者への信頼も{trust}以上である（最も低いのは{partner}）",
    },
    "decline_trust": {
        "en": "{seat} declined the {kind}: its trust in {partner} is too low ({trust} < {need})",
        "ja": "{seat}は{kind}を断った：{partner}への信頼が低すぎる（{trust} < {need}）",
    },
    "decline_cutoff": {
        "en": "{seat} declined the {kind}: its trust in {partner} is too low after last round's cut-off ({trust} < {need})",
        "ja": "{seat}は{kind}を断った：前年の遮断で{partner}への信頼が低すぎる（{trust} < {need}）",
    },
    "decline_kind": {
        "en": "{seat} declined the {kind}: it does not want to be bound by one",
        "ja": "{seat}は{kind}を断った：そうした協定に縛られたくない",
    },
    "decline_last_round": {
        "en": "{seat} declined the {kind}: its {kind} with {partner} already runs to the end of the game",
        "ja": "{seat}は{kind}を断った：{partner}との{kind}はすでにゲーム終了まで続く",
    },
    "decline_budget": {
        "en": "{seat} declined the {kind}: it cannot pay for it this round",
        "ja": "{seat}は{kind}を断った：今年は費用を払えない",
    },
    "propose": {
        "en": "{seat} proposes a {kind} with {partners}",
        "ja": "{seat}は{partners}に{kind}を提案する",
    },
    "propose_terms": {
        "en": "{seat} proposes a {kind} with {partners}, on terms: {terms}",
        "ja": "{seat}は{partners}に条件付きで{kind}を提案する：{terms}",
    },
    "term": {
        "en": "{seat} puts at least {amount} a round into {term}",
        "ja": "{seat}は毎年{term}に{amount}以上を投じる",
    },
    "accept_terms": {
        "en": "{seat} accepted the {kind} and its terms ({terms}): its trust in {partner} is {trust}",
        "ja": "{seat}は{kind}とその条件（{terms}）を受け入れた：{partner}への信頼は{trust}である",
    },
    "decline_terms": {
        "en": "{seat} declined the {kind}: it will not commit {amount} a round to {term} (its own plan puts {plan})",
        "ja": "{seat}は{kind}を断った：{term}に毎年{amount}を約束するつもりはない（自らの計画では{plan}）",
    },
    "decline_memory_cutoff": {
        "en": "{seat} declined the {kind}: it remembers being cut off by {partner} in round {round}",
        "ja": "{seat}は{kind}を断った：{partner}は{round}年目に自分を遮断した。それを忘れていない",
    },
    "decline_memory_pact": {
        "en": "{seat} declined the {kind}: {partner} left a {ref} early in round {round}",
        "ja": "{seat}は{kind}を断った：{partner}は{round}年目に{ref}から途中で離脱した",
    },
    "decline_memory_term": {
        "en": "{seat} declined the {kind}: {partner} broke its {ref} term in round {round}",
        "ja": "{seat}は{kind}を断った：{partner}は{round}年目に条件「{ref}」を破った",
    },
    "keep_term": {
        "en": "{seat} keeps its word: at least {amount} into {term}, as an agreement's terms ask",
        "ja": "{seat}は約束を守る：協定の条件どおり{term}に{amount}以上を投じる",
    },
})


@dataclass(frozen=True)
class Reason:
    """One decision's reason: a catalogue code and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en", rs: Any = None) -> str:
        return render(self.code, lang, rs, **self.params)


def _name(value: Any, lang: str, rs: Any) -> str:
    """A seat, domain, region or agreement kind in ``lang``; other values as they are."""
    if isinstance(value, Reason):
        return value.text(lang, rs)
    if isinstance(value, dict) and "en" in value:  # a bilingual content text (an event option)
        return str(value.get(lang) or value["en"])
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 1 else f"{value:.1f}"
    if isinstance(value, (list, tuple)):
        return join_list((_name(v, lang, rs) for v in value), lang)
    if rs is not None and isinstance(value, str):
        if value in rs.seat_ids or value in rs.seat_defs:
            return rs.seat_name(value, lang)
        for coll in (rs.rules.world.domains, rs.rules.world.regions):
            for x in coll:
                if x.id == value:
                    return x.name.get(lang)
        if value in rs.agreements:
            return rs.agreements[value].name.get(lang)
        terms = getattr(rs, "terms", None)
        if terms and value in terms:
            return terms[value].name.get(lang)
        if value == "row":
            return "その他の地域" if lang == "ja" else "the rest of the world"
    return str(value)


def render(code: str, lang: str = "en", rs: Any = None, /, **params: Any) -> str:
    """The reason ``code`` in ``lang``, its parameters shown with the ruleset's names."""
    return CATALOG.render(code, lang, **{k: _name(v, lang, rs) for k, v in params.items()})
