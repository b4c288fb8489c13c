"""The shape of every file the game reads back: game saves, match saves, workshop sessions
and the player's settings.  Anything on disk may have been edited by hand, damaged, or
made by a stranger, so it is checked as a whole here before the engine touches it.

The models VALIDATE only: the engine then builds its state from the original JSON
values (an int stays an int, a float keeps its exact value), so a save reloads bit for
bit.  A model that is missing a field the engine writes makes every save fail to load,
which the round-trip tests catch at once; a model that forgets a check lets a bad file
through to the engine, which the fuzz tests in tests/adversarial look for.

Numbers are finite (JSON ``NaN`` and ``Infinity`` are refused), within wide bounds no
game reaches; strings and lists are bounded too.  Ids are only checked against the
scenario once it is loaded (`check_references`).

A problem is a `SaveFormatProblem`: a catalogue code (``save.<code>``) and its
parameters, with the location inside the file as ``loc`` (``state.nations.usa.budget``).
The engine turns it into a `SaveError`; this layer cannot name that type.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
)

MAX_FILE_BYTES = 32 * 1024 * 1024  # a 12-seat, 12-round workshop file is well under 2 MB
MAX_NUMBER = 1e12  # no quantity of a real game comes near; far below float overflow in any formula
MAX_INT = 10**12
MAX_ID = 200  # characters in an id
MAX_TEXT = 5000  # characters in free text (override reasons, team names, audit details)
MAX_ITEMS = 200_000  # entries in any one list or object (the ledger is the longest)

Num = Annotated[StrictFloat, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]
NonNeg = Annotated[StrictFloat, Field(ge=0.0, le=MAX_NUMBER, allow_inf_nan=False)]
Int = Annotated[StrictInt, Field(ge=-MAX_INT, le=MAX_INT)]
Count = Annotated[StrictInt, Field(ge=0, le=MAX_INT)]
Id = Annotated[StrictStr, Field(min_length=1, max_length=MAX_ID)]
Text = Annotated[StrictStr, Field(max_length=MAX_TEXT)]
Bool = StrictBool
U64 = Annotated[StrictInt, Field(ge=0, le=(1 << 64) - 1)]
Seed = Annotated[StrictInt, Field(ge=-(1 << 63), le=(1 << 64) - 1)]
ScenarioId = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")]  # an id, never a path


T = TypeVar("T")
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]  # a list
IdMap = Annotated[dict[Id, T], Field(max_length=MAX_ITEMS)]  # an object keyed by ids
SeatMap = Annotated[dict[Id, T], Field(max_length=64)]  # an object with an entry per seat
Members = Annotated[list[Id], Field(max_length=64)]  # the seats of an agreement or proposal
RoundOrders = Annotated[list[T], Field(max_length=1000)]  # one seat's orders of a round


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


# ------------------------------------------------------------------ the game state


class NationModel(_Strict):
    defence: Num
    data: IdMap[Num]
    sovereign: Num
    tiers: IdMap[Int]
    trust: IdMap[Num]
    income: Int
    budget: Int
    home_region: Id
    sovereign_funded: Bool = False
    security: Num = 0.0
    productivity: Num = 0.0
    competitiveness: Num = 0.0
    incidents: Count = 0
    shock: Num = 0.0
    queued_incidents: Count = 0
    sec_disc: Num = 0.0
    sec_shared: Num = 0.0
    sec_threat: Num = 0.0
    home_revenue: Num = 0.0
    comp_loss: Num = 0.0
    defence_model: Num = 0.0
    buyer_trust: IdMap[Num] = {}


class FirmModel(_Strict):
    home: Id
    model: Num
    apps: IdMap[Num]
    presence: IdMap[Num]
    weight_security: Num
    licences: Items[Id]
    income: Int
    budget: Int
    frontier_lab: Bool
    revenue: Num = 0.0
    licence_revenue: Num = 0.0
    competitiveness: Num = 0.0
    revenue_by_region: IdMap[Num] = {}
    model_value: Num = 0.0
    received: Int = 0


class RivalModel(_Strict):
    capability: Num
    threat: Num
    presence: IdMap[Num]
    economy: Num
    revenue: Num = 0.0


class TermModel(_Strict):
    """A condition of an agreement: ``seat`` orders at least ``amount`` of the term's kind a round."""

    term: Id
    seat: Id
    amount: Count


Terms = Annotated[list[TermModel], Field(max_length=64)]


class AgreementModel(_Strict):
    id: Id
    kind: Id
    members: Members
    start_round: Count
    end_round: Count
    active: Bool = True
    terms: Terms = []


class ProposalModel(_Strict):
    id: Id
    kind: Id
    proposer: Id
    members: Members
    duration: Count
    answers: IdMap[Bool]
    status: Literal["open", "formed", "declined", "expired", "failed"] = "open"
    round: Count = 0
    terms: Terms = []


class OrderModel(_Strict):
    """An order as the engine writes it (`Order.to_dict`): only the fields it has."""

    kind: Id
    target: Id | None = None
    domain: Id | None = None
    region: Id | None = None
    tier: Int | None = None
    amount: Int = 0
    grant: Bool | None = None


class HistoryModel(_Strict):
    round: Count
    event: Id | None
    alliance_security: Num
    alliance_competitiveness: Num
    crisis: Bool
    frontier: Num
    rival_threat: Num
    scores: IdMap[Num]
    round_scores: IdMap[Num]
    security: IdMap[Num]
    competitiveness: IdMap[Num]
    incidents: IdMap[Count]
    scores_before_objectives: IdMap[Num] | None = None  # the last round: scores before the objective bonus


class RevealedModel(_Strict):
    round: Count
    orders: IdMap[RoundOrders[Text]]


class OverrideModel(_Strict):
    round: Count
    phase: Literal["event", "negotiation", "orders"]
    target: Id
    quantity: Annotated[StrictStr, Field(pattern=r"^[a-z_]{1,40}(/[a-z0-9_-]{1,60})?$")]  # e.g. trust/japan
    delta: Num
    reason: Text


class OpeningModel(_Strict):
    """The table as the negotiation phase opened (empty outside it)."""

    trust: IdMap[IdMap[Num]] = {}
    budget: IdMap[Int] = {}
    agreements: Items[Id] = []


class MemoryModel(_Strict):
    round: Count
    kind: Literal["cutoff", "broken_pact", "broken_term"]
    by: Id
    against: Id
    ref: Id
class DecisionModel(_Strict):
    round: Count
    event: Id
    seat: Id
    option: Id
    answered: Bool


LedgerEntry = tuple[Count, Id, Text, Id, Id, Num]  # (round, cause, ref, target, quantity, delta)


class StateModel(_Strict):
    """Every key is required: `GameState.from_dict` reads each one."""

    scenario: Id
    seed: Seed
    rounds: Annotated[StrictInt, Field(ge=1, le=1000)]
    round: Annotated[StrictInt, Field(ge=1, le=1001)]
    phase: Literal["event", "negotiation", "orders", "over"]
    rng: U64
    frontier: Num
    nations: SeatMap[NationModel]
    firms: SeatMap[FirmModel]
    rival: RivalModel
    markets: IdMap[Num]
    shares: IdMap[IdMap[Num]]
    agreements: Items[AgreementModel]
    proposals: Items[ProposalModel]
    next_id: Count
    pending: Annotated[dict[Id, RoundOrders[OrderModel]], Field(max_length=128)]
    event: Id | None
    drawn: Items[Id]
    modifiers: IdMap[Num]
    discounts: IdMap[Int]
    objectives: IdMap[Id]
    objectives_met: IdMap[Bool]
    asi: Num
    aci: Num
    min_security: Num
    scores: IdMap[Num]
    round_scores: IdMap[Num]
    history: Items[HistoryModel]
    revealed: Items[RevealedModel]
    ledger: Items[LedgerEntry]
    record: Bool
    crisis_streak: Count
    crises: Count
    ended_by_crisis: Bool
    overrides: Items[OverrideModel]
    opening: OpeningModel = OpeningModel()
    memory: Items[MemoryModel] = []
    choices: IdMap[Id]
    decisions: Items[DecisionModel]


# ------------------------------------------------------------------ the action log

_ACTIONS: dict[str, TypeAdapter[Any]] = {
    "advance": TypeAdapter(tuple[Literal["advance"]]),
    "resolve": TypeAdapter(tuple[Literal["resolve"]]),
    "event": TypeAdapter(tuple[Literal["event"], Id | None]),
    "propose": TypeAdapter(tuple[Literal["propose"], Id, Id, Members, Count | None]),
    "answer": TypeAdapter(tuple[Literal["answer"], Id, Id, Bool]),
    "submit": TypeAdapter(tuple[Literal["submit"], Id, RoundOrders[OrderModel]]),
    "override": TypeAdapter(tuple[Literal["override"], Id, Id, Num, Text]),
    "choose": TypeAdapter(tuple[Literal["choose"], Id, Id]),
}
_PROPOSE_WITH_TERMS = TypeAdapter(tuple[Literal["propose"], Id, Id, Members, Count | None, Terms])


class GameSaveModel(_Strict):
    format: Literal["sumiwake-save"]
    format_version: Literal[1]
    content_hash: Id
    scenario: ScenarioId
    # a scenario file of the player's own, carried whole; checked as content by the loader
    scenario_content: Annotated[dict[StrictStr, Any], Field(max_length=100)] | None = None
    seed: Seed
    rounds: Annotated[StrictInt, Field(ge=1, le=1000)]
    actions: Items[Any]  # each checked by `_check_actions`, for one clear message per action
    state: StateModel
    state_hash: Id


# ------------------------------------------------------------------ match and workshop files


class SeatControlModel(_Strict):
    human: Bool
    persona: Id = "random"
    difficulty: Id = "normal"


class MatchEnvelope(_Strict):
    """A match save around a game save; the game inside is checked as a game save."""

    format: Literal["sumiwake-match"]
    bot_seed: Seed = 0
    control: SeatMap[SeatControlModel]
    game: Any


class AuditModel(_Strict):
    round: Count
    phase: Id
    action: Id
    detail: SeatMap[Any]  # checked by `_check_detail`: flat values only


class TimerModel(_Strict):
    duration: NonNeg
    warn_at: NonNeg
    remaining: NonNeg


class WorkshopEnvelope(_Strict):
    format: Literal["sumiwake-workshop"]
    format_version: Literal[1]
    game: Any
    teams: SeatMap[Text]
    ai_seats: SeatMap[Id]
    durations: dict[Literal["event", "negotiation", "orders"], NonNeg]
    missing_rule: Literal["hold", "ai"]
    fallback_policy: Id = "random"
    schedule: Annotated[dict[Annotated[StrictStr, Field(pattern=r"^[0-9]{1,4}$")], Id], Field(max_length=1000)]
    audit: Items[AuditModel]
    checkpoints: Annotated[list[Count], Field(max_length=1000)]
    timer: TimerModel
    showing_results: Count | None = None  # the year whose results are on screen (absent in older files)


class SettingsModel(_Strict):
    model_config = ConfigDict(extra="ignore", allow_inf_nan=False, frozen=True)  # a newer version's keys
    width: Annotated[StrictInt, Field(ge=320, le=16384)] = 1280
    height: Annotated[StrictInt, Field(ge=240, le=16384)] = 720
    fullscreen: Bool = False
    ui_scale: Annotated[StrictFloat, Field(ge=0.5, le=3.0, allow_inf_nan=False)] = 1.0
    lang: Literal["en", "ja"] = "en"


# ------------------------------------------------------------------ problems


class SaveFormatProblem(ValueError):
    """What is wrong with a file: a catalogue code ``save.<code>`` and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code} {params}")


# pydantic's error types -> our catalogue codes (every one has an en and a ja text)
_ERROR_CODES = {
    "missing": "v_missing",
    "extra_forbidden": "v_unexpected",
    "int_type": "v_int", "int_parsing": "v_int", "int_from_float": "v_int",
    "float_type": "v_number", "float_parsing": "v_number",
    "finite_number": "v_finite",
    "string_type": "v_text",
    "bool_type": "v_bool",
    "dict_type": "v_object", "model_type": "v_object", "model_attributes_type": "v_object",
    "list_type": "v_list", "tuple_type": "v_list",
    "greater_than_equal": "v_min", "greater_than": "v_min",
    "less_than_equal": "v_max", "less_than": "v_max",
    "literal_error": "v_choice",
    "too_long": "v_too_long", "too_short": "v_too_short",
    "string_too_long": "v_text_long", "string_too_short": "v_empty",
    "string_pattern_mismatch": "v_invalid",
}


def loc_text(loc: Iterable[Any]) -> str:
    """``("state", "nations", "usa")`` -> ``state.nations.usa``; list indices as ``[3]``."""
    out = ""
    for part in loc:
        if part == "[key]":  # pydantic's mark for a bad key: the key itself is the last part already
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top)"


def _problem(exc: ValidationError, prefix: Sequence[Any] = ()) -> SaveFormatProblem:
    err = exc.errors(include_url=False, include_input=False)[0]
    code = _ERROR_CODES.get(err["type"], "v_invalid")
    ctx = err.get("ctx") or {}
    loc = loc_text([*prefix, *err["loc"]])
    params: dict[str, Any] = {"loc": loc}
    if code == "v_min":
        params["limit"] = _num(ctx.get("ge", ctx.get("gt")))
    elif code == "v_max":
        params["limit"] = _num(ctx.get("le", ctx.get("lt")))
    elif code == "v_choice":
        params["expected"] = str(ctx.get("expected", "")).replace(" or ", ", ")
    elif code in ("v_too_long", "v_text_long"):
        params["limit"] = ctx.get("max_length")
    elif code == "v_too_short":
        params["limit"] = ctx.get("min_length")
    return SaveFormatProblem(code, **params)


def _num(x: Any) -> Any:
    return f"{x:g}" if isinstance(x, float) else x


# ------------------------------------------------------------------ parsing


def _no_constant(name: str) -> Any:
    raise SaveFormatProblem("non_finite", value=name)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise SaveFormatProblem("duplicate_key", key=k)
            seen.add(k)
    return d


def parse_json(text: str) -> Any:
    """JSON text -> Python values, refusing what a save never holds: ``NaN``/``Infinity``,
    numbers too large for a float, duplicate keys, nesting deeper than a parser can follow,
    and texts above `MAX_FILE_BYTES`."""
    if len(text) > MAX_FILE_BYTES:
        raise SaveFormatProblem("too_big", limit=MAX_FILE_BYTES // (1024 * 1024))
    if not text.strip():
        raise SaveFormatProblem("empty")
    try:
        value = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique_keys,
                           parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise SaveFormatProblem("not_json", line=exc.lineno, col=exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise SaveFormatProblem("too_deep") from None
    return value


def _finite_float(text: str) -> float:
    f = float(text)
    if math.isinf(f):  # e.g. 1e999: json would make it infinity
        raise SaveFormatProblem("non_finite", value=text[:40])
    return f


# ------------------------------------------------------------------ validation


def _validate(model: type[BaseModel], value: Any, prefix: Sequence[Any] = ()) -> None:
    try:
        model.model_validate(value)
    except ValidationError as exc:
        raise _problem(exc, prefix) from None


def _check_actions(actions: list[Any], prefix: Sequence[Any]) -> None:
    for i, a in enumerate(actions):
        where = [*prefix, i]
        if not isinstance(a, list) or not a or not isinstance(a[0], str):
            raise SaveFormatProblem("v_action", loc=loc_text(where))
        adapter = _PROPOSE_WITH_TERMS if a[0] == "propose" and len(a) == 6 else _ACTIONS.get(a[0])
        if adapter is None:
            raise SaveFormatProblem("unknown_action", kind=repr(a[0][:40]))
        try:
            adapter.validate_python(a)
        except ValidationError as exc:
            raise _problem(exc, where) from None


def validate_game_save(d: Any, prefix: Sequence[Any] = ()) -> None:
    """Check a game save's shape (already parsed).  Raises `SaveFormatProblem`."""
    if not isinstance(d, dict) or d.get("format") != "sumiwake-save":
        raise SaveFormatProblem("not_save")
    if d.get("format_version") != 1:
        found = d.get("format_version")
        raise SaveFormatProblem("version", found=found if isinstance(found, (int, str)) else "?", supported=1)
    _validate(GameSaveModel, d, prefix)
    _check_actions(d["actions"], [*prefix, "actions"])
    st = d["state"]
    if st["round"] > st["rounds"] + 1:
        raise SaveFormatProblem("v_max", loc=loc_text([*prefix, "state", "round"]), limit=st["rounds"] + 1)
    for key in ("scenario", "seed", "rounds"):
        if st[key] != d[key]:
            raise SaveFormatProblem("v_disagree", loc=loc_text([*prefix, "state", key]), other=key)


def validate_match_envelope(d: Any) -> None:
    _validate(MatchEnvelope, d)


def _check_detail(detail: dict[str, Any], prefix: Sequence[Any]) -> None:
    for k, v in detail.items():
        if isinstance(v, list):
            bad = [i for i, x in enumerate(v) if not _flat(x)]
            if bad or len(v) > 64:
                raise SaveFormatProblem("v_invalid", loc=loc_text([*prefix, k]))
        elif not _flat(v):
            raise SaveFormatProblem("v_invalid", loc=loc_text([*prefix, k]))


def _flat(v: Any) -> bool:
    if isinstance(v, str):
        return len(v) <= MAX_TEXT
    return v is None or isinstance(v, (bool, int, float)) and (not isinstance(v, int) or abs(v) <= MAX_INT)


def validate_workshop_envelope(d: Any) -> None:
    """Check a workshop file around its game (which `validate_game_save` checks)."""
    if not isinstance(d, dict) or d.get("format") != "sumiwake-workshop":
        raise SaveFormatProblem("not_workshop")
    if d.get("format_version") != 1:
        found = d.get("format_version")
        raise SaveFormatProblem("workshop_version", found=found if isinstance(found, (int, str)) else "?")
    _validate(WorkshopEnvelope, d)
    for i, a in enumerate(d["audit"]):
        _check_detail(a["detail"], ["audit", i, "detail"])


def validate_settings(d: Any) -> None:
    _validate(SettingsModel, d)


# ------------------------------------------------------------------ against the scenario


@dataclass(frozen=True)
class KnownIds:
    """The ids a game of one scenario can hold, from its ruleset."""

    nations: tuple[str, ...]
    firms: tuple[str, ...]
    domains: tuple[str, ...]
    regions: tuple[str, ...]
    cells: tuple[str, ...]
    orders: frozenset[str]
    agreements: frozenset[str]
    events: frozenset[str]
    objectives: frozenset[str]
    tiers: frozenset[int]
    modifiers: frozenset[str] | None = None  # None: not checked
    terms: frozenset[str] = frozenset()
    options: Mapping[str, frozenset[str]] | None = None  # event card -> its choice's options; None: not checked


_AGREEMENT_ID = re.compile(r"^A[0-9]{1,9}$")


class _Refs:
    def __init__(self, ids: KnownIds, prefix: Sequence[Any]) -> None:
        self.ids, self.prefix = ids, list(prefix)
        self.seats = frozenset(ids.nations) | frozenset(ids.firms)

    def fail(self, loc: Sequence[Any], value: Any) -> SaveFormatProblem:
        return SaveFormatProblem("v_unknown_id", loc=loc_text([*self.prefix, *loc]), value=str(value)[:60])

    def keys(self, d: Mapping[str, Any], want: Sequence[str], loc: Sequence[Any], exact: bool = False) -> None:
        allowed = set(want)
        for k in d:
            if k not in allowed:
                raise self.fail([*loc, k], k)
        if exact and list(d) != list(want):
            missing = [k for k in want if k not in d]
            if missing:
                raise SaveFormatProblem("v_missing", loc=loc_text([*self.prefix, *loc, missing[0]]))
            found, expected = next((f, w) for f, w in zip(d, want) if f != w)
            raise SaveFormatProblem("v_order", loc=loc_text([*self.prefix, *loc]), found=found, want=expected)

    def one(self, value: Any, want: Iterable[Any], loc: Sequence[Any]) -> None:
        if value not in want:
            raise self.fail(loc, value)

    def order(self, o: Mapping[str, Any], loc: Sequence[Any]) -> None:
        ids = self.ids
        self.one(o["kind"], ids.orders, [*loc, "kind"])
        if o.get("domain") is not None:
            self.one(o["domain"], ids.domains, [*loc, "domain"])
        if o.get("region") is not None:
            self.one(o["region"], ids.regions, [*loc, "region"])
        if o.get("tier") is not None:
            self.one(o["tier"], ids.tiers, [*loc, "tier"])
        target = o.get("target")
        if target is not None and not _AGREEMENT_ID.match(target):  # exits name an agreement
            self.one(target, self.seats | {"row"}, [*loc, "target"])


def check_references(d: Mapping[str, Any], ids: KnownIds, prefix: Sequence[Any] = ()) -> None:
    """Check that every id in a (shape-checked) game save is one its scenario knows, and that
    the seats, domains, regions and market cells are all there, in the scenario's order."""
    r = _Refs(ids, prefix)
    st = d["state"]
    seats = (*ids.nations, *ids.firms)
    r.keys(st["nations"], ids.nations, ["state", "nations"], exact=True)
    r.keys(st["firms"], ids.firms, ["state", "firms"], exact=True)
    for n, ns in st["nations"].items():
        at = ["state", "nations", n]
        r.keys(ns["data"], ids.domains, [*at, "data"], exact=True)
        r.keys(ns["tiers"], (*ids.nations, "row"), [*at, "tiers"])
        for k, v in ns["tiers"].items():
            r.one(v, ids.tiers, [*at, "tiers", k])
        r.keys(ns["trust"], ids.nations, [*at, "trust"])
        r.one(ns["home_region"], ids.regions, [*at, "home_region"])
    for f, fs in st["firms"].items():
        at = ["state", "firms", f]
        r.one(fs["home"], ids.nations, [*at, "home"])
        r.keys(fs["apps"], ids.domains, [*at, "apps"], exact=True)
        r.keys(fs["presence"], ids.regions, [*at, "presence"])
        r.keys(fs.get("revenue_by_region", {}), ids.regions, [*at, "revenue_by_region"])
        for i, s in enumerate(fs["licences"]):
            r.one(s, seats, [*at, "licences", i])
    r.keys(st["rival"]["presence"], ids.regions, ["state", "rival", "presence"])
    r.keys(st["markets"], ids.cells, ["state", "markets"], exact=True)
    r.keys(st["shares"], ids.cells, ["state", "shares"])
    for cell, entrants in st["shares"].items():
        r.keys(entrants, (*ids.firms, "rival", "unserved"), ["state", "shares", cell])
    for i, a in enumerate(st.get("agreements", [])):
        r.one(a["kind"], ids.agreements, ["state", "agreements", i, "kind"])
        for j, m in enumerate(a["members"]):
            r.one(m, seats, ["state", "agreements", i, "members", j])
    for i, p in enumerate(st.get("proposals", [])):
        at = ["state", "proposals", i]
        r.one(p["kind"], ids.agreements, [*at, "kind"])
        r.one(p["proposer"], seats, [*at, "proposer"])
        for j, m in enumerate(p["members"]):
            r.one(m, seats, [*at, "members", j])
        r.keys(p["answers"], p["members"], [*at, "answers"])
    for key in ("agreements", "proposals"):
        for i, a in enumerate(st.get(key, [])):
            for j, t in enumerate(a.get("terms", [])):
                r.one(t["term"], ids.terms, ["state", key, i, "terms", j, "term"])
                r.one(t["seat"], a["members"], ["state", key, i, "terms", j, "seat"])
    opening = st.get("opening", {})
    r.keys(opening.get("trust", {}), ids.nations, ["state", "opening", "trust"])
    for n, row in opening.get("trust", {}).items():
        r.keys(row, ids.nations, ["state", "opening", "trust", n])
    r.keys(opening.get("budget", {}), seats, ["state", "opening", "budget"])
    for i, m in enumerate(st.get("memory", [])):
        r.one(m["by"], seats, ["state", "memory", i, "by"])
        r.one(m["against"], seats, ["state", "memory", i, "against"])
    for s, orders in st.get("pending", {}).items():
        r.one(s, seats, ["state", "pending", s])
        for i, o in enumerate(orders):
            r.order(o, ["state", "pending", s, i])
    if st.get("event") is not None:
        r.one(st["event"], ids.events, ["state", "event"])
    for i, e in enumerate(st.get("drawn", [])):
        r.one(e, ids.events, ["state", "drawn", i])
    opts = ids.options
    for s, o in st.get("choices", {}).items():
        r.one(s, seats, ["state", "choices", s])
        if opts is not None:
            r.one(o, opts.get(st.get("event") or "", frozenset()), ["state", "choices", s])
    for i, dc in enumerate(st.get("decisions", [])):
        at = ["state", "decisions", i]
        r.one(dc["event"], ids.events, [*at, "event"])
        r.one(dc["seat"], seats, [*at, "seat"])
        if opts is not None:
            r.one(dc["option"], opts.get(dc["event"], frozenset()), [*at, "option"])
    for k in st.get("discounts", {}):
        r.one(k, ids.orders, ["state", "discounts", k])
    for k, v in st.get("objectives", {}).items():
        r.one(k, seats, ["state", "objectives", k])
        r.one(v, ids.objectives, ["state", "objectives", k])
    r.keys(st.get("objectives_met", {}), seats, ["state", "objectives_met"])
    for key in ("scores", "round_scores"):
        r.keys(st.get(key, {}), seats, ["state", key])
    for i, h in enumerate(st.get("history", [])):
        at = ["state", "history", i]
        if h["event"] is not None:
            r.one(h["event"], ids.events, [*at, "event"])
        for key in ("scores", "round_scores", "competitiveness", "incidents", "scores_before_objectives"):
            r.keys(h.get(key) or {}, seats, [*at, key])
        r.keys(h["security"], ids.nations, [*at, "security"])
    for i, rv in enumerate(st.get("revealed", [])):
        r.keys(rv["orders"], seats, ["state", "revealed", i, "orders"])
    for i, a in enumerate(d["actions"]):
        at = ["actions", i]
        kind = a[0]
        if kind in ("propose", "answer", "submit", "choose"):
            r.one(a[1], seats, [*at, 1])
        if kind == "propose":
            r.one(a[2], ids.agreements, [*at, 2])
            for j, m in enumerate(a[3]):
                r.one(m, seats, [*at, 3, j])
            for j, t in enumerate(a[5] if len(a) > 5 else []):
                r.one(t["term"], ids.terms, [*at, 5, j, "term"])
                r.one(t["seat"], a[3], [*at, 5, j, "seat"])
        elif kind == "event" and a[1] is not None:
            r.one(a[1], ids.events, [*at, 1])
        elif kind == "submit":
            for j, o in enumerate(a[2]):
                r.order(o, [*at, 2, j])
