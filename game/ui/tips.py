"""Where a tooltip goes: beside the thing it explains, inside the window, clear of it and of other controls.

A tooltip must never hide what the pointer is on, nor the buttons next to it that the player
is about to press.  `place` tries positions above, below, right and left of the hovered
rectangle, each a little further out until the window's edge, and takes the nearest one that
covers no other control; when every position inside the window covers some control it takes
the one that covers the least.  The hovered rectangle itself is never covered while any
position clear of it fits in the window.

`TipManager` is the pygame_gui manager whose button tooltips are placed this way; the
table's and the console's hover panels (`hover.draw_tip`) use `place` directly.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence

import pygame
import pygame_gui

SIDES = ("above", "below", "right", "left")  # tried in this order at equal distance
_CACHE: dict[tuple, tuple[int, int, int, int]] = {}  # a hover panel asks again every frame


def _overlap(r: pygame.Rect, others: Sequence[pygame.Rect]) -> int:
    total = 0
    for i in r.collidelistall(others):
        c = r.clip(others[i])
        total += c.width * c.height
    return total


def _candidates(size: tuple[int, int], anchor: pygame.Rect, window: pygame.Rect, gap: int,
                step: int, pointer_x: int | None) -> Generator[tuple[int, pygame.Rect], bool | None, None]:
    """(distance from the anchor, rect) for every position tried, nearest first within a side."""
    w, h = size
    xs_row = [anchor.centerx - w // 2, anchor.left, anchor.right - w]  # above or below: aligned like this
    if pointer_x is not None:
        xs_row.insert(0, pointer_x - w // 2)
    ys_col = [anchor.centery - h // 2, anchor.top, anchor.bottom - h]  # right or left
    for rank, side in enumerate(SIDES):
        d = gap
        while True:
            if side == "above":
                rects = [pygame.Rect(x, anchor.top - d - h, w, h) for x in xs_row]
            elif side == "below":
                rects = [pygame.Rect(x, anchor.bottom + d, w, h) for x in xs_row]
            elif side == "right":
                rects = [pygame.Rect(anchor.right + d, y, w, h) for y in ys_col]
            else:
                rects = [pygame.Rect(anchor.left - d - w, y, w, h) for y in ys_col]
            inside = found = False
            for r in rects:
                # slide along the side into the window; the distance out from the anchor stays
                if side in ("above", "below"):
                    r.x = max(window.left, min(r.x, window.right - w))
                else:
                    r.y = max(window.top, min(r.y, window.bottom - h))
                if window.contains(r):
                    inside = True
                    found = (yield d * 4 + rank, r) or found
            if found:
                break  # this side has a clear place: nothing further out on it can be nearer
            if not inside and (side == "above" and anchor.top - d - h < window.top
                               or side == "below" and anchor.bottom + d + h > window.bottom
                               or side == "right" and anchor.right + d + w > window.right
                               or side == "left" and anchor.left - d - w < window.left):
                break
            d += step


def place(size: tuple[int, int], anchor: pygame.Rect, window: pygame.Rect,
          obstacles: Sequence[pygame.Rect] = (), gap: int = 6, pointer_x: int | None = None) -> pygame.Rect:
    """The rectangle of a tooltip of ``size`` for the hovered ``anchor``: inside ``window``,
    clear of ``anchor`` and, if it can be, of every rectangle in ``obstacles``."""
    w, h = min(size[0], window.width), min(size[1], window.height)
    others = [o for o in obstacles if o.width > 0 and o.height > 0 and o != anchor]
    step = max(2, gap)
    key = (w, h, tuple(anchor), tuple(window), tuple(tuple(o) for o in others), gap, pointer_x)
    hit = _CACHE.get(key)
    if hit is not None:
        return pygame.Rect(hit)
    best: tuple[int, int, pygame.Rect] | None = None  # (covered area, distance, rect)
    gen = _candidates((w, h), anchor, window, gap, step, pointer_x)
    clear: bool | None = None
    while True:
        try:
            dist, r = gen.send(clear)
        except StopIteration:
            break
        clear = False
        if r.colliderect(anchor):
            continue
        covered = _overlap(r, others)
        clear = covered == 0
        if best is None or (covered, dist) < (best[0], best[1]):
            best = (covered, dist, r)
    if best is not None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = (best[2].x, best[2].y, best[2].width, best[2].height)
        return best[2]
    # too big to sit beside the anchor anywhere: below the pointer's row, kept in the window
    r = pygame.Rect(anchor.left, anchor.bottom + gap, w, h)
    r.clamp_ip(window)
    return r


def control_rects(manager: pygame_gui.UIManager, skip: object = None) -> list[pygame.Rect]:
    """The rectangles of the visible buttons and text boxes on screen (but ``skip``)."""
    out = []
    for e in manager.get_sprite_group().sprites():
        if e is skip or not isinstance(e, (pygame_gui.elements.UIButton, pygame_gui.elements.UITextEntryLine)):
            continue
        if e.alive() and e.visible:
            out.append(pygame.Rect(e.rect))
    return out


class TipManager(pygame_gui.UIManager):
    """A pygame_gui manager whose tooltips sit beside their button, clear of it and of its neighbours."""

    tip_gap = 6

    def create_tool_tip(self, text, position, hover_distance, parent_element, object_id, *,
                        wrap_width=None, text_kwargs=None):
        tip = super().create_tool_tip(text, position, hover_distance, parent_element, object_id,
                                      wrap_width=wrap_width, text_kwargs=text_kwargs)
        anchor = pygame.Rect(getattr(parent_element, "rect", pygame.Rect(position, (1, 1))))
        window = pygame.Rect((0, 0), self.window_resolution)
        r = place(tip.rect.size, anchor, window, control_rects(self, skip=parent_element), self.tip_gap,
                  pointer_x=int(position[0]))
        tip.set_position(r.topleft)
        return tip
