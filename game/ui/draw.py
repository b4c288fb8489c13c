"""Drawing with pygame: text (cached and recorded for tests), seat icons, panels, bars.

`Painter.rendered` lists every string drawn since the last `begin_frame`, and
`Painter.drawn` each one with the rectangle its ink covers and the box it must
stay inside (the wrap rectangle, a ``max_w`` limit, or the target surface): a
debug hook that lets tests check what reached the screen and that it fits.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import NamedTuple

import pygame

from game.content.icons import icon_parts

from .linebreak import break_lines, ellipsize
from .theme import FONT_BOLD, FONT_REGULAR, Theme

RGB = tuple[int, int, int]


class Drawn(NamedTuple):
    """One string drawn in this frame: its ink on screen and the box it belongs in."""

    text: str
    ink: pygame.Rect
    box: pygame.Rect
    cut: bool = False  # shortened with "…" because the whole text did not fit


class Painter:
    def __init__(self, theme: Theme, unit: float) -> None:
        self.theme = theme
        self.u = unit
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.rendered: list[str] = []
        self.drawn: list[Drawn] = []

    # ------------------------------------------------------------ geometry

    def s(self, v: float) -> int:
        """A design length (on the 1280×720 grid) in pixels."""
        return int(round(v * self.u))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(self.s(x), self.s(y), self.s(w), self.s(h))

    # ------------------------------------------------------------ text

    def begin_frame(self) -> None:
        self.rendered = []
        self.drawn = []

    def font(self, size: str | int, bold: bool = False) -> pygame.font.Font:
        px = self.theme.fonts[size] if isinstance(size, str) else size
        px = max(8, int(round(px * self.u)))
        key = (px, bold)
        f = self._fonts.get(key)
        if f is None:
            f = pygame.font.Font(FONT_BOLD if bold else FONT_REGULAR, px)
            self._fonts[key] = f
        return f

    def render(self, s: str, size: str | int = "body", colour: RGB | None = None,
               bold: bool = False) -> pygame.Surface:
        colour = colour or self.theme.c("text")
        key = (s, size, colour, bold, self.u)
        surf = self._cache.get(key)
        if surf is None:
            surf = self.font(size, bold).render(s, True, colour)
            self._cache[key] = surf
            if len(self._cache) > 2000:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return surf

    def text(self, target: pygame.Surface, s: str, pos: tuple[float, float], size: str | int = "body",
             colour: RGB | None = None, anchor: str = "topleft", bold: bool = False,
             max_w: int | None = None, box: pygame.Rect | None = None, cut: bool = False) -> pygame.Rect:
        """Draw one line; ``max_w`` shortens it with "…" to fit that width."""
        whole = s
        if max_w is not None:
            f = self.font(size, bold)
            s = ellipsize(s, max_w, lambda x: f.size(x)[0])
        self.rendered.append(s)
        surf = self.render(s, size, colour, bold)
        r = surf.get_rect(**{anchor: pos})
        target.blit(surf, r)
        if box is None:
            box = target.get_rect()
            if max_w is not None:
                box = pygame.Rect(r.left, box.top, max_w, box.height)
                if anchor.endswith("right") or anchor in ("right", "midright"):
                    box.right = r.right
                elif anchor in ("center", "midtop", "midbottom"):
                    box.centerx = r.centerx
        ink = surf.get_bounding_rect().move(r.topleft)
        abs_off = target.get_abs_offset()
        self.drawn.append(Drawn(s, ink.move(abs_off), box.move(abs_off), cut or s != whole))
        return r

    def wrap_lines(self, s: str, width: int, size: str | int = "body", bold: bool = False) -> list[str]:
        """``s`` broken into lines of at most ``width`` pixels (words kept whole, kinsoku shori)."""
        f = self.font(size, bold)
        return break_lines(s, width, lambda x: f.size(x)[0])

    def wrap(self, target: pygame.Surface, s: str, rect: pygame.Rect, size: str | int = "body",
             colour: RGB | None = None, max_lines: int | None = None) -> int:
        """Draw ``s`` wrapped inside ``rect``; returns the y below the last line.

        Lines that would run below ``rect`` are cut, the last one ending in "…" (a large
        text scale must not spill into the next panel)."""
        lines = self.wrap_lines(s, rect.width, size)
        fits = max(1, rect.height // self.font(size).get_linesize())
        max_lines = fits if max_lines is None else min(max_lines, fits)
        cut = len(lines) > max_lines
        if max_lines is not None and len(lines) > max_lines:
            f = self.font(size)
            lines = lines[:max_lines]
            lines[-1] = ellipsize(lines[-1] + "…", rect.width, lambda x: f.size(x)[0])
        y = rect.top
        h = self.font(size).get_linesize()
        for i, ln in enumerate(lines):
            self.text(target, ln, (rect.left, y), size, colour, box=rect, cut=cut and i == len(lines) - 1)
            y += h
        return y

    # ------------------------------------------------------------ shapes

    def panel(self, target: pygame.Surface, r: pygame.Rect, fill: str = "panel", edge: str = "panel_edge",
              radius: int = 8) -> None:
        pygame.draw.rect(target, self.theme.c(fill), r, border_radius=self.s(radius))
        pygame.draw.rect(target, self.theme.c(edge), r, width=max(1, self.s(1.5)), border_radius=self.s(radius))

    def bar(self, target: pygame.Surface, r: pygame.Rect, frac: float, colour: RGB,
            back: str = "background") -> None:
        frac = max(0.0, min(1.0, frac))
        pygame.draw.rect(target, self.theme.c(back), r, border_radius=self.s(3))
        if frac > 0:
            fr = pygame.Rect(r.left, r.top, max(1, int(r.width * frac)), r.height)
            pygame.draw.rect(target, colour, fr, border_radius=self.s(3))
        pygame.draw.rect(target, self.theme.c("panel_edge"), r, width=1, border_radius=self.s(3))


def icon(target: pygame.Surface, shape: str, centre: tuple[float, float], radius: float, colour: RGB,
         outline: RGB = (240, 240, 240)) -> None:
    """An original seat icon: a filled shape with a light outline (never colour alone).

    The shapes are the ones of `game.content.icons`, which the HTML report and cards draw too."""
    cx, cy = centre
    r = max(3.0, radius)
    w = max(1, int(r / 5))
    for part in icon_parts(shape, cx, cy, r):
        if part.kind == "polygon":
            pygame.draw.polygon(target, colour, part.points)
            pygame.draw.polygon(target, outline, part.points, w)
        elif part.kind == "disc":
            pygame.draw.circle(target, colour, (part.cx, part.cy), part.radius)
            pygame.draw.circle(target, outline, (part.cx, part.cy), part.radius, w)
        else:
            pygame.draw.circle(target, colour, (part.cx, part.cy), part.radius, max(2, round(part.width)))
            pygame.draw.circle(target, outline, (part.cx, part.cy), part.radius, w)
