"""No raw ids or stray English in Japanese output (issue #12, item 2).

* every refusal code the engine raises, with the ids the engine really passes (seat, region,
  order and agreement kinds, terms, phases, member rules), reads as words in both languages;
* every key of every message catalog, filled with parameters as the callers render them,
  holds no id-shaped word in its Japanese text;
* a Japanese workshop played through its controls (console, overrides, audit trail,
  agreements, projector, debrief timeline, role cards, report) and a Japanese desktop game
  draw no id-shaped word, and nothing a catalog renders for them holds one.
"""

from __future__ import annotations

import ast
import os
import re
import string

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.engine import Game, IllegalOrder, Order  # noqa: E402
from game.i18n import Catalog  # noqa: E402

from japanese_text import GAME, catalog_entries, catalogs, stray_latin  # noqa: E402

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _game() -> Game:
    return Game.new("g7-2026", seed=2)


# The parameters each refusal is raised with, as the engine passes them: ids, not words.
RAW: dict[str, dict[str, object]] = {
    "agreement_exists": {},
    "already_answered": {"seat": "japan"},
    "already_licensed": {"target": "sakana"},
    "bad_amount": {"amounts": "1, 2, 3"},
    "bad_answer": {"value": "'maybe'"},
    "bad_duration": {"max": 4},
    "bad_member_list": {"value": "'japan'"},
    "bad_members": {"kind": "data_partnership", "need": "firm_and_nation"},
    "bad_order": {"detail": "'x'"},
    "bad_rounds": {"max": 30, "value": "0"},
    "bad_scenario": {"value": "3"},
    "bad_seed": {"value": "-1"},
    "bad_terms": {"value": "'x'"},
    "bad_tier": {},
    "cannot_pay": {"seat": "italy", "cost": 2},
    "duplicate_member": {},
    "duplicate_target": {"target": "row"},
    "export_blocked": {"home": "usa", "target": "france"},
    "field_not_id": {"field": "target", "value": "3"},
    "field_not_whole": {"field": "amount", "value": "'2'"},
    "field_not_yes_no": {"field": "grant", "value": "'2'"},
    "game_over": {},
    "member_count": {"kind": "frontier_access_pact", "min": 2, "max": 12},
    "missing_field": {"kind": "set_export_tier", "field": "target"},
    "model_at_cap": {},
    "no_amount": {},
    "no_choice": {},
    "not_a_firm": {"seat": "japan"},
    "not_a_nation": {"seat": "openai"},
    "not_chooser": {"seat": "japan", "seats": "usa, germany"},
    "not_for_actor": {"kind": "fund_defence", "actor": "nation"},
    "not_invited": {"seat": "canada", "proposal": "P4"},
    "not_licensed": {"target": "sakana"},
    "not_outside": {"region": "europe"},
    "nothing_to_undo": {},
    "over_budget": {"cost": 3, "budget": 1},
    "override_delta": {"max": "5", "value": "99"},
    "override_quantity": {"quantity": "mood", "allowed": "score, budget, defence"},
    "override_reason": {},
    "override_whole": {"value": "0.5"},
    "pact_locks_tier": {"agreement": "A3", "target": "france"},
    "pact_requires_controls": {"agreement": "A3"},
    "same_tier": {"target": "japan", "tier": 1},
    "security_at_max": {},
    "self_target": {},
    "sovereign_at_cap": {},
    "sovereign_overshoot": {"max": 2},
    "term_actor": {"term": "weight_security_spending", "seat": "japan"},
    "term_amount": {"term": "defence_spending", "allowed": "1, 2, 3"},
    "term_not_member": {"term": "defence_spending", "seat": "canada"},
    "term_twice": {"term": "data_programme", "seat": "japan"},
    "too_many": {"kind": "weight_security", "max": 1},
    "unexpected_field": {"kind": "rnd", "field": "target"},
    "unknown_agreement": {"agreement": "A9"},
    "unknown_agreement_kind": {"kind": "'alliance'"},
    "unknown_domain": {"domain": "'space'"},
    "unknown_event": {"event": "'meteor'"},
    "unknown_option": {"option": "maybe", "allowed": "fund_jointly, go_alone"},
    "unknown_order": {"kind": "'fly'"},
    "unknown_proposal": {"proposal": "P9"},
    "unknown_region": {"region": "'mars'"},
    "unknown_seat": {"seat": "'atlantis'"},
    "unknown_term": {"term": "'forever'"},
    "wrong_phase": {"phase": "negotiation"},
}
# Refusals that echo what a caller typed ({value}, an unknown id): the echo is quoted, the rest is words.
ECHO = {"bad_answer", "bad_member_list", "bad_order", "bad_rounds", "bad_scenario", "bad_seed", "bad_terms",
        "field_not_id", "field_not_whole", "field_not_yes_no", "override_delta", "override_whole"}


def raised_codes() -> set[str]:
    """Every code the game raises an `IllegalOrder` with, read from the source."""
    codes = set()
    for path in GAME.rglob("*.py"):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) == "IllegalOrder"
                    and n.args and isinstance(n.args[0], ast.Constant)):
                codes.add(n.args[0].value)
    return codes


def test_the_walk_covers_every_refusal_code():
    assert set(RAW) == raised_codes()


def _ids(g: Game) -> set[str]:
    rs = g.rs
    return ({*rs.orders, *rs.agreements, *rs.seat_defs, *rs.domain_ids, *rs.terms, "row", "firm_and_nation"}
            | {r.id for r in rs.rules.world.regions})


def _echoed(code: str, params: dict[str, object]) -> set[str]:
    """Words a refusal may repeat because the caller typed them (not ids of the game)."""
    if code not in ECHO and not code.startswith("unknown_") and code != "override_quantity":
        return set()
    out = set()
    for v in params.values():
        out |= set(re.findall(r"[A-Za-z_]+", str(v)))
    return out


@pytest.mark.parametrize("code", sorted(RAW))
def test_every_refusal_reads_in_words(code):
    g = _game()
    exc = IllegalOrder(code, **RAW[code])
    echoed = _echoed(code, RAW[code])
    ja = exc.message("ja", g.rs)
    assert not stray_latin(ja, echoed), (code, ja)
    en = exc.message("en", g.rs)
    names = " ".join(x.name.get("en") for x in (*g.rs.orders.values(), *g.rs.agreements.values())).lower().split()
    raw = {w for w in re.findall(r"[A-Za-z_]+", en) if w in _ids(g) and w not in echoed and w not in names}
    assert not raw, (code, en)
    assert not {w for w in SNAKE.findall(en) if w not in echoed}, (code, en)


def test_a_refusal_of_an_order_names_the_order_in_japanese():
    g = _game()
    while g.phase != "orders":
        g.advance()
    with pytest.raises(IllegalOrder) as e:
        g.check("japan", [Order("set_export_tier", target="row", tier=2)] * 2)
    ja = e.value.message("ja", g.rs)
    assert "その他" in ja and not stray_latin(ja), ja


# ------------------------------------------------------------------ every key of every catalog

NUMBER_FIELDS = re.compile(r"^(n|count|round|rounds|max|min|cost|budget|amount|tier|games|first|last|seed|"
                           r"total|left|delta|score|gain|share|limit|line|col|found|supported|value|pct|"
                           r"percent|seconds|minutes|port|rank|year|years|end|start|i|k|m|total_rounds|"
                           r"asi|aci|round_score|standing|width|height|size|days|hours|secs|mins|count_\w+)$")


class _Sample(dict):
    """Parameters as callers render them: numbers for counts, Japanese (or English) words for the rest."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, key: str) -> object:
        if NUMBER_FIELDS.match(key) or key.endswith(("_n", "_count", "_round", "_pct", "_score")):
            return 3
        return "日本" if self.lang == "ja" else "Japan"


def _render(c: Catalog, key: str, lang: str) -> str:
    template = c[key][lang]
    params = _Sample(lang)
    for _, field, spec, _ in string.Formatter().parse(template):
        if field is None:
            continue
        name = re.split(r"[.\[]", field)[0]
        if not name or name.isdigit():
            continue
        params[name] = 3.0 if spec or NUMBER_FIELDS.match(name) else params[name]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return template


def test_every_catalog_was_walked():
    names = {c.name for c in catalogs()}
    assert {"engine", "cli", "content", "ui", "net", "report", "cards", "story", "ai.reasons", "argparse"} <= names


def test_no_catalog_key_puts_an_id_or_english_in_japanese():
    bad = []
    for c in catalogs():
        for key in c:
            ja = _render(c, key, "ja")
            found = stray_latin(ja)
            if found:
                bad.append(f"{c.name}:{key}: {found} in {ja!r}")
    assert not bad, f"{len(bad)} Japanese messages with ids or English:\n" + "\n".join(bad[:80])


def test_catalog_entries_are_all_checked():
    assert sum(1 for _ in catalog_entries()) > 1500


# ------------------------------------------------------------------ what real callers render


@pytest.fixture
def rendered(monkeypatch):
    """Every Japanese text a catalog renders while the test runs, with where it came from."""
    seen: dict[str, str] = {}
    original = Catalog.render

    def render(self, key, lang="en", /, **params):
        out = original(self, key, lang, **params)
        if lang == "ja":
            seen.setdefault(out, f"{self.name}:{key}")
        return out

    monkeypatch.setattr(Catalog, "render", render)
    return seen


def _problems(texts, typed=frozenset()) -> list[str]:
    """Ids or English in Japanese text, and half-width punctuation inside it."""
    from test_japanese_style import half_width_punctuation

    out = []
    for text, where in texts:
        found = stray_latin(text, set(typed)) + half_width_punctuation(text)
        if found:
            out.append(f"{where}: {found} in {text!r}")
    return out


def test_a_japanese_workshop_shows_no_ids(rendered, tmp_path, monkeypatch):
    from realloop import run_to_quit

    from game.ui.workshop_app import build_app

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    app = build_app(["--lang", "ja", "--scenario", "tutorial", "--seed", "2", "--rounds", "2", "--autoplay"])
    drawn: set[str] = set()
    app.screenshot = lambda label: drawn.update(app.rendered_texts())
    run_to_quit(app)
    assert any("上書き" in t or "調整" in t for t in drawn) and any("年目" in t for t in drawn)
    problems = _problems(rendered.items()) + _problems((t, "drawn") for t in drawn)
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_a_japanese_desktop_game_shows_no_ids(rendered, tmp_path, monkeypatch):
    from realloop import run_to_quit

    from game.ui.app import App
    from game.ui.autoplay import Autoplayer
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    app = App(Settings(width=1280, height=720, lang="ja"), screenshots=None)
    drawn: set[str] = set()
    app.screenshot = lambda label: drawn.update(app.rendered_texts())
    app.push(TitleScene(app))
    app.autoplayer = Autoplayer(app, "g7-2026", 1, 2)
    run_to_quit(app)
    assert len(drawn) > 100
    problems = _problems(rendered.items()) + _problems((t, "drawn") for t in drawn)
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_japanese_round_report_cards_and_sim_header_show_no_ids(rendered, tmp_path, capsys):
    from game.cli.main import main
    from game.engine.report import report_from_ledger, report_text
    from game.session.cards import order_sheet, role_card, rules_summary

    g = _game()
    overridden = False
    while not g.is_over:
        if not overridden and g.phase == "negotiation":
            g.override("usa", "score", 1, "説明のための調整")
            overridden = True
        if g.phase == "orders":
            g.resolve()
        else:
            g.advance()
    assert overridden
    texts = [report_text(report_from_ledger(g.state, g.rs, r), g.rs, "ja") for r in sorted({h["round"] for h in g.state.history})]
    fresh = _game()
    for seat in fresh.seats:
        texts += [str(role_card(fresh, seat, "ja", with_secret=True)), str(order_sheet(fresh, seat, "ja"))]
    texts.append(str(rules_summary(fresh, "ja")))
    assert main(["--lang", "ja", "sim", "--scenario", "g7-2026", "--games", "1", "--rounds", "1"]) == 0
    texts.append(capsys.readouterr().out)
    assert main(["--lang", "ja", "sim", "--scenario", "g7-2026", "--games", "1", "--rounds", "1",
                 "--difficulty", "easy"]) == 0
    texts.append(capsys.readouterr().out)
    problems = _problems(rendered.items()) + _problems((t, "text") for t in texts)
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_a_team_terminal_refusal_names_things_in_japanese():
    from game.net.views import check_draft

    g = _game()
    while g.phase != "orders":
        g.advance()
    twice = [Order("set_export_tier", target="row", tier=2)] * 2
    reason = check_draft(g, "japan", twice, "ja")["reason"]
    assert "その他" in reason and not stray_latin(reason), reason
    assert "row" not in check_draft(g, "japan", twice, "en")["reason"]
