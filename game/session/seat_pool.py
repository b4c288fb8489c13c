"""AI seats decided side by side: worker processes that stay up for a match.

The desktop's hard seats search for a few hundred milliseconds each; one after another,
eleven of them keep a table waiting for seconds.  A `SeatPool` keeps ``workers``
processes (the ``spawn`` start method: nothing is inherited from the parent, which holds
pygame) and splits a round's AI seats between them, the costly ones first and evenly.

Each seat is decided by its own policy on a copy of the position, exactly as it would be
here: a seat's decision is a function of the position, its policy and its seed, so it does
not matter which process makes it.  Only a front end's time cap (``deadline_s``) depends
on the clock: every hard seat gets an equal share of what is left of it in its worker.
Headless batches (`sim`, `balance`) never use the pool.
"""

from __future__ import annotations

import copy
import multiprocessing as mp
import time
from collections.abc import Mapping
from multiprocessing.connection import Connection
from typing import Any

from game.ai.bot import PersonaBot
from game.ai.policy import Policy
from game.engine import Game, Order
from game.engine.ruleset import Ruleset
from game.engine.state import GameState

Job = tuple[str, Policy]  # a seat and the policy that plays it


def _cost(policy: Policy) -> int:
    """A rough rank of a policy's decision time: hard seats search, the others do not."""
    return 2 if isinstance(policy, PersonaBot) and policy.difficulty == "hard" else 1


def split(jobs: list[Job], workers: int) -> list[list[Job]]:
    """The jobs dealt to ``workers`` lists, costliest first, each to the least loaded list
    (ties: the first), so that every worker gets about as many hard seats."""
    load = [0] * workers
    out: list[list[Job]] = [[] for _ in range(workers)]
    for seat, policy in sorted(jobs, key=lambda j: -_cost(j[1])):  # stable: table order within a cost
        i = min(range(workers), key=lambda k: load[k])
        out[i].append((seat, policy))
        load[i] += _cost(policy)
    return out


def decide(game: Game, jobs: list[Job], deadline: float | None) -> dict[str, tuple[Order, ...]]:
    """Every job's orders on ``game``, one after another; a hard seat's time cap is its share
    of what is left before ``deadline`` (a `time.monotonic` instant; None: no cap)."""
    out: dict[str, tuple[Order, ...]] = {}
    for k, (seat, policy) in enumerate(jobs):
        if deadline is not None and isinstance(policy, PersonaBot) and _cost(policy) > 1:
            hard_left = sum(1 for _, p in jobs[k:] if _cost(p) > 1)
            share = max(0.0, deadline - time.monotonic()) / hard_left
            cap = policy.budget_s
            policy = copy.copy(policy)  # the caller's policy keeps its own cap
            policy.budget_s = share if cap is None else min(cap, share)
        out[seat] = tuple(policy.orders(game, seat).orders)
    return out


def _serve(conn: Connection) -> None:
    """A worker's loop: keep the rulesets it was sent, decide the seats it is given."""
    rulesets: dict[str, Ruleset] = {}
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        key, rs, state, jobs, deadline = msg
        if rs is not None:
            rulesets[key] = rs
        cpu = time.process_time()
        try:
            conn.send(("ok", decide(Game(rulesets[key], state), jobs, deadline), time.process_time() - cpu))
        except Exception as exc:  # handed back to the caller, which raises it
            conn.send(("error", exc, time.process_time() - cpu))


class _Failed(Exception):
    """A seat's decision raised in a worker: raised again in the caller as it was."""


class SeatPool:
    """``workers`` processes deciding AI seats' orders in parallel (see the module's text)."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self._procs: list[Any] = []
        self._conns: list[Connection] = []
        self._sent: list[set[str]] = []
        self.last_cpu = 0.0  # CPU seconds the workers spent on the last `decide` (for bench/ai.py)

    @property
    def started(self) -> bool:
        return bool(self._procs)

    def start(self) -> None:
        """Start the processes now (they import the game while the caller goes on)."""
        if self._procs:
            return
        ctx = mp.get_context("spawn")
        for _ in range(self.workers):
            mine, theirs = ctx.Pipe()
            p = ctx.Process(target=_serve, args=(theirs,), daemon=True, name="sumiwake-seats")
            p.start()
            theirs.close()
            self._procs.append(p)
            self._conns.append(mine)
            self._sent.append(set())

    def decide(self, game: Game, players: Mapping[str, Policy],
               deadline_s: float | None = None) -> dict[str, tuple[Order, ...]]:
        """Every seat of ``players`` decided on ``game`` (not changed), in the workers;
        ``deadline_s``: all hard seats done within about this many seconds from now."""
        deadline = None if deadline_s is None else time.monotonic() + deadline_s
        parts = split(list(players.items()), self.workers)
        if sum(1 for p in parts if p) < 2:  # one worker's worth: no need to cross a process
            return decide(game, [j for p in parts for j in p], deadline)
        try:
            out = self._in_workers(game, parts, deadline)
        except _Failed as failed:
            raise failed.args[0] from None
        except (OSError, EOFError, RuntimeError):  # a worker could not start or has gone: decide here
            self.close()
            out = decide(game, [j for p in parts for j in p], deadline)
        return {s: out[s] for s in players}  # in the caller's seat order

    def _in_workers(self, game: Game, parts: list[list[Job]], deadline: float | None) -> dict[str, tuple[Order, ...]]:
        self.start()
        state: GameState = game.state
        key = game.rs.content_hash
        busy = []
        for i, jobs in enumerate(parts):
            if not jobs:
                continue
            rs = None if key in self._sent[i] else game.rs
            self._conns[i].send((key, rs, state, jobs, deadline))
            self._sent[i].add(key)
            busy.append(i)
        out: dict[str, tuple[Order, ...]] = {}
        error: BaseException | None = None
        self.last_cpu = 0.0
        for i in busy:
            status, result, cpu = self._conns[i].recv()
            self.last_cpu += cpu
            if status == "ok":
                out.update(result)
            else:
                error = result
        if error is not None:
            raise _Failed(error)
        return out

    def close(self) -> None:
        for c in self._conns:
            try:
                c.send(None)
                c.close()
            except OSError:
                pass
        for p in self._procs:
            p.join(timeout=2)
            if p.is_alive():
                p.terminate()
        self._procs, self._conns, self._sent = [], [], []
