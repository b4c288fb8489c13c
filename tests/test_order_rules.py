"""The engine's registries cover exactly the schema's kinds, and the lazy legal-order view
agrees with the checked path."""

from __future__ import annotations

from typing import get_args

import pytest
import yaml

from game.ai.random_policy import RandomPolicy
from game.content.schema import Metric
from game.content.schema import ORDER_KINDS, ORDER_PARAMS, Selector
from game.engine import Game, IllegalOrder, Order
from game.engine.events import SELECTORS
from game.engine.legality import LegalOrders, candidate_orders, check_order
from game.engine.metrics import SEAT_METRICS, WORLD_METRICS
from game.engine.order_rules import RULES, STEPS


def test_order_rules_cover_exactly_the_schema_kinds():
    assert set(RULES) == set(ORDER_KINDS)
    assert all(rule.kind == kind for kind, rule in RULES.items())
    assert {rule.step for rule in RULES.values()} == set(STEPS)


def test_metrics_and_selectors_cover_exactly_the_schema():
    assert set(WORLD_METRICS) | set(SEAT_METRICS) == set(get_args(Metric))
    assert not set(WORLD_METRICS) & set(SEAT_METRICS)
    assert set(SELECTORS) == set(get_args(Selector))


def test_every_order_coefficient_is_in_rules_orders_yaml():
    with open("rules/orders.yaml", encoding="utf-8") as fh:
        entries = {o["kind"]: o for o in yaml.safe_load(fh)["orders"]}
    for kind in ORDER_KINDS:
        assert set(entries[kind].get("params", {})) == set(ORDER_PARAMS.get(kind, ())), kind


def test_order_params_must_match_their_kind():
    from pydantic import ValidationError

    from game.content.schema import OrderDef

    base = {"kind": "procure", "actor": "nation", "name": {"en": "x"}, "help": {"en": "x"}}
    ok = {"capital_share": 0.5, "data_per_point": 0.1}
    OrderDef(**base, params=ok)
    with pytest.raises(ValidationError, match="missing: capital_share"):
        OrderDef(**base, params={"data_per_point": 0.1})
    with pytest.raises(ValidationError, match="unknown: typo"):
        OrderDef(**base, params={**ok, "typo": 1.0})
    with pytest.raises(ValidationError, match="finite number"):  # every number in content is finite
        OrderDef(**base, params={**ok, "capital_share": float("inf")})
    with pytest.raises(ValidationError, match="finite number above 0"):
        OrderDef(**base, params={**ok, "data_per_point": 0.0})


def _played(scenario: str, seed: int, rounds: int) -> list[Game]:
    """Positions in the orders phase over a few rounds of random play."""
    g = Game.new(scenario, seed=seed)
    policy = RandomPolicy(seed)
    out = []
    for _ in range(rounds):
        g.advance()
        g.advance()
        out.append(g.clone())
        for s in g.seats:
            g.submit(s, policy.orders(g, s).orders)
        g.resolve()
        if g.is_over:
            break
    return out


@pytest.mark.parametrize("scenario", ["g7-2026", "democratic-ai-alliance", "tutorial"])
def test_legal_orders_are_exactly_the_candidates_the_check_accepts(scenario):
    for g in _played(scenario, seed=3, rounds=3):
        for seat in g.seats:
            accepted = []
            for o in candidate_orders(g.state, g.rs, seat):
                try:
                    check_order(g.state, g.rs, seat, o)
                except IllegalOrder:
                    continue
                accepted.append(o)
            view = g.legal_orders(seat)
            assert list(view) == accepted
            assert view.count() == len(accepted)
            assert all(o in view for o in accepted)
            refused = [o for o in candidate_orders(g.state, g.rs, seat) if o not in accepted]
            assert not any(o in view for o in refused)


def test_legal_view_is_lazy_and_also_a_list():
    g = Game.new("g7-2026", seed=1)
    g.advance()
    g.advance()
    view = g.legal_orders("japan")
    assert isinstance(view, LegalOrders)
    first = next(iter(view))  # iterating does not build the list
    assert view._list is None
    assert first in view and view.count(first) == 1
    assert Order("fund_defence", amount=7) not in view  # not an allowed amount
    assert "fund_defence amount=1" not in view  # only orders are members
    assert view.count() == sum(1 for _ in view)
    assert view._list is None
    n = len(view)  # len() and indexing make it a list, as the random policy's shuffle needs
    assert view._list is not None and n == view.count()
    view[0], view[1] = view[1], view[0]
    assert list(view)[:2] == [view[0], view[1]]
    g2 = Game.new("g7-2026", seed=1)
    assert not g2.legal_orders("japan") and g2.legal_orders("japan").count() == 0  # event phase: none


@pytest.mark.parametrize("fields, bad", [
    ({"target": "usa", "domain": 5}, "domain"),  # a good target before it does not hide the bad domain
    ({"domain": 5}, "domain"),  # nor does a target left out
    ({"target": "usa", "domain": "finance", "region": ["europe"]}, "region"),
    ({"target": 3}, "target"),
])
def test_an_order_field_that_is_not_an_id_is_named_in_its_refusal(fields, bad) -> None:
    g = Game.new("g7-2026", seed=1)
    g.advance()
    g.advance()
    before = g.state_hash()
    with pytest.raises(IllegalOrder) as e:
        g.submit("japan", [Order("fund_data", amount=1, **fields)])
    assert e.value.code == "field_not_id" and e.value.params["field"] == bad
    assert e.value.params["value"] == repr(fields[bad])
    assert g.state_hash() == before
