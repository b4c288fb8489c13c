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
    r = balance.run(games=4, seed=0, jobs=1, scenarios=["middle-powers"], dominance_games=1)
    targets = {(c["target"], c["metric"]): c for c in r["targets"]}
    assert len(targets) == 9  # T1 x2, T2 x2, T3, T4 x2, T5 x2
    for c in r["targets"]:
        assert c["n"] == 4 and c["low"] <= c["margin"] <= c["high"]
        assert c["margin"] > 0, c  # every target points the designed way
    assert {d["seat_type"] for d in r["dominance"]} == {"us", "middle_power", "firm"}


def test_balance_cli_writes_markdown_and_json(tmp_path: Path, capsys) -> None:
    md, js = tmp_path / "b.md", tmp_path / "b.json"
    args = ["balance", "--games", "2", "--scenario", "tutorial", "--dominance-games", "1", "--quiet"]
    code = main([*args, "--out", str(js)])
    out = capsys.readouterr().out
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["games"] == 2 and data["targets"]
    # On this input every target passes, but the tutorial's two firm seats have one best
    # persona each game: one persona is best in both cells, so the dominance check fails
    # and the command exits 1 (as it must whenever a check fails).
    assert all(c["passed"] for c in data["targets"]), data["targets"]
    failed = [d["seat_type"] for d in data["dominance"] if not d["passed"]]
    assert failed == ["firm"] and data["passed"] is False
    assert code == 1
    assert "T1 interconnection" in out and "95% interval" in out and "overall: FAIL" in out
    assert main([*args, "--out", str(md)]) == 1
    assert md.read_text(encoding="utf-8").startswith("# Sumiwake balance report")


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
