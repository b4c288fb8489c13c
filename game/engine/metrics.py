"""Metrics that event conditions and objective cards ask about.

Every metric is a pure function of the state; see `game.content.schema.Metric`.
"""

from __future__ import annotations

from .access import ROW, has_frontier_access, tier_between, usable_model
from .ruleset import Ruleset
from .state import GameState

SERVED_SHARE = 0.10  # share of a cell that counts as "serving" a domain


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
    served = set()
    for key, r, d in rs.cells:
        if r in regions and sum(state.shares.get(key, {}).get(o, 0.0) for o in sorted(owners)) >= SERVED_SHARE:
            served.add(d)
    return len(served)


def metric(state: GameState, rs: Ruleset, name: str, seat: str | None = None,
           region: str | None = None) -> float | None:
    """The value of metric ``name``; None when it does not apply (e.g. seat absent)."""
    if name == "round":
        return float(state.round)
    if name == "frontier":
        return state.frontier
    if name == "rival_threat":
        return state.rival.threat
    if name == "rival_capability":
        return state.rival.capability
    if name == "asi":
        return state.asi
    if name == "aci":
        return state.aci
    if name == "min_security":
        return state.min_security
    if name == "nations_with_sovereign":
        return float(sum(1 for n in state.nations.values() if n.sovereign > 0))
    if name == "open_exporters":
        return float(sum(1 for nid in state.nations if tier_between(state, rs, nid, ROW) == 1))
    # seat-level metrics
    if seat is None or (seat not in state.nations and seat not in state.firms):
        return None
    nation = state.nations.get(seat)
    firm = state.firms.get(seat)
    if name == "security":
        return nation.security if nation else None
    if name == "competitiveness":
        return (nation or firm).competitiveness  # type: ignore[union-attr]
    if name == "total_score":
        return state.scores.get(seat, 0.0)
    if name == "row_tier":
        return float(tier_between(state, rs, seat, ROW)) if nation else None
    if name == "sovereign":
        return nation.sovereign if nation else None
    if name == "model_ratio":
        return usable_model(state, rs, seat) / state.frontier
    if name == "defence":
        return nation.defence if nation else None
    if name == "trust_mean":
        if not nation:
            return None
        vals = [n.trust.get(seat, 0.0) for nid, n in state.nations.items() if nid != seat]
        return sum(vals) / len(vals) if vals else 0.0
    if name == "tier1_partners":
        if not nation:
            return None
        return float(sum(1 for other in state.nations if other != seat
                         and tier_between(state, rs, seat, other) == 1))
    if name in ("home_firms_share", "firm_share"):
        return market_share(state, rs, seat, region)
    if name == "domains_served":
        return float(domains_served(state, rs, seat, region))
    if name == "regions_present":
        owners = _owners(state, seat)
        return float(sum(1 for r in rs.region_ids
                         if any(state.firms[o].presence.get(r, 0.0) > 0 for o in owners)))
    if name == "agreements":
        return float(sum(1 for a in state.agreements if a.active and seat in a.members))
    if name == "incidents":
        return float(nation.incidents) if nation else None
    if name == "frontier_access":
        return 1.0 if has_frontier_access(state, rs, seat) else 0.0
    return None


def compare(value: float, op: str, target: float) -> bool:
    if op == ">=":
        return value >= target
    if op == "<=":
        return value <= target
    if op == ">":
        return value > target
    if op == "<":
        return value < target
    return abs(value - target) < 1e-9
