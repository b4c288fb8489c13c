"""Team devices (``workshop --serve``): a QR code per seat that a team scans to play its seat from a
phone or laptop, each seat's connection (connected sockets, orders in, last seen), and a button to
reissue a seat's link (the old one stops at once; its open page is told).

The QR codes are segno's module matrices, drawn here as rectangles."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.i18n import labelled
from game.net.joincards import qr_matrix
from game.net.links import seat_links
from game.net.messages import t as net_t

from ..host import WorkshopHost
from .base import Scene

if TYPE_CHECKING:
    from game.net.table import TableHost


def draw_qr(surface: pygame.Surface, matrix: list[list[bool]], rect: pygame.Rect) -> None:
    """The QR code, square, as large as fits in ``rect`` (whole pixels per module, dark on white)."""
    n = len(matrix)
    cell = max(1, min(rect.width, rect.height) // max(1, n))
    size = cell * n
    x0 = rect.left + (rect.width - size) // 2
    y0 = rect.top + (rect.height - size) // 2
    pygame.draw.rect(surface, (255, 255, 255), (x0, y0, size, size))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), (x0 + x * cell, y0 + y * cell, cell, cell))


class DevicesScene(Scene):
    app: WorkshopHost
    name = "ws_devices"

    def __init__(self, app: WorkshopHost, host: "TableHost", base: str) -> None:
        super().__init__(app)
        self.host = host
        self.base = base
        self._qr: dict[str, tuple[str, list[list[bool]]]] = {}

    def nt(self, key: str, **kw: object) -> str:
        return net_t(key, self.app.settings.lang, **kw)

    def build(self) -> None:
        seats = self.host.ws.game.seats
        cols = min(6, max(1, len(seats)))
        for i, s in enumerate(seats):
            x, y = self._cell(i, cols)
            self.ui.button(f"reissue_{s}", self.R(x + 8, y + 262, 184, 30), self.nt("admin.reissue"),
                           partial(self.reissue, s), tip=self.nt("console.reissue.tip"))
        # top right: twelve seats' cells reach the bottom edge, where the button would cover the last one
        self.ui.button("back", self.R(1068, 14, 198, 44), self.t("common.back"), self.app.pop,
                       key=pygame.K_ESCAPE, tip=self.t("common.back.tip"))
        self.ui.keys[(pygame.K_F12, 0)] = self.app.pop

    def _cell(self, i: int, cols: int) -> tuple[int, int]:
        return 16 + (i % cols) * 208, 96 + (i // cols) * 300

    def reissue(self, seat: str) -> None:
        with self.host.lock:
            self.host.reissue(seat)
        self.app.status = self.nt("console.reissued", seat=self.host.ws.game.seat_name(seat, self.app.settings.lang))

    def _matrix(self, seat: str, url: str) -> list[list[bool]]:
        cached = self._qr.get(seat)
        if cached is None or cached[0] != url:
            cached = (url, qr_matrix(url))
            self._qr[seat] = cached
        return cached[1]

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th = self.p, self.app.theme
        lang = self.app.settings.lang
        g = self.host.ws.game
        p.text(surface, self.nt("console.devices"), (p.s(20), p.s(30)), "title", bold=True, anchor="midleft")
        links = seat_links(self.host, self.base, lang)
        p.text(surface, self.nt("console.devices.sub", url=self.base), (p.s(20), p.s(62)), "small", th.c("muted"),
               anchor="midleft", max_w=p.s(1040))  # left of the Back button
        cols = min(6, max(1, len(g.seats)))
        now = time.time()
        for i, s in enumerate(g.seats):
            x, y = self._cell(i, cols)
            r = self.R(x, y, 200, 296)
            p.panel(surface, r)
            st = self.host.seat_status(s)
            p.text(surface, g.seat_name(s, lang), (r.left + p.s(10), r.top + p.s(8)), "body", bold=True,
                   max_w=r.width - p.s(20))
            if st["mode"] == "remote":
                draw_qr(surface, self._matrix(s, links["seats"][s]), self.R(x + 20, y + 34, 160, 160))
            else:
                p.wrap(surface, net_t(f"mode.{st['mode']}", lang), self.R(x + 12, y + 90, 176, 60), "body",
                       th.c("muted"))
            if st["mode"] != "remote":  # played at the console or by AI: no device to watch
                continue
            conn = self.nt("console.connected", n=st["connected"]) if st["connected"] else self.nt("console.offline")
            p.text(surface, ("● " if st["connected"] else "○ ") + conn, (r.left + p.s(10), r.top + p.s(200)), "small",
                   th.c("text") if st["connected"] else th.c("muted"), max_w=r.width - p.s(20))
            sub = self.nt("admin.in") if st["submitted"] else self.nt("admin.waiting")
            p.text(surface, sub, (r.left + p.s(10), r.top + p.s(220)), "small", max_w=r.width - p.s(20))
            seen = (self.nt("admin.ago", n=max(0, int(now - st["last_seen"]))) if st["last_seen"]
                    else self.nt("admin.never"))
            p.text(surface, labelled(self.nt("admin.last_seen"), seen, self.app.lang), (r.left + p.s(10), r.top + p.s(240)), "tiny",
                   th.c("muted"), max_w=r.width - p.s(20))
