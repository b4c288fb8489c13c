"""A fast balance smoke run: the measurement pipeline end to end on a small table.

The full check is ``sumiwake balance`` (see bench and the README); here a few
seeds of middle-powers must already show the designed direction of each target.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.cli.main import main
from game.session import balance


def test_balance_smoke_middle_powers() -> None:
    # 8 seeds: on seeds 0-3 alone Japan's sovereign programme happened to beat specialising
    # under a cooperative US (T2's margin is +145 [+67, +223] on 40)
    r = balance.run(games=8, seed=0, jobs=1, scenarios=["middle-powers"], dominance_games=1)
    targets = {(c["target"], c["metric"]): c for c in r["targets"]}
    assert len(targets) == 9  # T1 x2, T2 x2, T3, T4 x2, T5 x2
    for c in r["targets"]:
        assert c["n"] == 8 and c["low"] <= c["margin"] <= c["high"]
        assert c["margin"] > 0, c  # every target points the designed way
    assert {d["seat_type"] for d in r["dominance"]} == {"us", "middle_power", "firm"}


def test_balance_cli_writes_markdown_and_json(tmp_path: Path, capsys) -> None:
    md, js = tmp_path / "b.md", tmp_path / "b.json"
    args = ["balance", "--games", "2", "--scenario", "tutorial", "--dominance-games", "1", "--quiet"]
    code = main([*args, "--out", str(js)])
    out = capsys.readouterr().out
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["games"] == 2 and data["targets"]
    # Two games give wide intervals: some target may fail on them.  Whatever fails, the
    # report says so and the command exits 1 exactly when a check failed.
    checks = [*data["targets"], *data["dominance"], *data["crisis_rate"]]
    assert data["passed"] is all(c["passed"] for c in checks)
    (crisis,) = data["crisis_rate"]  # the tutorial states its crisis range, and balance checks it
    assert crisis["scenario"] == "tutorial" and crisis["n"] == 2 and (crisis["want_low"], crisis["want_high"]) == (0.0, 0.05)
    assert code == (0 if data["passed"] else 1)
    verdict = "overall: pass" if data["passed"] else "overall: FAIL"
    assert "T1 interconnection" in out and "95% interval" in out and verdict in out
    assert main([*args, "--out", str(md)]) == code
    assert md.read_text(encoding="utf-8").startswith("# Sumiwake balance report")


def test_balance_checks_the_scenarios_crisis_range() -> None:
    from game.content.schema import CrisisRate
    from game.session.balance import evaluate_crisis

    want = {"g7-2026": CrisisRate(low=0.10, high=0.35)}
    rows = [{"crisis": 1.0}] * 3 + [{"crisis": 0.0}] * 7  # 30 %: inside 10-35 %
    (c,) = evaluate_crisis({("CRISIS", "g7-2026", "normal"): rows}, want)
    assert (c.crises, c.n, c.passed) == (3, 10, True) and c.low < 0.3 < c.high
    (c,) = evaluate_crisis({("CRISIS", "g7-2026", "normal"): [{"crisis": 0.0}] * 10}, want)
    assert not c.passed and c.rate == 0.0  # never: outside the range
    (c,) = evaluate_crisis({("CRISIS", "g7-2026", "normal"): [{"crisis": 1.0}] * 10}, want)
    assert not c.passed  # always: outside too


def test_sim_with_bots_keeps_stdout_json_clean(capsys) -> None:
    code = main(["sim", "--scenario", "tutorial", "--games", "2", "--difficulty", "easy", "--profile", "interconnected",
                 "--persona", "usa=hawk", "--jobs", "2", "--json"])
    captured = capsys.readouterr()
    assert code == 0
    data = json.loads(captured.out)
    assert data["personas"] == {"usa": "hawk"} and data["games"] == 2
    one = main(["sim", "--scenario", "tutorial", "--games", "2", "--difficulty", "easy", "--profile", "interconnected",
                "--persona", "usa=hawk", "--json"])
    assert one == 0
    assert json.loads(capsys.readouterr().out)["results"] == data["results"]  # --jobs does not change results


def test_sim_rejects_a_persona_that_does_not_fit(capsys) -> None:
    assert main(["sim", "--scenario", "tutorial", "--persona", "usa=free_rider"]) == 2
    assert "middle_power" in capsys.readouterr().err
