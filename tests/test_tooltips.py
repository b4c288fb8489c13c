"""Tooltips sit beside what they explain: never over the control under the pointer, never
over the buttons next to it, always inside the window.

Driven through the app's real frame loop: the pointer rests on a control (pygame's mouse
position and a posted MOUSEMOTION) and frames run past the tooltip delay, as in the window.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from realloop import frames  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.tips import place  # noqa: E402


def rest_pointer(app: App, monkeypatch, pos: tuple[int, int]) -> None:
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app)


def tooltips_on_screen(app: App, monkeypatch) -> int:
    """Hover every button with a tooltip on the top screen; check where each tooltip is."""
    window = app.screen.get_rect()
    seen = 0
    for name, b in list(app.top.ui.buttons.items()):
        if not (b.alive() and b.visible and b.is_enabled and b.tool_tip_text):
            continue
        rest_pointer(app, monkeypatch, b.rect.center)
        for _ in range(3):  # past the tooltip delay
            app.step(dt=0.5)
        tip = b.tool_tip
        assert tip is not None, f"{name}: no tooltip after resting on it"
        r = pygame.Rect(tip.rect)
        others = {n: o.rect for n, o in app.top.ui.buttons.items() if o is not b and o.alive() and o.visible}
        assert window.contains(r), f"{name}: tooltip {r} leaves the window {window}"
        assert not r.colliderect(b.rect), f"{name}: tooltip {r} covers the button under the pointer {b.rect}"
        covered = [n for n, o in others.items() if r.colliderect(o)]
        assert not covered, f"{name}: tooltip {r} covers the buttons {covered}"
        seen += 1
    rest_pointer(app, monkeypatch, (0, 0))
    return seen


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_title_and_new_game_tooltips_cover_no_button(home, monkeypatch, size):
    """The title's buttons stand in a column, New game's in rows: a tooltip that drops below
    its button used to hide the next one."""
    from realloop import key

    from game.ui.scenes.title import TitleScene

    app = App(Settings(width=size[0], height=size[1]), scenario="tutorial", seed=7)
    try:
        pygame.event.clear()
        app.push(TitleScene(app))
        frames(app)
        assert tooltips_on_screen(app, monkeypatch) >= 3
        key(app, pygame.K_n)
        assert app.top.name == "setup"
        assert tooltips_on_screen(app, monkeypatch) >= 5
    finally:
        app.worker.wait()
        pygame.quit()


def test_order_sheet_tooltips_cover_no_button(home, monkeypatch):
    from game.session.match import Match, SeatControl
    from game.ui.scenes.orders import OrdersScene

    app = App(Settings(), scenario="g7-2026", seed=3)
    try:
        pygame.event.clear()
        seats = Match.new("g7-2026", 3).game.seats
        m = Match.new("g7-2026", 3, {s: SeatControl(s == "japan") for s in seats})
        app.start_match(m)
        while m.game.phase != "orders":
            m.advance()
        frames(app, 2)
        app.push(OrdersScene(app, "japan"))
        frames(app, 2)
        assert tooltips_on_screen(app, monkeypatch) >= 5
    finally:
        app.worker.wait()
        pygame.quit()


def test_a_seat_panel_hover_sits_beside_the_seat_and_covers_no_button(home, monkeypatch):
    """The table's seat panels sit above the Continue/Negotiate/Help row: the figures shown on
    hover stay clear of the seat under the pointer and of every button, inside the window."""
    from test_first_contact import solo_g7

    from game.ui.scenes.title import TitleScene

    app = App(Settings(), scenario="tutorial", seed=7)
    try:
        pygame.event.clear()
        app.push(TitleScene(app))
        frames(app)
        solo_g7(app)
        table = app.top
        drawn: list[pygame.Rect] = []
        import game.ui.scenes.table as table_mod

        real = table_mod.draw_tip

        def spy(*args, **kw):
            r = real(*args, **kw)
            drawn.append(r)
            return r

        monkeypatch.setattr(table_mod, "draw_tip", spy)
        window = app.screen.get_rect()
        for seat, rect in list(table._seat_rects.items()):
            for pos in (rect.center, (rect.left + 3, rect.bottom - 3), (rect.right - 3, rect.bottom - 3)):
                drawn.clear()
                rest_pointer(app, monkeypatch, pos)
                frames(app)
                assert table.hovered() == ("seat", seat) and drawn, f"{seat}: no panel on hover"
                r = drawn[-1]
                assert window.contains(r), f"{seat}: panel {r} leaves the window"
                assert not r.colliderect(rect), f"{seat}: panel {r} covers the seat {rect} under the pointer"
                covered = [n for n, b in table.ui.buttons.items() if b.alive() and b.visible and r.colliderect(b.rect)]
                assert not covered, f"{seat}: panel {r} covers the buttons {covered}"
    finally:
        app.worker.wait()
        pygame.quit()


def test_place_keeps_clear_of_the_anchor_and_of_neighbours_and_inside_the_window():
    window = pygame.Rect(0, 0, 800, 600)
    column = [pygame.Rect(300, 100 + 50 * i, 200, 40) for i in range(8)]  # a column of buttons
    for anchor in column:
        r = place((260, 60), anchor, window, column)
        assert window.contains(r) and not r.colliderect(anchor)
        assert r.collidelist(column) == -1, (anchor, r)
    # in a corner, the tooltip still ends up inside the window and clear of the anchor
    corner = pygame.Rect(760, 570, 40, 30)
    r = place((300, 100), corner, window, [])
    assert window.contains(r) and not r.colliderect(corner)
    # a screen full of buttons: it covers as little as it can, never the anchor
    grid = [pygame.Rect(x, y, 90, 40) for x in range(0, 800, 100) for y in range(0, 600, 50)]
    r = place((150, 45), grid[20], window, grid)
    assert window.contains(r) and not r.colliderect(grid[20])
