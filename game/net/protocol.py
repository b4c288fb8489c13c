"""The messages between a table server and its clients (version `PROTOCOL_VERSION`).

Every frame is one JSON object with a ``type``.  What a client sends is validated
against `ClientMessage` (strict: unknown fields, wrong types, oversized strings and
lists are refused) before anything reads it; a frame that fails gets an ``error``
frame back and changes nothing.  What the server sends is documented by the
``Server*`` models (docs/protocol.md lists both sides).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

PROTOCOL_VERSION = 2  # 2: the event card's choice (`choose`, admin `choose`)
MAX_FRAME_BYTES = 16 * 1024  # a client frame larger than this is refused unread
MAX_ORDERS = 40  # orders in one submission or check
MAX_MEMBERS = 12

Ident = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-:.]+$")]
Token = Annotated[str, Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$")]
Lang = Literal["en", "ja"]
ReqId = Annotated[int, Field(ge=0, le=2**31)]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: ReqId | None = None  # a request number the client chose, echoed in the answer


class OrderIn(BaseModel):
    """One order as a client writes it (the engine checks whether it is legal)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    kind: Ident
    target: Ident | None = None
    domain: Ident | None = None
    region: Ident | None = None
    tier: Annotated[int, Field(ge=0, le=99)] | None = None
    amount: Annotated[int, Field(ge=0, le=999)] = 0
    grant: bool | None = None

    def to_engine(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True, exclude={"amount"} if self.amount == 0 else set())


class Hello(_Msg):
    """The first frame of every connection: who is connecting."""

    type: Literal["hello"]
    v: int
    token: Token
    lang: Lang | None = None


class Ping(_Msg):
    type: Literal["ping"]


class SetLang(_Msg):
    type: Literal["lang"]
    lang: Lang


class Check(_Msg):
    """Ask what a draft would cost and do, and whether it is legal (nothing is submitted)."""

    type: Literal["check"]
    orders: Annotated[list[OrderIn], Field(max_length=MAX_ORDERS)]


class Submit(_Msg):
    """The seat's orders for this round (replacing an earlier submission)."""

    type: Literal["submit"]
    orders: Annotated[list[OrderIn], Field(max_length=MAX_ORDERS)]


class Propose(_Msg):
    type: Literal["propose"]
    kind: Ident
    members: Annotated[list[Ident], Field(min_length=1, max_length=MAX_MEMBERS)]
    duration: Annotated[int, Field(ge=1, le=99)] | None = None


class AnswerProposal(_Msg):
    type: Literal["answer"]
    proposal: Ident
    accept: bool


class Choose(_Msg):
    """The seat's answer to this round's event card's choice (replacing an earlier answer)."""

    type: Literal["choose"]
    option: Ident


AdminAction = Literal["pause", "resume", "extend", "end_phase", "resolve", "assign", "reissue",
                      "auto_resolve", "enter_orders", "choose"]
SeatMode = Literal["remote", "ai", "hotseat", "sheet"]


class Admin(_Msg):
    """A facilitator's control (admin token only)."""

    type: Literal["admin"]
    action: AdminAction
    seat: Ident | None = None
    mode: SeatMode | None = None
    seconds: Annotated[float, Field(ge=-3600, le=3600, allow_inf_nan=False)] | None = None
    on: bool | None = None
    orders: Annotated[list[OrderIn], Field(max_length=MAX_ORDERS)] | None = None
    option: Ident | None = None  # choose: the option the facilitator picks for ``seat``


ClientMessage = Annotated[Hello | Ping | SetLang | Check | Submit | Propose | AnswerProposal | Choose | Admin,
                          Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


class ProtocolError(ValueError):
    """A client frame that is not a valid message: its error code and a short detail."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def parse_client(text: str | bytes) -> Hello | Ping | SetLang | Check | Submit | Propose | AnswerProposal | Choose | Admin:
    """One client frame as a message, or `ProtocolError` (too_big, bad_json, bad_message)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > MAX_FRAME_BYTES:
        raise ProtocolError("too_big", f"{len(raw)} > {MAX_FRAME_BYTES} bytes")
    try:
        return _CLIENT.validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors()
        if not errors:
            raise ProtocolError("bad_message") from None
        first = errors[0]
        if first["type"] == "json_invalid":
            raise ProtocolError("bad_json", str(first["msg"])[:120]) from None
        loc = ".".join(str(x) for x in first["loc"])
        raise ProtocolError("bad_message", f"{loc}: {first['msg']}"[:160]) from None


# ------------------------------------------------------------------ server frames (documentation and tests)


class ServerWelcome(BaseModel):
    type: Literal["welcome"]
    v: int
    role: Literal["seat", "admin", "spectator"]
    seat: str | None
    lang: Lang


class ServerSnapshot(BaseModel):
    """Everything the connection may see now (sent on connect and after every change)."""

    type: Literal["snapshot"]
    v: int
    rev: int
    data: dict[str, Any]


class ServerChecked(BaseModel):
    type: Literal["checked"]
    id: int | None
    cost: int
    budget: int
    legal: bool
    reason: str
    preview: str
    lines: list[dict[str, Any]]


class ServerError(BaseModel):
    type: Literal["error"]
    id: int | None
    code: str
    message: str


class ServerOk(BaseModel):
    type: Literal["ok"]
    id: int | None
    of: str


class ServerRevoked(BaseModel):
    type: Literal["revoked"]
    message: str


class ServerPong(BaseModel):
    type: Literal["pong"]
    id: int | None
    t: float
