"""Override an outcome, with a reason: it goes to the audit trail and the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.i18n import labelled
from game.engine.report import override_words

from ..host import WorkshopHost
from .base import Scene

if TYPE_CHECKING:
    from game.session.workshop import Workshop


STEPS = {"score": (-10, -5, -1, 1, 5, 10), "budget": (-3, -2, -1, 1, 2, 3), "defence": (-4, -2, -1, 1, 2, 4),
         "security": (-0.1, -0.05, 0.05, 0.1), "trust": (-20, -10, -5, 5, 10, 20), "data": (-2, -1, 1, 2),
         "rival_threat": (-4, -2, -1, 1, 2, 4)}
NATION_ONLY = ("defence", "security", "trust", "data")


class OverrideScene(Scene):
    app: WorkshopHost
    name = "ws_override"

    def __init__(self, app: WorkshopHost) -> None:
        super().__init__(app)
        g = app.workshop.game
        self.target = g.seats[0]
        self.quantity = "score"
        self.qual: str | None = None
        self.delta: float = 1
        self.reason = ""
        self.error = ""
        self.reason_entry: pygame_gui.elements.UITextEntryLine | None = None

    @property
    def ws(self) -> Workshop:
        return self.app.workshop

    def _quantities(self) -> list[str]:
        g = self.ws.game
        if self.target == "rival":
            return ["rival_threat"]
        qs = [q for q in g.OVERRIDABLE if q != "rival_threat"]
        return qs if self.target in g.nations else [q for q in qs if q not in NATION_ONLY]

    def _quals(self) -> list[str]:
        g = self.ws.game
        if self.quantity == "trust":
            return [n for n in g.nations if n != self.target]
        if self.quantity == "data":
            return list(g.rs.domain_ids)
        return []

    def _fix(self) -> None:
        qs = self._quantities()
        if self.quantity not in qs:
            self.quantity = qs[0]
        quals = self._quals()
        if quals and self.qual not in quals:
            self.qual = quals[0]
        if not quals:
            self.qual = None
        if self.delta not in STEPS[self.quantity]:
            self.delta = next(s for s in STEPS[self.quantity] if s > 0)

    def build(self) -> None:
        t, g, lang = self.t, self.ws.game, self.app.lang
        self._fix()
        targets = [(g.seat_name(s, lang), s) for s in g.seats] + [(t("ws.ov.rival"), "rival")]
        cur = [v for _, v in targets].index(self.target)
        self.ui.choice("target", self.R(20, 96, 600, 44), targets, cur, lambda v: self._set(target=v),
                       key=pygame.K_F3, tip=t("ws.ov.target.tip"), prefix=t("ws.ov.target") + ": ")
        qs = [(t(f"ws.q.{q}"), q) for q in self._quantities()]
        self.ui.choice("quantity", self.R(20, 148, 600, 44), qs, [v for _, v in qs].index(self.quantity),
                       lambda v: self._set(quantity=v), key=pygame.K_F4, tip=t("ws.ov.quantity.tip"),
                       prefix=t("ws.ov.quantity") + ": ")
        quals = self._quals()
        if quals and self.qual is not None:
            labels = [(g.seat_name(q, lang) if self.quantity == "trust" else g.rs.domain_name(q, lang), q)
                      for q in quals]
            self.ui.choice("qual", self.R(20, 200, 600, 44), labels, quals.index(self.qual),
                           lambda v: self._set(qual=v), key=pygame.K_F5, tip=t("ws.ov.qual.tip"),
                           prefix=t(f"ws.ov.qual.{self.quantity}") + ": ")
        steps = STEPS[self.quantity]
        self.ui.choice("delta", self.R(20, 252, 600, 44), [(f"{s:+g}", s) for s in steps], steps.index(self.delta),
                       lambda v: self._set(delta=v, rebuild=False), key=pygame.K_F6, tip=t("ws.ov.delta.tip"),
                       prefix=t("ws.ov.delta") + ": ")
        self.reason_entry = entry = self.ui.entry(self.R(20, 340, 1240, 44), self.reason)
        entry.set_text_length_limit(160)
        self.ui.button("apply", self.R(840, 664, 210, 48), t("ws.ov.apply"), self.apply, key=pygame.K_RETURN,
                       tip=t("ws.ov.apply.tip"), style="primary")
        self.ui.button("back", self.R(1060, 664, 200, 48), t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=t("common.back.tip"))

    def _set(self, rebuild: bool = True, **kw) -> None:
        if self.reason_entry is not None:
            self.reason = self.reason_entry.get_text()
        for k, v in kw.items():
            setattr(self, k, v)
        self.error = ""
        if rebuild:
            self.rebuild()

    def apply(self) -> None:
        reason = (self.reason_entry.get_text() if self.reason_entry is not None else self.reason).strip()
        if not reason:
            self.error = self.t("ws.ov.need_reason")
            return
        q = self.quantity + (f"/{self.qual}" if self.qual else "")
        target = self.ws.game.seats[0] if self.target == "rival" else self.target
        delta = self.delta
        what = override_words(self.ws.game.rs, target, "rival_threat" if self.target == "rival" else q, delta,
                              self.app.lang)
        label = self.t("ws.status.override", what=what, reason=reason)
        if self.app.act(lambda: self.ws.override(target, q, delta, reason), label):
            self.app.pop()
        else:
            self.error = self.app.status

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th, g = self.p, self.app.theme, self.ws.game
        p.text(surface, self.t("ws.ov.title"), (p.s(20), p.s(14)), "title", bold=True)
        p.text(surface, self.t("ws.ov.sub"), (p.s(22), self.below_last(56)), "small", th.c("muted"))
        p.text(surface, self.t("ws.ov.reason"), (p.s(20), p.s(316)), "body", bold=True)
        r = self.R(660, 96, 600, 200)
        p.panel(surface, r)
        p.text(surface, self.t("ws.ov.history"), (r.left + p.s(12), r.top + p.s(8)), "small", bold=True)
        y = r.top + p.s(34)
        for o in g.state.overrides[-6:][::-1]:
            what = override_words(g.rs, o["target"], o["quantity"], round(o["delta"], 2), self.app.lang)
            p.wrap(surface, labelled(f"R{o['round']} {what}", o["reason"], self.app.lang),
                   pygame.Rect(r.left + p.s(12), y, r.width - p.s(24), p.s(22)), "tiny", th.c("muted"), max_lines=1)
            y += p.s(22)
        if not g.state.overrides:
            p.text(surface, "—", (r.left + p.s(12), y), "small", th.c("muted"))
        if self.error:
            p.wrap(surface, "× " + self.error.lstrip("× "), self.R(20, 400, 1240, 60), "body", th.c("warning"),
                   max_lines=2)
