"""The brief: what one seat needs in front of it to act, on the solo table, the order sheet and
the negotiation sheet.

The brief is a list of sections, each made by one function of ``(app, game, seat)`` in
`SECTIONS`: the seat's secret objective and how close it is, the agreements it is in (with
their last year, and a notice the year before and the year one ends), its export tiers, its
data and model access, and the tutorial's current step.  A new mechanic adds its own section
by adding a function to `SECTIONS`.  The brief holds the seat's secret objective: it is drawn
only where that seat alone is looking (the solo table, or behind the hot-seat hand-over).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.engine import Game
from game.i18n import join_list, labelled

# Metrics whose values are fractions, shown as percentages.
PERCENT_METRICS = frozenset({"home_firms_share", "firm_share", "model_ratio", "security"})


@dataclass
class BriefSection:
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (text, theme colour name)


Section = Callable[[object, Game, str], BriefSection | None]


def _num(metric: str, v: float) -> str:
    if metric in PERCENT_METRICS:
        return f"{v * 100:.0f} %"
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}"


def objective_section(app, g: Game, seat: str) -> BriefSection | None:
    pr = g.objective_progress(seat)
    if pr is None:
        return None
    card = g.rs.objectives[pr.id]
    sec = BriefSection(app.t("brief.objective"))
    sec.lines.append((app.t("brief.objective.card", title=card.title.get(app.lang), points=pr.points), "text"))
    sec.lines.append((card.text.get(app.lang), "muted"))
    if pr.met:
        sec.lines.append((app.t("brief.objective.met"), "good"))
        return sec
    now = "—" if pr.value is None else _num(pr.metric, pr.value)
    when = app.t("brief.objective.by", year=pr.by_round) if pr.by_round else app.t("brief.objective.end")
    key = "brief.objective.holds" if pr.holds else "brief.objective.short"
    sec.lines.append((app.t(key, now=now, op=pr.op.replace(">=", "≥").replace("<=", "≤"),
                            target=_num(pr.metric, pr.target), when=when), "good" if pr.holds else "warning"))
    return sec


def lasts_the_game(g: Game, ag: dict) -> bool:
    """Does agreement ``ag`` bind to the game's last year (or past it, once renewed late)?"""
    return ag["end_round"] >= g.rounds


def agreement_notices(app, g: Game, seat: str) -> list[str]:
    """Notices of ``seat``'s agreements that end this year or next (the last year they bind):
    one line per kind and year, naming every partner."""
    ending: dict[tuple[str, int], list[str]] = {}
    for ag in g.agreements():
        if seat not in ag["members"] or g.is_over or lasts_the_game(g, ag):
            continue  # (one that binds to the last year simply lasts the game)
        if ag["end_round"] in (g.round, g.round + 1):
            names = ending.setdefault((ag["kind"], ag["end_round"]), [])
            names += [g.seat_name(m, app.lang) for m in ag["members"] if m != seat]
    out = []
    for (kind, year), names in sorted(ending.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        name = g.rs.agreements[kind].name.get(app.lang)
        key = "brief.ends_now" if year == g.round else "brief.ends_next"  # proposed again this year, it renews
        out.append(app.t(key, name=name, members=join_list(list(dict.fromkeys(names)), app.lang), year=year))
    return out


def agreements_section(app, g: Game, seat: str) -> BriefSection:
    sec = BriefSection(app.t("brief.agreements"))
    mine = [ag for ag in g.agreements() if seat in ag["members"]]
    for notice in agreement_notices(app, g, seat):  # first: the one thing not to miss
        sec.lines.append(("! " + notice, "warning"))
    for ag in mine:
        name = g.rs.agreements[ag["kind"]].name.get(app.lang)
        others = [g.seat_name(m, app.lang) for m in ag["members"] if m != seat]
        ending = ag["end_round"] <= g.round + 1
        whole = lasts_the_game(g, ag)
        text = (app.t("brief.agreement.game", name=name, members=join_list(others, app.lang)) if whole else
                app.t("brief.agreement", name=name, members=join_list(others, app.lang), year=ag["end_round"]))
        sec.lines.append((text, "warning" if ending and not whole else "text"))
    if not mine:
        sec.lines.append((app.t("brief.none"), "muted"))
    return sec


def tiers_section(app, g: Game, seat: str) -> BriefSection | None:
    v = g.view_for(seat)
    nation = v["nations"].get(seat)
    home = seat if nation is not None else v["firms"][seat]["home"]
    tiers = v["nations"].get(home, {}).get("tiers")
    if not tiers:
        return None
    title = app.t("brief.tiers") if nation is not None else app.t("brief.tiers.home", seat=g.seat_name(home, app.lang))
    sec = BriefSection(title)
    by: dict[int, list[str]] = {}
    for target, tier in tiers.items():
        by.setdefault(tier, []).append(app.t("order.row") if target == "row" else g.seat_name(target, app.lang))
    for tier in sorted(by):
        sec.lines.append((labelled(g.rs.tiers[tier].name.get(app.lang), join_list(by[tier], app.lang), app.lang),
                          "text"))
    return sec


def access_section(app, g: Game, seat: str) -> BriefSection:
    v = g.view_for(seat)
    frontier = max(v["frontier"], 1e-9)
    sec = BriefSection(app.t("brief.access"))
    nation = v["nations"].get(seat)
    holder = nation or v["firms"][seat]
    pct = holder["usable_model"] / frontier * 100
    sec.lines.append((app.t("brief.model", usable=holder["usable_model"], frontier=v["frontier"], pct=pct),
                      "text" if pct >= 99.5 else "warning"))
    if nation is not None:
        sec.lines.append((app.t("brief.frontier_yes") if nation["frontier_access"] else app.t("brief.frontier_no"),
                          "text" if nation["frontier_access"] else "warning"))
        data = sorted(nation["data"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        sec.lines.append((app.t("brief.data", list=join_list((f"{g.rs.domain_name(d, app.lang)} {x:.1f}"
                                                                       for d, x in data), app.lang) or "—"), "text"))
        if nation["sovereign"] > 0:
            sec.lines.append((app.t("brief.sovereign", level=nation["sovereign"]), "text"))
    else:
        firm = v["firms"][seat]
        sec.lines.append((app.t("brief.weights", pct=firm["weight_security"] * 100), "text"))
    return sec


def tutorial_step(g: Game, phase: str | None = None):
    """The tutorial's step for this year and ``phase`` (the game's phase unless given), if any."""
    ph = phase or g.phase
    return next((s for s in g.rs.scenario.tutorial if s.round == g.round and s.phase == ph), None)


def tutorial_section(app, g: Game, seat: str) -> BriefSection | None:
    step = tutorial_step(g)
    if step is None:
        return None
    return BriefSection(app.t("table.tutorial"), [(step.text.get(app.lang), "accent")])


SECTIONS: list[Section] = [tutorial_section, objective_section, agreements_section, tiers_section, access_section]


_CACHE: dict[tuple, list] = {}


def _key(app, seat: str, sections: list[Section] | None, *extra: object) -> tuple:
    m = app.match
    g = m.game
    return (id(m), m.version, g.round, g.phase, seat, app.lang,
            tuple(id(f) for f in (SECTIONS if sections is None else sections)), *extra)


def brief(app, seat: str, sections: list[Section] | None = None) -> list[BriefSection]:
    """The seat's brief now (made again only when the match changes)."""
    key = _key(app, seat, sections)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    g = app.match.game
    out = []
    for make in SECTIONS if sections is None else sections:
        sec = make(app, g, seat)
        if sec is not None:
            out.append(sec)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = out
    return out


def draw_brief(app, surface: pygame.Surface, rect: pygame.Rect, seat: str,
               sections: list[Section] | None = None) -> None:
    """The brief in ``rect``: a heading per section, its lines wrapped; a wide panel flows in two
    columns.  What does not fit is cut at a line's end with "…" (never drawn past the panel).
    The layout is kept until the match, the panel or the text scale changes."""
    p = app.painter
    p.panel(surface, rect)
    key = _key(app, seat, sections, "layout", tuple(rect), p.u, id(p.theme))
    ops = _CACHE.get(key)
    if ops is None:
        ops = _layout(app, rect, seat, sections)
        _CACHE[key] = ops
    for text, pos, size, colour, bold, box in ops:
        p.text(surface, text, pos, size, colour, bold=bold, box=box)


def _width(font: pygame.font.Font) -> Callable[[str], int]:
    return lambda t: font.size(t)[0]


def _layout(app, rect: pygame.Rect, seat: str, sections: list[Section] | None) -> list:
    from .draw import ellipsize

    p, th = app.painter, app.theme
    ops: list = []
    inner = rect.inflate(-p.s(16), -p.s(12))

    def one(text: str, x: int, y: int, size: str, colour, bold: bool, width: int) -> int:
        f = p.font(size, bold)
        text = ellipsize(text, width, lambda t: f.size(t)[0])
        ops.append((text, (x, y), size, colour, bold, pygame.Rect(x, y, width, f.get_linesize())))
        return y + f.get_linesize()

    top = one(app.t("brief.title", seat=app.match.game.seat_name(seat, app.lang)), inner.left, inner.top, "small",
              th.c("text"), True, inner.width) + p.s(2)
    ncols = 2 if inner.width >= p.s(560) else 1
    gap = p.s(16)
    colw = (inner.width - gap * (ncols - 1)) // ncols
    col, y = 0, top
    tiny = p.font("tiny").get_linesize()
    title_h = p.font("tiny", True).get_linesize()
    for sec in brief(app, seat, sections):
        wrapped = [(p.wrap_lines(t, colw - p.s(6), "tiny"), c) for t, c in sec.lines]
        need = title_h + sum(len(lines) for lines, _ in wrapped) * tiny
        if y > top and y + need > inner.bottom and col + 1 < ncols:
            col, y = col + 1, top  # the next column, when the whole section fits better there
        x = inner.left + col * (colw + gap)
        if y + title_h + tiny > inner.bottom:
            break
        y = one(sec.title, x, y, "tiny", th.c("accent"), True, colw)
        for lines, colour in wrapped:
            for k, ln in enumerate(lines):
                if y + tiny > inner.bottom:
                    if k or ops:  # the line that does not fit ends the previous one with "…"
                        last = ops[-1]
                        cut = ellipsize(last[0] + "…", last[5].width, _width(p.font("tiny")))
                        ops[-1] = (cut, *last[1:])
                    return ops
                y = one(ln, x + p.s(6), y, "tiny", th.c(colour), False, colw - p.s(6))
        y += p.s(4)
    return ops
