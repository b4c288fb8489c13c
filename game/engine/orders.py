"""Orders: small hashable values that parse and print themselves.

An order's text form is its kind followed by ``key=value`` pairs, e.g.
``fund_data domain=finance amount=2`` or ``set_export_tier target=row tier=3``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_FIELDS = ("target", "domain", "region", "tier", "amount", "grant")


class OrderSyntaxError(ValueError):
    """An order's text or dict could not be read."""


@dataclass(frozen=True, slots=True)
class Order:
    kind: str
    target: str | None = None
    domain: str | None = None
    region: str | None = None
    tier: int | None = None
    amount: int = 0
    grant: bool | None = None

    def __str__(self) -> str:
        # the fields in _FIELDS order, written out: the resolution prints every order it reveals
        parts = [str(self.kind)]
        for name, v in (("target", self.target), ("domain", self.domain), ("region", self.region),
                        ("tier", self.tier), ("amount", self.amount), ("grant", self.grant)):
            if v is None or (name == "amount" and v == 0):
                continue
            if isinstance(v, bool):
                v = "yes" if v else "no"
            parts.append(f"{name}={v}")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        for name, v in (("target", self.target), ("domain", self.domain), ("region", self.region),
                        ("tier", self.tier), ("amount", self.amount), ("grant", self.grant)):
            if v is None or (name == "amount" and v == 0):
                continue
            d[name] = v
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Order":
        if not isinstance(d, dict) or not isinstance(d.get("kind"), str):
            raise OrderSyntaxError("an order needs a 'kind'")
        unknown = set(d) - {"kind", *_FIELDS}
        if unknown:
            raise OrderSyntaxError(f"unknown order field(s): {', '.join(sorted(unknown))}")
        try:
            tier = d.get("tier")
            return cls(
                kind=d["kind"],
                target=_to_id(d.get("target"), "target"),
                domain=_to_id(d.get("domain"), "domain"),
                region=_to_id(d.get("region"), "region"),
                tier=None if tier is None else _to_whole(tier, "tier"),
                amount=_to_whole(d.get("amount", 0), "amount"),
                grant=_to_bool(d["grant"]) if "grant" in d else None,
            )
        except (TypeError, ValueError) as exc:
            raise OrderSyntaxError(f"bad order {_shown(d)}: {exc}") from None

    @classmethod
    def parse(cls, text: str) -> "Order":
        words = text.split()
        if not words:
            raise OrderSyntaxError("empty order")
        d: dict[str, Any] = {"kind": words[0]}
        for w in words[1:]:
            if "=" not in w:
                raise OrderSyntaxError(f"expected key=value, got {w!r}")
            k, v = w.split("=", 1)
            d[k] = v
        return cls.from_dict(d)


_TEXTS: dict[int, tuple[Order, str]] = {}
_DICTS: dict[int, tuple[Order, dict[str, Any]]] = {}


def order_text(o: Order) -> str:
    """``str(o)``, kept per order object: the same orders (the legal orders kept per kind) are
    printed round after round.  Keyed by the object, which the entry keeps alive, never by
    equality (``amount=3.0`` equals ``amount=3`` but prints otherwise)."""
    hit = _TEXTS.get(id(o))
    if hit is not None and hit[0] is o:
        return hit[1]
    if len(_TEXTS) > 16384:
        _TEXTS.clear()
    text = str(o)
    _TEXTS[id(o)] = (o, text)
    return text


def order_dict(o: Order) -> dict[str, Any]:
    """``o.to_dict()`` (a new dict each time), kept per order object as `order_text` is."""
    hit = _DICTS.get(id(o))
    if hit is not None and hit[0] is o:
        return dict(hit[1])
    if len(_DICTS) > 16384:
        _DICTS.clear()
    d = o.to_dict()
    _DICTS[id(o)] = (o, d)
    return dict(d)


_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")


def _shown(v: Any, limit: int = 80) -> str:
    """A value as a short text for a message (long or odd values are cut)."""
    text = repr(v)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _to_whole(v: Any, field: str) -> int:
    """A whole number from an int or its text; floats (3.7, inf, nan), bools and others are refused."""
    if type(v) is int:
        return v
    if isinstance(v, str) and _WHOLE.fullmatch(v.strip()):
        return int(v)
    raise ValueError(f"{field} must be a whole number, got {_shown(v)}")


def _to_id(v: Any, field: str) -> str | None:
    if v is None or isinstance(v, str):
        return v
    raise ValueError(f"{field} must be a text id, got {_shown(v)}")


def _to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("yes", "true", "1", "grant"):
        return True
    if isinstance(v, str) and v.lower() in ("no", "false", "0", "revoke"):
        return False
    raise ValueError(f"expected yes or no, got {v!r}")
