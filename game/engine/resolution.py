"""Setting up a game and resolving a round, in one fixed, documented order.

Round flow (see README, "How a round resolves"):

  start of round   income and carried budget; an event card is drawn
  event phase      the card's effects apply when the phase ends
  negotiation      proposals are made and answered; agreements form at once
  orders           every seat submits secretly; a missing seat holds
  resolution       1. orders are revealed; costs are paid
                   2. agreement exits (trust cost)
                   3. export tiers change (cut-offs cost trust)
                   4. licences granted, revoked and bought
                   5. investments: defence, data, sovereign, procurement,
                      market-access deals, R&D, applications, regions,
                      weight security, partnerships
                   6. pact security standards
                   7. world growth: defence wear, frontier, Rival capability,
                      market values
                   8. markets split among entrants; revenue and licence fees;
                      the Rival moves into thin regions
                   9. Rival threat: fading, own growth, leaks, captured markets
                  10. security and incidents (seeded chance)
                  11. competitiveness
                  12. indices and crisis
                  13. round scores; secret objectives with a deadline
                  14. trust drifts; agreements expire; next round or game end
"""

from __future__ import annotations

from .access import ROW, licence_capabilities, usable_models
from .events import apply_card, draw
from .ledger import change
from .metrics import compare, metric
from .negotiation import (
    active,
    add_agreement,
    check_terms_kept,
    close_negotiation,
    expire_agreements,
    open_negotiation,
    remember,
)
from .order_rules import FIRST_STEPS, RULES, STEPS, OrderRule, RoundContext
from .orders import Order, order_text
from .rng import Rng
from .ruleset import Ruleset
from .scoring import competitiveness, indices, markets, rival_presence, rival_threat, security
from .state import FirmState, GameState, NationState, RivalState


# ------------------------------------------------------------------ setup


def new_state(rs: Ruleset, seed: int, rounds: int | None = None) -> GameState:
    sc = rs.scenario
    world = rs.rules.world
    nations: dict[str, NationState] = {}
    firms: dict[str, FirmState] = {}
    for sid in rs.seat_ids:
        d = rs.seat_defs[sid]
        ov = sc.seat_overrides.get(sid)
        if d.nation is not None:
            n = d.nation
            data = {dom: n.data.get(dom, 0.0) for dom in rs.domain_ids}
            if ov:
                data.update(ov.data)
            income = ov.income if ov and ov.income is not None else n.income
            nations[sid] = NationState(
                defence=ov.defence if ov and ov.defence is not None else n.defence,
                data=data,
                sovereign=ov.sovereign if ov and ov.sovereign is not None else n.sovereign,
                tiers={},
                trust={},
                income=income,
                budget=0,
                home_region=n.home_region,
            )
        else:
            f = d.firm
            assert f is not None
            apps = {dom: f.apps.get(dom, 0.0) for dom in rs.domain_ids}
            presence = {r: f.presence.get(r, 0.0) for r in rs.region_ids}
            licences = list(f.licences_to)
            if ov:
                apps.update(ov.apps)
                presence.update(ov.presence)
                if ov.licences_to is not None:
                    licences = list(ov.licences_to)
            firms[sid] = FirmState(
                home=f.home,
                model=ov.model if ov and ov.model is not None else f.model,
                apps=apps,
                presence=presence,
                weight_security=ov.weight_security if ov and ov.weight_security is not None else f.weight_security,
                licences=sorted(x for x in licences if x in rs.seat_ids and x != sid),
                income=ov.income if ov and ov.income is not None else f.income,
                budget=0,
                frontier_lab=f.frontier_lab,
            )
    for nid, ns in nations.items():
        for other in nations:
            if other != nid:
                ns.trust[other] = float(sc.trust)
        for target, tier in sc.tiers.get(nid, {}).items():
            if target == ROW or target in nations:
                ns.tiers[target] = tier
        ns.buyer_trust = dict(ns.trust)
    rival = RivalState(
        capability=world.rival.capability,
        threat=world.rival.threat,
        presence={r.id: r.rival_presence for r in world.regions if r.outside},
        economy=world.rival.economy,
    )
    markets_ = {key: next(x for x in world.regions if x.id == r).values.get(d, 0.0) for key, r, d in rs.cells}
    state = GameState(
        scenario=sc.id,
        seed=seed,
        rounds=rounds if rounds is not None else sc.rounds,
        round=0,
        phase="event",
        rng=Rng(seed),
        frontier=world.frontier,
        nations=nations,
        firms=firms,
        rival=rival,
        markets=markets_,
        shares={},
    )
    for sa in sc.agreements:
        if all(m in rs.seat_ids for m in sa.members):
            add_agreement(state, rs, sa.kind, sa.members, sa.rounds_left)
    # secret objectives: one card per seat from its role's set
    for sid in rs.seat_ids:
        role = rs.seat_defs[sid].role
        cards = [o.id for o in rs.rules.objectives if o.role == role]
        if cards:
            state.objectives[sid] = state.rng.choice(cards)
            state.objectives_met[sid] = False
    # baseline measurement: the starting position, not itemised
    state.record = False
    received = licence_capabilities(state, rs)
    usable = usable_models(state, rs, received)
    markets(state, rs, usable, received)
    security(state, rs, usable, roll_incidents=False)
    competitiveness(state, rs, usable, {})
    state.asi, state.aci = indices(state, rs)
    state.min_security = min((n.security for n in nations.values()), default=0.0)
    state.record = True
    state.scores = {s: 0.0 for s in rs.seat_ids}
    start_round(state, rs)
    return state


# ------------------------------------------------------------------ flow


def start_round(state: GameState, rs: Ruleset) -> None:
    sc = rs.rules.scoring
    state.round += 1
    state.phase = "event"
    state.pending = {}
    state.modifiers = {}
    state.discounts = {}
    state.choices = {}
    for nid, n in state.nations.items():
        n.shock = 0.0
        carry = int(sc.budget_carry * max(0, n.budget))
        change(state, "income", "", nid, "budget", n.income + carry - n.budget)
    for fid, f in state.firms.items():
        carry = int(sc.budget_carry * max(0, f.budget))
        income = f.income + int(round(sc.revenue_to_capital * (f.revenue + f.licence_revenue)))
        received = f.received
        change(state, "income", "", fid, "budget", income + carry - f.budget)
        change(state, "received", "", fid, "budget", received)  # last round's payments become capital
        change(state, "received", "", fid, "received", -received)
    state.event = draw(state, rs)
    if state.event is not None:
        state.drawn.append(state.event)


def set_event(state: GameState, rs: Ruleset, card_id: str | None) -> None:
    """Replace this round's card (a facilitator's choice) before it applies."""
    if state.event is not None and state.drawn and state.drawn[-1] == state.event:
        state.drawn.pop()
    state.event = card_id
    state.choices = {}  # answers were given to the card that is gone
    if card_id is not None:
        state.drawn.append(card_id)


def end_event_phase(state: GameState, rs: Ruleset) -> None:
    if state.event is not None:
        apply_card(state, rs, rs.events[state.event])
    state.phase = "negotiation"
    open_negotiation(state)


def end_negotiation(state: GameState, rs: Ruleset) -> None:
    close_negotiation(state)
    state.phase = "orders"


# ------------------------------------------------------------------ resolution


def resolve(state: GameState, rs: Ruleset, next_round: bool = True) -> dict[str, int]:
    """Resolve the orders phase; returns incidents per nation.

    ``next_round=False`` (search only) stops after scoring, without starting the next
    round: the state is then a finished round's result, good for evaluation only."""
    orders = {s: tuple(state.pending.get(s, ())) for s in rs.seat_ids}
    if state.record:  # search clones (record=False) skip the public record of orders
        state.revealed.append({"round": state.round, "orders": {s: [order_text(o) for o in v] for s, v in orders.items()}})
    # 1. costs
    defs = rs.orders
    for s, os_ in orders.items():
        holder = state.nations.get(s) or state.firms[s]
        cost = 0
        for o in os_:
            cost += RULES[o.kind].cost(state, defs[o.kind], o)
        if cost:
            change(state, "order", "costs", s, "budget", -min(cost, holder.budget))
    # buyers in allied markets act on the trust they held when the last round began (their
    # contracts run a year): a cut-off shows in the markets the round after next
    lagged = rs.rules.scoring.market_trust_weight > 0
    trust_now = {n: dict(ns.trust) for n, ns in state.nations.items()} if lagged else {}
    # 2-5. exits, export tiers, licences, investments: each order in its kind's step
    before = _access_before(state)
    _order_steps(state, rs, orders)
    _remember_cutoffs(state, rs, before)
    # 5b. agreements' terms against the round's orders
    check_terms_kept(state, rs, orders)
    # 6. pact standards
    _pact_standards(state, rs)
    # 7. world growth
    _growth(state, rs, orders)
    # 8. markets
    received = licence_capabilities(state, rs)
    usable = usable_models(state, rs, received)
    markets(state, rs, usable, received, {n: ns.buyer_trust for n, ns in state.nations.items()} if lagged else None)
    for n, t in trust_now.items():
        state.nations[n].buyer_trust = t
    rival_presence(state, rs)
    # 9. threat
    rival_threat(state, rs)
    # 10. security
    incidents = security(state, rs, usable, roll_incidents=True)
    # 11. competitiveness
    competitiveness(state, rs, usable, incidents)
    # 12. indices and crisis
    _indices(state, rs)
    # 13. scores and objectives
    _scores(state, rs)
    if state.record:  # like the revealed orders, the public history is kept by real games only
        _history(state, rs, incidents)
    # 14. trust, agreements, next round
    _trust_drift(state, rs)
    expire_agreements(state)
    if state.round >= state.rounds or state.ended_by_crisis:
        finish(state, rs)
    elif next_round:
        start_round(state, rs)
    else:
        state.phase = "resolved"
    return incidents


def _access_before(state: GameState) -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, ...]]]:
    return ({n: dict(ns.tiers) for n, ns in state.nations.items()},
            {f: tuple(fs.licences) for f, fs in state.firms.items()})


def _remember_cutoffs(state: GameState, rs: Ruleset,
                      before: tuple[dict[str, dict[str, int]], dict[str, tuple[str, ...]]]) -> None:
    """A nation that moved another to a stricter tier, or a lab that revoked a licence, has cut it off."""
    tiers, licences = before
    default = rs.scenario.default_tier
    for n, ns in state.nations.items():
        old = tiers[n]
        for m in state.nations:
            if m != n and ns.tiers.get(m, default) > old.get(m, default):
                remember(state, "cutoff", n, m, f"tier/{ns.tiers.get(m, default)}")
    for f, fs in state.firms.items():
        for x in licences[f]:
            if x not in fs.licences:
                remember(state, "cutoff", f, x, "licence")


def _order_steps(state: GameState, rs: Ruleset, orders: dict[str, tuple[Order, ...]]) -> None:
    ctx = RoundContext()
    by_step: dict[str, list[tuple[OrderRule, str, Order]]] = {step: [] for step in STEPS}
    for s, os_ in orders.items():  # each step's orders in seat order, then in each seat's order
        for o in os_:
            rule = RULES[o.kind]
            by_step[rule.step].append((rule, s, o))
    for step in STEPS:
        todo = by_step[step]
        if step in FIRST_STEPS:
            for rule, s, o in todo:
                rule.first(state, rs, s, o, ctx)
        for rule, s, o in todo:
            rule.apply(state, rs, s, o, ctx)


def _pact_standards(state: GameState, rs: Ruleset) -> None:
    if "frontier_access_pact" not in rs.agreements:
        return
    strength = rs.agreements["frontier_access_pact"].strength
    members: set[str] = set()
    for a in active(state, "frontier_access_pact"):
        members.update(a.members)
    for fid, f in state.firms.items():
        if f.home in members and f.weight_security < 1.0:
            change(state, "pact_standards", "frontier_access_pact", fid, "weight_security", strength, hi=1.0)


def _growth(state: GameState, rs: Ruleset, orders: dict[str, tuple[Order, ...]]) -> None:
    world = rs.rules.world
    sc = rs.rules.scoring
    for nid, n in state.nations.items():
        change(state, "decay", "", nid, "defence", -sc.defence_decay * n.defence)
    push = 0.0
    own: dict[str, float] = {}  # labs that did R&D keep up with the frontier they pushed
    for s, os_ in orders.items():
        f = state.firms.get(s)
        if f is not None and f.frontier_lab:
            own[s] = sum(world.frontier_rnd_push * o.amount for o in os_ if o.kind == "rnd")
            push += own[s]
    change(state, "growth", "", "world", "frontier", world.frontier_growth, also=(("rnd_push", "", push),))
    for fid, f in state.firms.items():
        if f.frontier_lab:  # the labs are the frontier: they keep pace with its base growth
            change(state, "growth", "", fid, "model",
                   to=min(state.frontier, f.model + world.frontier_growth + (push if own.get(fid) else 0.0)))
    rival = state.rival
    change(state, "rival_growth", "", "rival", "capability", world.rival.capability_growth)
    rival.economy *= 1.0 + world.rival.economy_growth
    extra = state.modifiers.get("market_growth", 0.0)
    growth = {r.id: r.growth for r in world.regions}
    for key, r, _d in rs.cells:
        state.markets[key] *= 1.0 + growth[r] + extra


def _indices(state: GameState, rs: Ruleset) -> None:
    state.asi, state.aci = indices(state, rs)
    state.min_security = min((n.security for n in state.nations.values()), default=0.0)
    crisis = rs.scenario.crisis
    if state.asi < crisis.threshold:
        state.crisis_streak += 1
        state.crises += 1
        if crisis.ends_game and state.crisis_streak >= crisis.consecutive:
            state.ended_by_crisis = True
    else:
        state.crisis_streak = 0


def _scores(state: GameState, rs: Ruleset) -> None:
    in_crisis = state.crisis_streak > 0
    penalty = rs.scenario.crisis.score_penalty if in_crisis else 0.0
    for s in rs.seat_ids:
        holder = state.nations.get(s) or state.firms[s]
        base = holder.competitiveness * score_multiplier(state, rs, s)
        lost = base * penalty
        state.round_scores[s] = base - lost
        change(state, "round_score", "", s, "score", base)
        change(state, "crisis", "", s, "score", -lost)  # the crisis loss comes off the total too
    for s, oid in state.objectives.items():
        card = rs.objectives[oid]
        if state.objectives_met.get(s) or card.by_round is None or state.round > card.by_round:
            continue
        v = metric(state, rs, card.metric, s, card.region)
        if v is not None and compare(v, card.op, card.value):
            state.objectives_met[s] = True


def score_multiplier(state: GameState, rs: Ruleset, seat: str) -> float:
    """floor + (1 - floor) x security, where security is the ASI (0-1) blended with the seat's
    own security (a firm's: its home nation's) by ``own_security_weight``."""
    sc = rs.rules.scoring
    sec = state.asi / 100.0
    w = sc.own_security_weight
    if w:
        firm = state.firms.get(seat)
        nation = state.nations.get(firm.home if firm is not None else seat)
        if nation is not None:
            sec = (1.0 - w) * sec + w * nation.security
    return sc.score_floor + (1.0 - sc.score_floor) * sec


def _history(state: GameState, rs: Ruleset, incidents: dict[str, int]) -> None:
    state.history.append({
        "round": state.round,
        "event": state.event,
        "alliance_security": state.asi,
        "alliance_competitiveness": state.aci,
        "crisis": state.crisis_streak > 0,
        "frontier": state.frontier,
        "rival_threat": state.rival.threat,
        "scores": dict(state.scores),
        "round_scores": dict(state.round_scores),
        "security": {n: ns.security for n, ns in state.nations.items()},
        "competitiveness": {s: (state.nations.get(s) or state.firms[s]).competitiveness for s in rs.seat_ids},
        "incidents": dict(incidents),
    })


def _trust_drift(state: GameState, rs: Ruleset) -> None:
    sc = rs.rules.scoring
    neutral, step = sc.trust_neutral, sc.trust_recovery
    for nid, n in state.nations.items():
        trust = n.trust
        for other, t in trust.items():
            if t > neutral:
                new = max(neutral, t - step)
            elif t < neutral:
                new = min(neutral, t + step)
            else:
                continue
            change(state, "trust_drift", "", nid, f"trust/{other}", to=new)


def finish(state: GameState, rs: Ruleset) -> None:
    """End the game: deadline-free objectives are checked and bonuses added."""
    for s, oid in state.objectives.items():
        card = rs.objectives[oid]
        if not state.objectives_met.get(s) and card.by_round is None:
            v = metric(state, rs, card.metric, s, card.region)
            if v is not None and compare(v, card.op, card.value):
                state.objectives_met[s] = True
        if state.objectives_met.get(s):
            change(state, "objective", oid, s, "score", state.scores.get(s, 0.0) * card.points / 100.0)
    if state.history and state.record:  # the last round's totals include the bonuses (a new entry: entries are shared)
        last = state.history[-1]
        state.history[-1] = {**last, "scores": dict(state.scores), "scores_before_objectives": last["scores"]}
    state.phase = "over"
    state.pending = {}
