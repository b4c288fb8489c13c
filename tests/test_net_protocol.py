"""Team terminals over the socket (Starlette's test client): joining, the seat's view, orders,
refusals that change nothing, the facilitator's controls, reissued tokens, origins, static files."""

from __future__ import annotations

import base64
import json

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.websockets import WebSocketDisconnect  # noqa: E402

from game.net.protocol import MAX_FRAME_BYTES, PROTOCOL_VERSION, ProtocolError, parse_client  # noqa: E402
from game.net.server import Bucket  # noqa: E402
from game.net.table import TableHost  # noqa: E402
from game.net.tokens import TokenStore, tokens_path  # noqa: E402

from net_helpers import close, connect, served  # noqa: E402


@pytest.fixture
def host(tmp_path):
    return TableHost.new("tutorial", 5, {"sakana": "random"}, autosave_path=tmp_path / "ws.json")


def _to_orders(host: TableHost) -> None:
    while host.ws.game.phase != "orders":
        host.ws.end_phase()


def test_tokens_are_long_random_and_distinct(host):
    tk = host.tokens
    every = [tk.admin, tk.spectator, *tk.seats.values()]
    assert len(set(every)) == len(every)
    for token in every:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128
    assert tk.who(tk.seats["usa"]) == "usa" and tk.who(tk.admin) == "admin"
    assert tk.who(tk.seats["usa"][:-1] + ("A" if tk.seats["usa"][-1] != "A" else "B")) is None


def test_seat_joins_and_sees_its_own_brief_only(host):
    with served(host) as client:
        s = connect(client, host.tokens.seats["japan"])
        data = s.snapshot["data"]
        assert data["role"] == "seat" and data["seat"]["id"] == "japan"
        mine = host.ws.game.state.objectives["japan"]
        assert data["view"]["objective"] == mine and data["brief"]["objective"]["title"]
        text = json.dumps(s.snapshot)
        for other, obj in host.ws.game.state.objectives.items():
            if other != "japan" and obj != mine:
                assert obj not in text
        close(s)


def test_bad_tokens_and_versions_are_refused(host):
    with served(host) as client:
        for hello, code in [({"token": "x" * 32, "v": PROTOCOL_VERSION}, "bad_token"),
                            ({"token": host.tokens.seats["usa"], "v": 99}, "version")]:
            s = connect(client)
            s.send(type="hello", **hello)
            assert s.until("error")["code"] == code
            with pytest.raises(WebSocketDisconnect):
                s.recv()
        s = connect(client)
        s.send(type="submit", orders=[])
        assert s.until("error")["code"] == "hello_first"


@pytest.mark.parametrize("frame, code", [
    ("not json", "bad_json"),
    ('{"type": "launch_missiles"}', "bad_message"),
    ('{"type": "submit", "orders": [], "extra": 1}', "bad_message"),
    ('{"type": "submit", "orders": [{"kind": "fund_defence", "amount": "3"}]}', "bad_message"),
    ('{"type": "submit", "orders": [{"kind": "fund_defence; rm -rf /"}]}', "bad_message"),
    ('{"type": "answer", "proposal": "p1", "accept": "yes"}', "bad_message"),
    ('{"type": "check", "orders": ' + json.dumps([{"kind": "fund_defence"}] * 41) + '}', "bad_message"),
    ('{"type": "ping", "pad": "' + "x" * MAX_FRAME_BYTES + '"}', "too_big"),
])
def test_malformed_frames_get_an_error_and_change_nothing(host, frame, code):
    _to_orders(host)
    before = host.ws.game.to_json()
    with served(host) as client:
        s = connect(client, host.tokens.seats["usa"])
        s.ws.send_text(frame)
        err = s.until("error")
        assert err["code"] == code and err["message"]
        s.send(type="ping", id=7)
        assert s.until("pong")["id"] == 7  # the connection goes on
        close(s)
    assert host.ws.game.to_json() == before


def test_parse_client_is_strict():
    with pytest.raises(ProtocolError):
        parse_client('{"type": "hello", "v": 1, "token": "short"}')
    with pytest.raises(ProtocolError):
        parse_client('{"type": "admin", "action": "extend", "seconds": 1e999}')
    assert parse_client('{"type": "admin", "action": "extend", "seconds": 60}').seconds == 60


def test_orders_checked_previewed_refused_and_submitted(host):
    _to_orders(host)
    g = host.ws.game
    with served(host) as client:
        s = connect(client, host.tokens.seats["japan"])
        sheet = s.snapshot["data"]["sheet"]
        assert sheet["open"] and sheet["kinds"] and sheet["budget"] == g.budget("japan")
        opt = sheet["kinds"][0]["options"][0]
        s.send(type="check", id=1, orders=[opt["order"]])
        ok = s.until("checked")
        assert ok["legal"] and ok["cost"] == opt["cost"] and ok["preview"] and ok["reason"] == ""
        too_much = [{"kind": "fund_defence", "amount": g.budget("japan") + 1}]
        s.send(type="check", id=2, orders=too_much)
        bad = s.until("checked")
        assert not bad["legal"] and bad["reason"]
        before = g.to_json()
        s.send(type="submit", id=3, orders=too_much)
        err = s.until("error")
        assert err["code"] == "refused" and err["id"] == 3 and err["message"]
        assert g.to_json() == before
        s.send(type="submit", id=4, orders=[opt["order"]])
        assert s.until("ok")["of"] == "submit"
        snap = s.until("snapshot")
        assert snap["data"]["sheet"]["submitted"] and snap["data"]["sheet"]["pending"] == [opt["order"]]
        assert g.submitted()["japan"]
        close(s)


def test_seat_and_spectator_cannot_use_admin_controls(host):
    with served(host) as client:
        for token in (host.tokens.seats["usa"], host.tokens.spectator):
            s = connect(client, token)
            before = host.ws.game.to_json()
            s.send(type="admin", action="end_phase", id=1)
            assert s.until("error")["code"] == "not_allowed"
            assert host.ws.game.to_json() == before
            close(s)
        s = connect(client, host.tokens.spectator)
        s.send(type="submit", orders=[])
        assert s.until("error")["code"] == "not_allowed"
        close(s)


def test_facilitator_controls(host):
    with served(host) as client:
        a = connect(client, host.tokens.admin)
        assert {r["id"] for r in a.snapshot["data"]["seats"]} == set(host.ws.game.seats)
        a.send(type="admin", action="pause", id=1)
        a.until("ok", of="pause")
        assert not host.ws.timer.running
        d = host.ws.timer.duration
        a.send(type="admin", action="extend", seconds=60, id=2)
        a.until("ok")
        assert host.ws.timer.duration == d + 60
        a.send(type="admin", action="end_phase", id=3)
        a.until("ok")
        a.send(type="admin", action="end_phase", id=4)
        a.until("ok")
        assert host.ws.game.phase == "orders"
        a.send(type="admin", action="resolve", id=5)
        assert a.until("error")["code"] == "not_all_in"  # three teams have not submitted
        for seat in ("usa", "japan", "openai"):
            a.send(type="admin", action="assign", seat=seat, mode="sheet")
            a.until("ok")
            a.send(type="admin", action="enter_orders", seat=seat, orders=[])
            a.until("ok")
        a.send(type="admin", action="resolve", id=6)
        a.until("ok")
        assert host.ws.game.round == 2
        a.send(type="admin", action="assign", seat="usa", mode="ai")
        a.until("ok")
        assert "usa" in host.ws.ai_seats and "usa" not in host.ws.teams
        close(a)


def test_auto_resolve_when_every_team_is_in(host):
    host.auto_resolve = True
    _to_orders(host)
    with served(host) as client:
        socks = {s: connect(client, host.tokens.seats[s]) for s in ("usa", "japan", "openai")}
        for seat, s in socks.items():
            assert host.ws.game.round == 1
            s.send(type="submit", orders=[])
            s.until("ok")
        assert host.ws.game.round == 2 and host.ws.game.phase == "event"
        snap = socks["usa"].snapshot_where(lambda d: d["report"] is not None)
        assert snap["data"]["report"]["round"] == 1 and snap["data"]["table"]["round"] == 2
        for s in socks.values():
            close(s)


def test_reissue_locks_the_old_link_out_at_once(host):
    old = host.tokens.seats["usa"]
    with served(host) as client:
        s = connect(client, old)
        a = connect(client, host.tokens.admin)
        a.send(type="admin", action="reissue", seat="usa")
        a.until("ok")
        assert s.until("revoked")["message"]
        with pytest.raises(WebSocketDisconnect):
            for _ in range(5):
                s.recv()
        again = connect(client)
        again.send(type="hello", v=PROTOCOL_VERSION, token=old)
        assert again.until("error")["code"] == "bad_token"
        new = host.tokens.seats["usa"]
        assert new != old
        fresh = connect(client, new)
        assert fresh.snapshot["data"]["seat"]["id"] == "usa"
        close(fresh)
        close(a)


def test_restart_from_autosave_keeps_every_link(host, tmp_path):
    _to_orders(host)
    host.ws.enter_orders("usa", [], by="remote")
    links = dict(host.tokens.seats)
    assert tokens_path(tmp_path / "ws.json").is_file()
    again = TableHost.resume(tmp_path / "ws.json")
    assert again.tokens.seats == links and again.tokens.admin == host.tokens.admin
    assert again.ws.game.phase == "orders" and again.ws.game.submitted()["usa"]
    with served(again) as client:
        s = connect(client, links["japan"])
        assert s.snapshot["data"]["sheet"]["open"]
        close(s)


def test_damaged_token_file_is_one_clear_error(host, tmp_path):
    tp = tokens_path(tmp_path / "ws.json")
    tp.write_text('{"format": "sumiwake-tokens", "seats": {"usa": "short"}}', encoding="utf-8")
    from game.engine import SaveError

    with pytest.raises(SaveError) as info:
        TokenStore.load(tp, ["usa"])
    assert str(tp) in info.value.message()


def test_origin_and_host_are_checked(host):
    with served(host) as client:
        for headers in ({"origin": "http://evil.example"}, {"origin": "null"}):
            with pytest.raises(WebSocketDisconnect):
                s = connect(client, None, **headers)
                s.send(type="hello", v=PROTOCOL_VERSION, token=host.tokens.admin)
                s.recv()
        s = connect(client, host.tokens.spectator, origin="http://testserver")
        assert s.snapshot["data"]["role"] == "spectator"
        close(s)
        assert client.get("/play", headers={"host": "rebound.example"}).status_code == 421


@pytest.mark.parametrize("path", ["/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py",
                                  "/static/%2e%2e%2f%2e%2e%2fpyproject.toml", "/static//etc/passwd",
                                  "/fonts/../../pyproject.toml.otf", "/fonts/Regular.otf"])
def test_static_files_cannot_escape_their_folder(host, path):
    with served(host) as client:
        r = client.get(path)
        assert r.status_code == 404, path
        assert "import" not in r.text


def test_pages_and_font_are_served_from_the_package(host):
    with served(host) as client:
        for page in ("/play", "/admin", "/projector", "/watch"):
            r = client.get(page)
            assert r.status_code == 200
            assert "http://" not in r.text and "https://" not in r.text  # nothing from outside
            assert "default-src 'self'" in r.headers["content-security-policy"]
        font = client.get("/fonts/regular.otf")
        assert font.status_code == 200 and font.content[:4] == b"OTTO"
        assert client.get("/static/nothing.js").status_code == 404


def test_rate_limit_bucket():
    now = [0.0]
    b = Bucket(rate=10.0, burst=5.0, clock=lambda: now[0])
    assert [b.take() for _ in range(7)] == [True] * 5 + [False] * 2
    now[0] += 0.2
    assert [b.take() for _ in range(3)] == [True, True, False]


def test_flood_gets_rate_limited_frames(host):
    with served(host) as client:
        s = connect(client, host.tokens.seats["usa"])
        for i in range(60):
            s.send(type="ping", id=i)
        kinds = [s.recv() for _ in range(60)]
        assert any(f["type"] == "error" and f["code"] == "rate_limited" for f in kinds)
        close(s)


def test_event_choice_from_a_team_device_refusals_change_nothing(host):
    """The tutorial's first card (the G7 summit) asks the United States and Japan; OpenAI is not asked."""
    g = host.ws.game
    assert g.phase == "event" and g.choice() is not None
    with served(host) as client:
        japan = connect(client, host.tokens.seats["japan"], lang="ja")
        c = japan.snapshot["data"]["choice"]
        assert c["open"] and c["mine_asked"] and c["mine"] is None and c["default"] == "photo"
        assert [o["id"] for o in c["options"]] == ["defence_fund", "data_pledge", "photo"]
        assert c["prompt"].endswith("。") and c["asked"] == ["米国", "日本"]  # in Japanese
        openai = connect(client, host.tokens.seats["openai"])
        assert openai.snapshot["data"]["choice"]["mine_asked"] is False
        before, n = g.to_json(), len(g.actions)
        for sock, frame, code in [
            (openai, {"type": "choose", "option": "photo"}, "not_chooser"),
            (japan, {"type": "choose", "option": "nuke_it"}, "unknown_option"),
        ]:
            sock.send(id=9, **frame)
            err = sock.until("error")
            assert err["code"] == code and err["id"] == 9 and err["message"]
        japan.ws.send_text('{"type": "choose", "option": "photo", "seat": "usa"}')  # no choosing for another seat
        assert japan.until("error")["code"] == "bad_message"
        japan.ws.send_text('{"type": "choose", "option": 2}')
        assert japan.until("error")["code"] == "bad_message"
        assert g.to_json() == before and len(g.actions) == n
        japan.send(type="choose", id=10, option="data_pledge")
        assert japan.until("ok", id=10)["of"] == "choose"
        mine = japan.snapshot_where(lambda d: d["choice"]["mine"] == "data_pledge")["data"]["choice"]
        assert mine["mine_asked"]
        assert g.state.choices == {"japan": "data_pledge"}
        assert host.ws.audit[-1].action == "choice" and host.ws.audit[-1].detail["seat"] == "japan"
        # nobody else is told what Japan chose before the card applies
        usa = connect(client, host.tokens.seats["usa"])
        spectator = connect(client, host.tokens.spectator)
        for sock in (usa, spectator, openai):
            d = sock.latest()["data"]
            assert "answers" not in d["choice"] and d["choice"].get("mine") is None and d["view"]["choice"] is None
        # the facilitator sees the answers and decides for the United States
        a = connect(client, host.tokens.admin)
        assert a.snapshot["data"]["choice"]["answers"] == {"japan": "data_pledge"}
        a.send(type="admin", action="choose", seat="usa", option="defence_fund", id=11)
        a.until("ok", id=11)
        a.send(type="admin", action="choose", seat="usa", id=12)
        assert a.until("error", id=12)["code"] == "unknown_option"
        assert g.state.choices == {"japan": "data_pledge", "usa": "defence_fund"}
        assert host.ws.audit[-1].detail["by"] == "facilitator"
        # the phase ends: the card applies; every page shows what each seat chose
        a.send(type="admin", action="end_phase", id=13)
        a.until("ok", id=13)
        made = spectator.snapshot_where(lambda d: d["choice"] is not None and not d["choice"]["open"])
        rows = {m["seat"]: (m["option"], m["answered"]) for m in made["data"]["choice"]["made"]}
        assert rows["Japan"][0].startswith("Open public data") and rows["United States"][0].startswith("Pledge")
        japan.send(type="choose", id=14, option="photo")
        assert japan.until("error", id=14)["code"] == "wrong_phase"
        close(a)


def test_the_year_report_lists_the_choices_made(host):
    host.ws.enter_choice("usa", "defence_fund")
    _to_orders(host)
    host.ws.end_phase()
    with served(host) as client:
        s = connect(client, host.tokens.spectator)
        made = {m["seat"]: m for m in s.snapshot["data"]["report"]["choices"]}
        assert made["United States"]["answered"] and not made["Japan"]["answered"]
        assert made["Japan"]["option"].startswith("Take the photo")
        close(s)
