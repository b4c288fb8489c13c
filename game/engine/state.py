"""The mutable game state: plain slotted data, cheap to clone, exact to serialise.

Nothing here knows how rules work; `resolution`, `negotiation` and friends
change these records.  Every float goes through JSON unchanged (``repr``
round-trips), so a saved state reloads bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .rng import Rng

if TYPE_CHECKING:
    from .orders import Order

LedgerRow = tuple[int, str, str, str, str, float]  # (round, cause, ref, target, quantity, delta): a ledger.Entry

PHASES = ("event", "negotiation", "orders", "over")  # search clones may also stop at "resolved"


@dataclass(slots=True)
class NationState:
    defence: float
    data: dict[str, float]
    sovereign: float
    tiers: dict[str, int]  # target nation id or "row" -> export tier
    trust: dict[str, float]  # trust this nation holds in each other nation
    income: int
    budget: int
    home_region: str
    sovereign_funded: bool = False
    security: float = 0.0
    productivity: float = 0.0
    competitiveness: float = 0.0
    incidents: int = 0
    shock: float = 0.0  # security shock from events this round
    queued_incidents: int = 0  # incidents an event has scheduled for this round
    # terms of the last security computation, for itemised explanations
    sec_disc: float = 0.0
    sec_shared: float = 0.0
    sec_threat: float = 0.0
    home_revenue: float = 0.0  # home firms' revenue counted in competitiveness
    comp_loss: float = 0.0  # competitiveness lost to incidents this round
    defence_model: float = 0.0  # (model ratio) ** gamma that its defences work with (see scoring._discovery)
    buyer_trust: dict[str, float] = field(default_factory=dict)  # trust as it stood when the last round began (markets)

    def copy(self) -> "NationState":
        return NationState(
            self.defence, dict(self.data), self.sovereign, dict(self.tiers), dict(self.trust),
            self.income, self.budget, self.home_region, self.sovereign_funded, self.security,
            self.productivity, self.competitiveness, self.incidents, self.shock,
            self.queued_incidents, self.sec_disc, self.sec_shared, self.sec_threat,
            self.home_revenue, self.comp_loss, self.defence_model, dict(self.buyer_trust),
        )


@dataclass(slots=True)
class FirmState:
    home: str
    model: float
    apps: dict[str, float]
    presence: dict[str, float]
    weight_security: float
    licences: list[str]  # seats licensed to use this firm's model, sorted
    income: int
    budget: int
    frontier_lab: bool
    revenue: float = 0.0
    licence_revenue: float = 0.0
    competitiveness: float = 0.0
    revenue_by_region: dict[str, float] = field(default_factory=dict)
    model_value: float = 0.0
    received: int = 0  # capital paid to the firm during resolution, added in full next round

    def copy(self) -> "FirmState":
        return FirmState(
            self.home, self.model, dict(self.apps), dict(self.presence), self.weight_security,
            list(self.licences), self.income, self.budget, self.frontier_lab, self.revenue,
            self.licence_revenue, self.competitiveness, dict(self.revenue_by_region),
            self.model_value, self.received,
        )


@dataclass(slots=True)
class RivalState:
    capability: float
    threat: float
    presence: dict[str, float]
    economy: float
    revenue: float = 0.0

    def copy(self) -> "RivalState":
        return RivalState(self.capability, self.threat, dict(self.presence), self.economy, self.revenue)


@dataclass(slots=True)
class Agreement:
    id: str
    kind: str
    members: tuple[str, ...]
    start_round: int
    end_round: int  # last round in which it binds
    active: bool = True
    # conditions members accepted: ({"term": id, "seat": who must meet it, "amount": n}, ...)
    terms: tuple[dict[str, Any], ...] = ()

    def copy(self) -> "Agreement":
        return Agreement(self.id, self.kind, self.members, self.start_round, self.end_round, self.active,
                         self.terms)


@dataclass(slots=True)
class Proposal:
    id: str
    kind: str
    proposer: str
    members: tuple[str, ...]
    duration: int
    answers: dict[str, bool]  # member -> accepted; missing = not yet answered
    status: str = "open"  # open, formed, declined, expired, failed
    round: int = 0
    terms: tuple[dict[str, Any], ...] = ()  # as `Agreement.terms`

    def copy(self) -> "Proposal":
        return Proposal(self.id, self.kind, self.proposer, self.members, self.duration,
                        dict(self.answers), self.status, self.round, self.terms)


@dataclass(slots=True)
class GameState:
    scenario: str
    seed: int
    rounds: int
    round: int
    phase: str
    rng: Rng
    frontier: float
    nations: dict[str, NationState]
    firms: dict[str, FirmState]
    rival: RivalState
    markets: dict[str, float]  # "region/domain" -> value
    shares: dict[str, dict[str, float]]  # "region/domain" -> entrant -> share
    agreements: list[Agreement] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    next_id: int = 1
    pending: dict[str, tuple[Order, ...]] = field(default_factory=dict)  # seat -> orders submitted this round
    event: str | None = None
    drawn: list[str] = field(default_factory=list)
    modifiers: dict[str, float] = field(default_factory=dict)
    discounts: dict[str, int] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    objectives_met: dict[str, bool] = field(default_factory=dict)
    asi: float = 0.0
    aci: float = 0.0
    min_security: float = 0.0
    scores: dict[str, float] = field(default_factory=dict)
    round_scores: dict[str, float] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    revealed: list[dict[str, Any]] = field(default_factory=list)  # orders of past rounds, public
    ledger: list[LedgerRow] = field(default_factory=list)  # (round, cause, target, quantity, delta, note)
    record: bool = True  # False on search clones: no ledger, revealed orders or history
    crisis_streak: int = 0
    crises: int = 0
    ended_by_crisis: bool = False
    overrides: list[dict[str, Any]] = field(default_factory=list)
    # the table as the negotiation phase opened (trust, budgets, agreements in force): every
    # answer is weighed against it, so no answer depends on which proposal formed first
    opening: dict[str, Any] = field(default_factory=dict)
    # what seats did to each other that the table remembers: cut-offs, pacts left early,
    # broken terms ({"round", "kind", "by", "against", "ref"}); public, never rewritten
    memory: list[dict[str, Any]] = field(default_factory=list)
    choices: dict[str, str] = field(default_factory=dict)  # seat -> option answered to this round's card, until it applies
    decisions: list[dict[str, Any]] = field(default_factory=list)  # choices applied: round, event, seat, option, answered

    # ------------------------------------------------------------ cloning

    def copy(self, record: bool | None = None) -> "GameState":
        keep = self.record if record is None else record
        return GameState(
            self.scenario, self.seed, self.rounds, self.round, self.phase, Rng(self.rng.state),
            self.frontier,
            {k: v.copy() for k, v in self.nations.items()},
            {k: v.copy() for k, v in self.firms.items()},
            self.rival.copy(),
            dict(self.markets),
            dict(self.shares),  # a cell's share map is replaced each round, never changed in place
            # ended agreements and closed proposals never change again, so clones share them
            [a.copy() if a.active else a for a in self.agreements],
            [p.copy() if p.status == "open" else p for p in self.proposals],
            self.next_id,
            dict(self.pending),
            self.event,
            list(self.drawn),
            dict(self.modifiers),
            dict(self.discounts),
            dict(self.objectives),
            dict(self.objectives_met),
            self.asi, self.aci, self.min_security,
            dict(self.scores), dict(self.round_scores),
            list(self.history),  # entries are never mutated once written
            list(self.revealed),
            list(self.ledger) if keep else [],
            keep,
            self.crisis_streak, self.crises, self.ended_by_crisis,
            list(self.overrides),
            self.opening,  # replaced whole, never changed in place
            list(self.memory),
            dict(self.choices),
            list(self.decisions),  # entries are never mutated once written
        )

    # ------------------------------------------------------------ JSON

    def to_dict(self) -> dict[str, Any]:
        from .orders import Order

        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "rounds": self.rounds,
            "round": self.round,
            "phase": self.phase,
            "rng": self.rng.state,
            "frontier": self.frontier,
            "nations": {k: _slots_dict(v) for k, v in self.nations.items()},
            "firms": {k: _slots_dict(v) for k, v in self.firms.items()},
            "rival": _slots_dict(self.rival),
            "markets": dict(self.markets),
            "shares": {k: dict(v) for k, v in self.shares.items()},
            "agreements": [_slots_dict(a) | {"members": list(a.members)} for a in self.agreements],
            "proposals": [_slots_dict(p) | {"members": list(p.members)} for p in self.proposals],
            "next_id": self.next_id,
            "pending": {k: [Order.to_dict(o) for o in v] for k, v in self.pending.items()},
            "event": self.event,
            "drawn": list(self.drawn),
            "modifiers": dict(self.modifiers),
            "discounts": dict(self.discounts),
            "objectives": dict(self.objectives),
            "objectives_met": dict(self.objectives_met),
            "asi": self.asi,
            "aci": self.aci,
            "min_security": self.min_security,
            "scores": dict(self.scores),
            "round_scores": dict(self.round_scores),
            "history": list(self.history),
            "revealed": list(self.revealed),
            "ledger": [list(e) for e in self.ledger],
            "record": self.record,
            "crisis_streak": self.crisis_streak,
            "crises": self.crises,
            "ended_by_crisis": self.ended_by_crisis,
            "overrides": list(self.overrides),
            "opening": dict(self.opening),
            "memory": list(self.memory),
            "choices": dict(self.choices),
            "decisions": list(self.decisions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "GameState":
        from .orders import Order

        return cls(
            scenario=d["scenario"],
            seed=d["seed"],
            rounds=d["rounds"],
            round=d["round"],
            phase=d["phase"],
            rng=Rng(d["rng"]),
            frontier=d["frontier"],
            nations={k: NationState(**v) for k, v in d["nations"].items()},
            firms={k: FirmState(**v) for k, v in d["firms"].items()},
            rival=RivalState(**d["rival"]),
            markets=dict(d["markets"]),
            shares={k: dict(v) for k, v in d["shares"].items()},
            agreements=[Agreement(**(a | {"members": tuple(a["members"]), "terms": _terms(a)})) for a in d["agreements"]],
            proposals=[Proposal(**(p | {"members": tuple(p["members"]), "terms": _terms(p)})) for p in d["proposals"]],
            next_id=d["next_id"],
            pending={k: tuple(Order.from_dict(o) for o in v) for k, v in d["pending"].items()},
            event=d["event"],
            drawn=list(d["drawn"]),
            modifiers=dict(d["modifiers"]),
            discounts=dict(d["discounts"]),
            objectives=dict(d["objectives"]),
            objectives_met=dict(d["objectives_met"]),
            asi=d["asi"],
            aci=d["aci"],
            min_security=d["min_security"],
            scores=dict(d["scores"]),
            round_scores=dict(d["round_scores"]),
            history=list(d["history"]),
            revealed=list(d["revealed"]),
            ledger=[tuple(e) for e in d["ledger"]],
            record=d["record"],
            crisis_streak=d["crisis_streak"],
            crises=d["crises"],
            ended_by_crisis=d["ended_by_crisis"],
            overrides=list(d["overrides"]),
            opening=dict(d.get("opening", {})),
            memory=list(d.get("memory", [])),
            choices=dict(d["choices"]),
            decisions=list(d["decisions"]),
        )


def _terms(d: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    return tuple(dict(t) for t in d.get("terms", ()))


def _slots_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in obj.__slots__:
        v = getattr(obj, name)
        if isinstance(v, dict):
            v = dict(v)
        elif isinstance(v, (list, tuple)):
            v = list(v)
        out[name] = v
    return out
