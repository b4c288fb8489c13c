"""The facilitator console: every control of the session, the seat table with order
status, the indices, agreements in force, the audit trail and the autosave path.

"All-seeing" adds each seat's secret objective and pending orders; it is off by
default and never shown on the projector view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from game.i18n import join_list, os_error
import pygame

from game.engine import Game, Order
from game.engine.report import option_label, override_words

from ..brief import lasts_the_game
from ..draw import icon
from ..linebreak import ellipsize
from ..host import WorkshopHost
from ..hover import draw_tip, seat_lines
from ..orderdesc import describe
from ..theme import seat_rgb
from .base import Scene
from .workshop_results import draw_results, results_for

if TYPE_CHECKING:
    from game.net.table import TableHost
    from game.session.workshop import Workshop


def agreement_line(t: Callable[..., str], g: Game, ag: dict, lang: str) -> str:
    """An agreement as the console and the projector list it: its kind, every member, and the
    year it binds to (or the end of the game)."""
    names = join_list((g.seat_name(m, lang) for m in ag["members"]), lang)
    return t("ws.agreement.line.game" if lasts_the_game(g, ag) else "ws.agreement.line",
             kind=g.rs.agreements[ag["kind"]].name.get(lang), members=names, end=ag["end_round"])


def clock_text(seconds: float) -> str:
    s = int(seconds + 0.999)
    return f"{s // 60:02d}:{s % 60:02d}"


class ConsoleScene(Scene):
    app: WorkshopHost
    name = "ws_console"
    _quit_armed: int | None = None  # Save & quit pressed once, at this length of the audit trail

    @property
    def ws(self) -> Workshop:
        return self.app.workshop

    # ------------------------------------------------------------ controls

    def build(self) -> None:
        a, t, ws = self.app, self.t, self.ws
        g = ws.game
        over = g.is_over
        running = ws.timer.running
        col = (660, 864, 1068)
        w, h = 198, 40

        def row(i: int) -> float:
            return 70 + i * 46

        self.ui.button("pause", self.R(col[0], row(0), w, h), t("ws.resume") if not running else t("ws.pause"),
                       self.toggle_pause, key=pygame.K_SPACE, tip=t("ws.pause.tip"), enabled=not over,
                       style="primary" if not running and not over else None)
        self.ui.button("extend", self.R(col[1], row(0), w, h), t("ws.extend", n=1), lambda: self.extend(60),
                       key=pygame.K_e, tip=t("ws.extend.tip"), enabled=not over)
        self.ui.button("extend5", self.R(col[2], row(0), w, h), t("ws.extend", n=5), lambda: self.extend(300),
                       key=pygame.K_e, mod=pygame.KMOD_SHIFT, tip=t("ws.extend.tip"), enabled=not over)
        skip_label = t("ws.resolve") if g.phase == "orders" else t("ws.skip")
        self.ui.button("skip", self.R(col[0], row(1), w, h), skip_label, self.skip, key=pygame.K_n,
                       tip=t("ws.skip.tip"), enabled=not over)
        self.ui.button("undo", self.R(col[1], row(1), w, h), t("ws.undo"), self.undo, key=pygame.K_u,
                       tip=t("ws.undo.tip"), enabled=ws.can_undo())
        rules = [(t("ws.missing.hold_short"), "hold"), (t("ws.missing.ai_short"), "ai")]
        self.ui.choice("missing", self.R(col[2], row(1), w, h), rules,
                       [v for _, v in rules].index(ws.missing_rule), self.set_missing, key=pygame.K_m,
                       tip=t("ws.missing.tip"), prefix=t("ws.missing.short") + ": ", enabled=not over)
        self.ui.button("inject", self.R(col[0], row(2), w, h), t("ws.inject"), self.open_inject, key=pygame.K_i,
                       tip=t("ws.inject.tip"), enabled=not over)
        self.ui.button("agreement", self.R(col[1], row(2), w, h), t("ws.agreement"), self.open_agreement,
                       key=pygame.K_a, tip=t("ws.agreement.tip"), enabled=g.phase == "negotiation")
        self.ui.button("override", self.R(col[2], row(2), w, h), t("ws.override"), self.open_override,
                       key=pygame.K_o, tip=t("ws.override.tip"), enabled=not over)
        self.ui.button("projector", self.R(col[0], row(3), w, h), t("ws.projector"), a.toggle_projector,
                       key=pygame.K_F2, tip=t("ws.projector.tip"))
        self.ui.keys[(pygame.K_TAB, 0)] = a.toggle_projector
        self.ui.keys[(pygame.K_w, pygame.KMOD_CTRL)] = self.toggle_window
        self.ui.button("seeing", self.R(col[1], row(3), w, h),
                       t("ws.seeing.on") if a.all_seeing else t("ws.seeing.off"), self.toggle_seeing,
                       key=pygame.K_v, tip=t("ws.seeing.tip"), style="selected" if a.all_seeing else None)
        self.ui.button("debrief", self.R(col[2], row(3), w, h), t("ws.debrief"), self.open_debrief, key=pygame.K_d,
                       tip=t("ws.debrief.tip"), enabled=bool(g.state.history),
                       style="primary" if over else None)
        self.ui.button("quit", self.R(1068, 664, 198, 48), t("ws.save_quit"), self.save_quit, key=pygame.K_q,
                       mod=pygame.KMOD_CTRL, tip=t("ws.save_quit.tip"))
        if ws.results_round() is not None:  # the year's results are up: the next step is to close them
            self.ui.button("continue", self.R(1060, 582, 196, 38), t("ws.results.continue"), self.continue_results,
                           key=pygame.K_RETURN, style="primary",
                           tip=t("ws.results.continue.tip_over" if over else "ws.results.continue.tip"))
        if g.phase == "negotiation" and not over:  # a team's answer to a proposal an AI seat made to it
            first: dict[str, str] = {}
            for prop in ws.waiting_for_teams():
                for team in prop["teams"]:
                    first.setdefault(team, prop["id"])
            for i, s in enumerate(g.seats):
                if s in first:
                    y = self._row_y(i)
                    self.ui.button(f"yes_{s}", self.R(474, y + 4, 82, 32), t("ws.team.accept"),
                                   partial(self.team_answer, s, first[s], True), tip=t("ws.team.accept.tip"),
                                   style="primary")
                    self.ui.button(f"no_{s}", self.R(562, y + 4, 82, 32), t("ws.team.decline"),
                                   partial(self.team_answer, s, first[s], False), tip=t("ws.team.decline.tip"))
        ch = g.choice() if not over else None
        if ch is not None:  # the event card's choice: the facilitator enters each asked seat's answer
            f = self.p.font("small")
            labels = [(ellipsize(f"{k + 1}. " + option_label(g.rs, ch["event"], o["id"], a.lang, True), self.p.s(220),
                                 lambda x: f.size(x)[0]), o["id"]) for k, o in enumerate(ch["options"])]
            ids = [o["id"] for o in ch["options"]]
            for i, s in enumerate(g.seats):
                if s not in ch["seats"]:
                    continue
                y = self._row_y(i)
                now = ch["answers"].get(s, ch["default"])
                self.ui.choice(f"choice_{s}", self.R(400, y + 4, 244, 32), labels, ids.index(now),
                               partial(self.enter_choice, s), tip=t("ws.choice.tip"))
        if getattr(a, "table_host", None) is not None:  # workshop --serve: the team devices' screen
            from game.net.messages import t as net_t

            self.ui.button("devices", self.R(1068, 14, 198, 40), net_t("console.devices.button", a.lang),
                           a.open_devices, key=pygame.K_F12, tip=net_t("console.devices.tip", a.lang))
        if g.phase == "orders" and not over:
            for i, s in enumerate(g.seats):
                y = self._row_y(i)
                self.ui.button(f"team_{s}", self.R(474, y + 4, 82, 32), t("ws.orders.team"),
                               partial(self.enter_orders, s, "team"), tip=t("ws.orders.team.tip"))
                self.ui.button(f"sheet_{s}", self.R(562, y + 4, 82, 32), t("ws.orders.sheet"),
                               partial(self.enter_orders, s, "facilitator"), tip=t("ws.orders.sheet.tip"))

    def update(self, dt: float) -> None:
        super().update(dt)
        host = self._served()
        if host is None:
            return
        # a team device acted (answered the card, submitted, proposed): the seat rows' boxes follow
        g = self.ws.game
        key = (id(g), len(g.actions), g.phase, g.round, tuple(host.modes.values()))
        if getattr(self, "_net_key", key) != key and self.app.top is self:
            self.rebuild()
        self._net_key = key

    def _policy_words(self, policy: str) -> str:
        """An AI seat's policy: in Japanese its persona and difficulty in words (「シナリオ既定・ふつう」);
        in English the policy's name as the setup screen's list gives it."""
        if self.app.lang != "ja":
            return policy
        from .workshop_setup import persona_text

        if policy in ("easy", "normal", "hard"):  # the scenario's persona: its difficulty says enough
            return self.t(f"difficulty.{policy}")
        return persona_text(policy, self.app.lang, self.t)

    def _row_y(self, i: int) -> float:
        n = len(self.ws.game.seats)
        return 96 + i * min(44, 520 / max(1, n))

    # ------------------------------------------------------------ actions

    def _done(self) -> None:
        if self.app.top is self:
            self.rebuild()

    def toggle_pause(self) -> None:
        ws = self.ws
        if ws.timer.running:
            self.app.act(ws.pause, self.t("ws.status.paused"))
        else:
            self.app.act(ws.resume, self.t("ws.status.running"))
        self._done()

    def continue_results(self) -> None:
        over = self.ws.game.is_over
        self.app.act(self.ws.continue_after_results, self.t("ws.status.continued_over" if over else "ws.status.continued"))
        self._done()

    def extend(self, seconds: float) -> None:
        self.app.act(lambda: self.ws.extend(seconds), self.t("ws.status.extended", n=int(seconds // 60)))
        self._done()

    def skip(self) -> None:
        before = self.ws.game.phase
        self.app.act(self.ws.end_phase, self.t("ws.status.resolved") if before == "orders"
                     else self.t("ws.status.skipped", phase=self.t(f"phase.{before}")))
        self._done()

    def undo(self) -> None:
        if self.app.act(self.ws.undo):
            self.app.status = self.t("ws.status.undone", round=self.ws.game.round)
        self.app.flow.drafts.clear()
        self._done()

    def set_missing(self, v: str) -> None:
        self.ws.missing_rule = v
        self.app.act(lambda: self.ws._log("missing_rule", {"rule": v}))

    def toggle_window(self) -> None:
        self.app.toggle_projector_window()
        self._done()

    def toggle_seeing(self) -> None:
        self.app.all_seeing = not self.app.all_seeing
        self._done()

    def open_inject(self) -> None:
        from .workshop_inject import InjectScene

        self.app.push(InjectScene(self.app))

    def team_answer(self, seat: str, pid: str, accept: bool) -> None:
        g = self.ws.game
        label = self.t("ws.status.team_answer", seat=g.seat_name(seat, self.app.lang),
                       answer=self.t("neg.yes") if accept else self.t("neg.no"))
        self.app.act(lambda: self.ws.answer_for_team(seat, pid, accept), label)
        self.rebuild()

    def open_agreement(self) -> None:
        from .workshop_agreement import AgreementScene

        self.app.push(AgreementScene(self.app))

    def open_override(self) -> None:
        from .workshop_override import OverrideScene

        self.app.push(OverrideScene(self.app))

    def open_debrief(self) -> None:
        from .workshop_debrief import DebriefScene

        self.app.push(DebriefScene(self.app))

    def enter_orders(self, seat: str, by: str) -> None:
        from .handover import HandoverScene
        from .orders import OrdersScene

        a, m = self.app, self.app.match
        assert m is not None  # the console is open only while a workshop runs
        m.by = by
        if by == "team":
            a.push(HandoverScene(a, seat, lambda: OrdersScene(a, seat)))
        else:
            a.push(OrdersScene(a, seat))

    def enter_choice(self, seat: str, option: str) -> None:
        ws = self.ws
        name = ws.game.seat_name(seat, self.app.lang)
        self.app.act(lambda: ws.enter_choice(seat, option, by="facilitator"), self.t("ws.status.choice", seat=name))
        self._done()

    def save_quit(self) -> None:
        """The first press saves and asks to press again (the room's console should not close on a
        stray key); the second closes it.  Any other action in between disarms it."""
        if not self.ws.autosave():
            return  # the console stays open, showing why the save failed: quitting now would lose the session
        if self._quit_armed == len(self.ws.audit):
            self.app.quit = True
            return
        self._quit_armed = len(self.ws.audit)
        self.app.status = self.t("ws.save_quit.confirm")

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, ws = self.app, self.p, self.app.theme, self.ws
        g = ws.game
        lang = a.lang
        # top bar
        if g.is_over:
            head = self.t("ws.over")
        else:
            head = self.t("ws.round_phase", round=g.round, rounds=g.rounds, phase=self.t(f"phase.{g.phase}"))
        p.text(surface, head, (p.s(16), p.s(10)), "heading", bold=True)
        head_ink = p.drawn[-1].ink
        p.text(surface, join_list((self.t("ws.console"), g.rs.scenario.title.get(lang)), lang, " · "), (p.s(16), p.s(42)), "small",
               th.c("muted"))
        if not g.is_over:
            warn = ws.warning()
            col = th.c("warning") if warn else th.c("text")
            p.text(surface, clock_text(ws.remaining()), (p.s(644), p.s(34)), "title", col, anchor="midright",
                   bold=True)
            clock = p.drawn[-1].ink
            mark = None
            if not ws.timer.running:
                mark = ("■ " + self.t("ws.paused"), th.c("accent"))
            elif warn:
                mark = ("▲ " + self.t("ws.warning.short"), th.c("warning"))
            if mark is not None:  # between the heading and the clock, or under the clock when it cannot fit
                room = clock.left - p.s(10) - (head_ink.right + p.s(10))
                size = next((z for z in ("body", "small") if p.font(z, True).size(mark[0])[0] <= room), None)
                if size is not None:
                    w = p.font(size, True).size(mark[0])[0]
                    x = min(clock.left - p.s(10), max(p.s(520), head_ink.right + p.s(10) + w))
                    p.text(surface, mark[0], (x, p.s(34)), size, mark[1], anchor="midright", bold=True)
                else:
                    p.text(surface, mark[0], (clock.right, clock.bottom), "tiny", mark[1], anchor="topright",
                           bold=True)
        rows = self._seats(surface)
        self._right(surface)
        # status and autosave path
        if a.status:
            p.wrap(surface, a.status, self.R(16, 636, 1040, 24), "small",
                   th.c("warning") if a.status.startswith("×") else th.c("accent"), max_lines=1)
        path = str(ws.autosave_path) if ws.autosave_path else self.t("ws.no_autosave")
        if ws.save_problem is not None:  # e.g. a full disk: say so, the session goes on from memory
            reason = os_error(ws.save_problem) if isinstance(ws.save_problem, OSError) else str(ws.save_problem)
            p.wrap(surface, "× " + self.t("ws.autosave_failed", path=path, reason=reason), self.R(16, 664, 1040, 48),
                   "small", th.c("warning"), max_lines=2)
        else:
            p.wrap(surface, self.t("ws.autosave", path=path), self.R(16, 664, 1040, 48), "small", th.c("muted"),
                   max_lines=2)
        seat = self.hovered_seat(rows)
        if seat is not None and self.hover is not None:  # a seat's figures, for questions from the room
            draw_tip(a, surface, self.hover, seat_lines(a, seat, g.view_for(None), g) + self._device_lines(seat),
                     rows[seat])

    def _served(self) -> TableHost | None:
        """The table host of team devices (``workshop --serve``), else None."""
        return getattr(self.app, "table_host", None)

    def _status(self, seat: str) -> dict | None:
        """A team device's seat status while serving (connected sockets, submitted, last seen), else None."""
        host = self._served()
        if host is None or host.mode(seat) != "remote":
            return None
        return host.seat_status(seat)

    def _now(self) -> float:
        host = self._served()
        return host.wall() if host is not None else 0.0

    def _device(self, seat: str) -> tuple[str, str] | None:
        """The seat row's connection badge: ● and how long since the device was last heard from
        (connected), ○ and the same (not connected), or ○ never; with its colour."""
        from game.net.messages import ago
        from game.net.messages import t as net_t

        st = self._status(seat)
        if st is None:
            return None
        seen = st["last_seen"]
        if seen is None:
            return "○ " + net_t("admin.never", self.app.lang), "warning"
        age = ago(self._now() - seen, self.app.lang)
        if st["connected"]:
            return "● " + age, "text"
        return "○ " + age, "warning" if not st["submitted"] else "muted"

    def _device_lines(self, seat: str) -> list[str]:
        """The hover card's lines about a seat's team device: connection, orders, last seen."""
        from game.net.messages import t as net_t

        st = self._status(seat)
        if st is None:
            return []
        lang = self.app.lang
        conn = net_t("console.connected", lang, n=st["connected"]) if st["connected"] else net_t("console.offline", lang)
        seen = (net_t("admin.ago", lang, n=max(0, int(self._now() - st["last_seen"])))
                if st["last_seen"] else net_t("admin.never", lang))
        sub = net_t("admin.in", lang) if st["submitted"] else net_t("admin.waiting", lang)
        return [net_t("console.device_line", lang, conn=conn, orders=sub, seen=seen)]

    def hovered_seat(self, rows: dict[str, pygame.Rect]) -> str | None:
        if self.hover is None:
            return None
        return next((s for s, r in rows.items() if r.collidepoint(self.hover)), None)

    def _seats(self, surface: pygame.Surface) -> dict[str, pygame.Rect]:
        """Draw the seat table; returns each row's area left of its buttons (for hover)."""
        a, p, th, ws = self.app, self.p, self.app.theme, self.ws
        g = ws.game
        lang = a.lang
        p.text(surface, self.t("setup.seats"), (p.s(16), p.s(70)), "small", th.c("muted"), bold=True)
        if g.phase == "orders" and not g.is_over:
            p.text(surface, self.t("ws.orders.col"), (p.s(328), p.s(70)), "small", th.c("muted"), bold=True)
        if getattr(a, "table_host", None) is not None:
            from game.net.messages import t as net_t

            p.text(surface, net_t("console.device_col", lang), (p.s(246), p.s(70)), "small", th.c("muted"), bold=True)
        sub = g.submitted()
        seeing = a.all_seeing
        objectives = g.state.objectives
        rows: dict[str, pygame.Rect] = {}
        for i, s in enumerate(g.seats):
            y = self._row_y(i)
            r = self.R(10, y, 640, min(42, 520 / len(g.seats) - 2))
            rows[s] = self.R(10, y, 460, min(42, 520 / len(g.seats) - 2))
            p.panel(surface, r, radius=5)
            d = g.rs.seat_defs[s]
            ty = 11 if seeing else 14
            icon(surface, d.icon, (r.left + p.s(16), r.top + p.s(ty)), p.s(7), seat_rgb(d.colour))
            p.text(surface, g.seat_name(s, lang), (r.left + p.s(30), r.top + p.s(ty)), "small", anchor="midleft",
                   bold=True)
            who = ws.teams.get(s) or self.t("ws.ai_seat", persona=self._policy_words(ws.ai_seats.get(s, "random")))
            device = self._device(s)
            p.text(surface, who, (r.left + p.s(168), r.top + p.s(ty)), "small",
                   th.c("text") if s in ws.teams else th.c("muted"), anchor="midleft",
                   max_w=p.s(64) if device is not None else p.s(128))
            if device is not None:  # workshop --serve: the team device's connection, at a glance
                text, colour = device
                p.text(surface, text, (r.left + p.s(236), r.top + p.s(ty)), "small", th.c(colour), anchor="midleft",
                       max_w=p.s(62))
            ch = g.choice() if not g.is_over else None
            if ch is not None and s in ch["seats"]:
                if s in ch["answers"]:
                    st, c = "✓ " + self.t("ws.choice.in"), th.c("text")
                elif s in ws.ai_seats:
                    st, c = "◇ " + self.t("ws.choice.ai"), th.c("muted")
                else:
                    st, c = "… " + self.t("ws.choice.waiting"), th.c("warning")
                p.text(surface, st, (r.left + p.s(300), r.top + p.s(ty)), "small", c, anchor="midleft",
                       max_w=p.s(86))  # clear of the choice box at 400
            if g.phase == "orders" and not g.is_over:
                if sub.get(s):
                    st, c = "✓ " + self.t("ws.orders.in"), th.c("text")
                elif s in ws.ai_seats:
                    st, c = "◇ " + self.t("ws.orders.ai"), th.c("muted")
                else:
                    st, c = "… " + self.t("ws.orders.waiting"), th.c("warning")
                p.text(surface, st, (r.left + p.s(318), r.top + p.s(ty)), "small", c, anchor="midleft")
            if seeing:
                bits = []
                oid = objectives.get(s)
                if oid and oid in g.rs.objectives:
                    bits.append(self.t("ws.objective", title=g.rs.objectives[oid].title.get(lang)))
                pending = g.state.pending.get(s)
                if pending:
                    bits.append(self.t("ws.pending", orders=join_list((
                        describe(a, Order.parse(o) if isinstance(o, str) else o) for o in pending), lang, "; ")))
                if bits:
                    line = join_list(bits, lang, " · ")
                    maxw = (p.s(468) if g.phase == "orders" and not g.is_over else r.right) - r.left - p.s(36)
                    f = p.font("tiny")
                    while f.size(line)[0] > maxw and len(line) > 4:
                        line = line[:-2]
                    if line != join_list(bits, lang, " · "):
                        line = line.rstrip() + "…"
                    p.text(surface, line, (r.left + p.s(30), r.top + p.s(21)), "tiny", th.c("accent"))
        if g.phase == "orders" and not g.is_over:
            miss = [g.seat_name(s, lang) for s in ws.missing() if s in ws.teams]
            rule = self.t("ws.missing.hold") if ws.missing_rule == "hold" else self.t("ws.missing.ai")
            text = self.t("ws.missing.now", seats=join_list(miss, lang), rule=rule) if miss else self.t("ws.missing.none")
            box = self.R(16, 612, 640, 22)  # one line under the seats: smaller text before "…"
            size = "small" if p.font("small").size(text)[0] <= box.width else "tiny"
            box.height = max(box.height, p.font(size).get_linesize())
            p.wrap(surface, text, box, size, th.c("muted"), max_lines=1)
        return rows

    def _right(self, surface: pygame.Surface) -> None:
        p, th, ws = self.p, self.app.theme, self.ws
        g = ws.game
        v = g.view_for(None)
        res = results_for(self)
        if res is not None:  # the year's results, until the facilitator continues
            r = self.R(660, 256, 606, 372)  # over the indices, agreements and audit panels
            p.panel(surface, r, edge="security")
            hint = pygame.Rect(r.left + p.s(12), r.bottom - p.s(44), p.s(380), p.s(40))
            box = r.inflate(-p.s(24), -p.s(16))
            choices = (("heading", "small", "small"), ("heading", "small", "tiny"), ("body", "tiny", "tiny"))
            sizes = choices[-1]
            scratch = pygame.Surface(surface.get_size())
            for option in choices:  # the largest sizes whose text ends above the hint (many incidents: smaller)
                n, m = len(p.drawn), len(p.rendered)
                end = draw_results(self, scratch, box, res, option)
                del p.drawn[n:], p.rendered[m:]
                if end <= hint.top:
                    sizes = option
                    break
            draw_results(self, surface, box, res, sizes)
            p.wrap(surface, self.t("ws.results.hint"), hint, "tiny", th.c("accent"), max_lines=2)
        else:
            self._indices_and_agreements(surface, v)
            self._audit(surface)

    def _indices_and_agreements(self, surface: pygame.Surface, v: dict) -> None:
        a, p, th, ws = self.app, self.p, self.app.theme, self.ws
        g = ws.game
        lang = a.lang
        r = self.R(660, 256, 606, 84)
        p.panel(surface, r)
        p.text(surface, self.t("ws.indices", asi=v["alliance_security"], aci=v["alliance_competitiveness"]),
               (r.left + p.s(12), r.top + p.s(8)), "body", bold=True)
        card = g.rs.events.get(g.event) if g.event else None
        ev = card.title.get(lang) if card else self.t("table.no_event")
        nxt = {k: c for k, c in ws.schedule.items() if k > g.round or (k == g.round and g.phase == "event")}
        p.text(surface, self.t("ws.event_now", event=ev), (r.left + p.s(12), r.top + p.s(36)), "small")
        if nxt:
            sch = join_list((join_list((str(k), g.rs.events[c].title.get(lang)), lang, ": ")
                             for k, c in sorted(nxt.items())), lang)
            p.wrap(surface, self.t("ws.scheduled", cards=sch), pygame.Rect(r.left + p.s(12), r.top + p.s(58),
                   r.width - p.s(24), max(p.s(20), p.font("tiny").get_linesize())), "tiny", th.c("muted"), max_lines=1)
        r = self.R(660, 346, 606, 120)
        p.panel(surface, r)
        p.text(surface, self.t("ws.agreements"), (r.left + p.s(12), r.top + p.s(6)), "small", bold=True)
        y = r.top + p.s(30)
        ags = g.agreements()
        waiting = ws.waiting_for_teams() if g.phase == "negotiation" else []
        room = 4 - min(2, len(waiting))
        if not ags:
            p.text(surface, self.t("ws.agreements.none"), (r.left + p.s(12), y), "small", th.c("muted"))
            y += p.s(20) if waiting else 0
        for prop in waiting[:2]:  # what the AI seats propose to teams, with its terms
            terms = join_list((self.t("neg.term", seat=g.seat_name(x["seat"], lang),
                                     term=g.rs.terms[x["term"]].name.get(lang), amount=x["amount"])
                              for x in prop["terms"] if x["term"] in g.rs.terms and x["seat"] in prop["teams"]), lang, "; ")
            line = self.t("ws.waiting.line", proposer=g.seat_name(prop["proposer"], lang),
                          kind=g.rs.agreements[prop["kind"]].name.get(lang),
                          teams=join_list((g.seat_name(m, lang) for m in prop["teams"]), lang), terms=terms or "—")
            p.wrap(surface, line, pygame.Rect(r.left + p.s(12), y, r.width - p.s(24), max(p.s(20), p.font("tiny").get_linesize())), "tiny",
                   th.c("warning"), max_lines=1)
            y += p.s(20)
        for ag in ags[:room]:
            line = agreement_line(self.t, g, ag, lang)
            p.wrap(surface, line, pygame.Rect(r.left + p.s(12), y, r.width - p.s(24), max(p.s(20), p.font("tiny").get_linesize())), "tiny", max_lines=1)
            y += p.s(20)
        if len(ags) > room:
            p.text(surface, self.t("ws.more", n=len(ags) - room), (r.left + p.s(12), y), "tiny", th.c("muted"))

    def _audit(self, surface: pygame.Surface) -> None:
        p, th, ws = self.p, self.app.theme, self.ws
        r = self.R(660, 472, 606, 156)
        p.panel(surface, r)
        p.text(surface, self.t("ws.audit"), (r.left + p.s(12), r.top + p.s(6)), "small", bold=True)
        y = r.top + p.s(30)
        for e in ws.audit[-6:][::-1]:
            phase = self.t('phase.' + e.phase) if e.phase in ('event', 'negotiation', 'orders', 'over') else e.phase
            p.wrap(surface, self.t("ws.audit.line", round=e.round, phase=phase, text=_audit_text(self, e)), pygame.Rect(r.left + p.s(12), y, r.width - p.s(24), max(p.s(20), p.font("tiny").get_linesize())), "tiny",
                   th.c("muted"), max_lines=1)
            y += p.s(20)


def _audit_text(scene, e) -> str:
    g, lang = scene.ws.game, scene.app.lang
    d = e.detail

    def seat(x: str) -> str:
        return g.seat_name(x, lang) if x in g.rs.seat_defs else x

    if e.action == "orders":
        # only who and how many: the orders themselves stay secret on the console too
        by = scene.t("ws.by.facilitator") if d.get("by") == "facilitator" else scene.t("ws.by.team")
        return scene.t("ws.audit.orders", seat=seat(d["seat"]), by=by, n=d.get("count", 0))
    if e.action == "choice":
        by = scene.t(f"ws.by.{d.get('by', 'team')}")
        option = option_label(g.rs, str(d.get("event") or ""), str(d.get("option", "")), lang)
        return scene.t("ws.audit.choice", seat=seat(d.get("seat", "")), by=by, option=option)
    if e.action == "override":
        what = override_words(g.rs, d["target"], d["quantity"], d["delta"], lang)
        return scene.t("ws.audit.override", what=what, reason=d["reason"])
    if e.action == "record_agreement":
        kind = g.rs.agreements[d["kind"]].name.get(lang) if d["kind"] in g.rs.agreements else d["kind"]
        return scene.t("ws.audit.agreement", kind=kind, members=join_list((seat(m) for m in d["members"]), lang),
                       status=scene.t(f"status.{d['status']}"))
    if e.action in ("choose_inject", "schedule_inject", "draw_inject"):
        card = d.get("card")
        title = g.rs.events[card].title.get(lang) if card in g.rs.events else "—"
        return scene.t("ws.audit.inject", card=title, round=d.get("round", e.round))
    if e.action == "ai_negotiation":
        return scene.t("ws.audit.ai_negotiation", n=len(d.get("proposals", [])), answers=d.get("answers", 0))
    if e.action == "team_answer":
        return scene.t("ws.audit.team_answer", seat=seat(d["seat"]), proposal=d["proposal"],
                       answer=scene.t("neg.yes") if d["accept"] else scene.t("neg.no"),
                       status=scene.t(f"status.{d['status']}"))
    if e.action == "remote_propose":
        kind = g.rs.agreements[d["kind"]].name.get(lang) if d.get("kind") in g.rs.agreements else str(d.get("kind"))
        return scene.t("ws.audit.remote_propose", seat=seat(d["seat"]), kind=kind,
                       members=join_list((seat(m) for m in d.get("members", [])), lang))
    if e.action == "remote_answer":
        return scene.t("ws.audit.remote_answer", seat=seat(d["seat"]), proposal=d["proposal"],
                       answer=scene.t("neg.yes") if d["accept"] else scene.t("neg.no"))
    if e.action == "extend":
        return scene.t("ws.audit.extend", n=int(d["seconds"] // 60))
    if e.action == "end_phase":
        return scene.t("ws.audit.end_phase", to=scene.t(f"phase.{d['to']}"))
    if e.action in ("pause", "resume", "timeout", "undo", "resume_session", "missing_rule", "unlock_secrets",
                    "continue"):
        return scene.t(f"ws.audit.{e.action}")
    return e.action
