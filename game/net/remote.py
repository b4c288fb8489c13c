"""A seat played from elsewhere (a browser, a program): one more `Policy`.

A `RemoteSeat` is a person's seat whose decisions arrive over the network; the table
host hands it what the team sent and asks it for the decision like any policy, so
a table can mix remote teams, AI seats, hot-seat and sheet entry.  It also keeps the
seat's presence: how many connections it has and when it was last heard from.
"""

from __future__ import annotations

from game.ai.policy import HumanSeat


class RemoteSeat(HumanSeat):
    name = "remote"

    def __init__(self) -> None:
        super().__init__()
        self.connected = 0
        self.last_seen: float | None = None  # wall-clock time of the last frame from the seat

    def seen(self, now: float) -> None:
        self.last_seen = now
