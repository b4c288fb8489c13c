"""The ledger is the single source of truth: over every round of random play (orders,
agreements, event cards, overrides), for every target and quantity, the ledger's entries
sum to the change of the state."""

from __future__ import annotations

import math

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from game.ai.random_policy import RandomPolicy
from game.engine import Game, IllegalOrder
from game.engine.ledger import change
from game.engine.state import GameState

# quantities the ledger records as structure (tiers, licences) or not at all (market
# values grow by a rate, unitemised): everything else it must account for exactly
STRUCTURAL = ("tier/", "licence/", "market/")


def quantities(s: GameState) -> dict[tuple[str, str], float]:
    """Every scored quantity of the state, by (target, quantity) as the ledger names them."""
    out: dict[tuple[str, str], float] = {}
    for nid, n in s.nations.items():
        for q in ("budget", "defence", "sovereign", "security", "competitiveness"):
            out[nid, q] = getattr(n, q)
        for d, v in n.data.items():
            out[nid, f"data/{d}"] = v
        for other, v in n.trust.items():
            out[nid, f"trust/{other}"] = v
    for fid, f in s.firms.items():
        for q in ("budget", "model", "weight_security", "competitiveness", "received"):
            out[fid, q] = getattr(f, q)
        for d, v in f.apps.items():
            out[fid, f"apps/{d}"] = v
        for r, v in f.presence.items():
            out[fid, f"presence/{r}"] = v
    for seat, v in s.scores.items():
        out[seat, "score"] = v
    out["rival", "threat"] = s.rival.threat
    out["rival", "capability"] = s.rival.capability
    for r, v in s.rival.presence.items():
        out["rival", f"presence/{r}"] = v
    out["world", "frontier"] = s.frontier
    return out


def assert_ledger_accounts(before: dict, after: dict, entries: list[tuple], where: str) -> None:
    sums: dict[tuple[str, str], float] = {}
    for _round, _cause, _ref, target, quantity, delta in entries:
        if quantity.startswith(STRUCTURAL):
            continue
        key = (target, quantity)
        assert key in after, f"{where}: ledger entry for an unknown quantity {key}"
        sums[key] = sums.get(key, 0.0) + delta
    for key, new in after.items():
        old = before.get(key, 0.0)
        got = sums.get(key, 0.0)
        assert math.isclose(new - old, got, rel_tol=1e-9, abs_tol=1e-7), \
            f"{where}: {key} changed by {new - old!r} but the ledger says {got!r}"


def _play(scenario: str, seed: int, data) -> None:
    g = Game.new(scenario, seed=seed, rounds=data.draw(st.integers(2, 4), label="rounds"))
    policy = RandomPolicy(seed)
    seats = list(g.seats)
    snap, mark = quantities(g.state), len(g.state.ledger)

    def check(where: str) -> None:
        nonlocal snap, mark
        now = quantities(g.state)
        assert_ledger_accounts(snap, now, g.state.ledger[mark:], where)
        snap, mark = now, len(g.state.ledger)

    while not g.is_over:
        r = g.round
        if data.draw(st.booleans(), label="override"):
            who = data.draw(st.sampled_from(seats))
            q = data.draw(st.sampled_from(["score", "budget", "defence", "security", "trust/usa", "data/finance",
                                           "rival_threat"]))
            try:
                g.override(who, q, data.draw(st.sampled_from([-50.0, -3.0, -0.4, 2.0, 7.5, 40.0])), "test")
            except IllegalOrder:
                pass
            check(f"round {r} override")
        g.advance()  # the event applies
        check(f"round {r} event")
        kind = data.draw(st.sampled_from(sorted(g.rs.agreements)), label="agreement")
        members = data.draw(st.lists(st.sampled_from(seats), min_size=1, max_size=3, unique=True), label="members")
        try:
            pid = g.propose(members[0], kind, members)
            for m in members[1:]:
                g.answer(m, pid, data.draw(st.booleans(), label="accept"))
        except IllegalOrder:
            pass
        check(f"round {r} negotiation")
        g.advance()
        for seat in seats:
            g.submit(seat, policy.orders(g, seat).orders)
        g.resolve()  # resolution, and the next round's income
        check(f"round {r} resolution")


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no slow shrinking
@given(scenario=st.sampled_from(["g7-2026", "tutorial", "democratic-ai-alliance", "fragmented-world", "middle-powers"]),
       seed=st.integers(0, 10_000), data=st.data())
def test_ledger_sums_to_every_change_in_random_play(scenario: str, seed: int, data) -> None:
    _play(scenario, seed, data)


def test_change_posts_what_happened_within_bounds() -> None:
    g = Game.new("tutorial", seed=1)
    s = g.state
    n = len(s.ledger)
    s.nations["japan"].data["finance"] = 0.4
    assert change(s, "incident", "", "japan", "data/finance", -1.0, lo=0.0) == -0.4
    assert s.nations["japan"].data["finance"] == 0.0  # never below zero
    assert s.ledger[n:] == [(s.round, "incident", "", "japan", "data/finance", -0.4)]
    base = s.scores["japan"]
    change(s, "round_score", "", "japan", "score", 10.0)
    change(s, "crisis", "", "japan", "score", -2.5)  # the crisis loss comes off the total
    assert s.scores["japan"] == base + 10.0 - 2.5
    assert [e[-1] for e in s.ledger[n + 1:]] == [10.0, -2.5]
