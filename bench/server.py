"""Team-terminal server benchmarks, on loopback only, bounded in count and time.

1. One table (g7-2026, 12 seats played by remote bots) and 50 spectators: from the
   facilitator's "resolve" to every client holding the year's report (p50, p95, max).
2. One server process hosting many tables (default 100) of 12 bot-played remote seats
   each: the latency of a seat's message (submit -> its answer), p50/p95, and the server's
   memory per table (resident set before and after the tables are made, and at the end).

The server runs in a child process (uvicorn, the same app as `sumiwake serve`; several
tables are mounted under /t/<i>/ of one app); the clients run here on asyncio (the
package's protocol over `websockets`).  Prints figures; asserts nothing.

Run: python bench/server.py [--rounds 3] [--spectators 50] [--tables 100] [--table-rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import statistics
import time
from typing import Any

SCENARIO = "g7-2026"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


# ------------------------------------------------------------------ the server process


def serve(n_tables: int, seed: int, q: Any) -> None:
    import socket

    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Mount, Route

    from game.net.protocol import MAX_FRAME_BYTES
    from game.net.server import Access, create_app
    from game.net.table import TableHost

    base_rss = rss_mb()
    hosts = [TableHost.new(SCENARIO, seed + i, {}, durations={"event": 3600, "negotiation": 3600, "orders": 3600})
             for i in range(n_tables)]
    apps = [create_app(h, Access(hosts=None), drive_clock=False) for h in hosts]
    made_rss = rss_mb()

    async def rss(request: Any) -> JSONResponse:
        return JSONResponse({"rss_mb": rss_mb()})

    root = Starlette(routes=[Route("/rss", rss), *(Mount(f"/t/{i}", app=a) for i, a in enumerate(apps))])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)
    tokens = [{"admin": h.tokens.admin, "spectator": h.tokens.spectator, "seats": list(h.tokens.seats.values())}
              for h in hosts]
    q.put({"port": sock.getsockname()[1], "tokens": tokens, "base_rss": base_rss, "made_rss": made_rss})
    config = uvicorn.Config(root, log_level="error", ws_max_size=4 * MAX_FRAME_BYTES, ws_per_message_deflate=False,
                            access_log=False, lifespan="off", ws_ping_interval=None, backlog=4096)
    uvicorn.Server(config).run(sockets=[sock])


# ------------------------------------------------------------------ clients


class Client:
    """One socket: the latest snapshot, answers by request id, and when each round's report came."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.snapshot: dict[str, Any] = {}
        self.answers: dict[int, tuple[float, dict[str, Any]]] = {}
        self.report_at: dict[int, float] = {}
        self.changed = asyncio.Event()
        self.next_id = 1
        self.task = asyncio.create_task(self.read())

    @classmethod
    async def join(cls, url: str, token: str) -> "Client":
        from websockets.asyncio.client import connect

        from game.net.protocol import PROTOCOL_VERSION

        conn = await connect(url, max_size=8 * 1024 * 1024, compression=None, ping_interval=None,
                             open_timeout=60, proxy=None)
        await conn.send(json.dumps({"type": "hello", "v": PROTOCOL_VERSION, "token": token}))
        c = cls(conn)
        await c.until(lambda d: bool(d))
        return c

    async def read(self) -> None:
        try:
            async for text in self.conn:
                now = time.perf_counter()
                f = json.loads(text)
                if f["type"] == "snapshot":
                    self.snapshot = f["data"]
                    rep = f["data"].get("report")
                    if rep and rep["round"] not in self.report_at:
                        self.report_at[rep["round"]] = now
                elif f.get("id") is not None:
                    self.answers[f["id"]] = (now, f)
                self.changed.set()
        except Exception:  # noqa: BLE001 - the bench's end closes every socket
            pass

    async def until(self, pred: Any, timeout: float = 120.0) -> None:
        end = time.perf_counter() + timeout
        while not pred(self.snapshot):
            self.changed.clear()
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no matching snapshot")
            await asyncio.wait_for(self.changed.wait(), left)

    async def request(self, msg: dict[str, Any], timeout: float = 120.0) -> float:
        """Send; the seconds until its answer."""
        rid = self.next_id
        self.next_id += 1
        t0 = time.perf_counter()
        await self.conn.send(json.dumps({**msg, "id": rid}))
        end = t0 + timeout
        while rid not in self.answers:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), max(0.001, end - time.perf_counter()))
        return self.answers[rid][0] - t0

    async def close(self) -> None:
        await self.conn.close()
        self.task.cancel()


async def play_table(url: str, tk: dict[str, Any], rounds: int, spectators: int, seed: int,
                     submit_lat: list[float], report_lat: list[float], server_pid: int | None = None,
                     server_cpu: list[float] | None = None) -> None:
    from game.net.client import bot_orders

    rng = random.Random(seed)
    admin = await Client.join(url, tk["admin"])
    seats = [await Client.join(url, t) for t in tk["seats"]]
    specs = [await Client.join(url, tk["spectator"]) for _ in range(spectators)]
    everyone = [admin, *seats, *specs]
    for _ in range(rounds):
        rnd = admin.snapshot["table"]["round"]
        await admin.request({"type": "admin", "action": "end_phase"})
        await admin.request({"type": "admin", "action": "end_phase"})
        await asyncio.gather(*(s.until(lambda d, r=rnd: d["sheet"]["open"] and d["table"]["round"] == r) for s in seats))
        lat = await asyncio.gather(*(s.request({"type": "submit", "orders": bot_orders(s.snapshot, rng.randrange)})
                                     for s in seats))
        submit_lat.extend(lat)
        await asyncio.sleep(0.2)  # the submissions' snapshots are out
        cpu0 = cpu_seconds(server_pid) if server_pid else 0.0
        t0 = time.perf_counter()
        await admin.request({"type": "admin", "action": "end_phase"})
        await asyncio.gather(*(c.until(lambda d, r=rnd: bool(d.get("report")) and d["report"]["round"] == r)
                               for c in everyone))
        report_lat.extend(c.report_at[rnd] - t0 for c in everyone)
        if server_pid and server_cpu is not None:
            server_cpu.append(cpu_seconds(server_pid) - cpu0)
    await asyncio.gather(*(c.close() for c in everyone))


def pcts(xs: list[float]) -> str:
    s = sorted(xs)
    if not s:
        return "no samples"
    p95 = s[min(len(s) - 1, int(0.95 * len(s)))]
    return (f"p50 {statistics.median(s) * 1e3:8.1f} ms   p95 {p95 * 1e3:8.1f} ms   max {s[-1] * 1e3:8.1f} ms"
            f"   (n={len(s)})")


def start_server(n_tables: int, seed: int) -> tuple[mp.Process, dict[str, Any]]:
    q: Any = mp.get_context("spawn").Queue()
    proc = mp.get_context("spawn").Process(target=serve, args=(n_tables, seed, q), daemon=True)
    proc.start()
    info = q.get(timeout=600)
    return proc, info


async def one_table(args: argparse.Namespace) -> None:
    proc, info = start_server(1, args.seed)
    try:
        url = f"ws://127.0.0.1:{info['port']}/t/0/ws"
        submit_lat: list[float] = []
        report_lat: list[float] = []
        server_cpu: list[float] = []
        t = time.perf_counter()
        await play_table(url, info["tokens"][0], args.rounds, args.spectators, args.seed, submit_lat, report_lat,
                         proc.pid, server_cpu)
        print(f"one table ({SCENARIO}, 12 remote seats + {args.spectators} spectators + the facilitator, "
              f"{args.rounds} rounds, {time.perf_counter() - t:.1f} s)")
        print(f"  resolve -> every client holds the report:  {pcts(report_lat)}")
        print(f"  a seat's submit -> its answer:             {pcts(submit_lat)}")
        print(f"  server CPU per resolve (resolution + every client's snapshot): {pcts(server_cpu)}")
        print(f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    finally:
        proc.terminate()
        proc.join(10)


async def many_tables(args: argparse.Namespace) -> None:
    import urllib.request

    t = time.perf_counter()
    proc, info = start_server(args.tables, args.seed)
    made = time.perf_counter() - t
    try:
        base = f"http://127.0.0.1:{info['port']}"
        submit_lat: list[float] = []
        report_lat: list[float] = []
        t = time.perf_counter()
        sem = asyncio.Semaphore(args.concurrent)

        async def run(i: int) -> None:
            async with sem:
                await play_table(f"ws://127.0.0.1:{info['port']}/t/{i}/ws", info["tokens"][i], args.table_rounds, 0,
                                 args.seed + i, submit_lat, report_lat)

        await asyncio.gather(*(run(i) for i in range(args.tables)))
        spent = time.perf_counter() - t
        end_rss = json.loads(urllib.request.urlopen(base + "/rss", timeout=30).read())["rss_mb"]
        n = args.tables
        print(f"{n} tables x 12 bot-played remote seats in one server process "
              f"({args.table_rounds} round(s) each, {args.concurrent} tables at once, {spent:.1f} s; tables made in {made:.1f} s)")
        print(f"  a seat's submit -> its answer:             {pcts(submit_lat)}")
        print(f"  resolve -> every client holds the report:  {pcts(report_lat)}")
        per = (info["made_rss"] - info["base_rss"]) / n
        print(f"  memory: {info['base_rss']:.0f} MB before the tables, {info['made_rss']:.0f} MB with them "
              f"({per:.2f} MB per table), {end_rss:.0f} MB after playing ({(end_rss - info['base_rss']) / n:.2f} MB per table)")
        print(f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    finally:
        proc.terminate()
        proc.join(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3, help="rounds of the one-table run")
    ap.add_argument("--spectators", type=int, default=50)
    ap.add_argument("--tables", type=int, default=100)
    ap.add_argument("--table-rounds", type=int, default=1, help="rounds each of the many tables plays")
    ap.add_argument("--concurrent", type=int, default=100, help="tables playing at the same time")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    asyncio.run(one_table(args))
    asyncio.run(many_tables(args))


if __name__ == "__main__":
    main()
