"""The public API of `game.engine.Game`: secrecy of views, negotiation flow, resolve, outcome, reports, refusals."""

from __future__ import annotations

import json

import pytest

from game.engine import Game, IllegalOrder
from tests.engine_helpers import to_orders


def test_view_hides_other_seats_pending_orders_and_objectives() -> None:
    g = to_orders(Game.new("g7-2026", seed=3))
    g.submit("japan", ["fund_defence amount=3"])
    g.submit("germany", ["fund_data domain=manufacturing amount=2"])
    v = g.view_for("japan")
    assert v["pending"] == ["fund_defence amount=3"]
    text = json.dumps(v)
    assert "fund_data domain=manufacturing" not in text
    assert "domain': 'manufacturing" not in text
    assert v["objective"] == g.state.objectives["japan"]
    others = {oid for s, oid in g.state.objectives.items() if oid != g.state.objectives["japan"]}
    for oid in others:
        assert oid not in text, f"another seat's objective {oid} leaks into japan's view"
    assert "objectives" not in v
    pub = json.dumps(g.view_for(None))
    assert all(oid not in pub for oid in g.state.objectives.values())
    assert g.view_for(None)["pending"] == []
    # both submitted flags are public; contents are not
    assert v["submitted"]["germany"] is True


def test_objectives_revealed_after_the_end() -> None:
    g = Game.new("tutorial", seed=2)
    while not g.is_over:
        g.resolve()
    v = g.view_for("japan")
    assert v["objectives"] == g.state.objectives
    assert set(v["objectives_met"]) == set(g.state.objectives)


def test_proposals_form_decline_and_expire() -> None:
    g = Game.new("g7-2026", seed=1)
    g.advance()
    p1 = g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    assert g.answer("usa", p1, True) == "formed"
    p2 = g.propose("germany", "threat_intel_sharing", ["germany", "france"])
    assert g.answer("france", p2, False) == "declined"
    p3 = g.propose("italy", "threat_intel_sharing", ["italy", "uk", "canada"])
    assert g.answer("uk", p3, True) == "open"
    assert [p["id"] for p in g.proposals("canada")] == [p3]
    assert len(g.agreements()) == 1 and g.agreements()[0]["members"] == ["japan", "usa"]
    g.advance()  # negotiation ends: the open proposal expires
    assert {p["id"]: p["status"] for p in g.proposals(status=None)} == {p1: "formed", p2: "declined", p3: "expired"}
    with pytest.raises(IllegalOrder) as e:
        g.answer("canada", p3, True)
    assert e.value.code == "wrong_phase"
    # proposals are visible to their members only
    assert all(p["id"] != p1 for p in g.view_for("germany")["proposals"])
    assert any(p["id"] == p1 for p in g.view_for("usa")["proposals"])


def test_resolve_auto_advances_and_missing_seats_hold() -> None:
    g = Game.new("g7-2026", seed=4)
    assert g.phase == "event"
    h = g.state.nations["italy"].defence
    r = g.resolve()
    assert r.round == 1 and g.round == 2 and g.phase == "event"
    assert g.actions[:3] == [["advance"], ["advance"], ["resolve"]]
    assert r.orders["italy"] == []
    # italy gave no orders: its defence only wore (and events may have moved it), and the
    # report's lines explain the whole change
    lines = r.explain("italy", "defence")
    assert not any(c == "order" for c, _, _ in lines)
    assert any(c == "decay" and d < 0 for c, _, d in lines)
    assert sum(d for _, _, d in lines) == pytest.approx(g.state.nations["italy"].defence - h, abs=1e-9)


def test_outcome_is_none_until_over() -> None:
    g = Game.new("tutorial", seed=9)
    while not g.is_over:
        assert g.outcome is None
        g.resolve()
    o = g.outcome
    assert o is not None
    assert o.winner == o.ranking[0][0]
    assert [s for s, _ in o.ranking] == sorted(g.seats, key=lambda s: (-g.scores()[s], s))
    assert o.alliance in ("secure", "strained", "crisis")
    with pytest.raises(IllegalOrder) as e:
        g.resolve()
    assert e.value.code == "game_over"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_explain_sums_to_the_change(seed: int) -> None:
    g = Game.new("g7-2026", seed=seed)
    before = g.state.copy()
    g.advance()
    g.advance()
    g.submit("japan", ["fund_defence amount=3", "fund_data domain=finance amount=2"])
    g.submit("usa", ["set_export_tier target=japan tier=2"])
    g.submit("sakana", ["build_application domain=finance amount=2"])
    r = g.resolve()
    after = g.state
    checks = [
        ("japan", "defence", before.nations["japan"].defence, after.nations["japan"].defence),
        ("japan", "data/finance", before.nations["japan"].data["finance"], after.nations["japan"].data["finance"]),
        ("japan", "trust/usa", before.nations["japan"].trust["usa"], after.nations["japan"].trust["usa"]),
        ("sakana", "apps/finance", before.firms["sakana"].apps["finance"], after.firms["sakana"].apps["finance"]),
        ("rival", "threat", before.rival.threat, after.rival.threat),
        ("world", "frontier", before.frontier, after.frontier),
    ]
    for n in g.nations:
        checks.append((n, "security", before.nations[n].security, after.nations[n].security))
        checks.append((n, "competitiveness", before.nations[n].competitiveness, after.nations[n].competitiveness))
    for f in g.firms:
        checks.append((f, "competitiveness", before.firms[f].competitiveness, after.firms[f].competitiveness))
        checks.append((f, "model", before.firms[f].model, after.firms[f].model))
    for target, q, a, b in checks:
        lines = r.explain(target, q)
        assert sum(d for _, _, d in lines) == pytest.approx(b - a, abs=1e-9), (target, q, lines)
        assert r.delta(target, q) == pytest.approx(b - a, abs=1e-9)
    # the report can be rebuilt from the ledger alone
    from game.engine.report import report_from_ledger
    assert report_from_ledger(g.state, g.rs, 1).entries == r.entries



def test_every_rounds_report_holds_exactly_that_rounds_ledger() -> None:
    """Reports take their round's block from the end of the ledger; it must be the whole round."""
    from game.engine.report import report_from_ledger
    from game.session.simulate import play_game

    g = play_game("fragmented-world", 3)  # random play, negotiation included
    assert len(g.reports) == g.state.round
    for r in g.reports:
        rebuilt = report_from_ledger(g.state, g.rs, r.round)
        assert r.entries == rebuilt.entries and r.entries
        assert all(e.round == r.round for e in r.entries)

def test_illegal_order_has_code_and_japanese_message() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    with pytest.raises(IllegalOrder) as e:
        g.submit("japan", ["fund_defence amount=99"])
    err = e.value
    assert err.code == "bad_amount"
    ja = err.message("ja")
    assert ja and ja != err.message("en")
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in ja)
    with pytest.raises(IllegalOrder) as e:
        g.submit("japan", ["fund_defence amount=6", "fund_data domain=finance amount=4"])
    assert e.value.code == "over_budget" and "予算" in e.value.message("ja")
    with pytest.raises(IllegalOrder) as e:
        g.submit("nobody", [])
    assert e.value.code == "unknown_seat"


def test_every_refusal_code_has_both_languages() -> None:
    from game.engine.messages import CATALOG
    for code, entry in CATALOG.items():
        assert entry.get("en"), code
        assert entry.get("ja"), code


def test_submit_replaces_and_check_is_pure() -> None:
    g = to_orders(Game.new("g7-2026", seed=1))
    h = g.state_hash()
    g.check("japan", ["fund_defence amount=2"])
    assert g.state_hash() == h
    g.submit("japan", ["fund_defence amount=2"])
    g.submit("japan", ["fund_defence amount=1"])
    assert [str(o) for o in g.state.pending["japan"]] == ["fund_defence amount=1"]
    assert g.submitted()["japan"] and not g.submitted()["usa"]


def test_names_come_from_the_content_in_each_language() -> None:
    g = Game.new("g7-2026", seed=1)
    rs = g.rs
    for lang in ("en", "ja"):
        names = {rs.region_name(r.id, lang) for r in rs.rules.world.regions}
        assert len(names) == len(rs.rules.world.regions)  # each region its own name
        for r in rs.rules.world.regions:
            assert rs.region_name(r.id, lang) == r.name.get(lang)
        for d in rs.rules.world.domains:
            assert rs.domain_name(d.id, lang) == d.name.get(lang)
        assert rs.seat_name("japan", lang) == rs.seat_defs["japan"].name.get(lang)
        assert rs.seat_name("rival", lang) == rs.rules.world.rival.name.get(lang)
    assert rs.region_name("atlantis") == "atlantis" and rs.domain_name("alchemy") == "alchemy"
    assert rs.seat_name("nobody") == "nobody"


def test_ledger_entries_filter_by_round_target_and_quantity() -> None:
    from game.engine.ledger import entries

    g = Game.new("g7-2026", seed=2)
    g.resolve()
    g.resolve()
    every = entries(g.state)
    assert len(every) == len(g.state.ledger)
    japan = entries(g.state, target="japan")
    assert japan and all(e.target == "japan" for e in japan)
    assert len(japan) == sum(1 for e in g.state.ledger if e[3] == "japan")
    sec = entries(g.state, round=2, target="japan", quantity="security")
    assert sec and all((e.round, e.target, e.quantity) == (2, "japan", "security") for e in sec)
    assert sum(e.delta for e in sec) == pytest.approx(g.reports[1].delta("japan", "security"), abs=1e-12)


def test_explain_text_totals_the_change_in_display_units() -> None:
    from game.engine.messages import render
    from game.engine.report import explain_text

    g = Game.new("g7-2026", seed=2)
    r = g.resolve()
    for lang in ("en", "ja"):
        text = explain_text(r, g.rs, "japan", "security", lang)
        head = text.split("：" if lang == "ja" else ":")[0]
        assert head.endswith(f"{100 * r.delta('japan', 'security'):+.1f}"), text  # security in points of 100
        comp = explain_text(r, g.rs, "japan", "competitiveness", lang)
        assert f"{r.delta('japan', 'competitiveness'):+.1f}" in comp.split("：" if lang == "ja" else ":")[0]
        assert text.startswith(render("quantity.security", lang) + " "), text  # the quantity's word
    assert explain_text(r, g.rs, "japan", "no_such_quantity") == "no_such_quantity +0.0"  # no word: its id


def test_round_report_text_names_the_event_and_every_seat() -> None:
    from game.engine.report import report_text

    g = Game.new("g7-2026", seed=2)
    g.choose_event("g7_summit")
    r = g.resolve()
    for lang in ("en", "ja"):
        text = report_text(r, g.rs, lang)
        assert g.rs.events["g7_summit"].title.get(lang) in text
        assert all(g.rs.seat_name(s, lang) in text for s in g.seats)


def test_nations_with_sovereign_counts_only_real_programmes() -> None:
    from game.engine.metrics import metric

    g = Game.new("g7-2026", seed=2)
    for n in g.state.nations.values():
        n.sovereign = 0.0
    assert metric(g.state, g.rs, "nations_with_sovereign") == 0.0
    g.state.nations["japan"].sovereign = 0.5
    g.state.nations["france"].sovereign = 2.0
    assert metric(g.state, g.rs, "nations_with_sovereign") == 2.0


def test_each_seat_draws_a_secret_objective_of_its_own_role() -> None:
    g = Game.new("g7-2026", seed=5)
    assert g.state.objectives
    for seat, oid in g.state.objectives.items():
        assert g.rs.objectives[oid].role == g.rs.seat_defs[seat].role, (seat, oid)


def test_export_tier_orders_exist_toward_every_other_nation() -> None:
    g = to_orders(Game.new("g7-2026", seed=5))
    legal = [str(o) for o in g.legal_orders("japan")]
    for other in g.state.nations:
        if other != "japan":
            assert any(o.startswith("set_export_tier") and f"target={other}" in o for o in legal), other
    assert not any(o.startswith("set_export_tier") and "target=japan" in o for o in legal)


def test_override_changes_exactly_the_amount_and_records_it() -> None:
    g = Game.new("g7-2026", seed=5)
    d0, b0 = g.state.nations["japan"].defence, g.state.nations["japan"].budget
    g.override("japan", "defence", 2.5, "tabletop ruling")
    g.override("japan", "budget", 3, "grant")
    assert g.state.nations["japan"].defence == pytest.approx(d0 + 2.5, abs=1e-12)
    assert g.state.nations["japan"].budget == b0 + 3
    assert len(g.state.overrides) == 2
