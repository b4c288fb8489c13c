"""Script injection: every field that reaches the report or the role cards is text, never markup.

Payloads go through every bilingual content field (scenario title and briefing, seat
names and strengths, agreement, order, tier, event, domain and region names, objective
titles and texts, discussion prompts), the workshop's team names, override reasons, and
a save edited by hand (revealed orders, override fields, ledger references) with its
hash recomputed.  The page is parsed with html.parser: it must have exactly the elements
and attributes of the same report built from harmless text, no event handler, no script,
and the payloads must read as the text they were.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import TemplateAssertionError

from game.ai.random_policy import RandomPolicy
from game.cli.main import main
from game.content.loader import load_debrief_prompts, load_rules, load_scenario
from game.content.schema import DebriefPrompts, Rules, Scenario
from game.engine import Game
from game.session import debrief as debrief_module
from game.session.cards import write_cards
from game.session.report_build import build_report
from game.session.templating import environment

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "\"><svg onload=alert(3)>",
    "' onmouseover='alert(4)",
    "</style></title><script>alert(5)</script>",
    "<a href=\"javascript:alert(6)\">x</a>",
    "{{ 7*7000 }}{% raw %}<b>",
    "<!-- --><iframe srcdoc=\"<script>alert(8)</script>\">",
    "]]><![CDATA[<x onclick=alert(9)>",
    "&lt;img src=x onerror=alert(10)&gt;",
)
HARMLESS = "plain text"
SEED = 21
ROUNDS = 3


class Structure(HTMLParser):
    """Every element and attribute name a browser would build, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(a for a, _ in attrs))))
        self.attrs.extend((tag, a, v or "") for a, v in attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", ()))


def parse(page: str) -> Structure:
    s = Structure()
    s.feed(page)
    s.close()
    return s


def assert_inert(page: str) -> Structure:
    s = parse(page)
    tags = {t for t, _ in s.tags}
    assert not tags & {"script", "img", "iframe", "a", "x", "object", "embed", "!--"}, tags
    for tag, name, value in s.attrs:
        assert not name.startswith("on"), (tag, name, value)
        assert "javascript:" not in value.lower(), (tag, name, value)
        assert "alert(" not in value, (tag, name, value)
    return s


# ------------------------------------------------------------------ content and games with payloads


def _poison(node, text_of):
    """Replace every bilingual text (a dict with "en") by ``text_of(i, original)``, in order."""
    count = 0

    def walk(n):
        nonlocal count
        if isinstance(n, dict):
            if isinstance(n.get("en"), str) and set(n) <= {"en", "ja"}:
                n["en"] = text_of(count, n["en"])
                n["ja"] = text_of(count + 3, n.get("ja") or n["en"])
                count += 1
                return
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return node


def content(text_of):
    rules = Rules.model_validate(_poison(load_rules().model_dump(), text_of))
    sc = Scenario.model_validate(_poison(load_scenario("g7-2026").model_dump(), text_of))
    prompts = DebriefPrompts.model_validate(_poison(load_debrief_prompts().model_dump(), text_of))
    return rules, sc, prompts


def payload_text(i: int, original: str) -> str:
    # keep something of the original so templates with {placeholders} still fill in
    return f"{PAYLOADS[i % len(PAYLOADS)]} {original}"


def harmless_text(i: int, original: str) -> str:
    return f"{HARMLESS} {original}"


def played(rules: Rules, sc: Scenario, reason: str) -> Game:
    g = Game.new(sc, seed=SEED, rounds=ROUNDS, rules=rules)
    policy = RandomPolicy(SEED)
    g.override("italy", "score", 5.0, reason)
    while not g.is_over:
        g.advance()
        if g.round == 1:
            pid = g.propose("japan", "threat_intel_sharing", ["japan", "usa"])
            g.answer("usa", pid, True)
        g.advance()
        for s in g.seats:
            g.submit(s, policy.orders(g, s).orders)
        g.resolve()
    return g


def edit_save(g: Game, texts: tuple[str, ...]) -> Game:
    """What someone with a text editor does to a save: strings changed, the sha256 recomputed."""
    d = json.loads(g.to_json())
    st = d["state"]
    st["revealed"][0]["orders"]["japan"] = [texts[0], "fund_defence amount=1"]
    st["overrides"][0]["reason"] = texts[1 % len(texts)]
    # an override's phase and quantity are checked as a phase and a quantity name when a save loads
    # (tests/adversarial/test_saves.py), so no text reaches the report through them
    for entry in st["ledger"]:
        if entry[1] == "cutoff":
            entry[2] = texts[4 % len(texts)]  # the seat that cut access off, as the timeline names it
            break
    return Game.from_dict(d | {"state_hash": _rehash(g, d)}, rules=g.rs.rules, scenario=g.rs.scenario)


def _rehash(g: Game, d: dict) -> str:
    from game.engine.state import GameState

    return Game(g.rs, GameState.from_dict(json.loads(json.dumps(d["state"]))), d["actions"]).state_hash()


def report_page(tmp: Path, text_of, save_texts: tuple[str, ...], monkeypatch, lang: str = "en", **kw) -> str:
    rules, sc, prompts = content(text_of)
    monkeypatch.setattr(debrief_module, "load_debrief_prompts", lambda: prompts)
    g = edit_save(played(rules, sc, save_texts[-1]), save_texts)
    out = tmp / f"r-{lang}-{len(save_texts)}.html"
    build_report(g, out, lang, counterfactual=lambda game, p: [
        {"round": 1, "alliance_security": 50.0, "alliance_competitiveness": 60.0}], **kw)
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("esc")
    try:
        out = {}
        for name, text_of, save_texts, team in (("clean", harmless_text, (HARMLESS,), HARMLESS),
                                                ("payload", payload_text, PAYLOADS, PAYLOADS[0])):
            teams = {"japan": team, "usa": team + " 2"}
            unlocks = [{"round": 2, "phase": "orders"}]
            out[name] = {lang: report_page(tmp, text_of, save_texts, mp, lang, teams=teams, unlocks=unlocks)
                         for lang in ("en", "ja")}
        return out
    finally:
        mp.undo()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_payloads_add_no_element_or_attribute(pages, lang):
    clean, payload = pages["clean"][lang], pages["payload"][lang]
    s = assert_inert(payload)
    # the same elements and attributes as the report built from harmless text
    assert s.tags == parse(clean).tags


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_payloads_read_as_text(pages, lang):
    text = "".join(parse(pages["payload"][lang]).text)
    for p in PAYLOADS:
        assert p in text  # the reader sees exactly what was written, as text
    assert "{{ 7*7000 }}" in text and "49000" not in text  # no template evaluation


def test_cards_payloads_add_no_element_or_attribute(tmp_path, monkeypatch):
    pages = {}
    for name, text_of in (("clean", harmless_text), ("payload", payload_text)):
        rules, sc, _ = content(text_of)
        files = write_cards(sc, tmp_path / name, "en", seed=3, rules=rules)
        pages[name] = {f.name: f.read_text(encoding="utf-8") for f in files}
    assert pages["clean"].keys() == pages["payload"].keys()
    seen = ""
    for fname, page in pages["payload"].items():
        s = assert_inert(page)
        assert s.tags == parse(pages["clean"][fname]).tags, fname
        seen += "".join(s.text)
    for p in PAYLOADS:
        assert p in seen


def test_a_hand_edited_save_reported_from_the_command_line_runs_no_script(tmp_path):
    g = Game.new("g7-2026", seed=SEED, rounds=2)
    policy = RandomPolicy(SEED)
    g.override("italy", "score", 5.0, "fair")
    while not g.is_over:
        g.advance()
        g.advance()
        for s in g.seats:
            g.submit(s, policy.orders(g, s).orders)
        g.resolve()
    evil = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    edited = edit_save(g, (evil,))
    save = tmp_path / "edited.json"
    save.write_text(edited.to_json(), encoding="utf-8")
    assert main(["report", str(save), "--out", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    s = assert_inert(page)
    assert evil in "".join(s.text)


def _every_leaf(node, i=0):
    """Every string in the report data, and every round number, replaced by a payload."""
    if isinstance(node, dict):
        return {k: (PAYLOADS[(i + n) % len(PAYLOADS)] if k == "round" else _every_leaf(v, i + n))
                for n, (k, v) in enumerate(node.items())}
    if isinstance(node, list):
        return [_every_leaf(v, i + n) for n, v in enumerate(node)]
    if isinstance(node, str):
        return PAYLOADS[i % len(PAYLOADS)]
    return node


def test_every_string_of_the_report_data_is_text(tmp_path):
    """The report's data as a save can carry it (JSON), with every string and round number a payload:
    a revealed round, a timeline entry, an override's phase, a seat's colour or icon, a team name."""
    from game.session.debrief import debrief
    from game.session.report_html import render

    g = played(load_rules(), load_scenario("g7-2026"), "fair")
    data = json.loads(json.dumps(debrief(g, "en", lambda game, p: [
        {"round": 1, "alliance_security": 50.0, "alliance_competitiveness": 60.0}],
        teams={"japan": "Tokyo"}, unlocks=[{"round": 2, "phase": "orders"}])))
    clean = render(data, "en")
    evil = _every_leaf(data)
    # ids key the scores; an unknown icon name would draw as a circle (another element than the clean page)
    evil["seats"] = [dict(s, id=orig["id"], icon=orig["icon"]) for s, orig in zip(evil["seats"], data["seats"])]
    evil["teams"] = {k: PAYLOADS[0] for k in data["teams"]}
    for key in ("history", "counterfactuals"):  # chart coordinates: numbers, drawn, never printed as text
        evil[key] = data[key]
    page = render(evil, "en")
    s = assert_inert(page)
    assert s.tags == parse(clean).tags
    text = "".join(s.text)
    for p in PAYLOADS:
        assert p in text


def test_templates_cannot_skip_escaping():
    env = environment()
    assert env.autoescape is True  # every template, whatever its file name
    assert "safe" not in env.filters
    root = Path(__file__).resolve().parents[2] / "game" / "session" / "templates"
    names = env.list_templates()
    assert {"report.html.j2", "cards.html.j2", "svg.html.j2"} <= set(names)
    for name in names:
        text = (root / name).read_text(encoding="utf-8")
        assert "{% autoescape" not in text.replace("{%-", "{%") and "|safe" not in text.replace(" ", "") and "Markup" not in text, name
    with pytest.raises(TemplateAssertionError):  # a template that marks a value as markup does not even compile
        env.from_string("{{ x|safe }}")
    assert env.from_string("{{ x }}").render(x=PAYLOADS[0]) == htmllib.escape(PAYLOADS[0], quote=True).replace(
        "&#x27;", "&#39;")


HTML_IN_CODE = re.compile(r"<\s*/?\s*(html|head|body|div|p|span|svg|table|tr|td|th|section|h[1-6]|ul|ol|li|b|"
                          r"style|script|img|a|polygon|circle|rect|line|polyline|text)\b[^>]*>", re.I)


def test_no_html_is_assembled_in_python():
    import ast

    root = Path(__file__).resolve().parents[2] / "game"
    found = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and HTML_IN_CODE.search(node.value):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not found, found


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_chromium_runs_no_script_from_an_edited_save(tmp_path):
    g = Game.new("tutorial", seed=4, rounds=1)
    g.override("japan", "score", 1.0, "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">")
    while not g.is_over:
        g.advance()
        g.advance()
        g.resolve()
    d = json.loads(g.to_json())
    d["state"]["revealed"][0]["orders"]["japan"] = [
        "<img src=x onerror=\"document.title='pwned';document.body.setAttribute('data-pwned','1')\">"]
    edited = Game.from_dict(d | {"state_hash": _rehash(g, d)})
    out = tmp_path / "r.html"
    build_report(edited, out, "en", counterfactual=lambda game, p: None)
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          out.as_uri()], capture_output=True, text=True, timeout=90).stdout
    assert "<body" in dom
    assert "data-pwned=\"1\"" not in dom and "<title>pwned" not in dom
    assert "<img" not in dom
