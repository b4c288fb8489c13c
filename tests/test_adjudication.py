"""Adjudication cases as data, in the spirit of Diplomacy's DATC.

Every ``tests/adjudication/<case>.yaml`` (except ``params.yaml``) is one pytest
case, id = file stem.  A case plays ONE round of a real scenario under pinned
parameters (``tests/adjudication/params.yaml``, overlaid on the real rules) and
checks what the engine did.  The format:

.. code-block:: yaml

    title: Fund defence raises the defence stock by efficiency x amount
    covers: [order:fund_defence]       # order:<kind> agreement:<kind> event:<id> tier:<rule> market:<rule> score:<rule> refusal:<code> ...
    scenario: g7-2026                  # any scenario id
    seed: 1                            # optional, default 1
    rounds: 1                          # optional: override the scenario's length (1 = this round is the last)
    setup:                             # applied at the start of round 1, before the event applies
      event: null                      # replace this round's card (null = no card); omit to keep the drawn card
      nations: {japan: {defence: 20, data: {finance: 3}, tiers: {usa: 2}, budget: 10}}
      firms: {sakana: {model: 6}}
      rival: {threat: 10}
      state: {frontier: 10, crisis_streak: 1, modifiers: {incident_chance: 0}}   # top-level GameState fields
    choices: {japan: defence_fund}     # answers to the card's choice, given in the event phase (others: the default)
    agreements:                        # proposed in the negotiation phase, in order
      - {propose: japan, kind: threat_intel_sharing, members: [japan, usa], accept: [usa], status: formed}
    orders:                            # submitted in the orders phase (must be accepted)
      japan: ["fund_defence amount=3"]
    extra_rounds: 0                    # optional: resolve N more rounds with no card and no orders
    expect:
      deltas:    # sums of this round's ledger lines (round = the case round, event phase included)
        - {target: japan, quantity: defence, cause: order, ref: fund_defence, delta: 6.0}
      state:     # paths into state.to_dict() after resolution; also report.*, outcome.*, before.*
        - {path: nations.japan.defence, approx: 24.4}
      refused:   # attempts that must be refused with this code, leaving state_hash() unchanged
        - {seat: japan, orders: ["fund_defence amount=5"], code: bad_amount}
      compare:   # the case against a baseline run (default baseline: no orders)
        - {path: nations.italy.security, is: higher}
    baseline: {orders: {}}             # optional: top-level keys replacing the case's (setup deep-merges)

Paths are dotted: ``nations.japan.trust.usa``, ``shares.emerging_asia/finance.rival``,
``report.incidents.japan``, ``before.nations.japan.trust.usa`` (``before`` = the
state at the start of the orders phase, after setup, card and agreements).

State checks take one operator: ``approx`` (abs 1e-6), ``equals``, ``greater_than``,
``less_than``, ``at_least``, ``at_most``, ``between: [lo, hi]``, ``absent: true``,
``contains``, ``not_contains``, ``sum_approx`` (sum of a mapping's values),
``len``, or one of ``greater_than_path`` / ``less_than_path`` / ``equals_path``
(another path).  Delta checks take ``delta`` (approx), ``greater_than``,
``less_than`` or ``absent: true``.  A refused entry may say ``when:`` event,
negotiation, orders (default) or after, and instead of ``orders`` give
``propose: {kind, members}``, ``answer: {proposal, accept}``, ``advance: true``,
``choose_event: <id>`` or ``choose: <option>`` (the event's choice, with ``seat``).
"""

from __future__ import annotations

import copy
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from game.content.loader import load_rules
from game.content.reading import Problem, parse
from game.content.schema import Condition, Effect, EventCard, EventChoice, Rules
from game.engine import Game, IllegalOrder

HERE = Path(__file__).parent / "adjudication"
PARAMS = HERE / "params.yaml"
CASE_FILES = sorted(p for p in HERE.glob("*.yaml") if p.name != "params.yaml")
TOL = 1e-6

CASE_KEYS = {"title", "covers", "scenario", "seed", "rounds", "setup", "choices", "agreements", "orders",
             "extra_rounds", "expect", "baseline", "notes"}
SETUP_KEYS = {"event", "nations", "firms", "rival", "state"}
EXPECT_KEYS = {"deltas", "state", "refused", "compare", "formulas"}
FORMULAS = ("asi", "aci", "round_score", "objective_bonus")
STATE_OPS = {"approx", "equals", "greater_than", "less_than", "at_least", "at_most", "between", "absent",
             "contains", "not_contains", "sum_approx", "len", "greater_than_path", "less_than_path",
             "equals_path"}
DELTA_OPS = {"delta", "greater_than", "less_than", "absent"}


# ------------------------------------------------------------------ pinned rules


def _read_yaml(path: Path) -> Any:
    """A case or params file, read as strictly as content (a duplicate key is an error, not ignored)."""
    problems: list[Problem] = []
    doc = parse(path, problems)
    if problems or doc is None:
        raise AssertionError("; ".join(str(p) for p in problems) or f"{path}: nothing read")
    return doc.data


def _update(model: Any, values: dict[str, Any], where: str) -> Any:
    unknown = set(values) - set(type(model).model_fields)
    if unknown:
        raise AssertionError(f"params.yaml {where}: unknown field(s) {sorted(unknown)}")
    return model.model_copy(update=values)


def _keyed(items: list[Any], key: str, overlay: dict[Any, dict], where: str, convert=None) -> list[Any]:
    have = {getattr(x, key) for x in items}
    missing = set(overlay) - have
    if missing:
        raise AssertionError(f"params.yaml {where}: {sorted(map(str, missing))} no longer in rules/ "
                             f"(delete the entry and the cases that need it)")
    out = []
    for x in items:
        ov = overlay.get(getattr(x, key))
        if ov is None:
            out.append(x)
            continue
        out.append(_update(x, convert(ov, x) if convert else ov, f"{where}.{getattr(x, key)}"))
    return out


def _event_values(ov: dict, card: EventCard) -> dict:
    out = dict(ov)
    if "condition" in out:
        out["condition"] = Condition.model_validate(out["condition"])
    if "effects" in out:
        out["effects"] = [Effect.model_validate(e) for e in out["effects"]]
    if "choice" in out:  # the numbers are pinned; the prompt and the option texts come from the real card
        ch = dict(out["choice"])
        real = card.choice
        assert real is not None, f"params.yaml events.{card.id}: the real card puts no choice"
        texts = {o.id: o.text for o in real.options}
        ch.setdefault("prompt", real.prompt.model_dump())
        ch["options"] = [{"text": texts[o["id"]].model_dump(), **o} if o["id"] in texts else o for o in ch["options"]]
        out["choice"] = EventChoice.model_validate(ch)
    return out


@lru_cache(maxsize=1)
def pinned_rules() -> Rules:
    """The real rules with params.yaml overlaid."""
    rules = load_rules()
    p = _read_yaml(PARAMS)
    world = rules.world
    world = _update(world, {
        **p.get("world", {}),
        "rival": _update(world.rival, p.get("rival", {}), "rival"),
        "regions": _keyed(world.regions, "id", p.get("regions", {}), "regions"),
    }, "world")
    return _update(rules, {
        "world": world,
        "scoring": _update(rules.scoring, p.get("scoring", {}), "scoring"),
        "tiers": _keyed(rules.tiers, "tier", p.get("tiers", {}), "tiers"),
        "orders": _keyed(rules.orders, "kind", p.get("orders", {}), "orders"),
        "agreements": _keyed(rules.agreements, "kind", p.get("agreements", {}), "agreements"),
        "events": _keyed(rules.events, "id", p.get("events", {}), "events", _event_values),
    }, "rules")


# ------------------------------------------------------------------ cases


def load_case(path: Path) -> dict[str, Any]:
    case = _read_yaml(path)
    assert isinstance(case, dict), f"{path.name}: a case is a mapping"
    bad = set(case) - CASE_KEYS
    assert not bad, f"{path.name}: unknown key(s) {sorted(bad)}; allowed: {sorted(CASE_KEYS)}"
    for k in ("title", "covers", "scenario", "expect"):
        assert k in case, f"{path.name}: missing '{k}'"
    bad = set(case.get("setup") or {}) - SETUP_KEYS
    assert not bad, f"{path.name}: unknown setup key(s) {sorted(bad)}; allowed: {sorted(SETUP_KEYS)}"
    bad = set(case["expect"]) - EXPECT_KEYS
    assert not bad, f"{path.name}: unknown expect key(s) {sorted(bad)}; allowed: {sorted(EXPECT_KEYS)}"
    return case


def _merge(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _merge(a[k], v) if k in a else v
        return out
    return copy.deepcopy(b)


def _edit(obj: Any, values: dict[str, Any], where: str) -> None:
    """Set fields of a slotted state record (dicts are updated key by key)."""
    for k, v in values.items():
        if not hasattr(obj, k):
            raise AssertionError(f"setup {where}: no field '{k}'")
        cur = getattr(obj, k)
        if isinstance(cur, dict) and isinstance(v, dict):
            for kk, vv in v.items():
                cur[kk] = float(vv) if isinstance(vv, int) and isinstance(cur.get(kk), float) else vv
        elif isinstance(cur, float) and isinstance(v, int) and not isinstance(v, bool):
            setattr(obj, k, float(v))
        else:
            setattr(obj, k, copy.deepcopy(v))


def _apply_setup(g: Game, setup: dict[str, Any]) -> None:
    st = g.state
    for nid, vals in (setup.get("nations") or {}).items():
        assert nid in st.nations, f"setup: no nation '{nid}' in {st.scenario}"
        _edit(st.nations[nid], vals, f"nations.{nid}")
    for fid, vals in (setup.get("firms") or {}).items():
        assert fid in st.firms, f"setup: no firm '{fid}' in {st.scenario}"
        _edit(st.firms[fid], vals, f"firms.{fid}")
    if setup.get("rival"):
        _edit(st.rival, setup["rival"], "rival")
    if setup.get("state"):
        _edit(st, setup["state"], "state")


def _attempt(g: Game, r: dict[str, Any]) -> None:
    if "orders" in r:
        g.submit(r["seat"], r["orders"])
    elif "propose" in r:
        p = r["propose"]
        g.propose(r["seat"], p["kind"], p["members"], p.get("duration"))
    elif "answer" in r:
        a = r["answer"]
        g.answer(r["seat"], a["proposal"], a.get("accept", True))
    elif r.get("advance"):
        g.advance()
    elif "choose_event" in r:
        g.choose_event(r["choose_event"])
    elif "choose" in r:
        g.choose(r["seat"], r["choose"])
    else:
        raise AssertionError(f"refused entry {r} names no attempt")


class Run:
    def __init__(self, case: dict[str, Any]) -> None:
        self.case = case
        self.problems: list[str] = []
        setup = case.get("setup") or {}
        self.game = g = Game.new(case["scenario"], seed=case.get("seed", 1), rounds=case.get("rounds"),
                                 rules=pinned_rules())
        self.round = g.round
        if "event" in setup:
            g.choose_event(setup["event"])
        _apply_setup(g, setup)
        refused = case["expect"].get("refused") or []
        self._refusals(refused, "event")
        for seat, option in (case.get("choices") or {}).items():
            g.choose(seat, option)
        g.advance()  # the card applies
        for i, a in enumerate(case.get("agreements") or []):
            pid = g.propose(a["propose"], a["kind"], a["members"], a.get("duration"), a.get("terms", ()))
            for s in a.get("accept") or []:
                g.answer(s, pid, True)
            for s in a.get("decline") or []:
                g.answer(s, pid, False)
            status = next(p["status"] for p in g.proposals(status=None) if p["id"] == pid)
            want = a.get("status", "formed")
            if status != want:
                self.problems.append(f"agreement #{i + 1} ({a['kind']}): status {status!r}, expected {want!r}")
        self._refusals(refused, "negotiation")
        g.advance()  # to orders
        self.before = g.state.to_dict()
        self._refusals(refused, "orders")
        for seat, orders in (case.get("orders") or {}).items():
            try:
                g.submit(seat, orders)
            except IllegalOrder as exc:
                raise AssertionError(f"{case['title']}\n  orders of {seat} were refused: {exc} [{exc.code}]") from None
        self.report = g.resolve()
        for _ in range(int(case.get("extra_rounds", 0))):
            if g.is_over:
                break
            g.choose_event(None)
            g.resolve()
        self._refusals(refused, "after")

    def _refusals(self, refused: list[dict[str, Any]], when: str) -> None:
        g = self.game
        for r in refused:
            if r.get("when", "orders") != when:
                continue
            h, n = g.state_hash(), len(g.actions)
            label = r.get("orders") or r.get("propose") or r.get("answer") or r.get("choose_event") or r.get("choose") or "advance"
            try:
                _attempt(g, r)
            except IllegalOrder as exc:
                if exc.code != r["code"]:
                    self.problems.append(f"refused {r.get('seat', '')} {label}: code {exc.code!r} "
                                         f"({exc.message('en')}), expected {r['code']!r}")
                if not exc.message("ja") or exc.message("ja") == exc.code:
                    self.problems.append(f"refused {label}: no Japanese message for {exc.code!r}")
            else:
                self.problems.append(f"refused {r.get('seat', '')} {label}: was ACCEPTED, expected {r['code']!r}")
                continue
            if g.state_hash() != h or len(g.actions) != n:
                self.problems.append(f"refused {label}: the state or the action log changed")

    def root(self) -> dict[str, Any]:
        o = self.game.outcome
        return self.game.state.to_dict() | {
            "report": self.report.to_dict(),
            "before": self.before,
            "view": self.game.view_for(None),
            "outcome": None if o is None else {
                "ended_by_crisis": o.ended_by_crisis, "alliance": o.alliance, "winner": o.winner,
                "ranking": [list(x) for x in o.ranking], "objectives_met": list(o.objectives_met)},
        }

    def ledger(self) -> list[tuple]:
        return [e for e in self.game.state.ledger if e[0] == self.round]


_MISSING = object()


def lookup(root: Any, path: str) -> Any:
    cur = root
    for part in path.split("."):
        if isinstance(cur, dict):
            if part in cur:
                cur = cur[part]
            elif part.isdigit() and int(part) in cur:
                cur = cur[int(part)]
            else:
                return _MISSING
        elif isinstance(cur, list) and part.lstrip("-").isdigit() and -len(cur) <= int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return _MISSING
    return cur


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_state(root: dict[str, Any], e: dict[str, Any]) -> str | None:
    path = e["path"]
    ops = set(e) - {"path", "why"}
    if len(ops) != 1 or not ops <= STATE_OPS:
        return f"state check {e}: give exactly one of {sorted(STATE_OPS)}"
    op = ops.pop()
    want = e[op]
    v = lookup(root, path)
    if op == "absent":
        return None if (v is _MISSING) == bool(want) else f"{path}: present={v is not _MISSING} ({v!r}), expected absent={want}"
    if v is _MISSING:
        return f"{path}: no such path"
    if op.endswith("_path"):
        other = lookup(root, want)
        if other is _MISSING:
            return f"{want}: no such path"
        op, want = op[: -len("_path")], other
        if op == "equals":
            op = "approx" if _num(v) else "equals"
    if op == "sum_approx":
        if not isinstance(v, dict):
            return f"{path}: not a mapping"
        v = sum(v.values())
        op = "approx"
    if op == "len":
        return None if len(v) == want else f"{path}: length {len(v)}, expected {want} ({v!r})"
    if op == "contains":
        return None if want in v else f"{path}: {v!r} does not contain {want!r}"
    if op == "not_contains":
        return None if want not in v else f"{path}: {v!r} contains {want!r}"
    if op == "equals":
        return None if v == want else f"{path}: {v!r}, expected {want!r}"
    if not _num(v):
        return f"{path}: {v!r} is not a number"
    if isinstance(v, float) and not math.isfinite(v):
        return f"{path}: {v!r} is not finite"
    ok = {
        "approx": lambda: v == pytest.approx(want, abs=TOL, rel=1e-9),
        "greater_than": lambda: v > want + 1e-12,
        "less_than": lambda: v < want - 1e-12,
        "at_least": lambda: v >= want - TOL,
        "at_most": lambda: v <= want + TOL,
        "between": lambda: want[0] - TOL <= v <= want[1] + TOL,
    }[op]()
    return None if ok else f"{path}: {v!r}, expected {op.replace('_', ' ')} {want!r}"


def check_delta(entries: list[tuple], e: dict[str, Any]) -> str | None:
    keys = {"target", "quantity", "cause", "ref", "why"}
    ops = set(e) - keys
    if len(ops) != 1 or not ops <= DELTA_OPS:
        return f"delta check {e}: give exactly one of {sorted(DELTA_OPS)}"
    op = ops.pop()
    want = e[op]
    hits = [x for x in entries if x[3] == e["target"] and x[4] == e["quantity"]
            and ("cause" not in e or x[1] == e["cause"]) and ("ref" not in e or x[2] == e["ref"])]
    total = sum(x[5] for x in hits)
    label = f"{e['target']}.{e['quantity']}" + (f" by {e.get('cause')}" if "cause" in e else "") + (
        f"/{e['ref']}" if "ref" in e else "")
    lines = [x for x in entries if x[3] == e["target"] and x[4] == e["quantity"]]
    ctx = "; ledger: " + (", ".join(f"{x[1]}/{x[2]} {x[5]:+.6g}" for x in lines) or "nothing")
    if op == "absent":
        return None if bool(hits) != bool(want) else f"{label}: {len(hits)} line(s) totalling {total:+.6g}, expected none{ctx}"
    if not hits:
        return f"{label}: no ledger line{ctx}"
    ok = {"delta": lambda: total == pytest.approx(want, abs=TOL, rel=1e-9),
          "greater_than": lambda: total > want,
          "less_than": lambda: total < want}[op]()
    return None if ok else f"{label}: {total:+.9g}, expected {op.replace('_', ' ')} {want!r}{ctx}"


def check_formula(run: Run, name: str) -> list[str]:
    """The scoring rules of GAME_DESIGN.md section 6, recomputed here from the round's results."""
    rules = pinned_rules()
    sc = rules.scoring
    st = run.game.state
    rep = run.report
    out: list[str] = []

    def same(label: str, got: float, want: float) -> None:
        if got != pytest.approx(want, abs=TOL, rel=1e-9):
            out.append(f"formula {name}: {label} is {got!r}, the rule gives {want!r}")

    if name == "asi":  # ASI = 100 x (w x min + (1 - w) x mean) of the nations' security
        secs = list(rep.security.values())
        w = sc.asi_min_weight
        same("alliance_security", rep.alliance_security, 100 * (w * min(secs) + (1 - w) * sum(secs) / len(secs)))
    elif name == "aci":  # ACI = 100 x alliance / (alliance + Rival), alliance = productivity + firm revenue
        alliance = sum(n.productivity for n in st.nations.values()) + sum(
            f.revenue + f.licence_revenue for f in st.firms.values())
        rival = st.rival.economy + st.rival.revenue
        same("alliance_competitiveness", rep.alliance_competitiveness, 100 * alliance / (alliance + rival))
    elif name == "round_score":  # comp x (floor + (1 - floor) x security), less the crisis penalty, where
        # security = (1 - w) x ASI/100 + w x the seat's own security (a firm's: its home nation's)
        w = sc.own_security_weight
        pen = run.game.rs.scenario.crisis.score_penalty if rep.crisis else 0.0
        for s, comp in rep.competitiveness.items():
            home = st.firms[s].home if s in st.firms else s
            own = rep.security.get(home, rep.alliance_security / 100)
            sec = (1 - w) * rep.alliance_security / 100 + w * own
            same(f"round score of {s}", rep.round_scores[s], comp * (sc.score_floor + (1 - sc.score_floor) * sec) * (1 - pen))
    elif name == "objective_bonus":  # met objectives add points% of the final score
        if not run.game.is_over:
            return [f"formula {name}: the game is not over"]
        for s, met in st.objectives_met.items():
            pts = run.game.rs.objectives[st.objectives[s]].points if met else 0.0
            before = st.history[-1]["scores_before_objectives"][s]
            same(f"final score of {s}", st.scores[s], before * (1 + pts / 100))
            same(f"last history total of {s}", st.history[-1]["scores"][s], st.scores[s])
    else:
        out.append(f"unknown formula {name!r}; known: {FORMULAS}")
    return out


def run_case(case: dict[str, Any]) -> list[str]:
    """Play the case and return what differed (empty when it passes)."""
    run = Run(case)
    problems = list(run.problems)
    root = run.root()
    exp = case["expect"]
    for e in exp.get("deltas") or []:
        p = check_delta(run.ledger(), e)
        if p:
            problems.append(p)
    for e in exp.get("state") or []:
        p = check_state(root, e)
        if p:
            problems.append(p)
    for name in exp.get("formulas") or []:
        problems.extend(check_formula(run, name))
    if exp.get("compare"):
        base = {k: v for k, v in case.items() if k != "baseline"}
        base["orders"] = {}
        for k, v in (case.get("baseline") or {}).items():
            base[k] = _merge(base.get(k) or {}, v) if k == "setup" else v
        base["expect"] = {}
        other = Run(base).root()
        for e in exp["compare"]:
            a, b = lookup(root, e["path"]), lookup(other, e["path"])
            if a is _MISSING or b is _MISSING:
                problems.append(f"compare {e['path']}: no such path")
                continue
            rel = "higher" if a > b + 1e-12 else "lower" if a < b - 1e-12 else "equal"
            if rel != e["is"]:
                problems.append(f"compare {e['path']}: case {a!r} vs baseline {b!r} is {rel}, expected {e['is']}")
    return problems


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case(path: Path) -> None:
    case = load_case(path)
    problems = run_case(case)
    if problems:
        pytest.fail(f"{path.name}: {case['title']}\n  " + "\n  ".join(problems), pytrace=False)


# ------------------------------------------------------------------ coverage


def _covered() -> set[str]:
    out: set[str] = set()
    for p in CASE_FILES:
        out.update(load_case(p)["covers"])
    return out


def test_enough_cases() -> None:
    assert len(CASE_FILES) >= 45, f"only {len(CASE_FILES)} adjudication cases"


def test_every_event_card_is_covered() -> None:
    """A card added to rules/events.yaml needs a case with `covers: [event:<id>]`."""
    ids = {f"event:{e.id}" for e in load_rules().events}
    missing = sorted(ids - _covered())
    assert not missing, f"event cards without an adjudication case: {missing}"


def test_every_event_option_is_covered() -> None:
    """Each option of a card's choice needs a case with `covers: [choice:<card>/<option>]`."""
    ids = {f"choice:{e.id}/{o.id}" for e in load_rules().events if e.choice for o in e.choice.options}
    assert len(ids) >= 16, "at least 8 cards put a choice of two or three options"
    missing = sorted(ids - _covered())
    assert not missing, f"event options without an adjudication case: {missing}"


def test_every_order_and_agreement_kind_is_covered() -> None:
    rules = load_rules()
    ids = {f"order:{o.kind}" for o in rules.orders} | {f"agreement:{a.kind}" for a in rules.agreements}
    missing = sorted(ids - _covered())
    assert not missing, f"order/agreement kinds without an adjudication case: {missing}"


def test_covers_name_real_things() -> None:
    """A `covers:` tag of a known family must name something that exists."""
    rules = load_rules()
    real = {"event": {e.id for e in rules.events}, "order": {o.kind for o in rules.orders},
            "agreement": {a.kind for a in rules.agreements},
            "choice": {f"{e.id}/{o.id}" for e in rules.events if e.choice for o in e.choice.options}
            | {"default", "answered"}}
    for p in CASE_FILES:
        for tag in load_case(p)["covers"]:
            fam, _, name = tag.partition(":")
            if fam in real:
                assert name in real[fam], f"{p.name}: covers {tag!r}, which is not in rules/"


def test_params_overlay_matches_schema() -> None:
    """The overlay loads, and names only fields and ids the schema and rules know."""
    r = pinned_rules()
    assert r.scoring.gamma > 0
