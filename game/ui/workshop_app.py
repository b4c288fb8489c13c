"""`sumiwake workshop`: a facilitated session on one laptop and a projector.

    sumiwake workshop [--scenario ID] [--seed S] [--rounds N] [--resume FILE]
                      [--lang en|ja] [--size WxH] [--fullscreen]
                      [--autoplay --screenshots DIR]

The facilitator console holds every control; F2 (or Tab) toggles the projector
view, which shows public information only.  The session logic lives in
`game.session.workshop.Workshop`; this module adapts it to the desktop UI.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.engine import Game, Order
from game.i18n import choose_lang
from game.i18n import os_error
from game.i18n_argparse import HelpFormatter, argparse_language
from game.session.workshop import Workshop

from . import messages
from .app import App, scenario_arg
from .settings import LANGS, Settings

if TYPE_CHECKING:
    from .draw import Painter
    from .scenes.workshop_projector import ProjectorScene

CONSOLE = "ws_console"
PROJECTOR = "ws_projector"
SAVE_EVERY = 20.0  # seconds of running clock between autosaves within a phase
KEEP_ON_PHASE_CHANGE = (CONSOLE, PROJECTOR, "ws_debrief", "ws_setup")


class WsMatch:
    """What the shared order and hand-over scenes expect of ``app.match``, over a `Workshop`."""

    def __init__(self, app: "WorkshopApp") -> None:
        self.app = app
        self.by = "team"  # who is typing: "team" (behind the hand-over) or "facilitator" (paper sheet)

    @property
    def game(self) -> Game:
        return self.app.workshop.game

    @property
    def version(self) -> int:
        return len(self.game.actions) + len(self.app.workshop.audit)

    def is_human(self, seat: str) -> bool:
        return seat in self.app.workshop.teams

    def submit(self, seat: str, orders: Sequence[Order]) -> None:
        self.app.workshop.enter_orders(seat, list(orders), by=self.by)


class WsFlow:
    """Order drafts of the round being played (a team can leave and come back)."""

    def __init__(self) -> None:
        self.drafts: dict[str, list[Order]] = {}


class WorkshopApp(App):
    match: WsMatch | None
    flow: WsFlow

    def __init__(self, settings: Settings, scenario: str | None = None, seed: int | None = None,
                 rounds: int | None = None, screenshots: Path | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(settings, scenario=scenario, seed=seed, rounds=rounds, screenshots=screenshots)
        pygame.display.set_caption("Sumiwake — workshop")
        self.clock = clock
        self.ws: Workshop | None = None
        self.match = None
        self.flow = WsFlow()
        self.all_seeing = False
        self.last_result: object = None
        self.status = ""  # the last message shown on the console (files written, refusals)
        self._phase_key: tuple[int, str] | None = None
        self._last_save = clock()
        self.proj_window: pygame.Window | None = None  # the projector's own window, when open
        self.proj_scene: ProjectorScene | None = None
        self.proj_painter: Painter | None = None
        self.serve: dict[str, Any] | None = None  # workshop --serve: where to listen
        self.table_host: Any = None  # the TableHost and ServerThread of team devices, while serving
        self.table_server: Any = None

    # ------------------------------------------------------------ the session

    @property
    def workshop(self) -> Workshop:
        """The session being run (the console and its dialogs are open only while one is)."""
        if self.ws is None:
            raise RuntimeError("no workshop is running")
        return self.ws

    def start_workshop(self, ws: Workshop) -> None:
        from .scenes.workshop_console import ConsoleScene

        self.ws = ws
        self.match = WsMatch(self)
        self.flow = WsFlow()
        self._phase_key = (ws.game.round, ws.game.phase)
        if self.serve is not None and self.table_server is None:
            self.start_serving(ws)
        self.reset(ConsoleScene(self))

    # ------------------------------------------------------------ team devices (workshop --serve)

    def start_serving(self, ws: Workshop) -> None:
        """Host the table for team devices on a background thread; the console keeps the clock."""
        from game.net.messages import t as net_t
        from game.net.server import Access, ServerThread
        from game.net.table import TableHost

        opts = self.serve or {}
        bind, public, hosts = opts.get("bind", "127.0.0.1"), opts.get("public"), set(opts.get("hosts", ()))
        try:
            host = TableHost.attach(ws)
            server = ServerThread(host, bind, int(opts.get("port", 8765)), Access(hosts=hosts or None),
                                  drive_clock=False, public=public).start()
        except OSError as exc:
            self.status = "× " + net_t("console.serve_failed", self.lang, host=bind, port=opts.get("port"),
                                       detail=os_error(exc))
            return
        self.table_host, self.table_server = host, server
        self.status = net_t("console.serving", self.lang, url=server.url)
        print(net_t("console.serving", self.lang, url=server.url), flush=True)

    def open_devices(self) -> None:
        from .scenes.workshop_devices import DevicesScene

        if self.table_host is not None and self.table_server is not None:
            self.push(DevicesScene(self, self.table_host, self.table_server.url))

    def act(self, action: Callable[[], object], label: str = "") -> bool:
        """Run a facilitator action, autosave, and show a refusal instead of crashing.

        True when it went through; its return value is kept in ``last_result``."""
        from game.engine import IllegalOrder

        from .orderdesc import refusal

        try:
            out = action()
        except IllegalOrder as exc:
            self.status = "× " + refusal(self, exc)
            return False
        except ValueError as exc:
            self.status = f"× {exc}"
            return False
        self.last_result = out
        if label:
            self.status = label
        self.workshop.autosave()
        self._check_phase()
        return True

    # ------------------------------------------------------------ a second window for the projector

    def toggle_projector_window(self) -> None:
        """Open (or close) the projector view in a window of its own, on the second display if any."""
        if self.proj_window is not None:
            self.proj_window.destroy()
            self.proj_window = self.proj_scene = None
            self.status = self.t("ws.status.window_closed")
            return
        from .draw import Painter
        from .scenes.workshop_projector import ProjectorScene
        from .theme import Theme

        try:
            sizes = pygame.display.get_desktop_sizes()
            second = len(sizes) > 1
            size = sizes[1] if second else self.size
            kw: dict[str, Any] = {"position": (0x2FFF0000 | 1, 0x2FFF0000 | 1)} if second else {}
            win = pygame.Window("Sumiwake — projector", size, **kw)
            if second:
                win.set_fullscreen(desktop=True)
        except (pygame.error, AttributeError, TypeError) as exc:
            self.status = self.t("ws.status.no_window", error=str(exc))
            return
        self.proj_window = win
        w, h = win.size
        unit = min(w / 1280, h / 720)
        self.proj_painter = Painter(Theme.load(self.settings.ui_scale), unit)
        self.proj_scene = ProjectorScene(self, painter=self.proj_painter)
        self.status = self.t("ws.status.window_open")

    def projector_texts(self) -> list[str]:
        """Every string the projector window showed in the last frame (for tests)."""
        painter = self.proj_painter
        return list(painter.rendered) if self.proj_window is not None and painter is not None else []

    def _draw_projector_window(self, dt: float) -> None:
        win, painter, scene = self.proj_window, self.proj_painter, self.proj_scene
        if win is None or painter is None or scene is None or self.ws is None:
            return
        painter.begin_frame()
        scene.age += dt
        surf = win.get_surface()
        scene.draw(surf)
        win.flip()

    def toggle_projector(self) -> None:
        from .scenes.workshop_projector import ProjectorScene

        if self.top is not None and self.top.name == PROJECTOR:
            self.pop()
        else:
            self.push(ProjectorScene(self))

    def _check_phase(self) -> None:
        """After a phase ends (skip, time-out, undo), close dialogs that belonged to the old phase."""
        ws = self.ws
        if ws is None:
            return
        key = (ws.game.round, ws.game.phase)
        if key == self._phase_key:
            return
        self.flow.drafts.clear()
        self._phase_key = key
        while len(self.stack) > 1 and self.stack[-1].name not in KEEP_ON_PHASE_CHANGE:
            self.stack.pop().leave()
        if self.stack:
            self.stack[-1].rebuild()
            for sc in self.stack[:-1]:
                sc.ui.kill()

    def step(self, dt: float = 1 / 60, events=None) -> None:
        host = self.table_host
        if host is None:
            self._step(dt, events)
            return
        with host.lock:  # the team devices' server acts between frames, never during one
            self._step(dt, events)

    def _step(self, dt: float, events) -> None:
        ws = self.ws
        if ws is not None and not ws.game.is_over:
            if ws.tick():
                self.status = self.t("ws.status.timeout")
            elif ws.timer.running and self.clock() - self._last_save >= SAVE_EVERY:
                ws.autosave()  # keep the clock's time too, should the lid close mid-phase
                self._last_save = self.clock()
        self._check_phase()
        if events is None:
            events = pygame.event.get()
        keep = []
        for e in events:  # closing the projector window closes only that window
            if self.proj_window is not None and e.type == pygame.WINDOWCLOSE and \
                    getattr(e, "window", None) is self.proj_window:
                self.toggle_projector_window()
            else:
                keep.append(e)
        super().step(dt, keep)
        self._draw_projector_window(dt)

    def run(self, fps: int = 60) -> int:
        try:
            return super().run(fps)
        finally:
            if self.table_server is not None:
                self.table_server.stop()
            if self.ws is not None:
                self.ws.autosave()  # closing the window loses nothing
            if self.proj_window is not None:
                self.proj_window.destroy()


# ------------------------------------------------------------------ demo


class VirtualClock:
    """A clock the demo moves by hand, so a 15-minute phase passes in one frame."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class WorkshopAutoplayer:
    """`--autoplay`: drive a short session through every control and screen, then quit.

    A generator script: each `yield` lets one frame render; `shot` saves a PNG."""

    def __init__(self, app: WorkshopApp, rounds: int) -> None:
        self.app = app
        self.rounds = rounds
        self._script = self.script()

    def after_frame(self) -> None:
        try:
            next(self._script)
        except StopIteration:
            self.app.quit = True

    def frames(self, n: int = 2):
        for _ in range(n):
            yield

    def shot(self, label: str):
        yield from self.frames(2)
        a = self.app
        if a.ws is not None:
            g = a.ws.game
            label += f"_r{g.round}_{g.phase}"
        a.screenshot(label)
        yield

    def projector(self, label: str):
        self.app.toggle_projector()
        yield from self.shot(label)
        self.app.toggle_projector()
        yield

    def script(self):
        a = self.app
        yield from self.shot("ws_setup")
        setup = a.top
        seats = list(setup.sc.seats)
        for s in seats[len(seats) // 2 + 1:]:  # the last seats: AI fill-ins
            setup._toggle(s)
        setup.rounds = self.rounds
        yield from self.shot("ws_setup_ai")
        setup.start()
        yield from self.shot("ws_console")
        yield from self.projector("ws_projector")
        console = a.top
        console.toggle_pause()  # start the clock
        first = True
        while not a.ws.game.is_over:
            ws, g = a.ws, a.ws.game
            if first:
                console.open_inject()
                yield from self.shot("ws_inject")
                inj = a.top
                inj._pick(inj.cards[-1])
                inj.round = min(g.round + 1, g.rounds)
                inj.schedule()
                inj._pick("g7_summit" if "g7_summit" in inj.cards else inj.cards[0])  # a card that puts a choice
                a.top.use()
                yield
            ch = g.choice()
            if ch is not None:  # the card's choice: a team's answer entered on the console
                asked = [s for s in ch["seats"] if s in ws.teams]
                if asked:
                    console.enter_choice(asked[0], ch["options"][0]["id"])
                yield from self.shot("ws_console_choice")
                yield from self.projector("ws_projector_choice")
            a.clock.advance(ws.remaining() - 30)  # 30 s left: the warning
            yield from self.shot("ws_console_warning")
            yield from self.projector("ws_projector_warning")
            a.clock.advance(31)  # time-out ends the event phase
            yield from self.frames(2)
            if first:
                console.open_agreement()
                ag = a.top
                from .scenes.workshop_agreement import eligible

                for m in eligible(g, ag.kind)[:3]:
                    ag._member(m)
                yield from self.shot("ws_agreement")
                ag.record()
                yield
                console.open_override()
                ov = a.top
                ov.reason_entry.set_text(self.app.t("ws.demo.reason"))
                yield from self.shot("ws_override")
                ov.apply()
                yield
            yield from self.projector("ws_projector")
            console.skip()  # end negotiation
            yield from self.frames(2)
            team = next(iter(ws.teams))
            console.enter_orders(team, "team")
            yield from self.shot("ws_handover")
            a.top.ready()
            yield
            orders = a.top
            if orders.candidate() is not None:
                orders.add()
            yield from self.shot("ws_orders")
            orders.submit()
            yield
            if first:
                a.all_seeing = True
                console.rebuild()
                yield from self.shot("ws_console_all_seeing")
                a.all_seeing = False
                console.rebuild()
            yield from self.projector("ws_projector_orders")
            console.skip()  # resolve: the year's results stay up, the clock paused
            yield from self.shot("ws_console_resolved")
            if first:
                console.undo()
                yield from self.shot("ws_console_undone")
                console.skip()
                yield
                first = False
            yield from self.projector("ws_projector_results")
            if not a.ws.game.is_over:
                console.continue_results()
                yield
                console.toggle_pause()  # start the next round's clock
                yield
            yield from self.projector("ws_projector")
        yield from self.shot("ws_console_over")
        yield from self.projector("ws_projector_over")
        console.open_debrief()
        db = a.top
        from .scenes.workshop_debrief import PAGES

        for pg in PAGES:
            db._page(pg)
            yield from self.shot(f"ws_debrief_{pg}")
        db.export()
        db.cards()
        yield from self.shot("ws_debrief_exported")
        a.exit_code = 0


# ------------------------------------------------------------------ command line


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    args = list(argv)
    if args and args[0] == "workshop":
        args = args[1:]
    lang = choose_lang(args, os.environ, Settings.load().lang)

    def t(key: str) -> str:
        return messages.t(key, lang)

    with argparse_language(lang):
        ap = argparse.ArgumentParser(prog="sumiwake workshop", description=t("args.workshop"),
                                     formatter_class=HelpFormatter)
        ap.add_argument("--scenario", help=t("args.scenario"))
        ap.add_argument("--seed", type=int, help=t("args.seed"))
        ap.add_argument("--rounds", type=int, help=t("args.rounds"))
        ap.add_argument("--resume", type=Path, metavar="FILE", help=t("args.ws.resume"))
        ap.add_argument("--lang", choices=LANGS, help=t("args.lang"))
        ap.add_argument("--size", help=t("args.size"))
        ap.add_argument("--fullscreen", action="store_true", help=t("args.ws.fullscreen"))
        ap.add_argument("--projector-window", action="store_true", help=t("args.ws.projector_window"))
        ap.add_argument("--autoplay", action="store_true", help=t("args.ws.autoplay"))
        ap.add_argument("--screenshots", type=Path, metavar="DIR", help=t("args.ws.screenshots"))
        from game.net.messages import t as net_t

        ap.add_argument("--serve", action="store_true", help=net_t("args.serve", lang))
        ap.add_argument("--host", default=None, help=net_t("serve.host", lang))
        ap.add_argument("--port", type=int, default=8765, help=net_t("serve.port", lang))
        ap.add_argument("--lan", action="store_true", help=net_t("serve.lan", lang))
        ns = ap.parse_args(args)
    ns.lang = ns.lang or lang  # --lang, else SUMIWAKE_LANG, else the saved setting
    return ns


def settings_from(ns: argparse.Namespace) -> Settings:
    s = Settings.load()
    if ns.lang:
        s.lang = ns.lang
    s.fullscreen = bool(ns.fullscreen) and not ns.autoplay
    if ns.size:
        try:
            w, h = (int(x) for x in ns.size.lower().split("x"))
        except ValueError:
            print(messages.t("args.bad_size", s.lang, prog="sumiwake workshop", size=ns.size), file=sys.stderr)
            raise SystemExit(2) from None
        s.width, s.height = max(640, w), max(360, h)
    return s


def build_app(argv: Sequence[str], clock: Callable[[], float] | None = None) -> WorkshopApp:
    """The app for a command line, on its first screen (setup, or the console when resuming)."""
    ns = parse_args(argv)
    ws = None
    if ns.resume is not None:
        ws = Workshop.load(ns.resume)  # SaveError: `main` prints its one line, exit 2
    if clock is None:
        clock = VirtualClock() if ns.autoplay else time.monotonic
    settings = settings_from(ns)
    ns.scenario = scenario_arg(ns.scenario, settings.lang)
    app = WorkshopApp(settings, scenario=ns.scenario, seed=ns.seed, rounds=ns.rounds,
                      screenshots=ns.screenshots, clock=clock)
    if ns.serve:
        from game.net.addresses import listen_plan

        app.serve = listen_plan(ns.host, ns.lan, ns.port)
    if ws is not None:
        ws.clock = app.clock
        app.start_workshop(ws)
        app.status = app.t("ws.status.resumed", path=str(ns.resume))
    else:
        from .scenes.workshop_setup import WorkshopSetupScene

        app.push(WorkshopSetupScene(app))
    if ns.projector_window:
        app.toggle_projector_window()
    if ns.autoplay and ws is None:
        app.autoplayer = WorkshopAutoplayer(app, ns.rounds or 2)
    return app


def main(argv: Sequence[str]) -> int:
    from game.engine import SaveError

    from .app import start_video

    ns = parse_args(argv)
    if not start_video(ns.lang, "sumiwake workshop", bool(ns.autoplay or ns.screenshots)):
        return 2
    try:
        app = build_app(argv)
    except SaveError as exc:  # a damaged or foreign --resume file: one line, exit 2
        lang = parse_args(argv).lang or Settings.load().lang
        print(exc.message(lang), file=sys.stderr)
        pygame.quit()
        return 2
    try:
        return app.run()
    finally:
        pygame.quit()
