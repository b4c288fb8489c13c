"""Seat, admin and spectator tokens.

A token is 192 random bits (`secrets.token_urlsafe(24)`), far beyond guessing.  A
token is looked up by comparing it with every live token in constant time
(`hmac.compare_digest`), so how long a refusal takes says nothing about how close a
guess came.  Reissuing a seat's token replaces it at once: the old one matches nothing.

The tokens of a table live beside its autosave (``<autosave>.tokens.json``, written
atomically, readable by its owner only), so a server restarted from the autosave
gives every team the same link.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import SaveError
from game.session.storage import read_json, write_atomic

TOKEN_BYTES = 24  # 192 bits
TOKENS_FORMAT = "sumiwake-tokens"
ADMIN = "admin"
SPECTATOR = "spectator"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass
class TokenStore:
    """Who each token is: a seat id, ``admin`` or ``spectator``."""

    seats: dict[str, str] = field(default_factory=dict)  # seat -> token
    admin: str = field(default_factory=new_token)
    spectator: str = field(default_factory=new_token)

    @classmethod
    def for_seats(cls, seats: list[str] | tuple[str, ...]) -> "TokenStore":
        return cls(seats={s: new_token() for s in seats})

    def who(self, token: str) -> str | None:
        """The holder of ``token`` (a seat id, ``admin``, ``spectator``), or None.  Every live
        token is compared, each in constant time, whatever matches first."""
        found: str | None = None
        probe = token.encode("utf-8", "replace")
        for holder, live in ((ADMIN, self.admin), (SPECTATOR, self.spectator), *self.seats.items()):
            if hmac.compare_digest(probe, live.encode("ascii")) and found is None:
                found = holder
        return found

    def reissue(self, seat: str) -> str:
        if seat not in self.seats:
            raise KeyError(seat)
        self.seats[seat] = new_token()
        return self.seats[seat]

    # ------------------------------------------------------------ persistence

    def to_dict(self) -> dict[str, Any]:
        return {"format": TOKENS_FORMAT, "format_version": 1, "admin": self.admin,
                "spectator": self.spectator, "seats": dict(self.seats)}

    def save(self, path: Path, extra: dict[str, Any] | None = None) -> None:
        write_atomic(path, json.dumps({**self.to_dict(), **(extra or {})}, indent=1))
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass

    @classmethod
    def load(cls, path: Path, seats: list[str] | tuple[str, ...]) -> "TokenStore":
        """The tokens saved for a table; `SaveError` naming the file if they are not well formed.
        A seat the file lacks gets a new token."""
        d = read_json(path)
        ok = (isinstance(d, dict) and d.get("format") == TOKENS_FORMAT and isinstance(d.get("seats"), dict)
              and all(_token_ok(d.get(k)) for k in ("admin", "spectator"))
              and all(isinstance(k, str) and _token_ok(v) for k, v in d["seats"].items()))
        if not ok:
            raise SaveError("v_invalid", str(path), loc="tokens")
        store = cls(seats={s: d["seats"][s] if s in d["seats"] else new_token() for s in seats},
                    admin=d["admin"], spectator=d["spectator"])
        return store


def _token_ok(v: object) -> bool:
    return isinstance(v, str) and 16 <= len(v) <= 128 and all(c.isalnum() or c in "-_" for c in v) and v.isascii()


def tokens_path(autosave: Path) -> Path:
    return autosave.with_name(autosave.name.removesuffix(".json") + ".tokens.json")
