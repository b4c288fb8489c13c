"""A scripted workshop driven through the facilitator's controls."""

from __future__ import annotations

import json
import os

import pytest

from game.engine import IllegalOrder, SaveError
from game.session import storage
from game.session.workshop import Workshop


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, s: float) -> None:
        self.t += s


TEAMS = {"japan": "Team Tokyo", "usa": "Team DC", "france": "Équipe Paris"}


@pytest.fixture
def ws(tmp_path):
    clock = FakeClock()
    w = Workshop.new("g7-2026", seed=11, teams=TEAMS, rounds=4,
                     durations={"event": 60, "negotiation": 300, "orders": 240},
                     autosave_path=tmp_path / "session.json", clock=clock)
    return w, clock


def test_timer_pauses_extends_warns_and_times_out(ws):
    w, clock = ws
    assert w.game.phase == "event" and w.remaining() == 60
    clock.advance(20)
    w.pause()
    clock.advance(500)  # a long discussion while paused costs no time
    assert w.remaining() == 40
    w.resume()
    w.extend(30)
    clock.advance(60)
    assert w.remaining() == 10 and w.warning()
    assert not w.tick()
    clock.advance(11)
    assert w.tick() and w.game.phase == "negotiation"
    assert w.remaining() == 300


def test_inject_choice_and_schedule(ws):
    w, _ = ws
    w.choose_inject("rival_breakthrough")
    assert w.game.event == "rival_breakthrough"
    w.schedule_inject(2, "zero_day_grid")
    for _ in range(3):
        w.end_phase()  # event, negotiation, orders (resolves round 1)
    assert w.game.round == 2 and w.game.event == "zero_day_grid"


def test_recorded_agreement_binds(ws):
    w, _ = ws
    w.end_phase()
    status = w.record_agreement("frontier_access_pact", ["usa", "japan", "france"])
    assert status == "formed"
    kinds = [a["kind"] for a in w.game.agreements()]
    assert "frontier_access_pact" in kinds
    w.end_phase()
    with pytest.raises(IllegalOrder) as err:
        w.enter_orders("usa", ["set_export_tier target=japan tier=3"])
    assert err.value.code == "pact_locks_tier"


def test_missing_orders_follow_the_rule(ws):
    w, _ = ws
    w.end_phase()
    w.end_phase()
    w.enter_orders("japan", ["fund_defence amount=3"], by="facilitator")
    w.end_phase()
    revealed = w.game.state.revealed[-1]["orders"]
    assert revealed["japan"] == ["fund_defence amount=3"]
    assert revealed["usa"] == [] and revealed["france"] == []  # human teams missing: hold
    assert any(revealed[s] for s in w.ai_seats)  # AI fill-ins played


def test_override_goes_to_audit_and_ledger(ws):
    w, _ = ws
    w.override("italy", "score", 12.5, "Italy's delegation brokered the summit")
    assert w.game.scores()["italy"] == 12.5
    assert w.audit[-1].action == "override"
    assert w.game.state.overrides[-1]["reason"].startswith("Italy")
    with pytest.raises(IllegalOrder):
        w.override("italy", "score", 1.0, "  ")


def test_undo_rolls_back_to_the_orders_phase(ws):
    w, _ = ws
    w.end_phase()
    w.end_phase()
    assert not w.can_undo()
    before = w.game.state_hash()
    w.enter_orders("japan", ["fund_defence amount=3"])
    w.end_phase()
    assert w.game.round == 2
    w.undo()
    assert w.game.round == 1 and w.game.phase == "orders"
    assert w.game.state_hash() == before  # the submitted orders are gone too
    w.enter_orders("japan", ["fund_data domain=finance amount=2"])
    w.end_phase()
    assert w.game.state.revealed[-1]["orders"]["japan"] == ["fund_data domain=finance amount=2"]


def test_resume_after_a_closed_lid(ws, tmp_path):
    w, clock = ws
    w.end_phase()
    w.record_agreement("threat_intel_sharing", ["japan", "usa"])
    w.end_phase()
    w.enter_orders("japan", ["fund_defence amount=2"])
    path = tmp_path / "session.json"
    back = Workshop.load(path, clock=clock)
    assert back.game.state_hash() == w.game.state_hash()
    assert back.game.state.pending["japan"]  # nothing submitted was lost
    assert not back.timer.running  # comes back paused
    assert back.teams == TEAMS
    back.end_phase()
    assert back.game.round == 2


def test_killed_during_autosave_resumes_from_last_complete_phase(ws, tmp_path, monkeypatch):
    w, clock = ws
    w.end_phase()  # autosaved in negotiation
    path = tmp_path / "session.json"
    good = path.read_text()

    def crash(*_a, **_k):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        w.end_phase()  # the write of the orders-phase autosave dies before it lands
    monkeypatch.undo()
    assert path.read_text() == good
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    back = Workshop.load(path, clock=clock)
    assert back.game.phase == "negotiation"


def test_resume_refuses_a_damaged_file(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text(json.dumps({"format": "sumiwake-workshop", "format_version": 99}))
    with pytest.raises(SaveError, match="version"):
        Workshop.load(bad)
    bad.write_text("{not json")
    with pytest.raises(SaveError, match="not JSON"):
        Workshop.load(bad)


def test_atomic_write_replaces_whole_file(tmp_path):
    p = tmp_path / "a.json"
    storage.write_atomic(p, "one")
    storage.write_atomic(p, "two")
    assert p.read_text() == "two"
