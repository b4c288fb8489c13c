"""The round's flow at the table: what "Continue" does next, hot-seat turns and AI turns.

Holds per-round UI memory (order drafts, AI answers with reasons); reads and
changes the game only through the `Match`.
"""

from __future__ import annotations


from game.engine import Order, RoundReport
from game.session.match import AiAnswer, AiProposal, Match

from .host import SceneHost


class Flow:
    def __init__(self, app: SceneHost, match: Match) -> None:
        self.app = app
        self.match = match
        self.round = -1
        g = match.game
        # the indices before the first year resolves, for the table's line on it
        self.start_indices: tuple[float, float] | None = None if g.state.history else (g.state.asi, g.state.aci)
        self._new_round()

    def _new_round(self) -> None:
        g = self.match.game
        if self.round != g.round:
            self.round = g.round
            self.negotiated: set[str] = set()
            self.shown: dict[str, set[str]] = {}  # human -> proposal ids its negotiation sheet has shown
            self.drafts: dict[str, list[Order]] = {}
            self.ai_answers: dict[str, list[AiAnswer]] = {}
            self.ai_proposals: dict[str, AiProposal] = {}  # proposal id -> what an AI seat tabled, and why
            self.last_report: RoundReport | None = None

    # ------------------------------------------------------------ status

    def next_step(self) -> str:
        """A catalog key naming what Continue does now."""
        g = self.match.game
        self._new_round()
        if g.is_over:
            return "flow.end"
        if self.app.worker.busy:
            return "flow.ai_thinking"
        if g.phase == "event":
            return "flow.choose" if self.match.choosing() else "flow.to_negotiation"
        if g.phase == "negotiation":
            return "flow.negotiate" if self._to_negotiate() else "flow.to_orders"
        if self.match.waiting_for():
            return "flow.give_orders"
        return "flow.resolve"

    def next_seat(self) -> str | None:
        g = self.match.game
        if g.phase == "event":
            c = self.match.choosing()
            return c[0] if c else None
        if g.phase == "negotiation":
            waiting = self._to_negotiate()
            return waiting[0] if waiting else None
        if g.phase == "orders":
            w = self.match.waiting_for()
            return w[0] if w else None
        return None

    def _to_negotiate(self) -> list[str]:
        """Humans still to negotiate: those who have not had their turn, and those who have a
        proposal from a later human that their sheet has not yet shown them (one more turn each)."""
        g = self.match.game
        out = []
        for h in self.match.humans:
            if h not in self.negotiated:
                out.append(h)
                continue
            unseen = [p["id"] for p in g.proposals(h) if h not in p["answers"]
                      and p["id"] not in self.shown.get(h, set())]
            if unseen:
                out.append(h)
        return out

    def mark_shown(self, seat: str) -> None:
        """The negotiation sheet of ``seat`` is open: every open proposal to it has been shown."""
        self.shown.setdefault(seat, set()).update(p["id"] for p in self.match.game.proposals(seat))

    # ------------------------------------------------------------ acting

    def proceed(self) -> None:
        from .scenes.end import EndScene
        from .scenes.event_choice import EventChoiceScene
        from .scenes.negotiation import NegotiationScene
        from .scenes.orders import OrdersScene
        from .scenes.resolution import ResolutionScene

        g = self.match.game
        self._new_round()
        step = self.next_step()
        if step == "flow.end":
            self.app.push(EndScene(self.app))
        elif step == "flow.choose":
            self.open_for(self.next_seat(), EventChoiceScene)  # type: ignore[arg-type]
        elif step == "flow.to_negotiation":
            if self.match.ai_choosing():  # the computer seats answer the card first, then the card applies
                self.start_ai_choices()
                return
            self.match.advance()
            self.start_ai_negotiation()
        elif step == "flow.negotiate":
            seat = self.next_seat()
            self.mark_shown(seat)  # type: ignore[arg-type]
            self.open_for(seat, NegotiationScene)  # type: ignore[arg-type]
        elif step == "flow.to_orders":
            self.match.advance()
            self.start_ai_orders()
        elif step == "flow.give_orders":
            self.open_for(self.next_seat(), OrdersScene)  # type: ignore[arg-type]
        elif step == "flow.resolve":
            if any(not g.submitted()[s] for s in self.match.ai_seats):
                self.start_ai_orders()
                return
            self.last_report = report = self.match.resolve()
            self.app.push(ResolutionScene(self.app, report))

    def open_for(self, seat: str, scene_cls) -> None:
        from .scenes.handover import HandoverScene

        if len(self.match.humans) > 1:
            self.app.push(HandoverScene(self.app, seat, lambda: scene_cls(self.app, seat)))
        else:
            self.app.push(scene_cls(self.app, seat))

    def start_ai_orders(self) -> None:
        if not self.match.ai_seats or self.app.worker.busy:
            return
        clone = self.match.game.clone(record=False)
        self.app.worker.start(lambda: self.match.plan_ai_orders(clone), self.match.apply_ai_orders,
                              label="ai.orders")

    def start_ai_negotiation(self) -> None:
        """AI seats table their proposals (to humans too) and answer each other's, off the frame loop."""
        if not self.match.ai_seats or self.app.worker.busy:
            return
        clone = self.match.game.clone(record=False)

        def done(plan) -> None:
            for pid, prop, answers in self.match.apply_ai_negotiation(plan):
                self.ai_proposals[pid] = prop
                self.ai_answers[pid] = list(answers)

        self.app.worker.start(lambda: self.match.plan_ai_negotiation(clone), done, label="ai.negotiation")

    def start_ai_choices(self) -> None:
        if self.app.worker.busy:
            return
        clone = self.match.game.clone(record=False)

        def done(plan: dict) -> None:
            self.match.apply_ai_choices(plan)
            if self.match.game.phase == "event" and not self.match.choosing() and not self.match.ai_choosing():
                self.match.advance()
                self.start_ai_negotiation()  # as when no computer seat had a choice to make

        self.app.worker.start(lambda: self.match.plan_ai_choices(clone), done, label="ai.choices")

    def ask_ai(self, pid: str) -> None:
        """AI members answer proposal ``pid`` off the frame loop."""
        if self.app.worker.busy:
            self.app.worker.wait()
        clone = self.match.game.clone(record=False)

        def done(answers: list[AiAnswer]) -> None:
            self.ai_answers[pid] = list(answers)
            self.match.apply_ai_answers(pid, answers)

        self.app.worker.start(lambda: self.match.plan_ai_answers(clone, pid), done, label="ai.answers")
