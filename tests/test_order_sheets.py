"""`sumiwake cards` also writes a printable blank order sheet per seat, with the order kinds that
seat may give and their costs, in English and in Japanese, the bundled font beside them."""

from __future__ import annotations

import re

from game.engine import Game
from game.session.cards import order_sheet, write_cards


def test_cards_write_order_sheets_in_both_languages(tmp_path):
    files = write_cards("g7-2026", tmp_path, "en")
    names = {p.name for p in files}
    assert {"order-sheets-en.html", "order-sheets-ja.html"} <= names
    g = Game.new("g7-2026", seed=0)
    en = (tmp_path / "order-sheets-en.html").read_text(encoding="utf-8")
    ja = (tmp_path / "order-sheets-ja.html").read_text(encoding="utf-8")
    for seat in g.seats:
        assert g.seat_name(seat, "en") in en and g.seat_name(seat, "ja") in ja
    assert en.count('class="card sheet"') == len(g.seats) == ja.count('class="card sheet"')
    assert "施策シート" in ja and "費用の合計" in ja
    # the font travels with the page (one copy beside the cards): Japanese prints with no font installed
    for weight in ("Regular", "Bold"):
        src = f"fonts/NotoSansCJKjp-Sumiwake-{weight}.otf"
        assert re.search(r"@font-face\{font-family:'SumiwakeJP'[^}]*url\(" + re.escape(src) + r"\)", ja)
        assert (tmp_path / src).is_file()
    assert "body{font-family:'SumiwakeJP'" in ja


def test_a_sheet_lists_the_seats_own_order_kinds_with_costs_and_choices():
    g = Game.new("g7-2026", seed=0)
    nation = order_sheet(g.clone(), "japan", "en")
    firm = order_sheet(g.clone(), "sakana", "en")
    nk = {r["name"] for r in nation["rows"]}
    fk = {r["name"] for r in firm["rows"]}
    rs = g.rs
    assert rs.orders["fund_defence"].name.get("en") in nk and rs.orders["fund_defence"].name.get("en") not in fk
    assert rs.orders["rnd"].name.get("en") in fk and rs.orders["rnd"].name.get("en") not in nk
    defence = next(r for r in nation["rows"] if r["name"] == rs.orders["fund_defence"].name.get("en"))
    assert defence["cost"] == "= the amount"
    assert defence["fields"][0]["choices"] == " / ".join(map(str, rs.orders["fund_defence"].amounts))
    tier = next(r for r in nation["rows"] if r["name"] == rs.orders["set_export_tier"].name.get("en"))
    targets = tier["fields"][0]["choices"]
    assert "Germany" in targets and "Japan" not in targets  # a nation sets tiers for others only
    market = next(r for r in nation["rows"] if r["name"] == rs.orders["market_access_deal"].name.get("en"))
    assert market["cost"] == str(rs.orders["market_access_deal"].cost)
    assert nation["income"] == g.state.nations["japan"].income
    ja = order_sheet(g.clone(), "japan", "ja")
    assert {r["name"] for r in ja["rows"]} == {rs.orders[k].name.get("ja") for k in rs.orders
                                               if rs.orders[k].actor in ("nation", "any")}
    assert all(not re.search(r"\b[a-z]+_[a-z_]+\b", f["choices"]) for r in ja["rows"] for f in r["fields"])
