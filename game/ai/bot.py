"""The persona bot: a persona played at a level, as a `Policy`.

A bot sees ``game.view_for(seat)``; for search it clones the game and
determinises what it cannot see (other seats' pending orders, the round's
chance).  Every decision carries short reasons in English and Japanese.

Levels (`game.ai.policy.LEVELS`):

* ``scripted`` the persona's heuristic alone (table profiles);
* ``easy``     the persona's heuristic with noise;
* ``normal``   the heuristic plus a one-round lookahead over a few variants;
* ``hard``     a sampled best response over determinised futures, within an
  iteration budget (and, for the desktop, a time cap on top), reporting
  progress through a callback.
"""

from __future__ import annotations

from typing import Any

from game.engine import Game, IllegalOrder, Order
from game.engine.rng import Rng

from . import choices, heuristic, negotiation, search
from .personas import SeatPersona, personas_for, seat_persona, table
from .policy import DIFFICULTIES, LEVELS, Answer, ChoiceAnswer, Decision, Progress, Proposal, decision_rng
from .reasons import Reason

__all__ = ["DIFFICULTIES", "LEVELS", "Decision", "PersonaBot", "make_bot"]


class PersonaBot:
    """A persona played at a level.  ``persona=None``: the seat's scenario default.

    ``profile`` (a table profile id) sets the seat's persona tendencies and the
    bot's beliefs about the rest of the table; otherwise it believes every other
    seat plays its scenario default.  ``iterations`` bounds `hard`'s search, so its
    decisions are a function of the position and the seed alone; ``budget_s``
    (None: no clock) adds a wall-clock cap, for a front end that must answer in time.
    """

    def __init__(self, persona: str | None = None, difficulty: str = "normal", seed: int = 0,
                 profile: Any = None, budget_s: float | None = None, iterations: int = 160,
                 horizon: int = 2, strict: bool = True) -> None:
        if difficulty not in LEVELS:
            raise ValueError(f"unknown difficulty '{difficulty}'; known: {', '.join(DIFFICULTIES)}")
        self.persona_id = persona
        self.difficulty = difficulty
        self.seed = seed
        self.profile = profile
        self.budget_s = budget_s
        self.iterations = iterations
        self.horizon = horizon
        self.strict = strict  # False: a seat the persona does not fit plays its default
        self.name = f"persona:{persona or 'default'}:{difficulty}"
        self._sp: dict[tuple[str, str], SeatPersona] = {}
        self._beliefs: dict[str, dict[str, SeatPersona]] = {}

    # ------------------------------------------------------------ helpers

    def seat_persona(self, game: Game, seat: str) -> SeatPersona:
        key = (game.rs.content_hash, seat)
        if key not in self._sp:
            pid = self.persona_id
            if pid is not None and not self.strict and pid not in personas_for(game.rs, seat):
                pid = None
            self._sp[key] = _shared_seat_persona(game.rs, seat, pid, self.profile)
        return self._sp[key]

    def beliefs(self, game: Game) -> dict[str, SeatPersona]:
        key = game.rs.content_hash
        if key not in self._beliefs:
            self._beliefs[key] = _shared_beliefs(game.rs, self.profile)
        return self._beliefs[key]

    def _rng(self, game: Game, seat: str, stream: int) -> Rng:
        return decision_rng(self.seed, game.round, seat, stream)

    # ------------------------------------------------------------ the Policy protocol

    def orders(self, game: Game, seat: str, progress: Progress | None = None) -> Decision:
        sp = self.seat_persona(game, seat)
        view = search.seat_view(game, seat)
        rs = game.rs
        if self.difficulty in ("easy", "scripted"):
            rng = self._rng(game, seat, 1) if self.difficulty == "easy" else None
            orders, reasons = heuristic.plan_orders(rs, view, seat, sp.tendencies, rng)
        else:
            seed = self._rng(game, seat, 2).next_u64()
            if self.difficulty == "normal":  # each candidate plan carries the heuristic's reasons for it
                orders, reasons, n = search.lookahead(game, seat, sp, self.beliefs(game), view, seed)
                extra = Reason("lookahead", {"seat": seat, "n": n})
            else:
                orders, reasons, n, gain = search.best_response(game, seat, sp, self.beliefs(game), view, seed,
                                                                self.budget_s, self.iterations, self.horizon,
                                                                progress)
                extra = Reason("search", {"seat": seat, "n": n, "gain": round(gain * 100, 1)})
            reasons = [*reasons, extra]
        return Decision(seat, tuple(_legalise(game, seat, orders)), tuple(reasons))

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> Answer:
        sp = self.seat_persona(game, seat)
        ok, why = negotiation.answer(game.rs, search.seat_view(game, seat), seat, sp.tendencies, proposal)
        return Answer(seat, proposal["id"], ok, (why,))

    def choose(self, game: Game, seat: str) -> ChoiceAnswer:
        """This round's event choice: the option worth most to the persona one round ahead."""
        return choices.persona_choice(game, seat, self.seat_persona(game, seat), self.beliefs(game))

    def propose(self, game: Game, seat: str) -> list[Proposal]:
        sp = self.seat_persona(game, seat)
        view = search.seat_view(game, seat)
        return [Proposal(kind, tuple(members), None, (why,), tuple(terms))
                for kind, members, terms, why in negotiation.proposals(game.rs, view, seat, sp.tendencies)]


def _profile_key(profile: Any) -> str | None:
    return profile if isinstance(profile, str) or profile is None else profile.model_dump_json()


_SEAT_PERSONAS: dict[tuple, SeatPersona] = {}


def _shared_seat_persona(rs, seat: str, pid: str | None, profile: Any) -> SeatPersona:
    """`seat_persona`, built once per (content, seat, persona, profile): bots of every game share it."""
    key = (rs.content_hash, seat, pid, _profile_key(profile))
    hit = _SEAT_PERSONAS.get(key)
    if hit is None:
        if len(_SEAT_PERSONAS) > 512:
            _SEAT_PERSONAS.clear()
        hit = _SEAT_PERSONAS[key] = seat_persona(rs, seat, pid, profile)
    return hit


_BELIEFS: dict[tuple[str, str | None], dict[str, SeatPersona]] = {}


def _shared_beliefs(rs, profile: Any) -> dict[str, SeatPersona]:
    """One beliefs object per (content, profile), so predictions are cached across bots."""
    key = (rs.content_hash, _profile_key(profile))
    if key not in _BELIEFS:
        if len(_BELIEFS) > 64:
            _BELIEFS.clear()
        _BELIEFS[key] = table(rs, profile)
    return _BELIEFS[key]


def _legalise(game: Game, seat: str, orders: list[Order]) -> list[Order]:
    """Verify once; on a refusal keep the longest legal prefix-by-prefix selection."""
    if game.phase != "orders":
        return list(orders)
    try:
        game.check(seat, orders)
        return list(orders)
    except IllegalOrder:
        pass
    kept: list[Order] = []
    for o in orders:
        try:
            game.check(seat, [*kept, o])
        except IllegalOrder:
            continue
        kept.append(o)
    return kept


def make_bot(spec: str, seed: int = 0, **kw: Any) -> PersonaBot:
    """A bot from ``persona:<name>:<difficulty>`` (``default`` for the scenario's persona),
    ``<name>:<difficulty>``, ``<name>`` or a difficulty alone."""
    parts = spec.split(":")
    if parts[0] == "persona":
        parts = parts[1:]
    if len(parts) == 1 and parts[0] in DIFFICULTIES:
        parts = ["default", parts[0]]
    name = parts[0] if parts else "default"
    diff = parts[1] if len(parts) > 1 else "normal"
    return PersonaBot(None if name == "default" else name, diff, seed, **kw)
