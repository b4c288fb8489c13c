"""Every value a caller can pass to the engine's public API is either accepted or refused
with `IllegalOrder` (a ValueError with a catalogued code), never another exception, and a
refusal leaves the state hash unchanged."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game, IllegalOrder, Order
from game.engine.messages import CATALOG

INF, NAN = float("inf"), float("nan")
HUGE = 10 ** 400
JUNK = [None, [], ["x"], {}, True, False, b"japan", 3.7, INF, NAN, -INF, HUGE, -1, object()]


@pytest.fixture(scope="module")
def base() -> Game:
    g = Game.new("g7-2026", seed=5)
    return g


def at(base: Game, phase: str) -> Game:
    g = base.clone()
    while g.phase != phase:
        g.advance()
    return g


def refused(g: Game, code: str, call, *args, **kw) -> IllegalOrder:
    before = g.state_hash()
    with pytest.raises(IllegalOrder) as info:
        call(*args, **kw)
    assert info.value.code == code, info.value
    assert g.state_hash() == before
    assert info.value.code in CATALOG
    for lang in ("en", "ja"):
        assert info.value.message(lang) and info.value.message(lang) != code
    return info.value


# ---------------------------------------------------------------- orders

ORDER_PAYLOADS = [
    # (what is submitted, the refusal code)
    ([{"kind": "fund_defence", "amount": 3.7}], "bad_order"),  # fractional amount: was accepted as 3
    ([{"kind": "fund_defence", "amount": INF}], "bad_order"),  # was OverflowError
    ([{"kind": "fund_defence", "amount": NAN}], "bad_order"),
    ([{"kind": "fund_defence", "amount": True}], "bad_order"),  # a bool is not the amount 1
    ([{"kind": "fund_defence", "amount": "2.0"}], "bad_order"),
    ([{"kind": "fund_defence", "amount": HUGE}], "bad_amount"),
    ([{"kind": "fund_defence", "amount": "9" * 40}], "bad_order"),
    ([{"kind": "fund_defence", "amount": [1]}], "bad_order"),
    ([{"kind": "fund_defence", "amount": None}], "bad_order"),
    ([{"kind": "set_export_tier", "target": "row", "tier": 2.5}], "bad_order"),
    ([{"kind": "set_export_tier", "target": "row", "tier": 10 ** 30}], "bad_tier"),
    ([{"kind": "set_export_tier", "target": ["usa"], "tier": 3}], "bad_order"),
    ([{"kind": "fund_data", "domain": {"a": 1}, "amount": 1}], "bad_order"),
    ([{"kind": None}], "bad_order"),
    ([{"kind": ["fund_defence"]}], "bad_order"),
    ([{"kind": "launch_missiles"}], "unknown_order"),
    ([{"kind": "fund_defence", "amount": 1, "colour": "red"}], "bad_order"),
    ([b"fund_defence amount=1"], "bad_order"),
    ([None], "bad_order"),
    ([3], "bad_order"),
    ([["fund_defence"]], "bad_order"),
    (["fund_defence amount=x"], "bad_order"),
    (["fund_defence amount=1e3"], "bad_order"),
    (["fund_defence amount=inf"], "bad_order"),
    ([""], "bad_order"),
    (None, "bad_order"),
    (5, "bad_order"),
    ("fund_defence amount=1", "bad_order"),  # one text, not a list of orders
    (b"fund_defence", "bad_order"),
    ({"kind": "fund_defence", "amount": 1}, "bad_order"),
    (Order("fund_defence", amount=1), "bad_order"),
    # Order values made directly, holding the wrong types
    ([Order("fund_defence", amount=3.0)], "field_not_whole"),  # type: ignore[arg-type]
    ([Order("fund_defence", amount=True)], "field_not_whole"),
    ([Order("fund_defence", amount=INF)], "field_not_whole"),  # type: ignore[arg-type]
    ([Order("set_export_tier", target="row", tier=2.0)], "field_not_whole"),  # type: ignore[arg-type]
    ([Order("set_export_tier", target=["usa"], tier=3)], "field_not_id"),  # type: ignore[arg-type]
    ([Order("fund_data", domain=b"finance", amount=1)], "field_not_id"),  # type: ignore[arg-type]
    ([Order(None)], "unknown_order"),  # type: ignore[arg-type]
    ([Order(["fund_defence"])], "unknown_order"),  # type: ignore[arg-type]
    ([Order("fund_defence", amount=-1)], "bad_amount"),
    ([Order("fund_defence", amount=HUGE)], "bad_amount"),
    ([Order("fund_defence", amount=1)] * 2, "too_many"),
    ([Order("fund_defence", amount=6), Order("fund_sovereign", amount=6)], "over_budget"),
]


@pytest.mark.parametrize("orders,code", ORDER_PAYLOADS, ids=[f"{i}-{c}" for i, (_, c) in enumerate(ORDER_PAYLOADS)])
def test_submit_and_check_refuse(base: Game, orders, code: str) -> None:
    g = at(base, "orders")
    refused(g, code, g.check, "japan", orders)
    refused(g, code, g.submit, "japan", orders)
    assert g.submitted()["japan"] is False


def test_license_grant_must_be_yes_or_no(base: Game) -> None:
    g = at(base, "orders")
    refused(g, "field_not_yes_no", g.submit, "openai", [Order("license_model", target="japan", grant="yes")])  # type: ignore[arg-type]
    refused(g, "bad_order", g.submit, "openai", [{"kind": "license_model", "target": "japan", "grant": "maybe"}])


@pytest.mark.parametrize("seat", JUNK + ["atlantis", "JAPAN", "rival", "world", ""])
def test_unknown_seats_are_refused_everywhere(base: Game, seat) -> None:
    g = at(base, "orders")
    refused(g, "unknown_seat", g.submit, seat, [])
    refused(g, "unknown_seat", g.check, seat, [])
    refused(g, "unknown_seat", g.legal_orders, seat)
    n = at(base, "negotiation")
    refused(n, "unknown_seat", n.propose, seat, "threat_intel_sharing", ["japan", "usa"])
    refused(n, "unknown_seat", n.answer, seat, "P1", True)


def test_legal_orders_membership_never_raises(base: Game) -> None:
    g = at(base, "orders")
    view = g.legal_orders("japan")
    for junk in [*JUNK, "fund_defence amount=1", Order(["x"]), Order("fund_defence", amount=NAN)]:  # type: ignore[arg-type]
        assert junk not in view


# ---------------------------------------------------------------- negotiation

PROPOSALS = [
    (("japan", "threat_intel_sharing", ["japan", "usa"], 1.5), "bad_duration"),  # was accepted
    (("japan", "threat_intel_sharing", ["japan", "usa"], True), "bad_duration"),
    (("japan", "threat_intel_sharing", ["japan", "usa"], INF), "bad_duration"),
    (("japan", "threat_intel_sharing", ["japan", "usa"], NAN), "bad_duration"),
    (("japan", "threat_intel_sharing", ["japan", "usa"], "3"), "bad_duration"),
    (("japan", "threat_intel_sharing", ["japan", "usa"], HUGE), "bad_duration"),
    (("japan", "threat_intel_sharing", ["japan", "usa"], 0), "bad_duration"),
    (("japan", "threat_intel_sharing", ["japan", "usa"], -2), "bad_duration"),
    (("japan", ["threat_intel_sharing"], ["japan", "usa"], None), "unknown_agreement_kind"),
    (("japan", None, ["japan", "usa"], None), "unknown_agreement_kind"),
    (("japan", "world_peace", ["japan", "usa"], None), "unknown_agreement_kind"),
    (("japan", "threat_intel_sharing", None, None), "bad_member_list"),
    (("japan", "threat_intel_sharing", "usa", None), "bad_member_list"),
    (("japan", "threat_intel_sharing", b"usa", None), "bad_member_list"),
    (("japan", "threat_intel_sharing", [["usa"]], None), "bad_member_list"),
    (("japan", "threat_intel_sharing", [None], None), "bad_member_list"),
    (("japan", "threat_intel_sharing", {"usa": 1}, None), "bad_member_list"),
    (("japan", "threat_intel_sharing", ["usa", "usa"], None), "duplicate_member"),
    (("japan", "threat_intel_sharing", ["atlantis"], None), "unknown_seat"),
]


@pytest.mark.parametrize("args,code", PROPOSALS, ids=[f"{i}-{c}" for i, (_, c) in enumerate(PROPOSALS)])
def test_propose_refuses(base: Game, args, code: str) -> None:
    g = at(base, "negotiation")
    refused(g, code, g.propose, *args)


@pytest.mark.parametrize("accept", [None, "yes", "no", 1, 0, 1.0, [], b"", NAN])
def test_answer_must_be_a_bool(base: Game, accept) -> None:
    g = at(base, "negotiation")
    pid = g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    refused(g, "bad_answer", g.answer, "usa", pid, accept)
    assert g.proposals()[0]["answers"] == {"japan": True}


@pytest.mark.parametrize("pid", [None, 1, ["P1"], b"P1", "P999", NAN])
def test_answer_unknown_proposals(base: Game, pid) -> None:
    g = at(base, "negotiation")
    g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    refused(g, "unknown_proposal", g.answer, "usa", pid, True)


@pytest.mark.parametrize("card", [["quiet_year"], 5, b"quiet_year", "no_such_card", NAN])
def test_choose_event_refuses(base: Game, card) -> None:
    g = base.clone()
    refused(g, "unknown_event", g.choose_event, card)


# ---------------------------------------------------------------- overrides

OVERRIDES = [
    (("japan", "score", INF, "r"), "override_delta"),
    (("japan", "score", -INF, "r"), "override_delta"),
    (("japan", "score", NAN, "r"), "override_delta"),
    (("japan", "score", HUGE, "r"), "override_delta"),
    (("japan", "score", 1e300, "r"), "override_delta"),
    (("japan", "score", "5", "r"), "override_delta"),
    (("japan", "score", None, "r"), "override_delta"),
    (("japan", "score", True, "r"), "override_delta"),
    (("japan", "score", [5], "r"), "override_delta"),
    (("japan", "budget", 2.5, "r"), "override_whole"),  # was rounded to 2
    (("japan", "budget", INF, "r"), "override_delta"),
    (("rival", "rival_threat", NAN, "r"), "override_delta"),
    (("japan", "security", NAN, "r"), "override_delta"),
    (("japan", "trust/usa", INF, "r"), "override_delta"),
    (("japan", "data/finance", NAN, "r"), "override_delta"),
    (("japan", "score", 1.0, None), "override_reason"),
    (("japan", "score", 1.0, 5), "override_reason"),
    (("japan", "score", 1.0, b"why"), "override_reason"),
    (("japan", "score", 1.0, "   "), "override_reason"),
    (("japan", None, 1.0, "r"), "override_quantity"),
    (("japan", ["score"], 1.0, "r"), "override_quantity"),
    (("japan", "happiness", 1.0, "r"), "override_quantity"),
    ((None, "score", 1.0, "r"), "unknown_seat"),
    ((["japan"], "score", 1.0, "r"), "unknown_seat"),
    (("atlantis", "score", 1.0, "r"), "unknown_seat"),
    (("openai", "defence", 1.0, "r"), "not_a_nation"),
    (("japan", "trust/japan", 1.0, "r"), "not_a_nation"),
    (("japan", "trust/atlantis", 1.0, "r"), "not_a_nation"),
    (("japan", "data/astrology", 1.0, "r"), "unknown_domain"),
]


@pytest.mark.parametrize("args,code", OVERRIDES, ids=[f"{i}-{c}" for i, (_, c) in enumerate(OVERRIDES)])
def test_override_refuses(base: Game, args, code: str) -> None:
    g = base.clone()
    refused(g, code, g.override, *args)
    assert g.state.overrides == []


def test_override_limits_and_whole_budgets_are_accepted(base: Game) -> None:
    g = base.clone()
    g.override("japan", "budget", 3.0, "a typed 3")  # a whole number given as a float
    g.override("japan", "score", 1e6, "the largest")
    g.override("japan", "score", -1e6, "and back")
    assert g.budget("japan") == base.budget("japan") + 3
    assert isinstance(g.budget("japan"), int)
    assert g.scores()["japan"] == 0.0
    assert all(math.isfinite(v) for v in g.scores().values())


# ---------------------------------------------------------------- new games

@pytest.mark.parametrize("seed", [None, -1, 2 ** 64, HUGE, 1.5, 1.0, INF, NAN, True, "1", b"1", [1]])
def test_new_refuses_bad_seeds(seed) -> None:
    with pytest.raises(IllegalOrder) as info:
        Game.new("tutorial", seed=seed)
    assert info.value.code == "bad_seed"


@pytest.mark.parametrize("rounds", [0, -3, 101, HUGE, 2.5, 6.0, INF, NAN, True, "6", [6]])
def test_new_refuses_bad_rounds(rounds) -> None:
    with pytest.raises(IllegalOrder) as info:
        Game.new("tutorial", seed=1, rounds=rounds)
    assert info.value.code == "bad_rounds"


@pytest.mark.parametrize("scenario", [None, 5, ["tutorial"], b"tutorial"])
def test_new_refuses_bad_scenarios(scenario) -> None:
    with pytest.raises(IllegalOrder) as info:
        Game.new(scenario, seed=1)
    assert info.value.code == "bad_scenario"


def test_new_accepts_the_edges() -> None:
    assert Game.new("tutorial", seed=2 ** 64 - 1, rounds=1).rounds == 1
    assert Game.new("tutorial", seed=0, rounds=100).rounds == 100


# ---------------------------------------------------------------- random junk

_atoms = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12), st.binary(max_size=6),
    st.sampled_from(["japan", "usa", "openai", "row", "finance", "africa", "fund_defence", "procure",
                     "set_export_tier", "license_model", "threat_intel_sharing", "P1", "A1", "score",
                     "budget", "trust/usa", "data/finance", "rival_threat"]),
)
_junk = st.recursive(_atoms, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["kind", "target", "domain", "region", "tier", "amount", "grant", "x"]), inner, max_size=5)),
    max_leaves=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(call=st.sampled_from(["submit", "check", "legal_orders", "propose", "answer", "override", "choose_event"]),
       args=st.lists(_junk, min_size=4, max_size=4))
def test_random_junk_is_accepted_or_refused_cleanly(base: Game, call: str, args: list) -> None:
    phase = {"propose": "negotiation", "answer": "negotiation", "choose_event": "event"}.get(call, "orders")
    g = at(base, phase)
    if call == "answer":
        g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    arity = {"submit": 2, "check": 2, "legal_orders": 1, "propose": 4, "answer": 3, "override": 4,
             "choose_event": 1}[call]
    before = g.state_hash()
    try:
        result = getattr(g, call)(*args[:arity])
        if call == "legal_orders":
            list(result)
            assert g.state_hash() == before
    except IllegalOrder as exc:
        assert exc.code and exc.message("ja")
        assert g.state_hash() == before
    # anything accepted leaves a state that still saves and loads
    assert Game.from_json(g.to_json()).state_hash() == g.state_hash()
