"""A persona's heuristic: orders, answers and proposals built directly from a
seat's view (no enumeration of legal orders), each with its reasons.

The view is ``Game.view_for(seat)``; ``rs`` is the public ruleset (content).
Orders are built to be legal by construction; callers verify once with
``Game.check``.  Costs ignore this round's discounts, so a plan never overspends.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from game.content.ai_schema import Category, Tendencies
from game.engine.orders import Order
from game.engine.rng import Rng

from .reasons import Reason
from .terms import honour_terms

ROW = "row"
NATION_CATS: tuple[Category, ...] = ("defence", "data", "sovereign", "procure", "market_access")
FIRM_CATS: tuple[Category, ...] = ("rnd", "apps", "regions", "weight_security", "license_from", "partner")
SECURITY_CARDS = {"zero_day_grid", "hospital_ransomware", "deepfake_interference", "undersea_cable_cut",
                  "rival_breakthrough", "weights_leak", "espionage_ring"}


def _fit(target: float, allowed: list[int], remaining: int) -> int:
    """The allowed amount nearest ``target`` that fits in ``remaining`` (0 if none)."""
    best = 0
    for a in allowed:
        if a <= remaining and a <= max(1.0, target + 0.5) and a > best:
            best = a
    if target < 0.5:
        return 0
    return best


def _noisy(w: dict[str, float], rng: Rng | None, noise: float) -> dict[str, float]:
    if rng is None or noise <= 0:
        return w
    return {k: max(0.0, v * math.exp(noise * (2.0 * rng.random() - 1.0))) for k, v in w.items()}


def tier(view: dict[str, Any], rs, exporter: str, recipient: str) -> int:
    """The export tier ``exporter`` sets for ``recipient`` (a nation or ROW), as the engine's
    `game.engine.access.tier_between` gives it.

    The view carries that value for every nation at the table towards every other and
    the rest of the world; a pair it cannot hold (a nation not at this table, on either
    side) has the scenario's default, as in the engine."""
    if exporter == recipient:
        return 1
    default = rs.scenario.default_row_tier if recipient == ROW else rs.scenario.default_tier
    n = view["nations"].get(exporter)
    return default if n is None else n["tiers"].get(recipient, default)


def _pact_with(view: dict[str, Any], a: str, b: str, kind: str = "frontier_access_pact") -> bool:
    return any(x["kind"] == kind and a in x["members"] and (b == ROW or b in x["members"]) for x in view["agreements"])


def _in_kind(view: dict[str, Any], seat: str, kind: str) -> bool:
    return any(x["kind"] == kind and seat in x["members"] for x in view["agreements"])


def _frontier_exporters(view: dict[str, Any], rs) -> list[str]:
    """Home nations of the frontier labs at the table."""
    out = []
    for fid, f in view["firms"].items():
        d = rs.seat_defs[fid].firm
        if d is not None and d.frontier_lab and f["home"] not in out:
            out.append(f["home"])
    return out


# ------------------------------------------------------------------ nations


def security_alarm(rs, view: dict[str, Any], seat: str) -> Reason | None:
    nxt = rs.scenario.scheduled_events.get(view["round"] + 1)
    me = view["nations"][seat]
    if nxt == "zero_day_grid" and not me["frontier_access"]:
        return Reason("why_zero_day")
    if nxt in SECURITY_CARDS:
        return Reason("why_zero_day") if nxt == "zero_day_grid" else Reason("why_security_event")
    if view["event"] in SECURITY_CARDS:
        return Reason("why_security_event")
    if view["round"] > 1 and me["security"] < 0.45:
        return Reason("why_low_security", {"value": round(me["security"], 2)})
    return None


def cut_off(rs, view: dict[str, Any], seat: str) -> tuple[str, int] | None:
    """(exporter, tier) when a frontier exporter denies or caps ``seat`` and it lacks frontier access."""
    me = view["nations"][seat]
    if me["frontier_access"]:
        return None
    worst = None
    for ex in _frontier_exporters(view, rs):
        if ex == seat:
            return None
        t = tier(view, rs, ex, seat)
        if t >= 2 and (worst is None or t > worst[1]):
            worst = (ex, t)
    return worst


def _noisy_domains(rs, domains: list[str], t: Tendencies, rng) -> list[str]:
    """The persona's focus domains; with noise (easy), sometimes one domain at random instead."""
    if rng is not None and t.noise > 0 and rng.random() < t.noise / 3:
        return [rs.domain_ids[rng.below(len(rs.domain_ids))]]
    return domains


class _Plan:
    """A plan being built: its orders and reasons, and the budget still unspent."""

    __slots__ = ("rs", "view", "seat", "me", "t", "rng", "orders", "reasons", "budget", "remaining", "domains",
                 "alarm", "cut", "source")

    def __init__(self, rs, view: dict[str, Any], seat: str, me: dict[str, Any], t: Tendencies, rng) -> None:
        self.rs, self.view, self.seat, self.me, self.t, self.rng = rs, view, seat, me, t, rng
        self.orders: list[Order] = []
        self.reasons: list[Reason] = []
        self.budget = self.remaining = int(me["budget"])
        self.domains: list[str] = []
        self.alarm: Reason | None = None  # a nation's security alarm
        self.cut: tuple[str, int] | None = None  # a nation's cut-off (exporter, tier)
        self.source: str | None = None  # the firm a firm would license from

    def add(self, order: Order, cost: int, reason: Reason | None = None) -> None:
        self.orders.append(order)
        self.remaining -= cost
        if reason is not None:
            self.reasons.append(reason)

    def fit(self, target: float, kind: str, allowed: list[int] | None = None) -> int:
        """The amount of a ``kind`` order nearest ``target`` that the unspent budget allows."""
        return _fit(target, self.rs.orders[kind].amounts if allowed is None else allowed, self.remaining)

    def spend(self, w: dict[str, float], handlers: dict[str, Callable[["_Plan", float], None]]) -> None:
        """Spend the budget over the weighted categories, heaviest first, then top up."""
        total = sum(w.values())
        for c in sorted(w, key=lambda c: (-w[c], c)):
            if w[c] <= 0 or self.remaining <= 0:
                continue
            handlers[c](self, self.budget * w[c] / total)
        _top_up(self.rs, self.orders, self.remaining, w)

    def result(self) -> tuple[list[Order], list[Reason]]:
        return self.orders, self.reasons or [Reason("hold", {"seat": self.seat})]


def _boosted(w: dict[str, float], boost: dict[str, float] | None, rng, t: Tendencies) -> dict[str, float]:
    """The weights with a search variant's boost, then the persona's noise (easy)."""
    if boost:
        for c, m in boost.items():
            if c in w:
                w[c] = (w[c] + 0.1) * m
    return _noisy(w, rng, t.noise if rng is not None else 0.0)


def _nation_weights(rs, view, seat: str, t: Tendencies, alarm: Reason | None, cut, home_firms: list[str]) -> dict[str, float]:
    me = view["nations"][seat]
    w: dict[str, float] = {c: float(t.spend.get(c, 0.0)) for c in NATION_CATS}
    if alarm is not None:
        w["defence"] = (w["defence"] + 0.15) * 2.0 * t.threat_response
    elif view["round"] > 1 and me["security"] >= 0.9:  # safe enough: more defence buys little
        w["defence"] *= 0.5
    if cut is not None:
        w["sovereign"] = w["sovereign"] * t.cutoff_response + 0.15 * max(0.0, t.cutoff_response - 1.0)
    if me["sovereign"] >= rs.rules.scoring.sovereign_cap * view["frontier"] - 1e-6:
        w["sovereign"] = 0.0
    if not home_firms:
        w["market_access"] = 0.0
        w["procure"] = 0.0
    return w


def _tier_reason(seat: str, target: str, want: int, cur: int, trust: float, t: Tendencies) -> Reason:
    if want < cur:
        return Reason("tier_open", {"seat": seat, "target": target, "tier": want})
    if trust < t.ally_tier_trust:
        return Reason("tier_low_trust", {"seat": seat, "target": target, "tier": want, "trust": round(trust)})
    return Reason("tier_restrict", {"seat": seat, "target": target, "tier": want})


def _export_tiers(p: _Plan) -> None:
    """Export tiers first (they are free): allies by trust, the rest of the world by the persona."""
    view, seat, t, me = p.view, p.seat, p.t, p.me
    for target in [n for n in view["nations"] if n != seat]:
        if t.ally_tier is None or _pact_with(view, seat, target):
            continue
        trust = me["trust"].get(target, 50.0)
        want = t.ally_tier if trust >= t.ally_tier_trust else min(3, t.ally_tier + 1)
        cur = tier(view, p.rs, seat, target)
        if want != cur:
            p.add(Order("set_export_tier", target=target, tier=want), 0, _tier_reason(seat, target, want, cur, trust, t))
    if t.row_tier is not None and tier(view, p.rs, seat, ROW) != t.row_tier:
        if not (t.row_tier == 1 and _pact_with(view, seat, ROW)):
            p.add(Order("set_export_tier", target=ROW, tier=t.row_tier), 0, Reason("row_controls", {"seat": seat, "tier": t.row_tier}))


def _home_firms(view, seat: str) -> list[str]:
    return [f for f, fv in view["firms"].items() if fv["home"] == seat]


def _spend_market_access(p: _Plan, share: float) -> None:
    cost = p.rs.orders["market_access_deal"].cost
    if share >= cost * 0.5 and p.remaining >= cost:
        region = _vector_region(p.rs, p.view, _home_firms(p.view, p.seat))
        if region is not None:
            p.add(Order("market_access_deal", region=region), cost, Reason("market_access", {"seat": p.seat, "region": region}))


def _spend_per_domain(p: _Plan, share: float, kind: str, reason: str) -> None:
    """Split ``share`` evenly over the seat's focus domains, one ``kind`` order per domain
    (fund_data for a nation, build_application for a firm), up to the kind's limit a round."""
    per = share / len(p.domains)
    used = []
    for d in p.domains[: p.rs.orders[kind].max_per_round]:
        a = p.fit(per, kind)
        if a:
            p.add(Order(kind, domain=d, amount=a), a)
            used.append(d)
    if used:
        p.reasons.append(Reason(reason, {"seat": p.seat, "domains": used}))


def _spend_data(p: _Plan, share: float) -> None:
    _spend_per_domain(p, share, "fund_data", "data_focus")


def _spend_procure(p: _Plan, share: float) -> None:
    firm = _procure_target(p.rs, p.view, p.seat, _home_firms(p.view, p.seat))
    a = p.fit(share, "procure")
    if firm and a:
        dom = p.domains[0]
        p.add(Order("procure", target=firm, domain=dom, amount=a), a,
              Reason("procure_champion", {"seat": p.seat, "firm": firm, "domain": dom}))


def _spend_defence(p: _Plan, share: float) -> None:
    a = p.fit(share, "fund_defence")
    if a:
        p.add(Order("fund_defence", amount=a), a,
              Reason("defence_threat", {"seat": p.seat, "why": p.alarm}) if p.alarm is not None
              else Reason("defence_routine", {"seat": p.seat}))


def _spend_sovereign(p: _Plan, share: float) -> None:
    rule = p.rs.orders["fund_sovereign"]
    frontier, me = p.view["frontier"], p.me
    headroom = p.rs.rules.scoring.sovereign_cap * frontier - me["sovereign"]  # no paying above the ceiling
    useful = max(1, math.ceil(headroom / rule.efficiency - 1e-9)) if rule.efficiency > 0 else 0
    a = p.fit(share, "fund_sovereign", [x for x in rule.amounts if x <= useful])
    if not a:
        return
    cut = p.cut
    if cut is not None:
        why = Reason("cutoff_sovereign", {"seat": p.seat, "exporter": cut[0], "tier": cut[1],
                                          "usable": round(me["usable_model"], 1), "frontier": round(frontier, 1)})
    else:
        why = Reason("sovereign_insurance", {"seat": p.seat})
    p.add(Order("fund_sovereign", amount=a), a, why)


NATION_SPENDING: dict[str, Callable[[_Plan, float], None]] = {
    "defence": _spend_defence, "data": _spend_data, "sovereign": _spend_sovereign,
    "procure": _spend_procure, "market_access": _spend_market_access,
}


def _nation_plan(rs, view, seat, t: Tendencies, rng, boost) -> tuple[list[Order], list[Reason]]:
    me = view["nations"][seat]
    p = _Plan(rs, view, seat, me, t, rng)
    p.alarm, p.cut = security_alarm(rs, view, seat), cut_off(rs, view, seat)
    w = _boosted(_nation_weights(rs, view, seat, t, p.alarm, p.cut, _home_firms(view, seat)), boost, rng, t)
    _export_tiers(p)
    if sum(w.values()) <= 0 or p.budget <= 0:
        return p.result()
    p.domains = _noisy_domains(rs, sorted(me["data"], key=lambda d: (-me["data"][d], d))[: t.focus_domains], t, rng)
    p.spend(w, NATION_SPENDING)
    return p.result()


def _top_up(rs, orders: list[Order], remaining: int, w: dict[str, float]) -> None:
    """Spend what is left by raising the amount of the largest order that can grow."""
    if remaining <= 0:
        return
    best_i, best_gain = -1, 0
    for i, o in enumerate(orders):
        allowed = rs.orders[o.kind].amounts
        if not allowed or o.amount <= 0 or o.kind == "fund_sovereign":
            continue
        up = max((a for a in allowed if a <= o.amount + remaining), default=o.amount)
        if up - o.amount > best_gain:
            best_i, best_gain = i, up - o.amount
    if best_i >= 0:
        o = orders[best_i]
        orders[best_i] = Order(o.kind, o.target, o.domain, o.region, o.tier, o.amount + best_gain, o.grant)


def _vector_region(rs, view, firms: list[str]) -> str | None:
    """The outside region where a nation's firms are most present (their vector)."""
    outside = rs.outside_regions
    best, score = None, -1.0
    for r in outside:
        s = sum(view["firms"][f]["presence"].get(r, 0.0) for f in firms)
        if s > score:
            best, score = r, s
    return best


def _procure_target(rs, view, seat, home_firms: list[str]) -> str | None:
    """Its national champion; a nation without one buys nothing (the apps would be another nation's)."""
    if home_firms:
        return max(home_firms, key=lambda f: (view["firms"][f]["model"], f))
    return None


# ------------------------------------------------------------------ firms


def memo(view: dict[str, Any]) -> dict[str, Any]:
    """The AI's private cache for one position, kept in the view under ``_ai``.

    ``search.public_view`` creates it, so every seat's view of one position
    (shallow copies of the public view) shares it; a bare ``view_for`` gets its own."""
    m = view.get("_ai")
    if m is None:
        m = view["_ai"] = {}
    return m


def _reach(rs, view, fid: str) -> tuple[float, float]:
    """(model ratio ** beta, outside-market access) of a firm; cached per position."""
    m = memo(view)
    cache = m.get("reach")
    if cache is None:
        cache = m["reach"] = {}
    hit = cache.get(fid)
    if hit is None:
        f = view["firms"][fid]
        hit = cache[fid] = ((f["usable_model"] / view["frontier"]) ** rs.rules.scoring.beta,
                            rs.tiers[tier(view, rs, f["home"], ROW)].outside_access)
    return hit


def _strength(rs, view, fid: str, region: str, domain: str, presence: float | None = None) -> float:
    f = view["firms"][fid]
    p = f["presence"].get(region, 0.0) if presence is None else presence
    apps = f["apps"].get(domain, 0.0)
    if p <= 0 or apps <= 0:
        return 0.0
    ratio_pow, outside_access = _reach(rs, view, fid)
    s = ratio_pow * apps * p
    if region in rs.outside_regions:
        s *= outside_access
    return s


def _cell_strengths(rs, view) -> dict[str, tuple[float, dict[str, float]]]:
    """Per market cell: (total strength incl. the Rival, each firm's strength); cached per position."""
    m = memo(view)
    cached = m.get("cells")
    if cached is not None:
        return cached
    rival = view["rival"]
    rival_pow = (rival["capability"] / view["frontier"]) ** rs.rules.scoring.beta * rs.rules.world.rival.apps
    out = {}
    for key, r, d in rs.cells:
        each = {f: _strength(rs, view, f, r, d) for f in view["firms"]}
        total = sum(each.values())
        if r in rs.outside_regions and d != "defence":
            total += rival_pow * rival["presence"].get(r, 0.0)
        out[key] = (total, each)
    m["cells"] = out
    return out


def region_gains(rs, view, seat: str, delta: float) -> dict[str, float]:
    """Estimated revenue gained this round by adding ``delta`` presence in each region."""
    gains: dict[str, float] = {}
    me = view["firms"][seat]
    cells = _cell_strengths(rs, view)
    ratio_pow, outside_access = _reach(rs, view, seat)
    apps_of, presence, outside, markets = me["apps"], me["presence"], rs.outside_regions, view["markets"]
    for key, r, d in rs.cells:
        # this firm's strength with ``delta`` more presence (`_strength`, inlined)
        apps = apps_of.get(d, 0.0)
        p = presence.get(r, 0.0) + delta
        if p <= 0 or apps <= 0:
            continue
        new = ratio_pow * apps * p
        if r in outside:
            new *= outside_access
        if new <= 0:
            continue
        total, each = cells[key]
        mine = each[seat]
        others = total - mine
        v = markets[key]
        before = mine / (mine + others) if mine + others > 0 else 0.0
        gains[r] = gains.get(r, 0.0) + v * (new / (new + others) - before)
    return gains


def _cut_me_off(view, seat: str, t: Tendencies) -> set[str]:
    """The firms that revoked a licence of ``seat``'s within the rounds its persona remembers."""
    since = view["round"] - t.grudge_rounds
    return {m["by"] for m in view.get("memory", ())
            if m["kind"] == "cutoff" and m["against"] == seat and m["round"] > since and m["ref"] == "licence"}


def _licence_source(rs, view, seat: str, t: Tendencies) -> str | None:
    """The firm whose model, licensed across its export tier, would lift ``seat`` most (None: none would).
    A firm that revoked ``seat``'s licence lately is no source: it would revoke the next one too."""
    me = view["firms"][seat]
    gap = rs.rules.world.generation_gap
    if me["usable_model"] >= view["frontier"] - gap * 0.5:
        return None
    cut = _cut_me_off(view, seat, t)
    best, source = 0.0, None
    for fid, fv in view["firms"].items():
        if fid == seat or seat in fv["licences"] or fid in cut:
            continue
        rule = rs.tiers[tier(view, rs, fv["home"], me["home"])]
        if rule.blocked:
            continue
        c = max(0.0, fv["model"] - rule.lag_generations * gap)
        if c > me["usable_model"] + 0.5 and c > best:
            best, source = c, fid
    return source


def _firm_weights(rs, view, seat: str, t: Tendencies, source: str | None) -> dict[str, float]:
    me = view["firms"][seat]
    w: dict[str, float] = {c: float(t.spend.get(c, 0.0)) for c in FIRM_CATS}
    frontier = view["frontier"]
    cap = frontier if rs.seat_defs[seat].firm.frontier_lab else frontier - rs.rules.scoring.model_cap_margin
    if me["model"] >= cap - 1e-6:
        w["rnd"] = 0.0
    if me["weight_security"] >= t.weight_security_target - 1e-6:
        w["weight_security"] = 0.0
    if source is None:
        w["license_from"] = 0.0
    if me["home"] not in view["nations"]:
        w["partner"] = 0.0
    return w


def _home_of(view, x: str) -> str:
    """A seat's home nation (a nation is its own)."""
    return view["firms"][x]["home"] if x in view["firms"] else x


def _licensing(p: _Plan) -> None:
    """A frontier lab's licences (free): grant where the persona shares, revoke where it keeps home."""
    view, seat, t, me = p.view, p.seat, p.t, p.me
    home = me["home"]
    grants: list[str] = []
    if p.rs.seat_defs[seat].firm.frontier_lab and t.licensing not in ("none", "home"):
        targets = [n for n in view["nations"] if n != home]
        if t.licensing == "all":
            targets += [f for f in view["firms"] if f != seat]
        grants = [x for x in targets if x not in me["licences"]
                  and not p.rs.tiers[tier(view, p.rs, home, _home_of(view, x))].blocked]
    revokes: list[str] = []
    if t.licensing in ("home", "none"):
        revokes = [x for x in me["licences"] if x != home and not (x in view["firms"] and view["firms"][x]["home"] == home)]
    for x in grants:
        p.add(Order("license_model", target=x, grant=True), 0)
    for x in revokes:
        p.add(Order("license_model", target=x, grant=False), 0)
    if grants:
        p.reasons.append(Reason("license_grant", {"seat": seat, "targets": grants}))
    if revokes:
        p.reasons.append(Reason("license_revoke", {"seat": seat, "targets": revokes}))


def _firm_domains(rs, view, seat: str, t: Tendencies, rng) -> list[str]:
    """The domains a firm builds in: a challenger follows its home nation's data, a lab its own apps."""
    me = view["firms"][seat]
    hn = view["nations"].get(me["home"])
    if hn is not None and not rs.seat_defs[seat].firm.frontier_lab:
        domains = sorted(hn["data"], key=lambda x: (-(hn["data"][x] + me["apps"].get(x, 0.0)), x))
    else:
        domains = sorted(me["apps"], key=lambda x: (-me["apps"][x], x))
    return _noisy_domains(rs, domains[: t.focus_domains], t, rng)


def _spend_license_from(p: _Plan, share: float) -> None:
    cost = p.rs.orders["license_from"].cost
    if p.remaining >= cost and share >= cost * 0.4:
        source = p.source
        p.add(Order("license_from", target=source), cost,
              Reason("license_from", {"seat": p.seat, "firm": source, "model": round(p.me["model"], 1),
                                      "frontier": round(p.view["frontier"], 1)}))


def _spend_apps(p: _Plan, share: float) -> None:
    _spend_per_domain(p, share, "build_application", "apps_focus")


def _spend_regions(p: _Plan, share: float) -> None:
    picks, why = _pick_regions(p.rs, p.view, p.seat, p.t, p.rng)
    rule = p.rs.orders["enter_region"]
    picks = picks[: rule.max_per_round]  # the two best: one order holds at most max(amounts)
    if len(picks) > 1 and share / len(picks) < min(rule.amounts):
        picks = picks[:1]  # too little to split
    for r in picks:
        a = p.fit(share / len(picks), "enter_region")
        if a:
            p.add(Order("enter_region", region=r, amount=a), a, Reason("enter_region", {"seat": p.seat, "region": r, "why": why}))


def _spend_partner(p: _Plan, share: float) -> None:
    a = p.fit(share, "partner_nation")
    if a:
        home, dom = p.me["home"], p.domains[0]
        p.add(Order("partner_nation", target=home, domain=dom, amount=a), a,
              Reason("partner", {"seat": p.seat, "target": home, "domain": dom}))


def _spend_rnd(p: _Plan, share: float) -> None:
    a = p.fit(share, "rnd")
    if a:
        p.add(Order("rnd", amount=a), a, Reason("rnd_frontier", {"seat": p.seat, "model": round(p.me["model"], 1),
                                                                "frontier": round(p.view["frontier"], 1)}))


def _spend_weight_security(p: _Plan, share: float) -> None:
    a = p.fit(share, "weight_security")
    if a:
        p.add(Order("weight_security", amount=a), a,
              Reason("weight_security", {"seat": p.seat, "value": round(p.me["weight_security"], 2)}))


FIRM_SPENDING: dict[str, Callable[[_Plan, float], None]] = {
    "rnd": _spend_rnd, "apps": _spend_apps, "regions": _spend_regions, "weight_security": _spend_weight_security,
    "license_from": _spend_license_from, "partner": _spend_partner,
}


def _firm_plan(rs, view, seat, t: Tendencies, rng, boost) -> tuple[list[Order], list[Reason]]:
    p = _Plan(rs, view, seat, view["firms"][seat], t, rng)
    p.source = _licence_source(rs, view, seat, t)
    w = _boosted(_firm_weights(rs, view, seat, t, p.source), boost, rng, t)
    _licensing(p)
    if sum(w.values()) <= 0 or p.budget <= 0:
        return p.result()
    p.domains = _firm_domains(rs, view, seat, t, rng)
    if p.source is not None and w["license_from"] > 0:
        # cut off or left behind: a better model is a step, not a share of the budget, so it is bought first
        _spend_license_from(p, float(rs.orders["license_from"].cost))
        w["license_from"] = 0.0
    p.spend(w, FIRM_SPENDING)
    return p.result()


def _pick_regions(rs, view, seat, t: Tendencies, rng) -> tuple[list[str], Reason]:
    if t.region_style == "fixed" and t.region:
        return [t.region], Reason("why_assigned")
    delta = 2 * rs.orders["enter_region"].efficiency
    known = memo(view).setdefault("gains", {})  # the same for every plan of this seat at this position
    if (seat, delta) not in known:
        known[seat, delta] = region_gains(rs, view, seat, delta)
    gains = dict(known[seat, delta])
    me = view["firms"][seat]
    if t.region_style == "core":
        core = [r for r in gains if r not in rs.outside_regions or me["presence"].get(r, 0.0) >= 1.0]
        gains = {r: gains[r] for r in core} or gains
        why = Reason("why_core")
    elif t.region_style == "niche":
        for r in list(gains):
            crowd = sum(1 for f, fv in view["firms"].items()
                        if f != seat and fv["presence"].get(r, 0.0) >= 0.5 and not rs.seat_defs[f].firm.frontier_lab)
            gains[r] *= (1.25 if r in rs.outside_regions else 1.0) * (0.8 ** crowd)
        why = Reason("why_niche")
    else:
        why = Reason("why_best_value")
    if rng is not None and t.noise > 0:
        gains = {r: g * math.exp(t.noise * (2 * rng.random() - 1)) for r, g in gains.items()}
    ranked = sorted(gains, key=lambda r: (-gains[r], r))
    return ranked[:2], why


# ------------------------------------------------------------------ public


def plan_orders(rs, view: dict[str, Any], seat: str, t: Tendencies, rng: Rng | None = None,
                boost: dict[str, float] | None = None, honour: bool = True) -> tuple[list[Order], list[Reason]]:
    """The persona's orders for ``seat`` this round, with reasons.  ``rng``: noise (easy level).

    Without noise a plan depends only on the public position, the seat, the
    tendencies and the boost, so it is computed once per position (search asks
    for the same plans several times: the base plan, its variants, the reasons)."""
    plan = _nation_plan if seat in view["nations"] else _firm_plan
    if rng is not None:
        orders, reasons = plan(rs, view, seat, t, rng, boost)
        return honour_terms(rs, view, seat, orders, reasons) if honour else (orders, reasons)
    plans = memo(view).setdefault("plans", {})
    key = (seat, _tendency_key(t), tuple(sorted(boost.items())) if boost else ())
    hit = plans.get(key)
    if hit is None:
        hit = plans[key] = plan(rs, view, seat, t, None, boost)
    if honour:  # the terms of agreements it is bound by come first
        return honour_terms(rs, view, seat, list(hit[0]), list(hit[1]))
    return list(hit[0]), list(hit[1])


_TENDENCY_KEYS: dict[int, tuple[Tendencies, str]] = {}


def _tendency_key(t: Tendencies) -> str:
    """A content key for a persona's tendencies (the object is kept, so its id stays unique)."""
    hit = _TENDENCY_KEYS.get(id(t))
    if hit is None or hit[0] is not t:
        if len(_TENDENCY_KEYS) > 512:
            _TENDENCY_KEYS.clear()
        hit = _TENDENCY_KEYS[id(t)] = (t, t.model_dump_json())
    return hit[1]


def categories(view: dict[str, Any], seat: str) -> tuple[Category, ...]:
    return NATION_CATS if seat in view["nations"] else FIRM_CATS
