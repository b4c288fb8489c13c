"""Export tiers and model access: who can use which model, and how good it is."""

from __future__ import annotations

from .ruleset import Ruleset
from .state import GameState

ROW = "row"  # the rest of the world, as an export-tier target


def tier_between(state: GameState, rs: Ruleset, exporter: str, recipient: str) -> int:
    """The export tier that nation ``exporter`` assigns to nation ``recipient`` (or ROW)."""
    if exporter == recipient:
        return 1
    nation = state.nations.get(exporter)
    if nation is None:  # home nation not at this table: the scenario's default
        return rs.scenario.default_row_tier if recipient == ROW else rs.scenario.default_tier
    default = rs.scenario.default_row_tier if recipient == ROW else rs.scenario.default_tier
    return nation.tiers.get(recipient, default)


def home_nation(state: GameState, seat: str) -> str:
    firm = state.firms.get(seat)
    return firm.home if firm is not None else seat


def capped(rs: Ruleset, model: float, tier: int) -> float:
    """The capability a licensee receives of ``model`` under ``tier``."""
    t = rs.tiers[tier]
    if t.blocked:
        return 0.0
    return max(0.0, model - t.lag_generations * rs.rules.world.generation_gap)


def licensed_capability(state: GameState, rs: Ruleset, licensor: str, licensee: str) -> float:
    firm = state.firms[licensor]
    tier = tier_between(state, rs, firm.home, home_nation(state, licensee))
    return capped(rs, firm.model, tier)


def usable_model(state: GameState, rs: Ruleset, seat: str) -> float:
    """Best model ``seat`` can use: its own, a home firm's, or a licence within tiers."""
    firm = state.firms.get(seat)
    floor = rs.rules.scoring.open_model_floor * state.frontier
    if firm is not None:
        best = max(firm.model, floor)
    else:
        best = max(state.nations[seat].sovereign, floor)
        for f in state.firms.values():
            if f.home == seat and f.model > best:
                best = f.model
    for lid, lf in state.firms.items():
        if lid != seat and seat in lf.licences:
            c = licensed_capability(state, rs, lid, seat)
            if c > best:
                best = c
    return best


def licence_capabilities(state: GameState, rs: Ruleset) -> dict[str, dict[str, float]]:
    """Per licensor: the capability each licensee's home nation receives under its export tier.

    The same values as ``capped(rs, model, tier_between(...))``, with both inlined:
    this runs in every resolution, search included."""
    out: dict[str, dict[str, float]] = {}
    nations, firms, tiers = state.nations, state.firms, rs.tiers
    gap = rs.rules.world.generation_gap
    default, default_row = rs.scenario.default_tier, rs.scenario.default_row_tier
    for lid, lf in firms.items():
        received: dict[str, float] = {}
        exporter = nations.get(lf.home)
        for x in lf.licences:  # seats at the table only (the state is built so, a save is checked so)
            home = x if x in nations else firms[x].home
            if home in received:
                continue
            if home == lf.home:
                tier = 1
            elif exporter is None:
                tier = default_row if home == ROW else default
            else:
                tier = exporter.tiers.get(home, default_row if home == ROW else default)
            t = tiers[tier]
            received[home] = 0.0 if t.blocked else max(0.0, lf.model - t.lag_generations * gap)
        out[lid] = received
    return out


def usable_models(state: GameState, rs: Ruleset,
                  received: dict[str, dict[str, float]] | None = None) -> dict[str, float]:
    """`usable_model` of every seat, in one pass over the licences (the same values).

    ``received``: `licence_capabilities` of this state, if the caller already has it."""
    if received is None:
        received = licence_capabilities(state, rs)
    floor = rs.rules.scoring.open_model_floor * state.frontier
    best: dict[str, float] = {}
    for nid, n in state.nations.items():
        best[nid] = max(n.sovereign, floor)
    for fid, f in state.firms.items():
        best[fid] = max(f.model, floor)
    for f in state.firms.values():
        if f.home in best and f.model > best[f.home] and f.home in state.nations:
            best[f.home] = f.model
    firms = state.firms
    for lid, lf in firms.items():
        caps = received[lid]
        for x in lf.licences:
            if x == lid or x not in best:
                continue
            c = caps[firms[x].home if x in firms else x]
            if c > best[x]:
                best[x] = c
    return {s: best[s] for s in (*state.nations, *state.firms)}


def has_frontier_access(state: GameState, rs: Ruleset, seat: str, usable: float | None = None) -> bool:
    u = usable_model(state, rs, seat) if usable is None else usable
    return u >= state.frontier - rs.rules.world.generation_gap - 1e-9
