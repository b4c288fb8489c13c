"""The report tells the whole session: team names, the audit trail, injects, undos (an undone
override listed as undone), what each team did each year (a line per order and per agreement with
what the ledger shows), agreement expiry notices, incidents with their cause."""

from __future__ import annotations

import json
import re

import pytest

from game.session.report_build import build_report, load_report_source
from game.session.workshop import Workshop


class Clock:
    t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    d = tmp_path_factory.mktemp("story")
    ws = Workshop.new("g7-2026", seed=11, teams={"japan": "Team Tokyo", "usa": "Team DC", "germany": "Berlin"},
                      rounds=3, clock=Clock(), autosave_path=d / "session.json")
    ws.choose_inject("rival_breakthrough")
    ws.schedule_inject(2, "zero_day_grid")
    ws.end_phase()
    ws.record_agreement("threat_intel_sharing", ["japan", "usa"], 2)
    ws.end_phase()
    ws.override("germany", "budget", 2, "misread the card")  # undone below
    ws.enter_orders("japan", ["fund_defence amount=3", "fund_data domain=finance amount=2"])
    ws.end_phase()
    ws.undo()
    ws.enter_orders("japan", ["fund_defence amount=2", "fund_data domain=finance amount=2"])
    ws.override("usa", "score", 3, "kept the pact")  # stays
    ws.end_phase()
    ws.continue_after_results()
    while not ws.game.is_over:
        ws.end_phase()
    ws.autosave()
    return ws, d


def _build(ws, d, lang):
    html = d / f"r-{lang}.html"
    js = d / f"r-{lang}.json"
    src = load_report_source(d / "session.json")  # what `sumiwake report FILE` reads
    build_report(src.game, html, lang, js, counterfactual=lambda g, p: None, teams=src.teams, unlocks=src.unlocks,
                 audit=src.audit)
    return html.read_text(encoding="utf-8"), json.loads(js.read_text(encoding="utf-8"))


def test_overrides_undone_are_listed_as_undone(session):
    ws, d = session
    page, data = _build(ws, d, "en")
    lines = {o["reason"]: o for o in data["override_lines"]}
    assert lines["misread the card"]["undone"] is True and lines["misread the card"]["text"] == "Germany · Budget +2"
    assert lines["kept the pact"]["undone"] is False
    assert re.search(r"<s>[^<]*Germany · Budget \+2 — misread the card</s> <b>\[undone\]</b>", page)
    assert "Facilitator overrides" in page and "None." not in page.split("Facilitator overrides")[1][:200]


def test_session_section_has_teams_audit_injects_and_undos(session):
    ws, d = session
    page, data = _build(ws, d, "en")
    s = data["session"]
    assert [a["text"] for a in s["injects"]] == ["inject: “Rival breakthrough” played this round",
                                                 "inject: “Zero-day in the grid” scheduled for round 2"]
    assert len(s["undos"]) == 1 and "overrides undone: 1" in s["undos"][0]["text"]
    assert len(s["audit"]) == len(ws.audit)
    texts = " | ".join(a["text"] for a in s["audit"])
    assert "agreement recorded: Threat-intelligence sharing (Japan, United States) — formed" in texts
    assert "orders of Japan entered by the team (2)" in texts
    for team in ("Team Tokyo", "Team DC", "Berlin"):
        assert team in page
    assert "fund_defence" not in texts and "germany" not in texts


def test_each_year_has_a_line_per_order_and_agreement_with_its_effect(session):
    ws, d = session
    _, data = _build(ws, d, "en")
    y1 = data["years"][0]
    japan = next(s for s in y1["seats"] if s["seat"] == "japan")
    assert japan["team"] == "Team Tokyo"
    assert [o["text"] for o in japan["orders"]] == ["Fund defence: 2 points", "Fund domain data: Finance, 2 points"]
    assert japan["orders"][0]["effects"].startswith("Defence stock +")
    assert japan["orders"][1]["effects"].startswith("Data: Finance +")
    assert japan["agreements"][0]["text"] == "Threat-intelligence sharing with United States (until round 2)"
    assert "Trust in United States +" in japan["agreements"][0]["effects"]
    germany = next(s for s in y1["seats"] if s["seat"] == "germany")
    assert germany["held"] and not germany["orders"]
    from game.engine import Game

    start = Game.new("g7-2026", seed=11, rounds=3).view_for(None)["alliance_security"]
    assert y1["alliance_security_before"] == pytest.approx(start)  # the real start, not round 1's end
    assert y1["causes"]


def test_expiry_notices_the_year_before_and_the_year_it_ends(session):
    ws, d = session
    _, data = _build(ws, d, "en")
    notes = {y["round"]: y["notices"] for y in data["years"]}
    assert any("has one round left: it ends after round 2" in n and "Threat-intelligence sharing" in n
               for n in notes[1])
    assert any("Threat-intelligence sharing (Japan, United States) ends this round" in n for n in notes[2])


def test_incidents_carry_their_cause(session):
    ws, d = session
    _, data = _build(ws, d, "en")
    incidents = [i for y in data["years"] for i in y["incidents"]]
    assert incidents, "this seed has incidents"
    for i in incidents:
        assert "security -" in i["text"] and ("queued by the event" in i["text"] or "a chance roll" in i["text"])
    y2 = next(y for y in data["years"] if y["round"] == 2)  # the scheduled zero-day card queues incidents
    assert any("Zero-day in the grid" in i["text"] for i in y2["incidents"])


def test_the_japanese_report_says_it_in_japanese(session):
    ws, d = session
    page, data = _build(ws, d, "ja")
    assert "年ごとの記録" in page and "取り消し済み" in page and "監査記録" in page
    assert "SumiwakeJP" in page  # the bundled font is embedded
    japan = next(s for s in data["years"][0]["seats"] if s["seat"] == "japan")
    assert japan["orders"][0]["text"].startswith("防衛")
