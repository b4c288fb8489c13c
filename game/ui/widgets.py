"""Controls built on pygame_gui: buttons with a keyboard shortcut and a tooltip, choices and cyclers.

A choice shows its value on a button; pressing it (or its key) opens a list of every option
on top of the screen, to click, or to pick with the arrow keys and Enter, or by its number
(1-9, 0); Esc or a click elsewhere closes it unchanged.  A cycler steps to the next option.

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

from .linebreak import ellipsize
from .messages import key_label

BUTTON_PADDING = 4  # px each side inside a button's border, left free of text


def fit_label(button: pygame_gui.elements.UIButton, label: str) -> str:
    """``label`` shortened with "…" to the room inside ``button`` with its own font (a
    cycler's "  ›" or a choice's "  ▼" stays whole); unchanged when it fits."""
    font = button.font
    if font is None:
        return label
    bw = button.border_width
    border = (max(bw.values()) if isinstance(bw, dict) else int(bw or 0)) + int(button.shadow_width or 0)
    room = button.rect.width - 2 * (border + BUTTON_PADDING)

    def width(s: str) -> int:
        return int(font.size(s)[0])

    if width(label) <= room:
        return label
    tail = label[-3:] if label.endswith(("  ›", "  ▼")) else ""
    return ellipsize(label[:len(label) - len(tail)], room - width(tail), width) + tail


def set_label(button: pygame_gui.elements.UIButton, label: str) -> None:
    """Set a button's text, fitted to it; a shortened label's whole text goes in its tooltip."""
    text = fit_label(button, label)
    if text != label:
        tip = button.tool_tip_text or ""
        if label not in tip:
            button.tool_tip_text = f"{label}\n{tip}" if tip else label
    button.set_text(text)


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
        self.picker: Picker | None = None  # the open list of a choice, if any

    def button(self, name: str, rect: pygame.Rect, label: str, action: Callable[[], None],
               key: int | None = None, tip: str = "", mod: int = 0, style: str | None = None,
               enabled: bool = True) -> pygame_gui.elements.UIButton:
        shortcut = f" [{key_label(key, mod)}]" if key is not None else ""
        b = pygame_gui.elements.UIButton(
            rect, label, self.manager, tool_tip_text=(tip + shortcut).strip() or None,
            object_id=pygame_gui.core.ObjectID(object_id=f"#{name}", class_id=f"@{style}" if style else None),
            command=lambda: None if self.picker is not None else self.defer(action))
        if fit_label(b, label) != label:
            set_label(b, label)
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
            set_label(b, label())
            on_change(options[state["i"]][1])

        b = self.button(name, rect, label(), step, key=key, tip=tip, enabled=enabled and len(options) > 1)
        return b

    def choice(self, name: str, rect: pygame.Rect, options: Sequence[tuple[str, Any]], index: int,
               on_change: Callable[[Any], None], key: int | None = None, tip: str = "",
               prefix: str = "", enabled: bool = True) -> pygame_gui.elements.UIButton:
        """A button that shows ``options[index]`` and opens the list of every option (label, value)."""
        index = index % max(1, len(options))
        if prefix.endswith(": ") and len(prefix) > 2 and not prefix[-3].isascii():
            prefix = prefix[:-2] + "："
        state = {"i": index}

        def label() -> str:
            return f"{prefix}{options[state['i']][0]}  ▼" if options else prefix

        def chosen(i: int) -> None:
            state["i"] = i
            if b.alive():  # the screen may have rebuilt itself on the change
                set_label(b, label())
            on_change(options[i][1])

        def open_list() -> None:
            self.close_picker()
            self.picker = Picker(self, name, rect, list(options), state["i"], chosen)

        b = self.button(name, rect, label(), open_list, key=key, tip=tip, enabled=enabled and len(options) > 1)
        return b

    def close_picker(self) -> None:
        if self.picker is not None:
            self.picker.kill()
            self.picker = None

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
        """Where the focused button is, if one is focused and on screen (in an open list: its option)."""
        if self.picker is not None:
            return self.picker.buttons[self.picker.focus].rect
        b = self.buttons.get(self.focused) if self.focused else None
        if b is None or not b.alive() or not b.visible or self.focused not in self.actions:
            return None
        return b.rect

    def handle_key(self, event: pygame.event.Event) -> bool:
        if self.picker is not None:
            return self.picker.handle(event)
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
        self.close_picker()
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
        for e in self.elements + (self.picker.buttons if self.picker is not None else []):
            if e.alive() and e.visible:
                t = getattr(e, "text", None)
                if isinstance(t, str):
                    out.append(t)
        return out


class Picker:
    """The open list of a `Controls.choice`: every option as a button, over the screen.

    Laid out under the choice's button (above it when there is no room below), in as many
    columns as the window needs.  Modal: while it is open the screen's other buttons and keys
    do nothing."""

    def __init__(self, controls: Controls, name: str, anchor: pygame.Rect, options: list[tuple[str, Any]],
                 index: int, on_pick: Callable[[int], None]) -> None:
        self.controls, self.name, self.options, self.on_pick = controls, name, options, on_pick
        self.focus = index
        sw, sh = controls.manager.window_resolution
        item_h = max(24, min(anchor.height, int(sh * 0.05)))
        pad = max(4, item_h // 8)
        col_w = max(anchor.width, int(sw * 0.18))
        rows = max(1, min(len(options), (sh - 2 * pad) // (item_h + pad) - 1))
        cols = (len(options) + rows - 1) // rows
        rows = (len(options) + cols - 1) // cols
        w = cols * (col_w + pad) + pad
        h = rows * (item_h + pad) + pad
        x = min(max(0, anchor.left), max(0, sw - w))
        y = anchor.bottom if anchor.bottom + h <= sh else max(0, anchor.top - h)
        if y + h > sh:
            y = max(0, sh - h)
        self.rect = pygame.Rect(x, y, w, h)
        self.panel = pygame_gui.elements.UIPanel(self.rect, starting_height=20, manager=controls.manager,
                                                 object_id=pygame_gui.core.ObjectID(object_id="#picker"))
        self.buttons: list[pygame_gui.elements.UIButton] = []
        for i, (label, _value) in enumerate(options):
            c, r = i // rows, i % rows
            num = f"{i + 1}. " if i < 9 else ("0. " if i == 9 else "")
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x + pad + c * (col_w + pad), y + pad + r * (item_h + pad), col_w, item_h),
                num + label, controls.manager, starting_height=25,
                object_id=pygame_gui.core.ObjectID(object_id=f"#{name}_option_{i}",
                                                   class_id="@selected" if i == index else None),
                command=self._command(i))
            self.buttons.append(b)
        self.rows = rows

    def _command(self, i: int) -> Callable[[], None]:
        return lambda: self.controls.defer(lambda: self.pick(i))  # no parameter: pygame_gui passes none

    def pick(self, i: int) -> None:
        if self.controls.picker is not self:
            return
        self.controls.close_picker()
        if 0 <= i < len(self.options):
            self.on_pick(i)

    def kill(self) -> None:
        for b in self.buttons:
            b.kill()
        self.panel.kill()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and not self.rect.collidepoint(event.pos):
            self.controls.close_picker()  # a click elsewhere: closed, nothing chosen
            return True
        if event.type != pygame.KEYDOWN:
            return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
        n, k = len(self.options), event.key
        moves = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_RIGHT: self.rows, pygame.K_LEFT: -self.rows,
                 pygame.K_TAB: -1 if event.mod & pygame.KMOD_SHIFT else 1}
        if k == pygame.K_ESCAPE:
            self.controls.close_picker()
        elif k in moves:
            self.focus = (self.focus + moves[k]) % n
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            i = self.focus
            self.controls.defer(lambda: self.pick(i))
        elif pygame.K_1 <= k <= pygame.K_9 or k == pygame.K_0:
            i = 9 if k == pygame.K_0 else k - pygame.K_1
            if i < n:
                self.controls.defer(lambda: self.pick(i))
        return True  # modal: no other shortcut while the list is open
