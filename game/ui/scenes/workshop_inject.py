"""Injects: keep the card the deck drew, choose a card for this round, or schedule
cards for later rounds in advance."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from game.i18n import join_list
import pygame

from ..host import WorkshopHost
from .base import Scene

if TYPE_CHECKING:
    from game.session.workshop import Workshop


class InjectScene(Scene):
    app: WorkshopHost
    name = "ws_inject"

    def __init__(self, app: WorkshopHost) -> None:
        super().__init__(app)
        g = app.workshop.game
        self.cards = list(g.rs.events)
        self.pick = g.event if g.event in g.rs.events else self.cards[0]
        self.round = g.round if g.phase == "event" else min(g.round + 1, g.rounds)

    @property
    def ws(self) -> Workshop:
        return self.app.workshop

    def build(self) -> None:
        t, g, lang = self.t, self.ws.game, self.app.lang
        per = (len(self.cards) + 1) // 2
        h = min(34, 560 / max(1, per))
        for i, c in enumerate(self.cards):
            x = 20 + (i // per) * 315
            y = 84 + (i % per) * h
            self.ui.button(f"card_{c}", self.R(x, y, 305, h - 3), g.rs.events[c].title.get(lang),
                           partial(self._pick, c), tip=t("ws.inject.pick.tip"),
                           style="selected" if c == self.pick else None)
        now_ok = g.phase == "event" and not g.is_over
        self.ui.button("use", self.R(660, 470, 300, 44), t("ws.inject.use"), self.use, key=pygame.K_RETURN,
                       tip=t("ws.inject.use.tip"), style="primary", enabled=now_ok)
        self.ui.button("draw", self.R(970, 470, 290, 44), t("ws.inject.draw"), self.draw_card, key=pygame.K_k,
                       tip=t("ws.inject.draw.tip"), enabled=now_ok)
        first = g.round if g.phase == "event" else g.round + 1
        rounds = [(str(r), r) for r in range(first, g.rounds + 1)]
        cur = next((i for i, (_, r) in enumerate(rounds) if r == self.round), 0)
        if rounds:
            self.round = rounds[cur][1]
        self.ui.choice("round", self.R(660, 524, 300, 44), rounds, cur, self._round, key=pygame.K_r,
                       tip=t("ws.inject.round.tip"), prefix=t("ws.inject.round") + ": ", enabled=bool(rounds))
        self.ui.button("schedule", self.R(970, 524, 290, 44), t("ws.inject.schedule"), self.schedule,
                       key=pygame.K_s, tip=t("ws.inject.schedule.tip"), enabled=bool(rounds) and not g.is_over)
        self.ui.button("back", self.R(1060, 664, 200, 48), t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=t("common.back.tip"))

    def _pick(self, c: str) -> None:
        self.pick = c
        self.rebuild()

    def _round(self, r: int) -> None:
        self.round = r

    def use(self) -> None:
        card = self.pick
        title = self.ws.game.rs.events[card].title.get(self.app.lang)
        if self.app.act(lambda: self.ws.choose_inject(card), self.t("ws.status.inject", card=title)):
            self.app.pop()

    def draw_card(self) -> None:
        card = self.ws.draw_inject()
        g = self.ws.game
        title = g.rs.events[card].title.get(self.app.lang) if card else self.t("table.no_event")
        self.app.act(lambda: self.ws._log("draw_inject", {"card": card}), self.t("ws.status.drawn", card=title))
        self.app.pop()

    def schedule(self) -> None:
        card, rnd = self.pick, self.round
        title = self.ws.game.rs.events[card].title.get(self.app.lang)
        self.app.act(lambda: self.ws.schedule_inject(rnd, card),
                     self.t("ws.status.scheduled", card=title, round=rnd))
        self.rebuild()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th, g, lang = self.p, self.app.theme, self.ws.game, self.app.lang
        p.text(surface, self.t("ws.inject.title"), (p.s(20), p.s(14)), "title", bold=True)
        p.text(surface, self.t("ws.round_phase", round=g.round, rounds=g.rounds, phase=self.t(f"phase.{g.phase}")),
               (p.s(22), self.below_last(56)), "small", th.c("muted"))
        r = self.R(660, 84, 600, 374)
        p.panel(surface, r, fill="card", edge="competitiveness")
        card = g.rs.events[self.pick]
        y = p.wrap(surface, card.title.get(lang), r.inflate(-p.s(28), 0).move(0, p.s(14)), "title",
                   th.c("card_text"), max_lines=2)
        p.wrap(surface, card.text.get(lang), pygame.Rect(r.left + p.s(14), y + p.s(8), r.width - p.s(28),
               r.bottom - y - p.s(16)), "body", th.c("card_text"), max_lines=9)
        cur = g.rs.events[g.event].title.get(lang) if g.event in g.rs.events else self.t("table.no_event")
        p.text(surface, self.t("ws.event_now", event=cur), (p.s(660), p.s(584)), "small")
        sch = join_list((join_list((str(k), g.rs.events[c].title.get(lang)), lang, ": ")
                         for k, c in sorted(self.ws.schedule.items())), lang)
        p.wrap(surface, self.t("ws.scheduled", cards=sch or "—"), self.R(660, 608, 600, 48), "small",
               th.c("muted"), max_lines=2)
        if g.phase != "event":
            p.wrap(surface, self.t("ws.inject.not_now"), self.R(20, 672, 1020, 40), "small", th.c("muted"),
                   max_lines=2)
        if self.app.status.startswith("×"):
            p.wrap(surface, self.app.status, self.R(20, 650, 1020, 24), "small", th.c("warning"), max_lines=1)
