"""A seat's panel on the table: icon, name, who plays it, budget, model access, security, trust."""

from __future__ import annotations

import pygame

from .draw import icon
from .theme import seat_rgb


def seat_label(app, seat: str) -> str:
    return app.match.game.seat_name(seat, app.lang)


def draw_seat_panel(app, surface: pygame.Surface, r: pygame.Rect, seat: str, view: dict,
                    highlight: bool = False) -> None:
    p, th, m = app.painter, app.theme, app.match
    rs = m.game.rs
    d = rs.seat_defs[seat]
    p.panel(surface, r, edge="accent" if highlight else "panel_edge")
    pygame.draw.rect(surface, seat_rgb(d.colour), (r.left, r.top + p.s(6), p.s(5), r.height - p.s(12)))
    icon(surface, d.icon, (r.left + p.s(22), r.top + p.s(18)), p.s(9), seat_rgb(d.colour))
    who = app.t("seat.human") if m.is_human(seat) else app.t("seat.ai")
    name = seat_label(app, seat)
    status, done = "", False
    if view["phase"] == "orders":  # in the header, never over a meter
        done = bool(view["submitted"].get(seat))
        status = app.t("seat.ready") if done else app.t("seat.deciding")
    mark = status.split(" ", 1)[0]  # ✓ or …
    tiny = p.font("tiny")
    left, right_edge, gap = r.left + p.s(36), r.right - p.s(8), p.s(6)

    def width(*tags: str) -> int:
        return sum(tiny.size(t)[0] + gap for t in tags if t)

    # the seat's whole name first: then as much of who plays it and its orders' status as fits
    size = "small"
    tags: tuple[str, ...] = (who, mark)
    for size, tags in (("small", (who, status)), ("small", (who, mark)), ("small", (mark,)),
                       ("tiny", (who, mark)), ("tiny", (mark,))):
        if p.font(size, True).size(name)[0] <= right_edge - left - width(*tags):
            break
    x = right_edge
    for t in tags:
        if not t:
            continue
        colour = th.c("muted") if t == who or not done else th.c("text")
        x = p.text(surface, t, (x, r.top + p.s(18)), "tiny", colour, anchor="midright").left - gap
    p.text(surface, name, (left, r.top + p.s(18)), size, anchor="midleft", bold=True, max_w=max(p.s(20), x - left))
    frontier = max(view["frontier"], 1e-9)
    nation = view["nations"].get(seat)
    firm = view["firms"].get(seat)
    holder = nation or firm
    x, y, w = r.left + p.s(14), r.top + p.s(32), r.width - p.s(24)
    line = p.s(16)
    budget = app.t("seat.budget", budget=holder["budget"])
    p.text(surface, budget, (x, y), "tiny")
    standing = (view.get("standings") or {}).get(seat)
    score = view["scores"].get(seat, 0.0)
    # the score beside the budget, never over it: the standing in short, or left out, in a narrow panel
    room = w - tiny.size(budget)[0] - gap
    options = [app.t("seat.score", score=score)] if standing is None else [
        app.t("seat.score_standing", score=score, standing=standing),
        app.t("seat.score_standing_short", score=score, standing=standing), app.t("seat.score", score=score)]
    text = next((o for o in options if tiny.size(o)[0] <= room), options[-1])
    p.text(surface, text, (x + w, y), "tiny", anchor="topright", max_w=max(p.s(20), room))
    y += line
    access = holder["usable_model"] / frontier
    _meter(app, surface, x, y, w, app.t("seat.access", pct=access * 100), access, th.c("accent"))
    y += line
    if nation is not None:
        _meter(app, surface, x, y, w, app.t("seat.security", pct=nation["security"] * 100), nation["security"],
               th.c("security"))
        y += line
        others = [view["nations"][o]["trust"].get(seat) for o in view["nations"] if o != seat]
        others = [t for t in others if t is not None]
        trust = sum(others) / len(others) if others else 0.0
        _meter(app, surface, x, y, w, app.t("seat.trust", trust=trust), trust / 100.0, th.c("muted"))
    else:
        _meter(app, surface, x, y, w, app.t("seat.weights", pct=firm["weight_security"] * 100),
               firm["weight_security"], th.c("security"))
        y += line
        p.text(surface, app.t("seat.revenue", revenue=firm["revenue"]), (x, y), "tiny")


def _meter(app, surface, x: int, y: int, w: int, label: str, frac: float, colour) -> None:
    p = app.painter
    p.text(surface, label, (x, y), "tiny")
    bw, bh = int(w * 0.36), p.s(9)
    # the bar ends where its label's letters do, clear of the score above it at any text size
    top = max(y + p.s(3), y + p.font("tiny").get_ascent() - bh)
    p.bar(surface, pygame.Rect(x + w - bw, top, bw, bh), frac, colour)
