"""The workshop UI under the dummy SDL driver, driven through the facilitator's controls
with synthetic mouse and keyboard events: setup → pause → inject → agreement → team
orders behind the hand-over → override → resolve → undo → save & quit → --resume →
finish → export.  The projector view never shows a pending order or a secret objective."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import messages  # noqa: E402
from game.ui.orderdesc import describe  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.session.match import workshop_path  # noqa: E402
from game.ui.workshop_app import WorkshopApp, build_app  # noqa: E402


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------------ input helpers


def press(app, key: int, mod: int = 0) -> None:
    app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)])
    app.step()


def click_at(app, pos) -> None:
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    app.step()


def click(app, name: str) -> None:
    button = app.top.ui.buttons[name]
    assert button.is_enabled, f"{name} is disabled"
    click_at(app, button.rect.center)


def pick(app, name: str, steps: int) -> None:
    """Open the list behind option button ``name`` and click the option ``steps`` below the
    current one, as a facilitator does: every option is on screen, none is reached by cycling."""
    click(app, name)
    picker = app.top.ui.picker
    assert picker is not None, f"{name} opened no list"
    labels = [b.text for b in picker.buttons]
    click_at(app, picker.buttons[(picker.focus + steps) % len(labels)].rect.center)
    assert app.top.ui.picker is None, "the list stays open after a choice"


def type_into(app, entry, text: str) -> None:
    """Focus a text field by clicking it, clear it, and type ``text`` as key events."""
    click_at(app, entry.rect.center)
    assert entry.is_focused
    for _ in range(len(entry.get_text()) + 2):
        app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="\b",
                                            scancode=0)])
    assert entry.get_text() == ""
    app.step(events=[pygame.event.Event(pygame.TEXTINPUT, text=text)])
    app.step()


def on_screen(app) -> str:
    return "\n".join(app.rendered_texts())


class Projector:
    """Everything the projector view ever rendered, to check secrecy at the end."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def look(self, app, frames: int = 2) -> str:
        press(app, pygame.K_F2)
        assert app.top.name == "ws_projector"
        for _ in range(frames):
            app.step()
            self.seen += app.rendered_texts()
        text = on_screen(app)
        press(app, pygame.K_F2)
        assert app.top.name == "ws_console"
        return text


# ------------------------------------------------------------------ the scripted session


def test_scripted_workshop_through_the_controls(home):
    clock = FakeClock()
    app = build_app(["workshop", "--scenario", "tutorial", "--seed", "11", "--rounds", "3"], clock=clock)
    proj = Projector()
    secrets: set[str] = set()
    try:
        app.step()
        assert app.top.name == "ws_setup"
        # setup: Sakana AI becomes an AI fill-in; Japan's team gets its name typed in
        click(app, "who_sakana")
        assert "persona_sakana" in app.top.ui.buttons
        type_into(app, app.top.entries["japan"], "Tokyo")
        click(app, "start")
        assert app.top.name == "ws_console"
        ws = app.ws
        # the projector also in a window of its own: record everything it shows, every frame
        press(app, pygame.K_w, pygame.KMOD_CTRL)
        assert app.proj_window is not None
        step = app.step

        def recording_step(*args, **kw):
            step(*args, **kw)
            proj.seen.extend(app.projector_texts())

        app.step = recording_step
        app.step()
        assert "Round 1 of 3" in app.projector_texts()
        assert ws.teams["japan"] == "Tokyo" and "sakana" in ws.ai_seats and ws.game.rounds == 3
        path = workshop_path("tutorial", 11)
        assert ws.autosave_path == path and path.exists()
        assert str(path) in on_screen(app)  # the console shows where it saves
        for s in ws.game.seats:
            oid = ws.game.state.objectives.get(s)
            if oid:
                secrets |= {ws.game.rs.objectives[oid].title.get("en"), ws.game.rs.objectives[oid].text.get("en")}

        # the clock starts paused; Space starts it, the button pauses it
        assert not ws.timer.running and "PAUSED" in on_screen(app)
        press(app, pygame.K_SPACE)
        assert ws.timer.running
        clock.now += 20
        click(app, "pause")
        assert not ws.timer.running
        left = ws.remaining()
        clock.now += 500
        app.step()
        assert ws.remaining() == left and ws.game.phase == "event"  # paused: no time-out
        click(app, "pause")
        click(app, "extend")
        assert ws.remaining() == pytest.approx(left + 60)

        # inject: choose a card now, and schedule one for round 3
        click(app, "inject")
        assert app.top.name == "ws_inject"
        click(app, "card_quiet_year")
        click(app, "use")
        assert ws.game.event == "quiet_year" and app.top.name == "ws_console"
        click(app, "inject")
        click(app, "card_chip_shock")
        pick(app, "round", 2)  # round 1 → 3, from the list
        click(app, "schedule")
        assert ws.schedule == {3: "chip_shock"}
        press(app, pygame.K_ESCAPE)
        assert "quiet year" in proj.look(app).lower()

        # negotiation: record an agreement from table talk
        press(app, pygame.K_n)
        assert ws.game.phase == "negotiation"
        click(app, "agreement")
        click(app, "member_usa")
        click(app, "member_japan")
        pick(app, "duration", 2)  # default → 2 rounds, from the list
        click(app, "record")
        ags = ws.game.agreements()
        assert len(ags) == 1 and set(ags[0]["members"]) == {"usa", "japan"}
        assert any(e.action == "record_agreement" for e in ws.audit)
        proj.look(app)

        # orders: Japan's team types its own orders behind the hand-over screen
        click(app, "skip")
        assert ws.game.phase == "orders"
        click(app, "team_japan")
        assert app.top.name == "handover"
        assert "Japan" in on_screen(app)
        press(app, pygame.K_RETURN)
        assert app.top.name == "orders"
        click(app, "add")
        draft = list(app.top.draft)
        assert draft
        secrets |= {describe(app, o) for o in draft} | {str(o) for o in draft}
        assert describe(app, draft[0]) in on_screen(app)  # the team sees its own sheet
        click(app, "submit")
        assert app.top.name == "ws_console"
        assert ws.game.submitted()["japan"]
        assert describe(app, draft[0]) not in on_screen(app)  # all-seeing is off
        saved = json.loads(path.read_text())
        assert "japan" in saved["game"]["state"]["pending"]  # autosaved at once: nothing submitted is lost
        # the warning: visible on the console and unmissable on the projector
        clock.now += ws.remaining() - 30
        app.step()
        assert ws.warning() and "Time almost up" in on_screen(app)
        wall = proj.look(app, frames=3)
        assert "1 MINUTE LEFT" in wall
        # all-seeing shows the facilitator the secrets on the console only
        click(app, "seeing")
        oid = ws.game.state.objectives["japan"]
        assert "Objective: " + ws.game.rs.objectives[oid].title.get("en") in on_screen(app)
        assert "Orders: " + describe(app, draft[0])[:16] in on_screen(app)
        assert proj.look(app)
        click(app, "seeing")

        # resolve, then undo back to the start of round 1's orders phase
        click(app, "skip")
        assert ws.game.round == 2 and ws.game.phase == "event"
        assert ws.game.state.revealed  # orders are revealed after the resolution
        click(app, "undo")
        assert ws.game.round == 1 and ws.game.phase == "orders"
        assert not ws.game.submitted()["japan"]
        # the facilitator enters Japan's orders from the paper sheet this time
        click(app, "sheet_japan")
        assert app.top.name == "orders"
        click(app, "add")
        click(app, "submit")
        assert ws.game.submitted()["japan"]
        assert any(e.action == "orders" and e.detail["by"] == "facilitator" for e in ws.audit)
        # override with a reason: refused without one, then applied and audited
        click(app, "override")
        assert app.top.name == "ws_override"
        click(app, "apply")
        assert app.top.name == "ws_override" and not ws.game.state.overrides
        type_into(app, app.top.reason_entry, "Paper sheet misread")
        click(app, "apply")
        assert app.top.name == "ws_console"
        assert ws.game.state.overrides[-1]["reason"] == "Paper sheet misread"
        assert any(e.action == "override" and e.detail["reason"] == "Paper sheet misread" for e in ws.audit)

        # a time-out ends the orders phase; the rule for missing orders applies
        pick(app, "missing", 1)  # hold → the AI plays missing seats
        assert ws.missing_rule == "ai"
        press(app, pygame.K_SPACE) if not ws.timer.running else None
        clock.now += ws.remaining() + 1
        app.step()
        app.step()
        assert ws.game.round == 2 and ws.game.phase == "event"
        assert ws.game.state.revealed[-1]["orders"]["usa"]  # USA's team was missing: the AI played it
        assert app.projector_texts()  # the second window stayed up all along
        # save & quit
        state = (ws.game.state_hash(), len(ws.audit), ws.schedule)
        press(app, pygame.K_q, pygame.KMOD_CTRL)
        assert not app.quit and "again" in app.status  # saved; a stray key does not close the room's console
        press(app, pygame.K_q, pygame.KMOD_CTRL)
        assert app.quit
        proj_seen_1 = list(proj.seen)
    finally:
        pygame.quit()

    # ------------------------------------------------------------ resume after the lid closed
    clock2 = FakeClock()
    app = build_app(["workshop", "--resume", str(path)], clock=clock2)
    try:
        app.step()
        ws = app.ws
        assert app.top.name == "ws_console"
        assert ws.game.state_hash() == state[0] and ws.schedule == state[2]
        assert len(ws.audit) == state[1] + 1  # + "resume_session"
        assert ws.game.agreements() and ws.game.state.overrides
        assert "PAUSED" in on_screen(app)
        press(app, pygame.K_SPACE)
        # play to the end with "End phase"; round 3 uses the scheduled card
        while not ws.game.is_over:
            if ws.game.round == 3 and ws.game.phase == "event":
                assert ws.game.event == "chip_shock"
            proj.look(app, frames=1)
            click(app, "skip")
        assert ws.game.is_over
        assert "The workshop game is over" in proj.look(app)
        click(app, "debrief")
        assert app.top.name == "ws_debrief"
        for pg in ("charts", "seats", "timeline", "secrets", "orders", "prompts"):
            click(app, f"page_{pg}")
            assert on_screen(app)
        click(app, "export")
        html = path.parent / "workshop-tutorial-11-report.html"
        js = path.parent / "workshop-tutorial-11-report.json"
        assert html.exists() and js.exists()
        assert str(html) in on_screen(app)
        report = json.loads(js.read_text())
        assert any(o["reason"] == "Paper sheet misread" for o in report["overrides"])
        click(app, "cards")
        cards = path.parent / "workshop-tutorial-11-cards"
        assert (cards / "index.html").exists()
        assert str(cards) in on_screen(app)
    finally:
        pygame.quit()

    # the projector never showed a pending order or a secret objective
    wall = "\n".join(proj_seen_1 + proj.seen)
    leaked = [s for s in secrets if s and s in wall]
    assert not leaked, leaked


def test_workshop_catalog_is_bilingual():
    ws_keys = {k for k in messages.M if k.startswith("ws.")}
    assert ws_keys
    ks = messages.keys()
    assert ws_keys <= ks["en"] and ws_keys <= ks["ja"]


@contextlib.contextmanager
def console(lang: str = "en"):
    """A tutorial workshop started from its setup screen, on the facilitator console."""
    from game.ui.scenes.workshop_setup import WorkshopSetupScene

    app = WorkshopApp(Settings(lang=lang), scenario="tutorial", seed=2, clock=FakeClock())
    try:
        app.push(WorkshopSetupScene(app))
        app.step()
        click(app, "start")
        yield app
    finally:
        pygame.quit()


def test_japanese_console_and_projector_render(home):
    with console("ja") as app:
        assert "一時停止中" in on_screen(app)
        press(app, pygame.K_TAB)
        assert app.top.name == "ws_projector" and "1年目" in on_screen(app)


def test_resume_refuses_a_file_that_is_not_a_workshop(tmp_path, home, capsys):
    from game.ui.workshop_app import main

    bad = tmp_path / "x.json"
    bad.write_text("{}")
    assert main(["workshop", "--resume", str(bad)]) == 2
    assert capsys.readouterr().err.splitlines() == [f"{bad}: not a Sumiwake workshop file"]


def test_demo_mode_saves_every_screen_and_exits_0(tmp_path, home):
    shots = tmp_path / "shots"
    env = {**os.environ, "SUMIWAKE_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    out = subprocess.run([sys.executable, "-m", "game.launcher", "workshop", "--scenario", "tutorial", "--seed", "2",
                          "--rounds", "2", "--autoplay", "--screenshots", str(shots)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    names = {p.stem.split("_r")[0][4:] for p in shots.glob("*.png")}
    for want in ("ws_setup", "ws_console", "ws_projector", "ws_inject", "ws_agreement", "ws_override",
                 "ws_handover", "ws_orders", "ws_projector_warning", "ws_debrief_charts", "ws_debrief_exported"):
        assert want in names, (want, sorted(names))
    assert (home / "workshop-tutorial-2-report.html").exists()


def test_pointing_at_a_seat_row_shows_its_figures(home):
    """The facilitator answers "why did our score drop?" from the console."""
    with console() as app:
        assert app.top.name == "ws_console"
        assert "Usable model" not in on_screen(app)
        row = app.top.R(10, app.top._row_y(1), 200, 20).center  # Japan's row, left of its buttons
        app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=row, rel=(0, 0), buttons=(0, 0, 0))])
        text = on_screen(app)
        assert "Usable model" in text and "Security" in text


def test_the_console_keeps_tab_for_its_view_and_f6_moves_the_focus(home):
    with console() as app:
        assert app.top.name == "ws_console" and app.top.ui.focused is None
        press(app, pygame.K_F6)
        first = app.top.ui.focused
        assert first is not None and app.top.ui.focus_rect() is not None
        press(app, pygame.K_F6)
        assert app.top.ui.focused != first
        press(app, pygame.K_TAB)
        assert app.top.name == "ws_projector"  # Tab still switches the view


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_team_device_actions_read_as_words_in_the_audit_trail(home, lang):
    """A proposal or answer made from a team's own device is an audit line in words, not the
    raw action id ("remote_propose") the console used to print."""
    from game.session.workshop import AuditEntry
    from game.ui.scenes.workshop_console import _audit_text

    with console(lang) as app:
        scene = app.top
        g = scene.ws.game
        kind = next(iter(g.rs.agreements))
        lines = [_audit_text(scene, AuditEntry(1, "negotiation", "remote_propose",
                                               {"seat": "japan", "kind": kind, "members": ["japan", "usa"]})),
                 _audit_text(scene, AuditEntry(1, "negotiation", "remote_answer",
                                               {"seat": "usa", "proposal": "p1", "accept": True}))]
        for line in lines:
            assert "remote_" not in line and "japan" not in line and "usa" not in line, line
        assert g.seat_name("japan", lang) in lines[0] and g.rs.agreements[kind].name.get(lang) in lines[0]
        assert g.seat_name("usa", lang) in lines[1]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_console_and_projector_say_an_agreement_runs_to_the_end_of_the_game(lang):
    """An agreement formed (or renewed) for longer than the game has left used to read "to
    round 5" in a four-round game on the console and the projector; it binds to the end of
    the game, and one that ends sooner still gives its round."""
    from game.engine import Game
    from game.i18n import join_list
    from game.ui.scenes.workshop_console import agreement_line

    g = Game.new("g7-2026", seed=3, rounds=4)
    g.advance()
    long = g.propose("usa", "threat_intel_sharing", ["usa", "japan"], 5)
    g.answer("japan", long, True)
    short = g.propose("usa", "data_partnership", ["usa", "openai"], 2)
    g.answer("openai", short, True)
    lines = {ag["kind"]: agreement_line(lambda k, **kw: messages.t(k, lang, **kw), g, ag, lang) for ag in g.agreements()}
    names = {k: g.rs.agreements[k].name.get(lang) for k in lines}
    usa, japan, openai = (g.seat_name(s, lang) for s in ("usa", "japan", "openai"))
    assert lines["threat_intel_sharing"] == messages.t("ws.agreement.line.game", lang, kind=names["threat_intel_sharing"],
                                                       members=join_list([usa, japan], lang))
    assert lines["data_partnership"] == messages.t("ws.agreement.line", lang, kind=names["data_partnership"],
                                                   members=join_list([usa, openai], lang), end=2)
