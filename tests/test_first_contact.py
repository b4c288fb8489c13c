"""First contact: what a new player meets in the desktop game, driven through the real event
loop (events posted to pygame's queue, the app's frames run them; see tests/realloop.py)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from realloop import click, enabled, frames, idle, key, on_screen, type_text, until  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def app(home):
    from game.ui.scenes.title import TitleScene

    a = App(Settings(), scenario="tutorial", seed=7)
    pygame.event.clear()
    a.push(TitleScene(a))
    frames(a)
    yield a
    a.worker.wait()
    pygame.quit()


def new_tutorial(app: App) -> None:
    key(app, pygame.K_n)
    assert app.top.name == "setup"
    click(app, "start")
    assert app.top.name == "table"


def to_negotiation(app: App) -> None:
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")            # the summit's choice for Japan
    assert app.top.name == "event_choice"
    key(app, pygame.K_RETURN)         # confirm the default
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")            # the computer seats choose; event -> negotiation
    until(app, lambda: app.match.game.phase == "negotiation" and enabled(app, "continue"), what="Continue")
    click(app, "continue")            # open negotiations
    assert app.top.name == "negotiation"


def ai_speed(monkeypatch, speed: str) -> None:
    """How long the AI worker's jobs take against the frame: "fast" jobs are done before the
    frame that started them polls the worker (a quick answer on a quick machine), "slow" ones
    take a few frames."""
    import time

    from game.ui.worker import Worker

    real = Worker.start

    def start(self, job, on_done, label=""):
        def timed():
            if speed == "slow":
                time.sleep(0.2)
            return job()
        real(self, timed, on_done, label)
        if speed == "fast":
            self._thread.join()

    monkeypatch.setattr(Worker, "start", start)


@pytest.mark.parametrize("speed", ["fast", "slow"])
def test_negotiation_done_comes_back_after_a_proposal_and_enter_ends_the_turn(app, monkeypatch, speed):
    """Tutorial -> Open negotiations -> United States -> Propose: once the computer seats have
    answered, Done is enabled again and Enter leaves the sheet, however fast the answers come."""
    ai_speed(monkeypatch, speed)
    new_tutorial(app)
    to_negotiation(app)
    click(app, "member_usa")
    click(app, "propose")
    idle(app)
    assert "United States" in on_screen(app)
    assert enabled(app, "done"), "Done stays disabled after the answers came in"
    key(app, pygame.K_RETURN)
    assert app.top.name == "table"


def test_typing_a_seed_types_a_seed_and_toggles_no_seat(app):
    """New game: click the seed box and type 21298: the seed is 21298, the box keeps the focus,
    and every seat plays as before (digits are not seat shortcuts while typing)."""
    from realloop import click_at

    key(app, pygame.K_n)
    setup = app.top
    before = dict(setup.control)
    box = setup.seed_entry
    click_at(app, box.rect.center)
    key(app, pygame.K_a, pygame.KMOD_CTRL)   # select what is there, then type over it
    type_text(app, "21298")
    assert app.top is setup and setup.seed_entry.get_text() == "21298"
    assert setup.seed_entry.is_focused
    assert setup.control == before
    key(app, pygame.K_1)                      # a digit is text, not the first seat's toggle
    assert setup.control == before and setup.seed_entry.get_text() == "212981"
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_RETURN)                 # Enter in the box: the seed is set, the box lets go
    assert not setup.seed_entry.is_focused and setup.seed == 21298
    key(app, pygame.K_RETURN)                 # Enter again starts the game with that seed
    assert app.top.name == "table"
    assert app.match.game.seed == 21298 and app.match.humans == ["japan"]
