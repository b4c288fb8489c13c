"""Round reports built from the ledger: what changed, for whom, and why.

A report answers "why did X change?" with itemised (cause, delta) lines.
Text is rendered on demand in either language from the message catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.i18n import join_list, labelled, punct
from .ledger import Entry, round_entries
from .messages import render
from .ruleset import Ruleset
from .state import GameState, LedgerRow

if TYPE_CHECKING:
    from .orders import Order


@dataclass(slots=True)
class RoundReport:
    round: int
    event: str | None
    alliance_security: float
    alliance_competitiveness: float
    crisis: bool
    scores: dict[str, float]
    round_scores: dict[str, float]
    security: dict[str, float]
    competitiveness: dict[str, float]
    incidents: dict[str, int]
    orders: dict[str, list[str]]
    rows: list[LedgerRow] = field(default_factory=list)  # the round's ledger entries as stored (see `entries`)
    standings: dict[str, float] = field(default_factory=dict)  # score over par after this round (no par: empty)
    decisions: list[dict[str, Any]] = field(default_factory=list)  # this round's event choices: seat, option, answered
    _entries: list[Entry] | None = field(default=None, repr=False, compare=False)

    @property
    def entries(self) -> list[Entry]:
        """The round's ledger entries as `Entry` records, made when first read: a round
        posts some 250 entries, and most reports are never asked why."""
        if self._entries is None:
            self._entries = [_entry(Entry, e) for e in self.rows]  # Entry._make without its checks
        return self._entries

    def explain(self, target: str, quantity: str) -> list[tuple[str, str, float]]:
        """(cause, ref, delta) lines behind the change of ``quantity`` of ``target``, largest first."""
        acc: dict[tuple[str, str], float] = {}
        for e in self.entries:
            if e.target == target and e.quantity == quantity:
                acc[(e.cause, e.ref)] = acc.get((e.cause, e.ref), 0.0) + e.delta
        lines = [(c, r, d) for (c, r), d in acc.items() if abs(d) > 1e-9]
        lines.sort(key=lambda x: -abs(x[2]))
        return lines

    def delta(self, target: str, quantity: str) -> float:
        return sum(e.delta for e in self.entries if e.target == target and e.quantity == quantity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "event": self.event,
            "alliance_security": self.alliance_security,
            "alliance_competitiveness": self.alliance_competitiveness,
            "crisis": self.crisis,
            "scores": dict(self.scores),
            "round_scores": dict(self.round_scores),
            "security": dict(self.security),
            "competitiveness": dict(self.competitiveness),
            "incidents": dict(self.incidents),
            "orders": {k: list(v) for k, v in self.orders.items()},
            "standings": dict(self.standings),
            "decisions": [dict(d) for d in self.decisions],
        }


_entry = tuple.__new__


def build_report(state: GameState, rs: Ruleset, round_: int, entries: list[LedgerRow],
                 incidents: dict[str, int] | None = None) -> RoundReport:
    """The report of ``round_``: ``entries`` are that round's block of the ledger
    (`round_entries`), ``incidents`` the round's (default: as its history records them)."""
    h = next(x for x in reversed(state.history) if x["round"] == round_)
    revealed: dict[str, Any] = next((x["orders"] for x in reversed(state.revealed) if x["round"] == round_), {})
    return RoundReport(
        round=round_,
        event=h["event"],
        alliance_security=h["alliance_security"],
        alliance_competitiveness=h["alliance_competitiveness"],
        crisis=h["crisis"],
        scores=dict(h["scores"]),
        round_scores=dict(h["round_scores"]),
        security=dict(h["security"]),
        competitiveness=dict(h["competitiveness"]),
        incidents=dict(incidents if incidents is not None else h.get("incidents", {})),
        orders=dict(revealed),
        rows=list(entries),
        standings=_standings_at(rs, h["scores"], round_),
        decisions=[dict(d) for d in state.decisions if d["round"] == round_],
    )


def _standings_at(rs: Ruleset, scores: dict[str, float], round_: int) -> dict[str, float]:
    from .par import par_at

    out = {}
    for s in rs.seat_ids:
        p = par_at(rs, s, round_)
        if p is not None:
            out[s] = scores.get(s, 0.0) / p
    return out


def report_from_ledger(state: GameState, rs: Ruleset, round_: int) -> RoundReport:
    """Rebuild a past round's report from the state's ledger and history."""
    return build_report(state, rs, round_, round_entries(state.ledger, round_))


# ------------------------------------------------------------------ text


def cause_text(rs: Ruleset, cause: str, ref: str, lang: str = "en") -> str:
    name = ref
    if cause == "order" and ref in rs.orders:
        name = rs.orders[ref].name.get(lang)
    elif cause == "event" or (cause == "shock" and ref in rs.events):
        name = rs.events[ref].title.get(lang) if ref in rs.events else ref
    elif cause == "choice":
        name = choice_text(rs, ref, lang)
    elif cause in ("agreement", "exit", "pact_standards", "term") and ref in rs.agreements:
        name = rs.agreements[ref].name.get(lang)
    elif cause in ("leak", "cutoff", "opened", "breach"):
        name = rs.seat_name(ref, lang)
    elif cause == "market":
        name = rs.region_name(ref, lang)
    elif cause == "override":
        name = ref  # the facilitator's reason
    elif cause == "objective" and ref in rs.objectives:
        name = rs.objectives[ref].title.get(lang)
    return render(f"cause.{cause}", lang, name=name)


def option_label(rs: Ruleset, card_id: str, option: str, lang: str = "en", short: bool = False) -> str:
    """An option of a card's choice in words (its id if the card or the option is unknown);
    ``short``: without the figures in brackets at its end, for a crowded line."""
    card = rs.events.get(card_id)
    ch = card.choice if card is not None else None
    op = next((o for o in ch.options if o.id == option), None) if ch is not None else None
    if op is None:
        return option
    text = op.text.get(lang)
    if short:
        for mark in ("（", " ("):
            if mark in text:
                return text.split(mark, 1)[0]
    return text


def choice_text(rs: Ruleset, ref: str, lang: str = "en") -> str:
    """``card/option`` in words: the card's title and the option's text."""
    card_id, _, option = ref.partition("/")
    card = rs.events.get(card_id)
    if card is None or card.choice is None:
        return ref
    op = next((o for o in card.choice.options if o.id == option), None)
    title = card.title.get(lang)
    if op is None:
        return title
    return labelled(title, op.text.get(lang), lang)


def describe_order(rs: Ruleset, order: "Order | str", lang: str = "en") -> str:
    """An order in words: ``Set export tier: Germany, tier 3``."""
    from .orders import Order, OrderSyntaxError

    if isinstance(order, str):
        text = order
        try:
            order = Order.parse(text)
        except OrderSyntaxError:
            return text
    d = rs.orders.get(order.kind)
    name = d.name.get(lang) if d else order.kind
    parts = []
    if order.target is not None:
        parts.append(render("order.row", lang) if order.target == "row" else rs.seat_name(order.target, lang))
    if order.domain is not None:
        parts.append(rs.domain_name(order.domain, lang))
    if order.region is not None:
        parts.append(rs.region_name(order.region, lang))
    if order.tier is not None:
        parts.append(render("order.tier", lang, tier=order.tier))
    if order.grant is not None:
        parts.append(render("order.grant" if order.grant else "order.revoke", lang))
    if order.amount:
        parts.append(render("order.amount.one" if order.amount == 1 else "order.amount", lang, amount=order.amount))
    return labelled(name, join_list(parts, lang), lang) if parts else name


QUANTITY_SCALE = {"security": 100.0}  # security is shown in points out of 100


def quantity_words(rs: Ruleset, quantity: str, lang: str = "en") -> str:
    """An overridable quantity in words: ``budget`` → Budget, ``trust/japan`` → Trust in Japan,
    ``data/finance`` → Data: Finance."""
    base, _, qual = quantity.partition("/")
    if qual and base == "trust":
        return render("quantity.trust_in", lang, name=rs.seat_name(qual, lang))
    text = render(f"quantity.{base}", lang)
    word = base if text == f"quantity.{base}" else text
    if not qual:
        return word
    if qual == "row":
        name = render("order.row", lang)
    elif qual in rs.seat_defs:
        name = rs.seat_name(qual, lang)
    elif qual in rs.domain_ids:
        name = rs.domain_name(qual, lang)
    else:
        name = rs.region_name(qual, lang)
    return render("quantity.qualified", lang, base=word, name=name)


def override_words(rs: Ruleset, target: str, quantity: str, delta: float, lang: str = "en") -> str:
    """A facilitator's override in words: ``Germany · Budget +2`` (the Rival Bloc for its threat)."""
    who = rs.seat_name("rival", lang) if quantity == "rival_threat" else rs.seat_name(target, lang)
    return render("override.words", lang, target=who, quantity=quantity_words(rs, quantity, lang),
                  delta=f"{delta:+g}")


def explain_text(report: RoundReport, rs: Ruleset, target: str, quantity: str, lang: str = "en",
                 limit: int = 6) -> str:
    """One line such as ``Security −6: Rival threat −4; incident −5; pact +3``."""
    scale = QUANTITY_SCALE.get(quantity, 1.0)
    lines = report.explain(target, quantity)
    total = sum(d for _, _, d in lines) * scale
    parts = [f"{cause_text(rs, c, r, lang)} {d * scale:+.1f}" for c, r, d in lines[:limit]]
    label = render(f"quantity.{quantity}", lang)
    if label == f"quantity.{quantity}":
        label = quantity
    return labelled(f"{label} {total:+.1f}", punct("items", lang).join(parts), lang) if parts else f"{label} {total:+.1f}"


def report_text(report: RoundReport, rs: Ruleset, lang: str = "en") -> str:
    """A plain-text round report for the command line."""
    out = []
    title = render("report.round", lang, round=report.round)
    out.append(title)
    if report.event:
        out.append("  " + render("report.event", lang, name=rs.events[report.event].title.get(lang)))
    out.append("  " + render("report.indices", lang, asi=report.alliance_security,
                             aci=report.alliance_competitiveness))
    if report.crisis:
        out.append("  " + render("report.crisis", lang))
    for n, c in sorted(report.incidents.items()):
        out.append("  " + render("report.incident", lang, seat=rs.seat_name(n, lang), count=c))
    for d in report.decisions:
        ref = f"{report.event}/{d['option']}" if report.event else d["option"]
        key = "report.choice" if d.get("answered") else "report.choice_default"
        out.append("  " + render(key, lang, seat=rs.seat_name(d["seat"], lang), option=choice_text(rs, ref, lang)))
    for s in rs.seat_ids:
        orders = report.orders.get(s) or []
        line = render("report.score", lang, round_score=report.round_scores.get(s, 0.0), total=report.scores.get(s, 0.0))
        if s in report.standings:
            line += render("report.standing", lang, standing=report.standings[s])
        out.append("  " + labelled(rs.seat_name(s, lang), line, lang))
        words = join_list((describe_order(rs, o, lang) for o in orders), lang, "; ") if orders else "—"
        out.append("    " + render("report.orders", lang, orders=words))
        if s in rs.nation_ids:
            out.append("    " + explain_text(report, rs, s, "security", lang))
        out.append("    " + explain_text(report, rs, s, "competitiveness", lang))
    return "\n".join(out)
