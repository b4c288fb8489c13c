"""`Game`: the public face of the engine, for the CLI, the UI, the AI and scripts.

Two paths, as in a chess library:

* checked: `submit`, `propose`, `answer`, `advance`, `resolve` validate their
  input, raise `IllegalOrder` with a reason, leave the state unchanged on a
  refusal, and log every accepted action so that seed + log replays the game;
* unchecked: `apply_orders_unchecked` and `clone(record=False)` serve search.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.content.schema import Rules, Scenario

from . import events, negotiation, par, resolution, scoring
from .ledger import change, round_entries
from .messages import render
from .legality import IllegalOrder, LegalOrders, Submission, check_orders
from .refusal import shown
from .orders import Order, order_dict
from .report import RoundReport, build_report
from .ruleset import Ruleset
from .state import GameState
from .views import view_for
from .metrics import compare, metric

SAVE_FORMAT = "sumiwake-save"
SAVE_VERSION = 1


class SaveError(ValueError):
    """A save file that cannot be loaded: wrong format, version, content or hash.

    Like `IllegalOrder` it carries a code and parameters (catalogued as ``save.<code>``
    in en and ja); ``str()`` is the English message, ``message(lang)`` any language.
    ``at(path)`` names the file the problem is in."""

    def __init__(self, code: str, path: str | None = None, **params: Any) -> None:
        self.code, self.path, self.params = code, path, params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        text = render(f"save.{self.code}", lang, **self.params)
        return f"{self.path}: {text}" if self.path else text

    def __reduce__(self) -> tuple[Any, ...]:  # survives pickling (worker processes) with its code and parameters
        return (_save_error, (self.code, self.path, self.params))

    def at(self, path: Any) -> "SaveError":
        """The same problem, located in ``path`` (a path already given stays innermost)."""
        inner = f"{path}: {self.path}" if self.path else str(path)
        return SaveError(self.code, inner, **self.params)


def _save_error(code: str, path: str | None, params: dict[str, Any]) -> SaveError:
    return SaveError(code, path, **params)


def _known_ids(rs: Ruleset) -> Any:
    """The ids a save of this ruleset may hold (for `save_format.check_references`)."""
    from game.content.save_format import KnownIds

    return KnownIds(nations=rs.nation_ids, firms=rs.firm_ids, domains=rs.domain_ids, regions=rs.region_ids,
                    cells=tuple(k for k, _r, _d in rs.cells), orders=frozenset(rs.orders),
                    agreements=frozenset(rs.agreements), events=frozenset(rs.events),
                    objectives=frozenset(rs.objectives), tiers=frozenset(rs.tiers),
                    terms=frozenset(rs.terms),
                    options={e: frozenset(o.id for o in c.choice.options)
                             for e, c in rs.events.items() if c.choice is not None})


@dataclass(frozen=True, slots=True)
class ObjectiveProgress:
    """A seat's secret objective and how close the seat is: ``value`` is the metric now
    (None when it does not apply), ``holds`` whether the condition is true now, ``met``
    whether the card is already won (a card with ``by_round`` is won once true by then)."""

    id: str
    metric: str
    op: str
    target: float
    value: float | None
    met: bool
    holds: bool
    by_round: int | None
    points: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a finished game ended."""

    ended_by_crisis: bool
    alliance: str  # "secure", "strained" or "crisis"
    alliance_security: float
    alliance_competitiveness: float
    ranking: tuple[tuple[str, float], ...]  # (seat, final score), best first
    objectives_met: tuple[str, ...]
    standings: tuple[tuple[str, float], ...] = ()  # (seat, score / par), best first; empty without a par

    @property
    def winner(self) -> str:
        return self.ranking[0][0]

    @property
    def top_standing(self) -> str | None:
        """The seat furthest above its par (None without a par)."""
        return self.standings[0][0] if self.standings else None


OrderLike = Order | str | dict[str, Any]


MAX_ROUNDS = 100  # the most rounds a game may be given
OVERRIDE_LIMIT = 1e6  # the largest change one override may make


def _override_amount(delta: object, whole: bool) -> float:
    """An override's change, refused unless it is a finite number within `OVERRIDE_LIMIT`
    (and whole where the quantity is: a budget)."""
    amount = delta if type(delta) in (int, float) else None  # not bool, not a subclass
    if not isinstance(amount, (int, float)) or not abs(amount) <= OVERRIDE_LIMIT:  # nan fails too
        raise IllegalOrder("override_delta", value=shown(delta), max=f"{OVERRIDE_LIMIT:g}")
    if whole:
        if amount != int(amount):
            raise IllegalOrder("override_whole", value=shown(delta))
        return int(amount)
    return amount


def _read_orders(orders: object) -> tuple[Order, ...]:
    """A submission as orders, or `IllegalOrder` ``bad_order`` saying what is wrong with it."""
    if isinstance(orders, (str, bytes, dict, Order)) or not isinstance(orders, Iterable):
        raise IllegalOrder("bad_order", detail=f"expected a list of orders, got {shown(orders)}")
    try:
        return tuple(as_order(o) for o in orders)
    except (ValueError, TypeError) as exc:
        raise IllegalOrder("bad_order", detail=str(exc)) from None


def as_order(o: OrderLike) -> Order:
    if isinstance(o, Order):
        return o
    if isinstance(o, str):
        return Order.parse(o)
    return Order.from_dict(o)


class Game:
    __slots__ = ("rs", "state", "actions", "reports", "_stamp")

    def __init__(self, rs: Ruleset, state: GameState, actions: list[list[Any]] | None = None,
                 reports: list[RoundReport] | None = None) -> None:
        self.rs = rs
        self.state = state
        self.actions: list[list[Any]] = actions if actions is not None else []
        self.reports: list[RoundReport] = reports if reports is not None else []
        # Renewed by every method that changes the state: a `Submission` made under this
        # stamp holds orders checked against the state as it still is (see `submit`).
        self._stamp = object()

    # ------------------------------------------------------------ creation

    @classmethod
    def new(cls, scenario: str | Scenario = "g7-2026", seed: int = 0, rounds: int | None = None,
            rules: Rules | None = None) -> "Game":
        """A new game of ``scenario`` (an id, a path, or a `Scenario`)."""
        from game.content.loader import load_rules, load_scenario  # content layer: I/O at the edge

        if not isinstance(scenario, (str, Scenario)):
            raise IllegalOrder("bad_scenario", value=shown(scenario))
        if type(seed) is not int or not 0 <= seed < 2 ** 64:
            raise IllegalOrder("bad_seed", value=shown(seed))
        if rounds is not None and (type(rounds) is not int or not 1 <= rounds <= MAX_ROUNDS):
            raise IllegalOrder("bad_rounds", value=shown(rounds), max=MAX_ROUNDS)
        rules = rules if rules is not None else load_rules()
        sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario, rules)
        rs = Ruleset.build(rules, sc)
        return cls(rs, resolution.new_state(rs, seed, rounds))

    # ------------------------------------------------------------ reading

    @property
    def seats(self) -> tuple[str, ...]:
        return self.rs.seat_ids

    @property
    def nations(self) -> tuple[str, ...]:
        return self.rs.nation_ids

    @property
    def firms(self) -> tuple[str, ...]:
        return self.rs.firm_ids

    @property
    def round(self) -> int:
        return self.state.round

    @property
    def rounds(self) -> int:
        return self.state.rounds

    @property
    def phase(self) -> str:
        return self.state.phase

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def is_over(self) -> bool:
        return self.state.phase == "over"

    @property
    def event(self) -> str | None:
        return self.state.event

    def seat_name(self, seat: str, lang: str = "en") -> str:
        return self.rs.seat_name(seat, lang)

    def budget(self, seat: str) -> int:
        holder = self.state.nations.get(seat) or self.state.firms[seat]
        return holder.budget

    def scores(self) -> dict[str, float]:
        """Each seat's score so far (with objective bonuses once the game is over)."""
        return dict(self.state.scores)

    def standings(self) -> dict[str, float]:
        """Each seat's standing so far: its score over its role's par in this scenario at the
        same round (1.0 = par; 1.2 = a fifth above).  Empty if the scenario has no par or no
        round has been scored."""
        return par.standings(self.state, self.rs)

    def par(self, seat: str) -> float | None:
        """``seat``'s par at the rounds scored so far (None: no par yet)."""
        return par.par_at(self.rs, seat, par.rounds_scored(self.state))

    def indices(self) -> dict[str, float]:
        return {"alliance_security": self.state.asi, "alliance_competitiveness": self.state.aci}

    @property
    def outcome(self) -> Outcome | None:
        if not self.is_over:
            return None
        st = self.state
        ranking = tuple(sorted(st.scores.items(), key=lambda kv: (-kv[1], kv[0])))
        alliance = "crisis" if st.ended_by_crisis else scoring.alliance_status(st.asi, self.rs.scenario.crisis.threshold)
        by_standing = tuple(sorted(par.standings(st, self.rs).items(), key=lambda kv: (-kv[1], kv[0])))
        return Outcome(st.ended_by_crisis, alliance, st.asi, st.aci, ranking,
                       tuple(s for s, met in st.objectives_met.items() if met), by_standing)

    def view_for(self, seat: str | None) -> dict[str, Any]:
        """What ``seat`` may see (None: the public view)."""
        return view_for(self.state, self.rs, seat)

    def objective_progress(self, seat: str) -> ObjectiveProgress | None:
        """Where ``seat`` stands on its own secret objective now (None: it holds none).
        A secret of that seat: show it to that seat only."""
        oid = self.state.objectives.get(seat)
        if oid is None:
            return None
        card = self.rs.objectives[oid]
        value = metric(self.state, self.rs, card.metric, seat, card.region)
        met = bool(self.state.objectives_met.get(seat))
        return ObjectiveProgress(oid, card.metric, card.op, float(card.value), value, met,
                                 met or (value is not None and compare(value, card.op, card.value)),
                                 card.by_round, float(card.points))

    def legal_orders(self, seat: str) -> LegalOrders:
        """Every single order ``seat`` may give now, each affordable on its own: a lazy
        view to iterate, count (``.count()``) or test (``order in view``); used as a list
        (``len``, indexing, shuffling) it becomes one.  Empty outside the orders phase."""
        self._seat(seat)
        return LegalOrders(self.state, self.rs, seat, self.state.phase == "orders", self._stamp)

    def check(self, seat: str, orders: Sequence[OrderLike]) -> None:
        """Raise `IllegalOrder` unless ``orders`` is a legal submission for ``seat``."""
        self._seat(seat)
        self._phase("orders")
        check_orders(self.state, self.rs, seat, _read_orders(orders))

    def submitted(self) -> dict[str, bool]:
        return {s: s in self.state.pending for s in self.rs.seat_ids}

    def proposals(self, seat: str | None = None, status: str = "open") -> list[dict[str, Any]]:
        return [
            {"id": p.id, "kind": p.kind, "proposer": p.proposer, "members": list(p.members),
             "duration": p.duration, "answers": dict(p.answers), "status": p.status,
             "terms": [dict(t) for t in p.terms]}
            for p in self.state.proposals
            if (status is None or p.status == status) and (seat is None or seat in p.members)
        ]

    def agreement_kinds(self, seat: str) -> list[str]:
        """The agreement kinds ``seat`` may be a member of."""
        self._seat(seat)
        return negotiation.kinds_for(self.state, self.rs, seat)

    def agreement_partners(self, seat: str, kind: str) -> list[str]:
        """The seats ``seat`` may join in an agreement of ``kind`` (nations, firms or both, by its rule)."""
        self._seat(seat)
        if kind not in self.rs.agreements:
            raise IllegalOrder("unknown_agreement_kind", kind=kind)
        return negotiation.partners_for(self.state, self.rs, seat, kind)

    def agreements(self, active_only: bool = True) -> list[dict[str, Any]]:
        return [
            {"id": a.id, "kind": a.kind, "members": list(a.members), "start_round": a.start_round,
             "end_round": a.end_round, "active": a.active, "terms": [dict(t) for t in a.terms]}
            for a in self.state.agreements if a.active or not active_only
        ]

    # ------------------------------------------------------------ acting (checked)

    def propose(self, seat: str, kind: str, members: Sequence[str], duration: int | None = None,
                terms: Sequence[Mapping[str, Any]] = ()) -> str:
        """Propose an agreement; returns the proposal id.  The proposer accepts by proposing.

        ``terms``: conditions on members, each ``{"term": id, "seat": member, "amount": n}``
        (``rules/agreements.yaml``, ``terms:``), checked at every resolution it binds."""
        self._stamp = object()
        self._seat(seat)
        self._phase("negotiation")
        p = negotiation.propose(self.state, self.rs, seat, kind, members, duration, terms)
        act: list[Any] = ["propose", seat, kind, list(p.members), p.duration]
        if p.terms:
            act.append([dict(t) for t in p.terms])
        self.actions.append(act)
        return p.id

    def memory(self) -> list[dict[str, Any]]:
        """What the table remembers: cut-offs, pacts left early and broken terms, oldest first."""
        return [dict(m) for m in self.state.memory]

    def answer(self, seat: str, proposal_id: str, accept: bool) -> str:
        """Accept or decline a proposal; returns its status (open, formed, declined, failed)."""
        self._stamp = object()
        self._seat(seat)
        self._phase("negotiation")
        p = negotiation.answer(self.state, self.rs, seat, proposal_id, accept)
        self.actions.append(["answer", seat, proposal_id, accept])
        return p.status

    def choose_event(self, card_id: str | None) -> None:
        """Replace this round's event card before it applies (facilitator)."""
        self._stamp = object()
        self._phase("event")
        if card_id is not None and (not isinstance(card_id, str) or card_id not in self.rs.events):
            raise IllegalOrder("unknown_event", event=card_id if isinstance(card_id, str) else shown(card_id))
        resolution.set_event(self.state, self.rs, card_id)
        self.actions.append(["event", card_id])

    def choice(self, lang: str | None = None) -> dict[str, Any] | None:
        """This round's event choice while it can be answered (the event phase), else None:
        the card, its prompt, the options (id, text), the seats asked, their answers so far
        and the default.  Texts are ``{"en":…, "ja":…}``, or strings in ``lang`` if given."""
        hit = events.choosers(self.state, self.rs)
        if not hit:
            return None
        assert self.state.event is not None
        ch = self.rs.events[self.state.event].choice
        assert ch is not None

        def text(t: Any) -> Any:
            return t.get(lang) if lang else {"en": t.en, "ja": t.get("ja")}

        return {"event": self.state.event, "prompt": text(ch.prompt), "default": ch.default,
                "options": [{"id": o.id, "text": text(o.text)} for o in ch.options],
                "seats": hit, "answers": {s: self.state.choices[s] for s in hit if s in self.state.choices}}

    def choose(self, seat: str, option: str) -> None:
        """Answer this round's event choice for ``seat`` (replacing an earlier answer).  Only in
        the event phase, only for a seat the card asks, and only one of its options; the
        option's effects apply with the card when the phase ends (a seat that does not
        answer takes the default)."""
        self._seat(seat)
        self._phase("event")
        card = self.rs.events[self.state.event] if self.state.event is not None else None
        if card is None or card.choice is None:
            raise IllegalOrder("no_choice")
        hit = events.choosers(self.state, self.rs)
        if seat not in hit:
            raise IllegalOrder("not_chooser", seat=seat, seats=", ".join(hit) or "-")
        if not isinstance(option, str) or events.option_of(card.choice, option) is None:
            raise IllegalOrder("unknown_option", option=option if isinstance(option, str) else shown(option),
                               allowed=", ".join(o.id for o in card.choice.options))
        self.state.choices[seat] = option
        self.actions.append(["choose", seat, option])

    OVERRIDABLE = ("score", "budget", "defence", "security", "trust", "data", "rival_threat")

    def override(self, target: str, quantity: str, delta: float, reason: str) -> None:
        """A facilitator's adjustment of an outcome, with a reason for the audit trail.

        ``quantity`` is one of `OVERRIDABLE`; ``trust`` and ``data`` take a
        qualifier: ``trust/<nation>`` (trust ``target`` holds in that nation),
        ``data/<domain>``.  ``delta`` is a finite number up to `OVERRIDE_LIMIT` either
        way (whole for ``budget``).  The change goes to the ledger and to ``state.overrides``.
        """
        self._stamp = object()
        if self.is_over:
            raise IllegalOrder("game_over")
        if not isinstance(reason, str) or not reason.strip():
            raise IllegalOrder("override_reason")
        if not isinstance(quantity, str):
            raise IllegalOrder("override_quantity", quantity=shown(quantity), allowed=", ".join(self.OVERRIDABLE))
        base, _, qual = quantity.partition("/")
        if base not in self.OVERRIDABLE:
            raise IllegalOrder("override_quantity", quantity=quantity, allowed=", ".join(self.OVERRIDABLE))
        amount = _override_amount(delta, whole=base == "budget")
        st = self.state
        tgt, q, lo, hi = self._override_slot(target, base, qual)
        applied = change(st, "override", reason, tgt, q, amount, lo, hi)
        if base == "security":  # the indices follow at once; the next resolution computes security afresh
            st.asi, st.aci = scoring.indices(st, self.rs)
            st.min_security = min(n.security for n in st.nations.values())
        st.overrides.append({"round": st.round, "phase": st.phase, "target": tgt, "quantity": q,
                             "delta": applied, "reason": reason})
        self.actions.append(["override", target, quantity, delta, reason])

    def _override_slot(self, target: object, base: str, qual: str) -> tuple[str, str, float | None, float | None]:
        """(target, quantity, lower bound, upper bound) of an override, or `IllegalOrder`."""
        st = self.state
        if base == "rival_threat":
            return "rival", "threat", 0.0, None
        if not isinstance(target, str) or (target not in st.nations and target not in st.firms):
            raise IllegalOrder("unknown_seat", seat=shown(target) if not isinstance(target, str) else target)
        if base == "score":
            return target, "score", None, None
        if base == "budget":
            return target, "budget", 0, None
        nation = st.nations.get(target)
        if nation is None:
            raise IllegalOrder("not_a_nation", seat=target)
        if base == "trust":
            if qual not in st.nations or qual == target:
                raise IllegalOrder("not_a_nation", seat=qual)
            return target, f"trust/{qual}", 0.0, 100.0
        if base == "data":
            if qual not in self.rs.domain_ids:
                raise IllegalOrder("unknown_domain", domain=qual)
            return target, f"data/{qual}", 0.0, None
        return target, base, 0.0, (1.0 if base == "security" else None)  # defence, security

    def advance(self) -> str:
        """End the current phase (event → negotiation → orders); returns the new phase."""
        self._stamp = object()
        st = self.state
        if st.phase == "event":
            resolution.end_event_phase(st, self.rs)
        elif st.phase == "negotiation":
            resolution.end_negotiation(st, self.rs)
        elif st.phase == "over":
            raise IllegalOrder("game_over")
        else:
            raise IllegalOrder("wrong_phase", phase=st.phase)
        self.actions.append(["advance"])
        return st.phase

    def submit(self, seat: str, orders: Iterable[OrderLike]) -> None:
        """Submit ``seat``'s orders for this round (replacing an earlier submission).

        A `Submission` built for this seat from this game's legal orders, with nothing
        changed since, is legal already and is not checked again."""
        self._seat(seat)
        self._phase("orders")
        if type(orders) is Submission and orders.stamp is self._stamp and orders.seat == seat:
            os_: tuple[Order, ...] = tuple(orders)
        else:
            os_ = _read_orders(orders)
            check_orders(self.state, self.rs, seat, os_)
        self.state.pending[seat] = os_
        self.actions.append(["submit", seat, [order_dict(o) for o in os_]])

    def resolve(self) -> RoundReport:
        """Resolve the round; phases not yet ended are ended first, missing orders hold."""
        self._stamp = object()
        if self.is_over:
            raise IllegalOrder("game_over")
        while self.state.phase in ("event", "negotiation"):
            self.advance()
        self.actions.append(["resolve"])
        return self._resolve()

    def _resolve(self) -> RoundReport:
        st = self.state
        r = st.round
        incidents = resolution.resolve(st, self.rs)
        report = build_report(st, self.rs, r, round_entries(st.ledger, r), incidents)
        self.reports.append(report)
        return report

    # ------------------------------------------------------------ fast paths

    def apply_orders_unchecked(self, orders: Mapping[str, Sequence[Order]], next_round: bool = True) -> None:
        """Set every seat's orders and resolve, with no checks and no log (for search).

        ``next_round=False`` skips starting the next round (its income and event draw):
        the clone is then only fit for reading the round's scores and indices."""
        self._stamp = object()
        st = self.state
        while st.phase in ("event", "negotiation"):
            if st.phase == "event":
                resolution.end_event_phase(st, self.rs)
            else:
                resolution.end_negotiation(st, self.rs)
        st.pending = {s: tuple(v) for s, v in orders.items()}
        resolution.resolve(st, self.rs, next_round)

    def clone(self, record: bool | None = None) -> "Game":
        """A cheap independent copy.  ``record=False`` (for search) drops the ledger and
        keeps no public record (revealed orders, history) of the rounds it resolves."""
        keep = self.state.record if record is None else record
        return Game(self.rs, self.state.copy(record=keep), list(self.actions) if keep else [],
                    list(self.reports) if keep else [])

    # ------------------------------------------------------------ persistence

    def state_hash(self) -> str:
        blob = json.dumps(self.state.to_dict(), separators=(",", ":"))  # order matters: see to_json
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        sc = self.rs.scenario
        # a scenario that is not one of the content's own (a file given by path) travels with the save
        carried = {"scenario_content": sc.model_dump(mode="json")} if sc.source is not None else {}
        return {
            "format": SAVE_FORMAT,
            "format_version": SAVE_VERSION,
            "content_hash": self.rs.content_hash,
            "scenario": sc.id,
            **carried,
            "seed": self.state.seed,
            "rounds": self.state.rounds,
            "actions": [list(a) for a in self.actions],
            "state": self.state.to_dict(),
            "state_hash": self.state_hash(),
        }

    def to_json(self) -> str:
        # key order is kept: the engine iterates seats in table order, which a reload must preserve
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str, rules: Rules | None = None, scenario: Scenario | None = None) -> "Game":
        """Load a save.  Raises `SaveError` with a one-line reason if it cannot."""
        from game.content.save_format import SaveFormatProblem, parse_json

        try:
            d = parse_json(text)
        except SaveFormatProblem as exc:
            raise SaveError(exc.code, **exc.params) from None
        return cls.from_dict(d, rules, scenario)

    @classmethod
    def from_dict(cls, d: Any, rules: Rules | None = None, scenario: Scenario | None = None) -> "Game":
        """A game from a parsed save, checked as a whole first: its shape (`game.content.save_format`),
        its scenario and content, every id in it against that scenario, and its state hash."""
        from game.content.loader import ContentError, load_rules, load_scenario, scenario_from_data
        from game.content.save_format import SaveFormatProblem, check_references, validate_game_save

        try:
            validate_game_save(d)
        except SaveFormatProblem as exc:
            raise SaveError(exc.code, **exc.params) from None
        try:
            rules = rules if rules is not None else load_rules()
            if scenario is not None:
                sc = scenario
            elif d.get("scenario_content") is not None:  # a scenario file of the player's own, carried by the save
                sc = scenario_from_data(d["scenario_content"], rules)
            else:
                sc = load_scenario(d["scenario"], rules)
        except ContentError as exc:
            raise SaveError("scenario", detail=exc.problems[0]) from None
        rs = Ruleset.build(rules, sc)
        if d["content_hash"] != rs.content_hash:
            raise SaveError("content", saved=d["content_hash"], here=rs.content_hash)
        try:
            check_references(d, _known_ids(rs))
        except SaveFormatProblem as exc:
            raise SaveError(exc.code, **exc.params) from None
        state = GameState.from_dict(d["state"])
        actions = [list(a) for a in d["actions"]]
        game = cls(rs, state, actions)
        if game.state_hash() != d["state_hash"]:
            raise SaveError("hash")
        return game

    @classmethod
    def replay(cls, scenario: str | Scenario, seed: int, rounds: int | None, actions: Sequence[Sequence[Any]],
               rules: Rules | None = None) -> "Game":
        """Re-simulate a game from its seed and action log."""
        g = cls.new(scenario, seed=seed, rounds=rounds, rules=rules)
        for a in actions:
            g.apply_action(a)
        return g

    def apply_action(self, a: Sequence[Any]) -> None:
        kind = a[0]
        if kind == "propose":
            self.propose(a[1], a[2], a[3], a[4], a[5] if len(a) > 5 else ())
        elif kind == "answer":
            self.answer(a[1], a[2], a[3])
        elif kind == "event":
            self.choose_event(a[1])
        elif kind == "advance":
            self.advance()
        elif kind == "submit":
            self.submit(a[1], [Order.from_dict(o) for o in a[2]])
        elif kind == "resolve":
            self.resolve()
        elif kind == "override":
            self.override(a[1], a[2], a[3], a[4])
        elif kind == "choose":
            self.choose(a[1], a[2])
        else:
            raise SaveError("unknown_action", kind=repr(kind))

    # ------------------------------------------------------------ helpers

    def _seat(self, seat: str) -> None:
        if seat not in self.rs.seat_ids:
            raise IllegalOrder("unknown_seat", seat=seat)

    def _phase(self, phase: str) -> None:
        if self.state.phase == "over":
            raise IllegalOrder("game_over")
        if self.state.phase != phase:
            raise IllegalOrder("wrong_phase", phase=self.state.phase)
