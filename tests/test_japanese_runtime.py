"""Japanese lines the game builds at run time use full-width punctuation (issue #12, item 4).

The catalog test (test_japanese_style) sees templates; the lines here are put together from
their parts while the game runs: lists of names, a label and its value, a remark in brackets.
Each is rendered from a real game state in Japanese and must hold no half-width ``, ; : ( )``
next to Japanese and no ``·``:

* a game played by bots over three years, with an export cut-off, an override and agreements:
  its round reports, order descriptions, the after-action report's data, the year stories and
  the team devices' order sheets and checks;
* every string the desktop draws in every frame (text, buttons, tooltips) of the Japanese
  workshop demo and of a Japanese game against the computer;
* the workshop console serving team devices: the console's device lines, the Team devices
  screen and the team's own page data;
* the command line's errors (bad options, an unknown scenario, a bad ``--size``).

Separators come from `game.i18n.PUNCTUATION`; the team page's script takes them from the
server's texts and writes none of its own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine import Game, IllegalOrder, Order  # noqa: E402
from game.i18n import PUNCTUATION, join_list, labelled, paren  # noqa: E402

from japanese_text import ROOT  # noqa: E402
from realloop import run_to_quit  # noqa: E402
from test_japanese_style import half_width_punctuation  # noqa: E402

JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _strings(node: Any) -> Iterator[str]:
    """Every string inside JSON-like data."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _strings(v)


def _problems(texts: dict[str, str]) -> list[str]:
    out = []
    for text, where in texts.items():
        for line in text.split("\n"):
            found = half_width_punctuation(line)
            if found:
                out.append(f"{where}: {found} in {line!r}")
    return sorted(out)


def test_the_separators_are_full_width_in_japanese():
    assert join_list(["米国", "日本"], "ja") == "米国、日本" and join_list(["US", "Japan"], "en") == "US, Japan"
    assert join_list(["a", "b"], "ja", "; ") == "a／b" and join_list(["a", "b"], "ja", " · ") == "a・b"
    assert labelled("最終応答", "なし", "ja") == "最終応答：なし" and labelled("Last seen", "never", "en") == "Last seen: never"
    assert paren("協定", "3", "ja") == "協定（3）" and paren("pact", "3", "en") == "pact (3)"
    assert all(not half_width_punctuation("語" + e["ja"] + "語") for e in PUNCTUATION.values())
    assert half_width_punctuation("語" + ", " + "語"), "the check sees an English separator between Japanese words"


# ------------------------------------------------------------------ a game played by bots

def _sheet_texts(g: Game, texts: dict[str, str]) -> None:
    """What the team devices show at an orders phase: every seat's order sheet (with the
    agreements it may leave, 「協定（A20）」), the event card's choice and the check of a bad draft."""
    from game.net.views import check_draft, choice_block, order_sheet

    for seat in g.seats:
        for s in _strings(order_sheet(g, seat, "ja")):
            texts.setdefault(s, f"order_sheet R{g.round} {seat}")
        for s in _strings(choice_block(g, seat, "ja", answers=True)):
            texts.setdefault(s, f"choice_block R{g.round} {seat}")
        twice = ([Order("set_export_tier", target="row", tier=2)] * 2 if seat in g.rs.nation_ids
                 else [Order("secure_weights", amount=1)] * 9)
        for s in _strings(check_draft(g, seat, twice, "ja")):
            texts.setdefault(s, f"check_draft R{g.round} {seat}")


def _bot_game() -> tuple[Game, dict[str, str]]:
    """g7-2026 over three years with normal bots; the United States cuts France off in year 1 and
    the facilitator overrides a score.  Returns the game and what team devices showed at each
    orders phase."""
    from game.session.simulate import TableSpec, make_policies, negotiate, play_choices

    g = Game.new("g7-2026", seed=5, rounds=3)
    policies = make_policies(g, 5, TableSpec(difficulty="normal"))
    sheets: dict[str, str] = {}
    while not g.is_over:
        play_choices(g, policies)
        g.advance()
        negotiate(g, policies)
        if g.round == 1:
            g.override("usa", "score", 1, "説明のための調整")
        g.advance()
        _sheet_texts(g, sheets)
        for seat in g.seats:
            orders = policies[seat].orders(g, seat).orders
            if seat == "usa" and g.round == 1:
                orders = [o for o in orders if o.kind != "set_export_tier"] + [
                    Order("set_export_tier", target="france", tier=3)]
            try:
                g.submit(seat, orders)
            except IllegalOrder:
                g.submit(seat, [])
        g.resolve()
    return g, sheets


@pytest.fixture(scope="module")
def bot_game() -> tuple[Game, dict[str, str]]:
    return _bot_game()


def test_a_bot_game_reads_with_full_width_punctuation(bot_game):
    from game.engine.report import describe_order, explain_text, report_from_ledger, report_text
    from game.session.debrief import debrief
    from game.session.story import years

    g, _ = bot_game
    rs = g.rs
    texts: dict[str, str] = {}
    for r in sorted({h["round"] for h in g.state.history}):
        rep = report_from_ledger(g.state, rs, r)
        texts.setdefault(report_text(rep, rs, "ja"), f"report_text R{r}")
        for seat in rs.nation_ids:
            texts.setdefault(explain_text(rep, rs, seat, "security", "ja"), f"explain_text R{r} {seat}")
    for rev in g.state.revealed:
        for seat, orders in rev["orders"].items():
            for o in orders:
                texts.setdefault(describe_order(rs, o, "ja"), f"describe_order {seat}")
    for s in _strings(debrief(g, "ja")):
        texts.setdefault(s, "debrief")
    for s in _strings(years(g, "ja")):
        texts.setdefault(s, "story.years")
    assert any("フランス" in t and "遮断" in t for t in texts), "the cut-off is in the report"
    assert any("説明のための調整" in t for t in texts), "the override is in the report"
    assert len(texts) > 100
    problems = _problems(texts)
    assert not problems, f"{len(problems)} lines:\n" + "\n".join(problems[:60])


def test_the_team_devices_sheet_and_checks_read_with_full_width_punctuation(bot_game):
    _, texts = bot_game
    exits = [s for s, w in texts.items() if w.startswith("order_sheet") and re.search(r"協定（\w+）", s)]
    assert exits, "an agreement to leave is named with its number in full-width brackets"
    problems = _problems(texts)
    assert not problems, f"{len(problems)} lines:\n" + "\n".join(problems[:60])


# ------------------------------------------------------------------ the desktop, every frame

def _every_frame(app, seen: dict[str, str]) -> None:
    original = app.draw

    def draw() -> None:
        original()
        top = app.top
        name = getattr(top, "name", type(top).__name__)
        for text in app.rendered_texts():
            seen.setdefault(text, name)
        if top is not None:
            for e in top.ui.elements:
                tip = getattr(e, "tool_tip_text", None)
                if isinstance(tip, str) and e.alive():
                    seen.setdefault(tip, f"{name} tooltip")

    app.draw = draw


def test_every_string_the_japanese_workshop_draws_is_full_width(tmp_path, monkeypatch):
    from game.ui.workshop_app import build_app

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    app = build_app(["--lang", "ja", "--scenario", "tutorial", "--seed", "2", "--autoplay"])
    seen: dict[str, str] = {}
    _every_frame(app, seen)
    run_to_quit(app)
    assert len(seen) > 300 and any("上書き" in t or "調整" in t for t in seen)
    problems = _problems(seen)
    assert not problems, f"{len(problems)} strings:\n" + "\n".join(problems[:60])


def test_every_string_a_japanese_desktop_game_draws_is_full_width(tmp_path, monkeypatch):
    from game.ui.app import App
    from game.ui.autoplay import Autoplayer
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    app = App(Settings(width=1280, height=720, lang="ja"), screenshots=None)
    seen: dict[str, str] = {}
    _every_frame(app, seen)
    app.push(TitleScene(app))
    app.autoplayer = Autoplayer(app, "g7-2026", 1, None)
    run_to_quit(app)
    assert len(seen) > 500 and any("遮断" in t for t in seen)
    problems = _problems(seen)
    assert not problems, f"{len(problems)} strings:\n" + "\n".join(problems[:60])


# ------------------------------------------------------------------ team devices

def test_team_devices_read_with_full_width_punctuation(home, tmp_path):
    pytest.importorskip("uvicorn")
    from game.net.client import TableClient, join_link_parts
    from game.net.links import seat_links
    from game.session.workshop import Workshop
    from game.ui.workshop_app import build_app

    path = tmp_path / "ws.json"
    Workshop.new("tutorial", 7, {"usa": "usa", "japan": "japan", "openai": "openai"}, {"sakana": "random"},
                 autosave_path=path)
    app = build_app(["workshop", "--lang", "ja", "--resume", str(path), "--serve", "--port", "0"])
    seen: dict[str, str] = {}

    def press(key: int) -> None:
        app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                         pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)])
        app.step()
        seen.update({t: app.top.name for t in app.rendered_texts() if t not in seen})

    try:
        host, server = app.table_host, app.table_server
        url, token = join_link_parts(seat_links(host, server.url)["seats"]["japan"])
        with TableClient.connect(url, token, lang="ja") as team:
            for s in _strings(team.snapshot):
                seen.setdefault(s, "team page (event)")
            press(pygame.K_n)
            press(pygame.K_n)
            snap = team.wait(lambda d: d["table"]["phase"] == "orders")
            for s in _strings(snap):
                seen.setdefault(s, "team page (orders)")
            team.submit([snap["sheet"]["kinds"][0]["options"][0]["order"]])
            press(pygame.K_F12)
            assert app.top.name == "ws_devices"
            for _ in range(3):
                press(pygame.K_UNKNOWN)
            console = next(sc for sc in app.stack if sc.name == "ws_console")
            for seat in ("usa", "japan", "openai"):
                for line in console._device_lines(seat):
                    seen.setdefault(line, "console device line")
    finally:
        if app.table_server is not None:
            app.table_server.stop()
        pygame.quit()
    assert any("最終応答" in t for t in seen), "the devices screen was drawn"
    problems = _problems(seen)
    assert not problems, f"{len(problems)} strings:\n" + "\n".join(problems[:60])


def test_the_team_page_script_takes_its_punctuation_from_the_server():
    from game.net.messages import page_texts

    script = (ROOT / "game/net/static/terminal.js").read_text(encoding="utf-8")
    literals = [m.group(1) for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', script)]
    own = [x for x in literals if x in (", ", ": ", " · ", "·", " (", "(", ")", "; ", "、", "：", "・", "（", "）", "；", "／")]
    assert not own, f"terminal.js writes punctuation of its own: {own}"
    ja, en = page_texts("ja"), page_texts("en")
    assert ja["sep.list"] == "、" and ja["sep.colon"] == "：" and ja["sep.lp"] == "（" and ja["sep.dot"] == "・"
    assert en["sep.list"] == ", " and en["sep.colon"] == ": "


# ------------------------------------------------------------------ the command line

CLI_ERRORS = [
    ["sim", "--scenario", "nope"],
    ["sim", "--scenario", "g7-2026", "--games", "x"],
    ["sim", "--scenario", "g7-2026", "--games", "0"],
    ["sim", "--scenario", "g7-2026", "--difficulty", "extreme"],
    ["cards", "--scenario", "nope", "--out", "OUT"],
    ["balance", "--best-response-seats", "atlantis", "--games", "1"],
    ["serve", "--scenario", "tutorial", "--ai", "atlantis"],
    ["replay", "MISSING.json"],
    ["play", "--bogus"],
    ["frobnicate"],
]
LOCATION = re.compile(r"^\S+\.(?:json|yaml)(?::\d+:\d+)?: (?:[\w.\[\]]+: )?")  # file:line:col: path: (ASCII by rule)


def _exit_code(main, argv: list[str]) -> object:
    """The exit code of ``sumiwake argv`` (`play` and `workshop` exit through SystemExit)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


@pytest.mark.parametrize("argv", CLI_ERRORS, ids=lambda a: "-".join(a[:2]))
def test_command_line_errors_read_with_full_width_punctuation(argv, tmp_path, capsys, monkeypatch):
    from game.launcher import main

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    argv = [str(tmp_path / a) if a.isupper() else a for a in argv]
    assert _exit_code(main, ["--lang", "ja", *argv]) == 2
    err = capsys.readouterr().err
    lines = [LOCATION.sub("", ln) for ln in err.splitlines() if JA.search(ln) and not ln.startswith(("使い方：", " "))]
    assert lines, err
    problems = _problems({ln: " ".join(argv[:1]) for ln in lines})
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("command", ["play", "workshop"])
def test_a_bad_size_is_quoted_in_japanese(command, tmp_path, capsys, monkeypatch):
    from game.launcher import main

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    assert _exit_code(main, ["--lang", "ja", command, "--size", "big"]) == 2
    err = capsys.readouterr().err.strip()
    assert "「big」" in err and "'big'" not in err and not half_width_punctuation(err), err
    assert _exit_code(main, ["--lang", "en", command, "--size", "big"]) == 2
    assert "not 'big'" in capsys.readouterr().err



@pytest.mark.parametrize("argv", [["replay", "MISSING.json"], ["report", "MISSING.json", "--out", "OUT.html"],
                                  ["serve", "--certfile", "CERT.pem", "--keyfile", "KEY.pem"]],
                         ids=lambda a: a[0])
def test_what_the_os_said_is_told_in_the_readers_language(argv, tmp_path, capsys, monkeypatch):
    """A file that is not there reads 「そのファイルまたはフォルダはありません」 in Japanese, not the
    operating system's English ("No such file or directory")."""
    from game.launcher import main

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    argv = [str(tmp_path / a) if a[:1].isupper() else a for a in argv]  # MISSING.json etc.: in an empty folder
    assert _exit_code(main, ["--lang", "ja", *argv]) == 2
    err = capsys.readouterr().err
    assert "そのファイルまたはフォルダはありません" in err and "No such file" not in err, err
    assert _exit_code(main, ["--lang", "en", *argv]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_an_os_error_text_survives_pickling_and_falls_back_to_the_os_words():
    import errno
    import pickle

    from game.i18n import OS_ERRORS, Catalog, os_error

    text = pickle.loads(pickle.dumps(os_error(FileNotFoundError(errno.ENOENT, "No such file or directory"))))
    cat = Catalog("t", {"k": {"en": "cannot read: {detail}", "ja": "読み込めません：{detail}"}})
    assert cat.render("k", "ja", detail=text) == "読み込めません：" + OS_ERRORS["ENOENT"]["ja"]
    assert str(text) == "No such file or directory"  # as a plain string: what the OS said
    odd = os_error(OSError(errno.ECHILD, "No child processes"))  # not catalogued: the OS's words
    assert cat.render("k", "ja", detail=odd) == "読み込めません：No child processes"
