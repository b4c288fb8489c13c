"""The HTML pages Sumiwake writes carry the bundled font, so Japanese renders on a machine with
no Japanese font: role cards, the rules summary, order sheets and join cards link one copy of
each weight in ``fonts/`` beside them; the report (one file that travels alone) embeds both,
its charts' text included.  In Chromium, every character of each page is drawn with the
bundled font and none falls back to a system font."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.session.fonts import font_file
from game.session.report_build import build_report
from test_glyphs import TEAMS, glyphless

WEIGHTS = {400: font_file("Regular"), 700: font_file("Bold")}
FACE = re.compile(r"@font-face\s*\{\s*font-family:\s*['\"]SumiwakeJP['\"];\s*font-weight:\s*(\d+);\s*"
                  r"src:\s*url\(([^)]*)\)")


class _Text(HTMLParser):
    """The text a reader sees (no <style>), bold or not."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "meta", "rect", "path", "circle", "polygon", "line", "polyline"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "style" not in self.stack and "title" not in self.stack:
            self.text.append(data)


def visible_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    return "".join(p.text)


def font_faces(html: str) -> dict[int, str]:
    return {int(w): src for w, src in FACE.findall(html)}


def check_font_faces(page: Path, html: str, linked: bool) -> None:
    faces = font_faces(html)
    assert set(faces) == {400, 700}, f"{page.name}: regular and bold @font-face rules"
    for weight, src in faces.items():
        if linked:
            assert not src.startswith("data:") and not src.startswith("/"), f"{page.name}: a relative link"
            assert (page.parent / src).read_bytes() == WEIGHTS[weight].read_bytes(), f"{page.name}: {src}"
        else:
            assert src.startswith("data:font/otf;base64,")
            assert base64.b64decode(src.split(",", 1)[1]) == WEIGHTS[weight].read_bytes()
    assert re.search(r"body\s*\{\s*font-family:\s*['\"]SumiwakeJP['\"]", html), f"{page.name}: the body uses it"
    # kinsoku in the browser too: no line starts with ー, a small kana or a closing mark
    assert re.search(r"body\s*\{[^}]*line-break:\s*strict", html), f"{page.name}: strict line breaking"
    assert "word-break: break-all" not in html.replace(".card p.url { word-break: break-all; }", "")
    for system in ("Noto Sans JP", "Hiragino", "Yu Gothic", "Noto Sans CJK JP"):
        assert system not in html, f"{page.name}: no system font named ({system})"
    text = visible_text(html)
    assert not glyphless(str(WEIGHTS[400]), text), f"{page.name}: every character is in the bundled font"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Japanese cards (with each seat's secret), join cards and a Japanese report of a short game."""
    pytest.importorskip("segno")
    from game.cli.main import main
    from game.net.table import TableHost

    tmp = tmp_path_factory.mktemp("pages")
    TableHost.new("tutorial", 9, {"sakana": "random"}, autosave_path=tmp / "ws.json")
    out = tmp / "cards"
    code = main(["--lang", "ja", "cards", "--scenario", "tutorial", "--seed", "4", "--out", str(out),
                 "--session", str(tmp / "ws.json"), "--server", "http://192.168.1.20:8765/"])
    assert code == 0
    from game.content import load_scenario
    from game.session.balance import TableSpec, play_table

    g = play_table(load_scenario("tutorial"), 3, TableSpec(), rounds=2)
    build_report(g, tmp / "report-ja.html", "ja", counterfactual=lambda *_: None)
    build_report(g, tmp / "report-en.html", "en", counterfactual=lambda *_: None)
    build_report(g, tmp / "report-en-teams.html", "en", counterfactual=lambda *_: None, teams=TEAMS)
    return {"card": out / "tutorial-japan.html", "summary": out / "rules-summary.html", "index": out / "index.html",
            "sheets_ja": out / "order-sheets-ja.html", "sheets_en": out / "order-sheets-en.html",
            "join": out / "join-cards.html", "report": tmp / "report-ja.html",
            "report_en": tmp / "report-en.html", "report_teams": tmp / "report-en-teams.html"}


@pytest.mark.parametrize("name", ["card", "summary", "index", "sheets_ja", "sheets_en", "join"])
def test_card_pages_link_one_copy_of_the_bundled_font_beside_them(pages, name):
    page = pages[name]
    html = page.read_text(encoding="utf-8")
    check_font_faces(page, html, linked=True)
    assert len(html) < 200_000, "the font is linked, not copied into every page"


def test_the_cards_folder_holds_the_font_once(pages):
    folder = pages["card"].parent
    fonts = sorted(p.name for p in (folder / "fonts").iterdir())
    assert fonts == sorted(p.name for p in WEIGHTS.values())
    assert sum(p.stat().st_size for p in folder.glob("*.html")) < 1_000_000


def test_the_japanese_report_embeds_both_weights_and_its_charts_use_them(pages):
    html = pages["report"].read_text(encoding="utf-8")
    check_font_faces(pages["report"], html, linked=False)
    for cls in ("ct", "ax", "lg"):  # chart title, axes and legend
        rule = re.search(r"\." + cls + r"\{font:([^;}]*)", html)
        assert rule and "'SumiwakeJP'" in rule.group(1), f".{cls} draws with the bundled font"
    assert 'class="ct"' in html and 'class="lg"' in html


def test_an_english_report_embeds_the_font_only_when_it_holds_japanese(pages):
    assert not font_faces(pages["report_en"].read_text(encoding="utf-8")), "plain English stays small"
    html = pages["report_teams"].read_text(encoding="utf-8")
    assert TEAMS["usa"] in html
    check_font_faces(pages["report_teams"], html, linked=False)


# ------------------------------------------------------------------ in Chromium


def _platform_fonts(page) -> dict[str, set[str]]:  # noqa: ANN001 - playwright's page
    """For every element with text of its own: the fonts Chromium really drew it with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    used: dict[str, set[str]] = {}

    def walk(node) -> None:  # noqa: ANN001
        kids = node.get("children", [])
        if node.get("nodeName") not in ("STYLE", "TITLE", "HEAD", "SCRIPT") and any(
                k.get("nodeType") == 3 and k.get("nodeValue", "").strip() for k in kids):
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            for f in fonts:
                used.setdefault(f"{f['familyName']} custom={f['isCustomFont']}", set()).add(node["nodeName"])
        for k in kids:
            walk(k)

    walk(root)
    return used


@pytest.mark.parametrize("name", ["card", "summary", "sheets_ja", "join", "report"])
def test_chromium_draws_every_character_with_the_bundled_font(pages, name):
    from browser_support import launch, sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.goto(pages[name].as_uri())
            page.evaluate("document.fonts.ready.then(() => true)")
            assert page.evaluate("document.fonts.check('16px SumiwakeJP', '日本語')")
            used = _platform_fonts(page)
        finally:
            browser.close()
    assert used, "the page has text"
    fallback = {f: tags for f, tags in used.items() if not f.endswith("custom=True")}
    assert not fallback, f"{name}: text drawn with a system font: {fallback}"
