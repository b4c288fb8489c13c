"""An outcome in doubt (GAME_DESIGN 10c, issue #15): every scenario states how often normal
bots should end in an alliance crisis, one card swapped in keeps the rest of the game's luck,
and the decisive-card count says which way a card pushes the alliance."""

from __future__ import annotations

from typing import Any

from tests.engine_helpers import to_orders

from game.content.loader import load_scenario, scenario_ids
from game.engine import Game
from game.session import outcomes


def test_every_scenario_states_its_crisis_range() -> None:
    for sid in scenario_ids():
        want = load_scenario(sid).crisis.expected_rate
        assert want is not None, f"{sid} states no crisis.expected_rate"
        assert 0.0 <= want.low < want.high <= 1.0, sid
    g7 = load_scenario("g7-2026").crisis.expected_rate
    assert g7 is not None and 0.10 <= g7.low and g7.high <= 0.35  # issue #15: 10-35 % of normal-bot games


def test_the_chance_stream_does_not_depend_on_how_many_incidents_happened() -> None:
    a = to_orders(Game.new("g7-2026", seed=3))
    b = a.clone()
    b.state.nations["italy"].queued_incidents = 2  # two more incidents in one game only
    for g in (a, b):
        g.resolve()
    assert b.state.nations["italy"].incidents >= a.state.nations["italy"].incidents + 2
    assert a.state.rng.state == b.state.rng.state  # every later roll is the same in both games


def test_extra_incidents_hit_the_domains_after_the_first() -> None:
    g = to_orders(Game.new("g7-2026", seed=3))
    g.state.nations["italy"].queued_incidents = 3
    g.state.modifiers["incident_chance"] = 0.0  # only the three queued incidents
    g.resolve()
    hit = {q.split("/")[1] for (r, cause, _ref, target, q, _d) in g.state.ledger
           if r == 1 and cause == "incident" and target == "italy" and q.startswith("data/")}
    assert len(hit) == 3  # three incidents, three different domains


def test_decisive_cards_count_crises_brought_and_averted(monkeypatch) -> None:
    base = ["secure", "crisis", "strained", "crisis"]
    swapped = {"rival_breakthrough": ["crisis", "crisis", "crisis", "crisis"],
               "allied_red_team": ["secure", "strained", "strained", "secure"],
               "quiet_year": ["crisis", "secure", "strained", "crisis"]}

    def fake_run(task: Any, tasks: list[Any], **kw: Any) -> list[dict[str, Any]]:
        return [{"base": {"seed": s, "alliance": base[s], "top_standing": "japan"},
                 "swaps": {c: {"alliance": v[s], "top_standing": "japan"} for c, v in swapped.items()}}
                for (_sc, s, _cards, _round) in tasks]

    monkeypatch.setattr(outcomes.batch, "run", fake_run)
    dec, _ = outcomes.decisive("g7-2026", range(4))
    by = {c.card: c for c in dec.cards}
    rb, red, quiet = by["rival_breakthrough"], by["allied_red_team"], by["quiet_year"]
    assert (rb.outcome, rb.into_crisis, rb.out_of_crisis) == (2, 2, 0)  # pushes the table into crisis
    assert (red.outcome, red.into_crisis, red.out_of_crisis) == (2, 0, 2)  # pulls it out
    assert (quiet.outcome, quiet.into_crisis, quiet.out_of_crisis) == (2, 1, 1)  # luck both ways
    assert rb.decisive and rb.rate == 0.5
    assert by["weights_leak"].seeds == 0 and not by["weights_leak"].decisive  # never swapped in here
