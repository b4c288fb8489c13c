"""Refusals, overrides and order amounts are shown in the player's words: names of orders,
agreements, seats, regions and domains, never their ids ("at most 1 fund_defence order(s) a round",
"joint_market_initiative needs firms only", "Override: germany budget +2", "1 pts")."""

from __future__ import annotations

import itertools
import os
import re

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.engine import Game, IllegalOrder, Order  # noqa: E402
from game.engine.report import describe_order, override_words  # noqa: E402

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _to(game: Game, phase: str) -> Game:
    while game.phase != phase:
        game.advance()
    return game


def _ids(g: Game) -> set[str]:
    rs = g.rs
    return ({*rs.orders, *rs.agreements, *rs.seat_defs, *rs.domain_ids}
            | {r.id for r in rs.rules.world.regions})


def _words_only(g: Game, text: str) -> None:
    assert not SNAKE.search(text), text
    assert "(s)" not in text, text
    words = set(re.findall(r"[A-Za-z_]+", text))
    rs = g.rs
    names = " ".join(x.name.get("en") for x in (*rs.orders.values(), *rs.agreements.values())).lower()
    raw = {i for i in _ids(g) if i in words and i not in names.split()}  # "defence" in "Fund defence" is a word
    assert not raw, (raw, text)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_refusal_of_pairs_of_orders_names_things(lang):
    g = _to(Game.new("g7-2026", seed=2), "orders")
    seen: set[str] = set()
    for seat in ("japan", "germany", "sakana", "openai"):
        legal = list(g.legal_orders(seat))
        pool = legal[::max(1, len(legal) // 25)][:25]
        for a, b in itertools.product(pool, repeat=2):
            try:
                g.check(seat, [a, b])
            except IllegalOrder as exc:
                seen.add(exc.code)
                _words_only(g, exc.message(lang, g.rs))
        for bad in (Order("rnd", amount=1), Order("fund_defence", amount=1), Order("set_export_tier", tier=2)):
            try:
                g.check(seat, [bad])
            except IllegalOrder as exc:
                seen.add(exc.code)
                _words_only(g, exc.message(lang, g.rs))
    assert {"too_many", "over_budget", "duplicate_target", "not_for_actor"} & seen


def test_too_many_reads_as_a_sentence():
    g = _to(Game.new("g7-2026", seed=2), "orders")
    with pytest.raises(IllegalOrder) as e:
        g.check("japan", [Order("fund_defence", amount=1)] * 2)
    assert e.value.message("en", g.rs).endswith("only one Fund defence order a round")
    assert "防衛" in e.value.message("ja", g.rs)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_agreement_member_refusals_name_the_kind_and_the_rule(lang):
    g = _to(Game.new("g7-2026", seed=2), "negotiation")
    with pytest.raises(IllegalOrder) as e:
        g.propose("sakana", "joint_market_initiative", ["sakana", "japan"])
    text = e.value.message(lang, g.rs)
    _words_only(g, text)
    assert g.rs.agreements["joint_market_initiative"].name.get(lang) in text
    assert ("firms only" if lang == "en" else "企業のみ") in text


def test_nations_are_not_offered_firm_only_agreements():
    g = _to(Game.new("g7-2026", seed=2), "negotiation")
    assert "joint_market_initiative" not in g.agreement_kinds("japan")
    assert "joint_market_initiative" in g.agreement_kinds("sakana")
    assert set(g.agreement_partners("sakana", "joint_market_initiative")) <= set(g.firms)
    assert set(g.agreement_partners("japan", "threat_intel_sharing")) <= set(g.nations)
    for kind in g.agreement_kinds("japan"):  # every partner offered can be proposed to
        for partner in g.agreement_partners("japan", kind):
            members = ["japan", partner]
            d = g.rs.agreements[kind]
            if d.min_members > 2:
                continue
            g.clone().propose("japan", kind, members)


def test_negotiation_sheet_offers_only_kinds_and_partners_the_rules_admit(tmp_path, monkeypatch):
    import pygame

    from game.session.match import Match
    from game.ui.app import App
    from game.ui.scenes.negotiation import NegotiationScene
    from game.ui.settings import Settings

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    app = App(Settings(), scenario="g7-2026", seed=7)
    try:
        m = Match.new("g7-2026", 3)
        app.start_match(m)
        m.advance()
        scene = NegotiationScene(app, "japan")
        app.push(scene)
        app.step()
        assert "joint_market_initiative" not in scene.kinds
        for kind in scene.kinds:
            scene._kind(kind)
            app.step()
            offered = {n[len("member_"):] for n in scene.ui.buttons if n.startswith("member_")}
            assert offered == set(m.game.agreement_partners("japan", kind))
    finally:
        app.worker.wait()
        pygame.quit()


def test_budget_refusal_says_what_is_left_when_nothing_is():
    g = _to(Game.new("g7-2026", seed=2), "orders")
    from game.engine.legality import order_cost

    budget = g.budget("japan")
    legal = list(g.legal_orders("japan"))
    spend = next([a, b] for a, b in itertools.product(legal, repeat=2)
                 if a.kind != b.kind and order_cost(g.state, g.rs, a) + order_cost(g.state, g.rs, b) == budget)
    g.check("japan", spend)  # the whole budget, 0 left
    extra = next(o for o in legal if o.kind not in {x.kind for x in spend} and order_cost(g.state, g.rs, o) == 2)
    with pytest.raises(IllegalOrder) as e:
        g.check("japan", [*spend, extra])
    assert e.value.params == {"cost": 2, "budget": 0}
    assert "costs 2 but only 0 left" in e.value.message("en", g.rs)
    assert e.value.order == extra


@pytest.mark.parametrize(("quantity", "en", "ja"), [
    ("budget", "Germany · Budget +2", "ドイツ・予算 +2"),
    ("trust/japan", "Germany · Trust in Japan +2", "ドイツ・日本への信頼 +2"),
])
def test_override_in_words(quantity, en, ja):
    g = Game.new("g7-2026", seed=2)
    assert override_words(g.rs, "germany", quantity, 2, "en") == en
    assert override_words(g.rs, "germany", quantity, 2, "ja") == ja


def test_one_point_is_singular():
    g = Game.new("g7-2026", seed=2)
    assert describe_order(g.rs, Order("fund_defence", amount=1), "en") == "Fund defence: 1 point"
    assert describe_order(g.rs, Order("fund_defence", amount=3), "en") == "Fund defence: 3 points"


def test_order_sheet_says_one_point(tmp_path, monkeypatch):
    import pygame

    from game.session.match import Match
    from game.ui.app import App
    from game.ui.scenes.orders import OrdersScene
    from game.ui.settings import Settings

    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    app = App(Settings(), scenario="tutorial", seed=7)
    try:
        m = Match.new("tutorial", 3)
        app.start_match(m)
        m.advance()
        m.advance()
        scene = OrdersScene(app, "japan")
        app.push(scene)
        scene._pick("fund_defence")
        scene._choose("amount", 1)
        app.step()
        texts = app.rendered_texts()
        assert "Cost: 1 point" in texts and "Cost: 1 points" not in texts
    finally:
        app.worker.wait()
        pygame.quit()
