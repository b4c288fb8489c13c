"""Screens that open files from outside: the title screen's Continue and the load screen on damaged
files, a damaged settings file, and a full disk on the workshop console (pygame dummy driver)."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

from _saves import game_save, rehash  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

SHOTS = os.environ.get("SUMIWAKE_TEST_SHOTS")  # set to a directory to keep PNGs of these screens


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "saves").mkdir(parents=True)
    return tmp_path / "home"


def _title(lang: str = "en") -> App:
    from game.ui.scenes.title import TitleScene

    a = App(Settings.load() if lang is None else Settings(lang=lang))
    a.push(TitleScene(a))
    a.step()
    return a


def _press(app: App, key: int) -> None:
    app.step(events=[pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)])
    app.step()


def _shot(app: App, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.screen, str(Path(SHOTS) / f"{name}.png"))


def _damaged_autosaves(home: Path) -> list[tuple[str, bytes | None]]:
    bad_shape = game_save()
    bad_shape["state"]["nations"]["usa"]["trust"] = "lots"
    return [
        ("wrong-shape", json.dumps(rehash(bad_shape)).encode()),
        ("truncated", json.dumps(game_save()).encode()[:5000]),
        ("binary", bytes(range(256))),
        ("deep", b"[" * 100_000),
        ("directory", None),
    ]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_continue_on_a_damaged_autosave_says_why_and_keeps_the_title(home, lang):
    expected = {
        "wrong-shape": {"en": "state.nations.usa.trust: must be an object", "ja": "state.nations.usa.trust：オブジェクトでなければなりません"},
        "truncated": {"en": "not JSON: line 1", "ja": "JSONではありません：1行"},
        "binary": {"en": "not a text file", "ja": "テキストファイルではありません"},
        "deep": {"en": "nested too deeply", "ja": "入れ子が深すぎます"},
        "directory": {"en": "not a regular file", "ja": "通常のファイルではありません"},
    }
    path = home / "autosave.json"
    for name, data in _damaged_autosaves(home):
        if path.is_dir():
            path.rmdir()
        elif path.exists():
            path.unlink()
        if data is None:
            path.mkdir()
        else:
            path.write_bytes(data)
        app = _title(lang)
        try:
            assert app.top.ui.buttons["continue"].is_enabled
            _press(app, pygame.K_c)
            assert app.top.name == "title" and app.match is None, name
            shown = app.top.error
            assert shown.startswith(app.t("save.error", reason="autosave.json")), shown
            assert expected[name][lang] in shown, (name, shown)
            app.step()  # and the screen draws it
            _shot(app, f"continue-{name}-{lang}")
            assert any(expected[name][lang][:12] in line for line in app.rendered_texts()), name
        finally:
            app.worker.wait()
            pygame.quit()


def test_the_load_screen_marks_damaged_slots_and_loading_one_says_why(home):
    from game.ui.scenes.saveload import SaveLoadScene, describe

    (home / "saves" / "slot1.json").write_text("{", encoding="utf-8")
    os.mkfifo(home / "saves" / "slot2.json")  # would block a naive read
    (home / "saves" / "slot3.json").write_text(json.dumps(game_save()), encoding="utf-8")
    assert "problem" in describe(home / "saves" / "slot1.json")
    assert "problem" in describe(home / "saves" / "slot2.json")
    assert describe(home / "saves" / "slot3.json")["round"] == 2
    app = _title("en")
    try:
        app.push(SaveLoadScene(app, "load"))
        app.step()
        texts = "\n".join(app.rendered_texts())
        assert "Slot 1 — damaged: load it to see why" in texts and "Slot 2 — damaged" in texts
        _shot(app, "load-screen")
        _press(app, pygame.K_2)
        assert app.top.name == "saveload" and app.match is None
        assert app.top.message == "Could not do that: slot2.json: not a regular file"
        _press(app, pygame.K_3)
        assert app.top.name == "table" and app.match.game.round == 2
    finally:
        app.worker.wait()
        pygame.quit()


@pytest.mark.parametrize("text", ['{"width": 1e999}', '{"width": "wide"}', '{"lang": ["ja"]}', "[1]", '{"ui_scale": NaN}'])
def test_a_damaged_settings_file_gives_the_defaults_and_says_so(home, text):
    (home / "settings.json").write_text(text, encoding="utf-8")
    s = Settings.load()
    assert (s.width, s.height, s.lang, s.ui_scale) == (1280, 720, "en", 1.0)
    assert s.problem is not None and str(home / "settings.json") in s.problem.message("en")
    app = App(s)
    try:
        from game.ui.scenes.title import TitleScene

        app.push(TitleScene(app))
        app.step()
        assert app.top.error.startswith("The saved settings were not used (")
    finally:
        pygame.quit()


def test_a_full_disk_is_shown_on_the_console_and_the_session_goes_on(home, monkeypatch):
    from game.ui.scenes.workshop_setup import WorkshopSetupScene
    from game.ui.workshop_app import WorkshopApp

    class Clock:
        t = 1000.0

        def __call__(self) -> float:
            return self.t

    app = WorkshopApp(Settings(lang="en"), scenario="tutorial", seed=2, clock=Clock())
    try:
        app.push(WorkshopSetupScene(app))
        app.step()
        app.top.ui.buttons["start"].pressed_event = None
        _press(app, pygame.K_RETURN)
        assert app.top.name == "ws_console"
        ws = app.ws
        path = ws.autosave_path
        good = path.read_bytes()

        def full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        _press(app, pygame.K_n)  # End phase: event -> negotiation
        assert ws.game.phase == "negotiation"
        texts = "\n".join(app.rendered_texts())
        assert "Autosave FAILED (no space left on the disk)" in texts
        _shot(app, "console-disk-full")
        assert path.read_bytes() == good and not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        app.top.save_quit()  # Save & quit refuses to lose the session
        assert not app.quit
        monkeypatch.undo()
        _press(app, pygame.K_n)
        assert ws.save_problem is None and ws.game.phase == "orders"
        assert "Autosave FAILED" not in "\n".join(app.rendered_texts())
    finally:
        pygame.quit()
