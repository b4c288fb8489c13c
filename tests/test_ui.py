"""The desktop UI under the dummy SDL driver: scenes render, a full game plays through
synthetic input, hot-seat secrecy holds, demo mode exits 0, frames stay short while AI thinks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine import Order  # noqa: E402
from game.session.match import Match, SeatControl  # noqa: E402
from game.ui import messages  # noqa: E402
from game.ui.app import App, main  # noqa: E402
from game.ui.orderdesc import describe  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

UI_DIR = Path(__file__).resolve().parents[1] / "game" / "ui"


@pytest.fixture
def app(home):
    from game.ui.scenes.title import TitleScene

    a = App(Settings(), scenario="tutorial", seed=7)
    a.push(TitleScene(a))
    a.step()
    yield a
    a.worker.wait()
    pygame.quit()


# ------------------------------------------------------------------ input helpers


def press(app: App, key: int, mod: int = 0) -> None:
    app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)])
    app.step()


def click(app: App, name: str) -> None:
    button = app.top.ui.buttons[name]
    assert button.is_enabled, f"{name} is disabled"
    pos = button.rect.center
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    app.step()


def settle(app: App, timeout: float = 120.0) -> None:
    """Wait for the AI worker's jobs (a job's result may start the next), apply them, draw a frame.

    Fails the test if a job is still running after ``timeout`` seconds (generous: the machine is shared)."""
    while app.worker.busy:
        label = app.worker.label
        assert app.worker.wait(timeout), f"the AI worker's job {label!r} did not finish within {timeout} s"
        app.step()
    app.step()


def on_screen(app: App) -> str:
    return "\n".join(app.rendered_texts())


# ------------------------------------------------------------------ catalog


def test_catalog_has_both_languages_for_every_key():
    ks = messages.keys()
    assert ks["en"] == ks["ja"] == set(messages.M)


def test_every_literal_ui_key_is_catalogued():
    used = set()
    for f in UI_DIR.rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z_.]+)\"", f.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in messages.M)
    assert not missing, missing


def test_session_layer_never_imports_pygame():
    code = "import sys, game.session.match; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ scenes


def test_every_scene_renders(app, home):
    from game.ui.scenes.charts_scene import ChartsScene
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.help import HelpScene
    from game.ui.scenes.menu import MenuScene
    from game.ui.scenes.negotiation import NegotiationScene
    from game.ui.scenes.orders import OrdersScene
    from game.ui.scenes.resolution import ResolutionScene
    from game.ui.scenes.saveload import SaveLoadScene
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.setup import SetupScene

    assert "Sumiwake" in on_screen(app)
    for make in (SetupScene, HelpScene, SettingsScene, lambda a: SaveLoadScene(a, "load")):
        app.push(make(app))
        app.step()
        assert on_screen(app)
        app.pop()
    m = Match.new("tutorial", 3)
    app.start_match(m)
    app.step()
    assert "G7 summit" in on_screen(app)
    m.advance()
    for make in (lambda a: NegotiationScene(a, "japan"), MenuScene, lambda a: SaveLoadScene(a, "save"),
                 lambda a: HandoverScene(a, "japan", None)):
        app.push(make(app))
        app.step()
        assert on_screen(app)
        app.pop()
    m.advance()
    app.push(OrdersScene(app, "japan"))
    app.step()
    assert "Orders — Japan" in on_screen(app)
    app.pop()
    report = m.resolve()
    for make in (lambda a: ResolutionScene(a, report), ChartsScene):
        app.push(make(app))
        for _ in range(3):
            app.step()
        assert on_screen(app)
        app.pop()
    while not m.game.is_over:
        m.resolve()
    app.push(EndScene(app))
    app.step()
    assert "The game is over" in on_screen(app)


def test_settings_change_window_and_scale(app, home):
    from game.ui.scenes.settings_scene import SettingsScene

    app.push(SettingsScene(app))
    app.step()
    press(app, pygame.K_w)      # window size: the list opens on the current size
    press(app, pygame.K_DOWN)   # the next size
    press(app, pygame.K_RETURN)
    press(app, pygame.K_u)      # text size: the list
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # Apply
    assert app.screen.get_size() == (1600, 900)
    assert (home / "settings.json").exists()
    assert Settings.load().width == 1600


# ------------------------------------------------------------------ a full game through input


def test_tutorial_played_through_the_ui_from_title_to_end(app, home):
    press(app, pygame.K_n)                       # title → new game
    assert app.top.name == "setup"
    click(app, "start")                          # tutorial, Japan human
    assert app.top.name == "table"
    g = app.match.game
    assert app.match.humans == ["japan"]
    for _ in range(300):
        name = app.top.name
        if name == "end":
            break
        if name == "table":
            settle(app)
            click(app, "continue")
        elif name == "negotiation":
            if g.round == 1:
                press(app, pygame.K_1)           # United States
                click(app, "propose")
                settle(app)
                app.top.rebuild()
                assert "United States" in on_screen(app)
            press(app, pygame.K_RETURN)
        elif name == "orders":
            click(app, "kind_fund_defence")
            press(app, pygame.K_a)               # add
            assert app.top.draft, "an order was added"
            press(app, pygame.K_BACKSPACE)       # undo
            assert not app.top.draft
            press(app, pygame.K_a)
            press(app, pygame.K_RETURN)          # submit
        elif name == "event_choice":             # the summit asks Japan what it brings
            assert "G7 summit" in on_screen(app) and "Pledge to a joint cyber-defence fund" in on_screen(app)
            press(app, pygame.K_1)               # the first option
            press(app, pygame.K_RETURN)          # confirm
        elif name == "resolution":
            press(app, pygame.K_SPACE)           # skip the animation
            assert "Ledger" in on_screen(app)
            press(app, pygame.K_RETURN)
        else:
            pytest.fail(f"unexpected scene {name}")
        settle(app)
    assert app.top.name == "end"
    assert g.is_over
    assert all(any(o.startswith("fund_defence") for o in r.orders.get("japan", [])) for r in g.reports)
    assert {"round": 1, "event": "g7_summit", "seat": "japan", "option": "defence_fund",
            "answered": True} in g.state.decisions
    assert all(d["answered"] for d in g.state.decisions)  # the computer seats answered too
    text = on_screen(app)
    assert "Ranking" in text and "Turning points" in text
    assert (home / "autosave.json").exists()


def test_autosave_after_each_phase_and_continue(app, home):
    m = Match.new("tutorial", 5, autosave=home / "autosave.json")
    app.start_match(m)
    app.step()
    click(app, "continue")                       # the summit asks Japan: its event-choice screen
    assert app.top.name == "event_choice"
    press(app, pygame.K_RETURN)                  # confirm the default
    saved = Match.load(home / "autosave.json")
    assert saved.game.phase == "event" and saved.game.choice()["answers"] == {"japan": "photo"}
    click(app, "continue")                       # the computer seats answer, then the card applies
    settle(app)
    saved = Match.load(home / "autosave.json")
    assert saved.game.phase == "negotiation"
    assert saved.game.state_hash() == m.game.state_hash()
    app.end_match()
    app.step()
    press(app, pygame.K_c)                       # title: Continue
    assert app.top.name == "table" and app.match.game.phase == "negotiation"


def test_save_and_load_from_the_menu(app, home):
    m = Match.new("tutorial", 5)
    app.start_match(m)
    app.step()
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "menu"
    press(app, pygame.K_s)
    press(app, pygame.K_1)
    assert (home / "saves" / "slot1.json").exists()
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_l)
    press(app, pygame.K_1)
    assert app.top.name == "table"
    assert app.match is not m and app.match.game.state_hash() == m.game.state_hash()


# ------------------------------------------------------------------ hot-seat secrecy


def test_hot_seat_never_shows_another_seats_pending_orders(app, home):
    control = {"usa": SeatControl(True), "japan": SeatControl(True),
               "openai": SeatControl(False), "sakana": SeatControl(False)}
    app.start_match(Match.new("tutorial", 11, control))
    g = app.match.game
    app.step()
    for seat in ("usa", "japan"):                # the summit asks both humans, each after a hand-over
        click(app, "continue")
        assert app.top.name == "handover" and app.top.seat == seat
        press(app, pygame.K_RETURN)
        assert app.top.name == "event_choice" and app.top.seat == seat
        press(app, pygame.K_RETURN)              # confirm the default
    click(app, "continue")                       # the computer seats answer; → negotiation
    settle(app)
    assert g.phase == "negotiation"
    for _ in range(2):                           # both humans negotiate, each after a hand-over
        click(app, "continue")
        assert app.top.name == "handover"
        press(app, pygame.K_RETURN)
        assert app.top.name == "negotiation"
        press(app, pygame.K_RETURN)
    click(app, "continue")                       # → orders
    settle(app)
    click(app, "continue")
    assert app.top.name == "handover" and app.top.seat == "usa"
    press(app, pygame.K_RETURN)
    scene = app.top
    assert scene.name == "orders" and scene.seat == "usa"
    usa_orders = [Order("fund_defence", amount=3), Order("fund_data", domain="finance", amount=2)]
    scene.draft.extend(usa_orders)
    scene.rebuild()
    app.step()
    secrets = [describe(app, o) for o in usa_orders] + [str(o) for o in usa_orders]
    assert secrets[0] in on_screen(app)          # the owner sees them
    press(app, pygame.K_RETURN)                  # submit
    assert g.submitted()["usa"]
    seen: list[str] = []
    seen += app.rendered_texts()                 # table
    click(app, "continue")
    assert app.top.name == "handover" and app.top.seat == "japan"
    seen += app.rendered_texts()
    press(app, pygame.K_RETURN)
    assert app.top.name == "orders" and app.top.seat == "japan"
    for kind in list(app.top.by_kind):           # browse every kind on Japan's sheet
        click(app, f"kind_{kind}")
        seen += app.rendered_texts()
    for s in secrets:
        assert not any(s in text for text in seen), s


# ------------------------------------------------------------------ demo mode and responsiveness


def test_autoplay_saves_a_png_of_every_scene_and_exits_0(home, tmp_path):
    shots = tmp_path / "shots"
    code = main(["play", "--scenario", "tutorial", "--autoplay", "--seed", "2", "--screenshots", str(shots)])
    assert code == 0
    names = {p.name.split("_", 1)[1] for p in shots.glob("*.png")}
    for scene in ("title", "setup", "help", "settings", "table", "negotiation", "orders", "handover", "menu",
                  "save", "resolution", "charts", "end"):
        assert any(n.startswith(scene) for n in names), scene


def test_frames_keep_coming_while_ai_thinks(home, monkeypatch):
    """The AI plans on a worker thread: the frame loop keeps drawing, and the game is only
    changed by the main thread once the plan is in.  (Frame times are measured by bench/ui.py.)"""
    import threading

    from game.ui.scenes.table import TableScene

    a = App(Settings(width=1920, height=1080), seed=1)
    try:
        m = Match.new("g7-2026", 4, {s: SeatControl(False) for s in
                                     Match.new("g7-2026", 4).game.seats})
        a.start_match(m)
        assert isinstance(a.top, TableScene)
        a.step()
        m.advance()
        m.advance()
        release = threading.Event()
        planned_on: list[str] = []
        real_plan = m.plan_ai_orders

        def slow_plan(game):  # the AI "thinks" until the test lets it go
            planned_on.append(threading.current_thread().name)
            assert game is not m.game  # it plans on a clone, never the live game
            release.wait(10)
            return real_plan(game)

        monkeypatch.setattr(m, "plan_ai_orders", slow_plan)
        a.flow.start_ai_orders()
        frames = 0
        while a.worker.busy and frames < 5:
            a.step()
            frames += 1
            assert not any(m.game.submitted().values())  # nothing applied while it thinks
        assert frames == 5  # the window kept drawing while the AI was busy
        release.set()
        while a.worker.busy:
            a.step()
        a.step()
        assert planned_on and planned_on[0] != threading.main_thread().name
        assert all(m.game.submitted().values())
    finally:
        pygame.quit()


def test_hot_seat_a_later_humans_proposal_reaches_an_earlier_human():
    """Japan negotiates first; the USA then proposes to Japan: Japan gets a second turn to answer."""
    from types import SimpleNamespace

    from game.ui.flow import Flow

    seats = Match.new("tutorial", 3).game.seats
    m = Match.new("tutorial", 3, {s: SeatControl(s in ("japan", "usa")) for s in seats})
    app = SimpleNamespace(worker=SimpleNamespace(busy=False))
    f = Flow(app, m)
    m.advance()  # event -> negotiation
    first = f.next_seat()
    second = "usa" if first == "japan" else "japan"
    f.mark_shown(first)
    f.negotiated.add(first)  # the first human finishes its sheet without proposals
    assert f.next_seat() == second
    f.mark_shown(second)
    pid = m.game.propose(second, "threat_intel_sharing", [second, first])
    f.negotiated.add(second)
    assert f.next_step() == "flow.negotiate" and f.next_seat() == first  # back to the first human
    f.mark_shown(first)
    m.game.answer(first, pid, True)
    assert f.next_step() == "flow.to_orders"


def test_hovering_a_seat_or_a_region_shows_its_details(app, home):
    """A player who points at a seat panel or a map region sees the figures behind it."""
    m = Match.new("g7-2026", 3)
    app.start_match(m)
    m.resolve()  # a round played: shares, scores and history to show
    app.step()
    table = app.top
    japan = table._seat_rects["japan"]
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=japan.center, rel=(0, 0), buttons=(0, 0, 0))])
    assert table.hovered() == ("seat", "japan")
    text = on_screen(app)
    assert "Usable model" in text and "Security" in text and "Trusts" in text
    europe = tuple(int(c) for c in table._centres["europe"])
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=europe, rel=(0, 0), buttons=(0, 0, 0))])
    assert table.hovered() == ("region", "europe")
    assert "Market value" in on_screen(app)
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=(2, 2), rel=(0, 0), buttons=(0, 0, 0))])
    assert table.hovered() is None and "Market value" not in on_screen(app)


def test_tab_moves_a_visible_focus_and_enter_presses_it(app, home):
    """Keyboard users step through the buttons with Tab (Shift+Tab back) and press with Enter."""
    from game.ui.scenes.help import HelpScene

    names = [n for n in app.top.ui.order if n in app.top.ui.actions]
    assert len(names) >= 3
    assert app.top.ui.focus_rect() is None
    press(app, pygame.K_TAB)
    assert app.top.ui.focused == names[0] and app.top.ui.focus_rect() is not None
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    assert app.top.ui.focused == names[0]
    press(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    assert app.top.ui.focused == names[-1]  # wraps round
    while app.top.ui.focused != "help":
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, HelpScene)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_end_screen_names_the_human_seat_whole_beside_its_score(home, lang):
    """The ranking's "(you)" mark and the seat's name both fit before the score: neither is cut
    to "…" nor drawn over the score (it was "United States (…" at 1920×1080)."""
    from game.ui.scenes.end import EndScene

    a = App(Settings(width=1920, height=1080, lang=lang), seed=3)
    try:
        m = Match.new("g7-2026", 3, control={s: SeatControl(s == "usa") for s in
                                             Match.new("g7-2026", 3).game.seats}, rounds=2)
        while not m.game.is_over:
            m.resolve()
        a.start_match(m)
        a.push(EndScene(a))
        a.step()
        drawn = {d.text: d for d in a.painter.drawn}
        name, mark = m.game.seat_name("usa", lang), messages.t("seat.human", lang)
        assert name in drawn and mark in drawn, sorted(drawn)
        assert not drawn[name].cut and not drawn[mark].cut
        score = next(d for t, d in drawn.items() if re.fullmatch(r"\d+\.\d", t) and abs(d.ink.centery - drawn[name].ink.centery) < 6)
        assert drawn[name].ink.right < drawn[mark].ink.left < drawn[mark].ink.right < score.ink.left
    finally:
        a.worker.wait()
        pygame.quit()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_negotiation_names_the_proposals_it_has_no_room_to_show(home, lang):
    """With more proposals than cards fit, the sheet names the rest with their fate (a formed
    partnership used to vanish from "Proposals this year" once three others were on it)."""
    from game.ui.scenes.negotiation import NegotiationScene

    a = App(Settings(width=1920, height=1080, lang=lang), seed=3)
    try:
        seats = Match.new("g7-2026", 3).game.seats
        m = Match.new("g7-2026", 3, control={s: SeatControl(s == "usa") for s in seats})
        m.advance()
        g = m.game
        formed = g.propose("sakana", "data_partnership", ["sakana", "usa"])
        g.answer("usa", formed, True)
        for firm in ("mistral", "cohere", "openai"):
            g.propose(firm, "data_partnership", [firm, "usa"])
        a.start_match(m)
        a.push(NegotiationScene(a, "usa"))
        a.step()
        text = on_screen(a)
        kind = g.rs.agreements["data_partnership"].name.get(lang)
        line = next((t for t in a.rendered_texts() if g.seat_name("sakana", lang) in t and messages.t("status.formed", lang) in t), None)
        assert line is not None and kind in text, text
        # the agreements in force name their partners, not only their kind
        prefix = messages.t("neg.in_force", lang, list="").rstrip()
        in_force = next(t for t in a.rendered_texts() if t.startswith(prefix))
        assert prefix in in_force and g.seat_name("sakana", lang) in in_force, in_force
    finally:
        a.worker.wait()
        pygame.quit()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_negotiation_says_an_agreement_runs_to_the_end_of_the_game(home, lang):
    """A pact formed for longer than the game has left said "to year 5" in a four-year game
    (and a renewal in the last year ran "to year 10" of eight); like the brief, the sheet now
    says it binds to the end of the game, and still gives the year of one that ends sooner."""
    from game.ui.scenes.negotiation import NegotiationScene

    a = App(Settings(width=1920, height=1080, lang=lang), seed=3)
    try:
        seats = Match.new("g7-2026", 3).game.seats
        m = Match.new("g7-2026", 3, control={s: SeatControl(s == "usa") for s in seats}, rounds=4)
        m.advance()
        g = m.game
        long = g.propose("usa", "threat_intel_sharing", ["usa", "japan"], 5)  # to year 5 of 4
        g.answer("japan", long, True)
        short = g.propose("usa", "data_partnership", ["usa", "openai"], 2)  # to year 2
        g.answer("openai", short, True)
        a.start_match(m)
        a.push(NegotiationScene(a, "usa"))
        a.step()
        def flat(x: str) -> str:  # the wrapped lines read as one text
            return "".join(x.split())

        text = flat(on_screen(a))
        intel = g.rs.agreements["threat_intel_sharing"].name.get(lang)
        japan, openai = g.seat_name("japan", lang), g.seat_name("openai", lang)
        assert flat(messages.t("neg.in_force.item.game", lang, name=intel, members=japan)) in text, text
        assert flat(messages.t("neg.in_force.item", lang, name=g.rs.agreements["data_partnership"].name.get(lang),
                               members=openai, end=2)) in text, text
        assert flat(messages.t("neg.in_force.item", lang, name=intel, members=japan, end=5)) not in text, text
    finally:
        a.worker.wait()
        pygame.quit()


def test_a_long_order_on_the_sheet_is_shown_whole(home):
    """"Enter or deepen a region: Emerging Asia, 2 points" was cut to "…2 po…" on the sheet's
    list at 1920×1080: a line that does not fit is drawn a size smaller before it is ever cut."""
    from game.ui.scenes.orders import OrdersScene

    a = App(Settings(width=1920, height=1080), seed=3)
    try:
        seats = Match.new("g7-2026", 3).game.seats
        m = Match.new("g7-2026", 3, control={s: SeatControl(s == "sakana") for s in seats})
        m.advance()
        m.advance()
        a.start_match(m)
        scene = OrdersScene(a, "sakana")
        a.push(scene)
        scene.draft += [Order("enter_region", region="emerging_asia", amount=2)]
        a.step()
        line = next(d for d in a.painter.drawn if d.text.startswith("1. ") and "Emerging Asia" in d.text)
        assert not line.cut and line.text.endswith("2 points"), line
    finally:
        a.worker.wait()
        pygame.quit()
