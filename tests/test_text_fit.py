"""Every string on every scene of the demo game and the workshop demo fits its box, in English
and Japanese, at the normal and the largest text scale, and (in Japanese) in every window size
the settings offer — measured by rendering, not guessed.

The painter records each drawn string with the rectangle of its ink and the box it
belongs in (`Painter.drawn`); buttons are measured with their own pygame_gui font.
A check runs at every scene the demo (`--autoplay`) photographs.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from realloop import run_to_quit  # noqa: E402

TOLERANCE = 1  # px: anti-aliasing may touch the edge
BUTTON_PADDING = 4  # px each side inside a button's border, left free of text


def button_problems(app: App) -> list[str]:
    out = []
    top = app.top
    if top is None:
        return out
    for e in top.ui.elements:
        if not (e.alive() and e.visible) or not isinstance(e, pygame_gui.elements.UIButton):
            continue
        text = e.text
        if not text:
            continue
        w, _ = e.font.size(text)
        bw = e.border_width
        border = (max(bw.values()) if isinstance(bw, dict) else int(bw or 0)) + int(e.shadow_width or 0)
        room = e.rect.width - 2 * (border + BUTTON_PADDING)
        if w > room:
            out.append(f"button {text!r}: {w}px of text in {room}px")
        ink = e.font.render_premul(text, pygame.Color(255, 255, 255)).get_bounding_rect().height
        tall = e.rect.height - 2 * border
        if ink > tall:  # the letters touch the top or bottom border
            out.append(f"button {text!r}: letters {ink}px high in {tall}px")
    return out


def painter_problems(app: App) -> list[str]:
    out = []
    screen = app.screen.get_rect()
    for d in app.painter.drawn:
        if not d.text.strip() or d.ink.width == 0:
            continue
        box = d.box.clip(screen)
        if not box.inflate(2 * TOLERANCE, 2 * TOLERANCE).contains(d.ink):
            out.append(f"text {d.text!r}: ink {tuple(d.ink)} outside box {tuple(box)}")
    return out


def overlap_problems(app: App) -> list[str]:
    """Two different strings of the top scene whose ink overlaps: one has run into the other."""
    out = []
    drawn = [d for d in app.painter.drawn[getattr(app, "top_first_drawn", 0):] if d.text.strip() and d.ink.width]
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            if a.text != b.text and a.ink.colliderect(b.ink):
                clip = a.ink.clip(b.ink)
                if clip.width > 2 and clip.height > 2:
                    out.append(f"text {a.text!r} {tuple(a.ink)} overlaps {b.text!r} {tuple(b.ink)}")
    return out


def cut_problems(app: App, label: str, ui_scale: float) -> list[str]:
    """Strings that must show whole, never cut short with "…": the tutorial's guide (it runs over
    pages instead), every debrief prompt (the text steps down in size) and, at the normal text
    scale, the console's missing-orders line."""
    p, top = app.painter, app.top
    boxes: list[pygame.Rect] = []
    if label.startswith("table") and top is not None and hasattr(top, "_tutorial_layout"):
        layout = top._tutorial_layout()
        if layout is not None:
            boxes.append(layout[1])
    if label.startswith("ws_debrief_prompts"):
        boxes.append(app.screen.get_rect())
    if label.startswith("ws_console") and ui_scale <= 1.0:
        boxes.append(pygame.Rect(0, p.s(600), p.s(650), p.s(40)))
    return [f"text {d.text!r} cut short" for d in p.drawn
            if d.cut and any(b.contains(d.box) or b.colliderect(d.ink) and b.contains(d.ink) for b in boxes)]


def run_demo(lang: str, monkeypatch, tmp_path: Path, scenario: str = "tutorial",
             rounds: int | None = None, ui_scale: float = 1.0, size: tuple[int, int] = (1280, 720),
             workshop: bool = False) -> tuple[list[str], int]:
    import json

    home = tmp_path / "home"
    monkeypatch.setenv("SUMIWAKE_HOME", str(home))
    from game.ui.autoplay import Autoplayer
    from game.ui.scenes.title import TitleScene

    w, h = size
    if workshop:
        from game.ui.workshop_app import build_app

        home.mkdir(parents=True, exist_ok=True)
        (home / "settings.json").write_text(json.dumps({"width": w, "height": h, "fullscreen": False,
                                                        "ui_scale": ui_scale, "lang": lang}))
        app = build_app(["--autoplay", "--lang", lang, "--size", f"{w}x{h}"]
                        + (["--scenario", scenario] if scenario != "tutorial" else []))
    else:
        app = App(Settings(width=w, height=h, lang=lang, ui_scale=ui_scale), screenshots=None)
    problems: list[str] = []
    scenes = 0

    def check(label: str):
        nonlocal scenes
        scenes += 1
        found = painter_problems(app) + button_problems(app) + overlap_problems(app)
        if lang == "ja":
            found += cut_problems(app, label, ui_scale)
        problems.extend(f"[{lang} {w}×{h} {ui_scale:.0%}] {label}: {p}" for p in found)
        return None

    app.screenshot = check  # the demo calls this at every scene

    def draw() -> None:  # App.draw, noting where the top scene's strings begin (overlays sit on others)
        first = len(app.stack) - 1
        while first > 0 and not app.stack[first].opaque:
            first -= 1
        for sc in app.stack[max(first, 0):]:
            if sc is app.stack[-1]:
                app.top_first_drawn = len(app.painter.drawn)
            sc.draw(app.screen)
        app.manager.draw_ui(app.screen)

    app.draw = draw
    if not workshop:
        app.push(TitleScene(app))
        app.autoplayer = Autoplayer(app, scenario, 1, rounds)
    run_to_quit(app)
    return sorted(set(problems)), scenes


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(("scenario", "rounds", "min_scenes"), [("tutorial", None, 30), ("g7-2026", 1, 15)])
def test_every_string_fits_its_box(lang, scenario, rounds, min_scenes, monkeypatch, tmp_path):
    problems, scenes = run_demo(lang, monkeypatch, tmp_path, scenario, rounds)
    assert scenes >= min_scenes, "the demo visits every scene"
    assert not problems, f"{len(problems)} overflowing strings:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_string_fits_at_the_largest_text_scale(lang, monkeypatch, tmp_path):
    """The settings offer text at up to 120 %; the smallest window must still hold it."""
    from game.ui.settings import SCALES

    problems, scenes = run_demo(lang, monkeypatch, tmp_path, "tutorial", None, ui_scale=max(SCALES))
    assert scenes >= 30
    assert not problems, f"{len(problems)} overflowing strings at {max(SCALES):.0%}:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("ui_scale", [1.0, 1.2])
@pytest.mark.parametrize("size", [(1600, 900), (1920, 1080), (2560, 1440)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_japanese_string_fits_in_every_window_size(size, ui_scale, monkeypatch, tmp_path):
    """The other window sizes the settings offer: the layout grows with the window, the text
    with it, and rounding must not push a string out of its box."""
    from game.ui.settings import SIZES

    assert size in SIZES
    problems, scenes = run_demo("ja", monkeypatch, tmp_path, "tutorial", None, ui_scale=ui_scale, size=size)
    assert scenes >= 30
    assert not problems, f"{len(problems)} overflowing strings:\n" + "\n".join(problems[:60])


@pytest.mark.parametrize("ui_scale", [1.0, 1.2])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_japanese_string_of_the_workshop_fits(size, ui_scale, monkeypatch, tmp_path):
    """The workshop demo: setup, console, inject, agreement, override, hand-over, orders, the
    projector and every debrief page, in Japanese."""
    problems, scenes = run_demo("ja", monkeypatch, tmp_path, "tutorial", None, ui_scale=ui_scale, size=size,
                                workshop=True)
    assert scenes >= 30
    assert not problems, f"{len(problems)} overflowing strings:\n" + "\n".join(problems[:60])


def test_painter_records_ink_and_box():
    pygame.init()
    from game.ui.draw import Painter
    from game.ui.theme import Theme

    p = Painter(Theme.load(), 1.0)
    surf = pygame.Surface((200, 100))
    p.begin_frame()
    p.wrap(surf, "相互接続とすみ分け、そして自前主義の限界。" * 3, pygame.Rect(10, 10, 120, 90), "small")
    assert p.drawn and all(d.box == pygame.Rect(10, 10, 120, 90) for d in p.drawn)
    assert all(d.ink.right <= 131 for d in p.drawn), "wrapped lines stay inside the width"
    assert not any(d.text[0] in "。、」" for d in p.drawn), "kinsoku: no line starts with 。、」"
    p.begin_frame()
    p.text(surf, "A very long heading that cannot fit", (0, 0), "body", max_w=100)
    assert p.drawn[0].text.endswith("…") and p.drawn[0].ink.width <= 101
    pygame.quit()


def test_settings_switch_language_live_and_persist(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.title import TitleScene

    app = App(Settings(lang="en"))
    try:
        app.push(TitleScene(app))
        app.step()
        assert "New game" in " ".join(app.rendered_texts())
        app.push(SettingsScene(app))
        app.top.ui.buttons["lang"].on_self_event = None
        app.top._lang("ja")
        app.top.apply()
        app.step()
        assert app.settings.lang == "ja" and "言語" in " ".join(app.rendered_texts())
        app.pop()
        app.step()
        assert "新しいゲーム" in " ".join(app.rendered_texts()), "the scene below is rebuilt in Japanese"
        assert Settings.load().lang == "ja", "the choice is saved for next time"
    finally:
        app.worker.wait()
        pygame.quit()
