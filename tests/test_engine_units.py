"""Small rules of the engine, each pinned by the number or text a player meets.

Every test here exists because a mutation of the rule it names survived the rest of the
suite (tools/mutation.py): a tier's lag, a refusal's shortened value, the Japanese
order line, who a nation's market results belong to, the frontier pact's licences, a
firm's income, a save with agreements in it, the event choices a round report names, the
words of every cause and override, a security override's indices, standings against par
and the Rival economy's growth.
"""

from __future__ import annotations

import pytest

from game.engine import Game, IllegalOrder
from game.engine.access import capped
from game.engine.metrics import market_share
from game.engine.refusal import shown
from game.engine.report import describe_order
from tests.engine_helpers import lasting, to_orders


@pytest.fixture(scope="module")
def g7() -> Game:
    return Game.new("g7-2026", seed=1)


def test_tier_lag_subtracts_generations_and_never_goes_below_zero(g7: Game) -> None:
    rs = g7.rs
    gap = rs.rules.world.generation_gap
    lag2 = rs.tiers[2].lag_generations
    assert lag2 > 0 and not rs.tiers[2].blocked
    assert capped(rs, 10.0, 1) == 10.0 - rs.tiers[1].lag_generations * gap
    assert capped(rs, 10.0, 2) == pytest.approx(10.0 - lag2 * gap)
    assert capped(rs, 10.0, 2) < capped(rs, 10.0, 1)
    assert capped(rs, 0.5, 2) == 0.0  # an old model lagged past zero is worth nothing, not less
    assert capped(rs, 10.0, 3) == 0.0  # tier 3 is blocked


def test_a_refusal_shows_a_long_value_cut_to_its_limit_with_an_ellipsis() -> None:
    text = shown("x" * 500)
    assert len(text) == 60 and text.endswith("…") and text.startswith("'xxx")
    assert shown("short") == "'short'"
    assert shown("x" * 58) == "'" + "x" * 58 + "'"  # exactly the limit (60): whole
    assert shown("x" * 59) == "'" + "x" * 58 + "…"  # one over: cut
    assert len(shown(list(range(100)), limit=20)) == 20


def test_an_order_line_uses_japanese_punctuation_only_in_japanese(g7: Game) -> None:
    ja = describe_order(g7.rs, "set_export_tier target=japan tier=2", "ja")
    en = describe_order(g7.rs, "set_export_tier target=japan tier=2", "en")
    assert "：" in ja and "、" in ja and ": " not in ja and ", " not in ja
    assert en == "Set export tier: Japan, tier 2"


def test_a_nations_market_results_are_its_home_firms_only() -> None:
    g = to_orders(Game.new("g7-2026", seed=3))
    g.resolve()
    st, rs = g.state, g.rs
    assert not any(a.kind == "data_partnership" and a.active for a in st.agreements)
    assert market_share(st, rs, "japan", None) == pytest.approx(market_share(st, rs, "sakana", None))
    assert market_share(st, rs, "japan", None) > 0
    assert market_share(st, rs, "germany", None) == 0.0  # no home firm, no partnership
    usa = market_share(st, rs, "openai", None) + market_share(st, rs, "anthropic", None)
    assert market_share(st, rs, "usa", None) == pytest.approx(usa)


def test_a_nation_without_a_home_firm_earns_no_home_revenue() -> None:
    g = to_orders(Game.new("g7-2026", seed=3))
    g.resolve()
    for nid in ("germany", "uk", "italy"):
        assert not any(f.home == nid for f in g.state.firms.values())
        assert g.state.nations[nid].home_revenue == 0.0
    assert g.state.nations["japan"].home_revenue > 0.0


def _form_pact(g: Game, members: tuple[str, ...]) -> None:
    while g.phase != "negotiation":
        g.advance()
    pid = g.propose(members[0], "frontier_access_pact", list(members))
    for m in members[1:]:
        g.answer(m, pid, True)
    assert any(a["kind"] == "frontier_access_pact" for a in g.agreements())


def test_a_frontier_pact_licenses_the_members_firms_to_every_member_nation() -> None:
    g = Game.new("g7-2026", seed=1)
    before = {f: list(s.licences) for f, s in g.state.firms.items()}
    _form_pact(g, ("usa", "japan", "canada"))
    firms = g.state.firms
    for fid in ("openai", "anthropic"):
        assert "japan" in firms[fid].licences and "canada" in firms[fid].licences
    assert "usa" in firms["cohere"].licences and "japan" in firms["cohere"].licences
    # firms of non-members license nothing new
    assert firms["mistral"].licences == before["mistral"]


def test_every_domain_is_offered_to_a_firm_building_applications() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    offered = {o.domain for o in g.legal_orders("sakana") if o.kind == "build_application"}
    assert offered == set(g.rs.domain_ids)


def test_a_firms_next_budget_is_income_plus_a_share_of_revenue_plus_carry_plus_payments() -> None:
    g = to_orders(Game.new("g7-2026", seed=2))
    sc = g.rs.rules.scoring
    left = {fid: f.budget for fid, f in g.state.firms.items()}
    end = g.clone()
    end.apply_orders_unchecked({}, next_round=False)  # the round's revenue, before the next starts
    g.resolve()
    for fid, f in end.state.firms.items():
        assert f.revenue > 0, fid
        want = (f.income + int(round(sc.revenue_to_capital * (f.revenue + f.licence_revenue)))
                + int(sc.budget_carry * max(0, left[fid])) + f.received)
        assert g.state.firms[fid].budget == want, fid


def test_a_save_with_agreements_and_proposals_loads_exactly() -> None:
    g = Game.new("g7-2026", seed=1)
    _form_pact(g, ("usa", "japan"))
    g.propose("france", "threat_intel_sharing", ["france", "germany"])  # left open
    back = Game.from_json(g.to_json())
    assert back.state_hash() == g.state_hash()
    assert back.agreements() == g.agreements() and back.agreements()
    assert back.proposals() == g.proposals() and back.proposals()
    assert back.to_json() == g.to_json()


def test_an_order_without_an_amount_is_saved_without_one() -> None:
    from game.engine.orders import Order

    o = Order.parse("set_export_tier target=japan tier=2")
    assert o.to_dict() == {"kind": "set_export_tier", "target": "japan", "tier": 2}
    assert Order.parse("fund_defence amount=3").to_dict() == {"kind": "fund_defence", "amount": 3}
    assert Order.from_dict(o.to_dict()) == o


def test_a_starting_agreement_that_is_not_a_pact_opens_no_tiers_and_no_licences() -> None:
    from game.content.loader import load_scenario
    from game.content.schema import Scenario

    base = load_scenario("democratic-ai-alliance")
    intel_only = Scenario.model_validate(base.model_dump() | {
        "agreements": [a.model_dump() for a in base.agreements if a.kind == "threat_intel_sharing"]})
    plain = Game.new(Scenario.model_validate(base.model_dump() | {"agreements": []}), seed=1)
    g = Game.new(intel_only, seed=1)
    assert [a["kind"] for a in g.agreements()] == ["threat_intel_sharing"]
    for nid, n in g.state.nations.items():
        assert n.tiers == plain.state.nations[nid].tiers, nid
    for fid, f in g.state.firms.items():
        assert f.licences == plain.state.firms[fid].licences, fid


def test_a_save_that_is_not_json_is_refused_with_a_save_error() -> None:
    from game.engine.game import SaveError

    for text in ("not json", "{", "[1, 2]", ""):
        with pytest.raises(SaveError):
            Game.from_json(text)


def test_event_conditions_compare_at_the_boundary_as_written() -> None:
    from game.engine.metrics import compare

    assert compare(5.0, "<=", 5.0) and compare(5.0, ">=", 5.0) and compare(5.0, "==", 5.0)
    assert not compare(5.0, "<", 5.0) and not compare(5.0, ">", 5.0)
    assert compare(4.9, "<", 5.0) and compare(5.1, ">", 5.0) and not compare(5.1, "<=", 5.0)


def test_trust_mean_and_open_exporters_count_what_they_say() -> None:
    from game.engine.metrics import metric

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    others = [n.trust.get("japan", 0.0) for nid, n in st.nations.items() if nid != "japan"]
    assert metric(st, rs, "trust_mean", "japan") == pytest.approx(sum(others) / len(others))
    st.nations["usa"].trust["japan"] = 100.0
    assert metric(st, rs, "trust_mean", "japan") == pytest.approx((sum(others) - others[0] + 100.0) / len(others))
    open_now = metric(st, rs, "open_exporters")
    st.nations["italy"].tiers["row"] = 1
    st.nations["germany"].tiers["row"] = 2
    want = sum(1 for nid in st.nations if (st.nations[nid].tiers.get("row", rs.scenario.default_row_tier)) == 1)
    assert metric(st, rs, "open_exporters") == float(want) and want >= 1
    assert open_now is not None


def test_a_firms_market_reach_grows_as_its_usable_model_to_the_power_beta() -> None:
    from game.engine.access import usable_models
    from game.engine.scoring import _entrants

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    st.firms["sakana"].model = st.frontier * 0.5
    for f in st.firms.values():
        if "sakana" in f.licences:
            f.licences.remove("sakana")
    usable = usable_models(st, rs)
    beta = rs.rules.scoring.beta
    entrants = {fid: served for fid, _p, _a, served in _entrants(st, rs, usable)}
    for fid, served in entrants.items():
        f = st.firms[fid]
        reach = (usable[fid] / st.frontier) ** beta
        for i, value in served:
            assert value == pytest.approx(reach * f.apps.get(rs.domain_ids[i], 0.0)), fid
    assert usable["sakana"] < st.frontier and entrants["sakana"]


def test_a_clone_keeps_the_action_log_only_when_it_records() -> None:
    g = Game.new("g7-2026", seed=1)
    _form_pact(g, ("usa", "japan"))
    assert g.actions
    assert g.clone().actions == g.actions
    assert g.clone(record=False).actions == []
    replayed = Game.replay("g7-2026", 1, None, g.clone().actions)
    assert replayed.state_hash() == g.state_hash()
    to_orders(g)
    g.resolve()
    assert g.reports and g.clone().reports == g.reports
    assert g.clone(record=False).reports == []


def test_an_agreement_fails_when_a_member_can_no_longer_pay_for_it() -> None:
    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    cost = g.rs.agreements["threat_intel_sharing"].cost
    g.state.nations["germany"].budget = cost  # enough for one agreement, not two
    first = g.propose("germany", "threat_intel_sharing", ["germany", "italy"])
    second = g.propose("germany", "threat_intel_sharing", ["germany", "france"])
    g.answer("italy", first, True)
    g.answer("france", second, True)
    assert [tuple(a["members"]) for a in g.agreements() if "germany" in a["members"]] == [("germany", "italy")]
    assert g.budget("germany") == 0
    assert {p.id: p.status for p in g.state.proposals}[second] == "failed"


def test_a_rounds_ledger_entries_are_exactly_that_rounds() -> None:
    from game.engine.ledger import round_entries

    g = Game.new(lasting(), seed=4)
    for _ in range(3):
        to_orders(g)
        g.resolve()
    ledger = g.state.ledger
    for r in range(0, g.state.round + 1):
        assert round_entries(ledger, r) == [e for e in ledger if e[0] == r], r
    assert round_entries(ledger, 1) and round_entries(ledger, 2)


def test_the_round_report_uses_japanese_punctuation_in_japanese() -> None:
    from game.engine.report import report_text

    g = to_orders(Game.new("g7-2026", seed=1))
    rep = g.resolve()
    ja, en = report_text(rep, g.rs, "ja"), report_text(rep, g.rs, "en")
    assert f"{g.rs.seat_name('japan', 'ja')}：" in ja and f"{g.rs.seat_name('japan', 'ja')}: " not in ja
    assert f"{g.rs.seat_name('japan', 'en')}: " in en


def test_an_unknown_order_kind_is_named_once_in_its_refusal() -> None:
    from game.engine import IllegalOrder
    from game.engine.orders import Order

    g = to_orders(Game.new("g7-2026", seed=1))
    with pytest.raises(IllegalOrder) as e:
        g.check("japan", [Order("launch_rocket")])
    assert e.value.code == "unknown_order" and e.value.params["kind"] == "launch_rocket"


# ------------------------------------------------------------------ event choices in the report


def _play_with_choices(seed: int, answer: dict[str, str], cards: dict[int, str] | None = None) -> tuple[Game, list]:
    """Play g7-2026 to the end (its crises do not end it); a seat named in ``answer`` answers every choice it is asked
    with that option if the card has it (the others do not answer).  ``cards``: the card a
    round draws instead of its own (round -> card id)."""
    g = Game.new(lasting(), seed=seed)
    reports = []
    while not g.is_over:
        if cards and g.round in cards and g.event != cards[g.round]:
            g.choose_event(cards[g.round])
        ch = g.choice()
        if ch is not None:
            ids = {o["id"] for o in ch["options"]}
            for s in ch["seats"]:
                if answer.get(s) in ids:
                    g.choose(s, answer[s])
        g.advance()
        g.advance()
        reports.append(g.resolve())
    return g, reports


def test_a_round_report_names_that_rounds_choices_only_with_the_option_chosen() -> None:
    from game.engine.report import report_text

    g, reports = _play_with_choices(1, {"mistral": "disclose", "japan": "defence_fund"}, {3: "weights_leak"})
    rs = g.rs
    asked = [r for r in reports if r.decisions]
    assert len(asked) >= 2  # the summit (every nation) and the weights leak (Mistral)
    for r in reports:
        assert [d["round"] for d in r.decisions] == [r.round] * len(r.decisions)
        assert all(d["event"] == r.event for d in r.decisions)
    summit = next(r for r in reports if r.event == "g7_summit")
    leak = next(r for r in reports if r.event == "weights_leak")
    assert {d["seat"] for d in summit.decisions} == set(rs.nation_ids)
    assert [(d["seat"], d["option"], d["answered"]) for d in leak.decisions] == [("mistral", "disclose", True)]
    text = report_text(leak, rs)
    assert "  Mistral chose: Model weights leak: Disclose and call in allied help (-2 budget, +0.15 weight security)" \
        in text.splitlines()
    assert "Japan chose" not in text and "did not answer" not in text
    summit_text = report_text(summit, rs).splitlines()
    assert "  Japan chose: G7 summit: Pledge to a joint cyber-defence fund (-2 budget, +2 defence, trust +3)" in summit_text
    assert any(line.startswith("  Germany did not answer and took the default: ") and "Take the photo" in line
               for line in summit_text)
    ja = report_text(leak, rs, "ja")
    assert "の選択：" in ja and "公表して同盟国の支援を仰ぐ" in ja


def test_every_option_of_every_choice_is_named_by_its_own_text() -> None:
    from game.engine.report import choice_text, option_label

    rs = Game.new("g7-2026", seed=1).rs
    cards = [c for c in rs.events.values() if c.choice is not None]
    assert cards
    for card in cards:
        for o in card.choice.options:
            for lang in ("en", "ja"):
                full = o.text.get(lang)
                assert option_label(rs, card.id, o.id, lang) == full
                short = option_label(rs, card.id, o.id, lang, short=True)
                assert full.startswith(short) and "(" not in short and "（" not in short
                sep = "：" if lang == "ja" else ": "
                assert choice_text(rs, f"{card.id}/{o.id}", lang) == f"{card.title.get(lang)}{sep}{full}"
        assert option_label(rs, card.id, "no_such_option") == "no_such_option"
        assert choice_text(rs, f"{card.id}/no_such_option") == card.title.get("en")
    assert option_label(rs, "no_such_card", "x") == "x"
    assert option_label(rs, "weights_leak", "disclose", short=True) == "Disclose and call in allied help"


# ------------------------------------------------------------------ overrides in words and at once


def test_an_override_is_described_with_the_quantity_and_whom_it_changes() -> None:
    from game.engine.report import override_words, quantity_words

    rs = Game.new("g7-2026", seed=1).rs
    assert quantity_words(rs, "trust/japan") == "Trust in Japan"
    assert quantity_words(rs, "trust/japan", "ja") == f"{rs.seat_name('japan', 'ja')}への信頼"
    assert quantity_words(rs, "budget") == "Budget"
    assert quantity_words(rs, "data/finance") == "Data: Finance"
    assert override_words(rs, "germany", "budget", 2) == "Germany · Budget +2"
    assert override_words(rs, "germany", "trust/japan", -3.5) == "Germany · Trust in Japan -3.5"
    threat = override_words(rs, "germany", "rival_threat", 5)
    assert threat.startswith(rs.seat_name("rival", "en") + " · ") and "Germany" not in threat


def test_a_security_override_moves_the_alliance_indices_at_once() -> None:
    from game.engine.scoring import indices

    g = to_orders(Game.new("g7-2026", seed=2))
    g.resolve()
    before = g.indices()["alliance_security"]
    low = min(n.security for n in g.state.nations.values())
    japan = g.state.nations["japan"].security
    assert japan >= 0.2
    g.override("japan", "security", -0.2, "test: a breach the table agreed on")
    after = g.indices()
    assert g.state.nations["japan"].security == pytest.approx(japan - 0.2)
    assert after["alliance_security"] < before
    asi, aci = indices(g.state, g.rs)
    assert after == {"alliance_security": asi, "alliance_competitiveness": aci}
    assert g.state.min_security == min(n.security for n in g.state.nations.values()) <= low
    assert g.view_for(None)  # the public view is built from the moved indices without error
    budget_before = dict(g.indices())
    g.override("japan", "budget", 3, "test: a budget override leaves the indices alone")
    assert g.indices() == budget_before


# ------------------------------------------------------------------ par and the rival economy


def test_standings_divide_by_the_par_of_the_rounds_scored_so_far() -> None:
    from game.engine.par import par_at, rounds_scored

    g = Game.new("g7-2026", seed=3)
    assert rounds_scored(g.state) == 0 and g.standings() == {} and g.par("japan") is None
    to_orders(g)
    assert g.standings() == {}  # round 1 is not scored until it resolves
    g.resolve()
    assert rounds_scored(g.state) == 1 and g.round == 2
    want = {s: g.scores()[s] / par_at(g.rs, s, 1) for s in g.seats}
    assert g.standings() == pytest.approx(want)
    assert g.par("japan") == g.rs.scenario.par.seats["japan"][0]
    while not g.is_over:
        to_orders(g)
        g.resolve()
    n = g.round  # the last round played (a crisis may end the game early)
    assert rounds_scored(g.state) == n and n >= 2
    assert g.par("japan") == par_at(g.rs, "japan", n) == g.rs.scenario.par.seats["japan"][n - 1]
    assert g.standings() == pytest.approx({s: g.scores()[s] / par_at(g.rs, s, n) for s in g.seats})
    out = g.outcome
    assert out is not None and dict(out.standings) == g.standings()
    assert out.top_standing == max(g.standings(), key=lambda s: (g.standings()[s], s == out.top_standing))


def test_the_rival_economy_grows_each_round_and_weighs_on_competitiveness() -> None:
    g = Game.new(lasting(), seed=1)
    start = g.state.rival.economy
    growth = g.rs.rules.world.rival.economy_growth
    assert start > 0 and growth > 0
    for k in range(1, 4):
        to_orders(g)
        g.resolve()
        assert g.state.rival.economy == pytest.approx(start * (1 + growth) ** k)
    st = g.state
    alliance = sum(n.productivity for n in st.nations.values()) + sum(
        f.revenue + f.licence_revenue for f in st.firms.values())
    assert g.indices()["alliance_competitiveness"] == pytest.approx(
        100.0 * alliance / (alliance + st.rival.economy + st.rival.revenue))


def test_every_kind_of_cause_names_what_caused_the_change() -> None:
    from game.engine.report import cause_text

    rs = Game.new("g7-2026", seed=1).rs
    ev = next(iter(rs.events))
    ag = "threat_intel_sharing"
    obj = next(iter(rs.objectives))
    assert cause_text(rs, "order", "fund_defence") == "order: Fund defence"
    assert cause_text(rs, "order", "fund_defence", "ja") == f"施策：{rs.orders['fund_defence'].name.get('ja')}"
    assert cause_text(rs, "event", ev) == f"event: {rs.events[ev].title.en}"
    assert cause_text(rs, "event", "gone_card") == "event: gone_card"
    assert cause_text(rs, "shock", ev) == "event shock"  # the card is not in the text of a shock
    assert cause_text(rs, "choice", "weights_leak/disclose") == \
        "event choice: Model weights leak: Disclose and call in allied help (-2 budget, +0.15 weight security)"
    name = rs.agreements[ag].name.en
    assert cause_text(rs, "agreement", ag) == f"agreement: {name}"
    assert cause_text(rs, "exit", ag) == f"left agreement: {name}"
    assert cause_text(rs, "term", ag) == f"broken term of: {name}"
    assert cause_text(rs, "leak", "germany").endswith("(Germany)")
    assert cause_text(rs, "breach", "japan") == "a breach in Japan gives the Rival Bloc a foothold"
    assert cause_text(rs, "cutoff", "usa") == "cut off by United States"
    assert cause_text(rs, "opened", "uk") == "access opened by United Kingdom"
    assert cause_text(rs, "market", "japan_korea") == f"market revenue in {rs.region_name('japan_korea', 'en')}"
    assert cause_text(rs, "override", "a reason typed in") == "facilitator override: a reason typed in"
    assert cause_text(rs, "objective", obj) == f"secret objective met: {rs.objectives[obj].title.en}"
    assert cause_text(rs, "rival_threat", "") == "Rival threat"


def test_an_order_line_names_each_of_its_fields() -> None:
    from game.engine.report import describe_order

    rs = Game.new("g7-2026", seed=1).rs
    assert describe_order(rs, "set_export_tier target=row tier=1") == "Set export tier: rest of the world, tier 1"
    assert describe_order(rs, "fund_defence amount=1") == "Fund defence: 1 point"
    assert describe_order(rs, "fund_defence amount=3") == "Fund defence: 3 points"
    assert describe_order(rs, "fund_data domain=finance amount=2") == "Fund domain data: Finance, 2 points"
    assert describe_order(rs, "enter_region region=africa amount=2") == \
        f"Enter or deepen a region: {rs.region_name('africa', 'en')}, 2 points"
    assert describe_order(rs, "exit_agreement") == "Exit an agreement"
    assert describe_order(rs, "license_model target=anthropic grant=yes") == "License your model: Anthropic, grant"
    assert describe_order(rs, "license_model target=anthropic grant=no") == "License your model: Anthropic, revoke"
    assert describe_order(rs, "not an order ((") == "not an order (("
    assert describe_order(rs, "fund_defence amount=1", "ja") == f"{rs.orders['fund_defence'].name.get('ja')}：1ポイント"


# ------------------------------------------------------------------ licences, budgets, refusals, saves


def test_a_licence_granted_the_round_its_tier_is_blocked_is_not_given() -> None:
    g = to_orders(Game.new(lasting(), seed=1))
    assert "usa" not in g.state.firms["sakana"].licences
    g.submit("japan", ["set_export_tier target=usa tier=3"])  # tiers resolve before licences
    g.submit("sakana", ["license_model target=usa grant=yes", "license_model target=germany grant=yes"])
    g.resolve()
    assert g.state.firms["sakana"].licences == ["germany"]
    to_orders(g)
    offered = {str(o) for o in g.legal_orders("sakana") if o.kind == "license_model"}
    assert "license_model target=germany grant=no" in offered  # what is held can be revoked, not granted again
    assert "license_model target=germany grant=yes" not in offered
    assert "license_model target=usa grant=yes" not in offered  # blocked now
    assert "license_model target=france grant=yes" in offered
    g.submit("sakana", ["license_model target=germany grant=no"])
    g.resolve()
    assert g.state.firms["sakana"].licences == []
    to_orders(g)
    offered = {str(o) for o in g.legal_orders("sakana") if o.kind == "license_model"}
    assert "license_model target=germany grant=yes" in offered and "license_model target=germany grant=no" not in offered


def test_a_nations_next_budget_is_its_income_plus_the_carried_share_of_what_it_left() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    carry = g.rs.rules.scoring.budget_carry
    g.submit("japan", ["fund_defence amount=2"])
    left = {n: g.budget(n) - (2 if n == "japan" else 0) for n in g.nations}
    assert left["japan"] > 1
    g.resolve()
    for n in g.nations:
        assert g.budget(n) == g.state.nations[n].income + int(carry * left[n]), n
    assert g.budget("japan") < g.budget("germany") or g.state.nations["japan"].income != g.state.nations["germany"].income


def test_a_refusal_of_an_order_joins_the_order_and_the_reason_in_each_languages_punctuation() -> None:
    from game.engine import IllegalOrder

    g = to_orders(Game.new("g7-2026", seed=1))
    with pytest.raises(IllegalOrder) as e:
        g.check("japan", ["fund_defence amount=99"])
    assert e.value.message("en", g.rs) == "Fund defence: 99 points: amount must be one of 1, 2, 3, 4, 5, 6"
    ja = e.value.message("ja", g.rs)
    assert ja.startswith(f"{g.rs.orders['fund_defence'].name.get('ja')}：99ポイント：") and ": " not in ja


def test_a_proposal_with_a_bad_duration_names_the_longest_allowed() -> None:
    from game.engine import IllegalOrder

    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    kind = "threat_intel_sharing"
    longest = 2 * g.rs.agreements[kind].duration
    assert longest == 6
    for bad in (1.5, longest + 1, 0):
        with pytest.raises(IllegalOrder) as e:
            g.propose("germany", kind, ["germany", "france"], duration=bad)  # type: ignore[arg-type]
        assert e.value.code == "bad_duration" and e.value.params["max"] == longest, bad
    assert g.propose("germany", kind, ["germany", "france"], duration=longest)


def test_past_the_last_round_of_its_par_a_seat_goes_on_at_the_mean_pace() -> None:
    from game.engine.par import par_at

    rs = Game.new("g7-2026", seed=1).rs
    values = rs.scenario.par.seats["japan"]
    n = len(values)
    assert par_at(rs, "japan", n) == values[-1]
    assert par_at(rs, "japan", n + 2) == pytest.approx(values[-1] * (n + 2) / n)
    assert par_at(rs, "japan", 2 * n) == pytest.approx(2 * values[-1])
    assert par_at(rs, "japan", 0) is None and par_at(rs, "no_such_seat", 1) is None


def test_a_game_saved_in_any_phase_plays_on_exactly_as_the_unsaved_one() -> None:
    # a loaded save holds its phase, seat and kind names as new strings (not the literals
    # the engine was written with): every comparison must be by value
    sc = lasting()
    g = Game.new(sc, seed=6)
    steps = 0
    while not g.is_over:
        loaded = Game.from_json(g.to_json(), scenario=sc)
        for h in (g, loaded):
            if h.phase == "orders":
                for s in h.seats:
                    h.submit(s, list(h.legal_orders(s))[:1])
                h.resolve()
            else:
                h.advance()
        assert loaded.to_json() == g.to_json(), (g.round, g.phase)
        steps += 1
    assert steps >= 9  # three phases of three rounds at least


def test_a_domain_counts_as_served_from_the_served_share_and_an_empty_market_is_held_by_no_one() -> None:
    from game.engine.metrics import metric

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    at = rs.rules.scoring.served_share
    cells = [(key, d) for key, r, d in rs.cells if r == "africa"]
    assert len(cells) >= 3 and 0 < at < 0.5
    for key, _d in cells:
        st.shares[key] = {"cohere": 0.0}
    (k1, _), (k2, _), (k3, _) = cells[:3]
    st.shares[k1] = {"mistral": at, "cohere": 1 - at}  # exactly the served share: served
    st.shares[k2] = {"mistral": at / 2, "cohere": 1 - at / 2}  # under it: not
    st.shares[k3] = {"mistral": 0.9, "cohere": 0.1}
    assert metric(st, rs, "domains_served", "mistral", "africa") == 2.0
    assert metric(st, rs, "domains_served", "cohere", "africa") == 3.0
    for key, _d in cells:
        st.markets[key] = 0.0
    assert metric(st, rs, "firm_share", "mistral", "africa") == 0.0  # nothing to hold
    st.markets[k3] = 10.0
    assert metric(st, rs, "firm_share", "mistral", "africa") == pytest.approx(0.9)


def test_a_bad_order_value_is_shown_cut_in_its_error() -> None:
    from game.engine.orders import Order, OrderSyntaxError

    with pytest.raises(OrderSyntaxError) as e:
        Order.from_dict({"kind": "rnd", "amount": "x" * 200})
    text = str(e.value)
    assert "amount must be a whole number, got 'xxx" in text and text.endswith("…")
    assert len(text.rsplit("got ", 1)[1]) == 80


def test_the_draws_are_the_same_on_a_big_endian_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.engine import rng as rng_module
    from game.engine.rng import Rng

    states = [0, 1, 12345, (1 << 64) - 1, 0x9E3779B97F4A7C15]
    want = [Rng(s).draws(m) for s in states for m in (1, 5, 33)]
    assert want[0] == [Rng(0).next_u64()]
    monkeypatch.setattr(rng_module, "_LITTLE", False)  # the byte-order-free path
    assert [Rng(s).draws(m) for s in states for m in (1, 5, 33)] == want
    items, ref = list(range(50)), list(range(50))
    Rng(7).shuffle(items)
    monkeypatch.setattr(rng_module, "_LITTLE", True)
    Rng(7).shuffle(ref)
    assert items == ref != list(range(50))


def test_a_region_buys_from_a_nations_firms_as_far_as_its_nations_trust_that_nation() -> None:
    from game.engine.scoring import buyer_trust

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    sc = rs.rules.scoring
    neutral, k = sc.trust_neutral, sc.market_trust_weight
    europe = [n for n, ns in st.nations.items() if ns.home_region == "europe"]
    assert set(europe) == {"germany", "france", "uk", "italy"} and k > 1
    for nid, n in st.nations.items():
        n.trust.update({other: neutral for other in st.nations if other != nid})
    assert buyer_trust(st, rs) == {}  # neutral trust everywhere: nobody is held back
    st.nations["germany"].trust["usa"] = neutral / 2
    st.nations["france"].trust["usa"] = neutral * 1.5  # above neutral counts as neutral, not more
    st.nations["uk"].trust["usa"] = -5.0  # below zero counts as zero
    inc = {n: st.nations[n].income for n in europe}
    want = (inc["germany"] * 0.5 ** k + inc["france"] + inc["italy"]) / sum(inc.values())
    got = buyer_trust(st, rs)
    assert got == {("europe", "usa"): pytest.approx(want)}
    st.nations["germany"].trust["usa"] = neutral * 0.9
    assert buyer_trust(st, rs)[("europe", "usa")] == pytest.approx(
        (inc["germany"] * 0.9 ** k + inc["france"] + inc["italy"]) / sum(inc.values()))


def test_an_objective_with_a_deadline_counts_when_met_in_its_last_round_and_not_after(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def deadline_card(g: Game, value: float, by_round: int) -> str:
        seat, oid = next(iter(g.state.objectives.items()))
        card = g.rs.objectives[oid]
        monkeypatch.setitem(g.rs.objectives, oid, card.model_copy(update={"metric": "asi", "op": ">=", "value": value,
                                                                           "by_round": by_round}))
        return seat

    for by_round in (1, 2):  # "asi >= -1" by round 1 or 2: met in round 1
        g = to_orders(Game.new(lasting(), seed=1))
        seat = deadline_card(g, -1.0, by_round)
        g.resolve()
        assert g.state.objectives_met[seat] is True, by_round
        monkeypatch.undo()
    g = to_orders(Game.new(lasting(), seed=1))
    seat = deadline_card(g, 101.0, 1)  # out of reach in round 1
    g.resolve()
    assert g.state.objectives_met[seat] is False
    deadline_card(g, -1.0, 1)  # within reach from round 2 on: past the deadline
    to_orders(g)
    g.resolve()
    assert not g.is_over and g.state.objectives_met[seat] is False


def test_one_licence_bought_from_a_firm_per_round() -> None:
    from game.engine import IllegalOrder

    g = to_orders(Game.new("g7-2026", seed=1))
    assert g.rs.orders["license_from"].max_per_round >= 2
    g.check("sakana", ["license_from target=mistral", "license_from target=cohere"])
    with pytest.raises(IllegalOrder) as e:
        g.check("sakana", ["license_from target=mistral", "license_from target=mistral"])
    assert e.value.code == "duplicate_target"


def test_an_override_reason_is_shown_as_typed_even_when_it_names_a_card() -> None:
    from game.engine.report import cause_text

    rs = Game.new("g7-2026", seed=1).rs
    card = next(iter(rs.events))
    assert cause_text(rs, "override", card) == f"facilitator override: {card}"
    assert cause_text(rs, "agreement", card) == f"agreement: {card}"


def test_a_licence_to_a_firm_pays_its_licensor_what_a_licence_to_the_firms_home_nation_pays() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    fee = g.rs.rules.scoring.licence_fee
    revenue = {}
    for target in ("france", "mistral"):  # Mistral's home is France
        h = g.clone()
        h.submit("sakana", [f"license_model target={target} grant=yes"])
        h.resolve()
        assert h.state.firms["sakana"].licences == [target]
        revenue[target] = h.state.firms["sakana"].licence_revenue
    assert g.state.firms["mistral"].home == "france"
    assert revenue["mistral"] == pytest.approx(revenue["france"])
    assert 0 < revenue["france"] <= fee


def test_only_a_frontier_pact_locks_its_members_export_tiers() -> None:
    from game.engine import IllegalOrder

    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    for kind, members in (("threat_intel_sharing", ["germany", "france"]), ("frontier_access_pact", ["germany", "italy"])):
        pid = g.propose("germany", kind, members)
        g.answer(members[1], pid, True)
    assert {a["kind"] for a in g.agreements()} >= {"threat_intel_sharing", "frontier_access_pact"}
    to_orders(g)
    g.check("germany", ["set_export_tier target=france tier=2"])  # threat-intel partners keep their own tiers
    with pytest.raises(IllegalOrder) as e:
        g.check("germany", ["set_export_tier target=italy tier=2"])
    assert e.value.code == "pact_locks_tier"
    with pytest.raises(IllegalOrder) as e:
        g.check("germany", ["set_export_tier target=row tier=1"])
    assert e.value.code == "pact_requires_controls"
    g.check("france", ["set_export_tier target=row tier=1"])  # not in the pact
    assert "set_export_tier target=france tier=2" in {str(o) for o in g.legal_orders("germany")}


def test_legal_orders_follow_budget_and_an_events_discount_in_any_order_of_visits() -> None:
    from game.engine import IllegalOrder
    from game.engine.legality import candidate_orders, check_order, legal_orders

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    visits = [(disc, budget) for disc in (0, 1, 2) for budget in range(0, 9)]
    for order in (visits, visits[::-1], sorted(visits, key=lambda v: (v[1], -v[0]))):
        for disc, budget in order:
            st.discounts = {"fund_defence": disc, "rnd": disc} if disc else {}
            st.nations["japan"].budget = budget
            st.firms["sakana"].budget = budget
            for seat in ("japan", "sakana"):
                accepted = []
                for o in candidate_orders(st, rs, seat):
                    try:
                        check_order(st, rs, seat, o)
                    except IllegalOrder:
                        continue
                    accepted.append(o)
                assert list(legal_orders(st, rs, seat)) == accepted, (seat, disc, budget)
    st.discounts, st.nations["japan"].budget = {"fund_defence": 1}, 3
    assert "fund_defence amount=4" in {str(o) for o in legal_orders(st, rs, "japan")}  # costs 3 with the discount


def test_a_data_partnership_pairs_a_nation_with_a_firm() -> None:
    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    assert set(g.agreement_partners("japan", "data_partnership")) == set(g.firms)
    assert set(g.agreement_partners("sakana", "data_partnership")) == set(g.nations)
    assert set(g.agreement_partners("japan", "threat_intel_sharing")) == set(g.nations) - {"japan"}


def test_a_proposal_with_more_terms_than_its_members_could_hold_is_refused_as_a_whole() -> None:
    from game.engine import IllegalOrder

    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    members = ["germany", "france"]
    nation_terms = [t for t, d in g.rs.terms.items() if d.actor == "nation"]
    assert len(nation_terms) == 2
    terms = [{"term": t, "seat": s, "amount": g.rs.terms[t].amounts[0]} for s in members for t in nation_terms]
    g.propose("germany", "threat_intel_sharing", members, terms=terms)  # every term for every member: fine
    with pytest.raises(IllegalOrder) as e:
        g.propose("germany", "threat_intel_sharing", members, terms=[*terms, terms[0]])
    assert e.value.code == "bad_terms"


# ------------------------------------------------------------------ event effects at their bounds


def _effect(**kw: object):  # type: ignore[no-untyped-def]
    from game.content.schema import Effect, Target

    target = kw.pop("target")
    return Effect(kind="adjust", target=Target(select="seat", seat=target) if target != "world"
                  else Target(select="world"), **kw)


def test_an_event_takes_a_budget_down_to_zero_and_no_further() -> None:
    from game.engine.events import apply_effect

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    st.nations["italy"].budget = 3
    apply_effect(st, rs, _effect(target="italy", quantity="budget", amount=-5), "event", "test")
    assert g.budget("italy") == 0
    apply_effect(st, rs, _effect(target="italy", quantity="budget", amount=4), "event", "test")
    assert g.budget("italy") == 4
    apply_effect(st, rs, _effect(target="italy", quantity="budget", amount=0.5, mode="mul"), "event", "test")
    assert g.budget("italy") == 2


def test_a_firms_competitiveness_is_its_revenue_licence_fees_and_its_models_value() -> None:
    from game.engine.access import usable_models

    g = to_orders(Game.new("g7-2026", seed=1))
    g.resolve()
    st, rs = g.state, g.rs
    usable = usable_models(st, rs)
    mv = rs.rules.scoring.firm_model_value
    assert mv > 0
    for fid, f in st.firms.items():
        assert f.competitiveness == pytest.approx(f.revenue + f.licence_revenue + mv * usable[fid] / st.frontier), fid


def test_a_security_wiped_out_by_a_shock_is_explained_by_lines_that_sum_to_the_fall() -> None:
    from game.content.schema import Effect, Target
    from game.engine.events import apply_effect

    had_incident = set()
    for seed in range(1, 9):  # with and without an incident in Japan that round
        g = Game.new("g7-2026", seed=seed)
        apply_effect(g.state, g.rs, Effect(kind="adjust", target=Target(select="seat", seat="japan"),
                                           quantity="security_shock", amount=1.0), "event", "test")
        to_orders(g)
        before = g.state.nations["japan"].security
        rep = g.resolve()
        assert g.state.nations["japan"].security == 0.0  # clamped: a shock cannot take it below nothing
        had_incident.add(rep.incidents.get("japan", 0) > 0)
        lines = rep.explain("japan", "security")
        assert sum(d for _c, _r, d in lines) == pytest.approx(-before), seed
        assert sum(d for c, _r, d in lines if c in ("shock", "incident")) < 0, seed
    assert had_incident == {True, False}


def test_a_term_is_set_only_for_a_member_of_its_seat_type() -> None:
    from game.engine import IllegalOrder

    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    firm_term = next(t for t, d in g.rs.terms.items() if d.actor == "firm")
    nation_term = next(t for t, d in g.rs.terms.items() if d.actor == "nation")
    for term, seat in ((firm_term, "japan"), (nation_term, "sakana")):
        with pytest.raises(IllegalOrder) as e:
            g.propose("japan", "data_partnership", ["japan", "sakana"],
                      terms=[{"term": term, "seat": seat, "amount": g.rs.terms[term].amounts[0]}])
        assert e.value.code == "term_actor", (term, seat)


def test_a_firm_may_buy_a_licence_from_every_other_firm() -> None:
    from game.engine.legality import candidate_orders

    g = to_orders(Game.new("g7-2026", seed=1))
    for seat in g.firms:
        targets = [o.target for o in candidate_orders(g.state, g.rs, seat) if o.kind == "license_from"]
        assert sorted(targets) == sorted(f for f in g.firms if f != seat), seat


def test_a_save_with_an_action_of_an_unknown_kind_is_refused_by_name() -> None:
    from game.engine.game import SaveError

    for kind in ("undo", "zap", "abandon"):
        with pytest.raises(SaveError) as e:
            Game.replay("g7-2026", 1, None, [[kind, "japan"]])
        assert e.value.code == "unknown_action" and kind in str(e.value.params), kind


def test_a_scenarios_starting_agreements_are_in_force_from_round_one() -> None:
    g = Game.new("democratic-ai-alliance", seed=1)
    ags = g.agreements()
    assert ags
    for a in ags:
        assert a["start_round"] == 1 <= a["end_round"], a


def test_a_nation_uses_the_best_model_among_its_home_firms() -> None:
    from game.engine.access import usable_model

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    for f in st.firms.values():
        f.model = st.frontier * 0.3
        if "usa" in f.licences:  # no licensed model: the home firms' own
            f.licences.remove("usa")
    st.firms["openai"].model = st.frontier * 0.9
    st.firms["anthropic"].model = st.frontier * 0.6  # listed after OpenAI: the better one still counts
    assert usable_model(st, rs, "usa") == pytest.approx(st.frontier * 0.9)
    st.firms["openai"].model, st.firms["anthropic"].model = st.frontier * 0.6, st.frontier * 0.9
    assert usable_model(st, rs, "usa") == pytest.approx(st.frontier * 0.9)


def test_event_shocks_add_up_to_a_whole_loss_of_security_at_most() -> None:
    from game.engine.events import apply_effect

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    for _ in range(2):
        apply_effect(st, rs, _effect(target="japan", quantity="security_shock", amount=0.7), "event", "test")
    assert st.nations["japan"].shock == 1.0
    apply_effect(st, rs, _effect(target="italy", quantity="security_shock", amount=-0.2), "event", "test")
    assert st.nations["italy"].shock == pytest.approx(0.2)  # a shock's size, whatever its sign


def test_an_event_on_one_domains_applications_changes_that_domain_only() -> None:
    from game.engine.events import apply_effect

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    before = dict(st.firms["sakana"].apps)
    apply_effect(st, rs, _effect(target="sakana", quantity="apps", domain="finance", amount=1.0), "event", "test")
    after = dict(st.firms["sakana"].apps)
    assert after["finance"] == pytest.approx(before.get("finance", 0.0) + 1.0)
    assert {d: v for d, v in after.items() if d != "finance"} == {d: v for d, v in before.items() if d != "finance"}
    apply_effect(st, rs, _effect(target="sakana", quantity="apps", amount=0.5), "event", "test")
    assert all(st.firms["sakana"].apps[d] == pytest.approx(after.get(d, 0.0) + 0.5) for d in rs.domain_ids)


def test_orders_applied_unchecked_from_the_event_phase_resolve_as_the_played_round() -> None:
    from game.engine.orders import Order

    g = Game.new("g7-2026", seed=3)
    g.choose_event("espionage_ring")  # a card whose effect lasts: the Rival's threat
    search = g.clone(record=False)
    orders = {"japan": [Order.parse("fund_defence amount=2")], "sakana": [Order.parse("rnd amount=2")]}
    search.apply_orders_unchecked(orders)
    to_orders(g)
    for s, os_ in orders.items():
        g.submit(s, os_)
    g.resolve()
    assert search.state.round == g.state.round == 2
    assert search.scores() == pytest.approx(g.scores())
    assert search.indices() == pytest.approx(g.indices())
    assert search.state.rival.threat == pytest.approx(g.state.rival.threat)
    for n in g.nations:  # the card's default choice (trust) and the next round's budgets
        assert search.state.nations[n].trust == pytest.approx(g.state.nations[n].trust), n
        assert search.budget(n) == g.budget(n), n


def test_a_game_with_event_choices_and_overrides_replays_from_its_log() -> None:
    g, _reports = _play_with_choices(2, {"mistral": "disclose", "japan": "defence_fund", "usa": "data_pledge"})
    assert any(a[0] == "choose" for a in g.actions)
    h = Game.new("g7-2026", seed=5)
    h.advance()
    h.override("japan", "budget", 2, "test: a grant")
    assert Game.replay("g7-2026", 5, None, h.actions).to_json() == h.to_json()
    assert Game.replay(lasting(), 2, None, g.actions).to_json() == g.to_json()


def test_an_order_sheet_counts_an_events_discount() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    g.state.discounts = {"fund_defence": 1}
    g.state.nations["japan"].budget = 3
    legal = g.legal_orders("japan")
    four = next(o for o in legal if str(o) == "fund_defence amount=4")
    sheet = legal.sheet()
    assert sheet.add(four)  # costs 3 with the discount
    assert not sheet.add(next(o for o in legal if str(o) == "fund_data domain=finance amount=1"))


def test_an_adjustment_changes_exactly_the_holders_the_content_check_allows() -> None:
    """`QUANTITY_HOLDERS` is what the content loader lets an effect's target pick; the
    engine must change each quantity for every holder listed and for no other."""
    from game.content.schema import QUANTITY_HOLDERS, Effect, Target
    from game.engine.events import apply_effect

    base = Game.new("g7-2026", seed=1)
    nation, firm = next(iter(base.state.nations)), next(iter(base.state.firms))
    targets = {"nation": Target(select="seat", seat=nation), "firm": Target(select="seat", seat=firm),
               "world": Target(select="world")}
    for quantity, holders in QUANTITY_HOLDERS.items():
        for kind, target in targets.items():
            g = base.clone()
            before = g.state.to_dict()
            amount = -1.0 if quantity == "model" else 1.0  # a model at the frontier cannot rise
            apply_effect(g.state, g.rs, Effect(kind="adjust", target=target, quantity=quantity, amount=amount),
                         "event", "test")
            assert (g.state.to_dict() != before) == (kind in holders), (quantity, kind)


def test_a_save_of_other_content_is_refused_whichever_way_its_hash_differs() -> None:
    import json

    from game.engine.game import SaveError

    g = Game.new("g7-2026", seed=1)
    here = g.rs.content_hash
    for saved in ("0" * len(here), "f" * len(here)):  # one sorts before this content's hash, one after
        d = json.loads(g.to_json())
        d["content_hash"] = saved
        with pytest.raises(SaveError) as e:
            Game.from_json(json.dumps(d))
        assert e.value.code == "content" and e.value.params == {"saved": saved, "here": here}


@pytest.mark.parametrize("expel", [True, False])
def test_a_broken_term_expels_the_member_only_when_the_term_says_so(expel: bool) -> None:
    from game.content.loader import load_rules, load_scenario

    rules = load_rules()
    rules = rules.model_copy(update={"terms": [t.model_copy(update={"expel": expel}) for t in rules.terms]})
    sc = load_scenario("g7-2026", rules).model_copy(update={"scheduled_events": {1: "quiet_year"}})
    g = Game.new(sc, seed=5, rules=rules)
    g.advance()
    pid = g.propose("usa", "threat_intel_sharing", ["usa", "japan", "france"], None,
                    [{"term": "defence_spending", "seat": "japan", "amount": 2}])
    g.answer("japan", pid, True)
    assert g.answer("france", pid, True) == "formed"
    to_orders(g)
    g.submit("japan", ["fund_defence amount=1"])  # one short of the term
    g.resolve()
    [pact] = [a for a in g.agreements(active_only=False) if a["kind"] == "threat_intel_sharing"]
    assert pact["active"]  # two members are still an agreement
    assert ("japan" in pact["members"]) is not expel
    assert {m["against"] for m in g.memory() if m["kind"] == "broken_term"} == {"usa", "france"}


def test_a_save_carrying_a_broken_scenario_is_refused_naming_its_first_problem() -> None:
    import json
    from pathlib import Path

    import yaml

    from game.content import ContentError
    from game.content.loader import load_rules, scenario_from_data
    from game.engine.game import SaveError

    g = Game.new("g7-2026", seed=1)
    d = json.loads(g.to_json())
    own = yaml.safe_load((Path(__file__).parents[1] / "scenarios" / "g7-2026.yaml").read_text(encoding="utf-8"))
    own.update(rounds="many", roundz=3)  # two problems
    d["scenario_content"] = own
    with pytest.raises(ContentError) as content:
        scenario_from_data(own, load_rules())
    assert len(content.value.problems) == 2
    with pytest.raises(SaveError) as e:
        Game.from_json(json.dumps(d))
    assert e.value.code == "scenario" and e.value.params == {"detail": content.value.problems[0]}
    assert "rounds" in e.value.message("en")


def test_every_order_parameter_counts_in_the_content_hash_except_a_later_one_at_its_old_value() -> None:
    from game.engine.ruleset import Ruleset

    g = Game.new("g7-2026", seed=1)
    rules, sc = g.rs.rules, g.rs.scenario

    def with_param(kind: str, name: str, value: float) -> str:
        orders = [o.model_copy(update={"params": {**o.params, name: value}}) if o.kind == kind else o
                  for o in rules.orders]
        return Ruleset.build(rules.model_copy(update={"orders": orders}), sc).content_hash

    here = g.rs.content_hash
    assert with_param("procure", "capital_share", 0.4) != here  # procure's parameters are not later fields
    assert with_param("set_export_tier", "reopen_trust_divisor", 4.0) != here
    assert with_param("set_export_tier", "reopen_trust_divisor", 3.0) == here


def test_proposals_are_listed_by_the_status_asked_for() -> None:
    from game.content.loader import load_scenario

    sc = load_scenario("g7-2026").model_copy(update={"scheduled_events": {1: "quiet_year"}})
    g = Game.new(sc, seed=5)
    g.advance()  # event -> negotiation
    formed = g.propose("usa", "threat_intel_sharing", ["usa", "japan"])
    assert g.answer("japan", formed, True) == "formed"
    pending = g.propose("france", "threat_intel_sharing", ["france", "germany"])
    assert [p["id"] for p in g.proposals(status="formed")] == [formed]  # "open" sorts after "formed"
    assert [p["id"] for p in g.proposals(status="open")] == [pending]
    assert [p["id"] for p in g.proposals(status=None)] == [formed, pending]
    assert [p["id"] for p in g.proposals("germany", status=None)] == [pending]


def test_an_event_lowers_the_frontier_to_one_at_the_least_and_the_ledger_says_by_how_much() -> None:
    from game.content.schema import Effect, Target
    from game.engine.events import apply_effect

    g = Game.new("g7-2026", seed=1)
    was = g.state.frontier
    apply_effect(g.state, g.rs, Effect(kind="adjust", target=Target(select="world"), quantity="frontier",
                                       amount=-1000.0), "event", "test")
    assert g.state.frontier == 1.0
    assert [e[5] for e in g.state.ledger if e[4] == "frontier"] == [pytest.approx(1.0 - was)]


def test_an_event_condition_holds_from_its_first_round_through_its_last() -> None:
    from game.content.schema import Condition
    from game.engine.events import condition_holds

    g = Game.new("g7-2026", seed=1)
    cond = Condition(min_round=2, max_round=3)
    held = []
    for r in range(1, 5):
        g.state.round = r
        held.append(condition_holds(g.state, g.rs, cond))
    assert held == [False, True, True, False]


def test_a_seed_is_a_whole_number_below_two_to_the_64() -> None:
    assert Game.new("g7-2026", seed=2 ** 64 - 1).state.round == 1
    for seed in (2 ** 64, -1):
        with pytest.raises(IllegalOrder) as e:
            Game.new("g7-2026", seed=seed)
        assert e.value.code == "bad_seed"


def test_a_save_error_located_twice_names_the_outer_path_first() -> None:
    from game.engine.game import SaveError

    once = SaveError("hash").at("state.json")
    assert once.path == "state.json" and str(once).startswith("state.json: ")
    assert SaveError("hash").at("inner.json").at("outer.zip").path == "outer.zip: inner.json"
