"""A facilitated workshop: teams, timed phases, injects, recorded agreements,
orders from the table, overrides with an audit trail, undo, autosave and resume.

UI-independent: the projector and console screens drive a `Workshop` and read
from it; tests drive it directly with a fake clock.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import Game, IllegalOrder, SaveError

from .storage import inside, read_json, write_atomic

WORKSHOP_FORMAT = "sumiwake-workshop"
WORKSHOP_VERSION = 1
TIMED_PHASES = ("event", "negotiation", "orders")
DEFAULT_DURATIONS = {"event": 180.0, "negotiation": 900.0, "orders": 600.0}

Clock = Callable[[], float]


@dataclass(slots=True)
class PhaseTimer:
    """A countdown that pauses, extends and warns.  Times are in seconds."""

    duration: float
    warn_at: float = 60.0
    elapsed: float = 0.0
    started_at: float | None = None  # clock time when last resumed; None while paused

    def start(self, now: float) -> None:
        self.elapsed = 0.0
        self.started_at = now

    def pause(self, now: float) -> None:
        if self.started_at is not None:
            self.elapsed += now - self.started_at
            self.started_at = None

    def resume(self, now: float) -> None:
        if self.started_at is None:
            self.started_at = now

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def extend(self, seconds: float) -> None:
        self.duration = max(0.0, self.duration + seconds)

    def remaining(self, now: float) -> float:
        spent = self.elapsed + (now - self.started_at if self.started_at is not None else 0.0)
        return max(0.0, self.duration - spent)

    def warning(self, now: float) -> bool:
        r = self.remaining(now)
        return 0.0 < r <= self.warn_at

    def expired(self, now: float) -> bool:
        return self.remaining(now) <= 0.0


@dataclass(slots=True)
class AuditEntry:
    round: int
    phase: str
    action: str
    detail: dict[str, Any]


@dataclass
class Workshop:
    game: Game
    teams: dict[str, str]  # seat -> team name (human seats)
    ai_seats: dict[str, str]  # seat -> policy name
    durations: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_DURATIONS))
    missing_rule: str = "hold"  # or "ai": orders missing at time-out
    fallback_policy: str = "random"
    autosave_path: Path | None = None
    clock: Clock = time.monotonic
    schedule: dict[int, str] = field(default_factory=dict)  # round -> event card
    audit: list[AuditEntry] = field(default_factory=list)
    checkpoints: list[int] = field(default_factory=list)  # action-log length at each orders phase start
    timer: PhaseTimer = field(default_factory=lambda: PhaseTimer(DEFAULT_DURATIONS["event"]))
    save_problem: OSError | None = field(default=None, repr=False, compare=False)  # the last autosave's failure
    showing_results: int | None = None  # the year whose results are on screen until the facilitator continues

    # ------------------------------------------------------------ creation

    @classmethod
    def new(cls, scenario: str, seed: int, teams: dict[str, str], ai_seats: dict[str, str] | None = None,
            rounds: int | None = None, durations: dict[str, float] | None = None,
            missing_rule: str = "hold", autosave_path: Path | None = None,
            clock: Clock = time.monotonic) -> "Workshop":
        game = Game.new(scenario, seed=seed, rounds=rounds)
        unknown = [s for s in (*teams, *(ai_seats or {})) if s not in game.seats]
        if unknown:
            raise IllegalOrder("unknown_seat", seat=unknown[0])
        ai = dict(ai_seats) if ai_seats is not None else {s: "random" for s in game.seats if s not in teams}
        if missing_rule not in ("hold", "ai"):
            raise ValueError("missing_rule must be 'hold' or 'ai'")
        ws = cls(game=game, teams=dict(teams), ai_seats=ai,
                 durations={**DEFAULT_DURATIONS, **(durations or {})}, missing_rule=missing_rule,
                 autosave_path=autosave_path, clock=clock)
        ws.timer = PhaseTimer(ws.durations["event"])
        ws.timer.start(clock())
        ws._apply_schedule()
        ws.autosave()
        return ws

    # ------------------------------------------------------------ timer

    def pause(self) -> None:
        self.timer.pause(self.clock())
        self._log("pause", {})

    def resume(self) -> None:
        """Start (or restart) the clock; starting it also closes the year's results."""
        self.showing_results = None
        self.timer.resume(self.clock())
        self._log("resume", {})

    def continue_after_results(self) -> None:
        """The facilitator is done with the year's results: back to the round's event (the clock
        stays paused until started)."""
        if self.showing_results is None:
            return
        self.showing_results = None
        self._log("continue", {})
        self.autosave()

    def extend(self, seconds: float) -> None:
        self.timer.extend(seconds)
        self._log("extend", {"seconds": seconds})

    def remaining(self) -> float:
        return self.timer.remaining(self.clock())

    def warning(self) -> bool:
        return self.timer.warning(self.clock())

    def tick(self) -> bool:
        """Call often: when the phase's time is up, end it.  True if a phase ended."""
        if self.game.is_over or not self.timer.expired(self.clock()):
            return False
        self._log("timeout", {})
        self.end_phase()
        return True

    def results_round(self) -> int | None:
        """The year whose results the console and projector show now, if any."""
        return self.showing_results

    # ------------------------------------------------------------ injects

    def draw_inject(self) -> str | None:
        """Keep the card the deck drew for this round (the default)."""
        return self.game.event

    def choose_inject(self, card_id: str | None) -> None:
        self.game.choose_event(card_id)
        self._log("choose_inject", {"card": card_id})

    def schedule_inject(self, round_: int, card_id: str) -> None:
        if card_id not in self.game.rs.events:
            raise IllegalOrder("unknown_event", event=card_id)
        self.schedule[round_] = card_id
        self._log("schedule_inject", {"round": round_, "card": card_id})
        if round_ == self.game.round and self.game.phase == "event":
            self.game.choose_event(card_id)

    def _apply_schedule(self) -> None:
        card = self.schedule.get(self.game.round)
        if card is not None and self.game.phase == "event" and self.game.event != card:
            self.game.choose_event(card)

    # ------------------------------------------------------------ table talk

    def record_agreement(self, kind: str, members: Sequence[str], duration: int | None = None) -> str:
        """Record an agreement the teams made at the table: every member accepts."""
        members = list(members)
        if not members:
            raise IllegalOrder("member_count", kind=kind, min=2, max=12)
        pid = self.game.propose(members[0], kind, members, duration)
        status = "open"
        for m in members[1:]:
            status = self.game.answer(m, pid, True)
        self._log("record_agreement", {"kind": kind, "members": members, "duration": duration,
                                       "status": status})
        return status

    # ------------------------------------------------------------ orders

    def enter_orders(self, seat: str, orders: Sequence[Any], by: str = "team") -> None:
        """Orders typed by the team behind a hand-over screen, or by the facilitator from paper."""
        self.game.submit(seat, orders)
        self._log("orders", {"seat": seat, "by": by, "count": len(orders)})
        self.autosave()

    def missing(self) -> list[str]:
        return [s for s, done in self.game.submitted().items() if not done]

    # ------------------------------------------------------------ the event card's choice

    def enter_choice(self, seat: str, option: str, by: str = "team") -> None:
        """A team's answer to this round's event choice, or the facilitator's for it."""
        self.game.choose(seat, option)
        self._log("choice", {"seat": seat, "option": option, "by": by, "event": self.game.event})
        self.autosave()

    def _fill_choices(self) -> None:
        """AI seats asked by the card answer it (teams that did not answer take the default)."""
        from game.ai.choices import answer_choice
        from game.ai.policies import get_policy

        ch = self.game.choice()
        if ch is None:
            return
        for seat in ch["seats"]:
            if seat in self.ai_seats and seat not in ch["answers"]:
                a = answer_choice(get_policy(self.ai_seats[seat], self.game.seed), self.game, seat)
                self.game.choose(seat, a.option)
                self._log("choice", {"seat": seat, "option": a.option, "by": "ai", "event": self.game.event})

    # ------------------------------------------------------------ phases

    def end_phase(self) -> str:
        """End the current phase (the facilitator's skip, or a time-out)."""
        g = self.game
        if g.is_over:
            raise IllegalOrder("game_over")
        running = self.timer.running  # a paused clock stays paused in the next phase
        self.showing_results = None  # ending a phase goes on from the last year's results
        ended = (g.round, g.phase)  # the audit names the phase that ended, not the one it led to
        if g.phase == "orders":
            self._fill_missing()
            report = g.resolve()
            self.showing_results = report.round  # the year's results stay up until the facilitator continues
            running = False
            if not g.is_over:
                self._apply_schedule()
        else:
            if g.phase == "event":
                self._fill_choices()
            g.advance()
            if g.phase == "negotiation":
                self.play_ai_negotiation()
            if g.phase == "orders":
                self.checkpoints.append(len(g.actions))
        self.audit.append(AuditEntry(ended[0], ended[1], "end_phase", {"to": g.phase}))
        self._restart_timer(running)
        self.autosave()
        return g.phase

    skip = end_phase

    def _fill_missing(self) -> None:
        from game.ai.policies import get_policy

        for seat in self.missing():
            if seat in self.ai_seats:
                policy = get_policy(self.ai_seats[seat], self.game.seed)
            elif self.missing_rule == "ai":
                policy = get_policy(self.fallback_policy, self.game.seed)
            else:
                continue  # hold
            self.game.submit(seat, policy.orders(self.game, seat).orders)

    def play_ai_negotiation(self) -> list[str]:
        """As negotiation opens, AI seats table their proposals (to teams too) and answer every
        open proposal addressed to them; every answer is weighed against one snapshot of the
        table.  A team answers later, through the facilitator (`answer_for_team`).  Returns
        the ids of the proposals the AI seats tabled."""
        from game.ai.policies import get_policy

        g = self.game
        policies = {s: get_policy(self.ai_seats[s], g.seed) for s in g.seats if s in self.ai_seats}
        tabled = []
        for seat, policy in policies.items():
            for p in policy.propose(g, seat):
                try:
                    tabled.append(g.propose(seat, p.kind, p.members, p.duration, p.terms))
                except IllegalOrder:
                    continue  # a bot's bad idea is simply not tabled
        snapshot = g.clone(record=False)
        answers = [(prop["id"], seat, policies[seat].answer(snapshot, seat, prop).accept)
                   for prop in snapshot.proposals() for seat in prop["members"]
                   if seat in policies and seat not in prop["answers"]]
        for pid, seat, ok in answers:
            if any(q["id"] == pid for q in g.proposals()):
                try:
                    g.answer(seat, pid, ok)
                except IllegalOrder:
                    g.answer(seat, pid, False)
        if tabled or answers:
            self._log("ai_negotiation", {"proposals": tabled, "answers": len(answers)})
        return tabled

    def waiting_for_teams(self) -> list[dict[str, Any]]:
        """Open proposals that wait for a team's answer (each with the teams still to answer)."""
        out = []
        for p in self.game.proposals():
            teams = [m for m in p["members"] if m in self.teams and m not in p["answers"]]
            if teams:
                out.append({**p, "teams": teams})
        return out

    def answer_for_team(self, seat: str, pid: str, accept: bool) -> str:
        """The facilitator enters a team's answer to a proposal (an AI seat's, with its terms)."""
        if seat not in self.teams:
            raise IllegalOrder("unknown_seat", seat=seat)
        status = self.game.answer(seat, pid, accept)
        self._log("team_answer", {"seat": seat, "proposal": pid, "accept": accept, "status": status})
        self.autosave()
        return status

    def _restart_timer(self, running: bool) -> None:
        """A fresh clock for the phase now; it runs only if ``running`` (it never starts by itself
        after a paused phase, a resolution or an undo)."""
        if self.game.phase in TIMED_PHASES:
            self.timer = PhaseTimer(self.durations[self.game.phase], self.timer.warn_at)
            if running:
                self.timer.start(self.clock())

    # ------------------------------------------------------------ overrides and undo

    def override(self, target: str, quantity: str, delta: float, reason: str) -> None:
        self.game.override(target, quantity, delta, reason)
        self._log("override", {"target": target, "quantity": quantity, "delta": delta, "reason": reason})
        self.autosave()

    # ------------------------------------------------------------ secrets

    def unlock_secrets(self) -> None:
        """The facilitator shows the secret objectives and this round's unrevealed orders before the
        game is over (in the debrief and the report exported then): recorded in the audit trail."""
        self._log("unlock_secrets", {})
        self.autosave()

    def secret_unlocks(self) -> list[dict[str, Any]]:
        """Every unlock in the audit trail: round and phase."""
        return [{"round": a.round, "phase": a.phase} for a in self.audit if a.action == "unlock_secrets"]

    def audit_records(self) -> list[dict[str, Any]]:
        """The audit trail as plain records (round, phase, action, detail), for the report."""
        return [{"round": a.round, "phase": a.phase, "action": a.action, "detail": dict(a.detail)} for a in self.audit]

    def can_undo(self) -> bool:
        return bool(self.checkpoints) and any(a[0] == "resolve" for a in self.game.actions[self.checkpoints[-1]:])

    def undo(self) -> None:
        """Roll back the last resolution to the start of that round's orders phase."""
        if not self.can_undo():
            raise IllegalOrder("nothing_to_undo")
        cut = self.checkpoints[-1]
        g = self.game
        self.game = Game.replay(g.rs.scenario, g.seed, g.rounds, g.actions[:cut], rules=g.rs.rules)
        self.showing_results = None
        self._log("undo", {"to_round": self.game.round,
                           "overrides_undone": len(g.state.overrides) - len(self.game.state.overrides)})
        self._restart_timer(False)  # the clock stays paused: the teams enter their orders again when told
        self.autosave()

    # ------------------------------------------------------------ persistence

    def _log(self, action: str, detail: dict[str, Any]) -> None:
        self.audit.append(AuditEntry(self.game.round, self.game.phase, action, detail))

    def to_dict(self) -> dict[str, Any]:
        now = self.clock()
        return {
            "format": WORKSHOP_FORMAT,
            "format_version": WORKSHOP_VERSION,
            "game": self.game.to_dict(),
            "teams": dict(self.teams),
            "ai_seats": dict(self.ai_seats),
            "durations": dict(self.durations),
            "missing_rule": self.missing_rule,
            "fallback_policy": self.fallback_policy,
            "schedule": {str(k): v for k, v in self.schedule.items()},
            "audit": [{"round": a.round, "phase": a.phase, "action": a.action, "detail": a.detail}
                      for a in self.audit],
            "checkpoints": list(self.checkpoints),
            "timer": {"duration": self.timer.duration, "warn_at": self.timer.warn_at,
                      "remaining": self.timer.remaining(now)},
            "showing_results": self.showing_results,
        }

    def autosave(self) -> bool:
        """Write the session to its autosave file.  A write that fails (a full disk, the folder
        gone) loses nothing: the session goes on from memory, the last autosave that was written
        stays whole (the write is atomic), ``save_problem`` says why for the console, and the
        next autosave tries again.  False if it failed."""
        if self.autosave_path is None:
            return True
        try:
            write_atomic(self.autosave_path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1))
        except OSError as exc:
            self.save_problem = exc
            return False
        self.save_problem = None
        return True

    @classmethod
    def load(cls, path: Path | str, clock: Clock = time.monotonic, autosave: bool = True) -> "Workshop":
        """Continue a session from its autosave; the timer comes back paused."""
        p = Path(path)
        d = read_json(p)
        try:
            return cls.from_dict(d, clock, p if autosave else None)
        except SaveError as exc:
            raise exc.at(p) from None

    @classmethod
    def from_dict(cls, d: Any, clock: Clock = time.monotonic, autosave_path: Path | None = None) -> "Workshop":
        """A session from a parsed workshop file, checked as a whole: its own fields, the game in it,
        and every seat, policy, card and checkpoint it names."""
        from game.content.save_format import SaveFormatProblem, validate_workshop_envelope

        try:
            validate_workshop_envelope(d)
        except SaveFormatProblem as exc:
            raise SaveError(exc.code, **exc.params) from None
        try:
            game = Game.from_dict(d["game"])
        except SaveError as exc:
            raise inside(exc, "game") from None
        for key in ("teams", "ai_seats"):
            for seat in d[key]:
                if seat not in game.seats:
                    raise SaveError("v_unknown_id", loc=f"{key}.{seat}", value=seat)
        for seat, policy in d["ai_seats"].items():
            if not _known_policy(policy, game.seed):
                raise SaveError("v_unknown_id", loc=f"ai_seats.{seat}", value=policy)
        if not _known_policy(d.get("fallback_policy", "random"), game.seed):
            raise SaveError("v_unknown_id", loc="fallback_policy", value=d["fallback_policy"])
        for r, card in d["schedule"].items():
            if card not in game.rs.events:
                raise SaveError("v_unknown_id", loc=f"schedule.{r}", value=card)
        cps = d["checkpoints"]
        if any(b < a for a, b in zip(cps, cps[1:])) or any(c > len(game.actions) for c in cps):
            raise SaveError("v_checkpoints", loc="checkpoints")
        t = d["timer"]
        if t["remaining"] > t["duration"]:
            raise SaveError("v_max", loc="timer.remaining", limit=f"{t['duration']:g}")
        ws = cls(game=game, teams=dict(d["teams"]), ai_seats=dict(d["ai_seats"]),
                 durations={**DEFAULT_DURATIONS, **d["durations"]}, missing_rule=d["missing_rule"],
                 fallback_policy=d.get("fallback_policy", "random"),
                 autosave_path=autosave_path, clock=clock,
                 schedule={int(k): v for k, v in d["schedule"].items()},
                 audit=[AuditEntry(a["round"], a["phase"], a["action"], dict(a["detail"])) for a in d["audit"]],
                 checkpoints=list(cps),
                 timer=PhaseTimer(t["duration"], t["warn_at"]),
                 showing_results=_results_round(d.get("showing_results"), game))
        ws.timer.elapsed = ws.timer.duration - t["remaining"]
        ws._log("resume_session", {})
        return ws


def _results_round(value: Any, game: Game) -> int | None:
    """The year whose results were on screen, if the game holds that year."""
    if value is None:
        return None
    if not any(h["round"] == value for h in game.state.history):
        raise SaveError("v_invalid", loc="showing_results")
    return int(value)


def _known_policy(name: str, seed: int) -> bool:
    """Whether ``name`` is a policy the session can play a seat with."""
    from game.ai.policies import UnknownPolicy, get_policy

    try:
        get_policy(name, seed)
    except UnknownPolicy:
        return False
    return True
