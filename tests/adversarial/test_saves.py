"""Edited, damaged and foreign saves: each gets ONE line `file: path: message` and exit code 2,
through `Game.from_json`, `sumiwake replay`, `sumiwake report` and `workshop --resume`.

Every edit below recomputes the state hash (a plain sha256 anyone can recompute), so it is
the save's shape and ids that must refuse it, not the hash.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _saves import edited, game_save, rehash, workshop_file  # noqa: E402

from game.cli.main import main as cli_main  # noqa: E402
from game.engine import Game, SaveError  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.workshop import Workshop  # noqa: E402

Edit = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Edit:
    """An edit that sets ``a.b.c`` (list indices as numbers) to ``value``."""
    keys = [int(k) if k.lstrip("-").isdigit() else k for k in path.split(".")]

    def edit(d: dict[str, Any]) -> None:
        node = d
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value

    return edit


def _pop(path: str) -> Edit:
    keys = path.split(".")

    def edit(d: dict[str, Any]) -> None:
        node = d
        for k in keys[:-1]:
            node = node[int(k)] if isinstance(node, list) else node[k]
        node.pop(keys[-1])

    return edit


def _deep(n: int) -> Any:
    v: Any = 1
    for _ in range(n):
        v = [v]
    return v


def _reorder_markets(d: dict[str, Any]) -> None:
    m = d["state"]["markets"]
    d["state"]["markets"] = dict(reversed(list(m.items())))


def _first_submit(d: dict[str, Any]) -> list:
    return next(a for a in d["actions"] if a[0] == "submit")


# (id, edit, expected message after "FILE: ")
CASES: list[tuple[str, Edit, str]] = [
    ("budget-as-text", _set("state.nations.usa.budget", "12"), "state.nations.usa.budget: must be a whole number"),
    ("budget-fraction", _set("state.nations.usa.budget", 3.7), "state.nations.usa.budget: must be a whole number"),
    ("budget-bool", _set("state.nations.usa.budget", True), "state.nations.usa.budget: must be a whole number"),
    ("budget-huge-int", _set("state.nations.usa.budget", 10**400), "state.nations.usa.budget: must be at most 1000000000000"),
    ("defence-too-big", _set("state.nations.usa.defence", 1e13), "state.nations.usa.defence: must be at most 1e+12"),
    ("defence-as-object", _set("state.nations.usa.defence", {"a": 1}), "state.nations.usa.defence: must be a number"),
    ("trust-as-list", _set("state.nations.usa.trust", [1, 2]), "state.nations.usa.trust: must be an object"),
    ("nations-as-list", _set("state.nations", []), "state.nations: must be an object"),
    ("nation-missing", _pop("state.nations.usa"), "state.nations.usa: missing"),
    ("nation-unknown", _set("state.nations.atlantis", {}), "state.nations.atlantis.defence: missing"),
    ("nation-field-missing", _pop("state.nations.usa.defence"), "state.nations.usa.defence: missing"),
    ("nation-extra-field", _set("state.nations.usa.evil", 1), "state.nations.usa.evil: not expected here"),
    ("domain-unknown", _set("state.nations.usa.data.alchemy", 1.0), "state.nations.usa.data.alchemy: unknown id 'alchemy'"),
    ("tier-unknown", _set("state.nations.usa.tiers.row", 9), "state.nations.usa.tiers.row: unknown id '9'"),
    ("home-region-unknown", _set("state.nations.usa.home_region", "mars"), "state.nations.usa.home_region: unknown id 'mars'"),
    ("firm-home-unknown", _set("state.firms.openai.home", "mars"), "state.firms.openai.home: unknown id 'mars'"),
    ("licence-unknown", _set("state.firms.openai.licences", ["nobody"]), "state.firms.openai.licences[0]: unknown id 'nobody'"),
    ("markets-reordered", _reorder_markets,
     "state.markets: middle_east/public is out of the scenario's order (north_america/defence comes here)"),
    ("share-entrant-unknown", _set("state.shares.africa/defence", {"ghost": 1.0}),
     "state.shares.africa/defence.ghost: unknown id 'ghost'"),
    ("round-zero", _set("state.round", 0), "state.round: must be at least 1"),
    ("round-past-end", _set("state.round", 9), "state.round: must be at most 3"),
    ("phase-unknown", _set("state.phase", "lunch"), "state.phase: must be one of 'event', 'negotiation', 'orders', 'over'"),
    ("rng-negative", _set("state.rng", -1), "state.rng: must be at least 0"),
    ("rng-too-big", _set("state.rng", 1 << 64), "state.rng: must be at most 18446744073709551615"),
    ("seed-disagrees", _set("state.seed", 4), "state.seed: differs from the save's seed"),
    ("scenario-path", _set("scenario", "../../etc/passwd"), "scenario: invalid value"),
    ("scenario-yaml-path", _set("scenario", "mine.yaml"), "scenario: invalid value"),
    ("event-unknown", _set("state.event", "alien_landing"), "state.event: unknown id 'alien_landing'"),
    ("drawn-unknown", _set("state.drawn", ["alien_landing"]), "state.drawn[0]: unknown id 'alien_landing'"),
    ("objective-unknown", _set("state.objectives.usa", "world_domination"),
     "state.objectives.usa: unknown id 'world_domination'"),
    ("agreement-kind-unknown", _set("state.agreements.0.kind", "alliance_of_evil"),
     "state.agreements[0].kind: unknown id 'alliance_of_evil'"),
    ("agreement-member-unknown", _set("state.agreements.0.members", ["usa", "ghost"]),
     "state.agreements[0].members[1]: unknown id 'ghost'"),
    ("agreement-members-text", _set("state.agreements.0.members", "usa"), "state.agreements[0].members: must be a list"),
    ("history-not-object", _set("state.history.0", 5), "state.history[0]: must be an object"),
    ("history-deep", _set("state.history.0", _deep(900)), "state.history[0]: must be an object"),
    ("history-key-missing", _pop("state.history.0.alliance_security"), "state.history[0].alliance_security: missing"),
    ("ledger-entry-short", _set("state.ledger.0", [1, "x"]), "state.ledger[0][2]: missing"),
    ("ledger-entry-long", _set("state.ledger.0", [1, "a", "b", "usa", "q", 1.0, 7]), "state.ledger[0]: more than 6 items"),
    ("ledger-delta-text", _set("state.ledger.0", [1, "a", "b", "usa", "q", "1"]), "state.ledger[0][5]: must be a number"),
    ("override-reason-huge", _set("state.overrides.0.reason", "x" * 6000),
     "state.overrides[0].reason: longer than 5000 characters"),
    ("override-phase-text", _set("state.overrides.0.phase", "<img src=x onerror=alert(1)>"),
     "state.overrides[0].phase: must be one of 'event', 'negotiation', 'orders'"),
    ("override-quantity-markup", _set("state.overrides.0.quantity", "<b>budget</b>"),
     "state.overrides[0].quantity: invalid value"),
    ("revealed-orders-seat-unknown", _set("state.revealed.0.orders", {"ghost": []}),
     "state.revealed[0].orders.ghost: unknown id 'ghost'"),
    ("scores-seat-unknown", _set("state.scores.ghost", 1.0), "state.scores.ghost: unknown id 'ghost'"),
    ("state-missing", _pop("state"), "state: missing"),
    ("top-level-extra", _set("evil", "<script>"), "evil: not expected here"),
    ("actions-not-list", _set("actions", {"a": 1}), "actions: must be a list"),
    ("action-as-text", _set("actions.0", "advance"), "actions[0]: not an action"),
    ("action-unknown", _set("actions.0", ["dance"]), "unknown action 'dance' in the log"),
    ("action-extra-argument", _set("actions.0", ["advance", 1]), "actions[0]: more than 1 items"),
    ("action-propose-members-text", _set("actions.0", ["propose", "usa", "threat_intel_sharing", "japan", 2]),
     "actions[0][3]: must be a list"),
    ("action-answer-not-bool", _set("actions.0", ["answer", "usa", "P1", "yes"]), "actions[0][3]: must be true or false"),
    ("action-override-huge", _set("actions.0", ["override", "usa", "budget", 1e301, "why"]),
     "actions[0][3]: must be at most 1e+12"),
    ("action-seat-unknown", _set("actions.0", ["submit", "ghost", []]), "actions[0][1]: unknown id 'ghost'"),
    ("order-kind-unknown", lambda d: _first_submit(d)[2].__setitem__(0, {"kind": "launch_nukes"}),
     "actions[4][2][0].kind: unknown id 'launch_nukes'"),
    ("order-amount-fraction", lambda d: _first_submit(d)[2].__setitem__(0, {"kind": "fund_defence", "amount": 3.5}),
     "actions[4][2][0].amount: must be a whole number"),
    ("order-extra-field", lambda d: _first_submit(d)[2].__setitem__(0, {"kind": "fund_defence", "evil": 1}),
     "actions[4][2][0].evil: not expected here"),
    ("format-version", _set("format_version", 2), "save format version 2 is not supported (this version reads 1)"),
    ("format-wrong", _set("format", "other-game"), "not a Sumiwake save file"),
    ("content-hash", _set("content_hash", "0" * 16), None),  # message names both hashes: checked below
]


def _write(tmp_path: Path, d: Any, text: str | None = None) -> Path:
    path = tmp_path / "edited.json"
    path.write_text(text if text is not None else json.dumps(d), encoding="utf-8")
    return path


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _expect_one_line(capsys, path: Path, message: str | None, lang: str = "en") -> None:
    for argv in (["replay", str(path)], ["report", str(path), "--out", str(path.parent / "r.html")]):
        code, out, err = _cli(capsys, *argv, "--lang", lang)
        assert code == 2, (argv, err)
        lines = err.splitlines()
        assert len(lines) == 1, err
        if message is not None:
            assert lines == [f"{path}: {message}"]
        else:
            assert lines[0].startswith(f"{path}: ")
        assert not (path.parent / "r.html").exists()


@pytest.mark.parametrize("case_id, edit, message", CASES, ids=[c[0] for c in CASES])
def test_an_edited_save_is_refused_with_one_line(tmp_path, capsys, case_id, edit, message):
    d = edited(game_save())
    edit(d)
    if "state" in d and isinstance(d.get("state"), dict):
        try:
            rehash(d)
        except (TypeError, ValueError):
            pass
    text = json.dumps(d)
    with pytest.raises(SaveError) as info:
        Game.from_json(text)
    if message is not None:
        assert info.value.message("en") == message
    else:
        assert "different rules or scenario content" in info.value.message("en")
    _expect_one_line(capsys, _write(tmp_path, d), message)


def test_a_value_edited_without_its_hash_is_refused(tmp_path, capsys):
    d = game_save()
    d["state"]["nations"]["usa"]["budget"] += 5
    _expect_one_line(capsys, _write(tmp_path, d), "the save does not match its hash (edited or damaged)")


def test_a_rehashed_save_is_refused_in_japanese(tmp_path, capsys):
    d = game_save()
    d["state"]["nations"]["usa"]["budget"] = 2.5
    path = _write(tmp_path, rehash(d))
    _expect_one_line(capsys, path, "state.nations.usa.budget：整数でなければなりません", lang="ja")


TEXT_CASES = [
    ("nan", lambda t: t.replace('"frontier": ', '"frontier": NaN, "x": ', 1), "NaN is not a finite number"),
    ("infinity", lambda t: t.replace('"frontier": ', '"frontier": -Infinity, "x": ', 1), "-Infinity is not a finite number"),
    ("overflowing-float", lambda t: t.replace('"frontier": ', '"frontier": 1e999, "x": ', 1), "1e999 is not a finite number"),
    ("duplicate-key", lambda t: t.replace('"seed": ', '"seed": 1, "seed": ', 1), "the key seed appears twice"),
    ("truncated", lambda t: t[: len(t) // 2], "not JSON: line "),
    ("empty", lambda t: "", "the file is empty"),
    ("whitespace", lambda t: "  \n ", "the file is empty"),
    ("top-level-list", lambda t: "[1, 2]", "not a Sumiwake save file"),
    ("top-level-number", lambda t: "42", "not a Sumiwake save file"),
    ("deep-array", lambda t: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("deep-inside-state", lambda t: t.replace('"history": [', '"history": [' + "[" * 50_000 + "]" * 50_000 + ",", 1),
     "nested too deeply"),
    ("nul-byte", lambda t: t.replace('"seed"', '"se\x00ed"', 1), "not a text file"),
]


@pytest.mark.parametrize("case_id, change, message", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_a_damaged_text_is_refused_with_one_line(tmp_path, capsys, case_id, change, message):
    text = change(json.dumps(game_save(), indent=1))
    prefix = message.endswith(" ")  # the rest names the parser's line, column and complaint
    if message != "not a text file":
        with pytest.raises(SaveError) as info:
            Game.from_json(text)
        assert info.value.message("en").startswith(message) if prefix else info.value.message("en") == message
    path = _write(tmp_path, None, text)
    if prefix:
        code, _, err = _cli(capsys, "replay", str(path))
        assert code == 2 and len(err.splitlines()) == 1 and err.startswith(f"{path}: {message}")
    else:
        _expect_one_line(capsys, path, message)


def _odd_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"odd-{kind}.json"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif kind == "latin-1":
        path.write_bytes(json.dumps({"format": "sumiwake-save", "x": "é"}, ensure_ascii=False).encode("latin-1"))
    elif kind == "huge":
        with open(path, "wb") as fh:  # sparse: the size is refused before anything is read
            fh.truncate(33 * 1024 * 1024)
    elif kind == "symlink-to-dir":
        path.symlink_to(tmp_path)
    return path


ODD = [
    ("missing", "cannot read: no such file or folder"),
    ("directory", "not a regular file"),
    ("fifo", "not a regular file"),
    ("binary", "not a text file"),
    ("latin-1", "not a text file"),
    ("huge", "the file is larger than 32 MB"),
    ("symlink-to-dir", "not a regular file"),
]


@pytest.mark.parametrize("kind, message", ODD, ids=[k for k, _ in ODD])
def test_an_odd_file_is_refused_by_every_reader(tmp_path, capsys, kind, message):
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = _odd_file(tmp_path, kind)
    _expect_one_line(capsys, path, message)
    for load in (Workshop.load, Match.load):
        with pytest.raises(SaveError) as info:
            load(path)
        assert info.value.message("en") == f"{path}: {message}"


# ------------------------------------------------------------------ mid-game saves and match saves


@pytest.mark.parametrize("stop", ["negotiation", "orders"])
def test_mid_game_saves_check_their_open_proposals_and_pending_orders(stop):
    d = game_save(stop=stop)
    Game.from_dict(edited(d))  # the real save loads
    if stop == "negotiation":
        bad = edited(d)
        bad["state"]["proposals"][-1]["answers"]["ghost"] = True
        want = f"state.proposals[{len(d['state']['proposals']) - 1}].answers.ghost: unknown id 'ghost'"
    else:
        bad = edited(d)
        seat = next(iter(bad["state"]["pending"]))
        bad["state"]["pending"][seat] = [{"kind": "fund_defence", "amount": "3"}]
        want = f"state.pending.{seat}[0].amount: must be a whole number"
    with pytest.raises(SaveError) as info:
        Game.from_dict(rehash(bad))
    assert info.value.message("en") == want


def test_a_match_save_checks_who_plays_each_seat(tmp_path):
    m = Match.new("tutorial", 3, rounds=2)
    path = tmp_path / "m.json"
    m.save(path)
    assert Match.load(path).game.to_json() == m.game.to_json()
    d = json.loads(path.read_text(encoding="utf-8"))
    cases = [
        (lambda d: d["control"].pop("usa"), "control: must hold usa, japan, openai, sakana, in this order"),
        (lambda d: d["control"]["usa"].__setitem__("persona", "../../evil"), "control.usa.persona: unknown id '../../evil'"),
        (lambda d: d["control"]["usa"].__setitem__("difficulty", "godlike"), "control.usa.difficulty: unknown id 'godlike'"),
        (lambda d: d["control"]["usa"].__setitem__("human", "yes"), "control.usa.human: must be true or false"),
        (lambda d: d.__setitem__("bot_seed", 1.5), "bot_seed: must be a whole number"),
        (lambda d: d["game"]["state"]["nations"]["usa"].__setitem__("budget", None),
         "game.state.nations.usa.budget: must be a whole number"),
    ]
    for edit, message in cases:
        bad = edited(d)
        edit(bad)
        rehash(bad["game"])
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(SaveError) as info:
            Match.load(path)
        assert info.value.message("en") == f"{path}: {message}"


# ------------------------------------------------------------------ workshop files


WORKSHOP_CASES: list[tuple[str, Edit, str]] = [
    ("team-seat-unknown", _set("teams.ghost", "Team Ghost"), "teams.ghost: unknown id 'ghost'"),
    ("team-name-not-text", _set("teams.japan", 7), "teams.japan: must be text"),
    ("ai-policy-unknown", _set("ai_seats.openai", "skynet"), "ai_seats.openai: unknown id 'skynet'"),
    ("fallback-unknown", _set("fallback_policy", "skynet"), "fallback_policy: unknown id 'skynet'"),
    ("missing-rule", _set("missing_rule", "panic"), "missing_rule: must be one of 'hold', 'ai'"),
    ("duration-negative", _set("durations.event", -5), "durations.event: must be at least 0"),
    ("duration-nan-phase", _set("durations.lunch", 5), "durations.lunch: must be one of 'event', 'negotiation', 'orders'"),
    ("timer-remaining-past", _set("timer.remaining", 10_000.0), "timer.remaining: must be at most 180"),
    ("timer-missing", _pop("timer"), "timer: missing"),
    ("schedule-round-text", _set("schedule.soon", "quiet_year"), "schedule.soon: invalid value"),
    ("schedule-card-unknown", _set("schedule.2", "alien_landing"), "schedule.2: unknown id 'alien_landing'"),
    ("checkpoints-beyond-log", _set("checkpoints", [10_000]),
     "checkpoints: checkpoints must rise and stay within the action log"),
    ("audit-detail-nested", _set("audit.0.detail", {"x": {"y": [1]}}), "audit[0].detail.x: invalid value"),
    ("audit-not-list", _set("audit", "x"), "audit: must be a list"),
    ("game-inside-wrong", _set("game.state.nations.usa.budget", "lots"), "game.state.nations.usa.budget: must be a whole number"),
    ("game-inside-missing", _pop("game"), "game: missing"),
    ("workshop-version", _set("format_version", 3), "workshop format version 3 is not supported"),
]


@pytest.fixture(scope="module")
def workshop_dict(tmp_path_factory):
    return workshop_file(tmp_path_factory.mktemp("ws"))


@pytest.mark.parametrize("case_id, edit, message", WORKSHOP_CASES, ids=[c[0] for c in WORKSHOP_CASES])
def test_an_edited_workshop_file_is_refused_by_resume_and_report(tmp_path, capsys, workshop_dict, case_id, edit,
                                                                   message):
    from game.launcher import main as launcher_main

    d = edited(workshop_dict)
    edit(d)
    if isinstance(d.get("game"), dict) and isinstance(d["game"].get("state"), dict):
        rehash(d["game"])
    path = _write(tmp_path, d)
    with pytest.raises(SaveError) as info:
        Workshop.load(path)
    assert info.value.message("en") == f"{path}: {message}"
    code = launcher_main(["workshop", "--resume", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.splitlines() == [f"{path}: {message}"]
    code, _, err = _cli(capsys, "report", str(path), "--out", str(tmp_path / "r.html"))
    assert code == 2 and err.splitlines() == [f"{path}: {message}"]


def test_a_real_workshop_file_resumes_and_reports(tmp_path, capsys, workshop_dict):
    path = _write(tmp_path, workshop_dict)
    ws = Workshop.load(path)
    assert ws.game.round == 2 and ws.teams["japan"] == "佐藤班"
    code, out, err = _cli(capsys, "report", str(path), "--out", str(tmp_path / "r.html"))
    assert code == 0, err


def test_resume_in_a_subprocess_prints_one_line_and_exits_2(tmp_path, workshop_dict):
    import subprocess

    d = edited(workshop_dict)
    d["timer"]["remaining"] = "soon"
    path = _write(tmp_path, d)
    env = {**os.environ, "SUMIWAKE_HOME": str(tmp_path / "home"), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy"}
    out = subprocess.run([sys.executable, "-m", "game", "workshop", "--resume", str(path), "--lang", "ja"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [f"{path}: timer.remaining：数値でなければなりません"]
