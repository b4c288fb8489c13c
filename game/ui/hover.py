"""Details on hover: what a seat panel or a map region holds beyond what it shows.

The lines come from the public view only (what every player may see), through the
message catalog; `draw_tip` sets them in a panel beside what is hovered, on screen and clear of it.
"""

from __future__ import annotations

import pygame

from game.i18n import join_list
from .tips import control_rects, place


def _join(app, items) -> str:
    return join_list(items, app.lang)


def seat_lines(app, seat: str, view: dict, game=None) -> list[str]:
    """The title line, then the figures behind a seat's panel (``game``: the match's by default)."""
    g = game if game is not None else app.match.game
    rs, t, lang = g.rs, app.t, app.lang
    frontier = max(view["frontier"], 1e-9)
    nation, firm = view["nations"].get(seat), view["firms"].get(seat)
    holder = nation or firm
    hist = view["history"]
    last = hist[-1]["round_scores"].get(seat) if hist else None
    lines = [g.seat_name(seat, lang),
             t("hover.budget", budget=holder["budget"]),
             t("hover.score", score=view["scores"].get(seat, 0.0)) if last is None
             else t("hover.score_last", score=view["scores"].get(seat, 0.0), last=last),
             t("hover.model", usable=holder["usable_model"], frontier=frontier)]
    if nation is not None:
        lines.append(t("hover.security", pct=nation["security"] * 100, defence=nation["defence"],
                       incidents=nation["incidents"]))
        top = sorted(nation["data"], key=lambda d: (-nation["data"][d], d))[:2]
        lines.append(t("hover.data", domains=_join(app, (f"{rs.domain_name(d, lang)} {nation['data'][d]:.1f}"
                                                               for d in top))))
        if nation["sovereign"] > 0:
            lines.append(t("hover.sovereign", value=nation["sovereign"]))
        low = min(((o, tr) for o, tr in nation["trust"].items() if o in view["nations"]),
                  key=lambda kv: (kv[1], kv[0]), default=None)
        if low is not None:
            lines.append(t("hover.trust_low", name=g.seat_name(low[0], lang), trust=low[1]))
    else:
        lines.append(t("hover.firm_model", model=firm["model"], pct=firm["weight_security"] * 100))
        lines.append(t("hover.revenue", revenue=firm["revenue"], fees=firm["licence_revenue"]))
        regions = [r for r in rs.region_ids if firm["presence"].get(r, 0.0) > 0]
        if regions:
            lines.append(t("hover.presence", regions=_join(app, (rs.region_name(r, lang) for r in regions))))
    return lines


def region_lines(app, region: str, view: dict) -> list[str]:
    """The title line, then a region's market and who holds it."""
    g = app.match.game
    rs, t, lang = g.rs, app.t, app.lang
    value = sum(view["markets"].get(key, 0.0) for key, r, _d in rs.cells if r == region)
    outside = region in rs.outside_regions
    lines = [rs.region_name(region, lang),
             t("hover.region_value", value=value, kind=t("hover.outside") if outside else t("hover.allied"))]
    held: dict[str, float] = {}
    for key, r, _d in rs.cells:
        if r != region:
            continue
        v = view["markets"].get(key, 0.0)
        for s, sh in view["shares"].get(key, {}).items():
            held[s] = held.get(s, 0.0) + sh * v
    for s, amount in sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))[:4]:
        if value <= 0 or amount <= 0:
            continue
        name = t("hover.unserved") if s not in rs.seat_defs and s != "rival" else rs.seat_name(s, lang)
        lines.append(t("hover.share", name=name, pct=100 * amount / value))
    rp = view["rival"]["presence"].get(region, 0.0)
    if rp > 0:
        lines.append(t("hover.rival", value=rp))
    if not held or value <= 0:  # no cell of the region has been split yet
        lines.append(t("hover.no_market"))
    return lines


def draw_tip(app, surface: pygame.Surface, pos: tuple[int, int], lines: list[str],
             anchor: pygame.Rect | None = None) -> pygame.Rect:
    """A panel of ``lines`` beside the hovered ``anchor`` (a small box round ``pos`` when none is
    given), the first line bold: inside the window, clear of the anchor and, where it can be, of
    the buttons on screen (`tips.place`)."""
    p = app.painter
    pad = p.s(8)
    lh = p.font("tiny").get_linesize()
    width = max([p.font("small", True).size(lines[0])[0]] + [p.font("tiny").size(x)[0] for x in lines[1:]])
    width = min(width + 2 * pad, p.s(420))
    height = p.font("small", True).get_linesize() + lh * (len(lines) - 1) + 2 * pad
    if anchor is None:
        anchor = pygame.Rect(0, 0, p.s(24), p.s(24))
        anchor.center = pos
    manager = getattr(app, "manager", None)
    r = place((width, height), anchor, surface.get_rect(), control_rects(manager) if manager is not None else [],
              gap=p.s(6), pointer_x=pos[0])
    p.panel(surface, r, fill="panel", edge="accent")
    p.text(surface, lines[0], (r.left + pad, r.top + pad), "small", bold=True, max_w=r.width - 2 * pad)
    y = r.top + pad + p.font("small", True).get_linesize()
    for line in lines[1:]:
        p.text(surface, line, (r.left + pad, y), "tiny", max_w=r.width - 2 * pad)
        y += lh
    return r
