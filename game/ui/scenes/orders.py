"""Orders for one seat: every legal order by kind, parameters, cost, a preview, budget, undo, submit."""

from __future__ import annotations

from functools import partial

import pygame

from game.engine import IllegalOrder, Order
from game.engine.legality import order_cost
from game.session.preview import Preview, preview

from ..brief import draw_brief
from ..draw import icon
from ..orderdesc import FIELDS, describe, refusal, value_label
from ..theme import seat_rgb
from .base import Scene

DRAFT_TOP, ROW_H = 130, 28  # the draft's first order line and the height of one (design units)

KIND_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
             pygame.K_9, pygame.K_0)


class OrdersScene(Scene):
    name = "orders"

    def __init__(self, app, seat: str) -> None:
        super().__init__(app)
        self.seat = seat
        g = app.match.game
        self.by_kind: dict[str, list[Order]] = {}
        for o in g.legal_orders(seat):
            self.by_kind.setdefault(o.kind, []).append(o)
        drafts = app.flow.drafts
        if seat not in drafts:
            pending = g.view_for(seat)["pending"]
            drafts[seat] = [Order.parse(s) for s in pending]
        self.draft: list[Order] = drafts[seat]
        self.kind = next(iter(self.by_kind), None)
        self.choice: dict[str, object] = {}
        self._base: tuple[float, float] | None = None
        self._previews: dict[tuple, Preview] = {}
        self.submitted = False

    @property
    def g(self):
        return self.match.game

    # ------------------------------------------------------------ selection

    def options(self) -> list[Order]:
        return self.by_kind.get(self.kind, []) if self.kind else []

    def fields(self) -> list[str]:
        opts = self.options()
        return [f for f in FIELDS if len({getattr(o, f) for o in opts}) > 1]

    def matching(self, upto: int) -> list[Order]:
        fs = self.fields()[:upto]
        return [o for o in self.options() if all(getattr(o, f) == self.choice.get(f) for f in fs)]

    def _normalise(self) -> None:
        for i, f in enumerate(self.fields()):
            vals = list(dict.fromkeys(getattr(o, f) for o in self.matching(i)))
            if self.choice.get(f) not in vals and vals:
                self.choice[f] = vals[0]

    def candidate(self) -> Order | None:
        self._normalise()
        m = self.matching(len(self.fields()))
        return m[0] if m else None

    # ------------------------------------------------------------ preview (on clones; others as last year)

    def _outcome(self, orders: list[Order]) -> Preview:
        """This year's change for the seat, as the ledger will count it, if the others do as last year."""
        key = tuple(orders)
        if key not in self._previews:
            self._previews[key] = preview(self.g, self.seat, orders)
        return self._previews[key]

    def preview(self, orders: list[Order], base: list[Order] | None = None) -> tuple[float, float]:
        """(security, competitiveness) of ``orders`` this year, or what they add over ``base``'s."""
        a = self._outcome(orders)
        if base is None:
            return (a.security if a.security is not None else float("nan")), a.competitiveness
        ds, dc = a.minus(self._outcome(base))
        return (ds if ds is not None else float("nan")), dc

    def check(self, orders: list[Order]) -> str:
        try:
            self.g.check(self.seat, orders)
        except IllegalOrder as exc:
            return refusal(self.app, exc)
        return ""

    # ------------------------------------------------------------ controls

    def build(self) -> None:
        a, g = self.app, self.g
        grow = max(0.0, a.settings.ui_scale - 1.0) * 40  # larger text: taller buttons, clear of their borders
        for i, k in enumerate(self.by_kind):
            d = g.rs.orders[k]
            self.ui.button(f"kind_{k}", self.R(20, 96 + i * (40 + grow), 260, 34 + grow), d.name.get(a.lang),
                           partial(self._pick, k), key=KIND_KEYS[i] if i < len(KIND_KEYS) else None,
                           tip=d.help.get(a.lang), style="selected" if k == self.kind else None)
        cand = self.candidate()
        for i, f in enumerate(self.fields()):
            assert self.kind is not None  # there are fields only for a chosen kind
            vals = list(dict.fromkeys(getattr(o, f) for o in self.matching(i)))
            opts = [(value_label(a, self.kind, f, v), v) for v in vals]
            cur = vals.index(self.choice.get(f)) if self.choice.get(f) in vals else 0
            self.ui.choice(f"field_{f}", self.R(300, 250 + i * 50, 480, 42), opts, cur,
                           partial(self._choose, f), key=(pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r)[i],
                           tip=self.t(f"field.{f}.tip"), prefix=self.t(f"field.{f}") + ": ")
        reason = self.check([*self.draft, cand]) if cand else self.t("orders.none_legal")
        self.ui.button("add", self.R(300, 520, 230, 46), self.t("orders.add"), self.add, key=pygame.K_a,
                       tip=self.t("orders.add.tip"), style="primary", enabled=cand is not None and not reason)
        for i in range(len(self.draft)):
            self.ui.button(f"remove_{i}", self.R(1226, DRAFT_TOP + i * ROW_H, 36, ROW_H - 3), "×",
                           partial(self.remove, i), tip=self.t("orders.remove.tip"))
        self.ui.button("undo", self.R(1024, 97, 114, 28), self.t("orders.undo"), self.undo, key=pygame.K_BACKSPACE,
                       tip=self.t("orders.undo.tip"), enabled=bool(self.draft))
        self.ui.keys[(pygame.K_z, pygame.KMOD_CTRL)] = self.undo
        self.ui.button("clear", self.R(1144, 97, 118, 28), self.t("orders.clear"), self.clear,
                       tip=self.t("orders.clear.tip"), enabled=bool(self.draft))
        from .help import HelpScene

        self.ui.button("help", self.R(1110, 24, 150, 36), self.t("table.help"),
                       lambda: self.app.push(HelpScene(self.app, page=1)), key=pygame.K_F1,
                       tip=self.t("table.help.tip"))
        ok = not self.check(self.draft)
        self.ui.button("submit", self.R(1060, 664, 200, 48), self.t("orders.submit"), self.submit,
                       key=pygame.K_RETURN, tip=self.t("orders.submit.tip"), style="primary", enabled=ok)
        self.ui.button("back", self.R(850, 664, 200, 48), self.t("orders.later"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=self.t("orders.later.tip"))

    def _pick(self, k: str) -> None:
        self.kind = k
        self.choice = {}
        self.rebuild()

    def _choose(self, f: str, v) -> None:
        self.choice[f] = v
        fs = self.fields()
        for later in fs[fs.index(f) + 1:]:
            self.choice.pop(later, None)
        self.rebuild()

    def add(self) -> None:
        cand = self.candidate()
        if cand is None or self.check([*self.draft, cand]):
            return
        self.draft.append(cand)
        self.rebuild()

    def remove(self, i: int) -> None:
        if 0 <= i < len(self.draft):
            del self.draft[i]
        self.rebuild()

    def undo(self) -> None:
        if self.draft:
            self.draft.pop()
        self.rebuild()

    def clear(self) -> None:
        self.draft.clear()
        self.rebuild()

    def submit(self) -> None:
        if self.check(self.draft):
            return
        self.match.submit(self.seat, list(self.draft))
        self.flow.drafts.pop(self.seat, None)
        self.submitted = True
        self.app.pop()

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, g = self.app, self.p, self.app.theme, self.g
        d = g.rs.seat_defs[self.seat]
        name = g.seat_name(self.seat, a.lang)
        icon(surface, d.icon, (p.s(36), p.s(44)), p.s(13), seat_rgb(d.colour))
        p.text(surface, self.t("orders.title", seat=name), (p.s(60), p.s(44)), "title", anchor="midleft", bold=True)
        p.text(surface, self.t("orders.sub", round=g.round), (p.s(60), p.s(74)), "small", th.c("muted"))
        cand = self.candidate()
        if self.kind:
            od = g.rs.orders[self.kind]
            head = p.text(surface, od.name.get(a.lang), (p.s(300), p.s(96)), "heading", bold=True)
            box = self.R(300, 126, 480, 110)
            box.height -= max(0, head.bottom - box.top)
            box.top = max(box.top, head.bottom)
            p.wrap(surface, od.help.get(a.lang), box, "small", th.c("muted"), max_lines=6)
        y = 250 + 50 * len(self.fields())
        if cand is not None and not self.fields():
            p.text(surface, self.t("orders.fixed", order=describe(a, cand)), (p.s(300), p.s(y - 26)), "small",
                   max_w=p.s(480))
        if cand is not None:
            cost = order_cost(g.state, g.rs, cand)
            p.text(surface, self.t("orders.cost.one" if cost == 1 else "orders.cost", cost=cost), (p.s(300), p.s(y + 4)), "body", bold=True)
            ds, dc = self.preview([*self.draft, cand], self.draft)
            p.wrap(surface, self._effect(ds, dc), self.R(300, y + 30, 480, 50), "small", max_lines=2)
            reason = self.check([*self.draft, cand])
            if reason:
                p.wrap(surface, "× " + reason, self.R(300, 575, 480, 70), "small", th.c("warning"))
        # the seat's own draft only; nothing of any other seat is drawn here
        r = self._draft_rect()
        p.panel(surface, r)
        p.text(surface, self.t("orders.draft"), (r.left + p.s(12), r.top + p.s(8)), "heading", bold=True)
        if not self.draft:
            p.text(surface, self.t("orders.hold"), (r.left + p.s(12), p.s(DRAFT_TOP)), "body", th.c("muted"))
        for i, o in enumerate(self.draft):
            yy = p.s(DRAFT_TOP + i * ROW_H)
            cost = order_cost(g.state, g.rs, o)
            pts = self.t("orders.pts.one" if cost == 1 else "orders.pts", n=cost)
            c = p.text(surface, pts, (r.right - p.s(52), yy + p.s(12)), "tiny", th.c("muted"), anchor="midright")
            line, room = f"{i + 1}. {describe(a, o)}", c.left - p.s(8) - (r.left + p.s(12))
            size = "small" if p.font("small").size(line)[0] <= room else "tiny"  # a smaller size before a cut
            p.text(surface, line, (r.left + p.s(12), yy + p.s(12)), size, anchor="midleft", max_w=room)
        spent = sum(order_cost(g.state, g.rs, o) for o in self.draft)
        budget = g.budget(self.seat)
        p.text(surface, self.t("orders.budget", spent=spent, budget=budget), (r.left + p.s(12), r.bottom - p.s(46)),
               "body", bold=True, anchor="bottomleft")  # sits on its bar at any text scale
        p.bar(surface, pygame.Rect(r.left + p.s(12), r.bottom - p.s(44), r.width - p.s(24), p.s(12)),
              spent / budget if budget else 0.0, th.c("competitiveness") if spent <= budget else th.c("warning"))
        ds, dc = self.preview(self.draft)
        p.text(surface, self._effect(ds, dc, total=True), (r.left + p.s(12), r.bottom - p.s(26)), "tiny",
               max_w=r.width - p.s(24))  # this year, as the ledger will count it
        draw_brief(a, surface, self.R(810, r.bottom / p.u + 8, 460, 602 - r.bottom / p.u - 8), self.seat)
        msg = self.check(self.draft)
        p.wrap(surface, ("✓ " + self.t("orders.legal")) if not msg else "× " + msg, self.R(820, 610, 440, 44),
               "small", th.c("text") if not msg else th.c("warning"))

    def _draft_rect(self) -> pygame.Rect:
        """The draft panel: one line per order, then the budget; the brief fills the room below."""
        return self.R(810, 90, 460, DRAFT_TOP - 90 + ROW_H * max(1, len(self.draft)) + 76)

    def _effect(self, ds: float, dc: float, total: bool = False) -> str:
        pre = "orders.effect"
        if total:  # what the others are assumed to do: last year's orders, or holding in year 1
            pre = "orders.total.last" if self._outcome(self.draft).others == "last_year" else "orders.total"
        if ds != ds:  # a firm: no security of its own
            return self.t(pre + ".firm", comp=_z(dc))
        return self.t(pre, sec=_z(ds), comp=_z(dc))


def _z(v: float) -> float:
    """No "−0.0" in previews."""
    return 0.0 if abs(v) < 0.05 else v
