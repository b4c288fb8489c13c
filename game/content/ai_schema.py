"""Schemas of the AI content: personas (``rules/ai/personas.yaml``) and table
profiles (``rules/ai/profiles/*.yaml``).

These files live in a subfolder so that the rules loader (which merges only
``rules/*.yaml`` into `Rules`) never sees them.  They are read with the same
safe, position-keeping YAML reader as the rules, validated by strict models
(unknown keys are errors) and cross-checked against the rules; every mistake
is a `Problem` ``file:line:col: path: message``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field

from .loader import content_root, load_rules, register_folder_check
from .reading import ContentError, Doc, Problem, Refs, check, msg, parse, show
from .schema import AgreementKind, Amount, Number, SeatDef, StrictModel, Text, Whole

SeatType = Literal["us", "middle_power", "firm"]
Category = Literal[
    # nations
    "defence", "data", "sovereign", "procure", "market_access",
    # firms
    "rnd", "apps", "regions", "weight_security", "license_from", "partner",
]
RegionStyle = Literal["niche", "spread", "core", "fixed"]
Licensing = Literal["all", "nations", "allies", "home", "none"]

ROLE_TYPE = {"us": "us", "middle_power": "middle_power", "frontier_firm": "firm", "challenger_firm": "firm"}


def seat_type(seat: SeatDef) -> str:
    """The persona seat type of a rules seat; a role of a designer's own plays as a middle power or a firm."""
    return ROLE_TYPE.get(seat.role, "firm" if seat.type == "firm" else "middle_power")


class Objectives(StrictModel):
    """What a persona values when it looks ahead (weights, any scale)."""

    own_score: Number = Field(1.0, ge=0, description="Its own seat score (the game's score)")
    alliance_security: Number = Field(0.0, ge=0, description="The Alliance Security Index")
    alliance_competitiveness: Number = Field(0.0, ge=0, description="The Alliance Competitiveness Index")
    home_firms: Number = Field(0.0, ge=0, description="Nations: its home firms' competitiveness")


class Tendencies(StrictModel):
    """How a persona plays.  Every field has a neutral default."""

    spend: dict[Category, Amount] = Field(default_factory=dict, description="Relative budget shares")
    focus_domains: Whole = Field(2, ge=1, le=5, description="How many domains it specialises in")
    threat_response: Number = Field(1.0, ge=0, description="Defence multiplier when a security shock looms")
    cutoff_response: Number = Field(1.0, ge=0, description="Sovereign multiplier when cut off from frontier models")
    ally_tier: Literal[1, 2, 3] | None = Field(None, description="Export tier it gives allies (None: keep)")
    ally_tier_trust: Number = Field(0.0, ge=0, le=100, description="Gives ally_tier only to allies it trusts this much; others one tier worse")
    row_tier: Literal[1, 2, 3] | None = Field(None, description="Export tier toward the rest of the world (None: keep)")
    propose: list[AgreementKind] = Field(default_factory=list, description="Agreements it proposes")
    accept: dict[AgreementKind, Number] = Field(default_factory=dict, description="Kind -> least trust in the proposer to accept (absent: decline)")
    region_style: RegionStyle = "spread"
    region: str | None = Field(None, description="With region_style fixed: the region it goes to")
    licensing: Licensing = "allies"
    weight_security_target: Number = Field(0.8, ge=0, le=1)
    noise: Number = Field(0.3, ge=0, le=2, description="Randomness of its easy level")
    terms: dict[str, Whole] = Field(default_factory=dict, description="Terms it asks of the other members of what it proposes (term id -> amount)")
    term_slack: Whole = Field(1, ge=0, description="Points a round beyond its own plan it will commit to meet a term")
    grudge_rounds: Whole = Field(3, ge=0, description="Rounds it remembers a cut-off, a pact left early or a broken term")
    partner_firms: Literal["any", "frontier"] = Field("any", description="A nation's data partnerships: with its own and any firm, or with its own and frontier labs only")


class TendencyOverride(StrictModel):
    """A profile's changes to a persona's tendencies (only the fields given)."""

    spend: dict[Category, Amount] | None = None
    focus_domains: Whole | None = Field(None, ge=1, le=5)
    threat_response: Number | None = Field(None, ge=0)
    cutoff_response: Number | None = Field(None, ge=0)
    ally_tier: Literal[1, 2, 3] | None = None
    ally_tier_trust: Number | None = Field(None, ge=0, le=100)
    row_tier: Literal[1, 2, 3] | None = None
    propose: list[AgreementKind] | None = None
    accept: dict[AgreementKind, Number] | None = None
    region_style: RegionStyle | None = None
    region: str | None = None
    licensing: Licensing | None = None
    weight_security_target: Number | None = Field(None, ge=0, le=1)
    terms: dict[str, Whole] | None = None
    term_slack: Whole | None = Field(None, ge=0)
    grudge_rounds: Whole | None = Field(None, ge=0)
    partner_firms: Literal["any", "frontier"] | None = None


class Persona(StrictModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    seat_type: SeatType
    name: Text
    summary: Text
    objectives: Objectives = Objectives()
    tendencies: Tendencies = Tendencies()


class PersonaFile(StrictModel):
    personas: list[Persona] = Field(min_length=1)


class Profile(StrictModel):
    """A scripted whole-table strategy."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    summary: Text = Field(description="One sentence: what the table does")
    personas: dict[str, str] = Field(default_factory=dict,
                                     description="Seat id or role -> persona id (a seat id wins over its role; "
                                                 "seats not named play their scenario default)")
    overrides: dict[str, TendencyOverride] = Field(default_factory=dict, description="Seat id or role -> changes")


def _root(root: Path | None) -> Path:
    return content_root(root)


def _term_refs(r: Refs, path: tuple[str | int, ...], terms: dict[str, int] | None,
               known: dict[str, list[int]]) -> None:
    """Each term a persona asks for is one the rules define, at an amount a proposal may ask."""
    for term, amount in (terms or {}).items():
        r.ref((*path, term), term, list(known), "term id", key=True)
        if term in known and amount not in known[term]:
            r.add((*path, term), msg("persona.term_amount", term=term, amount=amount,
                                     amounts="/".join(str(a) for a in known[term])))


def _persona_refs(pf: PersonaFile, doc: Doc, regions: list[str],
                  terms: dict[str, list[int]] | None = None) -> list[Problem]:
    r = Refs(doc)
    r.unique(("personas",), [p.id for p in pf.personas], "persona id", "id")
    for i, p in enumerate(pf.personas):
        r.ref(("personas", i, "tendencies", "region"), p.tendencies.region, regions, "region")
        _term_refs(r, ("personas", i, "tendencies", "terms"), p.tendencies.terms, terms or {})
        if p.tendencies.region_style == "fixed" and p.tendencies.region is None:
            r.add(("personas", i, "tendencies"), msg("persona.fixed_region"))
    return r.problems


def _read_personas(root: Path) -> tuple[dict[str, Persona], list[Problem]]:
    file = root / "rules" / "ai" / "personas.yaml"
    problems: list[Problem] = []
    if not file.is_file():
        return {}, [Problem.at(show(file), 1, 1, "(file)", msg("file.not_found"))]
    doc = parse(file, problems)
    if doc is None or problems:
        return {}, problems
    pf, problems = check(PersonaFile, doc)
    if pf is None:
        return {}, problems
    rules = load_rules(root)
    problems = _persona_refs(pf, doc, [g.id for g in rules.world.regions],
                             {t.id: list(t.amounts) for t in rules.terms})
    return {p.id: p for p in pf.personas}, problems


def _read_profile(file: Path, personas: dict[str, Persona], root: Path) -> tuple[Profile | None, list[Problem]]:
    problems: list[Problem] = []
    doc = parse(file, problems)
    if doc is None or problems:
        return None, problems
    prof, problems = check(Profile, doc)
    if prof is None:
        return None, problems
    r = Refs(doc)
    if prof.id != file.stem:
        r.add(("id",), msg("id.file_name", id=prof.id, stem=file.stem))
    rules = load_rules(root)
    seat_types = {s.id: seat_type(s) for s in rules.seats}
    role_types = dict(ROLE_TYPE)
    known = [*seat_types, *role_types]
    regions = [g.id for g in rules.world.regions]
    for key, pid in prof.personas.items():
        r.ref(("personas", key), key, known, "seat or role", key=True)
        r.ref(("personas", key), pid, list(personas), "persona")
        want = seat_types.get(key) or role_types.get(key)
        if pid in personas and want and personas[pid].seat_type != want:
            r.add(("personas", key), msg("persona.wrong_type", persona=pid, type=personas[pid].seat_type, want=want))
    for key, ov in prof.overrides.items():
        r.ref(("overrides", key), key, known, "seat or role", key=True)
        r.ref(("overrides", key, "region"), ov.region, regions, "region")
        _term_refs(r, ("overrides", key, "terms"), ov.terms, {t.id: list(t.amounts) for t in rules.terms})
    return prof, problems + r.problems


@functools.cache
def _load(root: str) -> tuple[dict[str, Persona], dict[str, Profile]]:
    base = Path(root)
    personas, problems = _read_personas(base)
    profiles: dict[str, Profile] = {}
    for file in sorted((base / "rules" / "ai" / "profiles").glob("*.yaml")):
        prof, ps = _read_profile(file, personas, base)
        problems += ps
        if prof is not None:
            profiles[prof.id] = prof
    problems += _scenario_persona_refs(base, personas)
    if problems:
        raise ContentError(problems)
    return personas, profiles


def _scenario_persona_refs(root: Path, personas: dict[str, Persona]) -> list[Problem]:
    """Each scenario's ``default_personas`` must name a persona that fits its seat."""
    problems: list[Problem] = []
    try:
        rules = load_rules(root)
    except ContentError:
        return problems  # the rules' own problems are reported by the rules loader
    types = {s.id: seat_type(s) for s in rules.seats}
    for file in sorted((root / "scenarios").glob("*.yaml")):
        found: list[Problem] = []
        doc = parse(file, found)
        if doc is None or found or not isinstance(doc.data, dict):
            continue
        dp = doc.data.get("default_personas") or {}
        if not isinstance(dp, dict):
            continue
        r = Refs(doc)
        for seat, pid in dp.items():
            r.ref(("default_personas", seat), pid, list(personas), "persona")
            if pid in personas and seat in types and personas[pid].seat_type != types[seat]:
                r.add(("default_personas", seat), msg("persona.wrong_seat", persona=pid, type=personas[pid].seat_type,
                                                      seat=seat, seat_type=types[seat]))
        problems += r.problems
    return problems


def load_personas(root: Path | None = None) -> dict[str, Persona]:
    """Every persona by id (validated; cached)."""
    return _load(str(_root(root)))[0]


def load_profiles(root: Path | None = None) -> dict[str, Profile]:
    """Every table profile by id (validated; cached)."""
    return _load(str(_root(root)))[1]


def validate_ai(root: Path | None = None) -> list[Problem]:
    """Every problem in the AI content; ``[]`` when valid."""
    _load.cache_clear()
    try:
        _load(str(_root(root)))
    except ContentError as exc:
        return exc.problems
    return []


register_folder_check(validate_ai)
