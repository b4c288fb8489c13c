"""`TableHost`: a workshop table with seats played from team devices.

The host wraps a `game.session.workshop.Workshop` (timer, injects, autosave, undo)
and applies what clients ask for, each request checked by the engine: a refusal
raises `Refused` with a reason in the client's language, and the state is unchanged.
Seat modes: ``remote`` (a team device: a `RemoteSeat`), ``ai`` (the workshop's AI
seat), ``hotseat`` and ``sheet`` (entered at the facilitator's console).

All game changes happen under ``lock`` (the desktop console and the server's event
loop may share one host); ``fingerprint()`` changes whenever anything a client sees
changes, so the server knows when to send new snapshots.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.i18n import join_list
from game.engine import IllegalOrder, Order, SaveError
from game.session.storage import read_json
from game.session.workshop import Workshop

from .messages import t
from .protocol import Admin, AnswerProposal, Choose, OrderIn, Propose, Submit
from .remote import RemoteSeat
from .tokens import TokenStore, tokens_path

MODES = ("remote", "ai", "hotseat", "sheet")
DEFAULT_AI = "normal"


class Refused(Exception):
    """A request the table cannot carry out: a code and a sentence in the client's language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _orders(items: list[OrderIn]) -> list[Order]:
    return [Order.from_dict(o.to_engine()) for o in items]


def _saved(tp: Path, seats: tuple[str, ...]) -> tuple[TokenStore | None, dict[str, str] | None]:
    """The tokens and seat modes saved at ``tp`` (None, None when there is no such file)."""
    if not tp.exists():
        return None, None
    tokens = TokenStore.load(tp, seats)
    d = read_json(tp)
    raw = d.get("modes", {}) if isinstance(d, dict) else {}
    if not isinstance(raw, dict) or any(m not in MODES for m in raw.values()):
        raise SaveError("v_invalid", str(tp), loc="modes")
    return tokens, {str(k): str(v) for k, v in raw.items()}


class TableHost:
    def __init__(self, ws: Workshop, tokens: TokenStore | None = None, modes: dict[str, str] | None = None,
                 auto_resolve: bool = False, wall: Callable[[], float] = time.time) -> None:
        self.ws = ws
        self.lock = threading.RLock()
        self.wall = wall
        seats = ws.game.seats
        self.tokens = tokens or TokenStore.for_seats(seats)
        self.modes: dict[str, str] = {}
        for s in seats:
            m = (modes or {}).get(s)
            if s in ws.ai_seats:
                self.modes[s] = "ai"
            elif m in ("remote", "hotseat", "sheet"):
                self.modes[s] = m
            else:
                self.modes[s] = "remote"
        self.remote: dict[str, RemoteSeat] = {s: RemoteSeat() for s in seats}
        self.auto_resolve = auto_resolve
        self.token_rev = 0  # grows at every reissue
        self.sheet_cache: dict[Any, Any] = {}
        self._game_id = id(ws.game)  # order sheets, by state and seat (game.net.views)
        self.to_revoke: list[str] = []  # seats whose open sockets the server must close (reissued)
        self.save_tokens()

    # ------------------------------------------------------------ creation and persistence

    @classmethod
    def new(cls, scenario: str, seed: int, ai_seats: dict[str, str] | None = None, rounds: int | None = None,
            autosave_path: Path | None = None, durations: dict[str, float] | None = None,
            missing_rule: str = "hold", auto_resolve: bool = False) -> "TableHost":
        from game.engine import Game

        seats = Game.new(scenario, seed=seed, rounds=rounds).seats
        ai = dict(ai_seats or {})
        teams = {s: s for s in seats if s not in ai}
        ws = Workshop.new(scenario, seed, teams, ai, rounds=rounds, durations=durations,
                          missing_rule=missing_rule, autosave_path=autosave_path)
        return cls(ws, auto_resolve=auto_resolve)

    @classmethod
    def resume(cls, path: Path, auto_resolve: bool = False) -> "TableHost":
        """A table from its autosave, with the tokens and seat modes saved beside it."""
        ws = Workshop.load(path)
        tokens, modes = _saved(tokens_path(path), ws.game.seats)
        return cls(ws, tokens, modes, auto_resolve=auto_resolve)

    @classmethod
    def attach(cls, ws: Workshop, auto_resolve: bool = False) -> "TableHost":
        """A host for a workshop already running (the desktop console's), with the links saved
        beside its autosave if there are any."""
        tokens, modes = None, None
        if ws.autosave_path is not None:
            tokens, modes = _saved(tokens_path(ws.autosave_path), ws.game.seats)
        return cls(ws, tokens, modes, auto_resolve=auto_resolve)

    def save_tokens(self) -> None:
        path = self.ws.autosave_path
        if path is None:
            return
        tp = tokens_path(path)
        try:
            self.tokens.save(tp, {"modes": dict(self.modes)})
        except OSError:
            pass  # the session goes on from memory, like the workshop's autosave

    # ------------------------------------------------------------ reading

    def mode(self, seat: str) -> str:
        return self.modes.get(seat, "remote")

    def clock_state(self) -> dict[str, Any]:
        ws = self.ws
        return {"remaining": round(ws.remaining(), 2), "running": ws.timer.running,
                "warning": ws.warning(), "duration": ws.timer.duration}

    def seat_status(self, seat: str) -> dict[str, Any]:
        r = self.remote[seat]
        return {"mode": self.mode(seat), "connected": r.connected, "last_seen": r.last_seen,
                "submitted": bool(self.ws.game.submitted().get(seat))}

    def fingerprint(self) -> tuple[Any, ...]:
        """Changes whenever anything a client is shown changes (other than the running clock)."""
        ws, g = self.ws, self.ws.game
        if id(g) != self._game_id:  # a new game object (an undo): nothing cached for the old one holds
            self._game_id = id(g)
            self.sheet_cache.clear()
        return (id(g), len(g.actions), g.phase, g.round, len(ws.audit), ws.timer.running, ws.timer.duration,
                tuple(self.modes.values()), self.token_rev, self.auto_resolve,
                tuple(r.connected for r in self.remote.values()))

    def team_seats(self) -> list[str]:
        return [s for s in self.ws.game.seats if self.mode(s) != "ai"]

    def all_in(self) -> bool:
        sub = self.ws.game.submitted()
        return all(sub[s] for s in self.team_seats())

    # ------------------------------------------------------------ a seat's requests

    def _refuse(self, exc: IllegalOrder, lang: str) -> Refused:
        return Refused("refused", exc.message(lang, self.ws.game.rs))

    def _own(self, seat: str, lang: str) -> None:
        if self.mode(seat) != "remote":
            raise Refused("not_remote", t("err.not_remote", lang))
        if self.ws.game.is_over:
            raise Refused("game_over", t("err.game_over", lang))

    def submit(self, seat: str, msg: Submit, lang: str) -> None:
        with self.lock:
            self._own(seat, lang)
            g = self.ws.game
            if g.phase != "orders":
                raise Refused("wrong_phase", t("err.wrong_phase", lang, phase=t(f"phase.{g.phase}", lang)))
            remote = self.remote[seat]
            try:
                orders = _orders(msg.orders)
                g.check(seat, orders)
            except IllegalOrder as exc:
                raise self._refuse(exc, lang) from None
            except ValueError as exc:  # an order the engine cannot read
                raise Refused("bad_order", str(exc)[:160]) from None
            remote.enter_orders(g.round, orders)
            decision = remote.orders(g, seat)
            self.ws.enter_orders(seat, list(decision.orders), by="remote")
            self._maybe_auto_resolve()

    def propose(self, seat: str, msg: Propose, lang: str) -> str:
        with self.lock:
            self._own(seat, lang)
            members = list(msg.members)
            if seat not in members:
                members.insert(0, seat)
            elif members[0] != seat:
                members.remove(seat)
                members.insert(0, seat)
            try:
                pid = self.ws.game.propose(seat, msg.kind, members, msg.duration)
            except IllegalOrder as exc:
                raise self._refuse(exc, lang) from None
            self.ws._log("remote_propose", {"seat": seat, "kind": msg.kind, "members": members})
            self.ws.play_ai_negotiation()
            self.ws.autosave()
            return pid

    def answer(self, seat: str, msg: AnswerProposal, lang: str) -> str:
        with self.lock:
            self._own(seat, lang)
            try:
                status = self.ws.game.answer(seat, msg.proposal, msg.accept)
            except IllegalOrder as exc:
                raise self._refuse(exc, lang) from None
            self.ws._log("remote_answer", {"seat": seat, "proposal": msg.proposal, "accept": msg.accept})
            self.ws.autosave()
            return status

    def choose(self, seat: str, msg: Choose, lang: str) -> None:
        """The seat's answer to this round's event card's choice (the engine refuses a card with no
        choice, a seat the card does not ask, an unknown option, the wrong phase)."""
        with self.lock:
            self._own(seat, lang)
            self._enter_choice(seat, msg.option, "team", lang)

    def _enter_choice(self, seat: str, option: str, by: str, lang: str) -> None:
        g = self.ws.game
        if g.phase != "event":
            raise Refused("wrong_phase", t("err.wrong_phase", lang, phase=t(f"phase.{g.phase}", lang)))
        try:
            self.ws.enter_choice(seat, option, by=by)
        except IllegalOrder as exc:
            raise Refused(exc.code, exc.message(lang, g.rs)) from None

    def _maybe_auto_resolve(self) -> None:
        g = self.ws.game
        if self.auto_resolve and g.phase == "orders" and not g.is_over and self.all_in():
            self.ws._log("auto_resolve", {})
            self.ws.end_phase()

    # ------------------------------------------------------------ the facilitator's controls

    def admin(self, msg: Admin, lang: str) -> dict[str, Any]:
        """Carry out one control; returns what the server must do next (e.g. revoke a seat's sockets)."""
        with self.lock:
            ws, g = self.ws, self.ws.game
            a = msg.action
            seat = msg.seat
            if a in ("assign", "reissue", "enter_orders", "choose") and (seat is None or seat not in g.seats):
                raise Refused("unknown_seat", t("err.unknown_seat", lang, seat=seat or "-"))
            try:
                if a == "pause":
                    ws.pause()
                elif a == "resume":
                    ws.resume()
                elif a == "extend":
                    ws.extend(float(msg.seconds if msg.seconds is not None else 60.0))
                elif a == "end_phase":
                    ws.end_phase()
                elif a == "resolve":
                    if g.phase != "orders":
                        raise Refused("wrong_phase", t("err.wrong_phase", lang, phase=t(f"phase.{g.phase}", lang)))
                    if not self.all_in():
                        missing = [g.rs.seat_name(s, lang) for s in self.team_seats() if not g.submitted()[s]]
                        raise Refused("not_all_in", t("err.not_all_in", lang, seats=join_list(missing, lang)))
                    ws.end_phase()
                elif a == "auto_resolve":
                    self.auto_resolve = bool(msg.on)
                    ws._log("auto_resolve_set", {"on": self.auto_resolve})
                    self._maybe_auto_resolve()
                elif a == "assign":
                    assert seat is not None
                    self.assign(seat, msg.mode or "ai")
                elif a == "reissue":
                    assert seat is not None
                    self.reissue(seat)
                elif a == "enter_orders":
                    assert seat is not None
                    if self.mode(seat) not in ("sheet", "hotseat"):
                        raise Refused("not_sheet", t("err.not_sheet", lang))
                    try:
                        ws.enter_orders(seat, _orders(msg.orders or []), by="sheet")
                    except IllegalOrder as exc:
                        raise self._refuse(exc, lang) from None
                    self._maybe_auto_resolve()
                elif a == "choose":  # the facilitator decides for a seat (any mode)
                    assert seat is not None
                    if msg.option is None:
                        raise Refused("unknown_option", t("err.no_option", lang))
                    self._enter_choice(seat, msg.option, "facilitator", lang)
            except IllegalOrder as exc:
                raise self._refuse(exc, lang) from None
            ws.autosave()
            return {}

    def assign(self, seat: str, mode: str, policy: str = DEFAULT_AI) -> None:
        ws = self.ws
        if mode not in MODES:
            raise ValueError(mode)
        if mode == "ai":
            ws.teams.pop(seat, None)
            ws.ai_seats[seat] = ws.ai_seats.get(seat, policy)
        else:
            ws.ai_seats.pop(seat, None)
            ws.teams.setdefault(seat, seat)
        self.modes[seat] = mode
        ws._log("assign", {"seat": seat, "mode": mode})
        self.save_tokens()
        ws.autosave()

    def reissue(self, seat: str) -> str:
        token = self.tokens.reissue(seat)
        self.token_rev += 1
        self.to_revoke.append(seat)
        self.ws._log("reissue_token", {"seat": seat})
        self.save_tokens()
        return token

    def tick(self) -> bool:
        """The workshop's clock: end a phase whose time ran out."""
        with self.lock:
            return self.ws.tick()
