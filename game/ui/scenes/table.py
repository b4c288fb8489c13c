"""The game table: world map, alliance gauges, the event card, seat panels and Continue."""

from __future__ import annotations

import pygame

from game.i18n import join_list, paren
from ..brief import SECTIONS, draw_brief, tutorial_section
from game.engine.report import cause_text

from ..charts import alliance_gauges
from ..hover import draw_tip, region_lines, seat_lines
from ..linebreak import ellipsize
from ..mapview import draw_world
from ..seatpanel import draw_seat_panel
from .base import PlayScene


class TableScene(PlayScene):
    name = "table"

    def __init__(self, app) -> None:
        super().__init__(app)
        self._view_version = -1
        self._view: dict = {}
        self._step = ""
        self._seat_rects: dict[str, pygame.Rect] = {}
        self._centres: dict[str, tuple[float, float]] = {}
        self._guide_page = (None, 0)  # (the tutorial step shown, its page)

    @property
    def view(self) -> dict:
        m = self.match
        if m.version != self._view_version:
            self._view = m.game.view_for(None)  # the public view: no seat's secrets
            self._view_version = m.version
        return self._view

    def build(self) -> None:
        from .charts_scene import ChartsScene
        from .help import HelpScene
        from .menu import MenuScene

        a = self.app
        self._step = self.flow.next_step()
        self.ui.button("menu", self.R(1150, 8, 120, 36), self.t("table.menu"), lambda: a.push(MenuScene(a)),
                       key=pygame.K_ESCAPE, tip=self.t("table.menu.tip"))
        self.ui.button("charts", self.R(1020, 8, 120, 36), self.t("table.charts"), lambda: a.push(ChartsScene(a)),
                       key=pygame.K_c, tip=self.t("table.charts.tip"), enabled=bool(self.match.game.state.history))
        self.ui.button("help", self.R(890, 8, 120, 36), self.t("table.help"), lambda: a.push(HelpScene(a)),
                       key=pygame.K_F1, tip=self.t("table.help.tip"))
        seat = self.flow.next_seat()
        label = self.t(self._step, seat=self.match.game.seat_name(seat, a.lang) if seat else "")
        self.ui.button("continue", self.R(960, 664, 310, 48), label, self.proceed, key=pygame.K_SPACE,
                       tip=self.t("table.continue.tip"), style="primary", enabled=self._step != "flow.ai_thinking")
        self.ui.keys[(pygame.K_RETURN, 0)] = self.ui.keys.get((pygame.K_SPACE, 0), lambda: None)
        layout = self._tutorial_layout()
        if layout is not None and len(layout[3]) > 1:  # the guide runs over pages: a button turns them
            _card, guide, _lines, pages, page = layout
            self.ui.button("guide_page", self._guide_button(guide), f"{page + 1}/{len(pages)} ›",
                           self._next_guide_page, key=pygame.K_g, tip=self.t("table.tutorial.page.tip"))

    def _guide_button(self, guide: pygame.Rect) -> pygame.Rect:
        p, grow = self.p, max(1.0, self.app.settings.ui_scale)
        return pygame.Rect(guide.right - p.s(6 + 58 * grow), guide.top + p.s(4), p.s(58 * grow), p.s(26 * grow))

    def _next_guide_page(self) -> None:
        step, page = self._guide_page
        layout = self._tutorial_layout()
        n = len(layout[3]) if layout is not None else 1
        self._guide_page = (step, (page + 1) % n)
        self.rebuild()

    def _tutorial_layout(self):
        """The tutorial's step, split between the event card and the guide below it: the card
        gives up its text down to one line so the guide shows whole; a guide that still does not
        fit runs over pages.  (card rect, guide rect, lines, pages of line indices, page) or None."""
        step = self._tutorial()
        if step is None:
            return None
        p = self.p
        top = self._seat_top()
        area = self.R(770, 252, 500, top - 258)
        gap = p.s(6)
        tiny = p.font("tiny").get_linesize()
        lines = p.wrap_lines(step.text.get(self.app.lang), area.width - p.s(20), "tiny")
        head = max(p.s(58), p.s(28) + p.font("heading", True).get_linesize())
        card = self.match.game.rs.events.get(self.match.game.event) if self.match.game.event else None
        choice = bool(card is not None and self._choice_lines(card))
        card_min = head + p.font("small").get_linesize() + p.s(8) + (tiny + p.s(4) if choice else 0)
        need = p.s(34) + len(lines) * tiny + p.s(4)
        card_h = min(p.s(136), max(card_min, area.height - gap - need))
        card_r = pygame.Rect(area.left, area.top, area.width, card_h)
        guide = pygame.Rect(area.left, card_r.bottom + gap, area.width, area.bottom - card_r.bottom - gap)
        per = max(1, (guide.height - p.s(34)) // tiny)
        if len(lines) > per:  # pages: the text starts below the page button
            per = max(1, (guide.bottom - self._guide_button(guide).bottom - p.s(6)) // tiny)
        pages = [range(i, min(i + per, len(lines))) for i in range(0, len(lines), per)] or [range(0)]
        if self._guide_page[0] is not step:
            self._guide_page = (step, 0)
        return card_r, guide, lines, pages, min(self._guide_page[1], len(pages) - 1)

    def proceed(self) -> None:
        self.flow.proceed()
        if self.app.top is self:
            self.rebuild()

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.flow.next_step() != self._step:
            self.rebuild()

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th = self.app, self.p, self.app.theme
        g, v = self.match.game, self.view
        phase = self.t(f"phase.{g.phase}")
        head = p.text(surface, self.t("table.round", round=min(g.round, g.rounds), rounds=g.rounds, phase=phase),
                      (p.s(16), p.s(14)), "heading", bold=True)
        x = max(p.s(330), head.right + p.s(16))  # the scenario and world lines start right of the heading
        y1, y2 = p.s(17), p.s(37)
        if a.settings.ui_scale > 1.0:  # larger text: the two lines stack by their line heights above the map
            y1 = max(0, min(y1, p.s(29) - p.font("body").get_linesize() // 2 - p.font("small").get_linesize() // 2))
            y2 = y1 + p.font("body").get_linesize()
        p.text(surface, g.rs.scenario.title.get(a.lang), (x, y1), "body", th.c("muted"), max_w=p.s(880) - x)
        p.text(surface, self.t("table.world", frontier=v["frontier"], threat=v["rival"]["threat"]),
               (x, y2), "small", th.c("muted"), max_w=p.s(880) - x)
        top = self._seat_top()
        solo = self._solo()
        self._centres = draw_world(a, surface, self.R(10, 56, 500 if solo else 750, top - 62), v)
        if solo is not None:  # one human: the table is theirs alone, their brief beside the map
            draw_brief(a, surface, self.R(518, 56, 242, top - 62), solo,
                       [sec for sec in SECTIONS if sec is not tutorial_section])
        self._gauges(surface, v)
        layout = self._tutorial_layout()
        if layout is None:
            self._event_card(surface, self.R(770, 252, 500, top - 258))
        else:
            card_r, r, lines, pages, page = layout
            self._event_card(surface, card_r)
            p.panel(surface, r, edge="accent")
            p.text(surface, self.t("table.tutorial"), (r.left + p.s(10), r.top + p.s(6)), "small", th.c("accent"),
                   bold=True)
            box = r.inflate(-p.s(20), 0).move(0, p.s(30))
            if len(pages) > 1:
                box.top = self._guide_button(r).bottom + p.s(2)
            box.height = r.bottom - box.top
            y = box.top
            for i in pages[page]:
                p.text(surface, lines[i], (box.left, y), "tiny", box=box)
                y += p.font("tiny").get_linesize()
        self._seats(surface, v)
        self._guide(surface, self.R(16, 664, 930, 50))
        self._details(surface, v)

    def _solo(self) -> str | None:
        """The one human seat of a solo game (None in hot-seat and demo games: the table is public)."""
        humans = self.match.humans
        return humans[0] if len(humans) == 1 else None

    def hovered(self) -> tuple[str, str] | None:
        """("seat", id) or ("region", id) under the pointer, if any."""
        if self.hover is None:
            return None
        for s, r in self._seat_rects.items():
            if r.collidepoint(self.hover):
                return "seat", s
        reach = self.p.s(44)
        near = [(abs(cx - self.hover[0]) + abs(cy - self.hover[1]), rid) for rid, (cx, cy) in self._centres.items()]
        d, rid = min(near, default=(reach + 1, ""))
        return ("region", rid) if d <= reach else None

    def _details(self, surface: pygame.Surface, v: dict) -> None:
        hit = self.hovered()
        if hit is None or self.hover is None:
            return
        kind, key = hit
        if kind == "seat":
            lines, anchor = seat_lines(self.app, key, v), self._seat_rects[key]
        else:
            reach = self.p.s(44)
            lines, anchor = region_lines(self.app, key, v), pygame.Rect(0, 0, 2 * reach, 2 * reach)
            anchor.center = self._centres[key]
        draw_tip(self.app, surface, self.hover, lines, anchor)

    def _tutorial(self):
        g = self.match.game
        return next((s for s in g.rs.scenario.tutorial if s.round == g.round and s.phase == g.phase), None)

    def _gauges(self, surface: pygame.Surface, v: dict) -> None:
        alliance_gauges(self.p, self.t, surface, v, self.match.game.rs.scenario.crisis.threshold,
                        self.R(770, 56, 245, 190), self.R(1025, 56, 245, 190))

    def _card_min(self) -> int:
        """The event card's least height: its title and up to two lines of its choice."""
        p = self.p
        card = self.match.game.rs.events.get(self.match.game.event) if self.match.game.event else None
        extra = 0
        if card is not None:
            n = sum(len(p.wrap_lines(t, self.R(0, 0, 500, 0).width - p.s(24), "tiny", True))
                    for t in self._choice_lines(card))
            extra = min(2, n) * p.font("tiny").get_linesize() + (p.s(4) if n else 0)
        return p.s(62) + extra + p.s(8)

    def _event_card(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        a, p, th = self.app, self.p, self.app.theme
        g = self.match.game
        p.panel(surface, r, fill="card", edge="competitiveness")
        p.text(surface, self.t("table.event"), (r.left + p.s(12), r.top + p.s(8)), "small", th.c("card_text"))
        card = g.rs.events.get(g.event) if g.event else None
        if card is None:
            p.text(surface, self.t("table.no_event"), (r.left + p.s(12), r.top + p.s(30)), "heading",
                   th.c("card_text"), bold=True)
            return
        head = p.text(surface, card.title.get(a.lang), (r.left + p.s(12), r.top + p.s(28)), "heading",
                      th.c("card_text"), bold=True)
        body_top = max(r.top + p.s(58), head.bottom)
        extra = [ln for text in self._choice_lines(card) for ln in p.wrap_lines(text, r.width - p.s(24), "tiny", True)]
        tiny, small = p.font("tiny").get_linesize(), p.font("small").get_linesize()
        # the card's text keeps one whole line, unless the card has only room for its title and choice
        has_body = r.bottom - body_top >= small + p.s(8) + (tiny if extra else 0)
        room = max(0, (r.bottom - body_top - (small + p.s(8) if has_body else p.s(2))) // tiny)
        if len(extra) > min(3, room) and min(3, room) > 0:  # lines that do not fit: the last shown ends in "…"
            extra = extra[:min(3, room)]
            f = p.font("tiny", True)
            extra[-1] = ellipsize(extra[-1] + "…", r.width - p.s(24), lambda x: f.size(x)[0])
        extra = extra[:min(3, room)]
        reserve = len(extra) * tiny + (p.s(4) if extra else 0)
        body = pygame.Rect(r.left + p.s(12), body_top, r.width - p.s(24), r.bottom - body_top - reserve)
        if has_body and body.height >= small:
            p.wrap(surface, card.text.get(a.lang), body, "small", th.c("card_text"),
                   max_lines=max(1, int((body.height - p.s(4)) / p.font("small").get_linesize())))
        y = r.bottom - reserve
        for line in extra:
            p.text(surface, line, (r.left + p.s(12), y), "tiny", th.c("card_text"), bold=True,
                   max_w=r.width - p.s(24))
            y += tiny

    def _choice_lines(self, card) -> list[str]:
        """The card's choice: whom it asks (event phase), then what each seat chose."""
        a, g = self.app, self.match.game
        if card.choice is None:
            return []
        ch = g.choice()
        if ch is not None:
            return [self.t("table.choice_asked", seats=join_list((g.seat_name(s, a.lang) for s in ch["seats"]), a.lang),
                           prompt=card.choice.prompt.get(a.lang))]
        from game.engine.report import option_label

        made = [d for d in g.state.decisions if d["round"] == g.round and d["event"] == card.id]
        if not made:
            return []
        by: dict[str, list[str]] = {}
        for d in made:
            by.setdefault(d["option"], []).append(g.seat_name(d["seat"], a.lang))
        return [self.t("table.choice_made", seat=join_list(names, a.lang), option=option_label(g.rs, card.id, o, a.lang, True))
                for o, names in by.items()]

    def _grid(self) -> tuple[int, int, float, float]:
        seats = self.match.game.seats
        cols = min(6, len(seats))
        rows = (len(seats) + cols - 1) // cols
        return cols, rows, (1260 - (cols - 1) * 8) / cols, 104.0

    def _seat_top(self) -> float:
        _cols, rows, _w, h = self._grid()
        return 656 - rows * (h + 6)

    def _seats(self, surface: pygame.Surface, v: dict) -> None:
        a = self.app
        seats = self.match.game.seats
        cols, _rows, w, h = self._grid()
        top = self._seat_top()
        nxt = self.flow.next_seat()
        for i, s in enumerate(seats):
            r = self.R(10 + (i % cols) * (w + 8), top + (i // cols) * (h + 6), w, h)
            draw_seat_panel(a, surface, r, s, v, highlight=s == nxt)
            self._seat_rects[s] = r

    def last_year(self) -> str:
        """One line on the year just resolved: both indices, the solo seat's score and the
        biggest cause behind its change ("" before the first resolution)."""
        key = (self.match.version, self.app.lang)
        if getattr(self, "_last_year", (None, ""))[0] != key:
            self._last_year = (key, self._last_year_text())
        return self._last_year[1]

    def _last_year_text(self) -> str:
        g, a = self.match.game, self.app
        hist = g.state.history
        if not hist:
            return ""
        last = hist[-1]
        prev = hist[-2] if len(hist) > 1 else None
        start = getattr(self.flow, "start_indices", None)  # the indices before year 1, if this window saw them
        s0 = prev["alliance_security"] if prev else (start[0] if start else None)

        def move(now: float, before: float | None) -> str:
            if before is None:
                return f"{now:.0f}"
            d = now - before
            arrow = "▲" if d > 0.05 else ("▼" if d < -0.05 else "＝" if a.lang == "ja" else "=")
            return paren(f"{before:.0f} → {now:.0f}", f"{arrow}{abs(d):.1f}", a.lang)

        c0 = prev["alliance_competitiveness"] if prev else (start[1] if start else None)
        text = self.t("table.last_year", year=last["round"], sec=move(last["alliance_security"], s0),
                      comp=move(last["alliance_competitiveness"], c0))
        seat = self._solo()
        if seat is not None:
            gained = last["round_scores"].get(seat, 0.0)
            text += self.t("table.last_year.you", seat=g.seat_name(seat, a.lang), score=gained)
            rep = g.reports[-1] if g.reports and g.reports[-1].round == last["round"] else None
            if rep is not None:
                q = "security" if seat in g.state.nations else "competitiveness"
                lines = rep.explain(seat, q)
                if lines:
                    cause, ref, delta = lines[0]
                    v = delta * (100.0 if q == "security" else 1.0)
                    text += self.t(f"table.last_year.cause.{q}", cause=cause_text(g.rs, cause, ref, a.lang),
                                   delta=v)
        return text

    def _guide(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        a, p, th = self.app, self.p, self.app.theme
        text = self.t(f"guide.{self._step}")
        if a.worker.busy:
            dots = "." * (1 + int(self.age * 3) % 3)
            text = self.t("table.ai_thinking") + dots
        summary = self.last_year()
        if summary:  # the year just resolved on one line, the next step below it
            two = len(p.wrap_lines(summary, r.width, "small")) > 1
            size = "tiny" if two else "small"  # two lines of it and the guide's line fit above the window's edge
            top = r.top - p.s(8 if two else 2)
            y = p.wrap(surface, summary, pygame.Rect(r.left, top, r.width, p.font(size).get_linesize() * 2), size,
                       max_lines=2)
            p.text(surface, text, (r.left, y), "small" if two else "body", th.c("muted"), max_w=r.width)
        else:
            p.wrap(surface, text, r, "body", th.c("muted"), max_lines=2)
