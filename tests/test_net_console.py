"""`sumiwake workshop --serve`: the desktop console hosts the table for team devices; its
Team devices screen draws a QR code per seat and each seat's connection, and reissues links."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

pytest.importorskip("uvicorn")

from game.net.client import TableClient, join_link_parts  # noqa: E402
from game.net.links import seat_links  # noqa: E402
from game.session.workshop import Workshop  # noqa: E402

from qr_reader import decode  # noqa: E402


def _read_qr(screen: pygame.Surface, cell: pygame.Rect) -> list[list[bool]]:
    """The module matrix of the QR code drawn in ``cell``: the white square's extent, the module
    size from the top-left finder (down the diagonal to its corner, then its top edge: seven dark
    modules), then one sample at each module's centre."""
    def dark(x: int, y: int) -> bool:
        return tuple(screen.get_at((x, y)))[:3] == (0, 0, 0)

    white = [(x, y) for y in range(cell.top, cell.bottom) for x in range(cell.left, cell.right)
             if tuple(screen.get_at((x, y)))[:3] == (255, 255, 255)]
    x0, y0, x1 = min(p[0] for p in white), min(p[1] for p in white), max(p[0] for p in white) + 1
    d = 0
    while not dark(x0 + d, y0 + d):
        d += 1
    run = 0
    while dark(x0 + d + run, y0 + d):
        run += 1
    module = run / 7
    n = round((x1 - x0) / module)
    return [[dark(int(x0 + (i + 0.5) * module), int(y0 + (j + 0.5) * module)) for i in range(n)] for j in range(n)]


def _press(app, key: int) -> None:
    app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)])
    app.step()


def test_console_serves_team_devices_with_qr_codes(home, tmp_path):
    from game.ui.workshop_app import build_app

    path = tmp_path / "ws.json"
    Workshop.new("tutorial", 7, {"usa": "usa", "japan": "japan", "openai": "openai"}, {"sakana": "random"},
                 autosave_path=path)
    app = build_app(["workshop", "--resume", str(path), "--serve", "--port", "0"])
    try:
        host, server = app.table_host, app.table_server
        assert host is not None and server is not None and host.ws is app.workshop
        links = seat_links(host, server.url)
        url, token = join_link_parts(links["seats"]["japan"])
        with TableClient.connect(url, token) as team:
            _press(app, pygame.K_n)  # the console ends the event phase ...
            _press(app, pygame.K_n)  # ... and the negotiation: the team's page follows
            snap = team.wait(lambda d: d["table"]["phase"] == "orders")
            opt = snap["sheet"]["kinds"][0]["options"][0]["order"]
            team.submit([opt])
            assert app.workshop.game.submitted()["japan"]
            # the console's seat rows show each team device's connection: Japan's is on, the others never came
            app.step()
            rows = app.rendered_texts()
            assert "Device" in rows and "● 0s" in rows and rows.count("○ never") == 2, rows
            console = app.top
            assert console._device_lines("japan") == ["Team device: 1 connected; orders ✓ in; last seen 0 s ago"]
            assert console._device("sakana") is None  # an AI seat has no device
            _press(app, pygame.K_F12)
            assert app.top.name == "ws_devices"
            for _ in range(3):
                app.step()
            text = "\n".join(app.rendered_texts())
            assert "Japan" in text and "1 connected" in text and "✓ in" in text
            shots = os.environ.get("SUMIWAKE_SHOTS")
            shot = (tmp_path if not shots else __import__("pathlib").Path(shots)) / "console-devices.png"
            pygame.image.save(app.screen, str(shot))
            # Japan's QR code, read back from the pixels drawn in its cell, is Japan's join link
            cell = app.top.R(16 + 20 + 208, 96 + 34, 160, 160)  # Japan: the second seat
            assert decode(_read_qr(app.screen, cell)) == seat_links(host, server.url, "en")["seats"]["japan"]
            app.top.reissue("japan")
            for _ in range(40):
                if team.revoked is not None:
                    break
                team.poll(0.25)
            assert team.revoked
        assert host.tokens.seats["japan"] != token
    finally:
        if app.table_server is not None:
            app.table_server.stop()
        pygame.quit()


def test_a_choice_made_on_a_team_device_shows_in_the_console_box(home, tmp_path):
    from game.ui.workshop_app import build_app

    path = tmp_path / "ws.json"
    Workshop.new("tutorial", 7, {"usa": "usa", "japan": "japan", "openai": "openai"}, {"sakana": "random"},
                 autosave_path=path)  # the first card, the G7 summit, asks the United States and Japan
    app = build_app(["workshop", "--resume", str(path), "--serve", "--port", "0"])
    try:
        host, server = app.table_host, app.table_server
        url, token = join_link_parts(seat_links(host, server.url)["seats"]["japan"])
        app.step()
        boxes = [x for x in app.rendered_texts() if x[:3] in ("1. ", "2. ", "3. ")]
        assert len(boxes) == 2 and all(b.startswith("3. Take the photo") for b in boxes), boxes  # the default
        with TableClient.connect(url, token) as team:
            assert team.snapshot["choice"]["mine_asked"]
            team.choose("data_pledge")
            for _ in range(3):
                app.step()
            boxes = [x for x in app.rendered_texts() if x[:3] in ("1. ", "2. ", "3. ")]
            assert sorted(b[:2] for b in boxes) == ["2.", "3."], boxes  # Japan's box follows its device
            assert app.workshop.game.state.choices == {"japan": "data_pledge"}
            assert app.workshop.audit[-1].action == "choice"
    finally:
        if app.table_server is not None:
            app.table_server.stop()
        pygame.quit()
