"""Record an agreement the teams made at the table: its kind, members and duration."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from game.i18n import join_list
import pygame

from ..draw import icon
from ..host import WorkshopHost
from ..theme import seat_rgb
from .base import Scene

if TYPE_CHECKING:
    from game.session.workshop import Workshop


DURATIONS = (1, 2, 3, 4, 5, 6, 8)


def eligible(g, kind: str) -> list[str]:
    who = g.rs.agreements[kind].members
    if who == "nations":
        return list(g.nations)
    if who == "firms":
        return list(g.firms)
    return list(g.seats)


class AgreementScene(Scene):
    app: WorkshopHost
    name = "ws_agreement"

    def __init__(self, app: WorkshopHost) -> None:
        super().__init__(app)
        g = app.workshop.game
        self.kinds = list(g.rs.agreements)
        self.kind = self.kinds[0]
        self.members: list[str] = []
        self.duration: int | None = None
        self.error = ""

    @property
    def ws(self) -> Workshop:
        return self.app.workshop

    def build(self) -> None:
        t, g, lang = self.t, self.ws.game, self.app.lang
        opts = [(g.rs.agreements[k].name.get(lang), k) for k in self.kinds]
        self.ui.choice("kind", self.R(20, 84, 600, 44), opts, self.kinds.index(self.kind), self._kind,
                       key=pygame.K_k, tip=t("ws.agree.kind.tip"), prefix=t("ws.agree.kind") + ": ")
        d = g.rs.agreements[self.kind]
        durs = [(t("ws.agree.default", n=d.duration), None)] + [(t("ws.agree.rounds", n=n), n) for n in DURATIONS]
        cur = next((i for i, (_, v) in enumerate(durs) if v == self.duration), 0)
        self.ui.choice("duration", self.R(20, 136, 600, 44), durs, cur, self._duration, key=pygame.K_d,
                       tip=t("ws.agree.duration.tip"), prefix=t("ws.agree.duration") + ": ")
        seats = eligible(g, self.kind)
        for i, s in enumerate(seats):
            x = 680 + (i // 7) * 295
            y = 84 + (i % 7) * 54
            on = s in self.members
            k = pygame.K_1 + i if i < 9 else (pygame.K_0 if i == 9 else None)
            self.ui.button(f"member_{s}", self.R(x + 30, y, 255, 44), ("✓ " if on else "  ") + g.seat_name(s, lang),
                           partial(self._member, s), key=k, tip=t("ws.agree.member.tip"),
                           style="selected" if on else None)
        self.ui.button("record", self.R(840, 664, 210, 48), t("ws.agree.record"), self.record, key=pygame.K_RETURN,
                       tip=t("ws.agree.record.tip"), style="primary", enabled=len(self.members) >= 2)
        self.ui.button("back", self.R(1060, 664, 200, 48), t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=t("common.back.tip"))

    def _kind(self, k: str) -> None:
        self.kind = k
        allowed = set(eligible(self.ws.game, k))
        self.members = [m for m in self.members if m in allowed]
        self.error = ""
        self.rebuild()

    def _duration(self, v) -> None:
        self.duration = v

    def _member(self, s: str) -> None:
        if s in self.members:
            self.members.remove(s)
        else:
            self.members.append(s)
        self.error = ""
        self.rebuild()

    def record(self) -> None:
        g = self.ws.game
        kind, members, dur = self.kind, list(self.members), self.duration
        names = join_list((g.seat_name(m, self.app.lang) for m in members), self.app.lang)
        label = self.t("ws.status.agreement", kind=g.rs.agreements[kind].name.get(self.app.lang), members=names)
        if self.app.act(lambda: self.ws.record_agreement(kind, members, dur), label):
            status = self.app.last_result
            if status != "formed":
                self.app.status = self.t("ws.status.agreement_not", status=self.t(f"status.{status}"))
            self.app.pop()
        else:
            self.error = self.app.status

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th, g, lang = self.p, self.app.theme, self.ws.game, self.app.lang
        p.text(surface, self.t("ws.agree.title"), (p.s(20), p.s(14)), "title", bold=True)
        p.text(surface, self.t("ws.agree.sub"), (p.s(22), self.below_last(56)), "small", th.c("muted"))
        d = g.rs.agreements[self.kind]
        r = self.R(20, 196, 600, 300)
        p.panel(surface, r)
        p.text(surface, d.name.get(lang), (r.left + p.s(14), r.top + p.s(10)), "heading", bold=True)
        p.wrap(surface, d.help.get(lang), pygame.Rect(r.left + p.s(14), r.top + p.s(48), r.width - p.s(28),
               r.height - p.s(56)), "body", th.c("muted"), max_lines=9)
        hi = min(d.max_members, len(eligible(g, self.kind)))  # never more than the seats listed
        lo = min(d.min_members, hi)
        p.text(surface, self.t("ws.agree.members", n=len(self.members), lo=lo, hi=hi) if lo < hi else
               self.t("ws.agree.members_exact", n=len(self.members), k=hi), (p.s(680), p.s(60)), "small",
               th.c("muted"))
        for i, s in enumerate(eligible(g, self.kind)):
            x = 680 + (i // 7) * 295
            y = 84 + (i % 7) * 54 + 22
            dd = g.rs.seat_defs[s]
            icon(surface, dd.icon, (p.s(x + 12), p.s(y)), p.s(8), seat_rgb(dd.colour))
        if self.error:
            p.wrap(surface, self.error, self.R(20, 510, 1240, 60), "body", th.c("warning"), max_lines=2)
