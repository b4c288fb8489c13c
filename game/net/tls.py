"""TLS for a remote session: the certificate and key a table server serves ``https``/``wss`` with.

`check_pair` loads them into a throwaway context first, so a wrong path, a key that does not
match the certificate or a file that is not PEM is one clear sentence before the server starts
(uvicorn then builds its own context from the same files)."""

from __future__ import annotations

import errno
import ssl
from pathlib import Path

from game.i18n import os_error


class TlsError(ValueError):
    """A certificate or key the server cannot use: the file and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def check_pair(certfile: Path, keyfile: Path) -> None:
    for p in (certfile, keyfile):
        if not p.is_file():
            raise TlsError(p, os_error(FileNotFoundError(errno.ENOENT, "no such file")))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        ctx.load_cert_chain(str(certfile), str(keyfile))
    except ssl.SSLError as exc:
        raise TlsError(certfile, str(exc.reason or exc).lower().replace("_", " ")) from None
    except OSError as exc:
        raise TlsError(certfile, os_error(exc)) from None


def scheme(tls: bool) -> str:
    """The pages' scheme (their sockets follow: ``ws`` or ``wss``)."""
    return "https" if tls else "http"
