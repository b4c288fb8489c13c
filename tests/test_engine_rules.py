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
from tests.engine_helpers import to_orders


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
