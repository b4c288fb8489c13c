"""Markets, Rival threat, security, competitiveness, the alliance indices and scores.

Each function reads and writes the state and posts its changes to the ledger
with their causes.  Resolution calls the steps one by one in the documented order.
"""

from __future__ import annotations

import math

from .access import ROW, tier_between
from .ledger import change, post, recompute
from .negotiation import active
from .ruleset import Ruleset
from .state import Agreement, GameState, NationState

UNSERVED = "unserved"


def logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


# ------------------------------------------------------------------ markets


def _partnership_apps(state: GameState, rs: Ruleset) -> dict[str, dict[str, float]]:
    """Extra application level each firm gets from its data partnerships."""
    extra: dict[str, dict[str, float]] = {}
    strength = rs.agreements["data_partnership"].strength if "data_partnership" in rs.agreements else 0.0
    for a in active(state, "data_partnership"):
        firm = next((m for m in a.members if m in state.firms), None)
        nation = next((m for m in a.members if m in state.nations), None)
        if firm is None or nation is None:
            continue
        bonus = extra.setdefault(firm, {})
        for d, v in state.nations[nation].data.items():
            bonus[d] = bonus.get(d, 0.0) + strength * v
    return extra


def buyer_trust(state: GameState, rs: Ruleset, trust: dict[str, dict[str, float]] | None = None) -> dict[tuple[str, str], float]:
    """(home region, exporter nation) -> the factor on an exporter's firms' strength there.

    A region that is home to nations at the table buys from a nation's firms as far as it
    trusts that nation: each home nation's trust under neutral (``trust``: as its buyers
    hold it, see ``NationState.buyer_trust``; default the trust now) lowers the factor, weighted by income; trust at or above neutral, and
    the firms' own nation, count 1.  Only pairs below 1 are listed."""
    sc = rs.rules.scoring
    k = sc.market_trust_weight
    out: dict[tuple[str, str], float] = {}
    if not k:
        return out
    neutral = sc.trust_neutral
    by_region: dict[str, list[str]] = {}
    for n, ns in state.nations.items():
        by_region.setdefault(ns.home_region, []).append(n)
    homes = sorted({f.home for f in state.firms.values() if f.home in state.nations})
    for r, buyers in by_region.items():
        weight = sum(state.nations[b].income for b in buyers) or 1
        for h in homes:
            total = 0.0
            for b in buyers:
                t = (trust[b] if trust is not None else state.nations[b].trust).get(h, neutral) if b != h else neutral
                f = 1.0 if t >= neutral or neutral <= 0 else (max(0.0, t) / neutral) ** k
                total += state.nations[b].income * f
            factor = total / weight
            if factor < 1.0 - 1e-12:
                out[r, h] = factor
    return out


def _entrants(state: GameState, rs: Ruleset, usable: dict[str, float]) -> list[tuple[str, dict[str, float], float, list[tuple[int, float]]]]:
    """Per firm: its presence, outside access, and (domain index, reach x apps) for every domain
    (`_region_cells` keeps the cells where the firm's strength is above zero)."""
    beta = rs.rules.scoring.beta
    frontier = state.frontier
    extra = _partnership_apps(state, rs)
    entrants = []
    for fid, f in state.firms.items():
        bonus = extra.get(fid)
        reach = (usable[fid] / frontier) ** beta
        served = []
        for i, d in enumerate(rs.domain_ids):
            apps = f.apps.get(d, 0.0) + (bonus.get(d, 0.0) if bonus else 0.0)
            served.append((i, reach * apps))
        entrants.append((fid, f.presence, rs.tiers[tier_between(state, rs, f.home, ROW)].outside_access, served))
    return entrants


def _region_cells(entrants: list[tuple[str, dict[str, float], float, list[tuple[int, float]]]], r: str, row_in: bool, n_domains: int) -> list[list[tuple[str, float]]]:
    """Per domain of region ``r``: (firm, strength) of every entrant, in table order."""
    cells: list[list[tuple[str, float]]] = [[] for _ in range(n_domains)]
    for fid, presence, row, served in entrants:
        p = presence.get(r, 0.0)
        if p <= 0:
            continue
        if row_in and row != 1.0:
            for i, x in served:
                s = x * p * row
                if s > 0:
                    cells[i].append((fid, s))
        else:  # x * p * 1.0 == x * p exactly
            for i, x in served:
                s = x * p
                if s > 0:
                    cells[i].append((fid, s))
    return cells


def _joint_initiatives(items: list[tuple[str, float]], groups: list[set[str]], factor: float) -> list[tuple[str, float]]:
    """Strengths with the joint-market-initiative bonus for members that meet in a cell."""
    if not groups or len(items) <= 1:
        return items
    strengths = dict(items)
    for g in groups:
        present = [fid for fid in strengths if fid in g]
        if len(present) > 1:
            for fid in present:
                strengths[fid] *= factor
    return list(strengths.items())


def _post_revenue(state: GameState, revenue: dict[str, float], by_region: dict[str, dict[str, float]]) -> None:
    for fid, f in state.firms.items():
        if state.record:  # itemise by region only when someone will read the ledger
            for r in sorted(set(f.revenue_by_region) | set(by_region[fid])):
                delta = by_region[fid].get(r, 0.0) - f.revenue_by_region.get(r, 0.0)
                post(state, "market", r, fid, "competitiveness", delta)
        f.revenue = revenue[fid]
        f.revenue_by_region = by_region[fid]


def _licence_fees(state: GameState, rs: Ruleset, received: dict[str, dict[str, float]]) -> None:
    fee = rs.rules.scoring.licence_fee
    frontier = state.frontier
    nations, firms = state.nations, state.firms
    for lid, lf in firms.items():
        income = 0.0
        caps = received[lid]  # recipient's home nation -> capability it receives
        for x in lf.licences:
            if x in nations:
                income += fee * caps[x] / frontier
            elif x in firms:
                income += fee * caps[firms[x].home] / frontier
        post(state, "licence_fees", "", lid, "competitiveness", income - lf.licence_revenue)
        lf.licence_revenue = income


def markets(state: GameState, rs: Ruleset, usable: dict[str, float], received: dict[str, dict[str, float]],
            trust: dict[str, dict[str, float]] | None = None) -> None:
    """Split every market cell among its entrants and pay revenue, then licence fees.

    A firm's strength in a cell is (model ratio ** beta * application level) * presence
    * outside access; a cell's shares are strengths over their total, the Rival's last.
    ``received``: `licence_capabilities` of this state (the caller has it for `usable_models`).
    In a region that is home to other nations, a firm's strength is scaled by those
    nations' trust in its home nation (`buyer_trust`; ``trust``: the trust buyers act on)."""
    rival = state.rival
    firms = state.firms
    domains = rs.domain_ids
    jmi_strength = rs.agreements["joint_market_initiative"].strength if "joint_market_initiative" in rs.agreements else 0.0
    jmi_groups = [set(a.members) for a in active(state, "joint_market_initiative")]
    jmi_factor = 1.0 + jmi_strength
    entrants = _entrants(state, rs, usable)
    distrust = buyer_trust(state, rs, trust)
    rival_pow = (rival.capability / state.frontier) ** rs.rules.scoring.beta * rs.rules.world.rival.apps
    revenue: dict[str, float] = {fid: 0.0 for fid in firms}
    by_region: dict[str, dict[str, float]] = {fid: {} for fid in firms}
    rival_revenue = 0.0
    outside = rs.outside_regions
    values = state.markets
    all_shares = state.shares
    cell_key = rs.cell_key
    no_rival = domains.index("defence") if "defence" in domains else -1  # the Rival sells no defence
    for r in rs.region_ids:
        row_in = r in outside
        cells = _region_cells(entrants, r, row_in, len(domains))
        if distrust:
            for i, items in enumerate(cells):
                cells[i] = [(fid, s * distrust.get((r, firms[fid].home), 1.0)) for fid, s in items]
        rival_here = rival_pow * rival.presence.get(r, 0.0) if row_in else 0.0
        earned_here: dict[str, float] = {}
        for i, d in enumerate(domains):
            key = cell_key[r, d]
            items = _joint_initiatives(cells[i], jmi_groups, jmi_factor)
            total: float = 0
            for _, s in items:
                total += s
            rival_in = rival_here > 0 and i != no_rival
            if rival_in:
                total += rival_here
            if total <= 0:
                all_shares[key] = {UNSERVED: 1.0}
                continue
            value = values[key]
            shares = {}
            for fid, s in items:
                sh = shares[fid] = s / total
                earned = value * sh
                revenue[fid] += earned
                earned_here[fid] = earned_here.get(fid, 0.0) + earned
            if rival_in:
                sh = shares["rival"] = rival_here / total
                rival_revenue += value * sh
            all_shares[key] = shares
        for k, v in earned_here.items():
            by_region[k][r] = v
    _post_revenue(state, revenue, by_region)
    rival.revenue = rival_revenue
    _licence_fees(state, rs, received)


def rival_presence(state: GameState, rs: Ruleset) -> None:
    """The Rival Bloc moves into outside regions the alliance leaves thin."""
    growth = rs.rules.world.rival.presence_growth
    markets_ = state.markets
    for r in rs.outside_regions:
        total = sum(markets_[f"{r}/{d}"] for d in rs.domain_ids)
        held = sum(f.revenue_by_region.get(r, 0.0) for f in state.firms.values())  # the alliance's take
        alliance = held / total if total > 0 else 0.0
        add = growth * (1.0 - alliance)
        if add > 0:
            change(state, "rival_presence", r, "rival", f"presence/{r}", add)


# ------------------------------------------------------------------ threat


def rival_threat(state: GameState, rs: Ruleset) -> None:
    rb = rs.rules.world.rival
    rival = state.rival
    change(state, "threat_decay", "", "rival", "threat", -rb.threat_decay * rival.threat)
    change(state, "rival_growth", "", "rival", "threat", rb.base_growth)
    mult = state.modifiers.get("leak_multiplier", 1.0)
    leaks: dict[str, float] = {}
    for f in state.firms.values():
        openness = rs.tiers[tier_between(state, rs, f.home, ROW)].openness
        ratio = f.model / state.frontier
        leak = mult * openness * ratio * (rb.leak_coef * (1.0 - f.weight_security) + rb.distill_coef)
        leaks[f.home] = leaks.get(f.home, 0.0) + leak
    for home in sorted(leaks):
        change(state, "leak", home, "rival", "threat", leaks[home])
    change(state, "capture", "", "rival", "threat", rb.capture_coef * rival.revenue)
    change(state, "capture", "", "rival", "threat", 0.0, lo=0.0)  # threat never below zero


# ------------------------------------------------------------------ security


def _discovery(state: GameState, rs: Ruleset, usable: dict[str, float]) -> dict[str, float]:
    """Defence x (usable model / frontier) ** gamma.  When the model a nation can use falls
    (a cut-off), its defences keep part of what the better model gave them for a while
    (``discovery_persistence`` of the fall waits a round): the vulnerabilities found with it
    stay found.  Sets each nation's ``defence_model`` to the factor used."""
    gamma = rs.rules.scoring.gamma
    keep = rs.rules.scoring.discovery_persistence
    out = {}
    for n, ns in state.nations.items():
        f = (usable[n] / state.frontier) ** gamma
        if keep and f < ns.defence_model:
            f += keep * (ns.defence_model - f)
        ns.defence_model = f
        out[n] = ns.defence * f
    return out


_PARTNERS: dict[tuple[tuple[str, ...], ...], dict[str, list[str]]] = {}


def _intel_partners(nations: tuple[str, ...], agreements: list[Agreement]) -> dict[str, list[str]]:
    """Each nation's intelligence-sharing partners, sorted; memoised per membership
    (search resolves the same agreements many times)."""
    key = tuple(a.members for a in agreements)
    hit = _PARTNERS.get(key)
    if hit is None:
        partners: dict[str, set[str]] = {n: set() for n in nations}
        for a in agreements:
            for m in a.members:
                partners[m].update(x for x in a.members if x != m)
        hit = {n: sorted(ps) for n, ps in partners.items() if ps}
        if len(_PARTNERS) > 256:
            _PARTNERS.clear()
        _PARTNERS[key] = hit
    return hit


def _shared(state: GameState, rs: Ruleset, disc: dict[str, float]) -> dict[str, float]:
    shared = {n: 0.0 for n in state.nations}
    if "threat_intel_sharing" not in rs.agreements:
        return shared
    strength = rs.agreements["threat_intel_sharing"].strength
    for n, ps in _intel_partners(tuple(state.nations), active(state, "threat_intel_sharing")).items():
        shared[n] = strength * sum([disc[p] for p in ps]) / len(ps)
    return shared


def _security_parts(state: GameState, rs: Ruleset, ns: NationState, disc: float, shared: float, threat: float,
                    x_new: float, base: float, s: float, count: int) -> tuple[tuple[str, str, float], ...]:
    """The causes of a nation's change of security since last round (they sum to it)."""
    sc = rs.rules.scoring
    parts: list[tuple[str, str, float]] = []
    x_old = (ns.sec_disc + ns.sec_shared - ns.sec_threat) / sc.security_scale
    old_base = logistic((ns.sec_disc + ns.sec_shared - ns.sec_threat) / sc.security_scale + sc.security_bias)
    dx = x_new - x_old
    dbase = base - old_base
    if abs(dx) > 1e-12:
        k = dbase / dx
        parts.append(("defence_discovery", "", k * (disc - ns.sec_disc) / sc.security_scale))
        d_shared = k * (shared - ns.sec_shared) / sc.security_scale
        # a fall is named as one: a sharing pact that ended, or partners that found less
        parts.append(("shared_intel" if d_shared >= 0 else "shared_intel_less", "", d_shared))
        parts.append(("rival_threat", "", -k * (threat - ns.sec_threat) / sc.security_scale))
    recovered = old_base - ns.security
    if recovered > 1e-12:
        parts.append(("recovery", "", recovered))
    elif recovered < -1e-12:  # an override raised it above its own level: that ends now
        parts.append(("override_ends", "", recovered))
    if ns.shock:
        parts.append(("shock", state.event or "", -ns.shock))
    loss = (base - ns.shock) - s
    if count and loss:
        parts.append(("incident", "", -loss))
    elif loss:  # clamped at 0 or 1
        parts.append(("shock", state.event or "", -loss))
    return tuple(parts)


def security(state: GameState, rs: Ruleset, usable: dict[str, float], roll_incidents: bool) -> dict[str, int]:
    """Each nation's security, incidents included; returns incidents per nation."""
    sc = rs.rules.scoring
    disc = _discovery(state, rs, usable)
    shared = _shared(state, rs, disc)
    threat = sc.theta * state.rival.threat
    chance = state.modifiers.get("incident_chance", 1.0)
    breach = rs.rules.world.rival.breach_threat
    incidents: dict[str, int] = {}
    for n, ns in state.nations.items():
        x_new = (disc[n] + shared[n] - threat) / sc.security_scale
        base = logistic(x_new + sc.security_bias)
        count = ns.queued_incidents
        first = 0  # the domain the nation's first incident hits (the next ones follow it)
        if roll_incidents:
            p = sc.incident_base * (1.0 - base) * chance
            # two draws per nation and round, incident or not: the chance stream never depends
            # on how many incidents happened before, so two games that differ in one card
            # still share the luck of every later roll (a card's effect is its own, not noise)
            roll = state.rng.random()
            first = state.rng.below(len(rs.domain_ids))
            if roll < p:
                count += 1
        s = base - ns.shock - sc.incident_security_hit * count
        s = min(1.0, max(0.0, s))
        parts = _security_parts(state, rs, ns, disc[n], shared[n], threat, x_new, base, s, count) if state.record else ()
        recompute(state, n, "security", s, parts)
        ns.sec_disc, ns.sec_shared, ns.sec_threat = disc[n], shared[n], threat
        if count:
            ns.incidents += count
            incidents[n] = count
            if breach:  # a breach is a foothold: the Rival's threat grows for next round
                change(state, "breach", n, "rival", "threat", breach * count)
            for i in range(count):
                d = rs.domain_ids[(first + i) % len(rs.domain_ids)]
                change(state, "incident", "", n, f"data/{d}", -sc.incident_data_hit, lo=0.0)  # data never below zero
        ns.queued_incidents = 0
    return incidents


# ------------------------------------------------------------------ competitiveness


def competitiveness(state: GameState, rs: Ruleset, usable: dict[str, float], incidents: dict[str, int]) -> None:
    sc = rs.rules.scoring
    frontier = state.frontier
    partner_bonus: dict[str, float] = {}
    if "data_partnership" in rs.agreements:
        strength = rs.agreements["data_partnership"].strength
        for a in active(state, "data_partnership"):
            firm = next((m for m in a.members if m in state.firms), None)
            nation = next((m for m in a.members if m in state.nations), None)
            if firm and nation:
                f = state.firms[firm]
                bonus = strength * sc.productivity_scale * sum(
                    min(f.apps.get(d, 0.0), v) for d, v in state.nations[nation].data.items())
                partner_bonus[nation] = partner_bonus.get(nation, 0.0) + bonus
    home_takings: dict[str, float] = {}  # per nation: its home firms' revenue and fees, in table order
    for f in state.firms.values():
        home_takings[f.home] = home_takings.get(f.home, 0) + (f.revenue + f.licence_revenue)
    for n, ns in state.nations.items():
        ratio = (usable[n] / frontier) ** sc.alpha
        prod = sc.productivity_scale * sum(ns.data.values()) * ratio + partner_bonus.get(n, 0.0)
        home = sc.home_firm_share * home_takings.get(n, 0)
        base = prod + home
        hits = incidents.get(n, 0)
        comp = base * (1.0 - sc.incident_comp_hit) ** hits
        recompute(state, n, "competitiveness", comp, (
            ("productivity", "", prod - ns.productivity), ("home_firms", "", home - ns.home_revenue),
            ("recovery", "", ns.comp_loss), ("incident", "", comp - base)))
        ns.productivity, ns.home_revenue, ns.comp_loss = prod, home, base - comp
    for fid, f in state.firms.items():
        value = sc.firm_model_value * usable[fid] / frontier
        # its revenue and licence-fee parts were posted by `markets`, where they are earned
        recompute(state, fid, "competitiveness", f.revenue + f.licence_revenue + value,
                  (("model_value", "", value - f.model_value),))
        f.model_value = value


SECURE_ASI = 60.0  # at or above: the alliance is secure


def alliance_status(asi: float, crisis_threshold: float) -> str:
    """"crisis" below the scenario's threshold, "secure" from `SECURE_ASI`, else "strained"."""
    if asi < crisis_threshold:
        return "crisis"
    return "secure" if asi >= SECURE_ASI else "strained"


def indices(state: GameState, rs: Ruleset) -> tuple[float, float]:
    sc = rs.rules.scoring
    secs = [n.security for n in state.nations.values()]
    if secs:
        asi = 100.0 * (sc.asi_min_weight * min(secs) + (1.0 - sc.asi_min_weight) * sum(secs) / len(secs))
    else:
        asi = 0.0
    alliance = sum(n.productivity for n in state.nations.values()) + sum(
        f.revenue + f.licence_revenue for f in state.firms.values())
    rival = state.rival.economy + state.rival.revenue
    aci = 100.0 * alliance / (alliance + rival) if alliance + rival > 0 else 0.0
    return min(100.0, max(0.0, asi)), min(100.0, max(0.0, aci))

