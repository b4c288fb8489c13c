"""The table server: a Starlette application on uvicorn, one WebSocket per client.

Pages (``/play``, ``/admin``, ``/projector``, ``/watch``) are Jinja2 templates with
autoescape on; their scripts and styles are static files of this package, served from
one folder they cannot escape; the bundled font is served from the package too.
Nothing is fetched from outside the server (a strict Content-Security-Policy says so
to the browser as well).

The socket (``/ws``): the client's first frame is ``hello`` with its token; every
frame after that is validated (`game.net.protocol.parse_client`), rate-limited and
size-limited; a bad or unauthorised frame gets an ``error`` frame and changes
nothing.  The Origin of a browser's socket must be this server (or one allowed with
``--origin``), and the Host must be one of the server's own addresses (no DNS rebinding).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.content.paths import assets_dir

from .messages import page_texts, t
from .protocol import (
    PROTOCOL_VERSION,
    Admin,
    AnswerProposal,
    Check,
    Choose,
    Hello,
    Ping,
    Propose,
    ProtocolError,
    SetLang,
    Submit,
    parse_client,
)
from .table import Refused, TableHost, _orders
from .tokens import ADMIN, SPECTATOR
from .views import admin_snapshot, check_draft, public_snapshot, seat_snapshot

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
HELLO_TIMEOUT = 10.0
RATE = 10.0  # frames per second a client may send, on average
BURST = 30.0  # and in one burst
OUTBOX_LIMIT = 64  # frames waiting for a slow client before it is dropped
CLOCK_EVERY = 5.0  # seconds between clock frames
COALESCE = 0.003  # seconds a broadcast waits for more requests of the same burst
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
PAGES = {"play": "team", "admin": "admin", "projector": "projector", "watch": "watch"}


def _font_path(weight: str) -> Path:
    return assets_dir() / "fonts" / f"NotoSansCJKjp-Sumiwake-{weight}.otf"


class Bucket:
    """A token bucket: `take` is False when the client sends faster than allowed."""

    def __init__(self, rate: float = RATE, burst: float = BURST, clock: Any = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self.level = burst
        self.at = clock()

    def take(self) -> bool:
        now = self.clock()
        self.level = min(self.burst, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level >= 1.0:
            self.level -= 1.0
            return True
        return False


@dataclass(eq=False)
class Connection:
    ws: WebSocket
    role: str = ""  # seat, admin, spectator
    seat: str | None = None
    token: str = ""
    lang: str = "en"
    outbox: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    sent_rev: int = -1
    bucket: Bucket = field(default_factory=Bucket)
    closed: bool = False

    def send(self, frame: dict[str, Any]) -> None:
        self.send_text(json.dumps(frame, ensure_ascii=False, separators=(",", ":")))

    def send_text(self, text: str) -> None:
        if self.closed:
            return
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            self.closed = True
            self.outbox.put_nowait(None)  # the writer closes a client that does not keep up
            return
        self.outbox.put_nowait(text)


class Hub:
    """Every open connection of one table, and what each was last sent."""

    def __init__(self, host: TableHost, drive_clock: bool = True) -> None:
        self.host = host
        self.drive_clock = drive_clock
        self.conns: set[Connection] = set()
        self.rev = 0
        self._fp: tuple[Any, ...] | None = None
        self._last_clock = 0.0
        self._pending: asyncio.TimerHandle | None = None

    # ------------------------------------------------------------ snapshots

    def _snapshot(self, c: Connection, cache: dict[tuple[str, str | None, str], str]) -> str:
        """The connection's snapshot frame, as text: built and serialised once per role, seat and
        language for each change (fifty spectators share one)."""
        key = (c.role, c.seat, c.lang)
        if key not in cache:
            h = self.host
            if c.role == "seat" and c.seat is not None:
                data = seat_snapshot(h, c.seat, c.lang)
            elif c.role == "admin":
                data = admin_snapshot(h, c.lang)
                data["links"] = self.links_for_admin()
            else:
                data = public_snapshot(h, c.lang)
            cache[key] = json.dumps({"type": "snapshot", "v": PROTOCOL_VERSION, "rev": self.rev, "data": data},
                                    ensure_ascii=False, separators=(",", ":"))
        return cache[key]

    def links_for_admin(self) -> dict[str, str]:
        tk = self.host.tokens
        return {"seats": dict(tk.seats), "spectator": tk.spectator}  # type: ignore[dict-item]

    def broadcast(self, force: bool = False, only: Iterable[Connection] | None = None) -> None:
        """Send a fresh snapshot to every connection if anything changed; and to each of ``only``
        (a new connection, a change of language) whatever it holds."""
        with self.host.lock:
            while self.host.to_revoke:  # a reissued link: its open sockets are told and closed
                self.revoke(self.host.to_revoke.pop(0))
            fp = self.host.fingerprint()
            if fp != self._fp or force:
                self._fp = fp
                self.rev += 1
            cache: dict[tuple[str, str | None, str], str] = {}
            extra = set(only or ())
            for c in list(self.conns | extra):
                if c.role and (c.sent_rev != self.rev or c in extra):
                    c.sent_rev = self.rev
                    c.send_text(self._snapshot(c, cache))

    def soon(self) -> None:
        """A broadcast in a moment: a burst of requests (twelve teams submitting) is answered at
        once and followed by one round of snapshots, not one per request."""
        if self._pending is None:
            loop = asyncio.get_running_loop()
            self._pending = loop.call_later(COALESCE, self._flush)

    def _flush(self) -> None:
        self._pending = None
        self.broadcast()

    def clock_frames(self) -> None:
        with self.host.lock:
            frame = {"type": "clock", **self.host.clock_state(), "phase": self.host.ws.game.phase,
                     "round": self.host.ws.game.round}
        for c in list(self.conns):
            if c.role:
                c.send(frame)

    async def ticker(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            try:
                if self.drive_clock:
                    self.host.tick()
                self.broadcast()
                now = time.monotonic()
                if now - self._last_clock >= CLOCK_EVERY:
                    self._last_clock = now
                    self.clock_frames()
            except Exception:  # noqa: BLE001 - the ticker must outlive any one bad turn
                await asyncio.sleep(1.0)

    # ------------------------------------------------------------ presence

    def _presence(self) -> None:
        counts: dict[str, int] = {}
        for c in self.conns:
            if c.role == "seat" and c.seat:
                counts[c.seat] = counts.get(c.seat, 0) + 1
        for s, r in self.host.remote.items():
            r.connected = counts.get(s, 0)

    def join(self, c: Connection) -> None:
        self.conns.add(c)
        with self.host.lock:
            self._presence()

    def leave(self, c: Connection) -> None:
        self.conns.discard(c)
        with self.host.lock:
            self._presence()

    def revoke(self, seat: str) -> None:
        for c in list(self.conns):
            if c.role == "seat" and c.seat == seat:
                c.send({"type": "revoked", "message": t("revoked", c.lang)})
                c.role, c.seat = "", None
                c.closed = True
                c.outbox.put_nowait(None)
        with self.host.lock:
            self._presence()

    # ------------------------------------------------------------ one frame

    def handle(self, c: Connection, text: str) -> None:
        """One frame from a connection that has said hello."""
        if not c.bucket.take():
            c.send(_error(None, "rate_limited", t("err.rate_limited", c.lang)))
            return
        try:
            msg = parse_client(text)
        except ProtocolError as exc:
            c.send(_error(None, exc.code, t(f"err.{exc.code}", c.lang, detail=exc.detail)))
            return
        host = self.host
        if c.seat is not None:
            with host.lock:
                live = hmac.compare_digest(c.token.encode(), host.tokens.seats.get(c.seat, "").encode())
            if not live:  # reissued a moment ago: the revocation is on its way
                c.send(_error(None, "bad_token", t("err.bad_token", c.lang)))
                return
            host.remote[c.seat].seen(host.wall())
        try:
            if isinstance(msg, Ping):
                c.send({"type": "pong", "id": msg.id, "t": time.time()})
            elif isinstance(msg, Hello):
                c.send(_error(msg.id, "again", t("err.again", c.lang)))
            elif isinstance(msg, SetLang):
                c.lang = msg.lang
                c.send(_welcome(c))
                self.broadcast(only=[c])
            elif isinstance(msg, Admin):
                if c.role != "admin":
                    raise Refused("not_allowed", t("err.not_allowed", c.lang))
                host.admin(msg, c.lang)
                c.send({"type": "ok", "id": msg.id, "of": msg.action})
            elif c.role != "seat" or c.seat is None:
                raise Refused("not_allowed", t("err.not_allowed", c.lang))
            elif isinstance(msg, Check):
                with host.lock:
                    g = host.ws.game
                    if g.phase != "orders" or g.is_over:
                        raise Refused("wrong_phase", t("err.wrong_phase", c.lang, phase=t(f"phase.{g.phase}", c.lang)))
                    try:
                        orders = _orders(list(msg.orders))
                    except ValueError as exc:
                        raise Refused("bad_order", str(exc)[:160]) from None
                    c.send({"type": "checked", "id": msg.id, **check_draft(g, c.seat, orders, c.lang)})
            elif isinstance(msg, Submit):
                host.submit(c.seat, msg, c.lang)
                c.send({"type": "ok", "id": msg.id, "of": "submit"})
            elif isinstance(msg, Propose):
                host.propose(c.seat, msg, c.lang)
                c.send({"type": "ok", "id": msg.id, "of": "propose"})
            elif isinstance(msg, AnswerProposal):
                host.answer(c.seat, msg, c.lang)
                c.send({"type": "ok", "id": msg.id, "of": "answer"})
            elif isinstance(msg, Choose):
                host.choose(c.seat, msg, c.lang)
                c.send({"type": "ok", "id": msg.id, "of": "choose"})
        except Refused as exc:
            c.send(_error(getattr(msg, "id", None), exc.code, exc.message))
            return
        self.soon()


def _error(rid: int | None, code: str, message: str) -> dict[str, Any]:
    return {"type": "error", "id": rid, "code": code, "message": message}


def _welcome(c: Connection) -> dict[str, Any]:
    return {"type": "welcome", "v": PROTOCOL_VERSION, "role": c.role, "seat": c.seat, "lang": c.lang,
            "texts": page_texts(c.lang)}


# ------------------------------------------------------------------ origin and host checks


def _host_only(netloc: str) -> str:
    h = netloc.strip().lower()
    if h.startswith("["):
        return h[1:h.index("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


@dataclass
class Access:
    """Which Host headers and browser Origins the server accepts.  ``hosts`` None: any host."""

    hosts: set[str] | None = None
    origins: set[str] = field(default_factory=set)

    def host_ok(self, host_header: str | None) -> bool:
        if self.hosts is None:
            return True
        return bool(host_header) and _host_only(host_header or "") in self.hosts

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        if origin is None:
            return True  # not a browser (a program with its token); browsers always send Origin
        o = origin.strip().lower()
        if o in self.origins:
            return True
        parts = urlsplit(o)
        return parts.scheme in ("http", "https") and bool(host_header) and parts.netloc == (host_header or "").lower()


# ------------------------------------------------------------------ the application


def create_app(host: TableHost, access: Access | None = None, drive_clock: bool = True) -> Starlette:
    hub = Hub(host, drive_clock=drive_clock)
    acc = access or Access()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))

    def guard(request: Request) -> Response | None:
        if not acc.host_ok(request.headers.get("host")):
            return Response("unknown host", status_code=421)
        return None

    def page(name: str):  # noqa: ANN202 - a route endpoint
        async def endpoint(request: Request) -> Response:
            bad = guard(request)
            if bad is not None:
                return bad
            lang = request.query_params.get("lang", "en")
            lang = lang if lang in ("en", "ja") else "en"
            texts = {lg: page_texts(lg) for lg in ("en", "ja")}
            html = env.get_template("page.html.j2").render(
                page=name, lang=lang, title=texts[lang]["page.title"],
                texts_json=json.dumps(texts, ensure_ascii=False), version=PROTOCOL_VERSION)
            return HTMLResponse(html, headers=HEADERS)
        return endpoint

    async def index(request: Request) -> Response:
        bad = guard(request)
        if bad is not None:
            return bad
        return await page("team")(request)

    async def font(request: Request) -> Response:
        weight = {"regular": "Regular", "bold": "Bold"}.get(request.path_params["weight"])
        if weight is None or not _font_path(weight).is_file():
            return Response("not found", status_code=404)
        return FileResponse(_font_path(weight), media_type="font/otf",
                            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})

    async def health(request: Request) -> Response:
        with host.lock:
            g = host.ws.game
            return JSONResponse({"ok": True, "v": PROTOCOL_VERSION, "round": g.round, "phase": g.phase,
                                 "clients": len(hub.conns)})

    async def socket(ws: WebSocket) -> None:
        if not acc.host_ok(ws.headers.get("host")) or not acc.origin_ok(ws.headers.get("origin"), ws.headers.get("host")):
            await ws.close(code=1008)
            return
        await ws.accept()
        c = Connection(ws)
        writer = asyncio.create_task(_writer(c))
        try:
            if await _hello(hub, c):
                hub.join(c)
                c.send(_welcome(c))
                hub.broadcast(only=[c])
                while not c.closed:
                    text = await ws.receive_text()
                    hub.handle(c, text)
        except (WebSocketDisconnect, RuntimeError, KeyError):
            pass
        finally:
            c.closed = True
            hub.leave(c)
            c.outbox.put_nowait(None)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer, 2.0)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(hub.ticker())
        try:
            yield
        finally:
            task.cancel()
            with host.lock:
                host.ws.autosave()

    routes = [
        Route("/", index),
        *(Route(f"/{path}", page(name)) for path, name in PAGES.items()),
        Route("/fonts/{weight}.otf", font),
        Route("/healthz", health),
        WebSocketRoute("/ws", socket),
        Mount("/static", app=StaticFiles(directory=str(STATIC), follow_symlink=False), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.hub = hub
    app.state.host = host
    return app


async def _hello(hub: Hub, c: Connection) -> bool:
    """The first frame must be a hello with a live token; then the connection has its role."""
    try:
        text = await asyncio.wait_for(c.ws.receive_text(), HELLO_TIMEOUT)
    except asyncio.TimeoutError:
        await c.ws.close(code=1008)
        return False
    try:
        msg = parse_client(text)
    except ProtocolError as exc:
        c.send(_error(None, exc.code, t(f"err.{exc.code}", "en", detail=exc.detail)))
        c.send(_error(None, "hello_first", t("err.hello_first", "en")))
        return False
    if not isinstance(msg, Hello):
        c.send(_error(getattr(msg, "id", None), "hello_first", t("err.hello_first", "en")))
        return False
    lang = msg.lang or "en"
    if msg.v != PROTOCOL_VERSION:
        c.send(_error(msg.id, "version", t("err.version", lang, found=msg.v, want=PROTOCOL_VERSION)))
        return False
    with hub.host.lock:
        who = hub.host.tokens.who(msg.token)
    if who is None:
        c.send(_error(msg.id, "bad_token", t("err.bad_token", lang)))
        return False
    c.lang = lang
    if who == ADMIN:
        c.role = "admin"
    elif who == SPECTATOR:
        c.role = "spectator"
    else:
        c.role, c.seat, c.token = "seat", who, msg.token
        hub.host.remote[who].seen(hub.host.wall())
    return True


async def _writer(c: Connection) -> None:
    """Send a connection's frames in order; None closes it."""
    while True:
        frame = await c.outbox.get()
        if frame is None:
            # drain what is queued before the close (a revocation's reason, the last error)
            while not c.outbox.empty():
                rest = c.outbox.get_nowait()
                if rest is not None:
                    with contextlib.suppress(Exception):
                        await c.ws.send_text(rest)
            with contextlib.suppress(Exception):
                await c.ws.close(code=4003 if not c.role else 1000)
            return
        try:
            await c.ws.send_text(frame)
        except Exception:  # noqa: BLE001 - a gone client
            c.closed = True
            return


# ------------------------------------------------------------------ a server in a thread (desktop console, tests, bench)


class ServerThread:
    """The table's server on a background thread (the desktop console keeps the main thread).

    ``start()`` binds (``port=0``: a free one), listens, and returns once the server accepts
    connections; ``stop()`` ends it.  ``url`` is the base address (``https`` with ``certfile``
    and ``keyfile``: pages over TLS, sockets over ``wss``)."""

    def __init__(self, host: TableHost, bind: str = "127.0.0.1", port: int = 0, access: Access | None = None,
                 drive_clock: bool = True, public: str | None = None, certfile: Path | None = None,
                 keyfile: Path | None = None) -> None:
        import socket
        import threading

        import uvicorn

        from .protocol import MAX_FRAME_BYTES

        self.sock = socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((bind, port))
        self.sock.listen(256)
        self.port = self.sock.getsockname()[1]
        shown = public or bind
        tls = certfile is not None and keyfile is not None
        self.url = f"{'https' if tls else 'http'}://{shown}:{self.port}"
        self.app = create_app(host, access, drive_clock=drive_clock)
        config = uvicorn.Config(self.app, log_level="warning", ws_max_size=4 * MAX_FRAME_BYTES,
                                ws_per_message_deflate=False, proxy_headers=False, access_log=False,
                                lifespan="on", ssl_certfile=str(certfile) if tls else None,
                                ssl_keyfile=str(keyfile) if tls else None)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._run, name="sumiwake-table-server", daemon=True)

    def _run(self) -> None:
        self.server.run(sockets=[self.sock])

    def start(self, timeout: float = 30.0) -> "ServerThread":
        self.thread.start()
        end = time.monotonic() + timeout
        while not self.server.started and self.thread.is_alive() and time.monotonic() < end:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        with contextlib.suppress(OSError):
            self.sock.close()
