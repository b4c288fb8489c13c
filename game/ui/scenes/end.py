"""End of game: ranking, the alliance's outcome, secret objectives and the key turning points."""

from __future__ import annotations

import pygame

from game.engine.ledger import Entry
from game.engine.report import cause_text

from ..draw import icon
from ..theme import seat_rgb
from .base import Scene

OUTCOME_SHAPES = {"secure": "hexagon", "strained": "diamond", "crisis": "cross"}


def turning_points(game, limit: int = 5) -> list[tuple[int, str, str, str, str, float]]:
    """The largest swings in the ledger: (round, target, quantity, cause, ref, delta in display units)."""
    acc: dict[tuple[int, str, str, str, str], float] = {}
    for e in game.state.ledger:
        en = Entry(*e)
        if en.quantity not in ("security", "competitiveness") or en.cause in ("start", "round_score"):
            continue
        k = (en.round, en.target, en.quantity, en.cause, en.ref)
        acc[k] = acc.get(k, 0.0) + en.delta * (100.0 if en.quantity == "security" else 1.0)
    items = sorted(acc.items(), key=lambda kv: -abs(kv[1]))[:limit]
    return [(*k, v) for k, v in items]


class EndScene(Scene):
    name = "end"

    def build(self) -> None:
        from .charts_scene import ChartsScene
        from .setup import SetupScene

        a = self.app
        self.ui.button("charts", self.R(630, 664, 200, 48), self.t("end.charts"), lambda: a.push(ChartsScene(a)),
                       key=pygame.K_c, tip=self.t("end.charts.tip"))
        self.ui.button("new", self.R(845, 664, 200, 48), self.t("end.new"), self._new, key=pygame.K_n,
                       tip=self.t("end.new.tip"))
        self.ui.button("title", self.R(1060, 664, 200, 48), self.t("end.title_btn"), a.end_match,
                       key=pygame.K_RETURN, tip=self.t("end.title_btn.tip"), style="primary")
        self.ui.keys[(pygame.K_ESCAPE, 0)] = a.end_match
        self._setup = SetupScene

    def _new(self) -> None:
        a = self.app
        a.end_match()
        a.push(self._setup(a))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, g = self.app, self.p, self.app.theme, self.match.game
        out = g.outcome
        self.header(surface, self.t("end.heading"), g.rs.scenario.title.get(a.lang))
        if out is None:
            return
        # alliance outcome
        r = self.R(20, 108, 600, 128)  # tall enough for the crisis line and the best standing below it
        p.panel(surface, r)
        icon(surface, OUTCOME_SHAPES.get(out.alliance, "circle"), (r.left + p.s(40), r.centery), p.s(22),
             th.c("security"))
        p.text(surface, self.t(f"end.alliance.{out.alliance}"), (r.left + p.s(76), r.top + p.s(16)), "heading",
               bold=True)
        p.text(surface, self.t("end.indices", asi=out.alliance_security, aci=out.alliance_competitiveness),
               (r.left + p.s(76), r.top + p.s(50)), "body")
        if out.ended_by_crisis:
            p.text(surface, self.t("end.crisis_end"), (r.left + p.s(76), r.top + p.s(78)), "body", th.c("warning"))
        if out.standings:  # raw scores do not compare across roles: who beat their par by most
            best, value = out.standings[0]
            p.text(surface, self.t("end.top_standing", seat=g.seat_name(best, a.lang), standing=value),
                   (r.left + p.s(76), r.top + p.s(102 if out.ended_by_crisis else 82)), "small", th.c("accent"),
                   bold=True, max_w=r.width - p.s(88))
        # ranking
        r = self.R(20, 244, 600, 410)
        p.panel(surface, r)
        p.text(surface, self.t("end.ranking_par" if out.standings else "end.ranking"), (r.left + p.s(12), r.top + p.s(10)),
               "heading", bold=True)
        objectives = getattr(g.state, "objectives", {})
        met = set(out.objectives_met)
        standing = dict(out.standings)
        top = out.top_standing
        rows = len(out.ranking)
        h = min(40, 350 / max(1, rows))
        score_x, obj_x = (292, 362) if standing else (330, 344)
        for i, (s, score) in enumerate(out.ranking):
            y = r.top + p.s(48 + i * h)
            d = g.rs.seat_defs[s]
            icon(surface, d.icon, (r.left + p.s(56), y + p.s(h / 2)), p.s(min(9, h / 3)), seat_rgb(d.colour))
            p.text(surface, f"{i + 1}.", (r.left + p.s(16), y + p.s(h / 2)), "body", anchor="midleft", bold=True)
            # the name runs up to the score, less what the "(you)" mark takes: the mark is never cut off
            score_txt = f"{score:.1f}"
            name_end = r.left + p.s(score_x) - p.font("body", True).size(score_txt)[0] - p.s(10)
            if self.match.is_human(s):
                mark = p.text(surface, self.t("seat.human"), (name_end, y + p.s(h / 2)), "small", th.c("accent"),
                              anchor="midright")
                name_end = mark.left - p.s(6)
            p.text(surface, g.seat_name(s, a.lang), (r.left + p.s(72), y + p.s(h / 2)), "body", anchor="midleft",
                   max_w=max(p.s(40), name_end - r.left - p.s(72)))
            p.text(surface, score_txt, (r.left + p.s(score_x), y + p.s(h / 2)), "body", anchor="midright", bold=True)
            if s in standing:
                p.text(surface, self.t("end.standing", standing=standing[s]), (r.left + p.s(obj_x - 12), y + p.s(h / 2)),
                       "small", th.c("accent") if s == top else th.c("text"), anchor="midright", bold=s == top)
            oid = objectives.get(s)
            if oid and oid in g.rs.objectives:
                mark = "✓" if s in met else "×"
                p.text(surface, f"{mark} {g.rs.objectives[oid].title.get(a.lang)}", (r.left + p.s(obj_x), y + p.s(h / 2)),
                       "small", th.c("muted"), anchor="midleft", max_w=p.s(600 - obj_x - 8))
        # debrief
        r = self.R(640, 110, 620, 544)
        p.panel(surface, r)
        p.text(surface, self.t("end.debrief"), (r.left + p.s(12), r.top + p.s(10)), "heading", bold=True)
        y = r.top + p.s(48)
        for rnd, target, q, cause, ref, v in turning_points(g):
            line = self.t("end.turn", round=rnd, seat=g.seat_name(target, a.lang), quantity=self.t(f"quantity.{q}"),
                          delta=v, cause=cause_text(g.rs, cause, ref, a.lang))
            y = p.wrap(surface, ("▲ " if v >= 0 else "▼ ") + line, pygame.Rect(r.left + p.s(14), y,
                       r.width - p.s(28), p.s(80)), "body") + p.s(10)
        p.wrap(surface, self.t(f"end.lesson.{out.alliance}"), pygame.Rect(r.left + p.s(14), y + p.s(10),
               r.width - p.s(28), p.s(160)), "body", th.c("accent"))
