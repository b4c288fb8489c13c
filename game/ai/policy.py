"""The one protocol for whatever plays a seat, and the values it answers with.

Everything that plays a seat — the random policy, persona bots at every level,
table profiles, a person at the desktop, later a remote team — is a `Policy`:

    policy.orders(game, seat, progress=None)  -> Decision   (the round's orders, with reasons)
    policy.answer(game, seat, proposal)       -> Answer     (accept or decline one proposal)
    policy.propose(game, seat)                -> list[Proposal]
    policy.choose(game, seat)                 -> ChoiceAnswer (optional: this round's event choice;
                                                 a policy without it takes the card's default)

A policy reads the game only through what the seat may see (``game.view_for(seat)``,
or a clone for search); it never changes the game it is handed.  The table runner
(`game.session.simulate.play_round`, the desktop `Match`, the workshop) applies
what it decides.

This module also holds the one list of difficulties and the one derivation of a
policy's chance from a game's seed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from game.engine import Game, Order
from game.engine.rng import Rng

from .reasons import Reason

DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")
LEVELS: tuple[str, ...] = ("scripted", *DIFFICULTIES)  # scripted: the heuristic alone, no noise (table profiles)
Progress = Callable[[int, int], None]

_MASK = (1 << 64) - 1


# ------------------------------------------------------------------ decisions


def _join(reasons: Sequence[Reason], lang: str, rs: Any) -> str:
    sep = "。" if lang == "ja" else ". "
    text = sep.join(r.text(lang, rs) for r in reasons)
    return text + ("。" if lang == "ja" and text else "." if text else "")


@dataclass(frozen=True)
class Decision:
    """A seat's orders for the round, and why."""

    seat: str
    orders: tuple[Order, ...] = ()
    reasons: tuple[Reason, ...] = ()

    def __iter__(self) -> Iterator[Order]:  # a decision reads as its orders: game.submit(seat, decision)
        return iter(self.orders)

    def __len__(self) -> int:
        return len(self.orders)

    def reason(self, lang: str = "en", rs: Any = None) -> str:
        """The reasons as one short text (sentences joined)."""
        return _join(self.reasons, lang, rs)

    def reason_texts(self, rs: Any = None) -> dict[str, list[str]]:
        return {lang: [r.text(lang, rs) for r in self.reasons] for lang in ("en", "ja")}


@dataclass(frozen=True)
class Answer:
    """A seat's answer to one proposal, and why."""

    seat: str
    proposal: str  # the proposal's id
    accept: bool
    reasons: tuple[Reason, ...] = ()

    def reason(self, lang: str = "en", rs: Any = None) -> str:
        return _join(self.reasons, lang, rs)


@dataclass(frozen=True)
class ChoiceAnswer:
    """A seat's answer to this round's event choice (an option id), and why."""

    seat: str
    option: str
    reasons: tuple[Reason, ...] = ()

    def reason(self, lang: str = "en", rs: Any = None) -> str:
        return _join(self.reasons, lang, rs)


@dataclass(frozen=True)
class Proposal:
    """An agreement a seat wants to table: its kind, its members (the proposer first), its
    duration (None: the kind's default), why, and its terms (``{"term", "seat", "amount"}``)."""

    kind: str
    members: tuple[str, ...]
    duration: int | None = None
    reasons: tuple[Reason, ...] = field(default=())
    terms: tuple[dict[str, Any], ...] = ()

    def reason(self, lang: str = "en", rs: Any = None) -> str:
        return _join(self.reasons, lang, rs)


@runtime_checkable
class Policy(Protocol):
    """Whatever plays a seat: a name and three decisions."""

    name: str

    def orders(self, game: Game, seat: str, progress: Progress | None = None) -> Decision: ...

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> Answer: ...

    def propose(self, game: Game, seat: str) -> list[Proposal]: ...


# ------------------------------------------------------------------ chance


def seat_salt(seat: str) -> int:
    """A seat's fixed number in the derivations below."""
    return sum((i + 1) * ord(c) for i, c in enumerate(seat))


def policy_seed(game_seed: int, persona: bool) -> int:
    """The seed a table's policies get from the game's seed: the game's seed itself for the
    random policy, ``131·seed + 7`` for persona bots.  (These are the values every recorded
    batch has used; changing either changes every game.)"""
    return game_seed * 131 + 7 if persona else game_seed


def decision_rng(seed: int, round_no: int, seat: str, stream: int | None = None) -> Rng:
    """The chance of one decision: a policy's seed, the round and the seat, and a stream.

    ``stream=None`` is the random policy's stream; a persona bot draws stream ``k``
    (1: easy's noise, 2: the search's samples).  A policy's chance never touches the
    game's own RNG, so it decides the same way on every replay."""
    salt = seat_salt(seat)
    offset = salt if stream is None else salt * 31 + stream
    return Rng((seed * 1_000_003 + round_no * 7919 + offset) & _MASK)


# ------------------------------------------------------------------ a person at the desktop


class Waiting(LookupError):
    """A person's decision was asked for before they made it."""


class HumanSeat:
    """A seat played by a person: its decisions are the ones the person entered through
    the front end (orders, answers), so a table runner treats it like any other policy.
    Asking for a decision that has not been entered raises `Waiting`."""

    name = "human"

    def __init__(self) -> None:
        self._orders: dict[int, tuple[Order, ...]] = {}  # round -> orders
        self._answers: dict[str, bool] = {}  # proposal id -> accept
        self._proposals: list[Proposal] = []
        self._choices: dict[int, str] = {}  # round -> option

    def enter_choice(self, round_no: int, option: str) -> None:
        self._choices[round_no] = option

    def enter_orders(self, round_no: int, orders: Sequence[Order]) -> None:
        self._orders[round_no] = tuple(orders)

    def enter_answer(self, proposal: str, accept: bool) -> None:
        self._answers[proposal] = bool(accept)

    def enter_proposal(self, kind: str, members: Sequence[str], duration: int | None = None) -> None:
        self._proposals.append(Proposal(kind, tuple(members), duration))

    def orders(self, game: Game, seat: str, progress: Progress | None = None) -> Decision:
        if game.round not in self._orders:
            raise Waiting(f"{seat} has not given its orders for round {game.round}")
        return Decision(seat, self._orders[game.round])

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> Answer:
        pid = proposal["id"]
        if pid not in self._answers:
            raise Waiting(f"{seat} has not answered {pid}")
        return Answer(seat, pid, self._answers[pid])

    def propose(self, game: Game, seat: str) -> list[Proposal]:
        out, self._proposals = self._proposals, []
        return out

    def choose(self, game: Game, seat: str) -> ChoiceAnswer:
        if game.round not in self._choices:
            raise Waiting(f"{seat} has not answered the event's choice for round {game.round}")
        return ChoiceAnswer(seat, self._choices[game.round])
