"""No tofu for Japanese a user meets or types: tooltips are drawn with the bundled font in
the theme's tooltip colours, and the bundled font holds all of JIS X 0208 and circled
numbers, so typed team names and override reasons render whole on every screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import messages  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.theme import FONT_BOLD, FONT_REGULAR, Theme  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = {str(Path(FONT_REGULAR).resolve()), str(Path(FONT_BOLD).resolve())}
TEAMS = {"usa": "外務省チーム", "japan": "内閣官房", "openai": "佐藤班", "sakana": "鈴木班"}
REASON = "紛糾した交渉の訂正：佐藤・鈴木・田村・林・吉井・松清①②"
# characters the December review found missing from the old subset
REVIEW_MISSING = "務閣庁官房佐藤鈴木田村林吉井松清住友富士株商貿訂紛糾①②"


def _jis_x_0208() -> set[str]:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_font_subset import jis_x_0208
    finally:
        sys.path.pop(0)
    return jis_x_0208()


def glyphless(path: str, text: str) -> list[str]:
    """The characters of ``text`` that the font file at ``path`` has no glyph for."""
    pygame.font.init()
    font = pygame.font.Font(path, 16)
    chars = [c for c in dict.fromkeys(text) if not c.isspace()]
    return [c for c, m in zip(chars, font.metrics("".join(chars)), strict=True) if m is None]


def test_jis_x_0208_is_the_whole_standard():
    chars = _jis_x_0208()
    kanji = {c for c in chars if "\u4e00" <= c <= "\u9fff"}
    assert len(chars) == 6879  # 524 non-kanji + 6355 kanji (levels 1 and 2)
    assert len(kanji) >= 6355
    assert {"ぁ", "ヶ", "Ω", "Я", "Ａ", "※", "〒", "弌", "熙"} <= chars  # kana, Greek, Cyrillic, forms, last kanji


@pytest.mark.parametrize("path", [FONT_REGULAR, FONT_BOLD], ids=["regular", "bold"])
def test_the_bundled_font_covers_jis_x_0208_and_circled_numbers(path):
    circled = "".join(chr(c) for c in range(0x2460, 0x2474)) + "㉑㉟㊱㊿"  # ①-⑳, 21-50
    missing = glyphless(path, "".join(sorted(_jis_x_0208())) + circled + REVIEW_MISSING)
    assert not missing, f"{Path(path).name} lacks {len(missing)}: {''.join(missing[:60])}"


def _font_file(theme, font) -> str:
    """The file a pygame_gui font object was loaded from."""
    for res in theme.get_font_dictionary().loaded_fonts.values():
        if res.loaded_font is font:
            return str(Path(str(res.location)).resolve()) if Path(str(res.location)).is_file() else str(res.location)
    raise AssertionError(f"font {font} is not in the font dictionary")


def test_a_japanese_tooltip_is_drawn_with_the_bundled_font_in_the_tooltip_colours(home, monkeypatch):
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    app = App(Settings(lang="ja"), scenario="tutorial", seed=7)
    try:
        app.push(TitleScene(app))
        app.step()
        button = app.top.ui.buttons["new"]
        monkeypatch.setattr(pygame.mouse, "get_pos", lambda: button.rect.center)  # the pointer rests on it
        app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=button.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
        for _ in range(3):  # past the tooltip delay
            app.step(dt=0.5)
        tip = button.tool_tip
        assert tip is not None and tip.text_block is not None, "no tooltip after hovering"
        box = tip.text_block
        assert messages.t("title.new.tip", "ja") in box.html_text
        theme = box.ui_theme
        chunks = [item for row in box.text_box_layout.layout_rows for item in row.items
                  if getattr(item, "text", "").strip()]
        assert "".join(c.text for c in chunks).replace(" ", "") == box.html_text.replace(" ", "")
        for chunk in chunks:
            path = _font_file(theme, chunk.font)
            assert path in BUNDLED, f"tooltip text {chunk.text!r} drawn with {path}"
            assert not glyphless(path, chunk.text), f"{chunk.text!r}: no glyph in {path}"
        colours = Theme.load().gui["tool_tip.text_box"]["colours"]
        assert box.background_colour == pygame.Color(colours["dark_bg"])
        assert box.border_colour == pygame.Color(colours["normal_border"])
        assert theme.get_colour_or_gradient("normal_text", box.combined_element_ids) == pygame.Color(colours["normal_text"])
    finally:
        app.worker.wait()
        pygame.quit()


def _type(app, entry, text: str) -> None:
    pos = entry.rect.center
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    assert entry.is_focused
    entry.set_text("")
    app.step(events=[pygame.event.Event(pygame.TEXTINPUT, text=text)])
    app.step()
    assert entry.get_text() == text


def _click(app, name: str) -> None:
    pos = app.top.ui.buttons[name].rect.center
    app.step(events=[pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.step(events=[pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    app.step()


def _drawn_whole(app, text: str) -> None:
    """``text`` reached the screen through the UI's text path, every glyph in the font."""
    drawn = [d.text for d in app.top.p.drawn if text in d.text]
    assert drawn, f"{text!r} is not on {app.top.name}"
    for path in (FONT_REGULAR, FONT_BOLD):  # the painter sets text in either weight
        assert not glyphless(path, "".join(drawn)), f"{text!r} has tofu in {Path(path).name}"


def test_typed_team_names_and_an_override_reason_render_whole(home):
    from game.ui.scenes.workshop_setup import WorkshopSetupScene
    from game.ui.workshop_app import WorkshopApp

    app = WorkshopApp(Settings(lang="ja"), scenario="tutorial", seed=2, clock=lambda: 5000.0)
    try:
        app.push(WorkshopSetupScene(app))
        app.step()
        theme = app.manager.get_theme()
        for seat, name in TEAMS.items():
            entry = app.top.entries[seat]
            _type(app, entry, name)
            path = _font_file(theme, theme.get_font(entry.combined_element_ids))
            assert path in BUNDLED and not glyphless(path, name), f"the {seat} entry shows tofu"
        app.step()
        _click(app, "start")
        assert app.top.name == "ws_console"
        assert app.ws.teams == TEAMS
        app.step()
        for name in TEAMS.values():
            _drawn_whole(app, name)
        _click(app, "override")
        assert app.top.name == "ws_override"
        _type(app, app.top.reason_entry, REASON)
        _click(app, "apply")
        assert app.ws.game.state.overrides[-1]["reason"] == REASON
        _click(app, "override")
        app.step()
        _drawn_whole(app, REASON)
    finally:
        pygame.quit()
