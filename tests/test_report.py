"""The after-action report and the role cards: complete, self-contained, generated from content."""

from __future__ import annotations

import html as htmllib
import json
import re
import xml.etree.ElementTree as ET

import pytest

from game.ai.random_policy import RandomPolicy
from game.cli.main import main
from game.engine import Game
from game.session.cards import write_cards
from game.session.report_build import build_report
from game.session.storage import save_game


def _played(rounds: int = 4) -> Game:
    g = Game.new("g7-2026", seed=21, rounds=rounds)
    policy = RandomPolicy(21)
    g.override("italy", "score", 5.0, "brokered the summit communique")
    while not g.is_over:
        g.advance()
        g.advance()
        for s in g.seats:
            g.submit(s, policy.orders(g, s).orders)
        g.resolve()
        if g.round == 2 and not g.is_over:
            g.override("japan", "trust/usa", -4.0, "walked out of the session")
    return g


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    g = _played()
    out = tmp_path_factory.mktemp("r")
    data = build_report(g, out / "r.html", "en", out / "r.json",
                        counterfactual=lambda game, p: [{"round": 1, "alliance_security": 50.0,
                                                         "alliance_competitiveness": 60.0}])
    return g, (out / "r.html").read_text(encoding="utf-8"), json.loads((out / "r.json").read_text()), data


def test_report_has_every_round_and_override(report):
    g, html, data, _ = report
    assert len(data["history"]) == len(g.state.history)
    for h in g.state.history:
        assert f"Round {h['round']}" in html
    for o in g.state.overrides:
        assert o["reason"] in html
    assert "brokered the summit communique" in html and "walked out of the session" in html


def test_report_charts_are_valid_embedded_svg(report):
    _, html, _, _ = report
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) >= 3  # indices, scores, counterfactual
    for svg in svgs:
        root = ET.fromstring(svg)  # well-formed XML
        assert root.tag.endswith("svg")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_report_reveals_secrets_and_has_prompts(report):
    g, html, data, _ = report
    for seat, oid in g.state.objectives.items():
        assert g.rs.objectives[oid].title.get("en") in htmllib.unescape(html)
    assert {p["id"] for p in data["prompts"]} == {"defence", "interconnection", "sumiwake", "forum"}
    assert "{" not in "".join(p["description"] + p["analysis"] for p in data["prompts"])


def test_report_in_japanese_embeds_the_font(tmp_path):
    g = _played(rounds=2)
    build_report(g, tmp_path / "ja.html", "ja")
    html = (tmp_path / "ja.html").read_text(encoding="utf-8")
    assert "事後報告書" in html and "@font-face" in html and "base64" in html


def test_report_command_from_a_save(tmp_path, capsys):
    g = _played(rounds=2)
    save_game(g, tmp_path / "s.json")
    assert main(["report", str(tmp_path / "s.json"), "--out", str(tmp_path / "a.html")]) == 0
    assert (tmp_path / "a.html").is_file() and (tmp_path / "a.json").is_file()
    assert main(["report", str(tmp_path / "missing.json"), "--out", str(tmp_path / "b.html")]) == 2
    assert "missing.json" in capsys.readouterr().err


def test_cards_for_every_seat(tmp_path):
    files = write_cards("middle-powers", tmp_path, "en", seed=3)
    names = {f.name for f in files}
    g = Game.new("middle-powers", seed=3)
    for seat in g.seats:
        assert f"middle-powers-{seat}.html" in names
        page = (tmp_path / f"middle-powers-{seat}.html").read_text(encoding="utf-8")
        assert g.seat_name(seat) in htmllib.unescape(page)
        dealt = g.rs.objectives[g.state.objectives[seat]].title.get("en")
        assert dealt in htmllib.unescape(page)  # the secret dealt with seed 3
    summary = (tmp_path / "rules-summary.html").read_text(encoding="utf-8")
    for o in g.rs.rules.orders:  # generated from rules/: every order is listed
        assert o.name.get("en") in htmllib.unescape(summary)
