"""A match: one `Game`, which seats are human and which are bots, and autosave.

UI-independent: the desktop UI and a later workshop mode both drive a match.
AI work is split so that a front end can run it off its frame loop: `plan_*`
functions are pure over a *clone* of the game and return plain results, which
the owner of the match then applies on its own thread with `apply_*`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.ai.policy import DIFFICULTIES, HumanSeat, Policy
from game.content import paths
from game.engine import Game, Order, RoundReport, SaveError

from . import seat_pool
from .seat_pool import SeatPool
from .storage import inside, read_json, write_atomic

MATCH_FORMAT = "sumiwake-match"
PERSONAS = ("default", "random")  # plus the persona ids of rules/ai that fit a seat: see persona_choices
HARD_TIME_CAP_S = 2.0  # the desktop waits at most this long for a hard seat (on top of its iteration budget)
AI_ROUND_S = 1.8  # ... and all its hard seats together are ready within this long of the orders phase opening
_POOL = SeatPool(2)  # the desktop's worker processes for AI seats, shared by its matches (started on need)
__all__ = ["DIFFICULTIES", "Match", "SeatControl", "AiAnswer", "AiNegotiation", "AiProposal", "make_bot"]


def persona_choices(seat: str) -> list[str]:
    """What can play ``seat``: its scenario default, every persona that fits its role, or random."""
    from game.content.ai_schema import ROLE_TYPE, load_personas
    from game.content.loader import load_rules

    role = next(s.role for s in load_rules().seats if s.id == seat)
    fits = [p.id for p in load_personas().values() if p.seat_type == ROLE_TYPE[role]]
    return ["default", *fits, "random"]


def persona_label(pid: str, lang: str) -> str | None:
    """A persona's name in ``lang`` (None for "default" and "random", which the UI catalog names)."""
    from game.content.ai_schema import load_personas

    p = load_personas().get(pid)
    return p.name.get(lang) if p is not None else None


@dataclass(frozen=True, slots=True)
class SeatControl:
    """Who plays a seat: a human, or a bot with a persona and a difficulty."""

    human: bool
    persona: str = "default"  # the scenario's persona for the seat; "random" for the baseline bot
    difficulty: str = "normal"

    def to_dict(self) -> dict[str, Any]:
        return {"human": self.human, "persona": self.persona, "difficulty": self.difficulty}


@dataclass(frozen=True, slots=True)
class AiAnswer:
    seat: str
    accept: bool
    reason: str  # a catalog key of the UI message catalog (the fallback)
    text: dict[str, str] | None = None  # the bot's own reason, {"en": …, "ja": …}, when it gives one


@dataclass(frozen=True, slots=True)
class AiProposal:
    """An agreement an AI seat tables when negotiation opens, with its terms and its reason."""

    seat: str
    kind: str
    members: tuple[str, ...]
    duration: int | None
    terms: tuple[dict[str, Any], ...]
    text: dict[str, str]  # the proposer's reason, {"en": …, "ja": …}


@dataclass(frozen=True, slots=True)
class AiNegotiation:
    """What the AI seats do as negotiation opens: their proposals, and the AI members'
    answers to each (by the proposal's place in ``proposals``), all decided on one snapshot."""

    proposals: tuple[AiProposal, ...]
    answers: dict[int, tuple[AiAnswer, ...]] = field(default_factory=dict)


def make_bot(persona: str, difficulty: str, seed: int) -> Policy:
    """The policy for a computer seat: a persona bot at a difficulty ("default": the scenario's
    persona), or random; its chance derives from ``seed`` (the match's bot seed, the game's
    seed for a new match).  On the desktop a hard seat also stops at a time cap."""
    from game.ai.policies import seat_policy

    return seat_policy(persona, difficulty, seed, budget_s=HARD_TIME_CAP_S)


def user_dir() -> Path:
    """Where saves, autosave and settings live (``SUMIWAKE_HOME`` overrides; else platformdirs)."""
    return paths.user_dir()


def autosave_path() -> Path:
    return user_dir() / "autosave.json"


def saves_dir() -> Path:
    return user_dir() / "saves"


def workshop_path(scenario: str, seed: int) -> Path:
    """A workshop's default autosave: ``$SUMIWAKE_HOME/workshop-<scenario>-<seed>.json``."""
    return user_dir() / f"workshop-{scenario}-{seed}.json"


@dataclass
class Match:
    game: Game
    control: dict[str, SeatControl]
    bot_seed: int = 0
    autosave: Path | None = None
    bots: dict[str, Policy] = field(default_factory=dict)  # every seat's policy (people: HumanSeat)
    on_change: Callable[[], None] | None = None
    version: int = 0  # bumped on every change, so views can be cached
    choice_reasons: dict[tuple[int, str], dict[str, str]] = field(default_factory=dict)  # (round, seat) -> why, en/ja

    def __post_init__(self) -> None:
        for seat in self.control:
            self.player(seat)
        if self._hard_seats() >= 2:
            _POOL.start()  # the processes get ready while the round's first phases are played

    def _hard_seats(self) -> int:
        return sum(1 for s in self.ai_seats if self.control[s].difficulty == "hard" and self.control[s].persona != "random")

    def player(self, seat: str) -> Policy:
        """The policy playing ``seat`` as its control now says (a person: its `HumanSeat`)."""
        c = self.control[seat]
        p = self.bots.get(seat)
        if p is None or isinstance(p, HumanSeat) != c.human:
            p = self.bots[seat] = HumanSeat() if c.human else make_bot(c.persona, c.difficulty, self.bot_seed)
        return p

    # ------------------------------------------------------------ creation

    @classmethod
    def new(cls, scenario: str, seed: int, control: dict[str, SeatControl] | None = None,
            rounds: int | None = None, autosave: Path | None = None) -> "Match":
        game = Game.new(scenario, seed=seed, rounds=rounds)
        if control is None:
            humans = set(game.rs.scenario.human_seats)
            control = {s: SeatControl(s in humans) for s in game.seats}
        return cls(game, dict(control), bot_seed=seed, autosave=autosave)

    # ------------------------------------------------------------ reading

    @property
    def humans(self) -> list[str]:
        return [s for s in self.game.seats if self.control[s].human]

    @property
    def ai_seats(self) -> list[str]:
        return [s for s in self.game.seats if not self.control[s].human]

    def is_human(self, seat: str) -> bool:
        return self.control[seat].human

    def waiting_for(self) -> list[str]:
        """Human seats that have not yet submitted orders this round."""
        sub = self.game.submitted()
        return [s for s in self.humans if not sub[s]]

    def choosing(self) -> list[str]:
        """Human seats this round's event card asks to choose that have not answered."""
        ch = self.game.choice()
        if ch is None:
            return []
        return [s for s in ch["seats"] if self.control[s].human and s not in ch["answers"]]

    def ai_choosing(self) -> list[str]:
        """Computer seats this round's event card asks to choose that have not answered."""
        ch = self.game.choice()
        if ch is None:
            return []
        return [s for s in ch["seats"] if not self.control[s].human and s not in ch["answers"]]

    # ------------------------------------------------------------ acting

    def _changed(self) -> None:
        self.version += 1
        if self.on_change is not None:
            self.on_change()

    def advance(self) -> str:
        phase = self.game.advance()
        self._changed()
        self.save_auto()
        return phase

    def propose(self, seat: str, kind: str, members: Sequence[str]) -> str:
        pid = self.game.propose(seat, kind, members)
        self._changed()
        return pid

    def answer(self, seat: str, pid: str, accept: bool) -> str:
        status = self.game.answer(seat, pid, accept)
        self._changed()
        return status

    def choose(self, seat: str, option: str) -> None:
        """A person's answer to this round's event choice for ``seat`` (refused with `IllegalOrder`)."""
        player = self.player(seat)
        if isinstance(player, HumanSeat):
            player.enter_choice(self.game.round, option)
        self.game.choose(seat, option)
        self._changed()
        self.save_auto()

    def submit(self, seat: str, orders: Sequence[Order]) -> None:
        """A person's orders for ``seat``: entered into its `HumanSeat` (any other seat: as given)."""
        player = self.player(seat)
        if isinstance(player, HumanSeat):
            player.enter_orders(self.game.round, orders)
            orders = player.orders(self.game, seat).orders
        self.game.submit(seat, orders)
        self._changed()

    def resolve(self) -> RoundReport:
        report = self.game.resolve()
        self._changed()
        self.save_auto()
        return report

    # ------------------------------------------------------------ AI (pure planning + apply)

    def plan_ai_orders(self, game: Game) -> dict[str, list[Order]]:
        """Orders of every AI seat, computed on ``game`` (pass a clone).  With two hard seats
        or more they are decided in worker processes, side by side; hard seats share a time
        cap of `AI_ROUND_S` (each seat's decision is otherwise what it would be here)."""
        players = {s: self.player(s) for s in self.ai_seats}
        if self._hard_seats() >= 2:
            plan = _POOL.decide(game, players, AI_ROUND_S)
        else:
            plan = seat_pool.decide(game, list(players.items()), None)
        return {s: list(v) for s, v in plan.items()}

    def apply_ai_orders(self, plan: dict[str, list[Order]]) -> None:
        for seat, orders in plan.items():
            if not self.game.submitted()[seat]:
                self.game.submit(seat, orders)
        self._changed()

    def plan_ai_choices(self, game: Game) -> dict[str, tuple[str, dict[str, str]]]:
        """The event choice of every computer seat asked (seat -> option, reason in en/ja),
        computed on ``game`` (pass a clone)."""
        from game.ai.choices import answer_choice

        ch = game.choice()
        out: dict[str, tuple[str, dict[str, str]]] = {}
        for seat in (ch or {}).get("seats", []):
            if self.control[seat].human or seat in ch["answers"]:  # type: ignore[index]
                continue
            a = answer_choice(self.player(seat), game, seat)
            out[seat] = (a.option, {lang: a.reason(lang, game.rs) for lang in ("en", "ja")})
        return out

    def apply_ai_choices(self, plan: dict[str, tuple[str, dict[str, str]]]) -> None:
        for seat, (option, why) in plan.items():
            if seat in self.ai_choosing():
                self.game.choose(seat, option)
                self.choice_reasons[(self.game.round, seat)] = why
        self._changed()

    def plan_ai_answers(self, game: Game, pid: str) -> list[AiAnswer]:
        """How the AI members of proposal ``pid`` answer, with a reason key."""
        prop = next(p for p in game.proposals(None) if p["id"] == pid)
        out = []
        for seat in prop["members"]:
            if seat == prop["proposer"] or self.control[seat].human or seat in prop["answers"]:
                continue
            a = self.player(seat).answer(game, seat, prop)
            text = {lang: a.reason(lang, game.rs) for lang in ("en", "ja")} if a.reasons else None
            out.append(AiAnswer(seat, a.accept, _reason(game, seat, prop, a.accept), text))
        return out

    def plan_ai_negotiation(self, game: Game) -> AiNegotiation:
        """The AI seats' proposals as negotiation opens, and the AI members' answers to them,
        computed on ``game`` (pass a clone: the proposals are tabled on it).  A human member
        answers later, at the table."""
        from game.engine import IllegalOrder

        tabled: list[tuple[str, AiProposal]] = []
        for seat in self.ai_seats:
            for p in self.player(seat).propose(game, seat):
                try:
                    pid = game.propose(seat, p.kind, p.members, p.duration, p.terms)
                except IllegalOrder:
                    continue  # a bot's bad idea is simply not tabled
                text = {lang: p.reason(lang, game.rs) for lang in ("en", "ja")}
                tabled.append((pid, AiProposal(seat, p.kind, tuple(p.members), p.duration, p.terms, text)))
        answers = {i: tuple(self.plan_ai_answers(game, pid)) for i, (pid, _) in enumerate(tabled)}
        return AiNegotiation(tuple(a for _, a in tabled), answers)

    def apply_ai_negotiation(self, plan: AiNegotiation) -> list[tuple[str, AiProposal, tuple[AiAnswer, ...]]]:
        """Table the planned proposals on the match's game, then apply the AI answers;
        returns (proposal id, proposal, answers) for each one tabled."""
        from game.engine import IllegalOrder

        out = []
        pids = []
        for p in plan.proposals:
            try:
                pids.append(self.game.propose(p.seat, p.kind, p.members, p.duration, p.terms))
            except IllegalOrder:
                pids.append("")
        for i, (pid, p) in enumerate(zip(pids, plan.proposals)):
            if not pid:
                continue
            given = []  # the answers that counted: none after a member declined
            for a in plan.answers.get(i, ()):
                if any(q["id"] == pid for q in self.game.proposals(None)):
                    try:
                        self.game.answer(a.seat, pid, a.accept)
                    except IllegalOrder:
                        self.game.answer(a.seat, pid, False)
                    given.append(a)
            out.append((pid, p, tuple(given)))
        self._changed()
        self.save_auto()
        return out

    def apply_ai_answers(self, pid: str, answers: Sequence[AiAnswer]) -> str | None:
        status = None
        for a in answers:
            if any(p["id"] == pid for p in self.game.proposals(None)):
                status = self.game.answer(a.seat, pid, a.accept)
        self._changed()
        return status

    # ------------------------------------------------------------ persistence

    def to_json(self) -> str:
        d = {"format": MATCH_FORMAT, "bot_seed": self.bot_seed,
             "control": {s: c.to_dict() for s, c in self.control.items()},
             "game": self.game.to_dict()}
        return json.dumps(d, ensure_ascii=False)  # keep key order: the engine relies on it

    @classmethod
    def from_json(cls, text: str, autosave: Path | None = None) -> "Match":
        """Load a match save, or a bare game save (its scenario's humans play)."""
        from game.content.save_format import SaveFormatProblem, parse_json

        try:
            d = parse_json(text)
        except SaveFormatProblem as exc:
            raise SaveError(exc.code, **exc.params) from None
        return cls.from_dict(d, autosave)

    @classmethod
    def from_dict(cls, d: Any, autosave: Path | None = None) -> "Match":
        """A match from a parsed match save or game save, checked as a whole."""
        from game.content.save_format import SaveFormatProblem, validate_match_envelope

        if not (isinstance(d, dict) and d.get("format") == MATCH_FORMAT):
            game = Game.from_dict(d)
            humans = set(game.rs.scenario.human_seats)
            return cls(game, {s: SeatControl(s in humans) for s in game.seats}, bot_seed=game.seed,
                       autosave=autosave)
        try:
            validate_match_envelope(d)
        except SaveFormatProblem as exc:
            raise SaveError(exc.code, **exc.params) from None
        try:
            game = Game.from_dict(d["game"])
        except SaveError as exc:
            raise inside(exc, "game") from None
        control = d["control"]
        if list(control) != list(game.seats):
            raise SaveError("v_keys", loc="control", expected=", ".join(game.seats))
        for seat, c in control.items():
            persona, difficulty = c.get("persona", "random"), c.get("difficulty", "normal")
            if persona not in persona_choices(seat):
                raise SaveError("v_unknown_id", loc=f"control.{seat}.persona", value=persona)
            if difficulty not in DIFFICULTIES:
                raise SaveError("v_unknown_id", loc=f"control.{seat}.difficulty", value=difficulty)
        return cls(game, {s: SeatControl(c["human"], c.get("persona", "random"), c.get("difficulty", "normal"))
                          for s, c in control.items()},
                   bot_seed=d.get("bot_seed", 0), autosave=autosave)

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: Path, autosave: Path | None = None) -> "Match":
        d = read_json(path)
        try:
            return cls.from_dict(d, autosave=autosave)
        except SaveError as exc:
            raise exc.at(path) from None

    def save_auto(self) -> None:
        if self.autosave is not None:
            self.save(self.autosave)


def _reason(game: Game, seat: str, prop: dict, accept: bool) -> str:
    """A catalogued one-line reason for an AI answer."""
    proposer = prop["proposer"]
    trust = None
    if seat in game.nations and proposer in game.nations:
        trust = game.view_for(None)["nations"][proposer]["trust"].get(seat)
    if accept:
        return "reason.accept.trust" if trust is not None and trust >= 60 else "reason.accept.terms"
    return "reason.decline.trust" if trust is not None and trust < 50 else "reason.decline.terms"
