"""Charts: both alliance indices and every seat's score over the rounds."""

from __future__ import annotations

import pygame

from ..charts import line_chart
from ..theme import seat_rgb
from .base import Scene


class ChartsScene(Scene):
    name = "charts"

    def build(self) -> None:
        self.ui.button("back", self.R(1060, 664, 200, 48), self.t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=self.t("common.back.tip"), style="primary")
        self.ui.keys[(pygame.K_RETURN, 0)] = self.app.pop
        self.ui.keys[(pygame.K_c, 0)] = self.app.pop

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, th, g = self.app, self.app.theme, self.match.game
        self.header(surface, self.t("charts.title"), self.t("charts.sub"))
        hist = g.state.history
        asi = [h["alliance_security"] for h in hist]
        aci = [h["alliance_competitiveness"] for h in hist]
        labels = [self.t("charts.round", n=h["round"]) for h in hist] or ["—"]
        line_chart(self.p, surface, self.R(20, 110, 610, 540), self.t("charts.indices"),
                   [(self.t("charts.asi"), th.c("security"), "hexagon", asi),
                    (self.t("charts.aci"), th.c("competitiveness"), "triangle", aci)],
                   labels, y_max=100.0, dashed=[False, True])
        series = []
        for s in g.seats:
            d = g.rs.seat_defs[s]
            series.append((g.seat_name(s, a.lang), seat_rgb(d.colour), d.icon, [h["scores"].get(s, 0.0) for h in hist]))
        line_chart(self.p, surface, self.R(650, 110, 610, 540), self.t("charts.scores"), series, labels)
