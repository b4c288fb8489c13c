"""Each order kind in one place: its parameters, legality, candidates, effect and causes.

`RULES` maps every kind of the schema's `OrderKind` to one `OrderRule`.  The cost of
an order (`OrderRule.cost`) and the checks every kind shares live in the base class;
a kind adds its own refusals (`check`), the orders a seat could give (`candidates`)
and what the order does when the round resolves (`apply`, in the resolution `step`
the kind belongs to).  Coefficients are the ``params`` of the kind's entry in
``rules/orders.yaml`` (`OrderDef.params`), never numbers written here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterator, Mapping
from operator import attrgetter
from typing import ClassVar

from game.content.schema import ORDER_KINDS, ORDER_PARAMS, OrderDef

from .access import ROW, tier_between
from .ledger import change, post
from .negotiation import exit_agreement
from .orders import Order
from .refusal import IllegalOrder, shown
from .ruleset import Ruleset
from .state import GameState

TIERS = (1, 2, 3)
STEPS = ("exit", "tier", "licence", "invest")  # resolution steps 2-5, in this order
_OPTIONAL = ("target", "domain", "region", "tier", "grant")


_CANDIDATES: dict[tuple[str, str, str], tuple[Order, ...]] = {}
_LEGAL: dict[tuple[str, str, str, Hashable, int | None], "LegalBlock"] = {}


class LegalBlock(tuple[Order, ...]):
    """The legal orders of one kind for a seat in some state: a tuple, with the kind, and
    the identities of its orders (for `legality.OrderSheet`: an order that *is* one of them
    is known legal; the block keeps them alive, so the identities stay theirs)."""

    kind: str
    _ids: frozenset[int] | None

    def __new__(cls, kind: str, orders: Iterator[Order]) -> "LegalBlock":
        self = super().__new__(cls, orders)
        self.kind, self._ids = kind, None
        return self

    @property
    def ids(self) -> frozenset[int]:
        if self._ids is None:
            self._ids = frozenset(map(id, self))
        return self._ids


class RoundContext:
    """What one resolution's order steps share: licences revoked earlier this round."""

    __slots__ = ("revoked",)

    def __init__(self) -> None:
        self.revoked: set[tuple[str, str]] = set()


class OrderRule:
    """The rules of one order kind.  Subclasses set the class attributes and override
    `check`, `candidates` and `apply`; `first` runs before any `apply` of the step."""

    kind: ClassVar[str]
    fields: ClassVar[tuple[str, ...]] = ()  # fields the order must have (others must be empty)
    step: ClassVar[str] = "invest"
    one_per_target: ClassVar[bool] = False  # two orders of this kind for one target are refused
    has_first: ClassVar[bool] = False
    _absent: ClassVar[tuple[str, ...]] = _OPTIONAL  # fields the kind must leave empty (set below)
    _get_fields: Callable[[Order], tuple[object, ...]]  # set on each registered rule below, with _absent
    _absent_values: Callable[[Order], tuple[object, ...]]
    _all_absent: ClassVar[tuple[None, ...]]
    keyed: ClassVar[bool]  # its legal orders depend on the state (set below: see legal_key)
    static: ClassVar[bool] = True  # candidates depend on the table only (not on the state)
    candidates_pass_check: ClassVar[bool] = False  # every candidate passes `check`: only its cost can refuse it

    # ------------------------------------------------------------ cost and legality

    @staticmethod
    def cost(state: GameState, d: OrderDef, order: Order) -> int:
        base = d.cost + (order.amount if d.amounts else 0)
        return max(0, base - state.discounts.get(order.kind, 0))

    def check_shape(self, rs: Ruleset, d: OrderDef, seat_type: str, o: Order) -> None:
        """The refusals every kind shares: field types, actor, fields, amount, domain and region ids."""
        check_types(o)
        if d.actor != "any" and d.actor != seat_type:
            raise IllegalOrder("not_for_actor", o, kind=o.kind, actor=d.actor)
        if self.fields and None in self._get_fields(o):
            for f in self.fields:
                if getattr(o, f) is None:
                    raise IllegalOrder("missing_field", o, kind=o.kind, field=f)
        if self._absent_values(o) != self._all_absent:
            for f in self._absent:
                if getattr(o, f) is not None:
                    raise IllegalOrder("unexpected_field", o, kind=o.kind, field=f)
        if d.amounts:
            if o.amount not in d.amounts:
                raise IllegalOrder("bad_amount", o, amounts=", ".join(map(str, d.amounts)))
        elif o.amount:
            raise IllegalOrder("no_amount", o)
        if o.domain is not None and o.domain not in rs.domain_ids:
            raise IllegalOrder("unknown_domain", o, domain=o.domain)
        if o.region is not None and o.region not in rs.region_ids:
            raise IllegalOrder("unknown_region", o, region=o.region)

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        """This kind's own refusals, after the shared ones (nothing by default)."""

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        """Every well-formed order of this kind for ``seat``, legal or not."""
        return iter(())

    def candidates(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        """`generate`'s orders; for a kind whose candidates depend on the table only
        (``static``), made once per content and seat and kept (orders are values)."""
        if not self.static:
            return self.generate(state, rs, seat, d)
        key = (rs.content_hash, self.kind, seat)
        hit = _CANDIDATES.get(key)
        if hit is None:
            if len(_CANDIDATES) > 4096:
                _CANDIDATES.clear()
            hit = _CANDIDATES[key] = tuple(self.generate(state, rs, seat, d))
        return iter(hit)

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        """All that this kind's candidates and own refusals (`generate`, `check`) read of the
        state, besides the table and the cost: two states with the same key have the same
        legal orders of this kind at the same affordable amounts.  ``None`` (the default,
        for a ``static`` kind without a check of its own or whose candidates all pass it)
        reads nothing.  A kind whose check reads the state must say what it reads."""
        if self.static and (self.candidates_pass_check or type(self).check is OrderRule.check):
            return None
        raise NotImplementedError(f"{self.kind}: a kind whose candidates or check read the state needs a legal_key")

    def legal(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef, budget: int) -> LegalBlock:
        """The candidates that are legal now, each affordable on its own, in `candidates`'
        order.  Candidates are well formed by construction, so only the cost and the kind's
        own checks remain; the answer is kept per `legal_key` and the largest affordable
        amount, so a state seen before (most states, for most kinds) costs a look-up."""
        fixed = d.cost - state.discounts.get(self.kind, 0)
        # cost = max(0, fixed + amount) <= budget: every amount up to budget - fixed, none below 0
        top = max(d.amounts) if d.amounts else 0
        lim = (budget - fixed if budget - fixed < top else top) if budget >= 0 else None
        key = (rs.content_hash, self.kind, seat, self.legal_key(state, rs, seat) if self.keyed else None, lim)
        hit = _LEGAL.get(key)
        if hit is None:
            if len(_LEGAL) > 65536:
                _LEGAL.clear()
            hit = _LEGAL[key] = LegalBlock(self.kind, self._filter(state, rs, seat, d, budget))
        return hit

    def _filter(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef, budget: int) -> Iterator[Order]:
        """The candidates that `check` accepts and the budget pays, in order.  A kind whose
        legal orders change often may give a faster way to the same orders (`_filter_fast`:
        its own refusals decided once per target, without raising them); it applies only
        to a kind without amounts, whose every candidate costs the same."""
        if not d.amounts and type(self)._filter_fast is not OrderRule._filter_fast:
            fixed = d.cost - state.discounts.get(self.kind, 0)
            return iter(()) if (fixed if fixed > 0 else 0) > budget else self._filter_fast(state, rs, seat, d)
        return self._filter_checked(state, rs, seat, d, budget)

    def _filter_fast(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        """`candidates` that pass `check` (the cost aside), decided without raising: see `_filter`."""
        raise NotImplementedError

    def _filter_checked(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef, budget: int) -> Iterator[Order]:
        fixed = d.cost - state.discounts.get(self.kind, 0)
        amounts = bool(d.amounts)
        check = None if self.candidates_pass_check or type(self).check is OrderRule.check else self.check
        for o in self.candidates(state, rs, seat, d):
            c = fixed + o.amount if amounts else fixed
            if (c if c > 0 else 0) > budget:
                continue
            if check is not None:
                try:
                    check(state, rs, seat, o)
                except IllegalOrder:
                    continue
            yield o

    # ------------------------------------------------------------ resolution

    def first(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        """A pass over the step's orders before any of them applies (see `has_first`)."""

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        """The order's effect when its step resolves; every change goes to the ledger."""


def check_types(o: Order) -> None:
    """Refuse an order whose fields hold the wrong types: an `Order` made directly (not
    parsed) can hold anything, and 3.0 or True must not pass for the amount 3 or 1."""
    if type(o.amount) is not int:
        raise IllegalOrder("field_not_whole", o, field="amount", value=shown(o.amount))
    if o.tier is not None and type(o.tier) is not int:
        raise IllegalOrder("field_not_whole", o, field="tier", value=shown(o.tier))
    for f in ("target", "domain", "region"):
        v = getattr(o, f)
        if v is not None and not isinstance(v, str):
            raise IllegalOrder("field_not_id", o, field=f, value=shown(v))
    if o.grant is not None and type(o.grant) is not bool:
        raise IllegalOrder("field_not_yes_no", o, field="grant", value=shown(o.grant))


def _getter(names: tuple[str, ...]) -> Callable[[Order], tuple[object, ...]]:
    """A function reading ``names`` of an order as a tuple (one name too)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda o: (one(o),)
    return attrgetter(*names) if names else (lambda o: ())


_KEPT: dict[tuple[str, str, bool], Order] = {}


def _kept(kind: str, target: str, grant: bool) -> Order:
    """``Order(kind, target=target, grant=grant)``, one object per value: a kind whose
    candidates follow the state makes the same few orders round after round."""
    key = (kind, target, grant)
    hit = _KEPT.get(key)
    if hit is None:
        if len(_KEPT) > 4096:
            _KEPT.clear()
        hit = _KEPT[key] = Order(kind, target=target, grant=grant)
    return hit


def _amounts(d: OrderDef) -> list[int]:
    return d.amounts or [0]


def _pact_binding(state: GameState, seat: str, other: str) -> str | None:
    for a in state.agreements:
        if a.active and a.kind == "frontier_access_pact" and seat in a.members and (other == ROW or other in a.members):
            return a.id
    return None


def _model_cap(state: GameState, rs: Ruleset, frontier_lab: bool) -> float:
    return state.frontier if frontier_lab else state.frontier - rs.rules.scoring.model_cap_margin


# ---------------------------------------------------------------- nations


class SetExportTier(OrderRule):
    kind = "set_export_tier"
    fields = ("target", "tier")
    step = "tier"
    one_per_target = True

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        t = o.target
        assert t is not None
        if t != ROW and t not in state.nations:
            raise IllegalOrder("not_a_nation", o, seat=t)
        if t == seat:
            raise IllegalOrder("self_target", o)
        if o.tier not in TIERS:
            raise IllegalOrder("bad_tier", o)
        if tier_between(state, rs, seat, t) == o.tier:
            raise IllegalOrder("same_tier", o, target=t, tier=o.tier)
        pact = _pact_binding(state, seat, t)
        code = self._pact_refusal(t, o.tier, pact)
        if code == "pact_locks_tier":
            raise IllegalOrder("pact_locks_tier", o, agreement=pact, target=t)
        if code == "pact_requires_controls":
            raise IllegalOrder("pact_requires_controls", o, agreement=pact)

    @staticmethod
    def _pact_refusal(t: str, tier: int, pact: str | None) -> str | None:
        """Why the frontier pact ``pact`` binding the seat and ``t`` (None: none does) refuses ``tier`` for ``t``."""
        if pact is not None:
            if t != ROW and tier != 1:
                return "pact_locks_tier"
            if t == ROW and tier == 1:
                return "pact_requires_controls"
        return None

    def _filter_fast(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        # `check`, its state read once per target: the current tier and the binding pact
        nations = state.nations
        last: str | None = None
        ok, current, pact = False, 0, None
        for o in self.candidates(state, rs, seat, d):
            t = o.target
            assert t is not None
            if t != last:
                last = t
                ok = (t == ROW or t in nations) and t != seat
                if ok:
                    current, pact = tier_between(state, rs, seat, t), _pact_binding(state, seat, t)
            if ok and o.tier in TIERS and o.tier != current and self._pact_refusal(t, o.tier, pact) is None:
                yield o

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        # the seat's tiers (tier_between) and the pacts it is in (_pact_binding)
        return (tuple(state.nations[seat].tiers.items()),
                tuple((a.id, tuple(a.members)) for a in state.agreements
                      if a.active and a.kind == "frontier_access_pact" and seat in a.members))

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for t in (*[n for n in state.nations if n != seat], ROW):
            for tier in TIERS:
                yield Order(self.kind, target=t, tier=tier)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.target is None or o.tier is None:
            return
        pen = rs.rules.scoring.trust_cutoff_penalty
        old = tier_between(state, rs, seat, o.target)
        state.nations[seat].tiers[o.target] = o.tier
        post(state, "order", o.kind, seat, f"tier/{o.target}", float(o.tier - old))
        if o.target == ROW or o.target not in state.nations:
            return
        if o.tier > old:
            change(state, "cutoff", seat, o.target, f"trust/{seat}", -(pen * (o.tier - old)), lo=0.0)
        else:
            reopen = pen / rs.orders[o.kind].params["reopen_trust_divisor"] * (old - o.tier)
            change(state, "opened", seat, o.target, f"trust/{seat}", reopen, hi=100.0)


class FundDefence(OrderRule):
    kind = "fund_defence"

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for a in _amounts(d):
            yield Order(self.kind, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        change(state, "order", o.kind, seat, "defence", rs.orders[o.kind].efficiency * float(o.amount))


class FundData(OrderRule):
    kind = "fund_data"
    fields = ("domain",)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for dom in rs.domain_ids:
            for a in _amounts(d):
                yield Order(self.kind, domain=dom, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.domain:
            change(state, "order", o.kind, seat, f"data/{o.domain}", rs.orders[o.kind].efficiency * float(o.amount))


class FundSovereign(OrderRule):
    kind = "fund_sovereign"

    def useful(self, state: GameState, rs: Ruleset, seat: str) -> int | None:
        """The largest amount that the sovereign ceiling does not throw away (None: at the ceiling)."""
        headroom = rs.rules.scoring.sovereign_cap * state.frontier - state.nations[seat].sovereign
        if headroom <= 1e-9:
            return None
        eff = rs.orders[self.kind].efficiency
        return max(1, math.ceil(headroom / eff - 1e-9)) if eff > 0 else 0

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        useful = self.useful(state, rs, seat)
        if useful is None:
            raise IllegalOrder("sovereign_at_cap", o)
        if o.amount > useful:  # paying for capability the ceiling would throw away
            raise IllegalOrder("sovereign_overshoot", o, max=useful)

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        return self.useful(state, rs, seat)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for a in _amounts(d):
            yield Order(self.kind, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        sc = rs.rules.scoring
        gain = rs.orders[o.kind].efficiency * float(o.amount)
        n = state.nations[seat]
        change(state, "order", o.kind, seat, "sovereign", gain, hi=sc.sovereign_cap * state.frontier)
        n.sovereign_funded = True
        home = [f for f in state.firms if state.firms[f].home == seat]
        if home:
            champ = max(home, key=lambda f: (state.firms[f].model, f))
            cf = state.firms[champ]
            cap = _model_cap(state, rs, cf.frontier_lab)
            # the champion's model rises toward its cap and never falls
            change(state, "order", o.kind, champ, "model",
                   to=max(cf.model, min(cap, cf.model + gain * sc.sovereign_champion_share)))


class _PartnerDomainRule(OrderRule):
    """A kind that names a partner seat at the table and a domain, at each amount:
    procure (a nation's contract with a firm) and partner_nation (a firm's with a nation)."""
    fields = ("target", "domain")
    candidates_pass_check = True  # every candidate names a partner at the table
    refusal: ClassVar[str]  # the code when the target is not a partner of the right type

    @staticmethod
    def partners(state: GameState) -> Mapping[str, object]:
        raise NotImplementedError

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        if o.target not in self.partners(state):
            raise IllegalOrder(self.refusal, o, seat=o.target)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for t in self.partners(state):
            for dom in rs.domain_ids:
                for a in _amounts(d):
                    yield Order(self.kind, target=t, domain=dom, amount=a)


class Procure(_PartnerDomainRule):
    kind = "procure"
    refusal = "not_a_firm"

    @staticmethod
    def partners(state: GameState) -> Mapping[str, object]:
        return state.firms

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.target not in state.firms or not o.domain:
            return
        d = rs.orders[o.kind]
        eff, amt, p = d.efficiency, float(o.amount), d.params
        # a point counts once: part of it is the firm's margin, the rest buys the work
        change(state, "order", o.kind, o.target, f"apps/{o.domain}", eff * amt)
        margin = math.floor(p["capital_share"] * o.amount + 1e-9)
        if margin:  # the margin reaches the firm's capital next round
            change(state, "order", o.kind, o.target, "received", margin)
        change(state, "order", o.kind, seat, f"data/{o.domain}", p["data_per_point"] * amt)


class MarketAccessDeal(OrderRule):
    kind = "market_access_deal"
    fields = ("region",)
    one_per_target = True
    candidates_pass_check = True  # the candidates are the outside regions

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        if o.region not in rs.outside_regions:
            raise IllegalOrder("not_outside", o, region=o.region)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for r in rs.outside_regions:
            yield Order(self.kind, region=r)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if not o.region:
            return
        eff = rs.orders[o.kind].efficiency
        for fid, f in state.firms.items():
            if f.home == seat:
                change(state, "order", o.kind, fid, f"presence/{o.region}", eff)


# ---------------------------------------------------------------- firms


class LicenseModel(OrderRule):
    kind = "license_model"
    fields = ("target", "grant")
    step = "licence"
    one_per_target = True
    has_first = True
    static = False  # grant or revoke follows the licences held

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        t = o.target
        assert t is not None
        if t not in state.nations and t not in state.firms:
            raise IllegalOrder("unknown_seat", o, seat=t)
        if t == seat:
            raise IllegalOrder("self_target", o)
        firm = state.firms[seat]
        if o.grant:
            if t in firm.licences:
                raise IllegalOrder("already_licensed", o, target=t)
            recipient = state.firms[t].home if t in state.firms else t
            if rs.tiers[tier_between(state, rs, firm.home, recipient)].blocked:
                raise IllegalOrder("export_blocked", o, home=firm.home, target=t)
        elif t not in firm.licences:
            raise IllegalOrder("not_licensed", o, target=t)

    def _filter_fast(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        # `check` on `generate`'s candidates: a grant names a seat not licensed, a revocation
        # one that is, so only a grant across a blocking tier of the home nation is refused
        firm = state.firms[seat]
        licences, home, firms, tiers = firm.licences, firm.home, state.firms, rs.tiers
        for o in self.candidates(state, rs, seat, d):
            t = o.target
            assert t is not None
            if t == seat or (t not in state.nations and t not in firms):
                continue
            if o.grant:
                recipient = firms[t].home if t in firms else t
                if t not in licences and not tiers[tier_between(state, rs, home, recipient)].blocked:
                    yield o
            elif t in licences:
                yield o

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        # the licences held, and the home nation's tiers (tier_between from the home)
        firm = state.firms[seat]
        home = state.nations.get(firm.home)
        return tuple(firm.licences), firm.home, None if home is None else tuple(home.tiers.items())

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        licences = state.firms[seat].licences
        for t in (*state.nations, *state.firms):
            if t != seat:
                yield _kept(self.kind, t, t not in licences)

    def first(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        """Revocations go first, so that a licence bought this round cannot outlive one."""
        if o.grant is False and o.target in state.firms[seat].licences:
            state.firms[seat].licences.remove(o.target)
            ctx.revoked.add((seat, o.target))
            post(state, "order", o.kind, seat, f"licence/{o.target}", -1.0)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if not o.grant or o.target is None:
            return
        f = state.firms[seat]
        recipient = state.firms[o.target].home if o.target in state.firms else o.target
        if o.target not in f.licences and not rs.tiers[tier_between(state, rs, f.home, recipient)].blocked:
            f.licences.append(o.target)
            f.licences.sort()
            post(state, "order", o.kind, seat, f"licence/{o.target}", 1.0)


class LicenseFrom(OrderRule):
    kind = "license_from"
    fields = ("target",)
    step = "licence"
    one_per_target = True

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        t = o.target
        if t not in state.firms:
            raise IllegalOrder("not_a_firm", o, seat=t)
        if t == seat:
            raise IllegalOrder("self_target", o)
        lic = state.firms[t]
        if seat in lic.licences:
            raise IllegalOrder("already_licensed", o, target=seat)
        if rs.tiers[tier_between(state, rs, lic.home, state.firms[seat].home)].blocked:
            raise IllegalOrder("export_blocked", o, home=lic.home, target=seat)

    def _filter_fast(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        firms, tiers = state.firms, rs.tiers
        home = firms[seat].home
        for o in self.candidates(state, rs, seat, d):
            t = o.target
            if t in firms and t != seat:
                lic = firms[t]
                if seat not in lic.licences and not tiers[tier_between(state, rs, lic.home, home)].blocked:
                    yield o

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        # for each licensor: whether it licenses this seat already, and its home's tier to this seat's home
        home = state.firms[seat].home
        return tuple((seat in f.licences, tier_between(state, rs, f.home, home))
                     for fid, f in state.firms.items() if fid != seat)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for f in state.firms:
            if f != seat:
                yield Order(self.kind, target=f)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.target not in state.firms:
            return
        lic = state.firms[o.target]
        buyer = state.firms[seat]
        blocked = rs.tiers[tier_between(state, rs, lic.home, buyer.home)].blocked
        if (o.target, seat) in ctx.revoked or blocked or seat in lic.licences:
            return
        lic.licences.append(seat)
        lic.licences.sort()
        fee = self.cost(state, rs.orders[o.kind], o)
        post(state, "order", o.kind, o.target, f"licence/{seat}", 1.0)
        change(state, "order", o.kind, o.target, "received", fee)


class Rnd(OrderRule):
    kind = "rnd"

    @staticmethod
    def at_cap(state: GameState, rs: Ruleset, seat: str) -> bool:
        f = state.firms[seat]
        # a lab's R&D moves the frontier itself
        return not f.frontier_lab and f.model >= _model_cap(state, rs, False) - 1e-9

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        if self.at_cap(state, rs, seat):
            raise IllegalOrder("model_at_cap", o)

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        return self.at_cap(state, rs, seat)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for a in _amounts(d):
            yield Order(self.kind, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        f = state.firms[seat]
        gain = rs.orders[o.kind].efficiency * float(o.amount) * state.modifiers.get("rnd_efficiency", 1.0)
        # the model rises toward its cap and never falls
        change(state, "order", o.kind, seat, "model",
               to=max(f.model, min(_model_cap(state, rs, f.frontier_lab), f.model + gain)))


class BuildApplication(OrderRule):
    kind = "build_application"
    fields = ("domain",)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for dom in rs.domain_ids:
            for a in _amounts(d):
                yield Order(self.kind, domain=dom, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.domain:
            change(state, "order", o.kind, seat, f"apps/{o.domain}", rs.orders[o.kind].efficiency * float(o.amount))


class EnterRegion(OrderRule):
    kind = "enter_region"
    fields = ("region",)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for r in rs.region_ids:
            for a in _amounts(d):
                yield Order(self.kind, region=r, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.region:
            change(state, "order", o.kind, seat, f"presence/{o.region}", rs.orders[o.kind].efficiency * float(o.amount))


class WeightSecurity(OrderRule):
    kind = "weight_security"

    @staticmethod
    def at_max(state: GameState, seat: str) -> bool:
        return state.firms[seat].weight_security >= 1.0 - 1e-9

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        if self.at_max(state, seat):
            raise IllegalOrder("security_at_max", o)

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        return self.at_max(state, seat)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for a in _amounts(d):
            yield Order(self.kind, amount=a)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        change(state, "order", o.kind, seat, "weight_security", rs.orders[o.kind].efficiency * float(o.amount),
               hi=1.0)


class PartnerNation(_PartnerDomainRule):
    kind = "partner_nation"
    refusal = "not_a_nation"

    @staticmethod
    def partners(state: GameState) -> Mapping[str, object]:
        return state.nations

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.target not in state.nations or not o.domain:
            return
        d = rs.orders[o.kind]
        eff, amt, p = d.efficiency, float(o.amount), d.params
        n = state.nations[o.target]
        # the firm's application grows with the nation's data, and the nation's data too
        change(state, "order", o.kind, seat, f"apps/{o.domain}", eff * amt * (1.0 + n.data[o.domain] / p["data_scale"]))
        change(state, "order", o.kind, o.target, f"data/{o.domain}", p["nation_data_share"] * eff * amt)


# ---------------------------------------------------------------- any seat


class ExitAgreement(OrderRule):
    kind = "exit_agreement"
    fields = ("target",)
    step = "exit"
    one_per_target = True
    static = False  # the agreements in force
    candidates_pass_check = True  # the candidates are the agreements in force that the seat is in

    def legal_key(self, state: GameState, rs: Ruleset, seat: str) -> Hashable:
        return tuple(a.id for a in state.agreements if a.active and seat in a.members)

    def check(self, state: GameState, rs: Ruleset, seat: str, o: Order) -> None:
        if not any(a.active and a.id == o.target and seat in a.members for a in state.agreements):
            raise IllegalOrder("unknown_agreement", o, agreement=o.target)

    def generate(self, state: GameState, rs: Ruleset, seat: str, d: OrderDef) -> Iterator[Order]:
        for a in state.agreements:
            if a.active and seat in a.members:
                yield Order(self.kind, target=a.id)

    def apply(self, state: GameState, rs: Ruleset, seat: str, o: Order, ctx: RoundContext) -> None:
        if o.target:
            exit_agreement(state, rs, seat, o.target)


RULES: dict[str, OrderRule] = {r.kind: r for r in (
    SetExportTier(), FundDefence(), FundData(), FundSovereign(), Procure(), MarketAccessDeal(),
    LicenseModel(), LicenseFrom(), Rnd(), BuildApplication(), EnterRegion(), WeightSecurity(),
    PartnerNation(), ExitAgreement(),
)}
for _rule in RULES.values():  # every registered rule, however deep its class sits
    _cls = type(_rule)
    _cls._absent = tuple(f for f in _OPTIONAL if f not in _rule.fields)
    # the fields read at once (a tuple, also for one field), for check_shape's common case
    _rule._get_fields = _getter(_rule.fields)
    _rule._absent_values = _getter(_cls._absent)
    _cls._all_absent = (None,) * len(_cls._absent)
    _cls.keyed = not (_rule.static and (_rule.candidates_pass_check or _cls.check is OrderRule.check))
FIRST_STEPS = frozenset(r.step for r in RULES.values() if r.has_first)

assert set(RULES) == set(ORDER_KINDS), "every order kind of the schema has exactly one rule"
assert set(ORDER_PARAMS) <= set(RULES)
