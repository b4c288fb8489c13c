"""A small Python client of the table server: join with a token, read snapshots, act.

    from game.net.client import TableClient

    with TableClient.connect("ws://127.0.0.1:8765/ws", token) as c:
        snap = c.snapshot                  # what the seat may see (the server's last snapshot)
        c.submit([{"kind": "fund_defence", "amount": 2}])
        c.wait(lambda d: d["table"]["round"] == 2)

`join_link_parts` turns a join link (``http://host:port/play#t=TOKEN``) into the socket
address and the token.  A `RemoteBot` plays a seat with any `game.ai.policy.Policy`
on a local copy of what it is sent... it asks the server for nothing it may not see:
it decides from the seat view in its snapshots through a policy that reads views.
"""

from __future__ import annotations

import inspect
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from websockets.sync.client import ClientConnection, connect

from .protocol import PROTOCOL_VERSION

if TYPE_CHECKING:
    from ssl import SSLContext


class ServerRefused(Exception):
    """An error frame from the server, in answer to a request."""

    def __init__(self, frame: dict[str, Any]) -> None:
        super().__init__(f"{frame.get('code')}: {frame.get('message')}")
        self.code = str(frame.get("code"))
        self.frame = frame


def join_link_parts(link: str) -> tuple[str, str]:
    """(socket url, token) of a join link."""
    parts = urlsplit(link)
    token = dict(p.split("=", 1) for p in parts.fragment.split("&") if "=" in p).get("t", "")
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}/ws", token


class TableClient:
    def __init__(self, conn: ClientConnection) -> None:
        self.conn = conn
        self.welcome: dict[str, Any] = {}
        self.snapshot: dict[str, Any] = {}
        self.frames: list[str] = []  # every frame received, as sent (for tests that search them)
        self._next = 1
        self.revoked: str | None = None

    @classmethod
    def connect(cls, url: str, token: str, lang: str = "en", timeout: float = 10.0,
                origin: str | None = None, ssl: "SSLContext | None" = None) -> "TableClient":
        """Join the table at ``url`` (``ws://`` or ``wss://``; ``ssl``: the context that trusts a
        ``wss`` server's certificate, e.g. a self-signed one, else the system's)."""
        kw: dict[str, Any] = {"open_timeout": timeout, "max_size": 8 * 1024 * 1024}
        if ssl is not None:
            kw["ssl"] = ssl
        params = inspect.signature(connect).parameters
        if "proxy" in params:
            kw["proxy"] = None  # a table on the room's network is reached directly, never through a proxy
        if "legacy" in params:
            kw["legacy"] = True  # (websockets 17) a connection kept open across calls, not a `with` block
        if origin is not None:
            kw["origin"] = origin
        c = cls(connect(url, **kw))
        c._send({"type": "hello", "v": PROTOCOL_VERSION, "token": token, "lang": lang})
        first = c._recv(timeout)
        if first.get("type") == "error":
            c.close()
            raise ServerRefused(first)
        c.welcome = first
        c.wait(lambda d: bool(d), timeout)
        return c

    def __enter__(self) -> "TableClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - already gone
            pass

    # ------------------------------------------------------------ frames

    def _send(self, msg: dict[str, Any]) -> None:
        self.conn.send(json.dumps(msg))

    def _recv(self, timeout: float | None) -> dict[str, Any]:
        text = self.conn.recv(timeout=timeout)
        s = text if isinstance(text, str) else text.decode("utf-8")
        self.frames.append(s)
        frame: dict[str, Any] = json.loads(s)
        if frame.get("type") == "snapshot":
            self.snapshot = frame["data"]
        elif frame.get("type") == "revoked":
            self.revoked = frame.get("message", "")
        return frame

    def poll(self, timeout: float = 0.0) -> dict[str, Any] | None:
        """One frame if one arrives within ``timeout``, else None."""
        try:
            return self._recv(timeout)
        except TimeoutError:
            return None

    def wait(self, pred: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict[str, Any]:
        """The last snapshot if it satisfies ``pred``, else read frames until one does; its data."""
        if self.snapshot and pred(self.snapshot):
            return self.snapshot
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching snapshot")
            f = self._recv(left)
            if f.get("type") == "snapshot" and pred(f["data"]):
                return self.snapshot

    def request(self, msg: dict[str, Any], timeout: float = 10.0) -> dict[str, Any]:
        """Send a request and return its answer (``ok`` or ``checked``); `ServerRefused` on an error."""
        rid = self._next
        self._next += 1
        self._send({**msg, "id": rid})
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no answer to {msg.get('type')}")
            f = self._recv(left)
            if f.get("id") == rid and f.get("type") in ("ok", "checked", "pong"):
                return f
            if f.get("id") == rid and f.get("type") == "error":
                raise ServerRefused(f)

    # ------------------------------------------------------------ a seat's actions

    def check(self, orders: list[dict[str, Any]]) -> dict[str, Any]:
        return self.request({"type": "check", "orders": orders})

    def submit(self, orders: list[dict[str, Any]]) -> dict[str, Any]:
        return self.request({"type": "submit", "orders": orders})

    def propose(self, kind: str, members: list[str], duration: int | None = None) -> dict[str, Any]:
        msg: dict[str, Any] = {"type": "propose", "kind": kind, "members": members}
        if duration is not None:
            msg["duration"] = duration
        return self.request(msg)

    def answer(self, proposal: str, accept: bool) -> dict[str, Any]:
        return self.request({"type": "answer", "proposal": proposal, "accept": accept})

    def choose(self, option: str) -> dict[str, Any]:
        """The seat's answer to this round's event choice (``snapshot["choice"]`` lists the options)."""
        return self.request({"type": "choose", "option": option})

    def admin(self, action: str, **kw: Any) -> dict[str, Any]:
        return self.request({"type": "admin", "action": action, **kw})

    def ping(self) -> dict[str, Any]:
        return self.request({"type": "ping"})


def bot_orders(snapshot: dict[str, Any], pick: Callable[[int], int]) -> list[dict[str, Any]]:
    """A simple remote bot's orders from the seat's snapshot alone: options from its own order
    sheet, taken while they fit the budget.  ``pick(n)`` chooses among n (a seeded chance)."""
    sheet = snapshot.get("sheet") or {}
    left = int(sheet.get("budget", 0))
    out: list[dict[str, Any]] = []
    kinds = list(sheet.get("kinds", []))
    seen: set[str] = set()
    for _ in range(3):
        if not kinds:
            break
        k = kinds[pick(len(kinds))]
        if k["kind"] in seen:
            continue
        fits = [o for o in k["options"] if o["cost"] <= left]
        if not fits:
            continue
        o = fits[pick(len(fits))]
        out.append(o["order"])
        seen.add(k["kind"])
        left -= o["cost"]
    return out
