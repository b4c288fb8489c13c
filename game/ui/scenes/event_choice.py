"""The event card's choice for one seat: the card, its prompt and two or three options.

The seat picks one (click, or keys 1-3) and confirms; the option's effects apply with the
card when the event phase ends.  A refusal (the card changed, the seat is not asked) is
shown in the seat's language and nothing changes.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.i18n import join_list
from game.engine import IllegalOrder

from ..draw import icon
from ..orderdesc import refusal
from ..theme import seat_rgb
from .base import PlayScene


class EventChoiceScene(PlayScene):
    name = "event_choice"

    def __init__(self, app, seat: str) -> None:
        super().__init__(app)
        self.seat = seat
        ch = app.match.game.choice()
        answered = (ch or {}).get("answers", {}).get(seat)
        self.picked: str | None = answered or (ch["default"] if ch else None)
        self.message = ""

    def build(self) -> None:
        a = self.app
        ch = self.match.game.choice()
        if ch is None:
            return
        for i, o in enumerate(ch["options"]):
            on = o["id"] == self.picked
            self.ui.button(f"option_{o['id']}", self.R(60, 330 + i * 92, 1160, 80),
                           f"{i + 1}.  " + o["text"][a.lang if a.lang in o["text"] else "en"],
                           partial(self._pick, o["id"]), key=pygame.K_1 + i, tip=self.t("choice.option.tip"),
                           style="selected" if on else None)
        self.ui.button("confirm", self.R(960, 664, 310, 48), self.t("choice.confirm"), self.confirm,
                       key=pygame.K_RETURN, tip=self.t("choice.confirm.tip"), style="primary",
                       enabled=self.picked is not None)
        self.ui.button("back", self.R(20, 664, 200, 48), self.t("choice.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=self.t("choice.back.tip"))

    def _pick(self, option: str) -> None:
        self.picked = option
        self.message = ""
        self.rebuild()

    def confirm(self) -> None:
        if self.picked is None:
            return
        try:
            self.match.choose(self.seat, self.picked)
        except IllegalOrder as exc:
            self.message = refusal(self.app, exc)
            self.rebuild()
            return
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, g = self.app, self.p, self.app.theme, self.match.game
        name = g.seat_name(self.seat, a.lang)
        self.header(surface, self.t("choice.heading", seat=name), self.t("choice.sub"))
        d = g.rs.seat_defs[self.seat]
        icon(surface, d.icon, (surface.get_width() - p.s(60), p.s(44)), p.s(18), seat_rgb(d.colour))
        ch = g.choice()
        card = g.rs.events.get(g.event) if g.event else None
        if ch is None or card is None:
            p.text(surface, self.t("choice.none"), (p.s(60), p.s(140)), "heading", th.c("muted"))
            return
        r = self.R(40, 110, 1200, 200)
        p.panel(surface, r, fill="card", edge="competitiveness")
        head = p.text(surface, card.title.get(a.lang), (r.left + p.s(16), r.top + p.s(12)), "heading",
                      th.c("card_text"), bold=True)
        body = pygame.Rect(r.left + p.s(16), head.bottom + p.s(6), r.width - p.s(32), p.s(84))
        y = p.wrap(surface, card.text.get(a.lang), body, "small", th.c("card_text"), max_lines=3)
        p.wrap(surface, ch["prompt"][a.lang if a.lang in ch["prompt"] else "en"],
               pygame.Rect(r.left + p.s(16), max(y, body.top) + p.s(8), r.width - p.s(32), p.s(50)), "body",
               th.c("card_text"), max_lines=2)
        others = [g.seat_name(s, a.lang) for s in ch["seats"] if s != self.seat]
        note = self.t("choice.default", option=next(o["text"][a.lang if a.lang in o["text"] else "en"]
                                                    for o in ch["options"] if o["id"] == ch["default"]))
        if others:
            note += "  " + self.t("choice.others", seats=join_list(others, a.lang))
        p.wrap(surface, note, self.R(60, 610, 1160, 44), "small", th.c("muted"), max_lines=2)
        if self.message:
            p.text(surface, self.message, (p.s(240), p.s(688)), "small", th.c("warning"), anchor="midleft",
                   max_w=p.s(700))
