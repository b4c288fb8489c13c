"""Random edits of REAL saves (tiny games played to the end or stopped mid-round, and a workshop
session) through `Game.from_json`, `replay`, `report` and `workshop --resume`: each load either
succeeds or is refused with a `SaveError`; each command exits 0, or 2 with exactly one line on
stderr.  Never a traceback, never exit code 1 (internal error)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

from _saves import edited, game_save, rehash, workshop_file  # noqa: E402

from game.cli.main import main as cli_main  # noqa: E402
from game.engine import Game, SaveError  # noqa: E402

FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# values someone editing a save might put anywhere: wrong types, edge numbers, ids of other things, markup
ODD_VALUES = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 2**63, 2**64, 10**13, 3]),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.5, -0.0, 1e308, 1e-320, 3.7]),
    st.text(max_size=12),
    st.sampled_from(["usa", "japan", "openai", "sakana", "row", "rival", "A1", "P1", "orders", "over",
                     "fund_defence", "threat_intel_sharing", "quiet_year", "<img src=x onerror=alert(1)>",
                     "../../etc/passwd", "tutorial", "g7-2026", ""]),
    st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.sampled_from(["usa", "kind", "x", "round"]), st.integers(-2, 2), max_size=2),
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:6]):  # the first few items of long lists (the ledger) suffice
            out += _paths(v, (*prefix, i))
    return out


def _mutate(d: Any, data: st.DataObject) -> Any:
    """One edit at a random place: a new value, a removed key or item, a duplicated item, a new key."""
    paths = [p for p in _paths(d) if p]
    path = data.draw(st.sampled_from(paths), label="path")
    parent = d
    for k in path[:-1]:
        parent = parent[k]
    key = path[-1]
    how = data.draw(st.sampled_from(["value", "value", "value", "remove", "duplicate", "add_key"]), label="how")
    if how == "value":
        parent[key] = data.draw(ODD_VALUES, label="value")
    elif how == "remove":
        del parent[key]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(parent[key])))
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["evil", "usa", "round", "kind"]), label="new key")] = \
            data.draw(ODD_VALUES, label="new value")
    else:
        parent[key] = data.draw(ODD_VALUES, label="value")
    return d


def _one_line_or_ok(capsys, *argv: str) -> int:
    code = cli_main(list(argv))
    out, err = capsys.readouterr()
    assert code in (0, 2), (argv, code, err)
    if code == 2:
        assert len(err.splitlines()) == 1, err
    return code


@pytest.fixture(scope="module")
def saves() -> dict[str, dict]:
    return {stop or "over": game_save(stop=stop) for stop in (None, "negotiation", "orders")}


@FUZZ
@given(data=st.data())
def test_random_edits_of_real_saves(tmp_path, capsys, saves, data):
    which = data.draw(st.sampled_from(sorted(saves)), label="save")
    d = edited(saves[which])
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        d = _mutate(d, data)
    if data.draw(st.booleans(), label="rehash") and isinstance(d, dict) and isinstance(d.get("state"), dict):
        try:
            rehash(d)
        except (TypeError, ValueError):
            pass
    text = json.dumps(d)
    try:
        Game.from_json(text)
        loaded = True
    except SaveError:
        loaded = False
    path = tmp_path / "fuzzed.json"
    path.write_text(text, encoding="utf-8")
    replay = _one_line_or_ok(capsys, "replay", str(path))
    report = _one_line_or_ok(capsys, "report", str(path), "--out", str(tmp_path / "r.html"))
    if not loaded:  # what the engine refuses, every command refuses
        assert replay == 2 and report == 2


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> dict:
    return workshop_file(tmp_path_factory.mktemp("fuzz-ws"))


@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_random_edits_of_a_real_workshop_file(tmp_path, capsys, workshop, data, monkeypatch):
    from game.launcher import main as launcher_main
    from game.session.workshop import Workshop
    from game.ui.workshop_app import build_app

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    d = edited(workshop)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        d = _mutate(d, data)
    if data.draw(st.booleans(), label="rehash") and isinstance(d.get("game"), dict) \
            and isinstance(d["game"].get("state"), dict):
        try:
            rehash(d["game"])
        except (TypeError, ValueError):
            pass
    path = tmp_path / "fuzzed-ws.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    try:
        Workshop.load(path, autosave=False)
    except SaveError:
        code = launcher_main(["workshop", "--resume", str(path)])
        err = capsys.readouterr().err
        assert code == 2 and len(err.splitlines()) == 1, err
        assert _one_line_or_ok(capsys, "report", str(path), "--out", str(tmp_path / "r.html")) == 2
        return
    import pygame

    app = build_app(["workshop", "--resume", str(path)])  # it resumes: the console draws it
    try:
        app.step()
        app.step()
        assert app.top.name == "ws_console"
    finally:
        pygame.quit()
    _one_line_or_ok(capsys, "report", str(path), "--out", str(tmp_path / "r.html"))


@pytest.mark.parametrize("command", ["replay", "report"])
def test_an_edited_save_in_a_subprocess_prints_one_line_and_exits_2(tmp_path, command):
    d = edited(game_save())
    d["state"]["firms"]["openai"]["licences"] = {"japan": True}
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(rehash(d)), encoding="utf-8")
    extra = ["--out", str(tmp_path / "r.html")] if command == "report" else []
    out = subprocess.run([sys.executable, "-m", "game", command, str(path), *extra], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.splitlines() == [f"{path}: state.firms.openai.licences: must be a list"]
