"""Join links: the page and the token, the token in the fragment (never sent to the server in a
request line, so it stays out of access logs and Referer headers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .table import TableHost


def link(base: str, page: str, token: str, lang: str | None = None) -> str:
    q = f"?lang={lang}" if lang else ""
    return f"{base.rstrip('/')}/{page}{q}#t={token}"


def seat_links(host: "TableHost", base: str, lang: str | None = None) -> dict[str, Any]:
    tk = host.tokens
    return {"admin": link(base, "admin", tk.admin, lang), "projector": link(base, "projector", tk.spectator, lang),
            "watch": link(base, "watch", tk.spectator, lang),
            "seats": {s: link(base, "play", tk.seats[s], lang) for s in host.ws.game.seats}}
