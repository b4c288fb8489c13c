"""Event cards: drawing, conditions, selectors and effects.

Effects are data (kind, target selector, quantity, amount) interpreted here;
nothing in a card is ever evaluated as code.
"""

from __future__ import annotations

from game.content.schema import Condition, EventCard, Effect, Target

from .access import ROW, has_frontier_access, tier_between
from .ledger import post
from .metrics import compare, metric
from .ruleset import Ruleset
from .state import GameState


def select(state: GameState, rs: Ruleset, selector: str, seat: str | None = None,
           region: str | None = None) -> list[str]:
    """Seat ids chosen by a selector, in table order; ``["world"]`` for the world."""
    nations = list(state.nations)
    firms = list(state.firms)
    if selector == "all_nations":
        return nations
    if selector == "all_firms":
        return firms
    if selector == "all_seats":
        return [s for s in rs.seat_ids]
    if selector == "seat":
        return [seat] if seat in state.nations or seat in state.firms else []
    if selector == "home_firms":
        return [f for f in firms if state.firms[f].home == seat]
    if selector == "nations_with_frontier_access":
        return [n for n in nations if has_frontier_access(state, rs, n)]
    if selector == "nations_without_frontier_access":
        return [n for n in nations if not has_frontier_access(state, rs, n)]
    if selector == "weakest_weight_security_firm":
        if not firms:
            return []
        return [min(firms, key=lambda f: (state.firms[f].weight_security, f))]
    if selector == "lowest_security_nation":
        if not nations:
            return []
        return [min(nations, key=lambda n: (state.nations[n].security, n))]
    if selector == "open_exporters":
        return [n for n in nations if tier_between(state, rs, n, ROW) == 1]
    if selector == "sovereign_programmes":
        return [n for n in nations if state.nations[n].sovereign > 0]
    if selector == "firms_in_region":
        return [f for f in firms if state.firms[f].presence.get(region or "", 0.0) > 0]
    if selector == "world":
        return ["world"]
    return []


def select_target(state: GameState, rs: Ruleset, target: Target) -> list[str]:
    return select(state, rs, target.select, target.seat, target.region)


def condition_holds(state: GameState, rs: Ruleset, cond: Condition) -> bool:
    if state.round < cond.min_round:
        return False
    if cond.max_round is not None and state.round > cond.max_round:
        return False
    for clause in cond.all:
        v = metric(state, rs, clause.metric, clause.seat, clause.region)
        if v is None or not compare(v, clause.op, clause.value):
            return False
    return True


def deck(rs: Ruleset) -> list[str]:
    return list(rs.scenario.deck) if rs.scenario.deck is not None else list(rs.events)


def draw(state: GameState, rs: Ruleset) -> str | None:
    """Draw this round's card: scheduled, else a weighted draw among eligible undrawn cards."""
    scheduled = rs.scenario.scheduled_events.get(state.round)
    if scheduled is not None:
        return scheduled
    pool = [c for c in deck(rs) if c not in state.drawn]
    if not pool:  # deck exhausted: reshuffle everything
        pool = deck(rs)
    eligible = [c for c in pool if condition_holds(state, rs, rs.events[c].condition)]
    if not eligible:
        return None
    return state.rng.weighted(eligible, [rs.events[c].weight for c in eligible])


def apply_card(state: GameState, rs: Ruleset, card: EventCard) -> None:
    for effect in card.effects:
        apply_effect(state, rs, effect, "event", card.id)


def apply_effect(state: GameState, rs: Ruleset, effect: Effect, cause: str, ref: str) -> None:
    targets = select_target(state, rs, effect.target)
    if effect.kind == "incident":
        spared = set(select(state, rs, effect.unless)) if effect.unless else set()
        for t in targets:
            if t in state.nations and t not in spared:
                state.nations[t].queued_incidents += 1
        return
    if effect.kind == "modifier":
        assert effect.modifier is not None
        if effect.modifier == "order_cost_discount":
            if effect.order_kind is not None:
                state.discounts[effect.order_kind] = state.discounts.get(effect.order_kind, 0) + int(effect.amount)
        else:
            state.modifiers[effect.modifier] = effect.amount
        return
    for t in targets:
        _adjust(state, rs, t, effect, cause, ref)


def _change(old: float, effect: Effect, lo: float = 0.0, hi: float | None = None) -> float:
    new = old * effect.amount if effect.mode == "mul" else old + effect.amount
    new = max(lo, new)
    if hi is not None:
        new = min(hi, new)
    return new


def _adjust(state: GameState, rs: Ruleset, target: str, effect: Effect, cause: str, ref: str) -> None:
    q = effect.quantity
    nation = state.nations.get(target)
    firm = state.firms.get(target)
    if q == "defence" and nation:
        new = _change(nation.defence, effect)
        post(state, cause, ref, target, "defence", new - nation.defence)
        nation.defence = new
    elif q == "data" and nation:
        for d in ([effect.domain] if effect.domain else rs.domain_ids):
            new = _change(nation.data[d], effect)
            post(state, cause, ref, target, f"data/{d}", new - nation.data[d])
            nation.data[d] = new
    elif q == "sovereign" and nation:
        new = _change(nation.sovereign, effect)
        post(state, cause, ref, target, "sovereign", new - nation.sovereign)
        nation.sovereign = new
    elif q == "budget" and (nation or firm):
        holder = nation or firm
        assert holder is not None
        new = int(round(_change(holder.budget, effect)))
        post(state, cause, ref, target, "budget", new - holder.budget)
        holder.budget = new
    elif q == "model" and firm:
        new = min(_change(firm.model, effect), state.frontier)
        post(state, cause, ref, target, "model", new - firm.model)
        firm.model = new
    elif q == "apps" and firm:
        for d in ([effect.domain] if effect.domain else rs.domain_ids):
            new = _change(firm.apps.get(d, 0.0), effect)
            post(state, cause, ref, target, f"apps/{d}", new - firm.apps.get(d, 0.0))
            firm.apps[d] = new
    elif q == "presence" and firm:
        for r in ([effect.region] if effect.region else rs.region_ids):
            new = _change(firm.presence.get(r, 0.0), effect)
            post(state, cause, ref, target, f"presence/{r}", new - firm.presence.get(r, 0.0))
            firm.presence[r] = new
    elif q == "weight_security" and firm:
        new = _change(firm.weight_security, effect, 0.0, 1.0)
        post(state, cause, ref, target, "weight_security", new - firm.weight_security)
        firm.weight_security = new
    elif q == "trust" and nation:
        for other_id, other in state.nations.items():
            if other_id == target:
                continue
            old = other.trust.get(target, 0.0)
            new = _change(old, effect, 0.0, 100.0)
            post(state, cause, ref, other_id, f"trust/{target}", new - old)
            other.trust[target] = new
    elif q == "security_shock" and nation:
        nation.shock = min(1.0, nation.shock + abs(effect.amount))
    elif target == "world":
        _adjust_world(state, rs, effect, cause, ref)


def _adjust_world(state: GameState, rs: Ruleset, effect: Effect, cause: str, ref: str) -> None:
    q = effect.quantity
    rival = state.rival
    if q == "rival_capability":
        new = _change(rival.capability, effect, 0.1)
        post(state, cause, ref, "rival", "capability", new - rival.capability)
        rival.capability = new
    elif q == "rival_threat":
        new = _change(rival.threat, effect)
        post(state, cause, ref, "rival", "threat", new - rival.threat)
        rival.threat = new
    elif q == "rival_presence":
        for r in ([effect.region] if effect.region else rs.outside_regions):
            old = rival.presence.get(r, 0.0)
            new = _change(old, effect)
            post(state, cause, ref, "rival", f"presence/{r}", new - old)
            rival.presence[r] = new
    elif q == "market_value":
        for key, r, d in rs.cells:
            if (effect.region is None or r == effect.region) and (effect.domain is None or d == effect.domain):
                new = _change(state.markets[key], effect)
                post(state, cause, ref, "world", f"market/{key}", new - state.markets[key])
                state.markets[key] = new
    elif q == "frontier":
        new = _change(state.frontier, effect, 1.0)
        post(state, cause, ref, "world", "frontier", new - state.frontier)
        state.frontier = new
