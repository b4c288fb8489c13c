"""Event cards: drawing, conditions, selectors and effects.

Effects are data (kind, target selector, quantity, amount) interpreted here;
nothing in a card is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

from game.content.schema import Condition, EventCard, EventChoice, Effect, Selector, Target

from .access import ROW, has_frontier_access, tier_between
from .ledger import change
from .metrics import compare, metric
from .ruleset import Ruleset
from .state import GameState


def _weakest_firm(state: GameState, rs: Ruleset, seat: str | None, region: str | None) -> list[str]:
    firms = state.firms
    return [min(firms, key=lambda f: (firms[f].weight_security, f))] if firms else []


def _lowest_security(state: GameState, rs: Ruleset, seat: str | None, region: str | None) -> list[str]:
    nations = state.nations
    return [min(nations, key=lambda n: (nations[n].security, n))] if nations else []


_Select = Callable[[GameState, Ruleset, "str | None", "str | None"], list[str]]

# selector -> (state, ruleset, seat, region) -> seat ids in table order
SELECTORS: dict[str, _Select] = {
    "all_nations": lambda state, rs, seat, region: list(state.nations),
    "all_firms": lambda state, rs, seat, region: list(state.firms),
    "all_seats": lambda state, rs, seat, region: list(rs.seat_ids),
    "seat": lambda state, rs, seat, region: [seat] if seat in state.nations or seat in state.firms else [],
    "home_firms": lambda state, rs, seat, region: [f for f, fs in state.firms.items() if fs.home == seat],
    "nations_with_frontier_access": lambda state, rs, seat, region: [
        n for n in state.nations if has_frontier_access(state, rs, n)],
    "nations_without_frontier_access": lambda state, rs, seat, region: [
        n for n in state.nations if not has_frontier_access(state, rs, n)],
    "weakest_weight_security_firm": _weakest_firm,
    "lowest_security_nation": _lowest_security,
    "open_exporters": lambda state, rs, seat, region: [
        n for n in state.nations if tier_between(state, rs, n, ROW) == 1],
    "sovereign_programmes": lambda state, rs, seat, region: [
        n for n, ns in state.nations.items() if ns.sovereign > 0],
    "firms_in_region": lambda state, rs, seat, region: [
        f for f, fs in state.firms.items() if fs.presence.get(region or "", 0.0) > 0],
    "world": lambda state, rs, seat, region: ["world"],
    # in a choice's option, ``seat`` is the seat that chose it
    "chooser": lambda state, rs, seat, region: [seat] if seat in state.nations or seat in state.firms else [],
    "chooser_firms": lambda state, rs, seat, region: (
        [f for f, fs in state.firms.items() if fs.home == seat] if seat in state.nations
        else [seat] if seat in state.firms else []),
}

assert set(SELECTORS) == set(get_args(Selector))


def select(state: GameState, rs: Ruleset, selector: str, seat: str | None = None,
           region: str | None = None) -> list[str]:
    """Seat ids chosen by a selector, in table order; ``["world"]`` for the world."""
    fn = SELECTORS.get(selector)
    return fn(state, rs, seat, region) if fn is not None else []


def select_target(state: GameState, rs: Ruleset, target: Target, chooser: str | None = None) -> list[str]:
    seat = chooser if target.select in ("chooser", "chooser_firms") else target.seat
    return select(state, rs, target.select, seat, target.region)


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


def choosers(state: GameState, rs: Ruleset) -> list[str]:
    """The seats this round's card puts its choice to, in table order (none outside the event phase)."""
    if state.phase != "event" or state.event is None:
        return []
    ch = rs.events[state.event].choice
    if ch is None:
        return []
    return [s for s in select_target(state, rs, ch.to) if s in state.nations or s in state.firms]


def option_of(choice: EventChoice, option: str) -> int | None:
    """The index of ``option`` among the choice's options, or None."""
    return next((i for i, o in enumerate(choice.options) if o.id == option), None)


def apply_card(state: GameState, rs: Ruleset, card: EventCard) -> None:
    """The card's effects, then each chooser's option (its answer, else the default), in table order."""
    hit = choosers(state, rs)  # who is asked is decided on the position the card was shown in
    for effect in card.effects:
        apply_effect(state, rs, effect, "event", card.id)
    ch = card.choice
    if ch is None:
        return
    for seat in hit:
        answered = state.choices.get(seat)
        option = answered if answered is not None else ch.default
        i = option_of(ch, option)
        assert i is not None  # Game.choose and the save check accept known options only
        for effect in ch.options[i].effects:
            apply_effect(state, rs, effect, "choice", f"{card.id}/{option}", chooser=seat)
        state.decisions.append({"round": state.round, "event": card.id, "seat": seat, "option": option,
                                "answered": answered is not None})
    state.choices = {}


def apply_effect(state: GameState, rs: Ruleset, effect: Effect, cause: str, ref: str,
                 chooser: str | None = None) -> None:
    targets = select_target(state, rs, effect.target, chooser)
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


def _scaled(state: GameState, cause: str, ref: str, target: str, quantity: str, old: float, effect: Effect,
            lo: float = 0.0, hi: float | None = None) -> None:
    """One adjustment through the ledger: ``add`` adds the amount, ``mul`` scales the value."""
    if effect.mode == "mul":
        change(state, cause, ref, target, quantity, to=_change(old, effect, lo, hi))
    else:
        change(state, cause, ref, target, quantity, effect.amount, lo, hi)


def _adjust_nation(state: GameState, rs: Ruleset, target: str, effect: Effect, cause: str, ref: str) -> None:
    q = effect.quantity
    nation = state.nations[target]
    if q in ("defence", "sovereign"):
        _scaled(state, cause, ref, target, q, getattr(nation, q), effect)
    elif q == "data":
        for d in ([effect.domain] if effect.domain else rs.domain_ids):
            _scaled(state, cause, ref, target, f"data/{d}", nation.data[d], effect)
    elif q == "trust":
        for other_id, other in state.nations.items():
            if other_id != target:
                _scaled(state, cause, ref, other_id, f"trust/{target}", other.trust.get(target, 0.0), effect, 0.0, 100.0)
    elif q == "security_shock":
        nation.shock = min(1.0, nation.shock + abs(effect.amount))


def _adjust_firm(state: GameState, rs: Ruleset, target: str, effect: Effect, cause: str, ref: str) -> None:
    q = effect.quantity
    firm = state.firms[target]
    if q == "model":
        change(state, cause, ref, target, "model", to=min(_change(firm.model, effect), state.frontier))
    elif q == "apps":
        for d in ([effect.domain] if effect.domain else rs.domain_ids):
            _scaled(state, cause, ref, target, f"apps/{d}", firm.apps.get(d, 0.0), effect)
    elif q == "presence":
        for r in ([effect.region] if effect.region else rs.region_ids):
            _scaled(state, cause, ref, target, f"presence/{r}", firm.presence.get(r, 0.0), effect)
    elif q == "weight_security":
        _scaled(state, cause, ref, target, "weight_security", firm.weight_security, effect, 0.0, 1.0)


def _adjust(state: GameState, rs: Ruleset, target: str, effect: Effect, cause: str, ref: str) -> None:
    q = effect.quantity
    if q == "budget" and (target in state.nations or target in state.firms):
        holder = state.nations.get(target) or state.firms[target]
        change(state, cause, ref, target, "budget", to=int(round(_change(holder.budget, effect))))
    elif target in state.nations:
        _adjust_nation(state, rs, target, effect, cause, ref)
    elif target in state.firms:
        _adjust_firm(state, rs, target, effect, cause, ref)
    elif target == "world":
        _adjust_world(state, rs, effect, cause, ref)


def _adjust_world(state: GameState, rs: Ruleset, effect: Effect, cause: str, ref: str) -> None:
    q = effect.quantity
    rival = state.rival
    if q == "rival_capability":
        _scaled(state, cause, ref, "rival", "capability", rival.capability, effect, 0.1)
    elif q == "rival_threat":
        _scaled(state, cause, ref, "rival", "threat", rival.threat, effect)
    elif q == "rival_presence":
        for r in ([effect.region] if effect.region else rs.outside_regions):
            _scaled(state, cause, ref, "rival", f"presence/{r}", rival.presence.get(r, 0.0), effect)
    elif q == "market_value":
        for key, r, d in rs.cells:
            if (effect.region is None or r == effect.region) and (effect.domain is None or d == effect.domain):
                _scaled(state, cause, ref, "world", f"market/{key}", state.markets[key], effect)
    elif q == "frontier":
        _scaled(state, cause, ref, "world", "frontier", state.frontier, effect, 1.0)
