"""`sumiwake play`: the desktop game.  Scenes on a stack, pygame_gui in the loop.

    sumiwake play [--scenario ID] [--seed S] [--rounds N] [--lang en|ja]
                  [--windowed|--fullscreen] [--size WxH]
                  [--autoplay --screenshots DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import pygame
import pygame_gui

from game.i18n import choose_lang
from game.i18n_argparse import HelpFormatter, argparse_language
from game.session.match import Match, autosave_path

from . import messages
from .draw import Painter
from .host import Defaults, HostedScene, OrderDrafts, TableMatch
from .settings import LANGS, Settings
from .theme import Theme
from .tips import TipManager
from .widgets import Controls
from .worker import Worker

DESIGN_W, DESIGN_H = 1280, 720


class Autoplay(Protocol):
    """A demo script that runs after every frame (``--autoplay``)."""

    def after_frame(self) -> None: ...


class App:
    """The window, the scene stack, the pygame_gui manager and the AI worker."""

    def __init__(self, settings: Settings, scenario: str | None = None, seed: int | None = None,
                 rounds: int | None = None, screenshots: Path | None = None) -> None:
        pygame.display.init()  # display and fonts only: the game plays no sound (no audio device opened)
        pygame.font.init()
        pygame.display.set_caption("Sumiwake")
        self.settings = settings
        self.defaults: Defaults = {"scenario": scenario, "seed": seed, "rounds": rounds}
        self.screenshots = screenshots
        self.stack: list[HostedScene] = []
        self.worker = Worker()
        self.match: TableMatch | None = None  # a Match while a game is on (the workshop: its adapter)
        self.flow: OrderDrafts | None = None  # game.ui.flow.Flow while a match is on
        self.quit = False
        self.exit_code = 0
        self.autoplayer: Autoplay | None = None
        self.frame_times: list[float] = []
        self._deferred: list[Callable[[], None]] = []
        self.shot_count = 0
        self._open_window()

    # ------------------------------------------------------------ window and theme

    def _open_window(self) -> None:
        s = self.settings
        flags = pygame.FULLSCREEN if s.fullscreen else 0
        self.screen = pygame.display.set_mode((s.width, s.height), flags)
        w, h = self.screen.get_size()
        self.size = (w, h)
        unit = min(w / DESIGN_W, h / DESIGN_H)
        self.theme = Theme.load(unit * s.ui_scale)
        self.painter = Painter(Theme.load(s.ui_scale), unit)
        self.manager: pygame_gui.UIManager = TipManager((w, h), self.theme.gui)

    def apply_settings(self) -> None:
        """Reopen the window with new settings and rebuild the top scene's controls."""
        for sc in self.stack:
            sc.ui.kill()
        self._open_window()
        for sc in self.stack:
            sc.ui = Controls(self.manager, self.defer)
        if self.stack:
            self.stack[-1].build()

    def t(self, key: str, **kw: object) -> str:
        return messages.t(key, self.settings.lang, **kw)

    @property
    def lang(self) -> str:
        return self.settings.lang

    # ------------------------------------------------------------ scene stack

    @property
    def top(self) -> HostedScene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: HostedScene) -> None:
        if self.stack:
            self.stack[-1].pause()
        self.stack.append(scene)
        scene.enter()

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().leave()
        if self.stack:
            self.stack[-1].resume()

    def replace(self, scene: HostedScene) -> None:
        if self.stack:
            self.stack.pop().leave()
        self.stack.append(scene)
        scene.enter()

    def reset(self, scene: HostedScene) -> None:
        while self.stack:
            self.stack.pop().leave()
        self.push(scene)

    def pop_to(self, name: str) -> None:
        """Pop scenes until the one called ``name`` is on top."""
        while len(self.stack) > 1 and self.stack[-1].name != name:
            self.stack.pop().leave()
        if self.stack:
            self.stack[-1].resume()

    def defer(self, action: Callable[[], None]) -> None:
        self._deferred.append(action)

    # ------------------------------------------------------------ the match

    def start_match(self, match: Match) -> None:
        from .flow import Flow
        from .scenes.table import TableScene

        self.worker.wait()
        self.match = match
        self.flow = Flow(self, match)
        match.save_auto()
        self.reset(TableScene(self))

    def end_match(self) -> None:
        from .scenes.title import TitleScene

        self.worker.wait()
        self.match = None
        self.flow = None
        self.reset(TitleScene(self))

    # ------------------------------------------------------------ the frame

    def step(self, dt: float = 1 / 60, events: Sequence[pygame.event.Event] | None = None) -> None:
        t0 = time.perf_counter()
        self.painter.begin_frame()
        for e in pygame.event.get() if events is None else events:
            if e.type == pygame.QUIT:
                self.quit = True
                continue
            consumed = self.manager.process_events(e)
            if not consumed and self.top is not None:
                self.top.handle(e)
        self._run_deferred()
        self.worker.poll()
        if self.top is not None:
            self.top.update(dt)
        self._run_deferred()
        self.manager.update(dt)
        self.draw()
        if self.autoplayer is not None:
            self.autoplayer.after_frame()
        pygame.display.flip()
        self.frame_times.append((time.perf_counter() - t0) * 1000)
        if len(self.frame_times) > 5000:
            del self.frame_times[:2500]

    def _run_deferred(self) -> None:
        while self._deferred:
            self._deferred.pop(0)()

    def draw(self) -> None:
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        for sc in self.stack[max(first, 0):]:
            sc.draw(self.screen)
        self.manager.draw_ui(self.screen)
        ring = self.top.ui.focus_rect() if self.top is not None else None
        if ring is not None:  # the keyboard focus (Tab), drawn over the widgets
            pygame.draw.rect(self.screen, self.theme.c("focus"), ring.inflate(self.painter.s(8), self.painter.s(8)),
                             width=max(2, self.painter.s(3)), border_radius=self.painter.s(8))

    def rendered_texts(self) -> list[str]:
        """Every string on screen in the last frame (the debug hook tests use)."""
        texts = list(self.painter.rendered)
        if self.top is not None:
            texts += self.top.ui.texts()
        return texts

    def screenshot(self, label: str) -> Path | None:
        if self.screenshots is None:
            return None
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self.shot_count += 1
        path = self.screenshots / f"{self.shot_count:03d}_{label}.png"
        pygame.image.save(self.screen, str(path))
        return path

    def run(self, fps: int = 60) -> int:
        clock = pygame.time.Clock()
        fixed = self.autoplayer is not None
        while not self.quit:
            dt = clock.tick(0 if fixed else fps) / 1000.0
            self.step(1 / 30 if fixed else min(dt, 0.1))
        self.worker.wait()
        return self.exit_code


# ------------------------------------------------------------------ command line


def scenario_arg(ref: str | None, lang: str) -> str | None:
    """A ``--scenario`` value checked before any window opens: the scenario's id, or the absolute
    path of a scenario file (played even when its id is a built-in one, with a notice on stderr).
    A bad value prints its problems and exits with code 2."""
    if ref is None:
        return None
    import sys

    from game.content import ContentError, load_scenario
    from game.content.loader import shadows_builtin

    try:
        sc = load_scenario(ref)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None
    notice = shadows_builtin(sc, lang)
    if notice:
        print(notice, file=sys.stderr)
    return sc.source or sc.id


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    args = list(argv)
    if args and args[0] == "play":
        args = args[1:]
    lang = choose_lang(args, os.environ, Settings.load().lang)

    def t(key: str) -> str:
        return messages.t(key, lang)

    with argparse_language(lang):
        ap = argparse.ArgumentParser(prog="sumiwake play", description=t("args.play"), formatter_class=HelpFormatter)
        ap.add_argument("--scenario", help=t("args.scenario"))
        ap.add_argument("--seed", type=int, help=t("args.seed"))
        ap.add_argument("--rounds", type=int, help=t("args.rounds"))
        ap.add_argument("--lang", choices=LANGS, help=t("args.lang"))
        mode = ap.add_mutually_exclusive_group()
        mode.add_argument("--windowed", action="store_true", help=t("args.windowed"))
        mode.add_argument("--fullscreen", action="store_true", help=t("args.fullscreen"))
        ap.add_argument("--size", help=t("args.size"))
        ap.add_argument("--autoplay", action="store_true", help=t("args.autoplay"))
        ap.add_argument("--screenshots", type=Path, help=t("args.screenshots"))
        ns = ap.parse_args(args)
    ns.lang = ns.lang or lang  # --lang, else SUMIWAKE_LANG, else the saved setting
    return ns


def settings_from(ns: argparse.Namespace) -> Settings:
    s = Settings.load()
    if ns.lang:
        s.lang = ns.lang
    if ns.fullscreen:
        s.fullscreen = True
    if ns.windowed or ns.autoplay:
        s.fullscreen = False
    if ns.size:
        try:
            w, h = (int(x) for x in ns.size.lower().split("x"))
        except ValueError:
            print(messages.t("args.bad_size", s.lang, prog="sumiwake play", size=ns.size), file=sys.stderr)
            raise SystemExit(2) from None
        s.width, s.height = max(640, w), max(360, h)
    return s


def main(argv: Sequence[str]) -> int:
    ns = parse_args(argv)
    settings = settings_from(ns)
    try:
        ns.scenario = scenario_arg(ns.scenario, settings.lang)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not start_video(settings.lang, "sumiwake play", bool(ns.autoplay or ns.screenshots)):
        return 2
    app = App(settings, scenario=ns.scenario, seed=ns.seed, rounds=ns.rounds,
              screenshots=ns.screenshots)
    from .scenes.title import TitleScene

    app.push(TitleScene(app))
    if ns.autoplay:
        from .autoplay import Autoplayer

        app.autoplayer = Autoplayer(app, ns.scenario or "tutorial", ns.seed if ns.seed is not None else 1,
                                    ns.rounds)
    try:
        return app.run()
    finally:
        pygame.quit()


def start_video(lang: str, prog: str, headless_ok: bool) -> bool:
    """Open the display (never audio); without one, say so in one line on stderr."""
    import sys

    from .startup import init_video

    problem = init_video(headless_ok)
    if problem is None:
        return True
    if problem == "no_display":
        print(messages.t("args.no_display", lang, prog=prog), file=sys.stderr)
    else:
        print(messages.t("args.display_error", lang, prog=prog, error=problem), file=sys.stderr)
    return False


__all__ = ["App", "main", "autosave_path", "start_video"]
