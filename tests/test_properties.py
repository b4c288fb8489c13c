"""Property tests: random legal play keeps the game's invariants, and the game is reproducible.

Random play = the seeded `RandomPolicy` for orders plus random proposals and answers
drawn from a hypothesis seed.  Kept small (a few examples per scenario) so the whole
file runs in well under a minute.
"""

from __future__ import annotations

import json
import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.random_policy import RandomPolicy
from game.content.loader import scenario_ids
from game.engine import Game, IllegalOrder

SCENARIOS = scenario_ids()
SETTINGS = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _numbers(x, path="state"):
    if isinstance(x, bool) or x is None or isinstance(x, str):
        return
    if isinstance(x, (int, float)):
        yield path, x
    elif isinstance(x, dict):
        for k, v in x.items():
            yield from _numbers(v, f"{path}.{k}")
    elif isinstance(x, (list, tuple)):
        for i, v in enumerate(x):
            yield from _numbers(v, f"{path}.{i}")


def check_invariants(g: Game) -> None:
    st_ = g.state
    for path, v in _numbers(st_.to_dict()):
        assert math.isfinite(v), f"{path} = {v}"
    assert 0.0 <= st_.asi <= 100.0 and 0.0 <= st_.aci <= 100.0
    for nid, n in st_.nations.items():
        assert 0.0 <= n.security <= 1.0, (nid, n.security)
        assert n.budget >= 0, (nid, n.budget)
        assert n.defence >= 0 and n.sovereign >= 0
        assert all(v >= 0 for v in n.data.values())
        for other, t in n.trust.items():
            assert 0.0 <= t <= 100.0, (nid, other, t)
        assert n.sovereign <= g.rs.rules.scoring.sovereign_cap * st_.frontier + 1e-9
        assert all(t in (1, 2, 3) for t in n.tiers.values())
    for fid, f in st_.firms.items():
        assert f.budget >= 0, (fid, f.budget)
        assert 0.0 <= f.weight_security <= 1.0
        assert f.model <= st_.frontier + 1e-9, (fid, f.model, st_.frontier)
        assert f.revenue >= 0 and f.licence_revenue >= 0
        assert fid not in f.licences
    for key, shares in st_.shares.items():
        assert abs(sum(shares.values()) - 1.0) <= 1e-9, (key, shares)
        assert all(v >= 0 for v in shares.values())
        if key.endswith("/defence") or not any(key.startswith(r + "/") for r in g.rs.outside_regions):
            assert "rival" not in shares, key
    assert st_.rival.threat >= 0 and st_.rival.capability > 0
    # every active pact keeps its members at tier 1 with each other and controls toward the world
    for a in st_.agreements:
        if a.active and a.kind == "frontier_access_pact":
            for x in a.members:
                v = g.view_for(None)["nations"][x]["tiers"]
                assert all(v[y] == 1 for y in a.members if y != x)
                assert v["row"] >= 2


def play(scenario: str, seed: int, policy_seed: int, check=None, mid_round=None) -> Game:
    g = Game.new(scenario, seed=seed)
    pol = RandomPolicy(policy_seed)
    rnd = random.Random(policy_seed * 7919 + seed)
    kinds = list(g.rs.agreements)
    while not g.is_over:
        g.advance()  # event
        for _ in range(rnd.randint(0, 2)):
            proposer = rnd.choice(g.seats)
            kind = rnd.choice(kinds)
            others = [s for s in g.seats if s != proposer]
            members = [proposer, *rnd.sample(others, rnd.randint(1, min(3, len(others))))]
            try:
                g.propose(proposer, kind, members)
            except IllegalOrder:
                continue
        for p in g.proposals():
            for m in p["members"]:
                if p["status"] == "open" and m not in p["answers"]:
                    try:
                        p["status"] = g.answer(m, p["id"], rnd.random() < 0.7)
                    except IllegalOrder:
                        pass
        g.advance()  # negotiation
        for seat in g.seats:
            if rnd.random() < 0.9:
                g.submit(seat, pol.orders(g, seat).orders)
        if mid_round:
            mid_round(g)
        g.resolve()
        if check:
            check(g)
    return g


@pytest.mark.parametrize("scenario", SCENARIOS)
@SETTINGS
@given(seed=st.integers(0, 2**32), policy_seed=st.integers(0, 10_000))
def test_random_play_keeps_invariants_and_replays(scenario: str, seed: int, policy_seed: int) -> None:
    def mid(g: Game) -> None:  # save and load mid-round, with pending orders
        again = Game.from_json(g.to_json())
        assert again.to_json() == g.to_json()

    g = play(scenario, seed, policy_seed, check=check_invariants, mid_round=mid)
    assert g.is_over and g.outcome is not None
    assert 1 <= g.round <= g.rounds
    h = g.state_hash()
    # same seed, same play -> same end
    assert play(scenario, seed, policy_seed).state_hash() == h
    # seed + action log reproduces the game
    assert Game.replay(scenario, seed, None, g.actions).state_hash() == h
    # save round-trips at the end
    assert Game.from_json(g.to_json()).to_json() == g.to_json()


@pytest.mark.parametrize("scenario", SCENARIOS)
@SETTINGS
@given(seed=st.integers(0, 2**32), data=st.data())
def test_legal_orders_are_accepted_and_refusals_change_nothing(scenario: str, seed: int, data) -> None:
    g = Game.new(scenario, seed=seed)
    g.advance()
    g.advance()
    for seat in g.seats:
        legal = g.legal_orders(seat)
        assert legal, f"{seat} has no legal order"
        for o in data.draw(st.lists(st.sampled_from(legal), min_size=1, max_size=5), label=seat):
            h, before = g.state_hash(), g.state.pending.get(seat)
            g.submit(seat, [o])  # must not raise
            assert g.state.pending[seat] == (o,)
            # the state (and its hash) changes exactly when the seat's pending orders do
            assert (g.state_hash() != h) == (before != (o,))
        # a submission that is refused leaves everything as it was
        h, n = g.state_hash(), len(g.actions)
        bad = data.draw(st.sampled_from([
            ["fund_defence amount=999"], ["rnd amount=999"], ["enter_region region=nowhere amount=1"],
            ["set_export_tier target=row tier=9"], ["no_such_order"], ["fund_defence amount=x"],
            [str(legal[0])] * 20,
        ]), label="bad")
        with pytest.raises(IllegalOrder):
            g.submit(seat, bad)
        assert g.state_hash() == h and len(g.actions) == n
    g.resolve()
    check_invariants(g)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_clone_is_independent(scenario: str) -> None:
    g = play(scenario, 5, 5)
    g = Game.new(scenario, seed=11)
    g.advance()
    g.advance()
    h = g.state_hash()
    c = g.clone()
    assert c.state_hash() == h
    seat = g.nations[0]
    c.submit(seat, [str(c.legal_orders(seat)[0])])
    c.state.nations[seat].trust[g.nations[1]] = 1.0
    c.state.frontier += 5
    c.resolve()
    assert g.state_hash() == h
    # and the search clone plays on without touching the original either
    s = g.clone(record=False)
    s.apply_orders_unchecked({})
    assert g.state_hash() == h and s.state.ledger == []


def test_every_scenario_plays_to_its_end() -> None:
    for scenario in SCENARIOS:
        for seed in (0, 1):
            g = play(scenario, seed, seed + 3)
            assert g.is_over, scenario
            assert json.loads(g.to_json())["state"]["phase"] == "over"
