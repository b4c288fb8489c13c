"""Negotiation for one seat: propose agreements, see each AI's answer and reason, answer others."""

from __future__ import annotations

from functools import partial

from game.i18n import join_list
import pygame

from game.engine import IllegalOrder

from ..brief import draw_brief, lasts_the_game
from ..draw import icon
from ..orderdesc import refusal
from ..theme import seat_rgb
from .base import PlayScene

MAX_SHOWN = 3
CARD_H = 150  # a proposal's card: heading, proposer, terms and the proposer's reason, members


class NegotiationScene(PlayScene):
    name = "negotiation"

    def __init__(self, app, seat: str) -> None:
        super().__init__(app)
        self.seat = seat
        g = app.match.game
        self.kinds = g.agreement_kinds(seat) or list(g.rs.agreements)  # only kinds this seat may join
        self.kind = self.kinds[0]
        self.members: set[str] = set()
        self.message = ""
        self._list_top = app.painter.s(120)  # where the list of proposals starts (set as it is drawn)

    @property
    def g(self):
        return self.match.game

    def _worker_state(self) -> tuple[bool, int]:
        return self.app.worker.busy, self.app.worker.finished

    def build(self) -> None:
        a, g = self.app, self.g
        self._built_with = self._worker_state()  # Propose and Done depend on it
        opts = [(g.rs.agreements[k].name.get(a.lang), k) for k in self.kinds]
        self.ui.choice("kind", self.R(30, 120, 520, 44), opts, self.kinds.index(self.kind), self._kind,
                       key=pygame.K_k, tip=self.t("neg.kind.tip"), prefix=self.t("neg.kind") + ": ")
        others = g.agreement_partners(self.seat, self.kind)  # only seats the kind admits (nations, firms)
        for i, s in enumerate(others):
            on = s in self.members
            self.ui.button(f"member_{s}", self.R(30 + (i % 3) * 175, 300 + (i // 3) * 42, 168, 36),
                           ("✓ " if on else "") + g.seat_name(s, a.lang), partial(self._toggle, s),
                           key=pygame.K_1 + i if i < 9 else None, tip=self.t("neg.member.tip"),
                           style="selected" if on else None)
        self.ui.button("propose", self.R(30, 480, 250, 46), self.t("neg.propose"), self.propose, key=pygame.K_p,
                       tip=self.t("neg.propose.tip"), style="primary", enabled=bool(self.members) and not a.worker.busy)
        first = True
        for prop, card in self._cards():
            y = card.top / self.p.u
            if self._mine_to_answer(prop):
                pid = prop["id"]
                self.ui.button(f"accept_{pid}", self.R(1030, y + 8, 110, 34), self.t("neg.accept"),
                               partial(self.reply, pid, True), key=pygame.K_a if first else None,
                               tip=self.t("neg.accept.tip"), style="primary")
                self.ui.button(f"decline_{pid}", self.R(1150, y + 8, 110, 34), self.t("neg.decline"),
                               partial(self.reply, pid, False), key=pygame.K_d if first else None,
                               tip=self.t("neg.decline.tip"), style="danger")
                first = False
        self.ui.button("done", self.R(1060, 664, 200, 48), self.t("neg.done"), self.done, key=pygame.K_RETURN,
                       tip=self.t("neg.done.tip"), style="primary", enabled=not a.worker.busy)
        if not a.worker.busy:
            self.ui.keys[(pygame.K_SPACE, 0)] = self.done  # as the help says: Space or Enter
        from .help import HelpScene

        self.ui.button("help", self.R(1110, 24, 150, 36), self.t("table.help"),
                       lambda: self.app.push(HelpScene(self.app, page=0)), key=pygame.K_F1,
                       tip=self.t("table.help.tip"))

    def _proposals(self) -> list[dict]:
        return self.g.view_for(self.seat)["proposals"]

    def _mine_to_answer(self, prop: dict) -> bool:
        return (prop["status"] == "open" and self.seat in prop["members"] and self.seat != prop["proposer"]
                and self.seat not in prop["answers"])

    def _shown(self) -> list[dict]:
        """The proposals on the sheet: those waiting for this seat's answer first, then the latest."""
        props = self._proposals()
        waiting = [p for p in props if self._mine_to_answer(p)]
        rest = [p for p in props if not self._mine_to_answer(p)]
        return (waiting + rest[::-1])[:MAX_SHOWN]

    def _kind(self, k: str) -> None:
        self.kind = k
        self.members &= set(self.g.agreement_partners(self.seat, k))  # drop partners the new kind does not admit
        self.rebuild()

    def _toggle(self, s: str) -> None:
        self.members ^= {s}
        self.rebuild()

    def propose(self) -> None:
        if not self.members or self.app.worker.busy:
            return
        try:
            pid = self.match.propose(self.seat, self.kind, [self.seat, *sorted(self.members)])
        except IllegalOrder as exc:
            self.message = refusal(self.app, exc)
            return
        self.message = ""
        self.members = set()
        self.flow.ask_ai(pid)
        self.rebuild()

    def reply(self, pid: str, accept: bool) -> None:
        try:
            self.match.answer(self.seat, pid, accept)
        except IllegalOrder as exc:
            self.message = refusal(self.app, exc)
        self.rebuild()

    def done(self) -> None:
        self.flow.negotiated.add(self.seat)
        self.app.pop()

    def update(self, dt: float) -> None:
        super().update(dt)
        # The answers may come in before this screen ever sees the worker busy (a quick AI
        # finishes within the frame that asked it): compare with what the buttons were built for.
        if self._worker_state() != self._built_with:
            self.rebuild()

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        a, p, th, g = self.app, self.p, self.app.theme, self.g
        name = g.seat_name(self.seat, a.lang)
        below = self.header(surface, self.t("neg.title", seat=name), self.t("neg.sub", round=g.round))
        d = g.rs.agreements[self.kind]
        box = self.R(30, 172, 520, 78)  # the kind's help, whole: a smaller size when large text would cut it
        size = "small" if len(p.wrap_lines(d.help.get(a.lang), box.width, "small")) * p.font("small").get_linesize() \
            <= box.height else "tiny"
        p.wrap(surface, d.help.get(a.lang), box, size, th.c("muted"), max_lines=4)
        p.text(surface, self.t("neg.terms", cost=d.cost, duration=d.duration), (p.s(30), p.s(250)), "small")
        p.text(surface, self.t("neg.with"), (p.s(30), p.s(300)), "body", bold=True, anchor="bottomleft")  # above the buttons
        if self.message:
            p.wrap(surface, "× " + self.message, self.R(30, 540, 540, 80), "body", th.c("warning"))
        if a.worker.busy:
            p.text(surface, self.t("neg.waiting") + "." * (1 + int(self.age * 3) % 3), (p.s(300), p.s(503)), "body",
                   th.c("accent"), anchor="midleft")
        head = p.text(surface, self.t("neg.proposals"), (p.s(600), max(p.s(90), below)), "heading", bold=True)
        top = max(p.s(120), head.bottom + p.s(2))  # the list starts below it, clear of its descenders
        if top != self._list_top:  # the cards' buttons line up with the cards
            self._list_top = top
            a.defer(self.rebuild)
        cards = self._cards()
        if not cards:
            p.text(surface, self.t("neg.none"), (p.s(600), top + p.s(5)), "body", th.c("muted"))
        for prop, card in cards:
            self._proposal(surface, prop, card)
        brief_top = cards[-1][1].bottom + p.s(6) if cards else top + p.s(40)
        hidden = self._hidden(cards)
        if hidden:  # what did not fit is named in a line, never dropped without a word
            brief_top = p.wrap(surface, hidden, pygame.Rect(p.s(600), brief_top, p.s(670), 2 * p.font("tiny").get_linesize()),
                               "tiny", th.c("muted"), max_lines=2) + p.s(4)
        # the seat's brief (the tutorial's step, the objective, agreements, tiers, access) below the cards
        done_top = self.ui.buttons["done"].rect.top if "done" in self.ui.buttons else p.s(664)
        if done_top - p.s(8) - brief_top >= p.s(60):
            draw_brief(a, surface, pygame.Rect(p.s(600), brief_top, p.s(670), done_top - p.s(8) - brief_top), self.seat)
        ags = [ag for ag in g.agreements() if self.seat in ag["members"]]
        txt = join_list((self.t("neg.in_force.item.game" if lasts_the_game(g, ag) else "neg.in_force.item", name=g.rs.agreements[ag['kind']].name.get(a.lang), end=ag['end_round'],
                                members=join_list((g.seat_name(m, a.lang) for m in ag["members"] if m != self.seat), a.lang))
                         for ag in ags), a.lang, "; ")
        p.wrap(surface, self.t("neg.in_force", list=txt or "—"), self.R(30, 600, 540, 60), "small", th.c("muted"))

    def _hidden(self, cards: list[tuple[dict, pygame.Rect]]) -> str:
        """This year's proposals without a card (no room for them), each with its fate, in one line."""
        a, g = self.app, self.g
        shown = {prop["id"] for prop, _r in cards}
        rest = [prop for prop in self._proposals() if prop["id"] not in shown]
        if not rest:
            return ""
        items = join_list((self.t("neg.hidden.item", kind=g.rs.agreements[prop["kind"]].name.get(a.lang),
                                  seat=g.seat_name(prop["proposer"], a.lang), status=self.t(f"status.{prop['status']}"))
                           for prop in rest[::-1]), a.lang, "; ")
        return self.t("neg.hidden", n=len(rest), list=items)

    def _why(self, prop: dict) -> tuple[str, str] | None:
        """Why a proposal failed (the first decline's reason) or why an AI seat makes it."""
        a = self.app
        offer = self.flow.ai_proposals.get(prop["id"])
        no = next((x for x in self.flow.ai_answers.get(prop["id"], []) if not x.accept and x.text), None)
        if no is not None and no.text is not None:
            return "× " + no.text[a.lang], "warning"
        if offer is not None:
            return offer.text[a.lang], "muted"
        return None

    def _member_lines(self, prop: dict, width: int) -> list[tuple[str, list[str]]]:
        """Each member but the proposer: its answer and whole reason, wrapped to the card."""
        a, p, g = self.app, self.p, self.g
        said = self.flow.ai_answers.get(prop["id"], [])
        reasons = {x.seat: (x.text[a.lang] if x.text else self.t(x.reason)) for x in said}
        out: list[tuple[str, list[str]]] = []
        for s in [s for s in prop["members"] if s != prop["proposer"]]:
            ans = prop["answers"].get(s)
            if ans is None:  # a decline ended the proposal before this computer seat's answer was counted
                ans = next((x.accept for x in said if x.seat == s), None)
            mark = "✓" if ans is True else ("×" if ans is False else "…")
            word = self.t("neg.yes") if ans is True else (self.t("neg.no") if ans is False else self.t("neg.pending"))
            line = f"{mark} {g.seat_name(s, a.lang)}{'：' if a.lang == 'ja' else ': '}{word}"
            if s in reasons:
                line += " — " + reasons[s]
            out.append((s, p.wrap_lines(line, width - p.s(38), "tiny")))
        return out

    def _card_h(self, prop: dict) -> int:
        """The pixel height of a proposal's card with every line whole."""
        p = self.p
        tiny = p.font("tiny").get_linesize()
        step = max(p.s(17), tiny)
        width = p.s(670)
        y = max(p.s(30), p.font("body", True).get_linesize() + p.s(4)) + tiny  # heading, "proposed by"
        if prop.get("terms"):
            y += tiny
        why = self._why(prop)
        if why is not None:
            y += min(3, len(p.wrap_lines(why[0], width - p.s(20), "tiny"))) * tiny
        first = max(p.s(46), y)
        lines = sum(len(ls) for _s, ls in self._member_lines(prop, width))
        return max(p.s(CARD_H) // 2, first + lines * step + p.s(8))

    def _cards(self) -> list[tuple[dict, pygame.Rect]]:
        """The shown proposals and where their cards go, top down, while they fit above Done."""
        p = self.p
        y, bottom = self._list_top, p.s(656)
        out: list[tuple[dict, pygame.Rect]] = []
        for prop in self._shown():
            h = self._card_h(prop)
            if out and y + h > bottom:
                break
            out.append((prop, pygame.Rect(p.s(600), y, p.s(670), h)))
            y += h + p.s(4)
        return out

    def _proposal(self, surface: pygame.Surface, prop: dict, r: pygame.Rect) -> None:
        a, p, th, g = self.app, self.p, self.app.theme, self.g
        p.panel(surface, r)
        kind = g.rs.agreements[prop["kind"]].name.get(a.lang)
        status = self.t(f"status.{prop['status']}")
        head = p.text(surface, kind, (r.left + p.s(10), r.top + p.s(6)), "body", bold=True)
        by = self.t("neg.by", seat=g.seat_name(prop["proposer"], a.lang))
        by_r = p.text(surface, by, (r.left + p.s(10), max(r.top + p.s(30), head.bottom - p.s(2))), "tiny",
                      th.c("muted"))
        step = max(p.s(17), p.font("tiny").get_linesize())
        below = by_r.bottom
        if prop.get("terms"):  # the conditions the proposal asks, each on its member
            known = [x for x in prop["terms"] if x["term"] in g.rs.terms]
            known.sort(key=lambda x: x["seat"] != self.seat)  # what it asks of this seat first
            terms = join_list((
                self.t("neg.term", seat=g.seat_name(x["seat"], a.lang), term=g.rs.terms[x["term"]].name.get(a.lang),
                       amount=x["amount"]) for x in known[:2]), a.lang, "; ")
            if len(known) > 2:
                terms += " " + self.t("neg.more", n=len(known) - 2)
            below = p.text(surface, self.t("neg.terms_of", terms=terms), (r.left + p.s(10), below), "tiny",
                           th.c("warning"), max_w=r.width - p.s(20)).bottom
        why = self._why(prop)
        if why is not None:  # wrapped, whole: up to three lines, the member lines go below
            box = pygame.Rect(r.left + p.s(10), below, r.width - p.s(20), 3 * p.font("tiny").get_linesize())
            below = p.wrap(surface, why[0], box, "tiny", th.c(why[1]), max_lines=3)
        first = max(r.top + p.s(46), below)  # member lines start below the heading, at any text scale
        if self._mine_to_answer(prop):
            p.text(surface, self.t("neg.for_you"), (r.right - p.s(250), r.top + p.s(24)), "tiny", th.c("accent"),
                   anchor="topright")
        p.text(surface, status, (r.right - p.s(250), r.top + p.s(6)), "small", th.c("accent"), anchor="topright")
        y = first
        for s, lines in self._member_lines(prop, r.width):
            d = g.rs.seat_defs[s] if s else None
            if d is not None:
                icon(surface, d.icon, (r.left + p.s(16), y + p.s(8)), p.s(6), seat_rgb(d.colour))
            for ln in lines:
                p.text(surface, ln, (r.left + p.s(28), y), "tiny", th.c("muted") if d is None else None,
                       max_w=r.width - p.s(38))
                y += step
