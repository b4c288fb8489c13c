"""Balance measurement: the targets of GAME_DESIGN section 10, by batch simulation
of scripted table profiles on paired seeds.

Pure functions (no printing, no files).  Each comparison plays the same seeds
under two tables that differ only in what the target is about, and reports the
mean paired difference (the margin) with a 95% interval (normal approximation,
``mean ± 1.96 · sd / √n``) and the share of seeds where the expected side wins.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from game.ai.personas import personas_for
from game.content.ai_schema import ROLE_TYPE
from game.content.loader import load_scenario, scenario_ids
from game.engine import Game
from game.session import batch
from game.session.simulate import TableSpec, make_policies, play_round, play_table  # one table loop for sims and balance runs

__all__ = ["TableSpec", "make_policies", "play_table", "run", "hard_vs_normal", "parse_personas"]

Progress = Callable[[int, int], None]

BEST_RESPONSE_SCENARIOS = ("g7-2026", "middle-powers")  # where balance searches single-seat best responses
OUTCOME_SCENARIOS = ("g7-2026", "middle-powers")  # where balance measures standings (and decisive cards)
DECISIVE_SCENARIO = "g7-2026"
US_FIRMS_ROUND = 2  # "short run": US firms' market share after this round


# ------------------------------------------------------------------ measurements (one game each)


def _mean_index(game: Game, key: str) -> float:
    h = game.state.history
    return statistics.fmean(x[key] for x in h) if h else 0.0


def measure(scenario: str, seed: int, spec: TableSpec) -> dict[str, float]:
    """Everything a target may need from one game."""
    snap: dict[str, float] = {}

    def on_round(g: Game) -> None:
        if g.state.history and g.state.history[-1]["round"] == US_FIRMS_ROUND:
            st = g.state
            us = sum(f.revenue for f in st.firms.values() if f.home == "usa")
            total = sum(f.revenue for f in st.firms.values()) + st.rival.revenue
            snap["us_firms_share"] = us / total if total > 0 else 0.0

    g = play_table(scenario, seed, spec, on_round=on_round)
    st = g.state
    out = {
        "asi": _mean_index(g, "alliance_security"),
        "aci": _mean_index(g, "alliance_competitiveness"),
        "rival_threat": statistics.fmean(x["rival_threat"] for x in st.history) if st.history else 0.0,
        "challengers": sum(st.scores.get(s, 0.0) for s in ("sakana", "mistral", "cohere")),
        "crisis": 1.0 if g.outcome is not None and g.outcome.alliance == "crisis" else 0.0,
        **{f"score:{s}": v for s, v in st.scores.items()},
        **snap,
    }
    return out


# ------------------------------------------------------------------ statistics


@dataclass
class Comparison:
    target: str
    scenario: str
    metric: str
    expect: str  # "a>b" or "a<b": the direction the design wants
    n: int
    margin: float  # mean of (a - b) signed so that positive = as designed
    low: float
    high: float
    win_rate: float
    mean_a: float
    mean_b: float
    passed: bool = False
    rule: str = ""
    note: str = ""


def compare(target: str, scenario: str, metric: str, a: Sequence[float], b: Sequence[float],
            expect: str = "a>b", min_win: float = 0.0, min_margin: float = 0.0, rel_margin: float = 0.0) -> Comparison:
    sign = 1.0 if expect == "a>b" else -1.0
    diffs = [sign * (x - y) for x, y in zip(a, b, strict=True)]
    n = len(diffs)
    m = statistics.fmean(diffs) if diffs else 0.0
    sd = statistics.stdev(diffs) if n > 1 else 0.0
    half = 1.96 * sd / math.sqrt(n) if n > 1 else float("inf")
    wins = sum(1 for d in diffs if d > 0) / n if n else 0.0
    ma, mb = (statistics.fmean(a) if a else 0.0), (statistics.fmean(b) if b else 0.0)
    scale = max(abs(ma), abs(mb), 1e-9)
    ok = m - half > 0 and wins >= min_win and m >= min_margin and m / scale >= rel_margin
    rules = ["95% interval above 0"]
    if min_win:
        rules.append(f"wins ≥ {min_win:.0%}")
    if min_margin:
        rules.append(f"margin ≥ {min_margin:g}")
    if rel_margin:
        rules.append(f"margin ≥ {rel_margin:.0%} of level")
    return Comparison(target, scenario, metric, expect, n, m, m - half, m + half, wins, ma, mb, ok, ", ".join(rules))


# ------------------------------------------------------------------ the targets


def _seats(scenario: str) -> set[str]:
    return set(load_scenario(scenario).seats)


def _has(scenario: str, *seats: str) -> bool:
    return set(seats) <= _seats(scenario)


def _nations(scenario: str) -> int:
    return len(_seats(scenario) & {"usa", "japan", "germany", "france", "uk", "italy", "canada"})


CUTOFF_FIXED = (("cutoff_response", 1.0),)
SPECIALIST = (("cutoff_response", 1.0),)
SOVEREIGN = (("cutoff_response", 1.0), ("spend", {"sovereign": 0.6, "defence": 0.25, "data": 0.15}))


def plan(games: int, seed: int, scenarios: Sequence[str] | None = None) -> list[tuple[str, str, str, TableSpec]]:
    """Every (key, scenario, side, spec) to play; the key groups the two sides of a comparison."""
    scs = list(scenarios) if scenarios else [s for s in scenario_ids() if s != "tutorial"]
    jobs: list[tuple[str, str, str, TableSpec]] = []
    for sc in scs:
        if _has(sc, "usa") and _nations(sc) >= 2:
            jobs.append(("T1", sc, "a", TableSpec("interconnected")))
            jobs.append(("T1", sc, "b", TableSpec("fragmented")))
        if _has(sc, "usa", "japan"):
            # same persona and diplomacy; only the budget differs (GAME_DESIGN T2)
            for key, base in (("T2coop", "interconnected"), ("T2cut", "us-hoard")):
                jobs.append((key, sc, "specialist", TableSpec(base, (("japan", "sumiwake_specialist"),),
                                                               (("japan", SPECIALIST),))))
                jobs.append((key, sc, "sovereign", TableSpec(base, (("japan", "sumiwake_specialist"),),
                                                              (("japan", SOVEREIGN),))))
        if _has(sc, "sakana", "mistral", "cohere"):
            jobs.append(("T3", sc, "a", TableSpec("sumiwake")))
            jobs.append(("T3", sc, "b", TableSpec("crowded")))
        if _has(sc, "usa", "openai") and _nations(sc) >= 2:
            jobs.append(("T4", sc, "a", TableSpec("us-hoard")))
            jobs.append(("T4", sc, "b", TableSpec("interconnected")))
        if _has(sc, "usa", "openai"):
            jobs.append(("T5", sc, "a", TableSpec("open-door")))
            jobs.append(("T5", sc, "b", TableSpec("open-door", overrides=(
                ("us", (("row_tier", 3),)), ("middle_power", (("row_tier", 3),))))))
    return jobs


def dominance_plan(scenarios: Sequence[str], rs_for: Callable[[str], Any]) -> list[tuple[str, str, str, TableSpec]]:
    """The round-robin: each seat on each persona that fits it, the rest on scenario defaults."""
    jobs = []
    for sc in scenarios:
        rs = rs_for(sc)
        for seat in rs.seat_ids:
            for pid in personas_for(rs, seat):
                jobs.append(("DOM", sc, f"{seat}={pid}", TableSpec(None, ((seat, pid),))))
    return jobs


def evaluate(results: dict[tuple[str, str, str], list[dict[str, float]]]) -> list[Comparison]:
    """Turn the measured games into comparisons, one or two per target and scenario."""
    out: list[Comparison] = []
    scs = sorted({k[1] for k in results})
    for sc in scs:
        def get(key: str, side: str, metric: str, sc: str = sc) -> list[float]:
            """The metric in every game measured for (target, scenario, side); empty if none was."""
            return [r[metric] for r in results.get((key, sc, side), [])]

        if get("T1", "a", "asi"):
            for metric in ("asi", "aci"):
                c = compare("T1 interconnection", sc, metric, get("T1", "a", metric), get("T1", "b", metric),
                            min_win=0.9, min_margin=3.0)
                out.append(c)
        if get("T2coop", "specialist", "score:japan"):
            c = compare("T2 sovereign insurance (cooperative US)", sc, "Japan's score: specialise − sovereign",
                        get("T2coop", "specialist", "score:japan"), get("T2coop", "sovereign", "score:japan"))
            out.append(c)
            c = compare("T2 sovereign insurance (US cut-off)", sc, "Japan's score: sovereign − specialise",
                        get("T2cut", "sovereign", "score:japan"), get("T2cut", "specialist", "score:japan"))
            out.append(c)
        if get("T3", "a", "challengers"):
            out.append(compare("T3 sumiwake", sc, "challenger firms' scores", get("T3", "a", "challengers"),
                               get("T3", "b", "challengers"), min_win=0.8, rel_margin=0.03))
        if get("T4", "a", "us_firms_share"):
            out.append(compare("T4 temptation (short run)", sc, f"US firms' market share, round {US_FIRMS_ROUND}",
                               get("T4", "a", "us_firms_share"), get("T4", "b", "us_firms_share")))
            out.append(compare("T4 temptation (whole game)", sc, "US score: interconnected − hoard",
                               get("T4", "a", "score:usa"), get("T4", "b", "score:usa"), expect="a<b"))
        if get("T5", "a", "rival_threat"):
            out.append(compare("T5 controls matter", sc, "Rival threat: open − controlled",
                               get("T5", "a", "rival_threat"), get("T5", "b", "rival_threat")))
            out.append(compare("T5 controls matter", sc, "ASI: controlled − open",
                               get("T5", "a", "asi"), get("T5", "b", "asi"), expect="a<b"))
    return out


@dataclass
class CrisisCheck:
    """How often normal-bot tables end in an alliance crisis, against the scenario's range."""

    scenario: str
    n: int
    crises: int
    rate: float
    low: float  # Wilson 95% interval of the rate
    high: float
    want_low: float
    want_high: float
    passed: bool = False


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of ``k`` successes in ``n`` trials."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def crisis_plan(scenarios: Sequence[str]) -> list[tuple[str, str, str, TableSpec]]:
    """Normal bots on every seat, for each scenario that states an expected crisis rate."""
    return [("CRISIS", sc, "normal", TableSpec(None, (), (), "normal"))
            for sc in scenarios if load_scenario(sc).crisis.expected_rate is not None]


def evaluate_crisis(results: dict[tuple[str, str, str], list[dict[str, float]]],
                    ranges: dict[str, Any] | None = None) -> list[CrisisCheck]:
    """The observed crisis rate passes when it lies inside the scenario's stated range
    (``ranges``: scenario -> `CrisisRate`, default each scenario's own ``crisis.expected_rate``;
    a scenario without one is not checked)."""
    out = []
    for (key, sc, _side), rows in sorted(results.items()):
        if key != "CRISIS":
            continue
        want = (ranges or {}).get(sc) or load_scenario(sc).crisis.expected_rate
        if want is None:
            continue
        n = len(rows)
        k = sum(1 for r in rows if r["crisis"])
        rate = k / n if n else 0.0
        lo, hi = wilson(k, n)
        out.append(CrisisCheck(sc, n, k, rate, lo, hi, want.low, want.high, n > 0 and want.low <= rate <= want.high))
    return out


@dataclass
class Dominance:
    seat_type: str
    cells: int
    best: dict[str, str] = field(default_factory=dict)  # "scenario/seat" -> best persona
    top: str = ""
    top_cells: int = 0
    passed: bool = True


def evaluate_dominance(results: dict[tuple[str, str, str], list[dict[str, float]]], type_of: Callable[[str, str], str]) -> list[Dominance]:
    means: dict[tuple[str, str], dict[str, float]] = {}
    for (key, sc, side), rows in results.items():
        if key != "DOM":
            continue
        seat, pid = side.split("=")
        means.setdefault((sc, seat), {})[pid] = statistics.fmean(r[f"score:{seat}"] for r in rows)
    by_type: dict[str, Dominance] = {}
    for (sc, seat), m in sorted(means.items()):
        t = type_of(sc, seat)
        d = by_type.setdefault(t, Dominance(t, 0))
        d.cells += 1
        d.best[f"{sc}/{seat}"] = max(m, key=lambda p: (m[p], p))
    for d in by_type.values():
        counts: dict[str, int] = {}
        for p in d.best.values():
            counts[p] = counts.get(p, 0) + 1
        d.top, d.top_cells = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        d.passed = d.cells < 2 or d.top_cells < d.cells
    return list(by_type.values())


# ------------------------------------------------------------------ running everything


def _task(args: tuple[str, str, str, TableSpec, int]) -> tuple[tuple[str, str, str], dict[str, float]]:
    key, sc, side, spec, seed = args
    return (key, sc, side), {**measure(sc, seed, spec), "_seed": seed}


def run(games: int = 40, seed: int = 0, jobs: int = 1, scenarios: Sequence[str] | None = None,
        dominance_games: int | None = None, dominance_scenarios: Sequence[str] | None = None,
        progress: Progress | None = None, cluster: str | None = None, br_budget: int = 0,
        br_seats: Sequence[str] | None = None, br_seeds: int = 8, br_check_seeds: int = 6,
        br_tune_seeds: int = 3, br_population: int = 12, outcome_games: int = 0,
        decisive_seeds: int = 0) -> dict[str, Any]:
    """Run every target and the no-dominant-persona check; a JSON-ready report.

    With ``br_budget`` > 0, also the single-seat best responses of g7-2026 and
    middle-powers (those of them among ``scenarios``) and the checks I1–I6
    (`game.session.best_response`): ``br_budget`` strategies tried per seat (of
    ``br_seats``, None: every seat), each on ``br_tune_seeds`` seeds, the best scored
    on ``br_seeds`` others, the checks played on ``br_check_seeds`` of those.

    With ``outcome_games`` > 0, also whether the outcome is in doubt (`game.session.outcomes`)
    in each of `OUTCOME_SCENARIOS` among ``scenarios``: the standings spread on that many
    normal-bot games, and the decisive event cards swapped in on ``decisive_seeds`` of them."""
    from game.engine.ruleset import Ruleset
    from game.content.loader import load_rules

    rules = load_rules()
    rs_cache: dict[str, Any] = {}

    def rs_for(sc: str):
        if sc not in rs_cache:
            rs_cache[sc] = Ruleset.build(rules, load_scenario(sc, rules))
        return rs_cache[sc]

    tasks = [(k, sc, side, spec, seed + i) for (k, sc, side, spec) in plan(games, seed, scenarios) for i in range(games)]
    dgames = dominance_games if dominance_games is not None else max(4, games // 4)
    dscs = list(dominance_scenarios) if dominance_scenarios is not None else (
        list(scenarios) if scenarios else [s for s in scenario_ids() if s != "tutorial"])
    tasks += [(k, sc, side, spec, seed + i) for (k, sc, side, spec) in dominance_plan(dscs, rs_for) for i in range(dgames)]
    cscs = list(scenarios) if scenarios else [s for s in scenario_ids() if s != "tutorial"]
    tasks += [(k, sc, side, spec, seed + i) for (k, sc, side, spec) in crisis_plan(cscs) for i in range(games)]
    results: dict[tuple[str, str, str], list[dict[str, float]]] = {}
    for key, m in batch.run(_task, tasks, jobs=jobs, cluster=cluster, progress=progress, chunksize=4):
        results.setdefault(key, []).append(m)
    # results arrive unordered with jobs > 1: pair by seed order
    for k in results:
        results[k].sort(key=lambda r: r.get("_seed", 0))
    comps = evaluate(results)
    doms = evaluate_dominance(results, lambda sc, seat: ROLE_TYPE[rs_for(sc).seat_defs[seat].role])
    crises = evaluate_crisis(results)
    ok = all(c.passed for c in comps) and all(d.passed for d in doms) and all(c.passed for c in crises)
    run_scs = list(scenarios) if scenarios else [s for s in scenario_ids() if s != "tutorial"]
    br_scs = [sc for sc in BEST_RESPONSE_SCENARIOS if sc in run_scs]
    br: dict[str, Any] | None = None
    if br_budget > 0 and br_scs:
        from . import best_response

        br = best_response.run(br_scs, seed, br_budget, br_population, br_tune_seeds, br_seeds, br_check_seeds,
                               br_seats, jobs, cluster, progress)
        ok = ok and br["passed"]
    outcomes: list[dict[str, Any]] = []
    if outcome_games > 0:
        from . import outcomes as outcomes_

        for sc in [sc for sc in OUTCOME_SCENARIOS if sc in run_scs]:
            seeds = decisive_seeds if sc == DECISIVE_SCENARIO else 0
            o = outcomes_.run(sc, outcome_games, seed, seeds, jobs, cluster, progress)
            outcomes.append(o)
            ok = ok and o["passed"]
    return {
        "games": games,
        "seed": seed,
        "dominance_games": dgames,
        "outcomes": outcomes,
        "interval": "95%, normal approximation on paired seeds",
        "targets": [asdict(c) for c in comps],
        "dominance": [asdict(d) for d in doms],
        "best_response": br,
        "crisis_rate": [asdict(c) for c in crises],
        "passed": ok,
    }


# ------------------------------------------------------------------ hard against normal


def _hvn_task(args: tuple[str, int, str, int, int]) -> tuple[int, str, float, float]:
    scenario, seed, seat, iterations, horizon = args
    out = []
    for level in ("hard", "normal"):
        spec = TableSpec(None, (), (), "normal", ((seat, level),), hard_iterations=iterations)
        game = Game.new(scenario, seed=seed)
        policies = make_policies(game, seed, spec)
        policies[seat].horizon = horizon  # type: ignore[attr-defined]
        while not game.is_over:
            play_round(game, policies)
        out.append(game.scores()[seat])
    return seed, seat, out[0], out[1]


def hard_vs_normal(games: int, seed: int = 0, scenario: str = "g7-2026", seats: Sequence[str] = ("japan",),
                   iterations: int = 48, horizon: int = 2, jobs: int = 1, cluster: str | None = None,
                   progress: Progress | None = None) -> dict[str, Any]:
    """Paired seeds: the same seat plays hard (everyone else normal) and normal (everyone normal).

    Seat ``seats[i % len(seats)]`` is measured in game ``i``.  Reports the share of
    seeds where the hard seat outscores the normal one, with a Wilson 95% interval."""
    tasks = [(scenario, seed + i, seats[i % len(seats)], iterations, horizon) for i in range(games)]
    rows = batch.run(_hvn_task, tasks, jobs=jobs, cluster=cluster, progress=progress, chunksize=1)
    rows.sort()
    wins = sum(1 for _, _, h, n in rows if h > n)
    n = len(rows)
    p = wins / n if n else 0.0
    z = 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n) if n else 0.0
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n) if n else 0.0
    diffs = [h - nn for _, _, h, nn in rows]
    return {"scenario": scenario, "games": n, "seats": list(seats), "iterations": iterations, "horizon": horizon,
            "hard_wins": wins, "win_rate": p, "wilson_low": centre - half, "wilson_high": centre + half,
            "mean_score_gain": statistics.fmean(diffs) if diffs else 0.0,
            "rows": [{"seed": s, "seat": st, "hard": h, "normal": nn} for s, st, h, nn in rows]}


# ------------------------------------------------------------------ simulating tables (sumiwake sim)


def parse_personas(items: Sequence[str], scenario: str) -> dict[str, str]:
    """``SEAT=PERSONA`` items, checked against the scenario's seats and each seat's type."""
    from game.ai.personas import check_fits
    from game.content.loader import load_rules
    from game.engine.ruleset import Ruleset

    rules = load_rules()
    rs = Ruleset.build(rules, load_scenario(scenario, rules))
    out: dict[str, str] = {}
    for item in items:
        seat, sep, pid = item.partition("=")
        if not sep or not seat or not pid:
            raise ValueError(f"expected SEAT=PERSONA, got '{item}'")
        if seat not in rs.seat_ids:
            raise ValueError(f"'{seat}' is not a seat of {scenario} (seats: {', '.join(rs.seat_ids)})")
        check_fits(rs, seat, pid)
        out[seat] = pid
    return out
