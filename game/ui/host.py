"""The scene host: what a scene may ask of the window that shows it.

Scenes are written against these protocols, never against `game.ui.app.App`,
`game.ui.workshop_app.WorkshopApp` or `game.ui.flow.Flow`, so game/ui is layered
without circles (`tests/test_layers.py` refuses any):

    entry points   app (play), workshop_app (workshop), autoplay, flow
    scenes         game/ui/scenes/*  (open one another; never an entry point)
    scene host     this module       (imports no scene and no entry point)
    below          draw, theme, widgets, worker, settings, messages, ...

`App`, `WorkshopApp`, `Flow` and the workshop's adapters satisfy the protocols
structurally.  Members scenes only read are properties, so an implementation may
hold a narrower type.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypedDict, runtime_checkable

import pygame
import pygame_gui

from game.engine import Game, Order
from game.session.match import AiAnswer, AiProposal, Match
from game.session.workshop import Workshop

from .draw import Painter
from .settings import Settings
from .theme import Theme
from .widgets import Controls
from .worker import Worker


class HostedScene(Protocol):
    """A scene as its host sees it: a name, a lifecycle and a frame (see `scenes.base.Scene`)."""

    name: str
    opaque: bool
    ui: Controls

    def enter(self) -> None: ...
    def build(self) -> None: ...
    def rebuild(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def leave(self) -> None: ...
    def handle(self, event: pygame.event.Event) -> bool: ...
    def update(self, dt: float) -> None: ...
    def draw(self, surface: pygame.Surface) -> None: ...


class TableMatch(Protocol):
    """What the screens both the desktop game and the workshop show (orders, hand-over,
    details on hover) need of ``app.match``: a `Match`, or the workshop's adapter."""

    @property
    def game(self) -> Game: ...

    @property
    def version(self) -> int: ...

    def is_human(self, seat: str) -> bool: ...

    def submit(self, seat: str, orders: Sequence[Order]) -> None: ...


class OrderDrafts(Protocol):
    """What those screens need of ``app.flow``: each seat's order draft of the round."""

    drafts: dict[str, list[Order]]


@runtime_checkable
class TableFlow(OrderDrafts, Protocol):
    """The desktop game's round flow (`game.ui.flow.Flow`) as its screens use it."""

    negotiated: set[str]
    ai_answers: dict[str, list[AiAnswer]]
    ai_proposals: dict[str, AiProposal]

    def next_step(self) -> str: ...
    def next_seat(self) -> str | None: ...
    def proceed(self) -> None: ...
    def ask_ai(self, pid: str) -> None: ...


class Defaults(TypedDict):
    """What the command line chose for the setup screen (None: the screen's own default)."""

    scenario: str | None
    seed: int | None
    rounds: int | None


class SceneHost(Protocol):
    """The desktop game's window as a scene uses it: the scene stack, drawing, text and the match."""

    settings: Settings
    manager: pygame_gui.UIManager
    painter: Painter
    theme: Theme
    worker: Worker
    quit: bool

    @property
    def defaults(self) -> Defaults: ...
    @property
    def match(self) -> TableMatch | None: ...
    @property
    def flow(self) -> OrderDrafts | None: ...
    @property
    def lang(self) -> str: ...
    @property
    def top(self) -> HostedScene | None: ...

    def t(self, key: str, **kw: object) -> str: ...
    def defer(self, action: Callable[[], None]) -> None: ...
    def push(self, scene: HostedScene) -> None: ...
    def pop(self) -> None: ...
    def replace(self, scene: HostedScene) -> None: ...
    def reset(self, scene: HostedScene) -> None: ...
    def pop_to(self, name: str) -> None: ...
    def start_match(self, match: Match) -> None: ...
    def end_match(self) -> None: ...
    def apply_settings(self) -> None: ...


class WorkshopMatch(TableMatch, Protocol):
    """The workshop's adapter of its `Workshop` to the shared screens."""

    by: str  # who types the orders: "team" (behind the hand-over) or "facilitator"


class WorkshopHost(SceneHost, Protocol):
    """The facilitator's window: a `Workshop` and the console's actions on it."""

    status: str  # the last message shown on the console (files written, refusals)
    all_seeing: bool

    @property
    def match(self) -> WorkshopMatch | None: ...
    @property
    def flow(self) -> OrderDrafts: ...
    @property
    def workshop(self) -> Workshop: ...  # the session being run (raises when none is)
    @property
    def last_result(self) -> object: ...  # what the last `act` returned
    @property
    def clock(self) -> Callable[[], float]: ...

    def act(self, action: Callable[[], object], label: str = "") -> bool: ...
    def toggle_projector(self) -> None: ...  # F2 / Tab: console <-> projector view
    def toggle_projector_window(self) -> None: ...  # Ctrl+W: the projector's own window
    def start_workshop(self, ws: Workshop) -> None: ...
    def open_devices(self) -> None: ...  # workshop --serve: the team devices' QR codes and connections
