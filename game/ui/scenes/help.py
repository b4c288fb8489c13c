"""How to play, and every keyboard shortcut."""

from __future__ import annotations

import pygame

from .base import Scene

SECTIONS = ("help.goal", "help.round", "help.scores", "help.secrecy")
KEYS = ("keys.continue", "keys.menu", "keys.focus", "keys.charts", "keys.help", "keys.orders", "keys.negotiation",
        "keys.resolution", "keys.save")


class HelpScene(Scene):
    name = "help"

    def build(self) -> None:
        self.ui.button("back", self.R(1100, 660, 160, 44), self.t("common.back"), self.app.pop,
                       key=pygame.K_ESCAPE, tip=self.t("common.back.tip"), style="primary")
        self.ui.keys[(pygame.K_RETURN, 0)] = self.app.pop
        self.ui.keys[(pygame.K_F1, 0)] = self.app.pop

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th = self.p, self.app.theme
        self.header(surface, self.t("help.title"), self.t("help.sub"))
        y = p.s(110)
        for key in SECTIONS:
            h = p.text(surface, self.t(key + ".h"), (p.s(40), y), "heading", th.c("accent"), bold=True)
            top = max(y + p.s(28), h.bottom)
            room = max(p.font("body").get_linesize(), min(p.s(200), surface.get_height() - p.s(70) - top))
            y = p.wrap(surface, self.t(key), pygame.Rect(p.s(40), top, p.s(700), room), "body") + p.s(12)
        r = self.R(780, 110, 460, 530)
        p.panel(surface, r)
        h = p.text(surface, self.t("keys.title"), (r.left + p.s(16), r.top + p.s(12)), "heading", bold=True)
        yy = max(r.top + p.s(50), h.bottom + p.s(4))
        for key in KEYS:
            yy = p.wrap(surface, self.t(key), pygame.Rect(r.left + p.s(16), yy, r.width - p.s(32), p.s(80)),
                        "body") + p.s(8)
