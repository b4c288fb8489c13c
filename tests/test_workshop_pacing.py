"""Workshop pacing: the clock never starts by itself after a paused phase, a resolution or an
undo; after each resolution the year's results (indices, why security moved, the leaders) stay on
the console and the projector until the facilitator continues."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine import Game  # noqa: E402
from game.session.debrief import prompts  # noqa: E402
from game.session.workshop import Workshop  # noqa: E402
from game.session.yearly import start_indices, year_results  # noqa: E402


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, s: float) -> None:
        self.t += s


@pytest.fixture
def ws(tmp_path):
    clock = FakeClock()
    w = Workshop.new("g7-2026", seed=11, teams={"japan": "Team Tokyo", "usa": "Team DC"}, rounds=3,
                     durations={"event": 60, "negotiation": 300, "orders": 240},
                     autosave_path=tmp_path / "session.json", clock=clock)
    return w, clock


def test_a_paused_clock_stays_paused_after_end_phase(ws):
    w, clock = ws
    w.pause()
    assert w.end_phase() == "negotiation"
    assert not w.timer.running
    clock.advance(1000)
    assert w.remaining() == 300 and not w.tick()
    assert w.game.phase == "negotiation"


def test_a_running_clock_runs_on_after_end_phase_and_time_out(ws):
    w, clock = ws
    w.end_phase()  # running (a new session's clock runs until paused)
    assert w.timer.running
    clock.advance(301)
    assert w.tick() and w.game.phase == "orders" and w.timer.running


@pytest.mark.parametrize("how", ["manual", "timeout"])
def test_after_a_resolution_the_clock_is_paused_and_the_results_are_up(ws, how):
    w, clock = ws
    w.end_phase()
    w.end_phase()
    assert w.game.phase == "orders" and w.timer.running
    if how == "manual":
        w.end_phase()
    else:
        clock.advance(241)
        assert w.tick()
    assert w.game.round == 2 and w.game.phase == "event"
    assert not w.timer.running and w.results_round() == 1
    clock.advance(3600)  # the room discusses the results as long as it likes
    assert not w.tick() and w.game.phase == "event" and w.remaining() == 60
    w.continue_after_results()
    assert w.results_round() is None and not w.timer.running
    assert [a.action for a in w.audit][-1] == "continue"


def test_starting_the_clock_closes_the_results(ws):
    w, _ = ws
    for _ in range(3):
        w.end_phase()
    assert w.results_round() == 1
    w.resume()
    assert w.results_round() is None and w.timer.running


def test_undo_leaves_the_clock_paused(ws):
    w, clock = ws
    for _ in range(3):
        w.end_phase()
    w.resume()
    assert w.timer.running
    w.undo()
    assert w.game.phase == "orders" and not w.timer.running and w.results_round() is None
    clock.advance(1000)
    assert not w.tick() and w.game.phase == "orders"


def test_results_on_screen_survive_save_and_resume(ws, tmp_path):
    w, clock = ws
    for _ in range(3):
        w.end_phase()
    back = Workshop.load(tmp_path / "session.json", clock=clock)
    assert back.results_round() == 1 and not back.timer.running


def test_year_results_start_from_the_real_start_and_name_the_causes():
    g = Game.new("g7-2026", seed=4)
    start = g.view_for(None)["alliance_security"]
    g.resolve()
    res = year_results(g, 1)
    assert res["asi"]["before"] == pytest.approx(start)
    assert res["asi"]["after"] == pytest.approx(g.state.history[0]["alliance_security"])
    assert res["causes"] and all(isinstance(c["text"], str) and c["text"] for c in res["causes"])
    assert res["causes"][0]["cause"] != "" and abs(res["causes"][0]["delta"]) >= abs(res["causes"][-1]["delta"])
    assert res["leaders"][0]["score"] == max(g.state.history[0]["scores"].values())
    g.resolve()
    assert year_results(g, 2)["asi"]["before"] == pytest.approx(g.state.history[0]["alliance_security"])


def test_debrief_says_security_moved_from_the_real_start():
    g = Game.new("g7-2026", seed=4)
    start = start_indices(g)[0]
    while not g.is_over:
        g.resolve()
    text = " ".join(p["description"] for p in prompts(g, "en"))
    assert f"moved from {start:.0f} to {g.state.asi:.0f}" in text


# ------------------------------------------------------------------ the screens, through their keys


@pytest.fixture
def console(tmp_path, monkeypatch):
    """Make a facilitator console (WorkshopApp) on a 2-round g7-2026 session with a fake
    clock, started and drawn once: ``make(teams, **settings)`` gives ``(app, clock)``."""
    from game.ui.settings import Settings
    from game.ui.workshop_app import WorkshopApp

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))

    def make(teams: dict[str, str] | None = None, **settings) -> tuple[WorkshopApp, FakeClock]:
        clock = FakeClock()
        app = WorkshopApp(Settings(**settings), scenario="g7-2026", seed=3, clock=clock)
        w = Workshop.new("g7-2026", seed=3, teams=teams or {"japan": "Team Tokyo"}, rounds=2, clock=clock)
        app.start_workshop(w)
        app.step()
        return app, clock

    yield make
    pygame.quit()


def _press(app, key: int) -> None:
    app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)])
    app.step()


def test_console_and_projector_show_the_results_until_continue(console):
    app, clock = console()
    for _ in range(3):
        _press(app, pygame.K_n)  # end event, end negotiation, resolve
    assert app.workshop.game.round == 2 and app.workshop.results_round() == 1
    assert not app.workshop.timer.running
    screen = "\n".join(app.rendered_texts())
    assert "Round 1 results" in screen and "Why security moved" in screen
    cause = year_results(app.workshop.game, 1)["causes"][0]["text"]
    assert cause in screen
    _press(app, pygame.K_F2)  # the projector view
    assert app.top.name == "ws_projector"
    wall = "\n".join(app.rendered_texts())
    assert "Round 1 results" in wall and cause in wall and "Leaderboard" in wall
    assert "1 MINUTE LEFT" not in wall
    clock.advance(600)
    app.step()
    assert "Round 1 results" in "\n".join(app.rendered_texts())  # still up: nothing moves on by itself
    _press(app, pygame.K_RETURN)  # continue, from the projector view
    wall = "\n".join(app.rendered_texts())
    assert "Round 1 results" not in wall and app.workshop.results_round() is None
    assert not app.workshop.timer.running
    _press(app, pygame.K_F2)
    assert "continue" not in app.top.ui.buttons


def test_the_audit_names_the_phase_that_ended(ws):
    w, _ = ws
    w.end_phase()
    w.end_phase()
    w.end_phase()
    ends = [(a.round, a.phase, a.detail["to"]) for a in w.audit if a.action == "end_phase"]
    assert ends == [(1, "event", "negotiation"), (1, "negotiation", "orders"), (1, "orders", "event")]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_at_game_over_continue_does_not_promise_a_next_round(console, lang):
    """After the last year's resolution the console's Continue closes the final results: its
    tooltip and the status after it point to the debrief, not to "the next round's event"."""
    from game.ui import messages
    app, _ = console(lang=lang)
    for _ in range(3):
        _press(app, pygame.K_n)  # year 1: end event, end negotiation, resolve
    tip = app.top.ui.buttons["continue"].tool_tip_text
    assert messages.t("ws.results.continue.tip", lang) in tip  # mid-game: on to the next event
    _press(app, pygame.K_RETURN)
    for _ in range(3):
        _press(app, pygame.K_n)  # year 2, the last
    assert app.workshop.game.is_over and app.workshop.results_round() == 2
    tip = app.top.ui.buttons["continue"].tool_tip_text
    next_event = messages.t("ws.results.continue.tip", lang)
    assert next_event not in tip and messages.t("ws.results.continue.tip_over", lang) in tip
    assert ("next round" not in tip) if lang == "en" else ("次のラウンド" not in tip)
    _press(app, pygame.K_RETURN)
    assert app.workshop.results_round() is None
    assert app.status == messages.t("ws.status.continued_over", lang)
    assert "Space" not in app.status


def test_record_agreement_names_only_member_counts_the_listed_seats_allow(console):
    """A frontier pact among the seven nations listed "needs 2 to 12"; a data partnership
    (one nation, one firm) "needs 2 to 2".  The counts follow the seats the screen lists."""
    app, _ = console()
    _press(app, pygame.K_n)  # event -> negotiation
    _press(app, pygame.K_a)  # Record agreement
    assert app.top.name == "ws_agreement"
    seen = {}
    for kind in app.top.kinds:
        app.top.kind = kind
        app.top.rebuild()
        app.step()
        seen[kind] = next(x for x in app.rendered_texts() if x.startswith("Members:"))
    assert seen["frontier_access_pact"] == "Members: 0 chosen (needs 2 to 7)", seen
    assert seen["data_partnership"] == "Members: 0 chosen (needs 2)", seen
    assert not any("to 12" in x for x in seen.values()), seen


def test_the_projector_results_leaderboard_shows_whole_names(console):
    """The year's results on the projector: the leaderboard beside them has room for one
    column, so every seat and team name is whole ("United States · Washington", not "United…")."""
    app, _ = console({"usa": "Washington", "japan": "Tokyo"}, width=1280, height=720)
    for _ in range(3):
        _press(app, pygame.K_n)  # to the year's results
    _press(app, pygame.K_F2)
    assert app.top.name == "ws_projector" and app.workshop.results_round() == 1
    texts = app.rendered_texts()
    assert "United States · Washington" in texts and "Japan · Tokyo" in texts
    names = [app.workshop.game.seat_name(s) for s in app.workshop.game.seats]
    cut = [x for x in texts if x.endswith("…") and any(n.startswith(x[:-1][:4]) for n in names)]
    assert not cut, cut
