"""The ruleset of one game: content plus the scenario, frozen, with look-ups.

A `Ruleset` is built once per (rules, scenario) and shared by every clone of
a game; it never changes during play.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from game.content.schema import (
    AgreementDef,
    EventCard,
    ObjectiveCard,
    OrderDef,
    Rules,
    Scenario,
    SeatDef,
    TermDef,
    TierDef,
)


# Content fields added after saves began to record the content hash, with the values the
# engine used before they were content.  While a field holds that value it is left out of
# the hash: the same rules keep the same hash, so saves stay loadable and the AI's seeded
# lookahead (which reads the hash) plays the same games.  Any other value is hashed.
_LATER_ORDER_PARAMS: dict[str, dict[str, float]] = {
    "set_export_tier": {"reopen_trust_divisor": 3.0},
    "procure": {"nation_data_share": 0.5},
    "partner_nation": {"nation_data_share": 0.25, "data_scale": 10.0},
}
_LATER_SCORING: dict[str, float] = {"served_share": 0.10}


def _unchanged_later_fields(rules: Rules) -> dict[str, Any]:
    orders = {i: {"params"} for i, o in enumerate(rules.orders)
              if o.params == _LATER_ORDER_PARAMS.get(o.kind, {})}
    scoring = {k for k, v in _LATER_SCORING.items() if getattr(rules.scoring, k) == v}
    return {"orders": orders, "scoring": scoring}


def _without_words(data: Any) -> bytes:
    """Content as JSON without its words: every bilingual text (a ``{en, ja}`` pair) is left
    out, so rewording a name, a card or a briefing in either language keeps the hash, the
    saves made before it and the games the AI's seeded lookahead plays."""

    def strip(v: Any) -> Any:
        if isinstance(v, dict):
            if set(v) == {"en", "ja"} and all(isinstance(x, str) for x in v.values()):
                return None
            return {k: strip(x) for k, x in v.items()}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v

    return json.dumps(strip(data), ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class Ruleset:
    rules: Rules
    scenario: Scenario
    seat_ids: tuple[str, ...]
    nation_ids: tuple[str, ...]
    firm_ids: tuple[str, ...]
    seat_defs: dict[str, SeatDef]
    domain_ids: tuple[str, ...]
    region_ids: tuple[str, ...]
    outside_regions: tuple[str, ...]
    cells: tuple[tuple[str, str, str], ...]  # (key, region, domain)
    cell_key: dict[tuple[str, str], str]  # (region, domain) -> key
    orders: dict[str, OrderDef]
    agreements: dict[str, AgreementDef]
    terms: dict[str, TermDef]
    events: dict[str, EventCard]
    objectives: dict[str, ObjectiveCard]
    tiers: dict[int, TierDef]
    content_hash: str

    @classmethod
    def build(cls, rules: Rules, scenario: Scenario) -> "Ruleset":
        defs = {s.id: s for s in rules.seats}
        seats = tuple(s for s in scenario.seats)
        regions = tuple(r.id for r in rules.world.regions)
        domains = tuple(d.id for d in rules.world.domains)
        cells = tuple((f"{r}/{d}", r, d) for r in regions for d in domains)
        digest = hashlib.sha256()
        digest.update(_without_words(rules.model_dump(mode="json", exclude=_unchanged_later_fields(rules))))
        # par and the expected crisis rate describe what simulation measured, not the rules played:
        # recalibrating them must not change the games (the bots' lookahead is seeded from this hash)
        digest.update(_without_words(scenario.model_dump(mode="json", exclude={"par": True,
                                                                              "crisis": {"expected_rate"}})))
        return cls(
            rules=rules,
            scenario=scenario,
            seat_ids=seats,
            nation_ids=tuple(s for s in seats if defs[s].type == "nation"),
            firm_ids=tuple(s for s in seats if defs[s].type == "firm"),
            seat_defs=defs,
            domain_ids=domains,
            region_ids=regions,
            outside_regions=tuple(r.id for r in rules.world.regions if r.outside),
            cells=cells,
            cell_key={(r, d): k for k, r, d in cells},
            orders={o.kind: o for o in rules.orders},
            agreements={a.kind: a for a in rules.agreements},
            terms={t.id: t for t in rules.terms},
            events={e.id: e for e in rules.events},
            objectives={o.id: o for o in rules.objectives},
            tiers={t.tier: t for t in rules.tiers},
            content_hash=digest.hexdigest()[:16],
        )

    def seat_name(self, seat: str, lang: str = "en") -> str:
        override = self.scenario.seat_overrides.get(seat)
        if override is not None and override.name is not None:
            return override.name.get(lang)
        if seat == "rival":
            return self.rules.world.rival.name.get(lang)
        d = self.seat_defs.get(seat)
        return d.name.get(lang) if d else seat

    def seat_type(self, seat: str) -> str:
        return self.seat_defs[seat].type

    def region_name(self, region: str, lang: str = "en") -> str:
        for r in self.rules.world.regions:
            if r.id == region:
                return r.name.get(lang)
        return region

    def domain_name(self, domain: str, lang: str = "en") -> str:
        for d in self.rules.world.domains:
            if d.id == domain:
                return d.name.get(lang)
        return domain
