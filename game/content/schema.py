"""Pydantic models of Sumiwake's content files (``rules/`` and ``scenarios/``).

These models live at the edge: they validate what designers write and are
exported as JSON Schema. The engine reads the resulting frozen models but keeps
its own mutable state in plain slotted data.

Every enumeration below (effect kinds, quantities, selectors, metrics, order
kinds, agreement kinds) is interpreted by the engine; content never contains
code or expressions.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .messages import ContentValueError, msg

SeatType = Literal["nation", "firm"]
Comparison = Literal[">=", "<=", ">", "<", "=="]

OrderKind = Literal[
    "set_export_tier",
    "fund_defence",
    "fund_data",
    "fund_sovereign",
    "procure",
    "market_access_deal",
    "license_model",
    "license_from",
    "rnd",
    "build_application",
    "enter_region",
    "weight_security",
    "partner_nation",
    "exit_agreement",
]

AgreementKind = Literal[
    "frontier_access_pact",
    "threat_intel_sharing",
    "joint_market_initiative",
    "data_partnership",
]

ORDER_KINDS: tuple[str, ...] = get_args(OrderKind)

# The coefficients each order kind's rule reads from its ``params`` in rules/orders.yaml
# (game/engine/order_rules.py): a kind's entry must give exactly these.
ORDER_PARAMS: dict[str, tuple[str, ...]] = {
    "set_export_tier": ("reopen_trust_divisor",),  # trust restored per tier opened = cut-off penalty / this
    # the contract's points count once: a share is the firm's capital (its margin), the rest is the work
    # (the firm's application, at the kind's efficiency) and the nation's data (data_per_point)
    "procure": ("capital_share", "data_per_point"),
    "partner_nation": ("nation_data_share", "data_scale"),  # apps grow by effect x (1 + data / data_scale)
}
AGREEMENT_KINDS: tuple[str, ...] = get_args(AgreementKind)

# Quantities an effect can change.  ``domain``/``region`` qualify some of them.
Quantity = Literal[
    "defence",  # nation: defence stock
    "data",  # nation: domain data (domain)
    "sovereign",  # nation: sovereign model level
    "budget",  # nation or firm: spendable budget this round
    "model",  # firm: own model capability
    "apps",  # firm: application level (domain)
    "presence",  # firm: presence (region)
    "weight_security",  # firm: model-weight security in [0, 1]
    "trust",  # nation: trust others hold in the target
    "security_shock",  # nation: security penalty this round in [0, 1]
    "rival_capability",  # Rival Bloc model capability
    "rival_threat",  # Rival Bloc threat
    "rival_presence",  # Rival Bloc presence (region)
    "market_value",  # market cells (region, optional domain)
    "frontier",  # the frontier level
]

Selector = Literal[
    "all_nations",
    "all_firms",
    "all_seats",
    "seat",  # the seat named in ``seat``
    "home_firms",  # firms whose home is the nation named in ``seat``
    "nations_with_frontier_access",
    "nations_without_frontier_access",
    "weakest_weight_security_firm",
    "lowest_security_nation",
    "open_exporters",  # nations whose rest-of-world tier is 1
    "sovereign_programmes",  # nations running a sovereign model programme
    "firms_in_region",  # firms with presence in ``region``
    "world",  # world-level quantities (frontier, market values, Rival)
    "chooser",  # in an event choice's option: the seat that chose it
    "chooser_firms",  # in an event choice's option: the chooser's home firms (a firm: itself)
]

# What holds each quantity: an effect's target must pick only holders of its quantity
QUANTITY_HOLDERS: dict[str, frozenset[str]] = {
    **{q: frozenset({"nation"}) for q in ("defence", "data", "sovereign", "trust", "security_shock")},
    "budget": frozenset({"nation", "firm"}),
    **{q: frozenset({"firm"}) for q in ("model", "apps", "presence", "weight_security")},
    **{q: frozenset({"world"}) for q in ("rival_capability", "rival_threat", "rival_presence", "market_value",
                                         "frontier")},
}
# What each selector can pick: nations, firms or the world.  Not listed: ``seat`` (the named
# seat's type) and ``chooser`` (what the choice's ``to`` can pick).
SELECTOR_PICKS: dict[str, frozenset[str]] = {
    **{s: frozenset({"nation"}) for s in ("all_nations", "nations_with_frontier_access",
                                          "nations_without_frontier_access", "lowest_security_nation",
                                          "open_exporters", "sovereign_programmes")},
    **{s: frozenset({"firm"}) for s in ("all_firms", "home_firms", "weakest_weight_security_firm",
                                        "firms_in_region", "chooser_firms")},
    "all_seats": frozenset({"nation", "firm"}),
    "world": frozenset({"world"}),
}
assert set(QUANTITY_HOLDERS) == set(get_args(Quantity))
assert set(SELECTOR_PICKS) == set(get_args(Selector)) - {"seat", "chooser"}

Metric = Literal[
    "round",
    "frontier",
    "rival_threat",
    "rival_capability",
    "asi",
    "aci",
    "security",
    "competitiveness",
    "total_score",
    "row_tier",
    "sovereign",
    "model_ratio",
    "defence",
    "trust_mean",
    "tier1_partners",
    "home_firms_share",
    "firm_share",
    "domains_served",
    "regions_present",
    "nations_with_sovereign",
    "open_exporters",
    "agreements",
    "incidents",
    "min_security",
]

EffectKind = Literal["adjust", "incident", "modifier"]

Modifier = Literal[
    "agreement_trust_bonus",  # extra trust when an agreement forms this round
    "order_cost_discount",  # fewer points for one order kind this round
    "rnd_efficiency",  # multiplier on R&D this round
    "market_growth",  # extra growth of market cells this round
    "incident_chance",  # multiplier on incident probability this round
    "leak_multiplier",  # multiplier on leaks this round
]


class StrictModel(BaseModel):
    """Base of every content model: unknown keys are errors, numbers are finite, data is frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# Every number in content is finite (StrictModel refuses .nan and .inf) and within
# ±MAX_NUMBER: far beyond any real figure (the largest is in the hundreds), and small
# enough that a game of at most 30 rounds cannot overflow a float.
# (A validator, not ge/le: a field's own ge/le must not be replaced by these.)
MAX_NUMBER = 1_000_000


def _within_max(v: float) -> float:
    if not -MAX_NUMBER <= v <= MAX_NUMBER:
        raise ContentValueError(msg("number.range", max=f"{MAX_NUMBER:,}", value=repr(v)))
    return v


Number = Annotated[float, AfterValidator(_within_max)]
Whole = Annotated[int, AfterValidator(_within_max)]
Amount = Annotated[float, Field(ge=0), AfterValidator(_within_max)]  # data, market values, apps, presence: never negative
MAX_FACTOR = 10  # an effect that multiplies (mode: mul) scales by at most this much


class Text(StrictModel):
    """A bilingual text.  ``ja`` may be empty until it is translated."""

    en: str = Field(min_length=1)
    ja: str = ""

    def get(self, lang: str) -> str:
        if lang == "ja" and self.ja:
            return self.ja
        return self.en


# ---------------------------------------------------------------- world


class Domain(StrictModel):
    id: str
    name: Text


class Region(StrictModel):
    id: str
    name: Text
    outside: bool = Field(description="True for regions outside the alliance, where the Rival Bloc competes")
    values: dict[str, Amount] = Field(description="Starting market value of each domain cell")
    growth: Number = Field(ge=0, le=1, description="Growth of each cell per round")
    rival_presence: Number = Field(0.0, ge=0)
    # Position on the drawn world map, in [0, 1] x [0, 1].
    map_x: Number = Field(0.5, ge=0, le=1)
    map_y: Number = Field(0.5, ge=0, le=1)


class RivalBloc(StrictModel):
    name: Text
    capability: Number = Field(gt=0, description="Rival model capability at the start")
    threat: Number = Field(ge=0, description="Rival threat at the start")
    base_growth: Number = Field(ge=0, description="Threat added every round")
    capability_growth: Number = Field(ge=0, description="Capability added every round")
    leak_coef: Number = Field(ge=0, description="Threat per unit of leaked capability")
    capture_coef: Number = Field(ge=0, description="Threat per unit of revenue the Rival captured")
    threat_decay: Number = Field(ge=0, le=1, description="Share of threat that fades each round")
    presence_growth: Number = Field(ge=0, description="Rival presence gained in a region the alliance leaves thin")
    economy: Number = Field(ge=0, description="Rival domestic AI economy for the competitiveness index")
    economy_growth: Number = Field(ge=0, le=1)
    apps: Number = Field(2.0, ge=0, description="Rival application level in every outside non-defence cell")
    distill_coef: Number = Field(0.0, ge=0, description="Threat per unit of model ratio exported openly (tier openness): "
                                                         "distillation that weight security cannot stop")
    breach_threat: Number = Field(0.0, ge=0, description="Threat added by each incident in an alliance nation "
                                                          "(a breach is a foothold): it counts from the next round")


class World(StrictModel):
    frontier: Number = Field(gt=0, description="Frontier capability at the start")
    frontier_growth: Number = Field(ge=0, description="Frontier growth per round before R&D")
    frontier_rnd_push: Number = Field(ge=0, description="Frontier gained per unit of R&D by firms at the frontier")
    generation_gap: Number = Field(gt=0, description="Capability units in one model generation")
    domains: list[Domain]
    regions: list[Region]
    rival: RivalBloc


# ---------------------------------------------------------------- seats


class NationStart(StrictModel):
    income: Whole = Field(ge=0, description="Policy points each round")
    defence: Number = Field(ge=0)
    data: dict[str, Amount]
    sovereign: Number = Field(0.0, ge=0)
    home_region: str


class FirmStart(StrictModel):
    home: str = Field(description="The nation whose export tiers govern this firm")
    income: Whole = Field(ge=0, description="Capital each round before revenue")
    model: Number = Field(ge=0)
    apps: dict[str, Amount]
    presence: dict[str, Amount]
    weight_security: Number = Field(ge=0, le=1)
    licences_to: list[str] = Field(default_factory=list, description="Seats licensed at the start")
    frontier_lab: bool = Field(False, description="R&D of this firm pushes the frontier")


class SeatDef(StrictModel):
    id: str
    type: SeatType
    name: Text
    role: str = Field(description="Role whose objective cards this seat draws")
    strengths: Text
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    icon: Literal["circle", "square", "diamond", "triangle", "hexagon", "star", "cross", "ring"]
    nation: NationStart | None = None
    firm: FirmStart | None = None


# ---------------------------------------------------------------- tiers


class TierDef(StrictModel):
    tier: Literal[1, 2, 3]
    name: Text
    help: Text
    lag_generations: Number = Field(ge=0, description="Generations behind the licensor's model")
    blocked: bool = Field(False, description="No model access at all")
    openness: Number = Field(ge=0, le=1, description="Leak exposure when used toward the rest of the world")
    outside_access: Number = Field(ge=0, le=1, description="Firm strength in outside markets when home's rest-of-world tier is this")


# ---------------------------------------------------------------- orders


class OrderDef(StrictModel):
    kind: OrderKind
    actor: SeatType | Literal["any"]
    name: Text
    help: Text
    cost: Whole = Field(0, ge=0, description="Fixed cost in budget points")
    amounts: list[Whole] = Field(default_factory=list, description="Allowed amounts; empty when the order takes none")
    max_per_round: Whole = Field(1, ge=1)
    efficiency: Number = Field(1.0, ge=0, description="Effect per point spent")
    params: dict[str, Number] = Field(
        default_factory=dict, description="The kind's own coefficients (see ORDER_PARAMS), all finite and positive")

    @model_validator(mode="after")
    def _params_match_kind(self) -> "OrderDef":
        want = ORDER_PARAMS.get(self.kind, ())
        missing = [p for p in want if p not in self.params]
        extra = sorted(set(self.params) - set(want))
        if missing or extra:
            none = msg("params.none")
            raise ContentValueError(msg("params.exact", kind=self.kind, want=", ".join(want) or none,
                                        missing=", ".join(missing) or none, unknown=", ".join(extra) or none))
        for name, v in self.params.items():
            if not (math.isfinite(v) and v > 0):
                raise ContentValueError(msg("params.positive", name=name, value=v))
        return self


class AgreementDef(StrictModel):
    kind: AgreementKind
    name: Text
    help: Text
    members: Literal["nations", "firms", "firm_and_nation", "any"]
    min_members: Whole = Field(2, ge=2)
    max_members: Whole = Field(12, ge=2)
    duration: Whole = Field(ge=1, description="Rounds the agreement binds")
    cost: Whole = Field(0, ge=0, description="Budget points each member pays when it forms")
    trust_on_form: Number = Field(ge=0)
    exit_trust_cost: Number = Field(ge=0)
    strength: Number = Field(ge=0, description="Effect strength (share, bonus or multiplier)")


class TermDef(StrictModel):
    """A condition a proposal may attach to an agreement: one member (of ``actor``'s type)
    orders at least an amount of ``orders`` every round the agreement binds, from the
    round it forms.  The engine checks it when a round resolves; a member that falls
    short has broken the term: the other members' nations lose ``broken_trust_cost``
    trust in it, the table remembers it, and with ``expel`` it leaves the agreement."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")
    name: Text
    help: Text
    actor: SeatType
    orders: list[OrderKind] = Field(min_length=1)
    amounts: list[Whole] = Field(min_length=1, description="Amounts a proposal may ask for")
    broken_trust_cost: Number = Field(ge=0)
    expel: bool = True


# ---------------------------------------------------------------- events


class Target(StrictModel):
    select: Selector
    seat: str | None = None
    region: str | None = None


class Clause(StrictModel):
    metric: Metric
    op: Comparison = ">="
    value: Number
    seat: str | None = None
    region: str | None = None


class Condition(StrictModel):
    min_round: Whole = Field(1, ge=1)
    max_round: Whole | None = None
    all: list[Clause] = Field(default_factory=list)


class Effect(StrictModel):
    kind: EffectKind
    target: Target
    quantity: Quantity | None = None
    domain: str | None = None
    region: str | None = None
    amount: Number = 0.0
    mode: Literal["add", "mul"] = "add"
    modifier: Modifier | None = None
    order_kind: OrderKind | None = None
    unless: Selector | None = Field(None, description="Seats in this selector are spared (incident only)")

    @model_validator(mode="after")
    def _factor_in_range(self) -> "Effect":
        if self.mode == "mul" and not 0 <= self.amount <= MAX_FACTOR:
            raise ContentValueError(msg("effect.factor", max=MAX_FACTOR, value=self.amount))
        return self


class EventOption(StrictModel):
    """One answer a seat may give to an event card's choice, with its own effects."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    text: Text = Field(description="The option as the seat reads it (a short imperative)")
    effects: list[Effect] = Field(default_factory=list, description="Applied for each seat that takes this option")


class EventChoice(StrictModel):
    """A choice an event card puts to the seats it hits: each answers with one option."""

    to: Target = Field(description="The seats that choose (evaluated when the card is shown)")
    prompt: Text
    options: list[EventOption] = Field(min_length=2, max_length=3)
    default: str = Field(description="The option of a seat that does not answer")


class EventCard(StrictModel):
    id: str
    title: Text
    text: Text
    weight: Number = Field(1.0, gt=0)
    condition: Condition = Field(default_factory=Condition)
    effects: list[Effect] = Field(default_factory=list)
    choice: EventChoice | None = None


# ---------------------------------------------------------------- objectives


class ObjectiveCard(StrictModel):
    id: str
    role: str
    title: Text
    text: Text
    metric: Metric
    op: Comparison = ">="
    value: Number
    region: str | None = None
    by_round: Whole | None = Field(None, description="Met if true at the end of any round up to this one; else at the end")
    points: Number = Field(gt=0, description="Bonus, as a percentage of the seat's final score")


# ---------------------------------------------------------------- scoring


class Scoring(StrictModel):
    gamma: Number = Field(gt=0, le=5, description="Exponent of model ratio in vulnerability discovery")
    alpha: Number = Field(gt=0, le=5, description="Exponent of model ratio in productivity")
    beta: Number = Field(gt=0, le=5, description="Exponent of model ratio in market strength")
    theta: Number = Field(gt=0, description="Weight of Rival threat against defence")
    security_scale: Number = Field(gt=0)
    security_bias: Number = 0.0
    defence_decay: Number = Field(ge=0, le=1)
    asi_min_weight: Number = Field(ge=0, le=1, description="Weight of the weakest nation in the ASI")
    productivity_scale: Number = Field(gt=0)
    home_firm_share: Number = Field(ge=0, le=1, description="Share of a firm's revenue that counts for its home nation")
    firm_model_value: Number = Field(ge=0, description="Competitiveness per unit of model ratio for a firm")
    licence_fee: Number = Field(ge=0, description="Revenue per licence per unit of licensed model ratio")
    revenue_to_capital: Number = Field(ge=0, le=1)
    incident_base: Number = Field(ge=0, le=1)
    incident_security_hit: Number = Field(ge=0, le=1)
    incident_comp_hit: Number = Field(ge=0, le=1)
    incident_data_hit: Number = Field(ge=0)
    score_floor: Number = Field(ge=0, le=1, description="Score multiplier at ASI 0 (1 at ASI 100)")
    own_security_weight: Number = Field(
        0.0, ge=0, le=1, description="Weight of the seat's own security (a firm's: its home nation's) beside the "
                                     "ASI in the round-score multiplier")
    discovery_persistence: Number = Field(
        0.0, ge=0, lt=1, description="Share of a fall in vulnerability discovery that waits for the next round "
                                     "(findings outlast the access that made them)")
    market_trust_weight: Number = Field(
        0.0, ge=0, le=5, description="Exponent of buyers' trust (under neutral) in the exporter's home nation, on a "
                                     "firm's strength in a home region of other nations (trust as it stood when the "
                                     "last round began)")
    sovereign_cap: Number = Field(gt=0, le=1, description="Sovereign model ceiling as a share of the frontier")
    sovereign_champion_share: Number = Field(ge=0, le=1, description="Share of sovereign funding that raises the national champion's model")
    model_cap_margin: Number = Field(ge=0, description="How far below the frontier firm R&D can reach")
    trust_cutoff_penalty: Number = Field(ge=0)
    trust_recovery: Number = Field(ge=0, description="Trust drift toward the neutral level per round")
    trust_neutral: Number = Field(ge=0, le=100)
    budget_carry: Number = Field(ge=0, le=1, description="Share of unspent budget carried to the next round")
    open_model_floor: Number = Field(
        0.35, ge=0, le=1, description="Open-weight models anyone can run, as a share of the frontier")
    served_share: Number = Field(
        gt=0, le=1, description="Share of a market cell at which a seat counts as serving its domain (objectives)")


class Rules(StrictModel):
    """Everything in ``rules/``."""

    world: World
    seats: list[SeatDef]
    tiers: list[TierDef]
    orders: list[OrderDef]
    agreements: list[AgreementDef]
    terms: list[TermDef] = Field(default_factory=list)
    events: list[EventCard]
    objectives: list[ObjectiveCard]
    scoring: Scoring


# ---------------------------------------------------------------- scenarios


class SeatOverride(StrictModel):
    name: Text | None = None
    income: Whole | None = Field(None, ge=0)
    defence: Number | None = Field(None, ge=0)
    sovereign: Number | None = Field(None, ge=0)
    model: Number | None = Field(None, ge=0)
    weight_security: Number | None = Field(None, ge=0, le=1)
    data: dict[str, Amount] = Field(default_factory=dict)
    apps: dict[str, Amount] = Field(default_factory=dict)
    presence: dict[str, Amount] = Field(default_factory=dict)
    licences_to: list[str] | None = None


class StartAgreement(StrictModel):
    kind: AgreementKind
    members: list[str] = Field(min_length=2)
    rounds_left: Whole = Field(ge=1)


class CrisisRate(StrictModel):
    """The share of games that normal bots should end in an alliance crisis (checked by ``sumiwake balance``)."""

    low: Number = Field(ge=0, le=1, description="Least share of normal-bot games that end in crisis")
    high: Number = Field(ge=0, le=1, description="Greatest share of normal-bot games that end in crisis")

    @model_validator(mode="after")
    def _ordered(self) -> "CrisisRate":
        if self.low > self.high:
            raise ContentValueError(msg("crisis_rate.order", low=self.low, high=self.high))
        return self


class Crisis(StrictModel):
    threshold: Number = Field(ge=0, le=100, description="ASI under which a round ends in crisis")
    consecutive: Whole = Field(1, ge=1, description="Crisis rounds in a row that end the game")
    score_penalty: Number = Field(ge=0, le=1, description="Share of each seat's round score lost in a crisis round")
    ends_game: bool = Field(True, description="Whether enough crisis rounds in a row end the game as a shared loss")
    expected_rate: CrisisRate | None = Field(
        None, description="Share of normal-bot games that should end in crisis: neither always nor never")


class Par(StrictModel):
    """Each seat's par: its expected score in this scenario, by round, calibrated by simulation
    of normal-bot tables (``sumiwake balance --calibrate-par`` writes this block).  A seat's
    standing is its score against its par at the same round (1.0 = par)."""

    games: Whole = Field(ge=1, description="Normal-bot games the par was measured on")
    seed: Whole = Field(ge=0, description="The first of their seeds")
    seats: dict[str, Annotated[list[Annotated[float, Field(gt=0)]], Field(min_length=1)]] = Field(
        description="Seat -> mean score after each round (before objective bonuses), round 1 first; "
                    "a longer game extrapolates the last round's pace")


class TutorialStep(StrictModel):
    round: Whole = Field(ge=1)
    phase: Literal["event", "negotiation", "orders", "report"]
    text: Text


class Scenario(StrictModel):
    id: str
    title: Text
    briefing: Text
    seats: list[str] = Field(min_length=2)
    human_seats: list[str] = Field(default_factory=list, description="Seats a player takes by default")
    rounds: Whole = Field(ge=1, le=30)
    seat_overrides: dict[str, SeatOverride] = Field(default_factory=dict)
    tiers: dict[str, dict[str, Literal[1, 2, 3]]] = Field(
        default_factory=dict, description="Starting export tiers: nation -> (nation or 'row') -> tier"
    )
    default_tier: Literal[1, 2, 3] = 1
    default_row_tier: Literal[1, 2, 3] = 2
    trust: Number = Field(60.0, ge=0, le=100, description="Starting trust between every pair of nations")
    agreements: list[StartAgreement] = Field(default_factory=list)
    scheduled_events: dict[int, str] = Field(default_factory=dict, description="Round -> event card id")
    deck: list[str] | None = Field(None, description="Event cards in the deck; all cards when absent")
    crisis: Crisis
    default_personas: dict[str, str] = Field(default_factory=dict)
    tutorial: list[TutorialStep] = Field(default_factory=list)
    par: Par | None = Field(None, description="Each seat's par, for standings; none: no standings")
    # Set by the loader for a scenario that is not one of the content's own scenarios/ (a file
    # given by path, or one embedded in a save): where it came from.  Saves of its games carry
    # its content, so they load and replay wherever the file has gone.
    _source: str | None = PrivateAttr(None)

    @property
    def source(self) -> str | None:
        """The file this scenario was read from, if it is not one of the content's own; else None."""
        return self._source

    @field_validator("scheduled_events")
    @classmethod
    def _rounds_positive(cls, v: dict[int, str]) -> dict[int, str]:
        for r in v:
            if r < 1:
                raise ContentValueError(msg("round.positive", round=r))
        return v


# ---------------------------------------------------------------- debrief


class DebriefSteps(StrictModel):
    description: Text
    analysis: Text
    application: Text


class DebriefObjective(StrictModel):
    id: str
    title: Text
    steps: DebriefSteps


class DebriefPrompts(StrictModel):
    """Discussion prompts of the debrief, one set per learning objective."""

    objectives: list[DebriefObjective] = Field(min_length=1)


# ---------------------------------------------------------------- glossary


class GlossaryTerm(StrictModel):
    """One game term in both languages, with the Japanese variants the text must not use."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    en: str = Field(min_length=1)
    ja: str = Field(min_length=1)
    avoid: list[str] = Field(default_factory=list,
                             description="Japanese variants of the term that no catalog or content text may use")
    allow: list[str] = Field(default_factory=list,
                             description="Longer phrases that contain an avoided variant and are right as they are")

    @model_validator(mode="after")
    def _does_not_avoid_itself(self) -> "GlossaryTerm":
        for v in self.avoid:
            if not v.strip():
                raise ContentValueError(msg("glossary.empty_variant"))
            if v in self.ja and not any(v in a and a in self.ja for a in self.allow):
                raise ContentValueError(msg("glossary.avoids_itself", ja=self.ja, variant=v))
        return self


class Glossary(StrictModel):
    """The game's terms: one word for each thing (``rules/glossary/terms.yaml``)."""

    terms: list[GlossaryTerm] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_once(self) -> "Glossary":
        seen: set[str] = set()
        for t in self.terms:
            if t.id in seen:
                raise ContentValueError(msg("glossary.id_twice", id=t.id))
            seen.add(t.id)
        return self
