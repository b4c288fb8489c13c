"""The round's resolution: animated score changes, then the itemised ledger for any seat."""

from __future__ import annotations

from functools import partial

import pygame

from game.i18n import paren
from game.engine import RoundReport
from game.engine.report import cause_text, explain_text

from ..draw import icon
from ..orderdesc import describe
from ..theme import seat_rgb
from .base import PlayScene

ANIM_SECONDS = 2.0


class ResolutionScene(PlayScene):
    name = "resolution"

    def __init__(self, app, report: RoundReport) -> None:
        super().__init__(app)
        self.report = report
        g = app.match.game
        humans = app.match.humans
        self.seat = humans[0] if humans else g.seats[0]
        hist = g.state.history
        prev = next((h for h in reversed(hist) if h["round"] < report.round), None)
        self.before = dict(prev["scores"]) if prev else {s: 0.0 for s in g.seats}
        start = getattr(app.flow, "start_indices", None)  # before year 1: the indices the game began with
        self.before_idx = (prev["alliance_security"], prev["alliance_competitiveness"]) if prev else start

    @property
    def animating(self) -> bool:
        return self.age < ANIM_SECONDS

    def build(self) -> None:
        a, g = self.app, self.match.game
        if self.animating:
            self.ui.button("skip", self.R(1060, 664, 200, 48), self.t("res.skip"), self.skip, key=pygame.K_SPACE,
                           tip=self.t("res.skip.tip"))
            self.ui.keys[(pygame.K_RETURN, 0)] = self.skip
            return
        cols = min(4, len(g.seats))  # wide enough for "United Kingdom"
        w = (620 - (cols - 1) * 6) / cols
        for i, s in enumerate(g.seats):
            self.ui.button(f"seat_{s}", self.R(20 + (i % cols) * (w + 6), 300 + (i // cols) * 40, w, 34),
                           g.seat_name(s, a.lang), partial(self._seat, s),
                           key=pygame.K_1 + i if i < 9 else None, tip=self.t("res.seat.tip"),
                           style="selected" if s == self.seat else None)
        from .charts_scene import ChartsScene

        self.ui.button("charts", self.R(840, 664, 200, 48), self.t("res.charts"), lambda: a.push(ChartsScene(a)),
                       key=pygame.K_c, tip=self.t("res.charts.tip"))
        self.ui.button("continue", self.R(1060, 664, 200, 48), self.t("res.continue"), self.done,
                       key=pygame.K_RETURN, tip=self.t("res.continue.tip"), style="primary")

    def skip(self) -> None:
        self.age = ANIM_SECONDS
        self.rebuild()

    def _seat(self, s: str) -> None:
        self.seat = s
        self.rebuild()

    def done(self) -> None:
        from .end import EndScene

        if self.match.game.is_over:
            self.app.replace(EndScene(self.app))
        else:
            self.app.pop()

    def update(self, dt: float) -> None:
        was = self.animating
        super().update(dt)
        if was and not self.animating:
            self.rebuild()

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, g, rep = self.app, self.p, self.app.theme, self.match.game, self.report
        self.header(surface, self.t("res.title", round=rep.round))
        k = min(1.0, self.age / ANIM_SECONDS)
        ease = 1 - (1 - k) ** 3
        # indices
        x = 640
        for label, now, before, shape, col in (
                (self.t("index.asi"), rep.alliance_security, self.before_idx[0] if self.before_idx else None,
                 "hexagon", th.c("security")),
                (self.t("index.aci"), rep.alliance_competitiveness, self.before_idx[1] if self.before_idx else None,
                 "triangle", th.c("competitiveness"))):
            shown = now if before is None else before + (now - before) * ease
            icon(surface, shape, (p.s(x), p.s(40)), p.s(9), col)
            txt = f"{label} {shown:.1f}"
            if before is not None:
                d = now - before if abs(now - before) >= 0.05 else 0.0
                mark = '▲' if d > 0 else ('▼' if d < 0 else ('＝' if self.app.lang == "ja" else '·'))
                txt = paren(txt, f"{mark} {d:+.1f}", self.app.lang)
            size = "body" if p.font("body", True).size(txt)[0] <= p.s(300) else "small"
            p.text(surface, txt, (p.s(x + 16), p.s(40)), size, anchor="midleft", bold=True, max_w=p.s(300))
            x += 320
        if rep.crisis:
            p.text(surface, self.t("res.crisis"), (p.s(640), p.s(66)), "body", th.c("warning"), bold=True)
        self._scores(surface, ease)
        if not self.animating:
            self._ledger(surface)
        step = next((s for s in g.rs.scenario.tutorial if s.round == rep.round and s.phase == "report"), None)
        if step is not None and not self.animating:  # left of the ledger, below the seat buttons
            rows = (len(g.seats) + 3) // 4
            top = 300 + rows * 40 + 10
            r = self.R(20, top, 620, 656 - top)
            lines = len(p.wrap_lines(step.text.get(a.lang), r.width - p.s(20), "small"))
            r.height = min(r.height, p.s(40) + lines * p.font("small").get_linesize())
            p.panel(surface, r, edge="accent")
            h = p.text(surface, self.t("table.tutorial"), (r.left + p.s(10), r.top + p.s(6)), "small", th.c("accent"),
                       bold=True)
            p.wrap(surface, step.text.get(a.lang), pygame.Rect(r.left + p.s(10), h.bottom, r.width - p.s(20),
                                                               r.bottom - h.bottom - p.s(4)), "small")

    def _scores(self, surface: pygame.Surface, ease: float) -> None:
        a, p, g, rep = self.app, self.p, self.match.game, self.report
        top = max([*rep.scores.values(), 1e-9])
        n = len(g.seats)
        h = min(30, 190 / n)
        full = self.animating
        for i, s in enumerate(g.seats):
            y = 100 + i * h
            before = self.before.get(s, 0.0)
            now = rep.scores.get(s, 0.0)
            shown = before + (now - before) * ease
            d = g.rs.seat_defs[s]
            icon(surface, d.icon, (p.s(30), p.s(y + h / 2)), p.s(min(8, h / 3)), seat_rgb(d.colour))
            p.text(surface, g.seat_name(s, a.lang), (p.s(44), p.s(y + h / 2)), "small", anchor="midleft")
            bar = self.R(190, y + h * 0.2, 320 if not full else 900, h * 0.6)
            p.bar(surface, bar, shown / top, seat_rgb(d.colour))
            p.text(surface, f"{shown:.1f}  (+{rep.round_scores.get(s, 0.0) * min(1.0, ease):.1f})",
                   (bar.right + p.s(8), p.s(y + h / 2)), "small", anchor="midleft")

    def _ledger(self, surface: pygame.Surface) -> None:
        a, p, th, g, rep = self.app, self.p, self.app.theme, self.match.game, self.report
        r = self.R(660, 90, 610, 560)
        p.panel(surface, r)
        s = self.seat
        p.text(surface, self.t("res.ledger", seat=g.seat_name(s, a.lang)), (r.left + p.s(12), r.top + p.s(10)),
               "heading", bold=True)
        y = r.top + p.s(44)
        quantities = (["security"] if s in g.nations else []) + ["competitiveness"]
        for q in quantities:
            scale = 100.0 if q == "security" else 1.0
            head = explain_text(rep, g.rs, s, q, a.lang, limit=0)
            p.text(surface, head, (r.left + p.s(12), y), "body", th.c("accent"), bold=True, max_w=r.width - p.s(24))
            y += max(p.s(24), p.font("body", True).get_linesize())  # line heights grow with the text scale
            row = max(p.s(19), p.font("small", True).get_linesize())
            value_w = max(p.font("small", True).size(f"▲ {v:+.1f}")[0] for v in (-88.8, 88.8))
            bar_x = max(r.left + p.s(80), r.left + p.s(16) + value_w + p.s(6))
            cause_x = max(r.left + p.s(180), bar_x + p.s(96))
            lines = rep.explain(s, q)[:7]
            biggest = max([abs(d) for _, _, d in lines] + [1e-9])
            for cause, ref, delta in lines:
                v = delta * scale
                if abs(v) < 0.05:  # "▼ -0.0" says nothing: shown as a change too small to count
                    v = 0.0
                sign = "▲" if v > 0 else ("▼" if v < 0 else "·")
                p.text(surface, f"{sign} {v:+.1f}", (r.left + p.s(16), y), "small", bold=True)
                bw = int(p.s(90) * abs(delta) / biggest)
                col = th.c("good") if v >= 0 else th.c("bad")
                bar_y = y + (p.font("small", True).get_ascent() - p.s(10)) // 2 + p.s(2)  # beside the value's letters
                pygame.draw.rect(surface, col, (bar_x, bar_y, max(2, bw), p.s(10)))
                p.text(surface, cause_text(g.rs, cause, ref, a.lang), (cause_x, y), "small",
                       max_w=r.right - p.s(12) - cause_x)
                y += row
            y += p.s(8)
        orders = rep.orders.get(s) or []
        p.text(surface, self.t("res.orders"), (r.left + p.s(12), y), "body", bold=True)
        y += max(p.s(22), p.font("body", True).get_linesize())
        from game.engine import Order

        for o in orders[:6]:
            try:
                txt = describe(a, Order.parse(o))
            except ValueError:
                txt = o
            p.text(surface, "• " + txt, (r.left + p.s(16), y), "small", max_w=r.width - p.s(28))
            y += max(p.s(18), p.font("small").get_linesize())
        if not orders:
            p.text(surface, self.t("res.held"), (r.left + p.s(16), y), "small", th.c("muted"))
        inc = rep.incidents.get(s)
        if inc:
            p.text(surface, self.t("res.incidents", n=inc), (r.left + p.s(12), r.bottom - p.s(26)), "body",
                   th.c("warning"), bold=True)
