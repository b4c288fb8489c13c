"""An original, stylised world map of the market regions, drawn with code.

Each region is a soft blob placed at its `map_x`/`map_y`; its size follows its
market value.  Over it: the region's name, who leads its market and who is
present (seat icons, the Rival Bloc as a marked diamond).  The land is cached;
only labels and icons are drawn each frame.
"""

from __future__ import annotations

import math
import zlib

import pygame

from game.content import load_rules

from .draw import icon
from .theme import seat_rgb

_CACHE: dict[tuple, pygame.Surface] = {}


def _regions(app):
    if app.match is not None:
        return app.match.game.rs.rules.world.regions
    return load_rules().world.regions


def _blob(region, rect: pygame.Rect, scale: float) -> list[tuple[float, float]]:
    seed = zlib.crc32(region.id.encode())
    cx = rect.left + region.map_x * rect.width
    cy = rect.top + region.map_y * rect.height
    value = sum(region.values.values())
    r = min(rect.width, rect.height * 2) * (0.035 + 0.035 * math.sqrt(value / 135.0)) * scale
    stretch = 0.75 + (seed % 50) / 100.0
    pts = []
    n = 28
    for k in range(n):
        a = 2 * math.pi * k / n
        wob = 1.0 + 0.13 * math.sin(3 * a + seed % 7) + 0.08 * math.sin(5 * a + seed % 11)
        pts.append((cx + r * wob * math.cos(a), cy + r * wob * stretch * math.sin(a)))
    return pts


def region_centres(app, rect: pygame.Rect) -> dict[str, tuple[float, float]]:
    return {r.id: (rect.left + r.map_x * rect.width, rect.top + r.map_y * rect.height) for r in _regions(app)}


def _land(app, size: tuple[int, int]) -> pygame.Surface:
    key = (size, app.painter.u, id(_regions(app)))
    surf = _CACHE.get(key)
    if surf is not None:
        return surf
    th = app.theme
    surf = pygame.Surface(size)
    surf.fill(th.c("ocean"))
    rect = surf.get_rect().inflate(-size[0] * 0.06, -size[1] * 0.1)
    step = max(8, size[0] // 24)
    for x in range(0, size[0], step):  # a quiet graticule
        pygame.draw.line(surf, th.c("ocean_line"), (x, 0), (x, size[1]))
    for y in range(0, size[1], step):
        pygame.draw.line(surf, th.c("ocean_line"), (0, y), (size[0], y))
    for reg in _regions(app):
        pts = _blob(reg, rect, 1.0)
        fill = th.c("land_outside") if reg.outside else th.c("land")
        pygame.draw.polygon(surf, fill, pts)
        if reg.outside:  # outside markets: a dotted coast, not only another colour
            for i in range(0, len(pts), 2):
                pygame.draw.line(surf, th.c("rival"), pts[i], pts[(i + 1) % len(pts)], 2)
        else:
            pygame.draw.polygon(surf, th.c("accent"), pts, 2)
    _CACHE.clear()
    _CACHE[key] = surf
    return surf


def leaders(view: dict, rs) -> dict[str, tuple[str, float]]:
    """Region → (seat or 'rival', share of the region's market value)."""
    out: dict[str, tuple[str, float]] = {}
    for rid in rs.region_ids:
        acc: dict[str, float] = {}
        total = 0.0
        for key, r, _d in rs.cells:
            if r != rid:
                continue
            v = view["markets"].get(key, 0.0)
            total += v
            for s, sh in view["shares"].get(key, {}).items():
                acc[s] = acc.get(s, 0.0) + sh * v
        if acc and total > 0:
            best = max(acc.items(), key=lambda kv: (kv[1], kv[0]))
            out[rid] = (best[0], best[1] / total)
    return out


def draw_world(app, surface: pygame.Surface, rect: pygame.Rect, view: dict | None) -> dict[str, tuple[float, float]]:
    """Draw the map; returns where each region's centre was drawn (for hover look-ups)."""
    surface.blit(_land(app, rect.size), rect.topleft)
    p, th = app.painter, app.theme
    inner = pygame.Rect(0, 0, rect.width, rect.height).inflate(-rect.width * 0.06, -rect.height * 0.1)
    inner.move_ip(rect.topleft)
    centres = region_centres(app, inner)
    lang = app.lang
    rs = app.match.game.rs if app.match is not None else None
    lead = leaders(view, rs) if view is not None and rs is not None else {}
    names: dict[str, pygame.Rect] = {}  # where each region's name goes, so other labels keep clear of it
    for reg in _regions(app):
        cx, cy = centres[reg.id]
        names[reg.id] = pygame.Rect((0, 0), p.font("small", True).size(reg.name.get(lang)))
        names[reg.id].center = (int(cx), int(cy - p.s(16)))
    for reg in _regions(app):
        cx, cy = centres[reg.id]
        p.text(surface, reg.name.get(lang), (cx, cy - p.s(16)), "small", anchor="center", bold=True)
        if view is None or rs is None:
            continue
        if reg.id in lead:
            seat, share = lead[reg.id]
            if seat in rs.seat_defs and seat in rs.seat_ids:
                d = rs.seat_defs[seat]
                name = rs.seat_name(seat, lang)
            else:
                name = rs.seat_name("rival", lang)
            label = app.t("map.leader", name=name, share=share * 100)
            lr = pygame.Rect((0, 0), p.font("tiny").size(label))
            lr.center = (int(cx), int(cy + p.s(1)))
            for other, nr in names.items():  # slide sideways off a neighbour's name
                if other != reg.id and lr.colliderect(nr):
                    lr.x += (nr.left - p.s(4) - lr.right) if nr.centerx > lr.centerx else (nr.right + p.s(4) - lr.left)
            p.text(surface, label, lr.center, "tiny", anchor="center")
        present = [f for f, fv in view["firms"].items() if fv["presence"].get(reg.id, 0) > 0]
        present += [n for n in rs.nation_ids
                    if rs.seat_defs[n].nation is not None and rs.seat_defs[n].nation.home_region == reg.id]
        x = cx - len(present) * p.s(6.5)
        for s in present:
            d = rs.seat_defs[s]
            icon(surface, d.icon, (x, cy + p.s(18)), p.s(5), seat_rgb(d.colour))
            x += p.s(13)
        rp = view["rival"]["presence"].get(reg.id, 0.0)
        if rp > 0:
            _rival_mark(surface, (x, cy + p.s(18)), p.s(6), th.c("rival"))
    if view is not None:  # legend: line style and marks, not colour alone
        lx, ly = rect.left + p.s(10), rect.bottom - p.s(16)
        pygame.draw.line(surface, th.c("accent"), (lx, ly), (lx + p.s(22), ly), 2)
        lx = p.text(surface, app.t("map.allied"), (lx + p.s(28), ly), "tiny", th.c("muted"), anchor="midleft").right
        for i in range(3):
            pygame.draw.line(surface, th.c("rival"), (lx + p.s(14 + 8 * i), ly), (lx + p.s(18 + 8 * i), ly), 2)
        lx = p.text(surface, app.t("map.outside"), (lx + p.s(44), ly), "tiny", th.c("muted"), anchor="midleft").right
        _rival_mark(surface, (lx + p.s(20), ly), p.s(6), th.c("rival"))
        p.text(surface, app.t("map.rival"), (lx + p.s(30), ly), "tiny", th.c("muted"), anchor="midleft")
    return centres


def _rival_mark(surface: pygame.Surface, c: tuple[float, float], r: int, colour) -> None:
    """The Rival Bloc: a diamond with a dark bar across, never told by colour alone."""
    icon(surface, "diamond", c, r, colour, (20, 20, 20))
    pygame.draw.line(surface, (20, 20, 20), (c[0] - r * 0.5, c[1]), (c[0] + r * 0.5, c[1]), max(1, r // 3))
