"""How to play, in pages (the basics; orders, export tiers and access; scoring), and every
keyboard shortcut.  F1 opens it from the table, the order sheet and the negotiation sheet."""

from __future__ import annotations

from functools import partial

import pygame

from .base import Scene

PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("help.page.basics", ("help.goal", "help.round", "help.scores", "help.secrecy")),
    ("help.page.orders", ("help.orders", "help.tiers", "help.access")),
    ("help.page.scoring", ("help.indices", "help.scoring", "help.crisis")),
)
KEYS = ("keys.continue", "keys.menu", "keys.focus", "keys.charts", "keys.help", "keys.orders", "keys.lists",
        "keys.negotiation", "keys.resolution", "keys.save")


def open_help(app) -> None:
    """F1: the help over whatever screen is open (a second F1 closes it)."""
    if app.top is not None and app.top.name == "help":
        app.pop()
    else:
        app.push(HelpScene(app))


class HelpScene(Scene):
    name = "help"

    def __init__(self, app, page: int = 0) -> None:
        super().__init__(app)
        self.page = page

    def build(self) -> None:
        x = 40
        for i, (title, _keys) in enumerate(PAGES):
            w = 150 if i == 0 else 250
            self.ui.button(f"page_{i}", self.R(x, 100, w, 36), f"{i + 1}  {self.t(title)}", partial(self._go, i),
                           key=pygame.K_1 + i, tip=self.t("help.page.tip"),
                           style="selected" if i == self.page else None)
            x += w + 8
        self.ui.button("back", self.R(1100, 660, 160, 44), self.t("common.back"), self.app.pop,
                       key=pygame.K_ESCAPE, tip=self.t("common.back.tip"), style="primary")
        self.ui.keys[(pygame.K_RETURN, 0)] = self.app.pop
        self.ui.keys[(pygame.K_F1, 0)] = self.app.pop
        self.ui.keys[(pygame.K_RIGHT, 0)] = partial(self._go, self.page + 1)
        self.ui.keys[(pygame.K_LEFT, 0)] = partial(self._go, self.page - 1)

    def _go(self, i: int) -> None:
        self.page = i % len(PAGES)
        self.rebuild()

    def _text(self, key: str) -> str:
        if key != "help.crisis":
            return self.t(key)
        m = self.app.match
        if m is not None:
            crisis = m.game.rs.scenario.crisis
        else:
            from game.content import load_rules
            from game.content.loader import load_scenario

            crisis = load_scenario("g7-2026", load_rules()).crisis
        ends = self.t("help.crisis.ends", n=crisis.consecutive) if crisis.ends_game else ""
        return self.t(key, threshold=crisis.threshold, penalty=crisis.score_penalty * 100, ends=ends).strip()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th = self.p, self.app.theme
        self.header(surface, self.t("help.title"), self.t("help.sub"))
        y = p.s(150)
        bottom = surface.get_height() - p.s(64)
        for key in PAGES[self.page][1]:
            h = p.text(surface, self.t(key + ".h"), (p.s(40), y), "body", th.c("accent"), bold=True)
            top = max(y + p.s(22), h.bottom)
            room = max(p.font("body").get_linesize(), bottom - top)
            y = p.wrap(surface, self._text(key), pygame.Rect(p.s(40), top, p.s(710), room), "small") + p.s(10)
        r = self.R(780, 150, 460, 500)
        p.panel(surface, r)
        h = p.text(surface, self.t("keys.title"), (r.left + p.s(16), r.top + p.s(12)), "heading", bold=True)
        yy = max(r.top + p.s(50), h.bottom + p.s(4))
        size = "small" if self.app.settings.ui_scale <= 1.0 else "tiny"  # all of them fit at 120 % too
        for key in KEYS:
            room = r.bottom - p.s(8) - yy
            if room < p.font(size).get_linesize():
                break
            yy = p.wrap(surface, self.t(key), pygame.Rect(r.left + p.s(16), yy, r.width - p.s(32), room), size) + p.s(6)
