"""Controls built on pygame_gui: buttons with a keyboard shortcut and a tooltip, and cyclers.

Every control is made through a `Controls` set that a scene owns; the set kills
its widgets when the scene leaves the screen and maps shortcut keys to actions.
Tab and Shift+Tab move a keyboard focus through the enabled buttons in the order
they were built (F6 too, for screens that bind Tab themselves); Enter or Space
presses the focused one.  The focus survives a
rebuild of the scene (it is kept by the button's name).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame
import pygame_gui

from .messages import key_label


# Keys that keep their shortcut while a text box has the focus: confirm, leave, move on.
TYPING_KEYS = frozenset({pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_F1,
                         pygame.K_F2, pygame.K_F6})
EDITING_KEYS = frozenset({pygame.K_a, pygame.K_c, pygame.K_v, pygame.K_x, pygame.K_z})  # Ctrl+ these edit text


class Controls:
    def __init__(self, manager: pygame_gui.UIManager, defer: Callable[[Callable[[], None]], None]) -> None:
        self.manager = manager
        self.defer = defer  # actions run after the frame's events, never inside pygame_gui
        self.elements: list[Any] = []
        self.keys: dict[tuple[int, int], Callable[[], None]] = {}
        self.buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.order: list[str] = []  # button names in the order built: the Tab order
        self.actions: dict[str, Callable[[], None]] = {}  # enabled buttons' actions
        self.focused: str | None = None
        self.entries: list[pygame_gui.elements.UITextEntryLine] = []
        self.entry_done: dict[Any, Callable[[], None]] = {}

    def button(self, name: str, rect: pygame.Rect, label: str, action: Callable[[], None],
               key: int | None = None, tip: str = "", mod: int = 0, style: str | None = None,
               enabled: bool = True) -> pygame_gui.elements.UIButton:
        shortcut = f" [{key_label(key, mod)}]" if key is not None else ""
        b = pygame_gui.elements.UIButton(
            rect, label, self.manager, tool_tip_text=(tip + shortcut).strip() or None,
            object_id=pygame_gui.core.ObjectID(object_id=f"#{name}", class_id=f"@{style}" if style else None),
            command=lambda: self.defer(action))
        if not enabled:
            b.disable()
        self.elements.append(b)
        self.buttons[name] = b
        self.order.append(name)
        if enabled:
            self.actions[name] = action
        if key is not None and enabled:
            self.keys[(key, mod)] = action
        return b

    def cycler(self, name: str, rect: pygame.Rect, options: Sequence[tuple[str, Any]], index: int,
               on_change: Callable[[Any], None], key: int | None = None, tip: str = "",
               prefix: str = "", enabled: bool = True) -> pygame_gui.elements.UIButton:
        """A button that steps through ``options`` (label, value) on each press."""
        state = {"i": index % max(1, len(options))}
        if prefix.endswith(": ") and len(prefix) > 2 and not prefix[-3].isascii():
            prefix = prefix[:-2] + "："  # after a Japanese word the colon is full-width

        def label() -> str:
            return f"{prefix}{options[state['i']][0]}  ›" if options else prefix

        def step() -> None:
            if not options:
                return
            state["i"] = (state["i"] + 1) % len(options)
            b.set_text(label())
            on_change(options[state["i"]][1])

        b = self.button(name, rect, label(), step, key=key, tip=tip, enabled=enabled and len(options) > 1)
        return b

    def entry(self, rect: pygame.Rect, text: str, allowed: str | None = None,
              tip: str = "", on_done: Callable[[], None] | None = None) -> pygame_gui.elements.UITextEntryLine:
        """A text box.  Enter in it hands the keyboard back to the screen's shortcuts and calls
        ``on_done`` (after the frame's events)."""
        e = pygame_gui.elements.UITextEntryLine(rect, self.manager)
        if on_done is not None:
            self.entry_done[e] = on_done
        if allowed == "numbers":
            e.set_allowed_characters("numbers")
        e.set_text(text)
        self.elements.append(e)
        self.entries.append(e)
        return e

    def typing(self) -> bool:
        """A text box has the keyboard: letters and digits are text, not shortcuts."""
        return any(e.alive() and e.is_focused for e in self.entries)

    def move_focus(self, step: int) -> str | None:
        """Focus the next (``step`` 1) or previous (-1) enabled, visible button; returns its name."""
        names = [n for n in self.order if n in self.actions and self.buttons[n].visible]
        if not names:
            self.focused = None
            return None
        if self.focused in names:
            i = (names.index(self.focused) + step) % len(names)
        else:
            i = 0 if step > 0 else len(names) - 1
        self.focused = names[i]
        return self.focused

    def focus_rect(self) -> pygame.Rect | None:
        """Where the focused button is, if one is focused and on screen."""
        b = self.buttons.get(self.focused) if self.focused else None
        if b is None or not b.alive() or not b.visible or self.focused not in self.actions:
            return None
        return b.rect

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.entries:
            event.ui_element.unfocus()
            self.manager.set_focus_set(None)
            done = self.entry_done.get(event.ui_element)
            if done is not None:
                self.defer(done)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if self.typing() and event.key not in TYPING_KEYS and (
                not event.mod & pygame.KMOD_CTRL or event.key in EDITING_KEYS):
            return False  # the text box takes it (pygame_gui has already); Ctrl shortcuts still work
        mods = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
        mod = pygame.KMOD_CTRL if mods & pygame.KMOD_CTRL else (pygame.KMOD_SHIFT if mods & pygame.KMOD_SHIFT else 0)
        if event.key in (pygame.K_TAB, pygame.K_F6) and mod != pygame.KMOD_CTRL and (event.key, mod) not in self.keys:
            # (a screen that binds Tab itself, like the workshop's view switch, keeps it; F6 still moves)
            return self.move_focus(-1 if mod == pygame.KMOD_SHIFT else 1) is not None
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and mod == 0 \
                and self.focus_rect() is not None and self.focused is not None:
            self.defer(self.actions[self.focused])
            return True
        action = self.keys.get((event.key, mod))
        if action is None:
            return False
        self.defer(action)
        return True

    def kill(self) -> None:
        for e in self.elements:
            e.kill()
        self.elements.clear()
        self.entries.clear()
        self.entry_done.clear()
        self.keys.clear()
        self.buttons.clear()
        self.order.clear()
        self.actions.clear()  # the focus name is kept: a rebuilt scene focuses the same button

    def texts(self) -> list[str]:
        out = []
        for e in self.elements:
            if e.alive() and e.visible:
                t = getattr(e, "text", None)
                if isinstance(t, str):
                    out.append(t)
        return out
