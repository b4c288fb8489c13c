"""A preview is the round resolved on a clone with the others doing as last year (holding in
the first year): when they do, the ledger shows exactly what the preview said; the preview
never reads another seat's orders of this year."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from game.engine import Game, Order  # noqa: E402
from game.engine.report import explain_text  # noqa: E402
from game.session.preview import as_last_year, preview  # noqa: E402
from tests.engine_helpers import to_orders


def _some_orders(game: Game, seat: str, n: int) -> list[Order]:
    """Up to ``n`` legal orders of different kinds, within the budget, the first ones listed."""
    chosen: list[Order] = []
    for o in game.legal_orders(seat):
        if any(c.kind == o.kind for c in chosen):
            continue
        try:
            game.check(seat, [*chosen, o])
        except ValueError:
            continue
        chosen.append(o)
        if len(chosen) == n:
            break
    return chosen


def _play_a_year(g: Game) -> dict[str, list[Order]]:
    """Every seat gives up to three orders, and the year resolves; what each gave."""
    to_orders(g)
    given = {s: _some_orders(g, s, 3) for s in g.seats}
    for s, orders in given.items():
        g.submit(s, orders)
    g.resolve()
    return given


@pytest.mark.parametrize("scenario", ["tutorial", "g7-2026"])
@pytest.mark.parametrize("played", [0, 1])
def test_preview_equals_the_ledger_when_the_others_do_as_last_year(scenario, played):
    g = Game.new(scenario, seed=5)
    given: dict[str, list[Order]] = {}
    for _ in range(played):
        given = _play_a_year(g)
    to_orders(g)
    for seat in g.seats[:4]:
        others = as_last_year(g, seat)
        assert set(others) <= {s for s, o in given.items() if o and s != seat}
        assert bool(others) == bool(played)
        for s, o in others.items():  # still-legal orders of last year, in the order given
            texts = [str(x) for x in given[s]]
            assert [str(x) for x in o] == [x for x in texts if x in {str(y) for y in o}]
        for n in (0, 1, 3):
            orders = _some_orders(g, seat, n)
            pv = preview(g, seat, orders)
            assert pv.others == ("last_year" if played else "hold")
            real = g.clone()
            for s, o in others.items():
                real.submit(s, list(o))  # they do as last year
            real.submit(seat, orders)  # the rest hold
            rep = real.resolve()
            assert pv.competitiveness == pytest.approx(rep.delta(seat, "competitiveness"), abs=1e-9)
            if seat in g.state.nations:
                assert pv.security == pytest.approx(rep.delta(seat, "security") * 100, abs=1e-9)
            else:
                assert pv.security is None
            assert pv.report.explain(seat, "competitiveness") == rep.explain(seat, "competitiveness")


def test_others_do_as_last_year_so_the_table_does_not_fall_into_a_crisis_of_the_preview():
    """With the others holding, a g7 table that needs its yearly defence falls into crisis in
    every preview, and one defence order previewed +107 competitiveness (a play); with last
    year's orders the others keep their defence, and the crisis does not drown the draft."""
    g = Game.new("g7-2026", seed=3)
    _play_a_year(g)
    to_orders(g)
    last = g.state.revealed[-1]["orders"]
    pv = preview(g, "usa", [])
    assert pv.others == "last_year"
    again = as_last_year(g, "usa")
    for s, texts in last.items():
        if s != "usa":  # the clone's year revealed last year's orders, but for tiers already set
            assert pv.report.orders.get(s, []) == [str(o) for o in again.get(s, ())]
            assert [t for t in texts if t.startswith("fund_defence")] == \
                [t for t in pv.report.orders.get(s, []) if t.startswith("fund_defence")]
    held = preview(g, "usa", [], others="hold")
    assert held.others == "hold" and all(not held.report.orders.get(s) for s in g.seats if s != "usa")


def test_a_seat_whose_last_orders_no_longer_fit_holds():
    g = Game.new("g7-2026", seed=3)
    _play_a_year(g)
    to_orders(g)
    g.state.revealed[-1]["orders"]["japan"] = ["nonsense order"]
    g.state.revealed[-1]["orders"]["germany"] = ["fund_defence amount=999"]
    others = as_last_year(g, "usa")
    assert "japan" not in others and "germany" not in others and others  # the rest do as last year


def test_preview_reads_nothing_of_the_others_orders_and_changes_nothing():
    g = Game.new("g7-2026", seed=3)
    _play_a_year(g)
    to_orders(g)
    mine = _some_orders(g, "japan", 2)
    before = preview(g, "japan", mine)
    saved = g.to_json()
    other = _some_orders(g, "usa", 3)
    g.submit("usa", other)
    after = preview(g, "japan", mine)
    assert (after.security, after.competitiveness) == (before.security, before.competitiveness)
    assert g.submitted()["usa"] and not g.submitted()["japan"]
    g2 = Game.from_json(saved)
    preview(g2, "japan", mine)
    assert g2.to_json() == saved  # the game itself is untouched


def test_order_sheet_preview_is_what_the_ledger_then_shows(tmp_path, monkeypatch):
    """On the order sheet, the year's line for the draft shows the numbers the ledger shows after
    the round resolves with the others holding (the issue: "+29.8 security" previewed, "+7.6" in
    the ledger)."""
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
        app.step()
        for o in _some_orders(m.game, "japan", 3):
            scene.draft.append(o)
        scene.rebuild()
        app.step()
        texts = app.rendered_texts()
        real = m.game.clone()
        for s in m.game.seats:
            real.state.pending.pop(s, None)
        real.submit("japan", list(scene.draft))
        rep = real.resolve()
        sec = rep.delta("japan", "security") * 100
        comp = rep.delta("japan", "competitiveness")
        want = app.t("orders.total", sec=0.0 if abs(sec) < 0.05 else sec, comp=0.0 if abs(comp) < 0.05 else comp)
        assert want in texts, (want, [t for t in texts if "%" in t or "+" in t])
        head = explain_text(rep, m.game.rs, "japan", "security", "en", limit=0)
        assert f"{sec:+.1f}" in head  # the ledger's own headline carries the same number
    finally:
        app.worker.wait()
        pygame.quit()
