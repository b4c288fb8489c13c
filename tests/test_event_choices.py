"""Event cards that put a choice, and standings against par: the engine API, saves and
replays, the AI's answers, the report, and the par block of a scenario file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ai.bot import PersonaBot
from game.ai.choices import play_choices
from game.ai.random_policy import RandomPolicy
from game.content.loader import load_rules, load_scenario
from game.engine import Game, IllegalOrder, SaveError
from game.engine.report import report_text
from game.session import outcomes


def at_card(card: str, seed: int = 2) -> Game:
    g = Game.new("g7-2026", seed=seed)
    g.choose_event(card)
    return g


def test_at_least_eight_cards_put_a_choice_of_two_or_three_options() -> None:
    cards = [e for e in load_rules().events if e.choice is not None]
    assert len(cards) >= 8
    for e in cards:
        assert 2 <= len(e.choice.options) <= 3
        assert e.choice.prompt.en and e.choice.prompt.ja
        assert all(o.text.en and o.text.ja for o in e.choice.options)
        # different effects: no two options of a card do the same thing
        effects = [tuple(x.model_dump_json() for x in o.effects) for o in e.choice.options]
        assert len(set(effects)) == len(effects), e.id


def test_a_choice_is_refused_with_a_reason_and_changes_nothing() -> None:
    g = at_card("us_policy_swing")
    before, n = g.state_hash(), len(g.actions)
    for seat, option, code in (("japan", "reassure", "not_chooser"), ("usa", "hoard", "unknown_option"),
                               ("usa", 3, "unknown_option"), ("mars", "reassure", "unknown_seat")):
        with pytest.raises(IllegalOrder) as e:
            g.choose(seat, option)  # type: ignore[arg-type]
        assert e.value.code == code and e.value.message("ja") != e.value.message("en")
    assert g.state_hash() == before and len(g.actions) == n
    g.choose_event("quiet_year")
    with pytest.raises(IllegalOrder) as e:
        g.choose("usa", "reassure")
    assert e.value.code == "no_choice"


def test_the_chosen_option_applies_and_is_recorded_others_take_the_default() -> None:
    g = at_card("g7_summit")
    g.choose("japan", "defence_fund")
    g.choose("japan", "data_pledge")  # a seat may change its answer until the card applies
    budget = g.budget("japan")
    g.advance()
    assert g.budget("japan") == budget - 1
    made = {d["seat"]: (d["option"], d["answered"]) for d in g.state.decisions}
    assert made["japan"] == ("data_pledge", True) and made["usa"] == ("photo", False)
    assert set(made) == set(g.nations)
    assert g.choice() is None  # no longer open once the card applied
    with pytest.raises(IllegalOrder):
        g.choose("japan", "photo")


def test_choices_survive_save_load_and_replay_byte_for_byte() -> None:
    g = at_card("chip_shock")
    g.choose("sakana", "spot_market")
    mid = g.to_json()  # an answer given, the card not yet applied
    assert Game.from_json(mid).to_json() == mid
    assert Game.replay("g7-2026", g.seed, g.rounds, g.actions).to_json() == mid
    g.resolve()
    end = g.to_json()
    assert Game.replay("g7-2026", g.seed, g.rounds, g.actions).to_json() == end
    bad = json.loads(mid)
    bad["state"]["choices"] = {"sakana": "buy_the_foundry"}
    with pytest.raises(SaveError) as e:
        Game.from_dict(bad)
    assert "choices" in str(e.value)


def test_a_seat_sees_its_own_answer_and_not_the_others() -> None:
    g = at_card("chip_shock")
    g.choose("sakana", "spot_market")
    assert g.view_for("sakana")["choice"] == "spot_market"
    assert g.view_for("mistral")["choice"] is None
    assert "spot_market" not in json.dumps(g.view_for(None))
    assert g.view_for(None)["choosers"] == list(g.firms)


def test_ai_seats_answer_with_a_reason_deterministically() -> None:
    g = at_card("g7_summit")
    bots = {s: PersonaBot(None, "normal", seed=5) for s in g.seats}
    answers = play_choices(g.clone(), bots)
    again = play_choices(g.clone(), {s: PersonaBot(None, "normal", seed=5) for s in g.seats})
    assert {s: a.option for s, a in answers.items()} == {s: a.option for s, a in again.items()}
    assert set(answers) == set(g.nations)
    for a in answers.values():
        assert a.option in {"defence_fund", "data_pledge", "photo"}
        en, ja = a.reason("en", g.rs), a.reason("ja", g.rs)
        assert g.rs.seat_name(a.seat, "en") in en and g.rs.seat_name(a.seat, "ja") in ja and "{" not in en + ja
    rnd = play_choices(g.clone(), {s: RandomPolicy(3) for s in g.seats})
    assert set(rnd) == set(g.nations)


def test_the_round_report_names_the_choices_and_the_standings() -> None:
    g = at_card("us_policy_swing")
    g.choose("usa", "reassure")
    rep = g.resolve()
    text = report_text(rep, g.rs, "en")
    assert "United States chose: US policy swing: Reassure the allies in public" in text
    assert "× par" in text
    ja = report_text(rep, g.rs, "ja")
    assert "アメリカの選択" in ja or "米国の選択" in ja
    assert "パー比" in ja


def test_standing_is_score_over_the_scenario_par_at_the_same_round() -> None:
    g = Game.new("g7-2026", seed=1)
    assert g.standings() == {}  # no round scored yet
    g.resolve()
    par = g.rs.scenario.par
    assert par is not None
    for s, v in g.standings().items():
        assert v == pytest.approx(g.scores()[s] / par.seats[s][0])
    while not g.is_over:
        g.resolve()
    o = g.outcome
    assert o is not None and o.top_standing == max(g.standings(), key=lambda s: g.standings()[s])
    assert [s for s, _ in o.standings] == sorted(g.standings(), key=lambda s: -g.standings()[s])


def test_every_scenario_has_a_par_for_every_seat_and_round() -> None:
    from game.content.loader import scenario_ids

    for sid in scenario_ids():
        sc = load_scenario(sid)
        assert sc.par is not None, sid
        assert set(sc.par.seats) == set(sc.seats)
        assert all(len(v) == sc.rounds and all(x > 0 for x in v) for v in sc.par.seats.values())


def test_a_game_longer_than_the_par_goes_on_at_its_pace() -> None:
    from game.engine.par import par_at

    g = Game.new("tutorial", seed=1)
    values = g.rs.scenario.par.seats["japan"]
    assert par_at(g.rs, "japan", len(values)) == values[-1]
    assert par_at(g.rs, "japan", 2 * len(values)) == pytest.approx(2 * values[-1])
    assert par_at(g.rs, "japan", 0) is None


def test_par_is_the_mean_score_by_round_of_the_games_that_reached_it() -> None:
    games = [{"round_scores": [{"a": 1.0}, {"a": 3.0}]}, {"round_scores": [{"a": 3.0}]}]
    assert outcomes.par_from(games, ["a"], 3) == {"a": [2.0, 3.0, 3.0]}


def test_calibrating_writes_the_par_block_in_place_and_the_file_still_loads(tmp_path: Path) -> None:
    src = Path(__file__).parents[1] / "scenarios" / "tutorial.yaml"
    path = tmp_path / "mine.yaml"
    path.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    sc = load_scenario(str(path))
    par = {"games": 3, "seed": 7, "seats": {s: [float(i + 1) for i in range(sc.rounds)] for s in sc.seats}}
    outcomes.write_par(path, par)
    outcomes.write_par(path, {**par, "games": 4})  # a second calibration replaces the block
    text = path.read_text(encoding="utf-8")
    assert text.count("\npar:") == 1 and "games: 4" in text
    again = load_scenario(str(path))
    assert again.par is not None and again.par.games == 4 and again.par.seed == 7
    assert again.model_dump(exclude={"par"}) == sc.model_dump(exclude={"par"})  # nothing else changed


def test_workshop_teams_answer_on_the_console_ai_seats_when_the_phase_ends(tmp_path: Path) -> None:
    from game.session.workshop import Workshop

    ws = Workshop.new("g7-2026", seed=11, teams={"japan": "Team Tokyo", "usa": "Team DC"},
                      ai_seats={s: "normal" for s in ("germany", "france", "uk", "italy", "canada")},
                      rounds=2, autosave_path=tmp_path / "s.json")
    ws.choose_inject("g7_summit")
    ws.enter_choice("japan", "defence_fund", by="facilitator")
    with pytest.raises(IllegalOrder):
        ws.enter_choice("openai", "photo")  # firms are not asked
    ws.end_phase()
    made = {d["seat"]: d for d in ws.game.state.decisions}
    assert made["japan"]["option"] == "defence_fund" and made["japan"]["answered"]
    assert not made["usa"]["answered"] and made["usa"]["option"] == "photo"  # the team gave no answer
    assert all(made[s]["answered"] for s in ("germany", "france", "uk", "italy", "canada"))
    logged = [a.detail for a in ws.audit if a.action == "choice"]
    assert {"seat": "japan", "option": "defence_fund", "by": "facilitator", "event": "g7_summit"} in logged
    assert sum(1 for d in logged if d["by"] == "ai") == 5
    again = Workshop.load(tmp_path / "s.json")
    assert again.game.state.decisions == ws.game.state.decisions
