"""Sumiwake's content: schema models and the loader that checks ``rules/`` and ``scenarios/``."""

from .loader import (
    ContentError,
    Problem,
    clear_cache,
    load_rules,
    load_scenario,
    rules_schema,
    scenario_ids,
    scenario_schema,
    validate,
)
from .ai_schema import load_personas, load_profiles  # also registers rules/ai's checks with validate()
from .schema import Rules, Scenario, Text

__all__ = [
    "ContentError",
    "Problem",
    "Rules",
    "Scenario",
    "Text",
    "clear_cache",
    "load_personas",
    "load_profiles",
    "load_rules",
    "load_scenario",
    "rules_schema",
    "scenario_ids",
    "scenario_schema",
    "validate",
]
