"""Demo mode: every seat on AI; visit every scene and phase, save a PNG of each, then quit.

A script written as a generator: each `yield` lets one frame render.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.engine import IllegalOrder
from game.session.match import Match, SeatControl, autosave_path


class Autoplayer:
    def __init__(self, app, scenario: str, seed: int, rounds: int | None) -> None:
        self.app = app
        self.scenario = scenario
        self.seed = seed
        self.rounds = rounds
        self._script = self.script()

    def after_frame(self) -> None:
        try:
            next(self._script)
        except StopIteration:
            self.app.quit = True

    # ------------------------------------------------------------ helpers

    def frames(self, n: int = 2) -> Iterator[None]:
        for _ in range(n):
            yield

    def shot(self, label: str | None = None) -> Iterator[None]:
        yield from self.frames(2)
        a = self.app
        g = a.match.game if a.match else None
        name = label or a.top.name
        if g is not None:
            name += f"_r{g.round}_{g.phase}"
        a.screenshot(name)
        yield

    def idle(self) -> Iterator[None]:
        while self.app.worker.busy:
            yield

    def visit(self, scene, label: str | None = None) -> Iterator[None]:
        self.app.push(scene)
        yield from self.shot(label)
        self.app.pop()
        yield

    # ------------------------------------------------------------ the demo

    def script(self) -> Iterator[None]:
        from .scenes.charts_scene import ChartsScene
        from .scenes.event_choice import EventChoiceScene
        from .scenes.handover import HandoverScene
        from .scenes.help import HelpScene
        from .scenes.menu import MenuScene
        from .scenes.negotiation import NegotiationScene
        from .scenes.orders import OrdersScene
        from .scenes.saveload import SaveLoadScene
        from .scenes.settings_scene import SettingsScene
        from .scenes.setup import SetupScene

        a = self.app
        yield from self.shot("title")
        yield from self.visit(SetupScene(a), "setup")
        yield from self.visit(HelpScene(a), "help")
        yield from self.visit(SettingsScene(a), "settings")
        m = Match.new(self.scenario, self.seed, rounds=self.rounds, autosave=autosave_path())
        m.control = {s: SeatControl(False) for s in m.game.seats}
        m.__post_init__()
        a.start_match(m)
        first = True
        while not m.game.is_over:
            g = m.game
            yield from self.shot("table")                       # event
            ch = g.choice()
            if ch is not None:                                  # the card's choice, as its first seat sees it
                yield from self.visit(EventChoiceScene(a, ch["seats"][0]), "event_choice")
            a.flow.proceed()                                    # the computer seats choose, then → negotiation
            yield from self.idle()
            if g.phase == "event":
                a.flow.proceed()
            yield from self.shot("table")
            seat = g.seats[0]
            neg = NegotiationScene(a, seat)
            a.push(neg)
            self.demo_proposal(seat)
            yield from self.idle()
            neg.rebuild()
            yield from self.shot("negotiation")
            a.pop()
            a.flow.proceed()                                    # → orders, AI thinks in the worker
            yield from self.shot("table_ai_thinking")
            yield from self.idle()
            yield from self.shot("table")
            yield from self.visit(OrdersScene(a, seat), "orders")
            yield from self.visit(HandoverScene(a, g.seats[1], None), "handover")
            if first:
                yield from self.visit(MenuScene(a), "menu")
                yield from self.visit(SaveLoadScene(a, "save"), "save")
                first = False
            a.flow.proceed()                                    # resolve
            yield from self.frames(20)
            yield from self.shot("resolution_animation")
            a.top.skip()
            yield from self.shot("resolution_ledger")
            yield from self.visit(ChartsScene(a), "charts")
            a.top.done()
            yield
        if a.top.name != "end":
            a.flow.proceed()
        yield from self.shot("end")
        a.exit_code = 0

    def demo_proposal(self, seat: str) -> None:
        """The first seat offers every other seat a suitable agreement, so answers show."""
        g = self.app.match.game
        for kind in g.rs.agreements:
            others = [s for s in g.seats if s != seat]
            for members in ([seat, *others], [seat, others[0]]):
                try:
                    pid = self.app.match.propose(seat, kind, members)
                except IllegalOrder:
                    continue
                self.app.flow.ask_ai(pid)
                return
