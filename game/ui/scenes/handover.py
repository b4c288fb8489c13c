"""Hot-seat hand-over: a blank screen between two human seats, so no orders are seen."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ..draw import icon
from ..theme import seat_rgb
from .base import Scene


class HandoverScene(Scene):
    name = "handover"

    def __init__(self, app, seat: str, then: Callable[[], Scene] | None) -> None:
        super().__init__(app)
        self.seat = seat
        self.then = then

    def build(self) -> None:
        name = self.match.game.seat_name(self.seat, self.app.lang)
        self.ui.button("ready", self.R(440, 430, 400, 56), self.t("handover.ready", seat=name), self.ready,
                       key=pygame.K_RETURN, tip=self.t("handover.ready.tip"), style="primary")
        self.ui.keys[(pygame.K_SPACE, 0)] = self.ready

    def ready(self) -> None:
        if self.then is None:
            self.app.pop()
        else:
            self.app.replace(self.then())

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p = self.p
        d = self.match.game.rs.seat_defs[self.seat]
        w = surface.get_width()
        icon(surface, d.icon, (w // 2, p.s(200)), p.s(40), seat_rgb(d.colour))
        name = self.match.game.seat_name(self.seat, self.app.lang)
        p.text(surface, self.t("handover.title", seat=name), (w // 2, p.s(290)), "title", anchor="center", bold=True)
        p.text(surface, self.t("handover.hint"), (w // 2, p.s(350)), "body", self.app.theme.c("muted"),
               anchor="center")
