"""The scene lifecycle (Tuxemon-style): enter, pause, resume, leave; handle, update, draw.

A scene owns its controls and builds them in `build`; `draw` only reads state.  It knows
its window only as a `SceneHost` (game/ui/host.py), never the entry points that open it.
"""

from __future__ import annotations

import pygame

from game.session.match import Match

from ..host import OrderDrafts, SceneHost, TableFlow, TableMatch
from ..widgets import Controls


class Scene:
    name = "scene"
    opaque = True  # draws the whole screen

    def __init__(self, app: SceneHost) -> None:
        self.app = app
        self.ui = Controls(app.manager, app.defer)
        self.age = 0.0  # seconds on screen
        self.hover: tuple[int, int] | None = None  # the pointer, for details on hover

    # ------------------------------------------------------------ shortcuts for subclasses

    @property
    def p(self):  # the painter
        return self.app.painter

    def t(self, key: str, **kw: object) -> str:
        return self.app.t(key, **kw)

    @property
    def match(self) -> TableMatch:
        """The match on the table (a screen that shows one is open only while it is on)."""
        m = self.app.match
        if m is None:
            raise RuntimeError(f"the {self.name} screen needs a match")
        return m

    @property
    def flow(self) -> OrderDrafts:
        f = self.app.flow
        if f is None:
            raise RuntimeError(f"the {self.name} screen needs a match")
        return f

    def R(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return self.app.painter.rect(x, y, w, h)

    # ------------------------------------------------------------ lifecycle

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        """Create the scene's controls (again after a resize or a language change)."""

    def rebuild(self) -> None:
        self.ui.kill()
        self.build()

    def pause(self) -> None:
        self.ui.kill()

    def resume(self) -> None:
        self.hover = None  # the pointer's last place here is stale after another screen
        self.build()

    def leave(self) -> None:
        self.ui.kill()

    # ------------------------------------------------------------ frame

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            self.hover = event.pos
        elif event.type == pygame.WINDOWLEAVE:
            self.hover = None
        return self.ui.handle_key(event)

    def update(self, dt: float) -> None:
        self.age += dt

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.app.theme.c("background"))

    # ------------------------------------------------------------ helpers

    def below_last(self, y: float) -> int:
        """``y`` (a design length) in pixels, or lower: below the letters of the string drawn last
        (a subtitle under a title that a large text scale has made taller)."""
        drawn = self.p.drawn
        return max(self.p.s(y), drawn[-1].ink.bottom if drawn else 0)

    def header(self, surface: pygame.Surface, title: str, sub: str = "") -> int:
        """The screen's title and subtitle; returns the y below them."""
        p = self.p
        r = p.text(surface, title, (p.s(40), p.s(16)), "title", bold=True)
        if sub:  # below the title's line, however large the text scale makes it
            r = p.text(surface, sub, (p.s(42), max(p.s(64), r.bottom)), "small", self.app.theme.c("muted"))
        return r.bottom


class PlayScene(Scene):
    """A screen of the desktop game only (never the workshop's): its match is a `Match`
    and its flow a `TableFlow` (`game.ui.flow.Flow`)."""

    @property
    def match(self) -> Match:
        m = self.app.match
        if not isinstance(m, Match):
            raise RuntimeError(f"the {self.name} screen needs a game's match")
        return m

    @property
    def flow(self) -> TableFlow:
        f = self.app.flow
        if not isinstance(f, TableFlow):
            raise RuntimeError(f"the {self.name} screen needs a game's flow")
        return f
