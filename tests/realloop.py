"""Drive the desktop game the way a person does: events go into pygame's own queue
(`pygame.event.post`) and the app's frame loop (`App.step`, which reads the queue) runs them.

Nothing here calls a scene's methods or waits on the AI worker directly: a job the worker runs
finishes in its own time while frames keep coming, exactly as in the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from game.ui.app import App


def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        app.step()


def run_to_quit(app: App) -> None:
    """Frames until the app quits by itself (an autoplayed game or demo), then the worker and pygame stop."""
    try:
        while not app.quit:
            app.step(1 / 30)
    finally:
        app.worker.wait()
        pygame.quit()


def until(app: App, cond: Callable[[], bool], timeout: float = 120.0, what: str = "") -> None:
    """Run frames until ``cond()`` holds (fails after ``timeout`` seconds: the machine is shared)."""
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, f"still waiting for {what or cond} on {app.top.name if app.top else None}"
        app.step()
        time.sleep(0.002)


def idle(app: App, timeout: float = 120.0) -> None:
    """Frames until the AI worker has nothing to do (its result applied by the loop itself)."""
    until(app, lambda: not app.worker.busy, timeout, "the AI worker")
    frames(app, 2)


def key(app: App, k: int, mod: int = 0, text: str = "") -> None:
    """A key press; a printable key also sends its TEXTINPUT, as SDL does."""
    if not text and not mod and 32 < k < 127 and chr(k).isalnum():
        text = chr(k)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=text, scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=text, scancode=0))
    frames(app, 2)


def type_text(app: App, text: str) -> None:
    for ch in text:
        key(app, pygame.key.key_code(ch) if ch.isalnum() else 0, text=ch)


def click_at(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    frames(app)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 2)


def click(app: App, name: str) -> None:
    """Click the top scene's button called ``name`` where it is drawn."""
    button = app.top.ui.buttons[name]
    assert button.is_enabled, f"{name} is disabled"
    click_at(app, button.rect.center)


def enabled(app: App, name: str) -> bool:
    b = app.top.ui.buttons.get(name) if app.top is not None else None
    return b is not None and b.alive() and b.is_enabled


def on_screen(app: App) -> str:
    return "\n".join(app.rendered_texts())
