"""Orders in words: the name of an order and of each of its parameters, from content."""

from __future__ import annotations

from game.i18n import join_list, labelled, paren
from game.engine import Order

FIELDS = ("target", "domain", "region", "tier", "grant", "amount")


def value_label(app, kind: str, field: str, value) -> str:
    g = app.match.game
    lang = app.lang
    if field == "target":
        if value == "row":
            return app.t("order.row")
        if kind == "exit_agreement":
            ag = next((a for a in g.agreements() if a["id"] == value), None)
            return paren(g.rs.agreements[ag['kind']].name.get(lang), str(value), lang) if ag else str(value)
        return g.seat_name(value, lang)
    if field == "domain":
        return g.rs.domain_name(value, lang)
    if field == "region":
        return g.rs.region_name(value, lang)
    if field == "tier":
        return g.rs.tiers[value].name.get(lang)
    if field == "grant":
        return app.t("order.grant") if value else app.t("order.revoke")
    if field == "amount":
        return app.t("order.points.one" if value == 1 else "order.points", n=value)
    return str(value)


def describe(app, o: Order) -> str:
    g = app.match.game
    name = g.rs.orders[o.kind].name.get(app.lang)
    parts = [value_label(app, o.kind, f, getattr(o, f)) for f in FIELDS
             if getattr(o, f) is not None and not (f == "amount" and not g.rs.orders[o.kind].amounts)]
    return labelled(name, join_list(parts, app.lang), app.lang) if parts else name


def refusal(app, exc) -> str:
    """An `IllegalOrder` in words: the order's description, then the catalogued reason."""
    from game.engine.refusal import refusal_text

    rs = app.match.game.rs if app.match else None
    text = refusal_text(exc.code, exc.params, app.lang, rs)  # every id in it by its name
    return labelled(describe(app, exc.order), text, app.lang) if exc.order is not None and app.match else text
