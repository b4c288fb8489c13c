"""Gauges and line charts drawn with pygame.draw; series are told apart by marker shape too."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from game.engine.scoring import alliance_status

from .draw import Painter, icon

RGB = tuple[int, int, int]


def _arc_points(cx: float, cy: float, r: float, a0: float, a1: float, n: int = 40) -> list[tuple[float, float]]:
    return [(cx + r * math.cos(a0 + (a1 - a0) * i / n), cy - r * math.sin(a0 + (a1 - a0) * i / n))
            for i in range(n + 1)]


def _band(surface: pygame.Surface, colour: RGB, cx: float, cy: float, r: float, thick: int, a0: float,
          a1: float) -> None:
    outer = _arc_points(cx, cy, r + thick / 2, a0, a1)
    inner = _arc_points(cx, cy, r - thick / 2, a0, a1)
    pygame.draw.polygon(surface, colour, outer + inner[::-1])


def gauge(p: Painter, surface: pygame.Surface, rect: pygame.Rect, value: float, label: str, colour: RGB,
          shape: str, status: str = "", threshold: float | None = None, delta: float | None = None) -> None:
    """A large half-dial 0–100 with its number, label, icon and an optional threshold tick."""
    th = p.theme
    p.panel(surface, rect)
    cx, cy = rect.centerx, rect.top + rect.height * 0.68
    r = min(rect.width * 0.40, rect.height * 0.52)
    thick = max(6, int(r * 0.2))
    _band(surface, th.c("background"), cx, cy, r, thick, math.pi, 0)
    frac = max(0.0, min(1.0, value / 100.0))
    if frac > 0.002:
        _band(surface, colour, cx, cy, r, thick, math.pi, math.pi * (1 - frac))
    if threshold is not None:
        a = math.pi * (1 - threshold / 100.0)
        pygame.draw.line(surface, th.c("warning"), (cx + (r - thick) * math.cos(a), cy - (r - thick) * math.sin(a)),
                         (cx + (r + thick) * math.cos(a), cy - (r + thick) * math.sin(a)), 3)
    a = math.pi * (1 - frac)
    pygame.draw.line(surface, th.c("text"), (cx, cy), (cx + (r - thick) * math.cos(a), cy - (r - thick) * math.sin(a)), 3)
    pygame.draw.circle(surface, th.c("text"), (cx, cy), max(3, thick // 3))
    p.text(surface, f"{value:.0f}", (cx, cy - r * 0.38), "title", anchor="center", bold=True)
    icon(surface, shape, (rect.left + p.s(20), rect.top + p.s(20)), p.s(9), colour)
    p.text(surface, label, (rect.left + p.s(34), rect.top + p.s(20)), "small", anchor="midleft", bold=True,
           max_w=rect.right - p.s(8) - (rect.left + p.s(34)))
    if status:
        p.text(surface, status, (cx, cy + p.s(16)), "body", anchor="center")
    if delta is not None:
        p.text(surface, f"{'▲' if delta >= 0 else '▼'} {delta:+.1f}", (rect.right - p.s(10), rect.bottom - p.s(14)),
               "small", anchor="midright")


def alliance_gauges(p: Painter, t: Callable[..., str], surface: pygame.Surface, view: dict,
                    crisis_threshold: float, asi_rect: pygame.Rect, aci_rect: pygame.Rect) -> None:
    """The two alliance gauges of a public view: security with its status and crisis line,
    competitiveness against the Rival, each with its change since the round before."""
    th = p.theme
    hist = view["history"]
    asi, aci = view["alliance_security"], view["alliance_competitiveness"]
    d_asi = asi - hist[-2]["alliance_security"] if len(hist) >= 2 else None
    d_aci = aci - hist[-2]["alliance_competitiveness"] if len(hist) >= 2 else None
    status = t(f"asi.{alliance_status(asi, crisis_threshold)}")
    gauge(p, surface, asi_rect, asi, t("index.asi"), th.c("security"), "hexagon", status, crisis_threshold, d_asi)
    gauge(p, surface, aci_rect, aci, t("index.aci"), th.c("competitiveness"), "triangle", t("index.aci.sub"), None,
          d_aci)


def line_chart(p: Painter, surface: pygame.Surface, rect: pygame.Rect, title: str,
               series: Sequence[tuple[str, RGB, str, Sequence[float]]], x_labels: Sequence[str],
               y_max: float | None = None, y_min: float = 0.0, dashed: Sequence[bool] | None = None) -> None:
    """Series are (label, colour, marker shape, values); each ends in a labelled marker."""
    th = p.theme
    p.panel(surface, rect)
    head = p.text(surface, title, (rect.left + p.s(14), rect.top + p.s(10)), "heading", bold=True)
    top = max(rect.top + p.s(48), head.bottom + p.font("small").get_linesize() // 2 + p.s(2))  # the top label clears the title
    plot = pygame.Rect(rect.left + p.s(56), top, rect.width - p.s(200), rect.bottom - p.s(38) - top)
    vals = [v for _, _, _, s in series for v in s]
    hi = y_max if y_max is not None else (max(vals) * 1.1 if vals else 1.0)
    hi = hi if hi > y_min else y_min + 1.0
    for i in range(5):
        y = plot.bottom - plot.height * i / 4
        pygame.draw.line(surface, th.c("panel_edge"), (plot.left, y), (plot.right, y), 1)
        p.text(surface, f"{y_min + (hi - y_min) * i / 4:.0f}", (plot.left - p.s(6), y), "small", th.c("muted"),
               anchor="midright")
    n = max(1, len(x_labels))
    def xy(i: int, v: float) -> tuple[float, float]:
        x = plot.left + (plot.width * i / (n - 1) if n > 1 else plot.width / 2)
        return x, plot.bottom - plot.height * (v - y_min) / (hi - y_min)
    for i, lab in enumerate(x_labels):
        p.text(surface, lab, (xy(i, y_min)[0], plot.bottom + p.s(6)), "small", th.c("muted"), anchor="midtop")
    ends: list[tuple[float, str, RGB, str]] = []
    for k, (label, colour, shape, values) in enumerate(series):
        pts = [xy(i, v) for i, v in enumerate(values)]
        if len(pts) >= 2:
            if dashed and dashed[k]:
                for a, b in zip(pts, pts[1:], strict=False):
                    _dash(surface, colour, a, b, p.s(7))
            else:
                pygame.draw.lines(surface, colour, False, pts, max(2, p.s(2.5)))
        for pt in pts:
            icon(surface, shape, pt, p.s(5), colour)
        if pts:
            ends.append((pts[-1][1], label, colour, shape))
    ends.sort()
    gap = max(p.s(16), p.font("small").get_linesize())  # a label's whole line, at every text scale
    ys: list[float] = []
    for y, *_ in ends:  # end labels, nudged apart downwards ...
        ys.append(max(y, ys[-1] + gap) if ys else y)
    floor = rect.bottom - gap / 2 - p.s(4)
    for i in range(len(ys) - 1, -1, -1):  # ... and back up where they would leave the panel
        ys[i] = min(ys[i], floor if i == len(ys) - 1 else ys[i + 1] - gap)
    for y, (_, label, colour, shape) in zip(ys, ends, strict=True):
        icon(surface, shape, (plot.right + p.s(16), y), p.s(5), colour)
        p.text(surface, label, (plot.right + p.s(26), y), "small", anchor="midleft")


def _dash(surface: pygame.Surface, colour: RGB, a: tuple[float, float], b: tuple[float, float], step: int) -> None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return
    k = 0.0
    while k < length:
        e = min(k + step, length)
        pygame.draw.line(surface, colour, (a[0] + dx * k / length, a[1] + dy * k / length),
                         (a[0] + dx * e / length, a[1] + dy * e / length), 3)
        k += step * 2
