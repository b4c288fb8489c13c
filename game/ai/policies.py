"""Policies by name, for the CLI, the simulator, the workshop and the UI.

Every entry makes a `game.ai.policy.Policy`::

    policy = get_policy("random", seed=7)
    policy.orders(game, "japan").orders           # -> tuple[Order, ...], with .reasons
    policy.answer(game, "japan", proposal).accept # -> bool, with .reasons
    policy.propose(game, "japan")                 # -> list[Proposal]

Names: ``random``; ``easy``, ``normal``, ``hard`` (every seat on its scenario persona);
``persona:<name>:<difficulty>`` (seats the persona does not fit play their default).
To add a policy, add a factory ``(seed) -> Policy`` to ``POLICIES``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from .policy import DIFFICULTIES, Policy, policy_seed
from .random_policy import RandomPolicy

PolicyFactory = Callable[[int], Policy]

POLICIES: dict[str, PolicyFactory] = {  # each factory takes the policy's own seed (see policy_seed)
    "random": lambda seed: RandomPolicy(seed),
}

RANDOM_ORDERS = {"easy": 2, "normal": 4, "hard": 6}  # the random seat's orders per round, by difficulty


class UnknownPolicy(KeyError):
    """No policy of that name; ``known`` lists the names there are."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.known = policy_names()
        super().__init__(f"unknown policy '{name}'; known: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])


def policy_names() -> list[str]:
    _register_persona_bots()
    return sorted(POLICIES)


def get_policy(name: str, game_seed: int) -> Policy:
    """A fresh policy ``name`` for a game played on ``game_seed``; its own chance derives
    from it by `policy_seed`.

    Persona bots are registered on first use, so that a mistake in ``rules/ai``
    surfaces as a `ContentError` where it is needed, not when a module is imported."""
    _register_persona_bots()
    try:
        factory = POLICIES[name]
    except KeyError:
        raise UnknownPolicy(name) from None
    return factory(policy_seed(game_seed, persona=name != "random"))


def seat_policy(persona: str, difficulty: str, game_seed: int, **kw: Any) -> Policy:
    """The policy for one seat chosen at a table: ``persona`` ("default": the scenario's
    persona for the seat; "random": the random policy) at ``difficulty``, for a game on
    ``game_seed``.  ``kw`` go to the persona bot (``budget_s``, ``iterations``, ``profile``)."""
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty '{difficulty}'; known: {', '.join(DIFFICULTIES)}")
    if persona == "random":
        return RandomPolicy(policy_seed(game_seed, persona=False), max_orders=RANDOM_ORDERS[difficulty])
    from .bot import PersonaBot

    return PersonaBot(None if persona == "default" else persona, difficulty, policy_seed(game_seed, persona=True),
                      strict=False, **kw)


def _register_persona_bots() -> None:
    if "normal" in POLICIES:
        return
    from game.content.ai_schema import load_personas

    from .bot import PersonaBot

    personas = load_personas()  # raises ContentError before anything is registered
    for d in DIFFICULTIES:
        POLICIES[d] = partial(PersonaBot, None, d)
        for pid in personas:
            POLICIES[f"persona:{pid}:{d}"] = partial(PersonaBot, pid, d, strict=False)
