"""Secrets stay secret until the end: while a game is on, the debrief, the report (built in
the workshop or from the command line) and the projector show no secret objective and no
order not yet revealed.  After the game is over, or after the facilitator's explicit unlock
(a warning first, then an entry in the workshop's audit trail, shown in the report), they do."""

from __future__ import annotations

import contextlib
import html as htmllib
import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ai.random_policy import RandomPolicy  # noqa: E402
from game.cli.main import main  # noqa: E402
from game.engine import Game  # noqa: E402
from game.session.debrief import debrief  # noqa: E402
from game.session.report_build import build_report  # noqa: E402
from game.session.storage import save_game  # noqa: E402
from game.session.workshop import Workshop  # noqa: E402

NO_CF = lambda game, profile: None  # noqa: E731  (no replays: keeps the tests fast)


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def secrets_of(g: Game, lang: str = "en") -> list[str]:
    """Every secret objective's title and text, as a page would print them."""
    out = []
    for oid in g.state.objectives.values():
        o = g.rs.objectives[oid]
        out += [o.title.get(lang), o.text.get(lang)]
    return out


def mid_game(rounds: int = 3, pending: bool = True) -> Game:
    """Round 2's orders phase of a 3-round game, a few seats' orders in and not yet revealed."""
    g = Game.new("g7-2026", seed=5, rounds=rounds)
    policy = RandomPolicy(5)
    g.advance()
    g.advance()
    for s in g.seats:
        g.submit(s, policy.orders(g, s).orders)
    g.resolve()
    g.advance()
    g.advance()
    if pending:
        g.submit("japan", ["fund_sovereign amount=2"])
    return g


def finish(g: Game) -> Game:
    while not g.is_over:
        if g.phase != "orders":
            g.advance()
        else:
            g.resolve()
    return g


def page_text(path) -> str:
    return htmllib.unescape(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the debrief data


def test_debrief_of_a_game_in_progress_holds_no_secret():
    g = mid_game()
    d = debrief(g, "en", NO_CF)
    assert d["secrets"] == {"shown": False, "reason": "locked"}
    assert d["objectives"] == [] and d["pending"] is None
    blob = json.dumps(d, ensure_ascii=False)
    for s in secrets_of(g):
        assert s not in blob


def test_debrief_unlocked_or_over_holds_the_secrets():
    g = mid_game()
    d = debrief(g, "en", NO_CF, reveal_secrets=True)
    assert d["secrets"] == {"shown": True, "reason": "unlocked"}
    assert {o["seat"] for o in d["objectives"]} == set(g.seats)
    assert d["pending"]["round"] == 2 and d["pending"]["orders"]["japan"] == ["Fund sovereign model: 2 points"]
    finish(g)
    d = debrief(g, "en", NO_CF)
    assert d["secrets"] == {"shown": True, "reason": "over"} and len(d["objectives"]) == len(g.seats)
    assert d["pending"] is None  # nothing is pending once the game is over


# ------------------------------------------------------------------ the report


def test_report_of_a_game_in_progress_shows_no_secret(tmp_path):
    g = mid_game()
    build_report(g, tmp_path / "r.html", "en", tmp_path / "r.json", NO_CF)
    text = page_text(tmp_path / "r.html") + (tmp_path / "r.json").read_text(encoding="utf-8")
    for s in secrets_of(g):
        assert s not in text
    assert "Game in progress" in text and "Secret objectives, revealed" not in text
    assert "not yet revealed" not in text and "Fund sovereign model: 2 points" not in text
    assert "stay hidden until it is over" in text


def test_report_in_japanese_of_a_game_in_progress_shows_no_secret(tmp_path):
    g = mid_game()
    build_report(g, tmp_path / "r.html", "ja", None, NO_CF)
    text = page_text(tmp_path / "r.html")
    for s in secrets_of(g, "ja"):
        assert s not in text
    assert "ゲーム進行中" in text and "秘密目標の公開" not in text


def test_report_after_the_end_shows_every_secret(tmp_path):
    g = finish(mid_game())
    build_report(g, tmp_path / "r.html", "en", None, NO_CF)
    text = page_text(tmp_path / "r.html")
    for s in secrets_of(g):
        assert s in text
    assert "Secret objectives, revealed" in text and "Game in progress" not in text


def test_cli_report_of_a_save_in_progress_leaves_secrets_out(tmp_path, capsys):
    g = mid_game()
    save_game(g, tmp_path / "s.json")
    assert main(["report", str(tmp_path / "s.json"), "--out", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr()
    assert "--reveal-secrets" in out.out and out.err == ""
    text = page_text(tmp_path / "r.html") + (tmp_path / "r.json").read_text(encoding="utf-8")
    for s in secrets_of(g):
        assert s not in text


def test_cli_report_with_reveal_secrets_warns_and_shows_them(tmp_path, capsys):
    g = mid_game()
    save_game(g, tmp_path / "s.json")
    assert main(["report", str(tmp_path / "s.json"), "--out", str(tmp_path / "r.html"), "--reveal-secrets",
                 "--lang", "ja"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "警告" in err
    text = page_text(tmp_path / "r.html")
    for s in secrets_of(g, "ja"):
        assert s in text
    assert "未公開の施策" in text  # this round's pending orders, under their own heading


def test_cli_report_of_a_finished_save_needs_no_flag(tmp_path, capsys):
    g = finish(mid_game())
    save_game(g, tmp_path / "s.json")
    assert main(["report", str(tmp_path / "s.json"), "--out", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr()
    assert "--reveal-secrets" not in out.out and out.err == ""
    text = page_text(tmp_path / "r.html")
    for s in secrets_of(g):
        assert s in text


# ------------------------------------------------------------------ the workshop's audit trail


def workshop(tmp_path) -> Workshop:
    ws = Workshop.new("g7-2026", 5, teams={"japan": "Tokyo", "usa": "DC"}, rounds=3,
                      autosave_path=tmp_path / "ws.json", clock=Clock())
    ws.end_phase()
    ws.end_phase()
    ws.end_phase()  # round 1 resolved (teams hold, AI seats play)
    ws.end_phase()
    ws.end_phase()  # round 2, orders
    ws.enter_orders("japan", ["fund_sovereign amount=2"])
    return ws


def test_an_unlock_is_in_the_audit_trail_and_the_report(tmp_path, capsys):
    ws = workshop(tmp_path)
    assert ws.secret_unlocks() == []
    ws.unlock_secrets()
    assert ws.audit[-1].action == "unlock_secrets" and ws.secret_unlocks() == [{"round": 2, "phase": "orders"}]
    # the autosave keeps it: a report rebuilt later from the file names the unlock, and still hides the secrets
    assert main(["report", str(tmp_path / "ws.json"), "--out", str(tmp_path / "r.html")]) == 0
    capsys.readouterr()
    text = page_text(tmp_path / "r.html")
    assert "Secrets unlocked by the facilitator" in text and "Round 2, Orders" in text
    assert "Tokyo" in text  # the workshop's team names are in the ranking
    for s in secrets_of(ws.game):
        assert s not in text
    resumed = Workshop.load(tmp_path / "ws.json", clock=Clock(), autosave=False)
    assert resumed.secret_unlocks() == [{"round": 2, "phase": "orders"}]


# ------------------------------------------------------------------ the screens


@contextlib.contextmanager
def debrief_screen(tmp_path, lang: str):
    from game.ui.settings import Settings
    from game.ui.workshop_app import WorkshopApp

    app = WorkshopApp(Settings(lang=lang), scenario="g7-2026", seed=5, clock=Clock())
    try:
        app.start_workshop(workshop(tmp_path))
        app.step()
        yield app
    finally:
        pygame.quit()


def press(app, key: int) -> None:
    app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)])
    app.step()


def shown(app) -> str:
    return "\n".join(app.rendered_texts())


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_workshop_debrief_keeps_secrets_until_the_facilitator_unlocks_them(tmp_path, home, lang):
    with debrief_screen(tmp_path, lang) as app:
        ws = app.ws
        g = ws.game
        press(app, pygame.K_d)
        assert app.top.name == "ws_debrief"
        seen = ""
        for page_key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6):
            press(app, page_key)
            seen += shown(app)
        for s in secrets_of(g, lang):
            assert s not in seen
        press(app, pygame.K_4)  # the objectives page: locked, with the unlock control
        assert "unlock" in app.top.ui.buttons
        press(app, pygame.K_l)
        text = shown(app)
        assert app.top.confirming and ("Teams who see" in text or "見たチーム" in text)  # the warning first
        press(app, pygame.K_ESCAPE)  # keep hidden: nothing recorded
        assert not app.top.confirming and ws.secret_unlocks() == []
        press(app, pygame.K_l)
        press(app, pygame.K_RETURN)  # unlock and show
        assert ws.audit[-1].action == "unlock_secrets"
        text = shown(app)
        for oid in g.state.objectives.values():
            assert g.rs.objectives[oid].title.get(lang) in text
        assert "▲" in text
        press(app, pygame.K_5)  # the orders page: round 1 (revealed), then this round's pending orders
        pending = app.top.data["pending"]["orders"]["japan"][0]
        assert pending not in shown(app)
        press(app, pygame.K_UP)
        assert app.top.round == 2 and pending in shown(app)
        # a report exported now shows the secrets and the unlock
        press(app, pygame.K_r)
        report = next(tmp_path.glob("ws-report.html"))
        page = page_text(report)
        for s in secrets_of(g, lang):
            assert s in page
        assert ("Round 2, Orders" in page) or ("2年目・施策" in page)


def test_projector_never_shows_a_secret_even_when_the_console_sees_all(tmp_path, home):
    with debrief_screen(tmp_path, "en") as app:
        g = app.ws.game
        app.all_seeing = True
        app.top.rebuild()
        app.step()
        console = shown(app)
        assert any(g.rs.objectives[o].title.get("en") in console for o in g.state.objectives.values())
        press(app, pygame.K_F2)
        assert app.top.name == "ws_projector"
        wall = shown(app)
        for s in secrets_of(g):
            assert s not in wall
        assert "Fund sovereign model" not in wall
