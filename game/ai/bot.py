"""The one Bot protocol of Sumiwake's AI, and the persona bot at three levels.

A bot sees ``game.view_for(seat)``; for search it clones the game and
determinises what it cannot see (other seats' pending orders, the round's
chance).  Every decision is a `Decision`: orders, answers to proposals and
proposals of its own, each with short reasons in English and Japanese.

Levels:

* ``easy``   the persona's heuristic with noise;
* ``normal`` the heuristic plus a one-round lookahead over a few variants;
* ``hard``   a sampled best response over determinised futures, within a time
  and iteration budget, reporting progress through a callback.

A bot also speaks the simulator's policy protocol (``orders``, ``answer``,
``proposals``), so ``game.ai.policies`` can register it by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from game.engine import Game, IllegalOrder, Order
from game.engine.rng import Rng

from . import heuristic, search
from .personas import SeatPersona, personas_for, seat_persona, table
from .reasons import Reason

DIFFICULTIES = ("easy", "normal", "hard")
LEVELS = ("scripted", *DIFFICULTIES)  # scripted: the heuristic alone, no noise (table profiles)
Progress = Callable[[int, int], None]


@dataclass
class Decision:
    """What a bot decided, and why."""

    seat: str
    orders: tuple[Order, ...] = ()
    answers: dict[str, bool] = field(default_factory=dict)  # proposal id -> accept
    proposals: list[dict[str, Any]] = field(default_factory=list)  # {"kind", "members", "duration"}
    reasons: list[Reason] = field(default_factory=list)

    def reason(self, lang: str = "en", rs: Any = None) -> str:
        """The reasons as one short text (sentences joined)."""
        sep = "。" if lang == "ja" else ". "
        text = sep.join(r.text(lang, rs) for r in self.reasons)
        return text + ("。" if lang == "ja" and text else "." if text else "")

    def reason_texts(self, rs: Any = None) -> dict[str, list[str]]:
        return {lang: [r.text(lang, rs) for r in self.reasons] for lang in ("en", "ja")}


@runtime_checkable
class Bot(Protocol):
    """Every AI opponent: a name and three decisions."""

    name: str

    def decide_orders(self, game: Game, seat: str, progress: Progress | None = None) -> Decision: ...

    def decide_answers(self, game: Game, seat: str) -> Decision: ...

    def decide_proposals(self, game: Game, seat: str) -> Decision: ...


def _salt(seat: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(seat))


class PersonaBot:
    """A persona played at a difficulty.  ``persona=None``: the seat's scenario default.

    ``profile`` (a table profile id) sets the seat's persona tendencies and the
    bot's beliefs about the rest of the table; otherwise it believes every other
    seat plays its scenario default.  ``budget_s`` and ``iterations`` bound `hard`.
    """

    def __init__(self, persona: str | None = None, difficulty: str = "normal", seed: int = 0,
                 profile: Any = None, budget_s: float = 2.0, iterations: int = 160,
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
        self.last: dict[str, Decision] = {}
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

    def _rng(self, game: Game, seat: str, purpose: int) -> Rng:
        return Rng((self.seed * 1_000_003 + game.round * 7919 + _salt(seat) * 31 + purpose) & ((1 << 64) - 1))

    # ------------------------------------------------------------ the Bot protocol

    def decide_orders(self, game: Game, seat: str, progress: Progress | None = None) -> Decision:
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
        orders = _legalise(game, seat, orders)
        d = Decision(seat, tuple(orders), reasons=reasons)
        self.last[seat] = d
        return d

    def decide_answers(self, game: Game, seat: str) -> Decision:
        sp = self.seat_persona(game, seat)
        view = search.seat_view(game, seat)
        d = Decision(seat)
        for p in view["proposals"]:
            if p["status"] != "open" or seat in p["answers"]:
                continue
            ok, why = heuristic.answer(game.rs, view, seat, sp.tendencies, p)
            d.answers[p["id"]] = ok
            d.reasons.append(why)
        return d

    def decide_proposals(self, game: Game, seat: str) -> Decision:
        sp = self.seat_persona(game, seat)
        view = search.seat_view(game, seat)
        d = Decision(seat)
        for kind, members, why in heuristic.proposals(game.rs, view, seat, sp.tendencies):
            d.proposals.append({"kind": kind, "members": members, "duration": None})
            d.reasons.append(why)
        return d

    # ------------------------------------------------------------ the policy protocol

    def orders(self, game: Game, seat: str) -> list[Order]:
        return list(self.decide_orders(game, seat).orders)

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> bool:
        sp = self.seat_persona(game, seat)
        ok, why = heuristic.answer(game.rs, search.seat_view(game, seat), seat, sp.tendencies, proposal)
        self.last[f"{seat}/{proposal['id']}"] = Decision(seat, answers={proposal["id"]: ok}, reasons=[why])
        return ok

    def proposals(self, game: Game, seat: str) -> list[dict[str, Any]]:
        return self.decide_proposals(game, seat).proposals


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
