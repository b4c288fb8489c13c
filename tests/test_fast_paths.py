"""The engine's fast paths give what the plain ones give: the batched shuffle, the kept
legal orders of each kind, the order sheet's running check and the checked submission."""

from __future__ import annotations

import pytest

from game.ai.random_policy import RandomPolicy
from game.engine import Game, IllegalOrder, Order
from game.engine.legality import Submission, candidate_orders, check_order, check_orders
from game.engine.rng import Rng

_MASK = (1 << 64) - 1


def _fisher_yates(rng: Rng, items: list[int]) -> None:
    for i in range(len(items) - 1, 0, -1):
        j = rng.below(i + 1)
        items[i], items[j] = items[j], items[i]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 64, 161, 300])
def test_batched_shuffle_is_the_step_by_step_one(n: int) -> None:
    for k in range(60):  # states across the range, and next to the 2**64 wrap-around
        state = (k * 0x9E3779B97F4A7C15 * 0x2545F4914F6CDD1D) & _MASK if k < 57 else _MASK - (k - 57)
        want, got = list(range(n)), list(range(n))
        ref, fast = Rng(state), Rng(state)
        _fisher_yates(ref, want)
        fast.shuffle(got)
        assert got == want and fast.state == ref.state


def test_draws_are_the_next_outputs_and_do_not_advance() -> None:
    r = Rng(_MASK - 3)
    got = r.draws(40)
    assert r.state == _MASK - 3
    assert got == [r.next_u64() for _ in range(40)]
    assert Rng(1).draws(0) == []


def _positions(scenario: str, seed: int, rounds: int) -> list[Game]:
    """Orders-phase positions of random play, with budgets and tiers pushed around by
    overrides and orders so that affordability and the kinds' own checks vary."""
    g = Game.new(scenario, seed=seed)
    policy = RandomPolicy(seed)
    rng = Rng(seed)
    out = []
    for r in range(rounds):
        if g.is_over:
            break
        g.advance()
        g.advance()
        for s in g.seats:
            if rng.below(3) == 0:
                g.override(s, "budget", -rng.below(g.budget(s) + 2), "test: tighter budget")
        out.append(g.clone())
        for s in g.seats:
            g.submit(s, policy.orders(g, s).orders)
        g.resolve()
    return out


@pytest.mark.parametrize("scenario", ["g7-2026", "fragmented-world", "middle-powers"])
def test_kept_legal_orders_match_the_check_in_every_position(scenario: str) -> None:
    # the positions are visited twice: the second time every kind's legal orders come from
    # what was kept, and must still be exactly what the check accepts there
    positions = _positions(scenario, seed=5, rounds=6)
    for _ in range(2):
        for g in positions:
            for seat in g.seats:
                accepted = []
                for o in candidate_orders(g.state, g.rs, seat):
                    try:
                        check_order(g.state, g.rs, seat, o)
                    except IllegalOrder:
                        continue
                    accepted.append(o)
                assert list(g.legal_orders(seat)) == accepted, (seat, g.round)


def _legal_together(g: Game, seat: str, orders: list[Order]) -> bool:
    try:
        check_orders(g.state, g.rs, seat, orders)
    except IllegalOrder:
        return False
    return True


@pytest.mark.parametrize("scenario", ["g7-2026", "tutorial"])
def test_order_sheet_accepts_what_the_whole_check_accepts(scenario: str) -> None:
    rng = Rng(11)
    for g in _positions(scenario, seed=2, rounds=4):
        for seat in g.seats:
            legal = g.legal_orders(seat)
            rng.shuffle(legal)
            other = next(s for s in g.seats if s != seat)
            foreign = list(g.legal_orders(other))[:5]  # well formed, but for another seat (some illegal here)
            junk = [Order("fund_defence", amount=7), Order("rnd", amount=99), Order("fund_defence", amount=3.0)]  # type: ignore[arg-type]
            sheet = legal.sheet()
            picked: list[Order] = []
            for o in [*junk, *foreign, *legal]:
                want = _legal_together(g, seat, [*picked, o])
                assert sheet.add(o) is want, (seat, str(o))
                if want:
                    picked.append(o)
            assert sheet.orders == picked


def test_a_checked_submission_is_taken_only_while_nothing_changed() -> None:
    g = Game.new("g7-2026", seed=4)
    g.advance()
    g.advance()
    sheet = g.legal_orders("japan").sheet()
    assert sheet.add(Order("fund_defence", amount=4))
    assert sheet.add(Order("fund_data", domain="finance", amount=4))
    sub = sheet.submission()
    assert isinstance(sub, Submission) and list(sub) == sheet.orders
    g.override("japan", "budget", -(g.budget("japan") - 3), "test: the budget falls after the sheet was made")
    with pytest.raises(IllegalOrder) as e:  # checked again: the state changed since the sheet
        g.submit("japan", sub)
    assert e.value.code == "over_budget"
    assert "japan" not in g.state.pending
    mine = g.legal_orders("japan").sheet()
    assert mine.add(Order("set_export_tier", target="usa", tier=2))
    with pytest.raises(IllegalOrder) as e:  # given for another seat, it is checked as that seat's
        g.submit("usa", mine.submission())
    assert e.value.code == "self_target"
    theirs = g.legal_orders("usa").sheet()  # and the other way round: whichever seat sorts first
    assert theirs.add(Order("set_export_tier", target="japan", tier=2))
    before = g.state_hash()
    with pytest.raises(IllegalOrder) as e:
        g.submit("japan", theirs.submission())
    assert e.value.code == "self_target" and e.value.message("en") and e.value.message("ja")
    assert g.state_hash() == before and "japan" not in g.state.pending
    fresh = g.legal_orders("japan").sheet()
    assert fresh.add(Order("fund_defence", amount=3))
    g.submit("japan", fresh.submission())
    assert g.state.pending["japan"] == (Order("fund_defence", amount=3),)
    assert g.actions[-1] == ["submit", "japan", [{"kind": "fund_defence", "amount": 3}]]


def test_random_policy_submission_replays_identically() -> None:
    g = Game.new("g7-2026", seed=9)
    policy = RandomPolicy(9)
    while not g.is_over:
        g.advance()
        g.advance()
        for s in g.seats:
            d = policy.orders(g, s)
            assert _legal_together(g, s, list(d.orders))
            g.submit(s, d.orders)
        g.resolve()
    again = Game.replay("g7-2026", 9, None, g.actions)
    assert again.to_json() == g.to_json()


@pytest.mark.parametrize("scenario", ["g7-2026", "fragmented-world", "democratic-ai-alliance"])
def test_fast_legal_filters_give_what_the_check_gives(scenario: str) -> None:
    # the kinds that decide their legal orders without raising (`OrderRule._filter_fast`)
    # list exactly the candidates their check accepts, in order, at any budget; the bots'
    # games form frontier pacts (which lock tiers), random play blocks exports at tier 3
    from game.engine.legality import _kinds_for, budget_of
    from game.engine.order_rules import OrderRule
    from game.session.simulate import TableSpec, play_table

    seen: set[tuple[str, bool]] = set()

    def compare(g: Game) -> None:
        st, rs = g.state, g.rs
        for seat in g.seats:
            for rule, d in _kinds_for(st, rs, seat):
                if type(rule)._filter_fast is OrderRule._filter_fast:
                    continue
                for budget in (budget_of(st, seat), 0, 2, 100):
                    want = list(rule._filter_checked(st, rs, seat, d, budget))
                    assert list(rule._filter(st, rs, seat, d, budget)) == want, (rule.kind, seat, budget, g.round)
                    seen.add((rule.kind, bool(want)))

    for seed in range(2):
        for spec in (TableSpec(policy="random"), TableSpec(difficulty="normal")):
            play_table(scenario, seed, spec, on_round=compare)
    assert {k for k, _ in seen} == {"set_export_tier", "license_model", "license_from"}
    assert ("set_export_tier", True) in seen and ("license_from", False) in seen
