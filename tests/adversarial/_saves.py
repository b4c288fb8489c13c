"""Real saves to edit: tiny games played to the end or stopped mid-round, written as the game writes them."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from game.ai.policies import get_policy
from game.engine import Game


@functools.lru_cache(maxsize=None)
def _played(scenario: str, seed: int, rounds: int, stop: str | None) -> str:
    g = Game.new(scenario, seed=seed, rounds=rounds)
    policy = get_policy("random", seed)
    while not g.is_over:
        g.advance()
        seats = list(g.seats)
        pid = g.propose(seats[0], "threat_intel_sharing", seats[:2], 1)
        if stop == "negotiation" and g.round == rounds:
            return g.to_json()  # with an open proposal
        g.answer(seats[1], pid, True)
        g.advance()
        for s in seats[:-1]:
            g.submit(s, list(policy.orders(g, s).orders))
        if stop == "orders" and g.round == rounds:
            return g.to_json()
        g.override(g.rs.nation_ids[0], "budget", 1, "a facilitator's correction")
        g.resolve()
    return g.to_json()


def game_save(scenario: str = "tutorial", seed: int = 3, rounds: int = 2, stop: str | None = None) -> dict[str, Any]:
    """A fresh copy of a real save (a dict): a finished game, or one stopped in ``stop``'s phase."""
    return json.loads(_played(scenario, seed, rounds, stop))


def rehash(d: dict[str, Any]) -> dict[str, Any]:
    """Recompute the state hash as anyone can: it is a plain sha256 of the state."""
    d["state_hash"] = hashlib.sha256(json.dumps(d["state"], separators=(",", ":")).encode()).hexdigest()
    return d


def workshop_file(tmp: Path) -> dict[str, Any]:
    """A real workshop autosave, two phases into a session."""
    from game.session.workshop import Workshop

    path = tmp / "ws-source.json"
    t = [1000.0]
    ws = Workshop.new("tutorial", seed=4, teams={"japan": "佐藤班", "usa": "Team DC"}, rounds=2,
                      autosave_path=path, clock=lambda: t[0])
    ws.end_phase()
    ws.record_agreement("threat_intel_sharing", ["japan", "usa"])
    ws.end_phase()
    ws.override("japan", "budget", 1, "typo on the sheet")
    ws.end_phase()  # resolves round 1
    return json.loads(path.read_text(encoding="utf-8"))


def edited(d: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(d)
