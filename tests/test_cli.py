"""The `sumiwake` command line, called in-process through `game.cli.main.main`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game import __version__
from game.cli.main import main
from game.cli.messages import CATALOG

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ["democratic-ai-alliance", "fragmented-world", "g7-2026", "middle-powers", "tutorial"]
POSITION = re.compile(r"^.+:\d+:\d+: \S+: .+$")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ validate


def test_validate_all_content_ok(capsys):
    code, out, err = run(capsys, "validate")
    assert code == 0, out + err
    assert re.fullmatch(r"ok: \d+ files\n", out)


def test_validate_broken_file_reports_positions(capsys, tmp_path):
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    assert "\nrounds: 3\n" in text
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("\nrounds: 3\n", "\nroundz: 3\n"), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(broken))
    assert code == 2
    lines = out.splitlines()
    assert lines and all(POSITION.match(line) for line in lines), out
    assert any(line.startswith(f"{broken}:") and "roundz" in line for line in lines)
    assert "Traceback" not in out + err


# ------------------------------------------------------------------ scenarios


def test_scenarios_lists_all(capsys):
    code, out, _ = run(capsys, "scenarios")
    assert code == 0
    for sid in SCENARIOS:
        assert re.search(rf"^{re.escape(sid)}\s", out, re.M), sid
    code, out, _ = run(capsys, "scenarios", "--json")
    items = {s["id"]: s for s in json.loads(out)["scenarios"]}
    assert sorted(items) == SCENARIOS
    assert items["tutorial"]["rounds"] == 3 and len(items["tutorial"]["seats"]) == 4


def test_scenarios_in_japanese(capsys):
    code, out, _ = run(capsys, "--lang", "ja", "scenarios")
    assert code == 0
    assert "チュートリアル" in out and "タイトル" in out


# ------------------------------------------------------------------ sim


SIM = ("sim", "--scenario", "tutorial", "--games", "2", "--seed", "7", "--json")


def test_sim_json_shape(capsys):
    code, out, err = run(capsys, *SIM)
    assert code == 0, err
    d = json.loads(out)
    assert {"scenario", "seed", "games", "rounds", "summary", "results"} <= set(d)
    assert (d["scenario"], d["seed"], d["games"], d["rounds"]) == ("tutorial", 7, 2, 3)
    s = d["summary"]
    for k in ("alliance_security", "alliance_competitiveness"):
        assert set(s[k]) >= {"mean", "stdev"}
    seats = set(s["seats"])
    assert seats == {"usa", "japan", "openai", "sakana"}
    for v in s["seats"].values():
        assert set(v["score"]) >= {"mean", "stdev"}
    assert [r["seed"] for r in d["results"]] == [7, 8]
    for r in d["results"]:
        assert {"seed", "alliance_security", "alliance_competitiveness", "scores", "history"} <= set(r)
        assert set(r["scores"]) == seats
        assert 1 <= len(r["history"]) <= d["rounds"]
        assert [h["round"] for h in r["history"]] == list(range(1, len(r["history"]) + 1))
        for h in r["history"]:
            assert {"round", "alliance_security", "alliance_competitiveness", "scores"} <= set(h)
    mean = sum(r["alliance_security"] for r in d["results"]) / 2
    assert s["alliance_security"]["mean"] == pytest.approx(mean)


def test_sim_is_deterministic(capsys):
    first = run(capsys, *SIM)
    second = run(capsys, *SIM)
    assert first == second


def test_sim_one_game_has_zero_stdev(capsys):
    code, out, _ = run(capsys, "sim", "--scenario", "tutorial", "--rounds", "1", "--json")
    d = json.loads(out)
    assert code == 0 and d["rounds"] == 1 and len(d["results"][0]["history"]) == 1
    assert d["summary"]["alliance_security"]["stdev"] == 0


def test_sim_plays_the_normal_bots_unless_told_otherwise(capsys):
    """Random tables end every g7 game in crisis, which read as the game's outcome."""
    default = json.loads(run(capsys, "sim", "--scenario", "tutorial", "--rounds", "1", "--json")[1])
    normal = json.loads(run(capsys, "sim", "--scenario", "tutorial", "--rounds", "1", "--json", "--policy", "normal")[1])
    rand = json.loads(run(capsys, "sim", "--scenario", "tutorial", "--rounds", "1", "--json", "--policy", "random")[1])
    assert default["policy"] == normal["policy"] != rand["policy"]
    assert default["results"] == normal["results"] != rand["results"]


def test_sim_table(capsys):
    code, out, _ = run(capsys, "sim", "--scenario", "tutorial", "--games", "2")
    assert code == 0
    assert "Japan" in out and "Sakana AI" in out and "±" in out
    assert "Alliance Security Index" in out and "crisis" in out


# ------------------------------------------------------------------ save and replay


@pytest.fixture
def save_file(capsys, tmp_path) -> Path:
    code, _, err = run(capsys, "sim", "--scenario", "tutorial", "--seed", "3", "--save", str(tmp_path))
    assert code == 0, err
    path = tmp_path / "tutorial-3.json"
    assert path.is_file() and not list(tmp_path.glob(".*.tmp"))
    return path


def test_replay_save(capsys, save_file):
    code, out, err = run(capsys, "replay", str(save_file))
    assert code == 0, err
    assert "Round 1" in out and "Round 3" in out
    assert "matches" in out


def test_replay_in_japanese(capsys, save_file):
    code, out, err = run(capsys, "replay", "--lang", "ja", str(save_file))
    assert code == 0, err
    assert "一致" in out


def test_replay_tampered_save(capsys, save_file):
    d = json.loads(save_file.read_text(encoding="utf-8"))
    d["state"]["asi"] = d["state"]["asi"] + 1.0
    save_file.write_text(json.dumps(d), encoding="utf-8")
    code, out, err = run(capsys, "replay", str(save_file))
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith(f"{save_file}:") and "hash" in err
    assert out == ""


def test_a_damaged_save_is_reported_in_japanese(capsys, save_file):
    d = json.loads(save_file.read_text(encoding="utf-8"))
    d["format_version"] = 99
    save_file.write_text(json.dumps(d), encoding="utf-8")
    code, out, err = run(capsys, "replay", "--lang", "ja", str(save_file))
    assert code == 2 and out == ""
    assert err.splitlines() == [f"{save_file}: セーブ形式のバージョン99には対応していません（このバージョンが読めるのは1）"]


def test_replay_tampered_log(capsys, save_file):
    """A log edited along with a re-computed state hash: the save loads, the replay disagrees."""
    d = json.loads(save_file.read_text(encoding="utf-8"))
    # the last year's orders emptied: every action still replays, to a different state
    # (emptied earlier, a later year's proposal could no longer be tabled: another error)
    last = [a for a in d["actions"] if a[0] == "submit" and a[2]][-1]
    last[2] = []
    save_file.write_text(json.dumps(d), encoding="utf-8")
    code, _, err = run(capsys, "replay", str(save_file))
    assert code == 2 and "hash" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("content, needle", [
    (None, "cannot read"),
    ("{not json", "not JSON"),
    ('{"hello": 1}', "not a Sumiwake save"),
    ('{"format": "sumiwake-save", "format_version": 99}', "version 99"),
])
def test_replay_bad_files(capsys, tmp_path, content, needle):
    path = tmp_path / "save.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "replay", str(path))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"{path}:") and needle in err


# ------------------------------------------------------------------ schema


def test_schema(capsys, tmp_path):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and set(json.loads(out)) == {"rules", "scenario"}
    code, out, _ = run(capsys, "schema", "--out", str(tmp_path))
    assert code == 0
    for name in ("rules.schema.json", "scenario.schema.json"):
        assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["type"] == "object"


# ------------------------------------------------------------------ errors and options


def test_unknown_scenario(capsys):
    code, out, err = run(capsys, "sim", "--scenario", "x")
    assert code == 2 and out == ""
    assert err.strip() == "unknown scenario 'x'; known: " + ", ".join(SCENARIOS)


def test_unknown_scenario_in_japanese(capsys):
    code, _, err = run(capsys, "--lang", "ja", "sim", "--scenario", "x")
    assert code == 2 and "不明なシナリオ" in err and "tutorial" in err


@pytest.mark.parametrize("argv", [
    ["sim", "--scenario", "tutorial", "--games", "notanumber"],
    ["sim", "--scenario", "tutorial", "--games", "0"],
    ["sim", "--games", "2"],
    ["sim", "--scenario", "tutorial", "--policy", "nope"],
    ["frobnicate"],
    ["--lang", "fr", "scenarios"],
    [],
])
def test_bad_arguments(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "usage: sumiwake" in err and "Traceback" not in err


def test_version_and_help(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out
    for cmd in ("validate", "scenarios", "sim", "replay", "schema"):
        code, out, _ = run(capsys, cmd, "--help")
        assert code == 0 and f"usage: sumiwake {cmd}" in out and "examples:" in out


def test_catalog_is_bilingual():
    fields = re.compile(r"{(\w+)}")
    for key, entry in CATALOG.items():
        assert entry.get("en") and entry.get("ja"), key
        assert set(fields.findall(entry["en"])) == set(fields.findall(entry["ja"])), key


def test_python_m_game():
    proc = subprocess.run([sys.executable, "-m", "game", "scenarios"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert all(sid in proc.stdout for sid in SCENARIOS)
