"""Personas and table profiles as playable values: a seat's tendencies after
its profile's overrides, and the personas a table assumes by default."""

from __future__ import annotations

from dataclasses import dataclass

from game.content.ai_schema import (ROLE_TYPE, Objectives, Persona, Profile, Tendencies,
                                    load_personas, load_profiles)

# Used when a scenario names no default persona for a seat.
ROLE_DEFAULTS = {
    "us": "alliance_architect",
    "middle_power": "sumiwake_specialist",
    "frontier_firm": "frontier_racer",
    "challenger_firm": "niche_specialist",
}


@dataclass(frozen=True)
class SeatPersona:
    """A persona as played at one seat (profile overrides applied)."""

    persona: Persona
    tendencies: Tendencies

    @property
    def id(self) -> str:
        return self.persona.id

    @property
    def objectives(self) -> Objectives:
        return self.persona.objectives


def persona(pid: str) -> Persona:
    ps = load_personas()
    if pid not in ps:
        raise KeyError(f"unknown persona '{pid}'; known: {', '.join(sorted(ps))}")
    return ps[pid]


def personas_for(rs, seat: str) -> list[str]:
    """Ids of the personas that fit ``seat``'s type."""
    want = ROLE_TYPE[rs.seat_defs[seat].role]
    return [p.id for p in load_personas().values() if p.seat_type == want]


def seat_type(rs, seat: str) -> str:
    return ROLE_TYPE[rs.seat_defs[seat].role]


def check_fits(rs, seat: str, pid: str) -> None:
    p = persona(pid)
    if p.seat_type != seat_type(rs, seat):
        raise ValueError(f"persona '{pid}' is for {p.seat_type} seats; {seat} is a {seat_type(rs, seat)} seat "
                         f"(try: {', '.join(personas_for(rs, seat))})")


def default_persona(rs, seat: str) -> str:
    pid = rs.scenario.default_personas.get(seat)
    return pid if pid else ROLE_DEFAULTS[rs.seat_defs[seat].role]


def apply_overrides(t: Tendencies, *overrides) -> Tendencies:
    data = t.model_dump()
    for ov in overrides:
        if ov is None:
            continue
        for k, v in ov.model_dump(exclude_none=True).items():
            data[k] = v
    return Tendencies.model_validate(data)


def seat_persona(rs, seat: str, pid: str | None = None, profile: Profile | str | None = None) -> SeatPersona:
    """The persona ``seat`` plays: ``pid``, else the profile's, else the scenario default."""
    prof = load_profiles()[profile] if isinstance(profile, str) else profile
    role = rs.seat_defs[seat].role
    if pid is None and prof is not None:
        pid = prof.personas.get(seat) or prof.personas.get(role)
    if pid is None:
        pid = default_persona(rs, seat)
    check_fits(rs, seat, pid)
    p = persona(pid)
    t = p.tendencies
    if prof is not None:
        t = apply_overrides(t, prof.overrides.get(role), prof.overrides.get(seat))
    return SeatPersona(p, t)


def table(rs, profile: Profile | str | None = None, personas: dict[str, str] | None = None) -> dict[str, SeatPersona]:
    """Every seat's persona for a table: explicit choices over the profile over the scenario."""
    personas = personas or {}
    return {s: seat_persona(rs, s, personas.get(s), profile) for s in rs.seat_ids}
