"""The projector view: public information only, in large type.

Round and phase, the timer (with an unmissable warning: a flashing thick border
and words, never colour alone), the event card, both alliance indices, the
leaderboard and the agreements in force.  Everything here comes from the
public view `Game.view_for(None)`; no seat's pending orders or secret
objective is ever read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n import join_list
import pygame

from game.engine.report import option_label

from ..charts import alliance_gauges
from ..draw import icon
from ..host import WorkshopHost
from ..theme import seat_rgb
from .base import Scene
from .workshop_console import agreement_line, clock_text
from .workshop_results import draw_results, results_for

if TYPE_CHECKING:
    from game.session.workshop import Workshop


class ProjectorScene(Scene):
    app: WorkshopHost
    name = "ws_projector"

    def __init__(self, app: WorkshopHost, painter=None) -> None:
        super().__init__(app)
        self._painter = painter  # another painter when drawn into the projector's own window

    @property
    def p(self):
        return self._painter or self.app.painter

    def R(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return self.p.rect(x, y, w, h)

    @property
    def ws(self) -> Workshop:
        return self.app.workshop

    def build(self) -> None:
        # no buttons on the wall: only keys the facilitator may need while projecting
        a = self.app
        self.ui.keys[(pygame.K_F2, 0)] = a.toggle_projector
        self.ui.keys[(pygame.K_TAB, 0)] = a.toggle_projector
        self.ui.keys[(pygame.K_ESCAPE, 0)] = a.toggle_projector
        self.ui.keys[(pygame.K_SPACE, 0)] = self.toggle_pause
        self.ui.keys[(pygame.K_e, 0)] = self.add_minute
        self.ui.keys[(pygame.K_RETURN, 0)] = self.continue_results

    def toggle_pause(self) -> None:
        ws = self.ws
        if ws.game.is_over:
            return
        self.app.act(ws.pause if ws.timer.running else ws.resume)

    def continue_results(self) -> None:
        self.app.act(self.ws.continue_after_results)

    def add_minute(self) -> None:
        self.app.act(lambda: self.ws.extend(60))

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, ws = self.app, self.p, self.app.theme, self.ws
        g = ws.game
        v = g.view_for(None)  # the public view only
        lang = a.lang
        W, H = surface.get_size()
        res = results_for(self)
        if res is not None:  # the year's results stay up until the facilitator continues
            self._results(surface, v, res)
            return
        warn = not g.is_over and ws.timer.running and ws.warning()
        flash = warn and int(self.age * 2) % 2 == 0
        # round and phase
        if g.is_over:
            p.text(surface, self.t("ws.over"), (p.s(30), p.s(20)), 56, bold=True)
        else:
            p.text(surface, self.t("ws.proj.round", round=g.round, rounds=g.rounds), (p.s(30), p.s(14)), 34,
                   th.c("muted"), bold=True)
            p.text(surface, self.t(f"phase.{g.phase}"), (p.s(30), p.s(54)), 64, bold=True)
            # the timer
            rem = ws.remaining()
            col = th.c("warning") if warn else th.c("text")
            p.text(surface, clock_text(rem), (W - p.s(30), p.s(78)), 120, col, anchor="midright", bold=True)
            if not ws.timer.running:
                p.text(surface, "■ " + self.t("ws.paused"), (W - p.s(420), p.s(78)), 40, th.c("accent"),
                       anchor="midright", bold=True)
        # the warning banner: words plus a flashing border
        if warn:
            band = self.R(20, 150, 1240, 50)
            pygame.draw.rect(surface, th.c("warning") if flash else th.c("background"), band,
                             border_radius=p.s(6))
            pygame.draw.rect(surface, th.c("warning"), band, width=p.s(3), border_radius=p.s(6))
            mins = max(1, int((ws.remaining() + 59) // 60))
            p.text(surface, "▲ " + self.t("ws.warning", n=mins) + " ▲", band.center, 34,
                   th.c("card_text") if flash else th.c("warning"), anchor="center", bold=True)
        top = 210 if warn else 160
        # event card
        r = self.R(20, top, 600, 440 - top + 60)
        p.panel(surface, r, fill="card", edge="competitiveness")
        p.text(surface, self.t("table.event"), (r.left + p.s(16), r.top + p.s(10)), "body", th.c("card_text"))
        card = g.rs.events.get(v["event"]) if v["event"] else None
        if card is None:
            p.text(surface, self.t("table.no_event"), (r.left + p.s(16), r.top + p.s(40)), 34, th.c("card_text"),
                   bold=True)
        else:
            y = p.wrap(surface, card.title.get(lang), r.inflate(-p.s(32), 0).move(0, p.s(38)), 34,
                       th.c("card_text"), max_lines=2)
            extra = self._choice_lines(card, v)
            lh = p.font(20).get_linesize()
            reserve = len(extra) * lh + (p.s(6) if extra else 0)
            rest = r.bottom - y - p.s(10) - reserve
            p.wrap(surface, card.text.get(lang), pygame.Rect(r.left + p.s(16), y + p.s(6), r.width - p.s(32), rest),
                   22, th.c("card_text"), max_lines=max(1, int(rest / p.font(22).get_linesize())))
            yy = r.bottom - p.s(10) - reserve + p.s(6)
            for line, bold in extra:
                p.text(surface, line, (r.left + p.s(16), yy), 20, th.c("card_text"), bold=bold,
                       max_w=r.width - p.s(32))
                yy += lh
        # indices
        gh = 500 - top
        alliance_gauges(p, self.t, surface, v, g.rs.scenario.crisis.threshold, self.R(640, top, 305, gh),
                        self.R(955, top, 305, gh))
        low = 186 if warn else 200  # clear of the flashing frame
        self._leaderboard(surface, v, self.R(640, 510, 620, low), low)
        self._agreements(surface, v, self.R(20, 510, 600, low))
        if warn:
            pygame.draw.rect(surface, th.c("warning") if flash else th.c("text"), surface.get_rect(),
                             width=p.s(14 if flash else 6))

    def _results(self, surface: pygame.Surface, v: dict, res: dict) -> None:
        p, th = self.p, self.app.theme
        r = self.R(20, 20, 600, 680)
        p.panel(surface, r, edge="security")
        draw_results(self, surface, r.inflate(-p.s(36), -p.s(30)), res, (44, 26, 22))
        self._leaderboard(surface, v, self.R(640, 20, 620, 680), 680)
        if self.ws.game.is_over:
            p.text(surface, self.t("ws.over"), (p.s(1250), p.s(700)), 22, th.c("muted"), anchor="bottomright")
    def _choice_lines(self, card, v: dict) -> list[tuple[str, bool]]:
        """The card's choice for the room: the prompt and options while seats choose (never
        who chose what before the card applies), then what each seat chose."""
        g, lang = self.ws.game, self.app.lang
        if card.choice is None:
            return []
        if v["choosers"]:
            lines = [(card.choice.prompt.get(lang), True)]  # the seats asked are named on the console and the card
            return lines + [(f"{k + 1}. {o.text.get(lang)}", False) for k, o in enumerate(card.choice.options)]
        made = [d for d in v["decisions"] if d["round"] == g.round and d["event"] == card.id]
        by: dict[str, list[str]] = {}
        for d in made:
            by.setdefault(d["option"], []).append(g.seat_name(d["seat"], lang))
        return [(self.t("table.choice_made", seat=join_list(names, lang), option=option_label(g.rs, card.id, o, lang, True)), False)
                for o, names in by.items()][:4]

    def _leaderboard(self, surface: pygame.Surface, v: dict, r: pygame.Rect, height: int = 200) -> None:
        a, p = self.app, self.p
        g = self.ws.game
        p.panel(surface, r)
        p.text(surface, self.t("ws.leaderboard"), (r.left + p.s(14), r.top + p.s(8)), 26, bold=True)
        if v.get("standings"):
            p.text(surface, self.t("ws.leaderboard.by_standing"), (r.right - p.s(14), r.top + p.s(14)), 18,
                   self.app.theme.c("muted"), anchor="topright")
        standings = v.get("standings") or {}
        if standings:  # by standing (score over par): any role can top the table
            ranking = sorted(v["scores"].items(), key=lambda kv: (-standings.get(kv[0], 0.0), kv[0]))
        else:
            ranking = sorted(v["scores"].items(), key=lambda kv: (-kv[1], kv[0]))
        n = len(ranking)
        cols = 1 if n <= 4 or (height - 50) / max(1, n) >= 26 else 2  # one column when it fits: whole names
        per = (n + cols - 1) // cols
        lh = min(36, (height - 50) / max(1, per))
        cw = (r.width - p.s(20)) / cols
        size = 22 if lh >= 26 else 18
        for i, (s, score) in enumerate(ranking):
            x = r.left + p.s(10) + (i // per) * cw
            y = r.top + p.s(44 + (i % per) * lh + lh / 2)
            d = g.rs.seat_defs[s]
            p.text(surface, f"{i + 1}.", (x + p.s(4), y), size, anchor="midleft", bold=True)
            icon(surface, d.icon, (x + p.s(44), y), p.s(8), seat_rgb(d.colour))
            team = self.ws.teams.get(s)  # the room knows its teams by name, not only by seat
            name = g.seat_name(s, a.lang)
            label = self.t("ws.leaderboard.team", seat=name, team=team) if team else name
            shown = f"{score:.0f}" if s not in standings else self.t("ws.leaderboard.standing", score=score,
                                                                      standing=standings[s])
            p.text(surface, shown, (x + cw - p.s(16), y), size, anchor="midright", bold=True)
            room = cw - p.s(58) - p.s(16) - p.font(size, True).size(shown)[0] - p.s(10)
            fit = size if p.font(size).size(label)[0] <= room else max(16, size - 4)  # a long team name: smaller
            p.text(surface, label, (x + p.s(58), y), fit, anchor="midleft", max_w=int(room))

    def _agreements(self, surface: pygame.Surface, v: dict, r: pygame.Rect) -> None:
        a, p, th = self.app, self.p, self.app.theme
        g = self.ws.game
        p.panel(surface, r)
        p.text(surface, self.t("ws.agreements"), (r.left + p.s(14), r.top + p.s(8)), 26, bold=True)
        ags = [ag for ag in v["agreements"] if ag.get("active", True)]
        y = r.top + p.s(46)
        if not ags:
            p.text(surface, self.t("ws.agreements.none"), (r.left + p.s(14), y), 22, th.c("muted"))
        shown = 0
        for ag in ags:
            line = agreement_line(self.t, g, ag, a.lang)
            y = p.wrap(surface, line, pygame.Rect(r.left + p.s(14), y, r.width - p.s(28), p.s(60)), 18,
                       max_lines=2) + p.s(4)
            shown += 1
            if y > r.bottom - p.s(40) and shown < len(ags):
                p.text(surface, self.t("ws.more", n=len(ags) - shown), (r.left + p.s(14), y), 18, th.c("muted"))
                break
