"""A year's results on the console and the projector: both indices with their change, why
alliance security moved (its biggest causes), the weakest nation, incidents, a crisis, and the
lines other features add (`game.session.yearly.EXTRA_LINES`: standings, event choices).

Public information only: everything comes from the history and ledger of resolved rounds.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.i18n import join_list
from game.session.yearly import year_results


def results_for(scene: Any) -> dict[str, Any] | None:
    """The results on screen now (None when none are): cached per round and language."""
    ws = scene.app.workshop
    r = ws.results_round()
    if r is None:
        return None
    key = (r, scene.app.lang, len(ws.game.state.history))
    cached = getattr(scene, "_results_cache", None)
    if cached is None or cached[0] != key:
        cached = (key, year_results(ws.game, r, scene.app.lang))
        scene._results_cache = cached
    return cached[1]


def draw_results(scene: Any, surface: pygame.Surface, rect: pygame.Rect, res: dict[str, Any],
                 sizes: tuple[str | int, str | int, str | int]) -> int:
    """Draw ``res`` inside ``rect`` with (heading, line, detail) text sizes; returns the y below."""
    p, th, t = scene.p, scene.app.theme, scene.t
    head, line, small = sizes
    x, w = rect.left, rect.width
    y = p.text(surface, t("ws.results.title", round=res["round"]), (x, rect.top), head, bold=True).bottom + p.s(6)
    for label, key, colour in ((t("index.asi"), "asi", th.c("security")), (t("index.aci"), "aci",
                                                                           th.c("competitiveness"))):
        b, a = res[key]["before"], res[key]["after"]
        y = p.wrap(surface, t("ws.results.index", label=label, before=b, after=a, delta=a - b),
                   pygame.Rect(x, y, w, p.s(80)), line, colour, max_lines=2) + p.s(2)
    if res["crisis"]:
        y = p.wrap(surface, t("res.crisis"), pygame.Rect(x, y, w, p.s(80)), line, th.c("warning"), max_lines=2)
    y += p.s(6)
    y = p.wrap(surface, t("ws.results.why"), pygame.Rect(x, y, w, p.s(80)), small, th.c("muted"), max_lines=2)
    if not res["causes"]:
        y = p.text(surface, t("ws.results.none"), (x, y), small, th.c("muted")).bottom
    for c in res["causes"]:
        mark = "▲" if c["delta"] >= 0 else "▼"
        col = th.c("good") if c["delta"] >= 0 else th.c("bad")
        y = p.wrap(surface, f"{mark} {c['delta']:+.1f}  {c['text']}", pygame.Rect(x + p.s(8), y, w - p.s(8),
                   p.s(80)), small, col, max_lines=2)
    wk = res["weakest"]
    if wk:
        y = p.wrap(surface, t("ws.results.weakest", seat=wk["name"], security=wk["security"]),
                   pygame.Rect(x, y + p.s(4), w, p.s(90)), small, max_lines=2)
    if res["incidents"]:
        words = join_list((f"{i['name']} ×{i['count']}" for i in res["incidents"]), scene.app.lang)
        y = p.wrap(surface, t("ws.results.incidents", list=words), pygame.Rect(x, y + p.s(2), w, p.s(90)), small,
                   th.c("warning"), max_lines=2)
    for extra in res["extra"]:
        y = p.wrap(surface, extra, pygame.Rect(x, y + p.s(2), w, p.s(90)), small, max_lines=2)
    return y
