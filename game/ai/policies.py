"""A registry of AI policies by name, for the CLI, the simulator and the UI.

A policy decides one seat's orders and answers proposals::

    policy = get_policy("random", seed=7)
    policy.orders(game, "japan")                  # -> list[Order]
    policy.answer(game, "japan", proposal_dict)   # -> bool

A policy may also offer ``proposals(game, seat) -> list[dict]`` (each with
``kind``, ``members`` and optionally ``duration``); the simulator calls it in
the negotiation phase when present.

To add a policy, add a factory ``(seed) -> Policy`` to ``POLICIES``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from game.engine import Game, Order

from .random_policy import RandomPolicy


@runtime_checkable
class Policy(Protocol):
    def orders(self, game: Game, seat: str) -> list[Order]: ...

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> bool: ...


PolicyFactory = Callable[[int], Policy]

POLICIES: dict[str, PolicyFactory] = {
    "random": lambda seed: RandomPolicy(seed),
}


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


def get_policy(name: str, seed: int) -> Policy:
    """A fresh policy ``name`` whose own chance derives from ``seed``.

    Persona bots are registered on first use, so that a mistake in ``rules/ai``
    surfaces as a `ContentError` where it is needed, not when a module is imported."""
    _register_persona_bots()
    try:
        factory = POLICIES[name]
    except KeyError:
        raise UnknownPolicy(name) from None
    return factory(seed)


def _register_persona_bots() -> None:
    """``easy``, ``normal``, ``hard`` (every seat on its scenario persona) and
    ``persona:<name>:<difficulty>`` (seats the persona does not fit play their default)."""
    if "normal" in POLICIES:
        return
    from game.content.ai_schema import load_personas

    from .bot import DIFFICULTIES, PersonaBot

    personas = load_personas()  # raises ContentError before anything is registered
    for d in DIFFICULTIES:
        POLICIES[d] = lambda seed, d=d: PersonaBot(None, d, seed)
        for pid in personas:
            POLICIES[f"persona:{pid}:{d}"] = lambda seed, pid=pid, d=d: PersonaBot(pid, d, seed, strict=False)

