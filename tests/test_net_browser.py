"""Team terminals in a real browser (Debian's chromium, headless, driven by Playwright).

Three browser teams (two laptop windows, one 360-pixel phone; one of them in Japanese)
and five AI seats play two rounds with the facilitator's page; the first card puts a choice
(Japan answers on its page, the facilitator decides for the United States, the projector
shows the options and then what each seat chose); one team reloads in the
middle of its orders and carries on; the projector's frames never carry a pending order;
a reissued link locks the old tab out; the Japanese page draws every character with the
bundled font.  Screenshots go to $SUMIWAKE_SHOTS (default: the test's tmp folder)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from browser_support import launch, sync_playwright

pytest.importorskip("uvicorn")

from game.net.links import seat_links  # noqa: E402
from game.net.server import Access, ServerThread  # noqa: E402
from game.net.table import TableHost  # noqa: E402

TEAMS = ("japan", "usa", "openai")
TIMEOUT = 20_000  # ms for any one wait


def _frames(page, sink: list[str]) -> None:
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: sink.append(payload)))


def _sheet_ready(page) -> None:
    page.wait_for_selector("#orders #add", timeout=TIMEOUT)
    page.wait_for_function("document.querySelector('#legal') && document.querySelector('#legal').textContent.length > 0",
                           timeout=TIMEOUT)


def _add_first_legal(page) -> None:
    _sheet_ready(page)
    page.wait_for_function("!document.querySelector('#add').disabled", timeout=TIMEOUT)
    page.click("#add")
    page.wait_for_function("document.querySelectorAll('#draft li').length >= 1", timeout=TIMEOUT)
    page.wait_for_function("document.querySelector('#legal').textContent.startsWith('✓')", timeout=TIMEOUT)


def _submit(page) -> None:
    page.wait_for_function("!document.querySelector('#submit').disabled", timeout=TIMEOUT)
    page.click("#submit")
    page.wait_for_selector("#submitted.good", timeout=TIMEOUT)


def _admin(page, button: str) -> None:
    page.wait_for_selector(button, timeout=TIMEOUT)
    page.click(button)


def _phase(page, phase_name: str) -> None:
    page.wait_for_function(f"document.querySelector('#clock').textContent.startsWith({json.dumps(phase_name)})",
                           timeout=TIMEOUT)


@pytest.fixture
def shots(tmp_path) -> Path:
    d = Path(os.environ.get("SUMIWAKE_SHOTS", tmp_path / "shots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def test_three_browser_teams_and_ai_play_two_rounds(tmp_path, shots):
    ai = {s: "easy" for s in ("usa", "openai", "japan", "france", "canada", "sakana", "mistral", "cohere")
          if s not in TEAMS}
    host = TableHost.new("middle-powers", 11, ai, rounds=3, autosave_path=tmp_path / "ws.json")
    host.ws.choose_inject("g7_summit")  # the summit asks every nation: the United States, Japan, France, Canada
    server = ServerThread(host, access=Access(hosts={"127.0.0.1"})).start()
    links = seat_links(host, server.url)
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            # the test's own waits are scripts the pages' CSP forbids; the projector's page runs under it
            laptop = {"viewport": {"width": 1280, "height": 900}, "bypass_csp": True}
            admin = browser.new_page(**laptop)
            admin.goto(links["admin"])
            admin.wait_for_selector("#seats", timeout=TIMEOUT)
            proj_frames: list[str] = []
            projector = browser.new_page(viewport={"width": 1600, "height": 900})
            _frames(projector, proj_frames)
            projector.goto(links["projector"])
            japan = browser.new_page(**laptop)
            japan.goto(links["seats"]["japan"].replace("?", "?lang=ja&", 1) if "?" in links["seats"]["japan"]
                       else links["seats"]["japan"].replace("#", "?lang=ja#", 1))
            usa = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2,
                                      is_mobile=True, has_touch=True, bypass_csp=True).new_page()
            usa.goto(links["seats"]["usa"])
            openai_ctx = browser.new_context(**laptop)
            openai = openai_ctx.new_page()
            openai.goto(links["seats"]["openai"])
            for p in (japan, usa, openai, projector):
                p.wait_for_selector("#indices", timeout=TIMEOUT)
            assert japan.locator("#lang").inner_text() == "English"  # the page is in Japanese

            # the card's choice: Japan picks on its page, the facilitator decides for the United States
            japan.wait_for_selector("button.option[data-option=data_pledge]", timeout=TIMEOUT)
            assert japan.locator("button.option").count() == 3
            japan.click("button.option[data-option=data_pledge]")
            japan.wait_for_selector("button.option.selected[data-option=data_pledge]", timeout=TIMEOUT)
            assert "✓" in japan.inner_text("#choice-now")
            assert openai.locator("button.option").count() == 0  # the card does not ask a firm
            admin.wait_for_selector("select.choice[data-seat=usa]", timeout=TIMEOUT)
            admin.select_option("select.choice[data-seat=usa]", "defence_fund")
            usa.wait_for_selector("button.option.selected[data-option=defence_fund]", timeout=TIMEOUT)
            projector.wait_for_selector("#choice .options-list li", timeout=TIMEOUT)
            assert projector.locator("#choice .options-list li").count() == 3
            assert host.ws.game.state.choices == {"japan": "data_pledge", "usa": "defence_fund"}
            japan.screenshot(path=str(shots / "team-ja-choice.png"), full_page=True)
            usa.screenshot(path=str(shots / "phone-choice.png"), full_page=True)
            admin.screenshot(path=str(shots / "admin-choice.png"), full_page=True)
            projector.screenshot(path=str(shots / "projector-choice.png"), full_page=True)
            choosing = list(proj_frames)

            # negotiation: the United States proposes, Japan accepts on its page
            _admin(admin, "#a-end")
            projector.wait_for_selector("#choice .made li", timeout=TIMEOUT)
            made = projector.locator("#choice .made li").all_inner_texts()
            assert len(made) == 4 and any(m.startswith("Japan") and "public data" in m for m in made), made
            projector.screenshot(path=str(shots / "projector-choices-made.png"), full_page=True)
            # before the card applied, the projector was never told who chose what
            for f in (json.loads(x) for x in choosing):
                if f.get("type") == "snapshot" and f["data"].get("choice"):
                    assert "answers" not in f["data"]["choice"] and "mine" not in f["data"]["choice"]
            _phase(usa, "Negotiation")
            usa.select_option("#p-kind", "threat_intel_sharing")
            usa.check("input[value=japan]")
            usa.click("#p-send")
            japan.wait_for_selector("button[data-act=accept]", timeout=TIMEOUT)
            japan.click("button[data-act=accept]")
            projector.wait_for_selector("#agreements li", timeout=TIMEOUT)

            # orders, round 1: every team adds an order; Japan reloads mid-draft and carries on
            _admin(admin, "#a-end")
            for p in (japan, usa, openai):
                _add_first_legal(p)
            drafted = japan.locator("#draft li").all_inner_texts()
            japan.reload()
            _sheet_ready(japan)
            assert japan.locator("#draft li").all_inner_texts() == drafted  # the draft survived the reload
            for p in (usa, openai, japan):
                _submit(p)
            usa.screenshot(path=str(shots / "phone-orders-submitted.png"), full_page=True)
            japan.screenshot(path=str(shots / "team-ja-orders.png"), full_page=True)
            admin.wait_for_function("[...document.querySelectorAll('#seats td')].filter(td => td.textContent.startsWith('✓')).length === 3",
                                    timeout=TIMEOUT)
            admin.screenshot(path=str(shots / "admin-all-in.png"), full_page=True)
            pending = {s: [str(o) for o in host.ws.game.state.pending[s]] for s in TEAMS}
            assert all(pending.values())
            projector.screenshot(path=str(shots / "projector-orders.png"), full_page=True)
            before_resolve = list(proj_frames)
            proj_text = projector.inner_text("body")
            _admin(admin, "#a-resolve")
            for p in (japan, usa, openai):
                p.wait_for_selector("#report", timeout=TIMEOUT)
            assert "1" in usa.inner_text("#report h3")
            usa.screenshot(path=str(shots / "phone-report.png"), full_page=True)
            japan.screenshot(path=str(shots / "team-ja-report.png"), full_page=True)

            # the projector never carried a pending order or an objective
            snaps = [json.loads(f) for f in before_resolve]
            snaps = [f["data"] for f in snaps if f.get("type") == "snapshot"]
            assert snaps and all(d["view"]["pending"] == [] and d["view"]["objective"] is None for d in snaps)
            blob = "\n".join(before_resolve)
            for seat, orders in pending.items():
                for text in orders:
                    assert text not in blob, (seat, text)
            assert all("sheet" not in d and "brief" not in d for d in snaps)
            assert "✓" in proj_text  # it shows who is in, and nothing of what they sent

            # round 2: hold (an empty sheet), resolve
            _admin(admin, "#a-end")
            _admin(admin, "#a-end")
            for p in (japan, usa, openai):
                _sheet_ready(p)
                while p.locator("#draft li button.remove").count():
                    p.locator("#draft li button.remove").first.click()
                    p.wait_for_timeout(100)
                _submit(p)
            _admin(admin, "#a-resolve")
            usa.wait_for_function("document.querySelector('#report h3') && document.querySelector('#report h3').textContent.includes('2')",
                                  timeout=TIMEOUT)
            assert host.ws.game.round == 3

            # a reissued link locks the old tab out at once
            admin.click("button.reissue[data-seat=openai]")
            openai.wait_for_selector(".revoked", timeout=TIMEOUT)
            openai.wait_for_timeout(1500)
            assert openai.locator("#orders").count() == 0 and openai.locator(".revoked").count() == 1
            openai.screenshot(path=str(shots / "revoked.png"), full_page=True)
            fresh = openai_ctx.new_page()
            fresh.goto(links["seats"]["openai"])  # the old link, in a new tab: refused
            fresh.wait_for_function("document.querySelector('#status').className === 'bad'", timeout=TIMEOUT)

            # Japanese without tofu: the bundled font is loaded and has a glyph for every character shown
            text = japan.inner_text("body")
            assert any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)
            loaded = japan.evaluate("async (t) => { await document.fonts.ready; "
                                    "const faces = await document.fonts.load('16px Sumiwake', t); "
                                    "return [faces.length, document.fonts.check('16px Sumiwake', t)]; }", text)
            assert loaded[0] >= 1 and loaded[1]
            family = japan.evaluate("getComputedStyle(document.body).fontFamily")
            assert family.startswith('"Sumiwake"') or family.startswith("Sumiwake")
            _assert_glyphs(text)
            browser.close()
    finally:
        server.stop()
    assert {a.action for a in host.ws.audit} >= {"orders", "reissue_token", "end_phase"}


def _assert_glyphs(text: str) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    freetype = pytest.importorskip("pygame.freetype")
    from game.content.paths import assets_dir

    freetype.init()
    font = freetype.Font(str(assets_dir() / "fonts" / "NotoSansCJKjp-Sumiwake-Regular.otf"), 16)
    chars = sorted({c for c in text if c.isprintable() and not c.isspace()})
    missing = [c for c, m in zip(chars, font.get_metrics("".join(chars))) if m is None]
    assert not missing, f"tofu: {''.join(missing)!r}"
