"""The hot wash: charts of the indices and of every seat over the rounds, the
timeline, revealed secret orders and objectives, discussion prompts; export of
the after-action report (HTML + JSON) and of the role cards.

Secret objectives and this round's unrevealed orders are shown only once the
game is over, or after the facilitator unlocks them here (a warning first; the
unlock goes to the workshop's audit trail and into the report).  The unlock
lasts while this screen is open."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from game.i18n import join_list
import pygame

from game.content.icons import ICON_SHAPES
from game.session.debrief import debrief
from game.session.match import workshop_path

from ..charts import line_chart
from ..draw import icon
from ..host import WorkshopHost
from ..theme import seat_rgb
from .base import Scene

PAGES = ("charts", "seats", "timeline", "secrets", "orders", "prompts")
SHAPES = tuple(ICON_SHAPES)


def out_base(app) -> Path:
    ws = app.ws
    g = ws.game
    p = ws.autosave_path or workshop_path(g.rs.scenario.id, g.seed)
    return p.with_suffix("")


class DebriefScene(Scene):
    app: WorkshopHost
    name = "ws_debrief"

    def __init__(self, app: WorkshopHost) -> None:
        super().__init__(app)
        self.page = PAGES[0]
        from game.session.report_build import default_counterfactual

        # the same seed replayed by the interconnected and fragmented table profiles, for comparison
        self.counterfactual = default_counterfactual()
        self.unlocked = False  # the facilitator's explicit unlock, for this visit of the screen
        self.confirming = False  # the unlock's warning is on screen
        self.data = self._debrief()
        self.files: dict[str, str] = {}  # what was written where: "report", "cards"
        self.round = self.data["orders"][-1]["round"] if self.data["orders"] else 1

    def _debrief(self) -> dict:
        ws = self.app.workshop
        return debrief(ws.game, self.app.lang, self.counterfactual, reveal_secrets=self.unlocked,
                       teams=ws.teams, unlocks=ws.secret_unlocks())

    @property
    def secrets_shown(self) -> bool:
        return bool(self.data["secrets"]["shown"])

    def ask_unlock(self) -> None:
        self.confirming = True
        self.rebuild()

    def cancel_unlock(self) -> None:
        self.confirming = False
        self.rebuild()

    def unlock(self) -> None:
        """Show the secrets before the end: recorded in the audit trail first."""
        self.app.act(self.app.workshop.unlock_secrets)
        self.unlocked = True
        self.confirming = False
        self.data = self._debrief()
        self.rebuild()

    def build(self) -> None:
        t = self.t
        if self.confirming:  # the warning alone: confirm or keep the secrets hidden
            self.ui.button("unlock_confirm", self.R(380, 400, 250, 52), t("ws.db.unlock.confirm"), self.unlock,
                           key=pygame.K_RETURN, tip=t("ws.db.unlock.confirm.tip"), style="primary")
            self.ui.button("unlock_cancel", self.R(650, 400, 250, 52), t("ws.db.unlock.cancel"), self.cancel_unlock,
                           key=pygame.K_ESCAPE, tip=t("common.back.tip"))
            return
        for i, pg in enumerate(PAGES):
            self.ui.button(f"page_{pg}", self.R(20 + i * 172, 664, 164, 48), t(f"ws.db.{pg}"),
                           partial(self._page, pg), key=pygame.K_1 + i, tip=t("ws.db.page.tip"),
                           style="selected" if pg == self.page else None)
        self.ui.keys[(pygame.K_RIGHT, 0)] = lambda: self._page(PAGES[(PAGES.index(self.page) + 1) % len(PAGES)])
        self.ui.keys[(pygame.K_LEFT, 0)] = lambda: self._page(PAGES[(PAGES.index(self.page) - 1) % len(PAGES)])
        self.ui.button("export", self.R(830, 8, 200, 40), t("ws.db.export"), self.export, key=pygame.K_r,
                       tip=t("ws.db.export.tip"), style="primary")
        self.ui.button("cards", self.R(1040, 8, 220, 40), t("ws.db.cards"), self.cards, key=pygame.K_c,
                       tip=t("ws.db.cards.tip"))
        if not self.secrets_shown and self.page in ("secrets", "orders"):
            self.ui.button("unlock", self.R(996, 86, 256, 40), t("ws.db.unlock"), self.ask_unlock, key=pygame.K_l,
                           tip=t("ws.db.unlock.tip"))
        pending = self.data["pending"]
        if self.page == "orders" and (self.data["orders"] or pending):
            rounds = [(str(o["round"]), o["round"]) for o in self.data["orders"]]
            if pending:
                rounds.append((t("ws.db.pending", round=pending["round"]), pending["round"]))
            cur = next((i for i, (_, r) in enumerate(rounds) if r == self.round), 0)
            self.ui.cycler("round", self.R(620, 8, 200, 40), rounds, cur, self._round, key=pygame.K_UP,
                           tip=t("ws.inject.round.tip"), prefix=t("ws.inject.round") + ": ")
        self.ui.button("back", self.R(1060, 664, 200, 48), t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=t("common.back.tip"))

    def _round(self, r: int) -> None:
        self.round = r

    def _page(self, pg: str) -> None:
        self.page = pg
        self.rebuild()

    def export(self) -> None:
        from game.session.report_build import build_report

        base = out_base(self.app)
        html, js = base.parent / (base.name + "-report.html"), base.parent / (base.name + "-report.json")
        try:
            ws = self.app.workshop
            build_report(ws.game, html, self.app.lang, js, self.counterfactual, reveal_secrets=self.unlocked,
                         teams=ws.teams, unlocks=ws.secret_unlocks(), audit=ws.audit_records())
        except OSError as exc:
            self.app.status = self.files["report"] = f"× {exc}"
            return
        self.files["report"] = self.t("ws.db.wrote_report", html=str(html), json=js.name)
        self.app.status = self.files["report"]

    def cards(self) -> None:
        from game.session.cards import write_cards

        g = self.app.workshop.game
        base = out_base(self.app)
        out = base.parent / (base.name + "-cards")
        try:
            paths = write_cards(g.rs.scenario, out, self.app.lang, seed=g.seed)
        except OSError as exc:
            self.app.status = self.files["cards"] = f"× {exc}"
            return
        index = next((p for p in paths if p.name == "index.html"), paths[-1])
        self.files["cards"] = self.t("ws.db.cards_wrote", n=len(paths), path=str(out), index=index.name)
        self.app.status = self.files["cards"]

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        if self.confirming:
            self._draw_confirm(surface)
            return
        super().draw(surface)
        p, th = self.p, self.app.theme
        d = self.data
        p.text(surface, self.t("ws.db.title"), (p.s(20), p.s(10)), "title", bold=True)
        title_ink = p.drawn[-1].ink
        sub = self.t("ws.db.sub", scenario=d["scenario"]["title"], n=d["rounds_played"], seed=d["seed"])
        y = self.below_last(52)
        if y + p.font("small").get_linesize() > p.s(80):  # no room under a large title: beside it
            p.text(surface, sub, (title_ink.right + p.s(16), title_ink.bottom), "small", th.c("muted"),
                   anchor="bottomleft", max_w=p.s(820) - title_ink.right - p.s(16))
        else:
            p.text(surface, sub, (p.s(22), y), "small", th.c("muted"))
        getattr(self, f"_draw_{self.page}")(surface, self.R(20, 80, 1240, 530))
        lh = max(p.s(22), p.font("small").get_linesize())
        notes = int(d["secrets"]["reason"] == "unlocked" or (not self.secrets_shown and self.page == "orders"))
        notes += sum(k in self.files for k in ("report", "cards"))
        y = min(p.s(616), p.s(662) - notes * lh)  # the notes under the page, above the buttons
        if d["secrets"]["reason"] == "unlocked":  # never silently: the whole screen says so
            pygame.draw.rect(surface, th.c("warning"), surface.get_rect(), width=max(2, p.s(4)))
            p.wrap(surface, self.t("ws.db.unlocked"), pygame.Rect(p.s(20), y, p.s(1240), lh), "small", th.c("warning"),
                   max_lines=1)
            y += lh
        elif not self.secrets_shown and self.page in ("secrets", "orders"):
            if self.page == "orders":
                p.wrap(surface, "■ " + self.t("ws.db.locked.orders"), pygame.Rect(p.s(20), y, p.s(1240), lh), "small",
                       th.c("muted"), max_lines=1)
                y += lh
        for k in ("report", "cards"):
            if k in self.files:
                p.wrap(surface, self.files[k], pygame.Rect(p.s(20), y, p.s(1240), lh), "small",
                       th.c("warning") if self.files[k].startswith("×") else th.c("accent"), max_lines=1)
                y += lh

    def _series(self):
        d = self.data
        return [f"{h['round']}" for h in d["history"]]

    def _draw_charts(self, surface, r) -> None:
        p, th, d = self.p, self.app.theme, self.data
        hist = d["history"]
        series = [(self.t("ws.db.asi"), th.c("security"), "hexagon", [h["alliance_security"] for h in hist]),
                  (self.t("ws.db.aci"), th.c("competitiveness"), "triangle",
                   [h["alliance_competitiveness"] for h in hist])]
        dashed = [False, False]
        for name, shape in (("interconnected", "square"), ("fragmented", "diamond")):
            other = d.get("counterfactuals", {}).get(name)
            if other:  # what a scripted table would have done with the same seed: security only
                series.append((self.t(f"ws.db.cf.{name}"), th.c("muted"), shape,
                               [h["alliance_security"] for h in other[:len(hist)]]))
                dashed.append(True)
        line_chart(p, surface, r, self.t("ws.db.indices"), series, self._series(), y_max=100, dashed=dashed)

    def _draw_seats(self, surface, r) -> None:
        p, d = self.p, self.data
        hist = d["history"]
        series = []
        for i, s in enumerate(d["seats"]):
            series.append((s["name"], seat_rgb(s["colour"]), s["icon"] or SHAPES[i % len(SHAPES)],
                           [h["scores"].get(s["id"], 0.0) for h in hist]))
        line_chart(p, surface, r, self.t("ws.db.scores"), series, self._series())

    def _draw_timeline(self, surface, r) -> None:
        p, th, d = self.p, self.app.theme, self.data
        p.panel(surface, r)
        items = d["timeline"]
        cols = 2
        colw = (r.width - p.s(30)) // cols
        lh = p.font("small").get_linesize()
        legend = self.t("ws.db.legend")  # what each mark means, under the columns
        p.text(surface, legend, (r.left + p.s(12), r.bottom - p.s(6)), "tiny", th.c("muted"), anchor="bottomleft",
               max_w=r.width - p.s(24))
        r = pygame.Rect(r.left, r.top, r.width, r.height - p.font("tiny").get_linesize() - p.s(8))
        x, y = r.left + p.s(12), r.top + p.s(10)
        last = None
        for it in items:
            if y + lh > r.bottom - p.s(8):
                if x > r.left + colw:
                    p.text(surface, "…", (x, y - lh), "small", th.c("muted"))
                    break
                x, y = x + colw + p.s(6), r.top + p.s(10)
            if it["round"] != last:
                p.text(surface, self.t("ws.db.round", round=it["round"]), (x, y), "small", th.c("accent"), bold=True)
                y += lh
                last = it["round"]
            mark = {"event": "▣", "agreement": "◎", "order": "▶", "cutoff": "×", "broken": "×", "override": "※",
                    "incident": "!", "crisis": "▲"}.get(it["kind"], "·")
            y = p.wrap(surface, f"{mark} {it['text']}", pygame.Rect(x + p.s(10), y, colw - p.s(14), lh * 2),
                       "small", max_lines=2)

    def _draw_confirm(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th = self.p, self.app.theme
        r = self.R(240, 170, 800, 300)
        p.panel(surface, r)
        pygame.draw.rect(surface, th.c("warning"), r, width=max(2, p.s(4)), border_radius=p.s(8))
        p.text(surface, "▲ " + self.t("ws.db.unlock.title"), (r.left + p.s(24), r.top + p.s(20)), "heading",
               th.c("warning"), bold=True)
        p.wrap(surface, self.t("ws.db.unlock.warning"), pygame.Rect(r.left + p.s(24), r.top + p.s(70),
               r.width - p.s(48), r.height - p.s(150)), "body")

    def _draw_locked(self, surface, r, key: str) -> None:
        p, th = self.p, self.app.theme
        p.wrap(surface, "■ " + self.t(key), pygame.Rect(r.left + p.s(12), r.top + p.s(50), r.width - p.s(24),
               p.s(60)), "body", th.c("muted"))

    def _draw_secrets(self, surface, r) -> None:
        p, th, d, g = self.p, self.app.theme, self.data, self.app.workshop.game
        p.panel(surface, r)
        p.text(surface, self.t("ws.db.objectives"), (r.left + p.s(12), r.top + p.s(8)), "heading", bold=True)
        if not self.secrets_shown:
            self._draw_locked(surface, r, "ws.db.locked")
            return
        objs = d["objectives"]
        n = max(1, len(objs))
        lh = min(40, (r.height - p.s(50)) / n / self.p.u)
        for i, o in enumerate(objs):
            y = r.top + p.s(44 + i * lh)
            dd = g.rs.seat_defs[o["seat"]]
            icon(surface, dd.icon, (r.left + p.s(22), y + p.s(10)), p.s(7), seat_rgb(dd.colour))
            p.text(surface, g.seat_name(o["seat"], self.app.lang), (r.left + p.s(36), y), "small", bold=True)
            mark = "✓ " + self.t("ws.db.met") if o["met"] else "× " + self.t("ws.db.not_met")
            p.text(surface, mark, (r.left + p.s(170), y), "small", th.c("text") if o["met"] else th.c("muted"))
            p.wrap(surface, f"{o['title']} — {o['text']}", pygame.Rect(r.left + p.s(300), y, r.width - p.s(320),
                   p.s(lh)), "tiny" if lh < 36 else "small", max_lines=2 if lh >= 30 else 1)

    def _draw_orders(self, surface, r) -> None:
        p, th, d, g = self.p, self.app.theme, self.data, self.app.workshop.game
        p.panel(surface, r)
        rev = next((o for o in d["orders"] if o["round"] == self.round), None)
        title = self.t("ws.db.orders_title", round=self.round)
        if rev is None and d["pending"] and d["pending"]["round"] == self.round:
            rev, title = d["pending"], self.t("ws.db.pending_title", round=self.round)
        p.text(surface, title, (r.left + p.s(12), r.top + p.s(8)), "heading", bold=True)
        if rev is None:
            return
        seats = list(rev["orders"])
        cols = 2
        per = (len(seats) + cols - 1) // cols
        colw = (r.width - p.s(30)) // cols
        lh = (r.height - p.s(50)) / max(1, per)
        for i, s in enumerate(seats):
            x = r.left + p.s(12) + (i // per) * (colw + p.s(6))
            y = r.top + p.s(44) + (i % per) * lh
            dd = g.rs.seat_defs[s]
            icon(surface, dd.icon, (x + p.s(8), y + p.s(9)), p.s(7), seat_rgb(dd.colour))
            p.text(surface, g.seat_name(s, self.app.lang), (x + p.s(22), y), "small", bold=True)
            text = join_list(rev["orders"][s], self.app.lang, "; ") or self.t("ws.db.held")
            p.wrap(surface, text, pygame.Rect(x + p.s(22), y + p.s(20), colw - p.s(26), int(lh - p.s(22))), "tiny",
                   th.c("muted"), max_lines=max(1, int((lh - p.s(22)) / p.font("tiny").get_linesize())))

    def _draw_prompts(self, surface, r) -> None:
        """Every prompt, whole: the text size steps down until all of them fit the panel."""
        p, th, d = self.p, self.app.theme, self.data
        p.panel(surface, r)
        width = r.width - p.s(40)
        sizes = (("heading", "body"), ("body", "small"), ("small", "tiny"))

        def height(head: str, body: str) -> int:
            lines = sum(len(p.wrap_lines("• " + pr[k], width, body)) for pr in d["prompts"]
                        for k in ("description", "analysis", "application"))
            return (len(d["prompts"]) * (p.font(head).get_linesize() + p.s(8) + 3 * p.s(2))
                    + lines * p.font(body).get_linesize() + p.s(10))

        head, body = next((hb for hb in sizes if height(*hb) <= r.height), sizes[-1])
        y = r.top + p.s(10)
        for pr in d["prompts"]:
            if y + p.font(head).get_linesize() > r.bottom:
                break
            p.text(surface, pr["title"], (r.left + p.s(14), y), head, th.c("accent"), bold=True)
            y += p.font(head).get_linesize()
            for k in ("description", "analysis", "application"):
                y = p.wrap(surface, "• " + pr[k], pygame.Rect(r.left + p.s(24), y, width, max(1, r.bottom - y)),
                           body) + p.s(2)
            y += p.s(8)
