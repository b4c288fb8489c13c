"""Where a table server listens and which names it answers to.

Loopback unless told otherwise; ``lan=True`` picks this machine's address on the network its
default route leaves by (found without sending a packet)."""

from __future__ import annotations

import socket
from typing import Any


def lan_address() -> str | None:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1, never routed: connect() on UDP only picks a route
        addr: str = s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()
    return None if addr.startswith("127.") else addr


def addresses(bind: str, lan: str | None) -> tuple[str, set[str]]:
    """The address teams use, and every Host name the server answers to."""
    hosts = {"127.0.0.1", "localhost", "::1"}
    shown = bind
    if bind in ("0.0.0.0", "::"):
        shown = lan or "127.0.0.1"
        name = socket.gethostname().lower()
        hosts |= {name, f"{name}.local"}
        if lan:
            hosts.add(lan)
    else:
        hosts.add(bind.lower())
    return shown, hosts


def listen_plan(host: str | None, lan: bool, port: int) -> dict[str, Any]:
    """bind, public (the address shown), hosts and port for ``--host``/``--lan``/``--port``."""
    bind = host or "127.0.0.1"
    found = None
    if lan and host is None:
        found = lan_address()
        if found is not None:
            bind = found
    shown, hosts = addresses(bind, found)
    return {"bind": bind, "public": shown, "hosts": hosts, "port": port, "lan_found": found is not None or not lan}
