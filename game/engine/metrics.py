"""Metrics that event conditions and objective cards ask about.

Every metric is a pure function of the state; see `game.content.schema.Metric`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from game.content.schema import Metric

from .access import ROW, tier_between, usable_model
from .ruleset import Ruleset
from .state import GameState, NationState

METRICS: tuple[str, ...] = get_args(Metric)


def _owners(state: GameState, seat: str) -> set[str]:
    """The firms whose market results count for ``seat``: its own, or a nation's home
    firms and the firms in a data partnership with it (its data powers their apps)."""
    if seat in state.firms:
        return {seat}
    owners = {f for f, fs in state.firms.items() if fs.home == seat}
    for a in state.agreements:
        if a.active and a.kind == "data_partnership" and seat in a.members:
            owners.update(m for m in a.members if m in state.firms)
    return owners


def market_share(state: GameState, rs: Ruleset, seat: str, region: str | None) -> float:
    owners = _owners(state, seat)
    regions = (region,) if region else rs.outside_regions
    total = held = 0.0
    for key, r, _d in rs.cells:
        if r not in regions:
            continue
        v = state.markets[key]
        total += v
        shares = state.shares.get(key, {})
        held += v * sum(shares.get(o, 0.0) for o in sorted(owners))
    return held / total if total > 0 else 0.0


def domains_served(state: GameState, rs: Ruleset, seat: str, region: str | None) -> int:
    owners = _owners(state, seat)
    regions = (region,) if region else rs.outside_regions
    served_share = rs.rules.scoring.served_share  # share of a cell that counts as serving its domain
    served = set()
    for key, r, d in rs.cells:
        if r in regions and sum(state.shares.get(key, {}).get(o, 0.0) for o in sorted(owners)) >= served_share:
            served.add(d)
    return len(served)


def _nation_metric(fn: Callable[[GameState, Ruleset, str, NationState, str | None], float]) -> _SeatMetric:
    """A seat metric that applies to nations only (None for a firm)."""
    def m(state: GameState, rs: Ruleset, seat: str, region: str | None) -> float | None:
        nation = state.nations.get(seat)
        return fn(state, rs, seat, nation, region) if nation is not None else None
    return m


def _trust_mean(state: GameState, rs: Ruleset, seat: str, nation: NationState, region: str | None) -> float:
    vals = [n.trust.get(seat, 0.0) for nid, n in state.nations.items() if nid != seat]
    return sum(vals) / len(vals) if vals else 0.0


def _tier1_partners(state: GameState, rs: Ruleset, seat: str, nation: NationState, region: str | None) -> float:
    return float(sum(1 for other in state.nations if other != seat and tier_between(state, rs, seat, other) == 1))


def _regions_present(state: GameState, rs: Ruleset, seat: str, region: str | None) -> float:
    owners = _owners(state, seat)
    return float(sum(1 for r in rs.region_ids if any(state.firms[o].presence.get(r, 0.0) > 0 for o in owners)))


def _competitiveness(state: GameState, rs: Ruleset, seat: str, region: str | None) -> float:
    holder = state.nations.get(seat) or state.firms[seat]
    return holder.competitiveness


_SeatMetric = Callable[[GameState, Ruleset, str, "str | None"], "float | None"]

# metrics of the world: (state, ruleset) -> value
WORLD_METRICS: dict[str, Callable[[GameState, Ruleset], float]] = {
    "round": lambda state, rs: float(state.round),
    "frontier": lambda state, rs: state.frontier,
    "rival_threat": lambda state, rs: state.rival.threat,
    "rival_capability": lambda state, rs: state.rival.capability,
    "asi": lambda state, rs: state.asi,
    "aci": lambda state, rs: state.aci,
    "min_security": lambda state, rs: state.min_security,
    "nations_with_sovereign": lambda state, rs: float(sum(1 for n in state.nations.values() if n.sovereign > 0)),
    "open_exporters": lambda state, rs: float(sum(1 for nid in state.nations
                                                  if tier_between(state, rs, nid, ROW) == 1)),
}

# metrics of one seat: (state, ruleset, seat at the table, region) -> value, or None
SEAT_METRICS: dict[str, _SeatMetric] = {
    "security": _nation_metric(lambda state, rs, seat, n, region: n.security),
    "competitiveness": _competitiveness,
    "total_score": lambda state, rs, seat, region: state.scores.get(seat, 0.0),
    "row_tier": _nation_metric(lambda state, rs, seat, n, region: float(tier_between(state, rs, seat, ROW))),
    "sovereign": _nation_metric(lambda state, rs, seat, n, region: n.sovereign),
    "model_ratio": lambda state, rs, seat, region: usable_model(state, rs, seat) / state.frontier,
    "defence": _nation_metric(lambda state, rs, seat, n, region: n.defence),
    "trust_mean": _nation_metric(_trust_mean),
    "tier1_partners": _nation_metric(_tier1_partners),
    "home_firms_share": lambda state, rs, seat, region: market_share(state, rs, seat, region),
    "firm_share": lambda state, rs, seat, region: market_share(state, rs, seat, region),
    "domains_served": lambda state, rs, seat, region: float(domains_served(state, rs, seat, region)),
    "regions_present": _regions_present,
    "agreements": lambda state, rs, seat, region: float(sum(1 for a in state.agreements
                                                            if a.active and seat in a.members)),
    "incidents": _nation_metric(lambda state, rs, seat, n, region: float(n.incidents)),
}

assert set(WORLD_METRICS) | set(SEAT_METRICS) == set(METRICS) and not set(WORLD_METRICS) & set(SEAT_METRICS)


def metric(state: GameState, rs: Ruleset, name: str, seat: str | None = None,
           region: str | None = None) -> float | None:
    """The value of metric ``name``; None when it does not apply (e.g. seat absent)."""
    world = WORLD_METRICS.get(name)
    if world is not None:
        return world(state, rs)
    fn = SEAT_METRICS.get(name)
    if fn is None or seat is None or (seat not in state.nations and seat not in state.firms):
        return None
    return fn(state, rs, seat, region)


COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda value, target: value >= target,
    "<=": lambda value, target: value <= target,
    ">": lambda value, target: value > target,
    "<": lambda value, target: value < target,
    "==": lambda value, target: abs(value - target) < 1e-9,
}


def compare(value: float, op: str, target: float) -> bool:
    return COMPARISONS[op](value, target)
