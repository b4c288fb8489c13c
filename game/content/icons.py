"""Seat icons as geometry: the one definition of every shape.

The pygame drawer (`game.ui.draw.icon`) and the HTML templates (report and role
cards, as SVG) both draw from this table, so a shape looks the same everywhere.

A shape is a tuple of parts in unit coordinates: centre (0, 0), radius 1, y
pointing down.  Parts:

- ``Polygon(points)`` a filled polygon;
- ``Disc(radius)`` a filled circle;
- ``Ring(radius, width)`` a circle's band from ``radius - width`` to ``radius``.

`icon_parts` scales a shape to a centre and a radius, ready to draw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Disc:
    radius: float


@dataclass(frozen=True, slots=True)
class Ring:
    radius: float
    width: float


Part = Polygon | Disc | Ring


def _regular(n: int, rotation: float) -> Polygon:
    return Polygon(tuple((math.cos(rotation + 2 * math.pi * i / n), math.sin(rotation + 2 * math.pi * i / n))
                         for i in range(n)))


def _star(points: int = 5, inner: float = 0.45) -> Polygon:
    out = []
    for i in range(2 * points):
        rad = 1.0 if i % 2 == 0 else inner
        a = -math.pi / 2 + math.pi * i / points
        out.append((rad * math.cos(a), rad * math.sin(a)))
    return Polygon(tuple(out))


def _cross(t: float = 0.38) -> Polygon:
    return Polygon(((-t, -1.0), (t, -1.0), (t, -t), (1.0, -t), (1.0, t), (t, t), (t, 1.0), (-t, 1.0), (-t, t),
                    (-1.0, t), (-1.0, -t), (-t, -t)))


_H = 0.85  # half the side of the square, as a share of the radius
ICON_SHAPES: dict[str, tuple[Part, ...]] = {
    "circle": (Disc(1.0),),
    "square": (Polygon(((-_H, -_H), (_H, -_H), (_H, _H), (-_H, _H))),),
    "diamond": (_regular(4, -math.pi / 2),),
    # equilateral with side 2, centred in the box (an inscribed one looks small beside the others)
    "triangle": (Polygon(((0.0, -0.93), (1.0, 0.8), (-1.0, 0.8))),),
    "hexagon": (_regular(6, 0.0),),
    "star": (_star(),),
    "cross": (_cross(),),
    "ring": (Ring(1.0, 0.4),),
}
"""Every seat icon a content file may name (`SeatDef.icon`), in a fixed order."""

IconName = Literal["circle", "square", "diamond", "triangle", "hexagon", "star", "cross", "ring"]
FALLBACK = "circle"


@dataclass(frozen=True, slots=True)
class ScaledPart:
    """One part placed on a page or screen: ``kind`` is "polygon", "disc" or "ring"."""

    kind: str
    points: tuple[Point, ...] = ()
    cx: float = 0.0
    cy: float = 0.0
    radius: float = 0.0
    width: float = 0.0

    @property
    def svg_points(self) -> str:
        """The polygon's points as SVG writes them: ``x,y x,y …`` (numbers only)."""
        return " ".join(f"{x:.2f},{y:.2f}" for x, y in self.points)

    @property
    def mid_radius(self) -> float:
        """A ring's centre line (SVG strokes are centred on their path)."""
        return self.radius - self.width / 2


def icon_parts(shape: str, cx: float, cy: float, radius: float) -> list[ScaledPart]:
    """The parts of ``shape`` (an unknown name draws as a circle) at a centre and radius."""
    out = []
    for part in ICON_SHAPES.get(shape, ICON_SHAPES[FALLBACK]):
        if isinstance(part, Polygon):
            out.append(ScaledPart("polygon", tuple((cx + radius * x, cy + radius * y) for x, y in part.points)))
        elif isinstance(part, Disc):
            out.append(ScaledPart("disc", cx=cx, cy=cy, radius=radius * part.radius))
        else:
            out.append(ScaledPart("ring", cx=cx, cy=cy, radius=radius * part.radius, width=radius * part.width))
    return out
