"""Helpers for the team-terminal tests: a served table and a socket that reads frames by type."""

from __future__ import annotations

import json
from typing import Any

from starlette.testclient import TestClient

from game.net.protocol import PROTOCOL_VERSION
from game.net.server import Access, create_app
from game.net.table import TableHost


class Served:
    """A test client for ``host``'s app; every socket opened through `connect` is closed on exit."""

    def __init__(self, host: TableHost, **kw: Any) -> None:
        self.client = TestClient(create_app(host, Access(hosts={"testserver"}), drive_clock=False, **kw))
        self.socks: list[Sock] = []

    def __enter__(self) -> "Served":
        self.client.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        for s in self.socks:
            close(s)
        self.client.__exit__(*exc)

    def get(self, *a: Any, **kw: Any) -> Any:
        return self.client.get(*a, **kw)


def served(host: TableHost, **kw: Any) -> Served:
    return Served(host, **kw)


class Sock:
    """A test socket: every frame received is kept in ``frames``."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.frames: list[dict[str, Any]] = []
        self.raw: list[str] = []

    def send(self, **msg: Any) -> None:
        self.ws.send_text(json.dumps(msg))

    def recv(self) -> dict[str, Any]:
        text = self.ws.receive_text()
        self.raw.append(text)
        frame = json.loads(text)
        self.frames.append(frame)
        return frame

    def until(self, kind: str, limit: int = 20, **match: Any) -> dict[str, Any]:
        for _ in range(limit):
            f = self.recv()
            if f["type"] == kind and all(f.get(k) == v for k, v in match.items()):
                return f
        raise AssertionError(f"no {kind} frame in {limit}: {[f['type'] for f in self.frames[-limit:]]}")

    def snapshot_where(self, pred: Any, limit: int = 40) -> dict[str, Any]:
        """The next snapshot whose data satisfies ``pred``."""
        for _ in range(limit):
            f = self.recv()
            if f["type"] == "snapshot" and pred(f["data"]):
                return f
        raise AssertionError(f"no such snapshot in {limit} frames")

    def hello(self, token: str, lang: str = "en") -> dict[str, Any]:
        self.send(type="hello", v=PROTOCOL_VERSION, token=token, lang=lang)
        welcome = self.until("welcome")
        self.snapshot = self.until("snapshot")
        return welcome

    def latest(self) -> dict[str, Any]:
        return next(f for f in reversed(self.frames) if f["type"] == "snapshot")


def connect(served: Served, token: str | None = None, lang: str = "en", **headers: str) -> Sock:
    ctx = served.client.websocket_connect("/ws", headers=dict(headers))
    s = Sock(ctx.__enter__())
    s.ctx = ctx  # type: ignore[attr-defined]
    served.socks.append(s)
    if token is not None:
        s.hello(token, lang)
    return s


def close(s: Sock) -> None:
    if getattr(s, "open", True):
        s.open = False  # type: ignore[attr-defined]
        try:
            s.ctx.__exit__(None, None, None)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a socket the server already closed
            pass
