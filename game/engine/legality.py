"""Which orders a seat may give: checks with reasons, and enumeration.

`check_order` tests one order against the state; `check_orders` tests a whole
submission (budget, per-round limits, duplicates).  Both raise `IllegalOrder`
and never change the state.  The rules of each kind are in `order_rules`.

`LegalOrders` is a lazy view of the orders a seat may give, as python-chess's
``board.legal_moves``: iterating, counting and ``order in view`` work without
building a list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from game.content.schema import OrderDef

from .order_rules import RULES, LegalBlock, OrderRule
from .orders import Order
from .refusal import IllegalOrder, budget_of, shown
from .ruleset import Ruleset
from .state import GameState

__all__ = ["IllegalOrder", "LegalOrders", "OrderSheet", "Submission", "budget_of", "candidate_orders", "check_order",
           "check_orders", "legal_blocks", "legal_orders", "order_cost"]


def order_cost(state: GameState, rs: Ruleset, order: Order) -> int:
    return RULES[order.kind].cost(state, rs.orders[order.kind], order)


def _seat_type(state: GameState, seat: str) -> str:
    return "nation" if seat in state.nations else "firm"


def check_order(state: GameState, rs: Ruleset, seat: str, order: Order) -> int:
    """Raise `IllegalOrder` unless ``order`` is legal on its own for ``seat`` now; returns its cost."""
    d = rs.orders.get(order.kind) if isinstance(order.kind, str) else None
    if d is None:
        raise IllegalOrder("unknown_order", order, kind=shown(order.kind) if not isinstance(order.kind, str) else order.kind)
    rule = RULES[order.kind]
    rule.check_shape(rs, d, "nation" if seat in state.nations else "firm", order)
    cost = rule.cost(state, d, order)
    budget = budget_of(state, seat)
    if cost > budget:
        raise IllegalOrder("over_budget", order, cost=cost, budget=budget)
    rule.check(state, rs, seat, order)
    return cost


def check_orders(state: GameState, rs: Ruleset, seat: str, orders: Sequence[Order]) -> None:
    """Raise `IllegalOrder` unless the whole submission is legal."""
    total = 0
    budget = budget_of(state, seat)
    tipping: tuple[Order, int, int] | None = None  # the first order the budget cannot pay: its cost, what was left
    counts: dict[str, int] = {}
    targets: set[tuple[str, str | None, str | None]] = set()
    for o in orders:
        if not isinstance(o, Order):
            raise IllegalOrder("bad_order", None, detail=shown(o))
        cost = check_order(state, rs, seat, o)
        if tipping is None and total + cost > budget:
            tipping = (o, cost, budget - total)
        n = counts[o.kind] = counts.get(o.kind, 0) + 1
        limit = rs.orders[o.kind].max_per_round
        if n > limit:
            raise IllegalOrder("too_many", o, max=limit, kind=o.kind)
        if RULES[o.kind].one_per_target:
            key = (o.kind, o.target, o.region)
            if key in targets:
                raise IllegalOrder("duplicate_target", o, target=o.target or o.region)
            targets.add(key)
        total += cost
    if tipping is not None:  # "costs 4 but only 0 left": that order's cost and what the ones before it left
        o, cost, left = tipping
        raise IllegalOrder("over_budget", o, cost=cost, budget=left)


_KINDS: dict[tuple[str, str], tuple[tuple[OrderRule, OrderDef], ...]] = {}


def _kinds_for(state: GameState, rs: Ruleset, seat: str) -> tuple[tuple[OrderRule, OrderDef], ...]:
    """The rules and definitions of the kinds ``seat``'s type may give, in the content's order."""
    seat_type = _seat_type(state, seat)
    key = (rs.content_hash, seat_type)
    hit = _KINDS.get(key)
    if hit is None:
        if len(_KINDS) > 256:
            _KINDS.clear()
        hit = _KINDS[key] = tuple((RULES[kind], d) for kind, d in rs.orders.items()
                                  if d.actor == "any" or d.actor == seat_type)
    return hit


def candidate_orders(state: GameState, rs: Ruleset, seat: str) -> Iterator[Order]:
    """Every well-formed order for ``seat``'s type, legal or not (a generator)."""
    for rule, d in _kinds_for(state, rs, seat):
        yield from rule.candidates(state, rs, seat, d)


def legal_blocks(state: GameState, rs: Ruleset, seat: str) -> list[LegalBlock]:
    """Every single order ``seat`` may give now (each affordable on its own), one tuple per
    kind, in `candidate_orders`' order: the candidates that `check_order` accepts."""
    budget = budget_of(state, seat)
    return [rule.legal(state, rs, seat, d, budget) for rule, d in _kinds_for(state, rs, seat)]


def legal_orders(state: GameState, rs: Ruleset, seat: str) -> Iterator[Order]:
    """Every single order ``seat`` may give now (each affordable on its own), in
    `candidate_orders`' order: the candidates that `check_order` accepts."""
    budget = budget_of(state, seat)
    return chain.from_iterable(rule.legal(state, rs, seat, d, budget) for rule, d in _kinds_for(state, rs, seat))


class OrderSheet:
    """A submission built one order at a time, each addition checked in O(1).

    It carries what `check_orders` adds up (the running cost, the orders of each kind, the
    targets of one-per-target kinds), so `add` needs no check of the whole list.  An order
    listed by `legal_blocks` for this state (the very object: `LegalOrders` hands out those)
    is known legal on its own; any other order is checked on its own first (`check_order`)."""

    __slots__ = ("_state", "_rs", "_seat", "_stamp", "_blocks", "_budget", "_total", "_counts", "_targets",
                 "_kinds", "orders")

    def __init__(self, state: GameState, rs: Ruleset, seat: str, stamp: object = None,
                 blocks: list[LegalBlock] | None = None) -> None:
        self._state, self._rs, self._seat, self._stamp = state, rs, seat, stamp
        self._blocks = {b.kind: b for b in (blocks if blocks is not None else legal_blocks(state, rs, seat))}
        self._budget = budget_of(state, seat)
        self._total = 0
        self._counts: dict[str, int] = {}
        self._targets: set[tuple[str, str | None, str | None]] = set()
        # per kind: (its listed orders' ids, fixed cost, whether amounts add to it, limit, one per target)
        self._kinds: dict[str, tuple[frozenset[int], int, bool, int, bool]] = {}
        self.orders: list[Order] = []

    def __len__(self) -> int:
        return len(self.orders)

    def add(self, o: Order) -> bool:
        """Add ``o`` if the submission stays legal with it; say whether it did."""
        kind = o.kind if isinstance(o, Order) else None
        info = self._kinds.get(kind) if isinstance(kind, str) else None
        if info is None and isinstance(kind, str) and kind in self._rs.orders:
            d = self._rs.orders[kind]
            block = self._blocks.get(kind)
            info = self._kinds[kind] = (block.ids if block is not None else frozenset(),
                                        d.cost - self._state.discounts.get(kind, 0), bool(d.amounts),
                                        d.max_per_round, RULES[kind].one_per_target)
        if info is None or id(o) not in info[0]:
            try:
                check_order(self._state, self._rs, self._seat, o)
            except (IllegalOrder, TypeError, ValueError, AttributeError):
                return False
        assert isinstance(kind, str) and info is not None
        ids, fixed, amounts, limit, one_per_target = info
        base = fixed + o.amount if amounts else fixed
        total = self._total + (base if base > 0 else 0)  # `OrderRule.cost`
        if total > self._budget:
            return False
        n = self._counts.get(kind, 0) + 1
        if n > limit:
            return False
        if one_per_target:
            key = (kind, o.target, o.region)
            if key in self._targets:
                return False
            self._targets.add(key)
        self._counts[kind] = n
        self._total = total
        self.orders.append(o)
        return True

    def submission(self) -> "Submission":
        """The orders added, as a `Submission` that `Game.submit` takes without checking
        again while the game is unchanged since the legal orders were listed."""
        return Submission(self.orders, self._seat, self._stamp)


class Submission(tuple[Order, ...]):
    """Orders known legal together for ``seat`` in the game state of ``stamp`` (an
    `OrderSheet`'s).  Anywhere else it is a plain tuple of orders, checked as any."""

    seat: str
    stamp: object

    def __new__(cls, orders: Iterable[Order], seat: str, stamp: object) -> "Submission":
        self = super().__new__(cls, orders)
        self.seat, self.stamp = seat, stamp
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # elsewhere (another process) it is a plain tuple
        return (tuple, (tuple(self),))


class LegalOrders(Sequence[Order]):
    """The orders ``seat`` may give now, as a lazy view.

    Iterating generates them one by one, ``order in view`` checks that one order and
    ``view.count()`` counts them, none of them building a list.  Used as a sequence
    (``len``, indexing, item assignment, ``Rng.shuffle``), the view becomes one: it
    builds the list once and from then on iterates and counts that list.  The view
    belongs to the state it was made from; after the state changes, make a new one."""

    __slots__ = ("_state", "_rs", "_seat", "_open", "_list", "_stamp", "_blocks")

    def __init__(self, state: GameState, rs: Ruleset, seat: str, open_: bool = True, stamp: object = None) -> None:
        self._state, self._rs, self._seat, self._open, self._stamp = state, rs, seat, open_, stamp
        self._list: list[Order] | None = None
        self._blocks: list[LegalBlock] | None = None  # the legal orders as generated, kind by kind

    def __iter__(self) -> Iterator[Order]:
        if self._list is not None:
            return iter(self._list)
        if not self._open:
            return iter(())
        if self._blocks is None:
            self._blocks = legal_blocks(self._state, self._rs, self._seat)
        return chain.from_iterable(self._blocks)

    def sheet(self) -> OrderSheet:
        """An empty submission for this seat and state, to add this view's orders to (`OrderSheet`)."""
        if self._blocks is None:
            self._blocks = legal_blocks(self._state, self._rs, self._seat) if self._open else []
        return OrderSheet(self._state, self._rs, self._seat, self._stamp, self._blocks)

    def __contains__(self, order: object) -> bool:
        if self._list is not None:
            return order in self._list
        if not self._open or not isinstance(order, Order) or not isinstance(order.kind, str):
            return False
        try:
            check_order(self._state, self._rs, self._seat, order)
        except (IllegalOrder, TypeError, ValueError):
            return False
        return True

    def count(self, order: object = None) -> int:
        """How many orders ``seat`` may give (``count(order)``: 1 if it may give ``order``)."""
        if order is not None:
            return 1 if order in self else 0
        if self._list is not None:
            return len(self._list)
        return sum(map(len, legal_blocks(self._state, self._rs, self._seat))) if self._open else 0

    def __len__(self) -> int:
        return len(self._materialise())

    def __bool__(self) -> bool:
        if self._list is not None:
            return bool(self._list)
        return next(iter(self), None) is not None

    def _materialise(self) -> list[Order]:
        if self._list is None:
            out: list[Order] = []
            if self._open:
                if self._blocks is None:
                    self._blocks = legal_blocks(self._state, self._rs, self._seat)
                for block in self._blocks:
                    out += block
            self._list = out
        return self._list

    def __getitem__(self, i: Any) -> Any:
        return self._materialise()[i]

    def __setitem__(self, i: Any, v: Any) -> None:
        if i == slice(None) and self._list is None:  # view[:] = orders: the view becomes that list
            self._list = list(v)
        else:
            self._materialise()[i] = v

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LegalOrders):
            return list(self) == list(other)
        if isinstance(other, (list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<LegalOrders {self._seat}: {self.count()} orders>"
