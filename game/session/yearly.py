"""A year's results, as plain data, for the workshop's results screen (console and projector)
and the report: the indices before and after, why alliance security moved (its biggest causes),
incidents, a crisis, the leaders, and lines other features add (standings, event choices).

Extend it by appending a function to `EXTRA_LINES`: ``(game, round, lang) -> list[str]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine import Game
from game.engine.report import QUANTITY_SCALE, cause_text, report_from_ledger

ExtraLines = Callable[[Game, int, str], list[str]]
EXTRA_LINES: list[ExtraLines] = []  # standings, event choices…: each adds lines to a year's results

_START: dict[tuple[str, int, int, str], tuple[float, float, dict[str, float]]] = {}


def _start(game: Game) -> tuple[float, float, dict[str, float]]:
    key = (game.rs.scenario.id, game.seed, game.rounds, game.rs.content_hash)
    if key not in _START:
        g0 = Game.replay(game.rs.scenario, game.seed, game.rounds, [], rules=game.rs.rules)
        v = g0.view_for(None)
        _START[key] = (float(v["alliance_security"]), float(v["alliance_competitiveness"]),
                       {n: ns.security for n, ns in g0.state.nations.items()})
    return _START[key]


def start_indices(game: Game) -> tuple[float, float]:
    """The alliance security and competitiveness indices before the first year resolved."""
    asi, aci, _ = _start(game)
    return asi, aci


def start_security(game: Game) -> dict[str, float]:
    """Each nation's security (0-1) before the first year resolved."""
    return dict(_start(game)[2])


def security_causes(game: Game, round_: int, lang: str = "en", limit: int = 4) -> list[dict[str, Any]]:
    """Why the nations' security moved in ``round_``: each cause's change, averaged over the nations
    (points out of 100), largest first."""
    rs = game.rs
    rep = report_from_ledger(game.state, rs, round_)
    nations = list(rs.nation_ids)
    acc: dict[tuple[str, str], float] = {}
    for n in nations:
        for cause, ref, d in rep.explain(n, "security"):
            acc[(cause, ref)] = acc.get((cause, ref), 0.0) + d * QUANTITY_SCALE["security"] / max(1, len(nations))
    lines = sorted(((c, r, d) for (c, r), d in acc.items() if abs(d) >= 0.05), key=lambda x: -abs(x[2]))
    return [{"cause": c, "ref": r, "text": cause_text(rs, c, r, lang), "delta": d} for c, r, d in lines[:limit]]


def year_results(game: Game, round_: int, lang: str = "en") -> dict[str, Any]:
    """The results of year ``round_`` (already resolved)."""
    rs = game.rs
    hist = game.state.history
    h = next(x for x in hist if x["round"] == round_)
    prev = next((x for x in reversed(hist) if x["round"] < round_), None)
    before = (prev["alliance_security"], prev["alliance_competitiveness"]) if prev else start_indices(game)
    sec = h["security"]
    weakest = min(sec, key=lambda n: (sec[n], n)) if sec else None
    ranking = sorted(h["scores"].items(), key=lambda kv: (-kv[1], kv[0]))
    out: dict[str, Any] = {
        "round": round_,
        "event": rs.events[h["event"]].title.get(lang) if h["event"] in rs.events else None,
        "asi": {"before": before[0], "after": h["alliance_security"]},
        "aci": {"before": before[1], "after": h["alliance_competitiveness"]},
        "crisis": bool(h["crisis"]),
        "causes": security_causes(game, round_, lang),
        "weakest": {"seat": weakest, "name": rs.seat_name(weakest, lang), "security": sec[weakest] * 100}
        if weakest else None,
        "incidents": [{"seat": s, "name": rs.seat_name(s, lang), "count": c}
                      for s, c in sorted(h.get("incidents", {}).items())],
        "leaders": [{"seat": s, "name": rs.seat_name(s, lang), "score": v, "round_score": h["round_scores"].get(s, 0.0)}
                    for s, v in ranking],
        "extra": [line for f in EXTRA_LINES for line in f(game, round_, lang)],
    }
    return out
