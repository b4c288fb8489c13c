"""Rules of the engine a player meets, each pinned where a mutation of it survived the rest
of the selection (tools/mutation.py): a card's choice closing with its phase, whose market
results a nation owns through a data partnership, the count of tier-1 partners, a member's
terms leaving with it, trust capped at 100 when access reopens, the alliance's security
curve at its extremes, and the domains a round's incidents hit.
"""

from __future__ import annotations

import pytest

from game.engine import Game
from game.engine.metrics import market_share, metric
from game.engine.scoring import logistic
from tests.engine_helpers import lasting, to_orders


def _fresh(text: str) -> str:
    """An equal string that is not the same object (as a seat read from a save or a file is)."""
    return "".join(list(text))


# ------------------------------------------------------------------ event choices


def test_a_cards_choice_is_open_in_the_event_phase_and_closed_once_the_card_applies() -> None:
    g = Game.new("g7-2026", seed=1)
    card = next(e for e in g.rs.rules.events if e.choice is not None)
    g.choose_event(card.id)
    asked = g.choice()
    assert asked is not None and asked["event"] == card.id and asked["seats"]
    assert g.view_for(None)["choosers"] == asked["seats"]
    g.advance()  # the card applies; the round's card stays on the table
    assert g.phase == "negotiation" and g.state.event == card.id
    assert g.choice() is None
    assert g.view_for(asked["seats"][0])["choosers"] == []
    to_orders(g)
    assert g.choice() is None and g.view_for(None)["choosers"] == []


# ------------------------------------------------------------------ metrics


def _partnership(g: Game, nation: str, firm: str) -> None:
    while g.phase != "negotiation":
        g.advance()
    pid = g.propose(nation, "data_partnership", [nation, firm])
    assert g.answer(firm, pid, True) == "formed"


def test_a_nation_owns_a_partner_firms_market_results_while_the_partnership_is_in_force() -> None:
    g = Game.new("g7-2026", seed=3)
    _partnership(g, "japan", "openai")
    to_orders(g)
    g.resolve()
    st, rs = g.state, g.rs
    [dp] = [a for a in st.agreements if a.kind == "data_partnership"]
    assert dp.active
    sakana, openai = market_share(st, rs, "sakana", None), market_share(st, rs, "openai", None)
    assert sakana > 0 and openai > 0
    assert market_share(st, rs, "japan", None) == pytest.approx(sakana + openai)
    assert market_share(st, rs, "usa", None) == pytest.approx(openai + market_share(st, rs, "anthropic", None))
    dp.active = False  # the partnership has ended: openai's results are its home nation's only
    assert market_share(st, rs, "japan", None) == pytest.approx(sakana)
    assert metric(st, rs, "home_firms_share", "japan") == pytest.approx(sakana)


def test_other_agreements_do_not_hand_a_nation_their_firms_results() -> None:
    g = Game.new("g7-2026", seed=3)
    while g.phase != "negotiation":
        g.advance()
    pid = g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    assert g.answer("usa", pid, True) == "formed"
    to_orders(g)
    g.resolve()
    st, rs = g.state, g.rs
    assert market_share(st, rs, "japan", None) == pytest.approx(market_share(st, rs, "sakana", None))


def test_a_partnership_still_counts_for_the_nation_in_a_game_loaded_from_its_save() -> None:
    g = Game.new("g7-2026", seed=3)
    _partnership(g, "japan", "openai")
    to_orders(g)
    g.resolve()
    back = Game.from_json(g.to_json())  # the agreement's kind is read back as a new string
    st, rs = back.state, back.rs
    assert market_share(st, rs, "japan", None) == pytest.approx(market_share(g.state, g.rs, "japan", None))
    assert market_share(st, rs, "japan", None) > market_share(st, rs, "sakana", None)


@pytest.mark.parametrize("kind", ["alliance_compact", "research_consortium"])  # sorting before and after
def test_an_agreement_of_another_kind_open_to_any_seat_hands_a_nation_no_firms_results(kind: str) -> None:
    from game.content.loader import load_rules
    from game.engine.state import Agreement

    rules = load_rules()
    dp = next(a for a in rules.agreements if a.kind == "data_partnership")
    rules = rules.model_copy(update={"agreements": [*rules.agreements,
                                                    dp.model_copy(update={"kind": kind, "members": "any"})]})
    g = to_orders(Game.new("g7-2026", seed=3, rules=rules))
    g.resolve()
    st, rs = g.state, g.rs
    st.agreements.append(Agreement("A99", kind, ("japan", "openai"), 1, 5))
    assert market_share(st, rs, "japan", None) == pytest.approx(market_share(st, rs, "sakana", None))


def test_tier1_partners_counts_the_other_nations_a_nation_exports_to_at_tier_1() -> None:
    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    open_to = {"canada", "france", "uk", "usa"}  # two before japan in the alphabet, two after
    for other in st.nations:
        if other != "japan":
            st.nations["japan"].tiers[other] = 1 if other in open_to else 2
    st.nations["japan"].tiers["row"] = 1  # the rest of the world is no partner
    assert metric(st, rs, "tier1_partners", "japan") == 4.0
    assert metric(st, rs, "tier1_partners", _fresh("japan")) == 4.0  # a seat named by an equal string
    st.nations["japan"].tiers["uk"] = 3
    assert metric(st, rs, "tier1_partners", "japan") == 3.0
    assert metric(st, rs, "tier1_partners", "sakana") is None  # a firm has no export tiers


# ------------------------------------------------------------------ agreements


def test_a_member_leaving_takes_its_own_terms_and_leaves_the_others() -> None:
    g = Game.new("g7-2026", seed=2)
    while g.phase != "negotiation":
        g.advance()
    members = ["france", "germany", "italy"]
    terms = [{"term": "defence_spending", "seat": s, "amount": 1} for s in members]
    pid = g.propose("germany", "threat_intel_sharing", members, terms=terms)
    g.answer("france", pid, True)
    assert g.answer("italy", pid, True) == "formed"
    [pact] = [a for a in g.state.agreements if a.kind == "threat_intel_sharing" and a.active]
    to_orders(g)
    g.submit("germany", [f"exit_agreement target={pact.id}"])
    g.submit("france", ["fund_defence amount=1"])
    g.submit("italy", ["fund_defence amount=1"])
    g.resolve()
    [shown] = [a for a in g.agreements() if a["id"] == pact.id]  # still in force with two members
    assert shown["members"] == ["france", "italy"]
    assert shown["terms"] == [{"term": "defence_spending", "seat": s, "amount": 1} for s in ("france", "italy")]


# ------------------------------------------------------------------ scoring


def test_the_security_curve_is_finite_at_any_distance_from_the_threat() -> None:
    assert logistic(0.0) == 0.5
    assert logistic(1000.0) == 1.0 and logistic(-1000.0) == 0.0  # no overflow either way
    assert logistic(2.0) == pytest.approx(1 - logistic(-2.0))
    assert 0.5 < logistic(1e-6) < logistic(1.0) < 1.0


def test_the_security_curve_takes_the_same_form_on_each_side_of_zero_to_the_last_bit() -> None:
    """A save replays to the same bits: from zero up the curve is 1 / (1 + e^-x), below zero
    e^x / (1 + e^x) (the two differ in the last bit at some points, e.g. 0.9 and -0.5)."""
    import math

    for x in (0.0, 0.5, 0.9, 0.99, 1.0, 3.0):
        assert logistic(x) == 1.0 / (1.0 + math.exp(-x)), x
    for x in (-0.25, -0.5, -0.7, -0.99, -1.0, -3.0):
        assert logistic(x) == math.exp(x) / (1.0 + math.exp(x)), x


def _incident_domains(seed: int) -> list[str]:
    """The domains whose data japan loses in round 1 when two incidents are queued for it."""
    g = Game.new("g7-2026", seed=seed)
    g.choose_event(None)
    st, rs = g.state, g.rs
    st.modifiers["incident_chance"] = 0.0
    japan = st.nations["japan"]
    japan.queued_incidents = 2
    for d in rs.domain_ids:
        japan.data[d] = 2.0
    to_orders(g)
    g.resolve()
    lines = [e for e in st.ledger if e[1] == "incident" and e[3] == "japan" and e[4].startswith("data/")]
    assert [e[5] for e in lines] == [-rs.rules.scoring.incident_data_hit] * 2
    hit = [d for d in rs.domain_ids if japan.data[d] < 2.0]
    assert sorted(e[4][len("data/"):] for e in lines) == sorted(hit)
    return [e[4][len("data/"):] for e in lines]


def test_two_incidents_in_a_round_hit_two_domains_the_second_after_the_first() -> None:
    domains = Game.new("g7-2026", seed=1).rs.domain_ids
    firsts = set()
    for seed in range(1, 9):
        first, second = _incident_domains(seed)
        i = domains.index(first)
        assert second == domains[(i + 1) % len(domains)], (seed, first, second)  # after the last: the first
        firsts.add(first)
    assert len(firsts) >= 3, "the domain of the first incident is drawn, not always the same"


def test_more_incidents_than_domains_go_round_the_domains_again() -> None:
    g = Game.new("g7-2026", seed=1)
    g.choose_event(None)
    st, rs = g.state, g.rs
    n = len(rs.domain_ids)
    st.modifiers["incident_chance"] = 0.0
    st.nations["japan"].queued_incidents = 3 * n
    for d in rs.domain_ids:
        st.nations["japan"].data[d] = 100.0
    to_orders(g)
    g.resolve()
    hit = [e[4] for e in st.ledger if e[1] == "incident" and e[3] == "japan" and e[4].startswith("data/")]
    assert len(hit) == 3 * n
    assert all(hit.count(f"data/{d}") == 3 for d in rs.domain_ids)
    assert st.nations["japan"].incidents == 3 * n


# ------------------------------------------------------------------ licences and markets


def test_every_licence_delivers_the_model_capped_by_the_tier_between_the_two_homes() -> None:
    from game.engine.access import capped, licence_capabilities, tier_between

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    for i, (nid, ns) in enumerate(st.nations.items()):  # tiers 1, 2 and 3 toward homes before and after
        for j, other in enumerate(st.nations):
            if other != nid:
                ns.tiers[other] = 1 + (i + j) % 3
    for lid, lf in st.firms.items():
        lf.licences = [s for s in rs.seat_ids if s != lid]
    got = licence_capabilities(st, rs)
    lagged = 0
    for lid, lf in st.firms.items():
        for x in lf.licences:
            home = x if x in st.nations else st.firms[x].home
            want = capped(rs, lf.model, tier_between(st, rs, lf.home, home))
            assert got[lid][home] == pytest.approx(want), (lid, x)
            lagged += want < lf.model
    assert lagged > 10


def _shares_outside(rules_update: dict | None, row_tier: int) -> tuple[dict[str, dict[str, float]], Game]:
    from game.content.loader import load_rules

    rules = load_rules()
    if rules_update:
        rules = rules.model_copy(update={"tiers": [t.model_copy(update=rules_update.get(t.tier, {}))
                                                   for t in rules.tiers]})
    g = Game.new("g7-2026", seed=1, rules=rules)
    g.choose_event(None)
    to_orders(g)
    g.state.nations["japan"].tiers["row"] = row_tier
    g.resolve()
    outside = set(g.rs.outside_regions)
    return {k: v for k, v in g.state.shares.items() if k.split("/")[0] in outside}, g


def test_a_rest_of_world_tier_without_outside_access_shuts_its_firms_out_of_outside_markets() -> None:
    shut, g = _shares_outside({3: {"outside_access": 0.0}}, 3)
    assert g.rs.tiers[3].outside_access == 0.0
    assert all("sakana" not in cell for cell in shut.values())
    assert any(cell.get("openai", 0.0) > 0 for cell in shut.values())  # the others still sell there
    open_, _ = _shares_outside(None, 1)
    assert any(cell.get("sakana", 0.0) > 0 for cell in open_.values())


def test_a_firms_strength_in_a_cell_is_its_reach_times_apps_times_presence() -> None:
    from game.engine.access import usable_models
    from game.engine.scoring import _entrants, _region_cells

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    home = next(r for r in rs.region_ids if r not in rs.outside_regions)
    st.firms["sakana"].presence[home] = 0.5
    st.firms["mistral"].presence[home] = 0.25
    entrants = _entrants(st, rs, usable_models(st, rs))
    cells = _region_cells(entrants, home, False, len(rs.domain_ids))
    for fid, presence, _row, served in entrants:
        p = presence.get(home, 0.0)
        for i, x in served:
            got = dict(cells[i]).get(fid)
            if p > 0 and x > 0:
                assert got == pytest.approx(x * p), (fid, i)
            else:
                assert got is None
    assert {st.firms["sakana"].presence[home], st.firms["mistral"].presence[home]} == {0.5, 0.25}


def test_the_rival_moves_into_an_outside_region_by_its_growth_times_the_share_the_alliance_leaves() -> None:
    from game.engine.scoring import rival_presence

    g = to_orders(Game.new("g7-2026", seed=2))
    g.resolve()
    st, rs = g.state, g.rs
    growth = rs.rules.world.rival.presence_growth
    assert growth > 0
    before = dict(st.rival.presence)
    rival_presence(st, rs)
    for r in rs.outside_regions:
        total = sum(st.markets[f"{r}/{d}"] for d in rs.domain_ids)
        held = sum(f.revenue_by_region.get(r, 0.0) for f in st.firms.values())
        assert 0 < held < total
        assert st.rival.presence[r] - before[r] == pytest.approx(growth * (1 - held / total)), r


# ------------------------------------------------------------------ orders and terms


def test_an_order_discounted_below_nothing_costs_nothing() -> None:
    from game.engine.order_rules import OrderRule
    from game.engine.orders import Order

    g = to_orders(Game.new("g7-2026", seed=1))
    st, rs = g.state, g.rs
    d = rs.orders["fund_defence"]
    st.discounts["fund_defence"] = d.cost + max(d.amounts) + 3
    assert OrderRule.cost(st, d, Order("fund_defence", amount=max(d.amounts))) == 0
    left = st.nations["japan"].budget
    g.submit("japan", [f"fund_defence amount={max(d.amounts)}"])
    g.resolve()
    spent = [e for e in st.ledger if e[0] == 1 and e[3] == "japan" and e[4] == "budget" and e[2] == "fund_defence"]
    assert sum(e[5] for e in spent) == 0 and left >= 0


def test_two_market_access_deals_for_one_region_are_refused_even_where_two_deals_are_allowed() -> None:
    from game.content.loader import load_rules
    from game.engine import IllegalOrder

    rules = load_rules()
    rules = rules.model_copy(update={"orders": [o.model_copy(update={"max_per_round": 2})
                                                if o.kind == "market_access_deal" else o for o in rules.orders]})
    g = to_orders(Game.new("g7-2026", seed=1, rules=rules))
    g.state.nations["japan"].budget = 50
    r1, r2 = g.rs.outside_regions[:2]
    with pytest.raises(IllegalOrder) as e:
        g.submit("japan", [f"market_access_deal region={r1}", f"market_access_deal region={r1}"])
    assert e.value.code == "duplicate_target"
    g.submit("japan", [f"market_access_deal region={r1}", f"market_access_deal region={r2}"])


def test_a_sovereign_programme_of_no_efficiency_is_refused_rather_than_divided_by() -> None:
    from game.content.loader import load_rules
    from game.engine import IllegalOrder

    rules = load_rules()
    rules = rules.model_copy(update={"orders": [o.model_copy(update={"efficiency": 0.0}) if o.kind == "fund_sovereign"
                                                else o for o in rules.orders]})
    g = to_orders(Game.new("g7-2026", seed=1, rules=rules))
    g.state.nations["japan"].budget = 50
    amount = min(g.rs.orders["fund_sovereign"].amounts)
    with pytest.raises(IllegalOrder) as e:
        g.submit("japan", [f"fund_sovereign amount={amount}"])
    assert e.value.code == "sovereign_overshoot"
    assert not any(o.kind == "fund_sovereign" for o in g.legal_orders("japan"))


def test_a_new_static_kind_reads_nothing_of_the_state_unless_it_checks_on_its_own() -> None:
    from game.engine.order_rules import OrderRule

    class Plain(OrderRule):
        kind = "plain"

    class Checked(OrderRule):
        kind = "checked"

        def check(self, state, rs, seat, o):  # type: ignore[no-untyped-def]
            pass

    class Passing(Checked):
        candidates_pass_check = True

    g = Game.new("g7-2026", seed=1)
    assert Plain().legal_key(g.state, g.rs, "japan") is None
    assert Passing().legal_key(g.state, g.rs, "japan") is None
    with pytest.raises(NotImplementedError):
        Checked().legal_key(g.state, g.rs, "japan")


def _negotiating() -> Game:
    g = Game.new("g7-2026", seed=1)
    while g.phase != "negotiation":
        g.advance()
    return g


def test_a_term_must_give_exactly_term_seat_and_amount() -> None:
    from game.engine import IllegalOrder

    g = _negotiating()
    members = ["france", "germany"]
    good = {"term": "defence_spending", "seat": "france", "amount": 1}
    for bad in ({**good, "extra": 1}, {"term": "defence_spending", "seat": "france"}):
        with pytest.raises(IllegalOrder) as e:
            g.propose("germany", "threat_intel_sharing", members, terms=[bad])
        assert e.value.code == "bad_terms"
    g.propose("germany", "threat_intel_sharing", members, terms=[good])


def test_a_term_given_twice_for_one_member_is_refused_however_its_names_arrive() -> None:
    from game.engine import IllegalOrder

    g = _negotiating()
    first = {"term": "defence_spending", "seat": "france", "amount": 1}
    again = {"term": _fresh("defence_spending"), "seat": _fresh("france"), "amount": 2}  # as decoded from JSON
    with pytest.raises(IllegalOrder) as e:
        g.propose("germany", "threat_intel_sharing", ["france", "germany"], terms=[first, again])
    assert e.value.code == "term_twice"


# ------------------------------------------------------------------ reports and draws


def test_a_rounds_report_gives_each_seats_score_over_its_par() -> None:
    from game.engine.par import par_at

    g = to_orders(Game.new("g7-2026", seed=3))
    report = g.resolve()
    want = {s: report.scores[s] / par_at(g.rs, s, 1) for s in g.seats}
    assert report.standings == pytest.approx(want, rel=1e-12)
    assert any(v != int(v) for v in report.standings.values())


def test_a_security_explanation_gives_each_cause_in_points_out_of_100() -> None:
    from game.engine.report import explain_text

    g = to_orders(Game.new("g7-2026", seed=3))
    report = g.resolve()
    lines = report.explain("japan", "security")
    assert lines
    text = explain_text(report, g.rs, "japan", "security", "en", limit=len(lines))
    for _c, _r, d in lines:
        assert f"{100 * d:+.1f}" in text
    total = sum(d for _c, _r, d in lines)
    assert text.startswith(f"Security {100 * total:+.1f}")


def test_the_end_of_an_override_is_named_only_after_an_override() -> None:
    g = to_orders(Game.new(lasting(), seed=3))
    g.resolve()
    to_orders(g)
    report = g.resolve()
    causes = {c for s in g.nations for c, _r, _d in report.explain(s, "security")}
    assert "override_ends" not in causes
    to_orders(g)
    g.override("japan", "security", 0.2, "a red-team exercise")
    report = g.resolve()
    assert "override_ends" in {c for c, _r, _d in report.explain("japan", "security")}
    assert "override_ends" not in {c for c, _r, _d in report.explain("france", "security")}


def test_a_draw_below_one_is_zero_and_a_choice_of_one_item_is_that_item() -> None:
    from game.engine.rng import Rng

    rng = Rng(7)
    assert [rng.below(1) for _ in range(5)] == [0] * 5
    assert rng.choice(["only"]) == "only"
    with pytest.raises(ValueError):
        rng.below(0)


@pytest.mark.parametrize("leaver, stays", [("sakana", False), ("usa", True)])
def test_a_data_partnership_left_by_its_firm_ends_and_one_left_by_a_second_nation_goes_on(
        leaver: str, stays: bool) -> None:
    from game.engine.negotiation import exit_agreement
    from game.engine.state import Agreement

    g = Game.new("g7-2026", seed=1)  # a scenario may start one with three members: two nations and a firm
    st = g.state
    st.agreements.append(Agreement("A99", "data_partnership", ("japan", "usa", "sakana"), 1, 5))
    exit_agreement(st, g.rs, leaver, "A99")
    a = st.agreements[-1]
    assert a.active is stays
    if stays:
        assert a.members == ("japan", "sakana")


def test_every_past_rounds_report_is_rebuilt_from_the_save_as_it_was_given() -> None:
    from game.engine.report import report_from_ledger

    sc = lasting()
    g = Game.new(sc, seed=4)
    given = []
    for r in range(1, 4):
        if r == 2:
            g.state.nations["japan"].queued_incidents = 2  # incidents in round 2 only
            g.state.modifiers["incident_chance"] = 0.0
        to_orders(g)
        given.append(g.resolve())
    assert given[1].incidents.get("japan", 0) >= 2 and not given[0].incidents.get("japan")
    back = Game.from_json(g.to_json(), scenario=sc)
    for r, rep in enumerate(given, start=1):
        rebuilt = report_from_ledger(back.state, back.rs, r)
        assert rebuilt.to_dict() == rep.to_dict(), r
        assert rebuilt.rows and all(e[0] == r for e in rebuilt.rows)


# ------------------------------------------------------------------ more rules a player meets


def test_a_joint_market_initiative_multiplies_its_members_strength_by_one_plus_its_strength() -> None:
    def shares(with_jmi: bool) -> dict[str, float]:
        g = Game.new("g7-2026", seed=1)
        g.choose_event(None)
        g.state.firms["sakana"].presence["emerging_asia"] = 1.0
        g.state.firms["mistral"].presence["emerging_asia"] = 1.0
        g.advance()
        if with_jmi:
            pid = g.propose("sakana", "joint_market_initiative", ["sakana", "mistral"])
            assert g.answer("mistral", pid, True) == "formed"
        to_orders(g)
        g.resolve()
        return g.state.shares["emerging_asia/finance"]

    base, jmi = shares(False), shares(True)
    factor = 1.0 + Game.new("g7-2026", seed=1).rs.agreements["joint_market_initiative"].strength
    assert factor > 1.0
    for member in ("sakana", "mistral"):  # against a firm outside the initiative
        assert (jmi[member] / jmi["openai"]) / (base[member] / base["openai"]) == pytest.approx(factor)


def test_a_nations_defence_discovery_is_its_defence_times_its_model_factor() -> None:
    from game.engine.access import usable_models
    from game.engine.scoring import _discovery

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    usable = usable_models(st, rs)
    st.frontier *= 1.5  # the frontier has moved on: every nation's model is behind it
    for ns in st.nations.values():
        ns.defence, ns.defence_model = 7.0, 0.0
    out = _discovery(st, rs, usable)
    gamma = rs.rules.scoring.gamma
    for n, ns in st.nations.items():
        assert out[n] == pytest.approx(7.0 * (usable[n] / st.frontier) ** gamma), n
    assert any(ns.defence_model < 1.0 for ns in st.nations.values())


def test_the_alliance_holds_all_the_competitiveness_in_a_world_without_a_rival_economy() -> None:
    from game.engine.scoring import indices

    g = to_orders(Game.new("g7-2026", seed=1))
    g.resolve()
    st, rs = g.state, g.rs
    st.rival.economy, st.rival.revenue = 0.0, 0.0
    assert indices(st, rs)[1] == 100.0
    for ns in st.nations.values():
        ns.productivity = 0.0
    for f in st.firms.values():
        f.revenue = f.licence_revenue = 0.0
    assert indices(st, rs)[1] == 0.0  # nobody has any: none for the alliance either


def test_an_equality_condition_holds_only_at_the_value_itself() -> None:
    from game.engine.metrics import compare

    assert compare(5.0, "==", 5.0 + 1e-12)
    assert not compare(10.0, "==", 5.0) and not compare(5.0, "==", 10.0) and not compare(3.0, "==", 2.0)


def test_an_agreement_open_to_any_seats_forms_between_two_nations_or_a_nation_and_a_firm() -> None:
    from game.content.loader import load_rules

    rules = load_rules()
    dp = next(a for a in rules.agreements if a.kind == "data_partnership")
    rules = rules.model_copy(update={"agreements": [*rules.agreements, dp.model_copy(
        update={"kind": "alliance_compact", "members": "any", "max_members": 4})]})
    g = Game.new("g7-2026", seed=1, rules=rules)
    g.advance()
    for members in (["japan", "usa"], ["japan", "openai"], ["sakana", "openai", "france"]):
        pid = g.propose(members[0], "alliance_compact", members)
        for m in members[1:]:
            g.answer(m, pid, True)
        assert next(p["status"] for p in g.proposals(status=None) if p["id"] == pid) == "formed", members


def test_a_legal_order_view_is_true_before_it_is_listed_exactly_when_there_is_an_order() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    assert bool(g.legal_orders("japan")) is True  # not listed yet
    g.state.nations["japan"].budget = 0
    view = g.legal_orders("japan")
    assert bool(view) is (next(iter(g.legal_orders("japan")), None) is not None)
    listed = g.legal_orders("japan")
    n = len(listed)
    assert bool(listed) is (n > 0)


def test_the_content_hash_leaves_out_bilingual_texts_only() -> None:
    from game.engine.ruleset import _without_words

    assert _without_words({"name": {"en": "A", "ja": "エー"}}) == _without_words({"name": {"en": "B", "ja": "ビー"}})
    withid = {"name": {"en": "A", "ja": "エー", "id": "x"}}  # not a text: it has more than the two words
    assert _without_words(withid) != _without_words({"name": {"en": "A", "ja": "エー", "id": "y"}})
    assert _without_words({"n": {"en": "A", "ja": 1}}) != _without_words({"n": {"en": "A", "ja": 2}})


def test_a_card_the_facilitator_puts_on_the_table_counts_as_drawn_and_no_card_adds_nothing() -> None:
    g = Game.new("g7-2026", seed=1)
    card = next(e.id for e in g.rs.rules.events if e.id not in g.state.drawn)
    g.choose_event(card)
    assert g.state.drawn[-1] == card and g.state.drawn.count(card) == 1
    g.choose_event(None)
    assert card not in g.state.drawn and None not in g.state.drawn


def test_shuffling_a_legal_order_view_reorders_the_view_itself() -> None:
    from game.engine.rng import Rng

    g = to_orders(Game.new("g7-2026", seed=1))
    view = g.legal_orders("japan")
    before = list(g.legal_orders("japan"))
    assert len(before) > 10
    Rng(3).shuffle(view)
    after = list(view)
    assert after != before and sorted(map(str, after)) == sorted(map(str, before))
    listed = list(before)
    Rng(3).shuffle(listed)
    assert after == listed  # the same draws as shuffling the list


def test_answering_an_open_proposal_in_a_clone_leaves_the_game_it_was_cloned_from() -> None:
    g = Game.new("g7-2026", seed=1)
    g.advance()
    pid = g.propose("japan", "threat_intel_sharing", ["japan", "usa", "france"])
    g.answer("usa", pid, True)
    c = g.clone()
    assert c.answer("france", pid, True) == "formed"
    [p] = [p for p in g.proposals(status=None) if p["id"] == pid]
    assert p["status"] == "open" and not any(a["kind"] == "threat_intel_sharing" for a in g.agreements())


def test_a_cards_home_firms_are_exactly_the_firms_at_home_in_that_nation() -> None:
    from game.engine.events import select

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    for nid in st.nations:
        assert select(st, rs, "home_firms", nid, None) == [f for f in rs.seat_ids
                                                           if f in st.firms and st.firms[f].home == nid], nid
    assert set(select(st, rs, "home_firms", "usa", None)) == {"openai", "anthropic"}
    assert select(st, rs, "home_firms", "germany", None) == []


def test_an_agreement_of_firms_is_offered_to_firms_only() -> None:
    g = _negotiating()
    partners = set(g.agreement_partners("sakana", "joint_market_initiative"))
    assert partners == set(g.firms) - {"sakana"}
    assert g.agreement_partners("japan", "joint_market_initiative") == []


def test_a_firm_and_nation_agreement_takes_one_of_each_even_where_more_members_are_allowed() -> None:
    from game.content.loader import load_rules
    from game.engine import IllegalOrder

    rules = load_rules()
    rules = rules.model_copy(update={"agreements": [a.model_copy(update={"max_members": 3})
                                                    if a.kind == "data_partnership" else a for a in rules.agreements]})
    g = Game.new("g7-2026", seed=1, rules=rules)
    g.advance()
    for members in (["japan", "sakana", "openai"], ["japan", "usa", "sakana"], ["japan", "usa"]):
        with pytest.raises(IllegalOrder) as e:
            g.propose("japan", "data_partnership", members)
        assert e.value.code == "bad_members", members
    g.propose("japan", "data_partnership", ["japan", "sakana"])


def test_a_seats_usable_model_is_the_same_asked_alone_or_with_every_seat() -> None:
    from game.engine.access import usable_model, usable_models

    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    st.frontier *= 3.0  # far ahead: the open-model floor is what a seat without licences uses
    for f in st.firms.values():
        f.licences = []
    st.nations["germany"].sovereign = 0.0
    together = usable_models(st, rs)
    for s in rs.seat_ids:
        assert usable_model(st, rs, s) == pytest.approx(together[s]), s
    assert usable_model(st, rs, "germany") == pytest.approx(rs.rules.scoring.open_model_floor * st.frontier)


def test_the_deck_deals_no_card_twice_before_it_runs_out() -> None:
    from game.engine.events import deck, draw

    g = Game.new("g7-2026", seed=5)
    st, rs = g.state, g.rs
    st.round = next(r for r in range(2, 9) if r not in rs.scenario.scheduled_events)  # a round that draws
    st.drawn = []
    dealt = []
    for _ in range(6):
        card = draw(st, rs)
        if card is None:
            break
        dealt.append(card)
        st.drawn.append(card)
    assert len(dealt) >= 4 and len(set(dealt)) == len(dealt) and len(deck(rs)) > len(dealt)


def test_a_market_share_in_a_market_worth_little_is_still_the_share() -> None:
    g = to_orders(Game.new("g7-2026", seed=3))
    g.resolve()
    st, rs = g.state, g.rs
    r = rs.outside_regions[0]
    cells = [key for key, rr, _d in rs.cells if rr == r]
    for key in cells:
        st.markets[key] = 0.1  # the whole region is worth less than 1
    want = sum(st.shares[k].get("sakana", 0.0) for k in cells) / len(cells)
    assert want > 0 and market_share(st, rs, "sakana", r) == pytest.approx(want)


def test_a_broken_term_costs_trust_down_to_zero_and_no_further() -> None:
    g = Game.new("g7-2026", seed=5)
    g.advance()
    pid = g.propose("usa", "threat_intel_sharing", ["usa", "japan"], None,
                    [{"term": "defence_spending", "seat": "japan", "amount": 2}])
    assert g.answer("japan", pid, True) == "formed"
    to_orders(g)
    g.state.nations["usa"].trust["japan"] = 3.0  # less than the term's cost of trust
    g.submit("japan", ["fund_defence amount=1"])  # one short of the term
    g.resolve()
    lines = [e for e in g.state.ledger if e[1] == "term" and e[3] == "usa" and e[4] == "trust/japan"]
    assert [e[5] for e in lines] == [-3.0]


def test_a_firm_that_sells_nowhere_earns_nothing() -> None:
    g = Game.new("g7-2026", seed=1)
    g.choose_event(None)
    for r in g.rs.region_ids:
        g.state.firms["cohere"].presence[r] = 0.0
    to_orders(g)
    g.resolve()
    assert g.state.firms["cohere"].revenue == 0.0
    assert g.state.firms["cohere"].revenue_by_region == {}


def test_no_firm_has_received_capital_when_a_game_starts() -> None:
    g = Game.new("g7-2026", seed=1)
    assert all(f.received == 0 for f in g.state.firms.values())


def test_a_game_with_proposals_replays_from_the_action_log_of_its_save() -> None:
    import json

    g = Game.new("g7-2026", seed=2)
    g.choose_event(next(e.id for e in g.rs.rules.events if e.choice is None))
    g.advance()
    pid = g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    g.answer("usa", pid, True)
    to_orders(g)
    g.resolve()
    actions = json.loads(g.to_json())["actions"]  # as a save file holds them
    assert {"event", "propose", "answer"} <= {a[0] for a in actions}
    assert Game.replay("g7-2026", 2, None, actions).to_json() == g.to_json()


def test_a_budget_override_must_be_whole() -> None:
    from game.engine import IllegalOrder

    g = Game.new("g7-2026", seed=1)
    for delta in (2.5, -2.5, 0.1):
        with pytest.raises(IllegalOrder) as e:
            g.override("japan", "budget", delta, "a grant")
        assert e.value.code == "override_whole", delta
    g.override("japan", "budget", 2.0, "a grant")


def test_a_firm_may_secure_its_weights_at_every_amount_the_rules_allow() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    g.state.firms["sakana"].budget = 50
    g.state.firms["sakana"].weight_security = 0.0
    offered = sorted(o.amount for o in g.legal_orders("sakana") if o.kind == "weight_security")
    assert offered == sorted(g.rs.orders["weight_security"].amounts)


def test_regions_present_counts_the_regions_where_a_seats_firms_are() -> None:
    g = Game.new("g7-2026", seed=1)
    st, rs = g.state, g.rs
    for r in rs.region_ids:
        st.firms["sakana"].presence[r] = 0.0
    st.firms["sakana"].presence[rs.region_ids[0]] = 0.5
    st.firms["sakana"].presence[rs.region_ids[1]] = 1.0
    assert metric(st, rs, "regions_present", "sakana") == 2.0
    assert metric(st, rs, "regions_present", "japan") == 2.0  # through its home firm


def test_a_firms_first_budget_is_its_income_and_its_share_of_revenue_with_nothing_received() -> None:
    g = Game.new("g7-2026", seed=1)
    sc = g.rs.rules.scoring
    for fid, f in g.state.firms.items():
        assert f.received == 0
        assert f.budget == f.income + int(round(sc.revenue_to_capital * (f.revenue + f.licence_revenue))), fid


def test_when_a_sharing_pact_ends_the_ledger_names_the_loss_as_one() -> None:
    """The end screen read "security -41.9 from threat intelligence shared by partners" in the
    year after a pact ended; a fall in shared intelligence now has a cause of its own."""
    from game.engine.report import explain_text

    g = Game.new(lasting("g7-2026"), seed=3)
    g.state.nations["usa"].defence = 30
    g.state.nations["italy"].defence = 2
    g.state.rival.threat = 0
    g.state.modifiers["incident_chance"] = 0
    while g.phase != "negotiation":
        g.advance()
    pid = g.propose("italy", "threat_intel_sharing", ["italy", "usa"], duration=1)
    assert g.answer("usa", pid, True) == "formed"
    to_orders(g)
    first = dict((c, d) for c, _, d in g.resolve().explain("italy", "security"))
    assert first.get("shared_intel", 0) > 0 and "shared_intel_less" not in first
    to_orders(g)
    rep = g.resolve()
    second = dict((c, d) for c, _, d in rep.explain("italy", "security"))
    assert second.get("shared_intel_less", 0) < 0 and "shared_intel" not in second
    text = explain_text(rep, g.rs, "italy", "security", "en", limit=10)
    assert "less threat intelligence from partners" in text and "shared by partners" not in text
