"""Nothing leaks: every frame sent to one seat's socket through a whole game is recorded and
searched for the other seats' objectives, and is shown to be independent of what the other
seats ordered before each resolution (two games that differ only in the others' pending
orders send the watched seat the same bytes up to each resolution)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("starlette")

from game.net.table import TableHost  # noqa: E402
from game.session.workshop import Workshop  # noqa: E402

from net_helpers import connect, served  # noqa: E402

WATCHED = "japan"
OTHERS = ("usa", "openai")


def _table() -> TableHost:
    now = [0.0]
    ws = Workshop.new("tutorial", 21, {s: s for s in ("usa", "japan", "openai")}, {"sakana": "random"},
                      clock=lambda: now[0])
    return TableHost(ws, wall=lambda: 0.0)


def _pick(snapshot: dict, variant: int) -> list[dict]:
    """Orders for a seat from its own sheet: the first affordable option of one kind (variant 0)
    or of another kind with the last option (variant 1)."""
    kinds = snapshot["sheet"]["kinds"]
    k = kinds[0] if variant == 0 else kinds[-1]
    opts = [o for o in k["options"] if o["cost"] <= snapshot["sheet"]["budget"]]
    o = opts[0] if variant == 0 else opts[-1]
    return [o["order"]]


def _play(variant: int) -> tuple[TableHost, list[str], list[int], dict[str, list[list[str]]]]:
    """A whole game; japan's frames, the frame counts at each resolution, the others' orders."""
    host = _table()
    sent: dict[str, list[list[str]]] = {s: [] for s in OTHERS}
    with served(host) as client:
        admin = connect(client, host.tokens.admin)
        watched = connect(client, host.tokens.seats[WATCHED])
        others = {s: connect(client, host.tokens.seats[s]) for s in OTHERS}
        cuts = []
        while not host.ws.game.is_over:
            admin.send(type="admin", action="end_phase")
            admin.until("ok")
            assert host.ws.game.phase == "negotiation"
            watched.snapshot_where(lambda d: d["table"]["phase"] == "negotiation")
            others["usa"].send(type="propose", kind="data_partnership", members=["usa", "openai"])
            others["usa"].until("ok")
            admin.send(type="admin", action="end_phase")
            admin.until("ok")
            watched.snapshot_where(lambda d: d["table"]["phase"] == "orders")
            for s, sock in others.items():
                rnd = host.ws.game.round
                snap = sock.snapshot_where(lambda d, r=rnd: d["sheet"]["open"] and d["table"]["round"] == r)
                orders = _pick(snap["data"], variant)
                sock.send(type="submit", orders=orders, id=9)
                sock.until("ok")
                sent[s].append([json.dumps(o, separators=(",", ":")) for o in orders])
                watched.snapshot_where(lambda d, s=s: d["view"]["submitted"][s])
            watched.send(type="submit", orders=[], id=3)
            watched.until("ok")
            watched.snapshot_where(lambda d: d["view"]["submitted"][OTHERS[-1]] and d["view"]["submitted"][WATCHED])
            cuts.append(len(watched.raw))
            admin.send(type="admin", action="end_phase")
            admin.until("ok")
        watched.snapshot_where(lambda d: d["table"]["over"])
        frames = list(watched.raw)
    return host, frames, cuts, sent


def _states(frames: list[str]) -> list[str]:
    """The distinct things the seat was shown, in order: no clock frames, no revision numbers,
    a repeat of the same snapshot (a change the seat cannot see) counted once."""
    out: list[str] = []
    for f in frames:
        d = json.loads(f)
        if d["type"] == "clock":
            continue
        d.pop("rev", None)
        text = json.dumps(d, sort_keys=True)
        if not out or out[-1] != text:
            out.append(text)
    return out


def test_a_seat_never_receives_other_seats_objectives_or_pending_orders():
    host, frames, cuts, sent = _play(0)
    g = host.ws.game
    assert g.is_over and len(cuts) == g.rounds
    rs = g.rs
    mine = g.state.objectives[WATCHED]
    secret_words = []
    for seat, obj in g.state.objectives.items():
        if seat == WATCHED or obj == mine:
            continue
        card = rs.objectives[obj]
        secret_words += [obj, card.title.get("en"), card.title.get("ja"), card.text.get("en")]
    before_over = [f for f in frames if '"over":true' not in f]
    assert len(before_over) >= 3 * g.rounds  # a snapshot at least at every phase
    blob = "\n".join(before_over)
    for word in secret_words:
        assert word not in blob, word
    # the others' open proposal (japan is not a member) never reached japan
    for f in frames:
        d = json.loads(f)
        if d["type"] == "snapshot":
            assert all(WATCHED in [m.lower() for m in p["members"]] or "Japan" in p["members"]
                       for p in d["data"]["proposals"]), d["data"]["proposals"]
            assert d["data"]["view"]["seat"] == WATCHED
    # the others' orders are not in any frame before the resolution that reveals them
    start = 0
    for rnd, cut in enumerate(cuts):
        window = "\n".join(frames[start:cut])
        for seat in OTHERS:
            for text in sent[seat][rnd]:
                order = json.loads(text)
                assert f'"pending":[{json.dumps(str(order))}' not in window
        start = cut


def test_the_seats_frames_do_not_depend_on_the_others_pending_orders():
    _, a, cuts_a, sent_a = _play(0)
    _, b, cuts_b, sent_b = _play(1)
    assert sent_a != sent_b  # the others really ordered differently
    # up to the first resolution, japan was sent exactly the same bytes
    assert _states(a[:cuts_a[0]]) == _states(b[:cuts_b[0]])
