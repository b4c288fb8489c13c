"""A scenario given by path is the scenario played, by every command and by `Game.new`;
its saves carry it, so they replay and report after the file has gone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.main import main
from game.content import ContentError, load_scenario
from game.content.loader import is_scenario_path, scenario_from_data, shadows_builtin
from game.engine import Game, SaveError
from game.session.storage import load_game, save_game

REPO = Path(__file__).resolve().parents[2]
TUTORIAL = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
SHADOW_NOTICE = "notice: tutorial.yaml has the id 'tutorial' of a built-in scenario; playing the file"


def _write(folder: Path, name: str, *, id_: str, rounds: int = 2) -> Path:
    text = TUTORIAL.replace("id: tutorial", f"id: {id_}", 1)
    lines = [f"rounds: {rounds}" if line.startswith("rounds:") else line for line in text.splitlines()]
    file = folder / name
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("ref, is_path", [("g7-2026", False), ("./mine.yaml", True), ("mine.yml", True),
                                          ("dir/mine", True), ("dir\\mine", True), ("tutorial", False)])
def test_what_counts_as_a_path(ref: str, is_path: bool) -> None:
    assert is_scenario_path(ref) is is_path


def test_sim_plays_a_file_given_by_path(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(here, "mine.yaml", id_="mine", rounds=2)
    code, out, err = _run(capsys, "sim", "--scenario", "./mine.yaml", "--games", "2", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["scenario"] == "mine" and data["rounds"] == 2


def test_a_file_that_shadows_a_built_in_says_so_and_plays_the_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(here, "tutorial.yaml", id_="tutorial", rounds=2)  # the built-in tutorial has 3 rounds
    code, out, err = _run(capsys, "sim", "--scenario", "tutorial.yaml", "--games", "1", "--json")
    assert code == 0
    assert err.splitlines() == [SHADOW_NOTICE]
    assert json.loads(out)["rounds"] == 2
    code, out, _ = _run(capsys, "sim", "--scenario", "tutorial", "--games", "1", "--json")
    assert code == 0 and json.loads(out)["rounds"] == 3  # the id still names the built-in


def test_shadow_notice_in_japanese(here: Path) -> None:
    sc = load_scenario(str(_write(here, "tutorial.yaml", id_="tutorial")))
    assert shadows_builtin(sc, "ja") == ("お知らせ：tutorial.yaml のID「tutorial」は組み込みシナリオと同じです。"
                                         "このファイルの方を使います")
    assert shadows_builtin(load_scenario("tutorial")) is None
    assert shadows_builtin(load_scenario(str(REPO / "scenarios" / "tutorial.yaml"))) is None  # the built-in file itself


def test_game_new_plays_the_file(here: Path) -> None:
    file = _write(here, "tutorial.yaml", id_="tutorial", rounds=2)
    game = Game.new(str(file), seed=3)
    assert game.rs.scenario.source == str(file.resolve())
    while not game.is_over:
        game.resolve()
    assert game.round == 2
    assert Game.new("tutorial", seed=3).state.rounds == 3


def test_sim_saves_replay_and_report_after_the_file_is_gone(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(here, "mine.yaml", id_="mine", rounds=2)
    code, _, err = _run(capsys, "sim", "--scenario", str(file), "--games", "2", "--seed", "5", "--save", "saves")
    assert code == 0, err
    save = here / "saves" / "mine-6.json"
    assert json.loads(save.read_text(encoding="utf-8"))["scenario_content"]["id"] == "mine"
    file.unlink()
    code, out, err = _run(capsys, "replay", str(save))
    assert code == 0 and out.splitlines()[-1].startswith("replay matches the save"), err
    code, out, err = _run(capsys, "report", str(save), "--out", "report/mine.html")
    assert code == 0, err
    assert (here / "report" / "mine.html").is_file()


def test_saves_of_built_in_scenarios_do_not_change(here: Path) -> None:
    game = Game.new("tutorial", seed=1)
    assert "scenario_content" not in game.to_dict()
    assert list(game.to_dict())[:5] == ["format", "format_version", "content_hash", "scenario", "seed"]


def test_carried_scenario_round_trips_byte_for_byte(here: Path) -> None:
    game = Game.new(str(_write(here, "mine.yaml", id_="mine")), seed=9)
    game.resolve()
    saved = game.to_json()
    again = Game.from_json(saved)
    assert again.to_json() == saved
    assert again.rs.content_hash == game.rs.content_hash


def test_carried_scenario_is_checked_like_a_file(here: Path) -> None:
    game = Game.new(str(_write(here, "mine.yaml", id_="mine")), seed=9)
    d = game.to_dict()
    d["scenario_content"]["trust"] = "high"
    with pytest.raises(SaveError) as err:
        Game.from_dict(d)
    assert err.value.message("en").endswith("(saved scenario):1:1: trust: must be a number, got 'high'")
    d["scenario_content"]["trust"] = 60.0
    d["scenario_content"]["deck"] = ["no_such_card"]
    with pytest.raises(SaveError) as err:
        Game.from_dict(d)
    assert "(saved scenario):1:1: deck[0]: unknown event 'no_such_card'" in err.value.message("en")
    with pytest.raises(ContentError):
        scenario_from_data(["not", "a", "mapping"], game.rs.rules)


def test_a_save_never_names_a_scenario_file(here: Path) -> None:
    file = _write(here, "mine.yaml", id_="mine")
    d = Game.new("tutorial", seed=1).to_dict()
    d["scenario"] = str(file)
    with pytest.raises(SaveError) as err:  # refused by the save format, before any file is opened
        Game.from_dict(d)
    assert err.value.message("en").startswith("scenario: ")


def test_edited_carried_scenario_fails_the_content_hash(here: Path) -> None:
    game = Game.new(str(_write(here, "mine.yaml", id_="mine")), seed=9)
    d = game.to_dict()
    d["scenario_content"]["trust"] = 10.0
    with pytest.raises(SaveError) as err:
        Game.from_dict(d)
    assert err.value.code == "content"


def test_cards_of_a_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(here, "mine.yaml", id_="mine")
    code, out, err = _run(capsys, "cards", "--scenario", "mine.yaml", "--out", "cards")
    assert code == 0, err
    assert sorted(p.name for p in (here / "cards").glob("mine-*.html"))


@pytest.mark.parametrize("argv, line", [
    (["sim", "--scenario", "./missing.yaml"], "missing.yaml:1:1: (file): file not found"),
    (["cards", "--scenario", "missing.yaml", "--out", "c"], "missing.yaml:1:1: (file): file not found"),
])
def test_a_missing_file_is_one_line(here: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == line


def test_a_broken_file_points_at_its_line(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(here, "mine.yaml", id_="mine")
    file.write_text(file.read_text(encoding="utf-8").replace("rounds: 2", "rounds: many"), encoding="utf-8")
    code, _, err = _run(capsys, "sim", "--scenario", "mine.yaml")
    assert code == 2
    assert err.splitlines()[0].startswith("mine.yaml:13:9: rounds: must be a whole number")


def test_match_of_a_file_autosaves_and_continues(here: Path) -> None:
    from game.session.match import Match

    file = _write(here, "tutorial.yaml", id_="tutorial", rounds=2)
    m = Match.new(str(file), 4, autosave=here / "auto.json")
    save_game(m.game, here / "g.json")
    file.unlink()
    assert load_game(here / "g.json").rs.scenario.rounds == 2
