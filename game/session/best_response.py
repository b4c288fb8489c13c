"""Single-seat best responses (GAME_DESIGN section 10b) and the checks I1–I6.

A *strategy* is a point in a parametrised space of ways to play one seat: budget
shares by order kind, export tiers for allies and for the rest of the world in
three windows of the game (the first two rounds, the middle, the last two), the
number of focus domains, a firm's region rule and licensing, which proposals it
accepts and whether it proposes, and what its one-round lookahead values.  A
strategy is played by `StrategyBot`: the normal bot's lookahead over the
heuristic, with the persona's tendencies replaced by the strategy's, so the
empty strategy *is* the seat's normal bot.

`search` finds a best response for many seats at once by the cross-entropy
method: every generation samples a population of strategies per seat from a
distribution (log-normal shares, categorical choices), plays each against the
normal bots on the other seats on a few *tuning* seeds, and refits the
distribution to the best quarter.  The best strategy found is then played on
other, *scored* seeds; its score against the normal bot's on the same seed is
the best response's ratio.  Every game is a task of the one batch pool
(`game.session.batch`), a generation at a time, and every random draw comes
from a seeded `Rng`, so a result depends only on its arguments.

The I1–I6 checks play fixed strategies of the same space (a US regime, a
challenger crowding the richest market, a nation without defence, one order
kind alone) against the normal bots on the scored seeds.

Pure functions (no printing, no files).
"""

from __future__ import annotations

import math
import statistics
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from game.ai.bot import PersonaBot
from game.ai.heuristic import FIRM_CATS, NATION_CATS
from game.ai.personas import SeatPersona
from game.ai.policy import Answer, Proposal, policy_seed
from game.content.ai_schema import ROLE_TYPE, Objectives, Tendencies
from game.engine import Game, Order
from game.engine.rng import Rng

from . import batch
from .simulate import play_round

Progress = Callable[[int, int], None]

REGION_STYLES = ("niche", "spread", "core")
LICENSING = ("all", "nations", "allies", "home", "none")
WINDOWS = ("opening", "middle", "closing")  # rounds 1-2, the middle rounds, the last two
CATEGORY_ORDER = {  # the order kind a spending category buys
    "defence": "fund_defence", "data": "fund_data", "sovereign": "fund_sovereign", "procure": "procure",
    "market_access": "market_access_deal", "rnd": "rnd", "apps": "build_application", "regions": "enter_region",
    "weight_security": "weight_security", "license_from": "license_from", "partner": "partner_nation",
}
SPEND_FLOOR = math.exp(-3.0)  # a sampled share below this is no share at all
OWN_VECTOR = {"sakana": "emerging_asia", "mistral": "africa", "cohere": "europe"}  # GAME_DESIGN I2
I6_MARGIN = 0.15  # a best response may beat the normal bot by at most this share


# ------------------------------------------------------------------ strategies


@dataclass(frozen=True)
class Strategy:
    """One way to play a seat.  ``None`` anywhere: as the seat's persona does."""

    spend: tuple[tuple[str, float], ...] | None = None  # (category, share): the budget's split
    focus: int | None = None  # focus domains
    ally: tuple[int | None, int | None, int | None] = (None, None, None)  # allies' export tier, per window
    row: tuple[int | None, int | None, int | None] = (None, None, None)  # the rest of the world's, per window
    region: str | None = None  # a region style (niche, spread, core) or a region id to go to
    licensing: str | None = None  # a frontier lab's licensing rule
    accept: str = "bot"  # bot: the persona's trust rule; all; none
    propose: str = "bot"  # bot: the persona's proposals; none
    value: str = "persona"  # what the lookahead values: the persona's objectives, or its own score ("own")
    threat: float | None = None  # a nation's defence multiplier when a security shock looms
    cutoff: float | None = None  # a nation's sovereign multiplier when cut off
    look: str = "lookahead"  # lookahead: the normal bot's one-round lookahead; heuristic: the plan alone

    def is_bot(self) -> bool:
        return self == Strategy()


def window_of(round_no: int, rounds: int) -> int:
    """Which tier window a round falls in: 0 for rounds 1–2, 2 for the last two, else 1."""
    if round_no <= 2:
        return 0
    if round_no > rounds - 2:
        return 2
    return 1


def tendencies_for(base: Tendencies, st: Strategy, window: int) -> Tendencies:
    """The persona's tendencies with the strategy's choices for one tier window."""
    data = base.model_dump()
    if st.spend is not None:
        data["spend"] = {c: w for c, w in st.spend if w > 0}
    if st.focus is not None:
        data["focus_domains"] = st.focus
    ally, row = st.ally[window], st.row[window]
    if ally is not None:
        data["ally_tier"], data["ally_tier_trust"] = ally, 0.0
    if row is not None:
        data["row_tier"] = row
    if any(a is not None and a > 1 for a in st.ally):  # a pact would lock allies at tier 1
        data["propose"] = [k for k in data["propose"] if k != "frontier_access_pact"]
        data["accept"] = {k: v for k, v in data["accept"].items() if k != "frontier_access_pact"}
    if st.region is not None:
        if st.region in REGION_STYLES:
            data["region_style"], data["region"] = st.region, None
        else:
            data["region_style"], data["region"] = "fixed", st.region
    if st.licensing is not None:
        data["licensing"] = st.licensing
    if st.propose == "none":
        data["propose"] = []
    if st.threat is not None:
        data["threat_response"] = st.threat
    if st.cutoff is not None:
        data["cutoff_response"] = st.cutoff
    return Tendencies.model_validate(data)


class StrategyBot(PersonaBot):
    """The normal bot of a seat playing a `Strategy` instead of its persona's tendencies.

    It records what it ordered (``log``: one list of orders a round) for the description
    of what a best response does."""

    def __init__(self, strategy: Strategy, seed: int) -> None:
        super().__init__(None, "scripted" if strategy.look == "heuristic" else "normal", seed)
        self.strategy = strategy
        self.log: list[tuple[int, list[Order]]] = []
        self._tuned: dict[tuple[str, str, int], SeatPersona] = {}

    def seat_persona(self, game: Game, seat: str) -> SeatPersona:
        base = super().seat_persona(game, seat)
        w = window_of(game.round, game.state.rounds)
        key = (game.rs.content_hash, seat, w)
        hit = self._tuned.get(key)
        if hit is None:
            persona = base.persona
            if self.strategy.value == "own":
                persona = persona.model_copy(update={"objectives": Objectives(own_score=1.0)})
            hit = self._tuned[key] = SeatPersona(persona, tendencies_for(base.tendencies, self.strategy, w))
        return hit

    def orders(self, game: Game, seat: str, progress: Progress | None = None):
        d = super().orders(game, seat, progress)
        self.log.append((game.round, list(d.orders)))
        return d

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> Answer:
        if self.strategy.accept == "all":
            return Answer(seat, proposal["id"], True)
        if self.strategy.accept == "none":
            return Answer(seat, proposal["id"], False)
        return super().answer(game, seat, proposal)

    def propose(self, game: Game, seat: str) -> list[Proposal]:
        return [] if self.strategy.propose == "none" else super().propose(game, seat)


# ------------------------------------------------------------------ one game


def normal_bots(game: Game, seed: int) -> dict[str, Any]:
    """Every seat's normal bot, as ``sumiwake sim --difficulty normal`` seats them."""
    bot_seed = policy_seed(seed, persona=True)
    return {s: PersonaBot(None, "normal", seed=bot_seed) for s in game.seats}


def play(scenario: str, seed: int, strategies: Sequence[tuple[str, Strategy]] = ()) -> dict[str, Any]:
    """One game: the seats in ``strategies`` play them, every other seat its normal bot.

    Returns every seat's score, its score over rounds 1–2, the mean alliance security,
    incidents, whether it ended in crisis, the firms licensing each firm at the end, and
    for each strategy seat what it did (budget by order kind, tiers it set, revenue by
    region for a firm)."""
    game = Game.new(scenario, seed=seed)
    policies = normal_bots(game, seed)
    bots: dict[str, StrategyBot] = {}
    for seat, st in strategies:
        bots[seat] = StrategyBot(st, policy_seed(seed, persona=True))
        policies[seat] = bots[seat]
    revenue: dict[str, dict[str, float]] = {s: {} for s in bots if s in game.state.firms}
    while not game.is_over:
        play_round(game, policies)
        for s, by in revenue.items():
            for r, v in game.state.firms[s].revenue_by_region.items():
                by[r] = by.get(r, 0.0) + v
    state = game.state
    h = state.history
    early = h[min(1, len(h) - 1)]["scores"] if h else {}
    did: dict[str, Any] = {}
    for s, bot in bots.items():
        spend: dict[str, float] = {}
        tiers: list[tuple[int, str, int]] = []
        for rnd, orders in bot.log:
            for o in orders:
                if o.kind == "set_export_tier" and o.target is not None and o.tier is not None:
                    tiers.append((rnd, o.target, o.tier))
                cost = _cost(game, o)
                if cost > 0:
                    spend[o.kind] = spend.get(o.kind, 0.0) + cost
        did[s] = {"spend": spend, "tiers": tiers, "revenue": revenue.get(s, {})}
    return {
        "seed": seed,
        "scores": dict(game.scores()),
        "early": dict(early),
        "asi": statistics.fmean(x["alliance_security"] for x in h) if h else 0.0,
        "incidents": float(sum(n.incidents for n in state.nations.values())),
        "crisis": bool(game.outcome and game.outcome.alliance == "crisis"),
        "licensed_by": {f: sorted(x for x, xf in state.firms.items() if f in xf.licences and x != f) for f in state.firms},
        "did": did,
    }


def _cost(game: Game, o: Order) -> float:
    rule = game.rs.orders[o.kind]
    return float(o.amount) if rule.amounts else float(rule.cost)


def _task(args: tuple[str, int, tuple[tuple[str, Strategy], ...]]) -> dict[str, Any]:
    scenario, seed, strategies = args
    return play(scenario, seed, strategies)


# ------------------------------------------------------------------ statistics


@dataclass
class Ratio:
    """Mean of per-seed ratios a/b with a 95% interval (normal approximation)."""

    mean: float
    low: float
    high: float
    n: int


def ratio(a: Sequence[float], b: Sequence[float]) -> Ratio:
    """The ratio of summed scores, sum(a) / sum(b), seed by seed paired, with a 95 %
    delta-method interval.  Not the mean of per-seed ratios: a seed on which the bot's table
    ends early in crisis gives x2-7 for almost any change, and would outweigh the rest."""
    pairs = list(zip(a, b, strict=True))
    n = len(pairs)
    mb = statistics.fmean(y for _, y in pairs) if pairs else 0.0
    if mb <= 0:
        return Ratio(1.0, float("-inf"), float("inf"), n)
    m = statistics.fmean(x for x, _ in pairs) / mb
    half = 1.96 * statistics.stdev([x - m * y for x, y in pairs]) / (math.sqrt(n) * mb) if n > 1 else float("inf")
    return Ratio(m, m - half, m + half, n)


# ------------------------------------------------------------------ the search


@dataclass
class _Dist:
    """The cross-entropy distribution over one seat's strategies."""

    cats: tuple[str, ...]
    mu: dict[str, float]
    sigma: dict[str, float]
    choices: dict[str, tuple[Any, ...]]  # dimension -> options (None: the persona's)
    probs: dict[str, list[float]]


def _dimensions(game: Game, seat: str) -> dict[str, tuple[Any, ...]]:
    nation = seat in game.state.nations
    dims: dict[str, tuple[Any, ...]] = {
        "focus": (None, 1, 2, 3),
        "accept": ("bot", "all", "none"),
        "propose": ("bot", "none"),
        "value": ("persona", "own"),
    }
    if nation:
        dims["threat"] = (None, 0.0, 1.0, 2.0)
        dims["cutoff"] = (None, 0.0, 1.0, 3.0)
        for w in range(3):
            dims[f"ally{w}"] = (None, 1, 2, 3)
            dims[f"row{w}"] = (None, 1, 2, 3)
    else:
        dims["region"] = (None, *REGION_STYLES, *game.rs.region_ids)
        firm = game.rs.seat_defs[seat].firm
        if firm is not None and firm.frontier_lab:
            dims["licensing"] = (None, *LICENSING)
    return dims


def _initial(game: Game, seat: str, base: Tendencies) -> _Dist:
    cats: tuple[str, ...] = NATION_CATS if seat in game.state.nations else FIRM_CATS
    spend: dict[str, float] = {str(k): float(v) for k, v in base.spend.items()}
    mu: dict[str, float] = {c: math.log(float(spend.get(c, 0.0)) + 0.05) for c in cats}
    sigma: dict[str, float] = {c: 1.0 for c in cats}
    choices = _dimensions(game, seat)
    probs = {}
    for d, opts in choices.items():
        k = len(opts)
        probs[d] = [0.4 + 0.6 / k if i == 0 else 0.6 / k for i in range(k)]  # the persona's choice first
    return _Dist(cats, mu, sigma, choices, probs)


def _pick(rng: Rng, probs: Sequence[float]) -> int:
    x, acc = rng.random() * sum(probs), 0.0
    for i, p in enumerate(probs):
        acc += p
        if x < acc:
            return i
    return len(probs) - 1


def _normal(rng: Rng) -> float:
    u1 = max(rng.random(), 1e-12)
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * rng.random())


def _sample(dist: _Dist, rng: Rng) -> tuple[Strategy, dict[str, Any]]:
    raw: dict[str, Any] = {}
    shares = []
    for c in dist.cats:
        z = dist.mu[c] + dist.sigma[c] * _normal(rng)
        raw[f"spend:{c}"] = z
        shares.append((c, round(math.exp(z), 3) if math.exp(z) >= SPEND_FLOOR else 0.0))
    for d in dist.choices:
        raw[d] = _pick(rng, dist.probs[d])
    return _strategy(dist, tuple(shares), raw), raw


def _strategy(dist: _Dist, shares: tuple[tuple[str, float], ...], raw: dict[str, Any]) -> Strategy:
    def opt(d: str) -> Any:
        return dist.choices[d][raw[d]] if d in dist.choices else None

    kw: dict[str, Any] = {"spend": shares, "focus": opt("focus"), "accept": opt("accept"),
                          "propose": opt("propose"), "value": opt("value")}
    if "threat" in dist.choices:
        kw["threat"], kw["cutoff"] = opt("threat"), opt("cutoff")
    if "ally0" in dist.choices:
        kw["ally"] = tuple(opt(f"ally{w}") for w in range(3))
        kw["row"] = tuple(opt(f"row{w}") for w in range(3))
    if "region" in dist.choices:
        kw["region"] = opt("region")
    if "licensing" in dist.choices:
        kw["licensing"] = opt("licensing")
    return Strategy(**kw)


def _refit(dist: _Dist, elite: Sequence[dict[str, Any]], smooth: float = 0.7) -> None:
    for c in dist.cats:
        xs = [e[f"spend:{c}"] for e in elite]
        m = statistics.fmean(xs)
        s = statistics.pstdev(xs) if len(xs) > 1 else dist.sigma[c]
        dist.mu[c] = smooth * m + (1 - smooth) * dist.mu[c]
        dist.sigma[c] = max(0.2, smooth * s + (1 - smooth) * dist.sigma[c])
    for d, opts in dist.choices.items():
        freq = [sum(1 for e in elite if e[d] == i) / len(elite) for i in range(len(opts))]
        dist.probs[d] = [max(0.02, smooth * f + (1 - smooth) * p) for f, p in zip(freq, dist.probs[d], strict=True)]


@dataclass
class SeatResult:
    """A seat's best response: its strategy, its ratio to the normal bot on the scored
    seeds (and on the tuning seeds), and what it did in the scored games."""

    scenario: str
    seat: str
    strategy: dict[str, Any]
    ratio: float
    low: float
    high: float
    n: int
    tune_ratio: float
    evaluations: int
    did: dict[str, Any]
    passed: bool = True  # I6: ratio ≤ 1 + I6_MARGIN


def seeds_for(seed: int, tune: int, scored: int) -> tuple[list[int], list[int]]:
    """The tuning and the scored seeds: two disjoint ranges, apart from balance's own seeds."""
    return [seed + 20_000 + i for i in range(tune)], [seed + 10_000 + i for i in range(scored)]


def search(targets: Sequence[tuple[str, str]], seed: int = 0, budget: int = 48, population: int = 12,
           tune_seeds: int = 3, scored_seeds: int = 10, jobs: int = 1, cluster: str | None = None,
           progress: Progress | None = None,
           baselines: dict[tuple[str, int], dict[str, Any]] | None = None) -> list[SeatResult]:
    """Best responses for every (scenario, seat) in ``targets``, by the cross-entropy method.

    ``budget`` strategies are tried per seat (``population`` a generation), each on
    ``tune_seeds`` seeds; the best is then scored on ``scored_seeds`` other seeds.  The
    first strategy of the first generation is the normal bot itself, and the best
    strategy so far is carried into every generation."""
    tune, scored = seeds_for(seed, tune_seeds, scored_seeds)
    scs = sorted({sc for sc, _ in targets})
    base = dict(baselines or {})
    need = [(sc, s) for sc in scs for s in tune + scored if (sc, s) not in base]
    for (sc, s), r in zip(need, batch.run(_task, [(sc, s, ()) for sc, s in need], jobs=jobs, cluster=cluster), strict=True):
        base[sc, s] = r
    dists: dict[tuple[str, str], _Dist] = {}
    rng: dict[tuple[str, str], Rng] = {}
    for sc, seat in targets:
        game = Game.new(sc, seed=seed)
        bt = PersonaBot(None, "normal").seat_persona(game, seat).tendencies
        dists[sc, seat] = _initial(game, seat, bt)
        # the seat's own stream: its search does not depend on which seats are searched beside it
        rng[sc, seat] = Rng((seed * 1_000_003 + zlib.crc32(f"{sc}/{seat}".encode())) & ((1 << 64) - 1))
    tried: dict[tuple[str, str], dict[Strategy, float]] = {t: {} for t in targets}
    raws: dict[tuple[str, str], dict[Strategy, dict[str, Any]]] = {t: {} for t in targets}
    generations = max(1, math.ceil(budget / population))
    done_evals = 0
    total_evals = generations * population * len(targets) * len(tune) + len(targets) * len(scored)
    for g in range(generations):
        pops: dict[tuple[str, str], list[Strategy]] = {}
        for t in targets:
            pop: list[Strategy] = []
            if g == 0:
                pop.append(Strategy())
            elif tried[t]:
                pop.append(max(tried[t], key=lambda s: tried[t][s]))
            while len(pop) < population:
                st, raw = _sample(dists[t], rng[t])
                raws[t].setdefault(st, raw)
                pop.append(st)
            pops[t] = pop
        tasks = [(t[0], s, ((t[1], st),)) for t in targets for st in pops[t] if st not in tried[t] for s in tune]
        keys = [(t, st) for t in targets for st in pops[t] if st not in tried[t] for _ in tune]
        rows = batch.run(_task, tasks, jobs=jobs, cluster=cluster, chunksize=4, progress=_offset(progress, done_evals, total_evals))
        done_evals += len(tasks)
        got: dict[tuple[tuple[str, str], Strategy], tuple[list[float], list[float]]] = {}
        for (t, st), r in zip(keys, rows, strict=True):
            ours, bots = got.setdefault((t, st), ([], []))
            ours.append(r["scores"][t[1]])
            bots.append(base[t[0], r["seed"]]["scores"][t[1]])
        for (t, st), (ours, bots) in got.items():
            tried[t][st] = ratio(ours, bots).mean
        for t in targets:
            ranked = sorted(pops[t], key=lambda s: -tried[t][s])
            elite = [raws[t][s] for s in ranked[: max(2, population // 4)] if s in raws[t]]
            if len(elite) >= 2:
                _refit(dists[t], elite)
    best = {t: max(tried[t], key=lambda s: (tried[t][s], s.is_bot())) for t in targets}
    tasks = [(t[0], s, ((t[1], best[t]),)) for t in targets for s in scored]
    rows = batch.run(_task, tasks, jobs=jobs, cluster=cluster, chunksize=4, progress=_offset(progress, done_evals, total_evals))
    out = []
    for i, t in enumerate(targets):
        mine = rows[i * len(scored):(i + 1) * len(scored)]
        q = ratio([x["scores"][t[1]] for x in mine], [base[t[0], x["seed"]]["scores"][t[1]] for x in mine])
        out.append(SeatResult(t[0], t[1], strategy_dict(best[t]), q.mean, q.low, q.high, q.n, tried[t][best[t]],
                              len(tried[t]), summarise_did([x["did"][t[1]] for x in mine]),
                              q.mean <= 1.0 + I6_MARGIN))
    return out


def _offset(progress: Progress | None, done: int, total: int) -> Progress | None:
    """A batch's progress as part of the whole search's."""
    if progress is None:
        return None
    report = progress
    return lambda d, _n: report(done + d, total)


def strategy_dict(st: Strategy) -> dict[str, Any]:
    d = asdict(st)
    d["spend"] = dict(st.spend) if st.spend is not None else None
    return d


def summarise_did(dids: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """What a strategy did over several games: its budget's shares by order kind, the
    tiers it set (the most common per window and target group), its revenue by region."""
    spend: dict[str, float] = {}
    revenue: dict[str, float] = {}
    tiers: dict[tuple[int, str, int], int] = {}
    for d in dids:
        for k, v in d["spend"].items():
            spend[k] = spend.get(k, 0.0) + v
        for k, v in d["revenue"].items():
            revenue[k] = revenue.get(k, 0.0) + v
        for rnd, target, tier in d["tiers"]:
            tiers[rnd, target, tier] = tiers.get((rnd, target, tier), 0) + 1
    ts, tr = sum(spend.values()), sum(revenue.values())
    return {
        "spend": {k: v / ts for k, v in sorted(spend.items(), key=lambda kv: -kv[1])} if ts > 0 else {},
        "revenue": {k: v / tr for k, v in sorted(revenue.items(), key=lambda kv: -kv[1])} if tr > 0 else {},
        "tier_orders": [[r, t, ti, n] for (r, t, ti), n in sorted(tiers.items())],
    }


# ------------------------------------------------------------------ the checks I1–I6


@dataclass
class Check:
    """One of I1–I6: its rows (label -> figures) and whether it passed."""

    id: str
    title: str
    scenario: str
    rows: list[dict[str, Any]]
    passed: bool
    rule: str


def _us_regimes() -> list[tuple[str, Strategy]]:
    none = "none"
    return [
        # each regime changes one thing from the bot (whose rest-of-world tier is 2)
        ("cooperate", Strategy(ally=(1, 1, 1))),
        ("tier 2 for allies", Strategy(ally=(2, 2, 2), propose=none)),
        ("hoard", Strategy(ally=(3, 3, 3), propose=none)),
        ("hoard early", Strategy(ally=(3, 1, 1), propose=none)),
        ("hoard late", Strategy(ally=(1, 1, 3), propose=none)),
        ("rest of world tier 3", Strategy(row=(3, 3, 3))),
        ("rest of world tier 2", Strategy(row=(2, 2, 2))),
    ]


def _single_kinds(cats: Sequence[str], nation: bool) -> list[tuple[str, Strategy]]:
    """Every budget point into one order kind (the heuristic's plan alone, no shock or
    cut-off reflex that would buy another kind), with the seat's own answers or accepting all."""
    out = []
    for c in cats:
        only = tuple((x, 1.0 if x == c else 0.0) for x in cats)
        reflex: dict[str, Any] = {"threat": 0.0 if c != "defence" else None,
                                  "cutoff": 0.0 if c != "sovereign" else 1.0} if nation else {}
        st = Strategy(spend=only, look="heuristic", **reflex)
        out.append((CATEGORY_ORDER[c], st))
        out.append((f"{CATEGORY_ORDER[c]} + accept all", replace(st, accept="all")))
    return out


def _no_defence(base: Tendencies) -> Strategy:
    """The seat's own plan without defence, not even when a shock looms."""
    spend: dict[str, float] = {str(k): float(v) for k, v in base.spend.items()}
    return Strategy(spend=tuple((c, 0.0 if c == "defence" else spend.get(c, 0.0)) for c in NATION_CATS),
                    threat=0.0, look="heuristic")


WITH_DEFENCE = Strategy(look="heuristic")  # the same plan with its defence: I3's comparison


def _outside_values(game: Game) -> dict[str, float]:
    return {r: sum(game.state.markets[k] for k, kr, _ in game.rs.cells if kr == r) for r in game.rs.outside_regions}


def richest_outside(game: Game) -> str:
    """The richest outside market at the start: where the challengers crowd."""
    value = _outside_values(game)
    return max(value, key=lambda r: (value[r], r))


def check_plan(scenario: str, seed: int, seats: Sequence[str]) -> list[tuple[str, tuple[tuple[str, Strategy], ...]]]:
    """Every (label, strategies) game the checks need, per seed."""
    game = Game.new(scenario, seed=seed)
    nations = [s for s in game.seats if s in game.state.nations]
    plans: list[tuple[str, tuple[tuple[str, Strategy], ...]]] = []
    if "usa" in game.seats:
        plans += [(f"I1/{label}", (("usa", st),)) for label, st in _us_regimes()]
    challengers = [s for s in OWN_VECTOR if s in game.seats]
    if challengers:
        value = _outside_values(game)
        crowded = Strategy(region=richest_outside(game))  # where the others crowd
        for c in challengers:
            # the firm crowds the richest outside market that is not its own vector (Sakana's is the richest)
            crowd = Strategy(region=max((r for r in value if r != OWN_VECTOR[c]), key=lambda r: (value[r], r)))
            own = Strategy(region=OWN_VECTOR[c])
            others_own = tuple((o, Strategy(region=OWN_VECTOR[o])) for o in challengers if o != c)
            others_crowd = tuple((o, crowded) for o in challengers if o != c)
            plans += [(f"I2/{c}/own|others own", ((c, own), *others_own)),
                      (f"I2/{c}/crowd|others own", ((c, crowd), *others_own)),
                      (f"I2/{c}/own|others crowd", ((c, own), *others_crowd)),
                      (f"I2/{c}/crowd|others crowd", ((c, crowd), *others_crowd))]
        labs = [s for s in game.seats if s in game.state.firms and game.state.firms[s].frontier_lab]
        for lab in labs[:1]:
            plans.append((f"I2/{lab}/cut challengers", ((lab, Strategy(licensing="home")),)))
    bot = PersonaBot(None, "normal")
    for n in nations:
        plans.append((f"I3/{n}/alone", ((n, _no_defence(bot.seat_persona(game, n).tendencies)),)))
        plans.append((f"I3/{n}/with defence", ((n, WITH_DEFENCE),)))
    if nations:
        plans.append(("I3/all", tuple((n, _no_defence(bot.seat_persona(game, n).tendencies)) for n in nations)))
    mp = next((s for s in ("japan", "france", "canada") if s in nations), None)
    if mp is not None and "usa" in game.seats:
        spec = tuple((c, {"data": 0.5, "defence": 0.25, "procure": 0.15, "market_access": 0.1}.get(c, 0.0)) for c in NATION_CATS)
        sov = tuple((c, {"sovereign": 0.6, "defence": 0.25, "data": 0.15}.get(c, 0.0)) for c in NATION_CATS)
        cut = Strategy(ally=(3, 3, 3), propose="none")
        # Both plans are the split alone (heuristic): the one-round lookahead drops
        # sovereign funding, whose return comes rounds later; and the specialist does not
        # turn to a sovereign programme when cut off (cutoff 0), or the two would converge.
        for us_label, us in (("cooperative", Strategy(ally=(1, 1, 1))), ("cut-off", cut)):
            plans.append((f"I4/{mp}/{us_label}/specialise",
                          (("usa", us), (mp, Strategy(spend=spec, cutoff=0.0, look="heuristic")))))
            plans.append((f"I4/{mp}/{us_label}/sovereign",
                          (("usa", us), (mp, Strategy(spend=sov, look="heuristic")))))
    for s in seats:
        cats = NATION_CATS if s in game.state.nations else FIRM_CATS
        plans += [(f"I5/{s}/{label}", ((s, st),)) for label, st in _single_kinds(cats, s in game.state.nations)]
    return plans


def evaluate_checks(scenario: str, seeds: Sequence[int], games: dict[str, list[dict[str, Any]]],
                    base: dict[int, dict[str, Any]], brs: Sequence[SeatResult]) -> list[Check]:
    """Turn the checks' games (label -> one result per seed, in seed order) into I1–I6."""
    out: list[Check] = []

    def sc(label: str, seat: str, key: str = "scores") -> list[float]:
        return [r[key][seat] for r in games[label]]

    def bs(seat: str, key: str = "scores") -> list[float]:
        return [base[s][key][seat] for s in seeds]

    # I1: US regimes
    if "I1/cooperate" in games:
        rows: list[dict[str, Any]] = []
        for label, _ in _us_regimes():
            k = f"I1/{label}"
            rows.append({"regime": label, "usa_rounds_1_2": statistics.fmean(sc(k, "usa", "early")),
                         "usa_game": statistics.fmean(sc(k, "usa")), "asi": statistics.fmean(r["asi"] for r in games[k]),
                         "crises": sum(1 for r in games[k] if r["crisis"]), "n": len(games[k])})
        by = {r["regime"]: r for r in rows}
        coop = by["cooperate"]
        tempted = max(by[k]["usa_rounds_1_2"] for k in ("tier 2 for allies", "hoard", "hoard early")) > coop["usa_rounds_1_2"]
        costly = by["hoard"]["usa_game"] < 0.97 * coop["usa_game"]
        r3, r2 = by["rest of world tier 3"], by["rest of world tier 2"]
        neither = not (r3["asi"] >= r2["asi"] and r3["usa_game"] >= r2["usa_game"]) and \
            not (r2["asi"] >= r3["asi"] and r2["usa_game"] >= r3["usa_game"])
        out.append(Check("I1", "US temptation", scenario, rows, tempted and costly and neither,
                         "cutting allies raises the US's rounds 1–2 score; hoarding costs ≥ 3% over the game; "
                         "rest-of-world tier 3 vs 2: one buys security, the other revenue"))
    # I2: challengers
    chall = [c for c in OWN_VECTOR if f"I2/{c}/own|others own" in games]
    if chall:
        rows = []
        ok = True
        richest = richest_outside(Game.new(scenario, seed=seeds[0]))
        for c in chall:
            a = ratio(sc(f"I2/{c}/own|others own", c), sc(f"I2/{c}/crowd|others own", c))
            # when all crowd the richest market, moving out of it pays: to the firm's own vector,
            # or, for the firm whose own vector is the crowded market, to the next richest
            away, stay = ("crowd", "own") if OWN_VECTOR[c] == richest else ("own", "crowd")
            b = ratio(sc(f"I2/{c}/{away}|others crowd", c), sc(f"I2/{c}/{stay}|others crowd", c))
            rows.append({"seat": c, "own_over_crowd_when_others_own": a.mean, "low": a.low,
                         "out_over_in_when_all_crowd": b.mean, "low_all": b.low})
            ok = ok and a.mean > 1.0 and b.mean > 1.0
        cut = [k for k in games if k.startswith("I2/") and k.endswith("/cut challengers")]
        labs = {f for f, fs in Game.new(scenario, seed=seeds[0]).state.firms.items() if fs.frontier_lab}
        for k in cut:
            lab = k.split("/")[1]
            r = ratio(sc(k, lab), bs(lab))
            victims = {c: statistics.fmean(sc(k, c)) / max(1e-9, statistics.fmean(bs(c))) for c in chall}
            # a cut-off challenger re-licenses from another frontier lab (in most games, by the end)
            again = {c: sum(1 for g in games[k] if labs.intersection(g["licensed_by"][c]) - {lab}) / len(games[k])
                     for c in chall}
            rows.append({"seat": lab, "cut_challengers_over_bot": r.mean, "low": r.low, "high": r.high,
                         "challengers_after_cut": victims, "relicensed_elsewhere": again})
            # re-licensing is asked for only where another frontier lab is at the table
            ok = ok and r.mean < 1.0 and (not labs - {lab} or all(v >= 0.5 for v in again.values()))
        for sr in brs:
            if sr.scenario == scenario and sr.seat in chall:
                rows.append({"seat": sr.seat, "best_response_revenue_by_region": sr.did.get("revenue", {})})
        out.append(Check("I2", "Sumiwake pays each firm", scenario, rows, ok,
                         "own vector beats crowding the richest outside market when the others go to theirs; "
                         "when all crowd it, moving out pays; a lab that cuts challengers' licences scores below its bot, "
                         "and each challenger it cuts re-licenses from another frontier lab (if one is at the table) in at least half the games"))
    # I3: defence
    alone = [k for k in games if k.startswith("I3/") and k.endswith("/alone")]  # each against its plan with defence
    if alone:
        rows, losses = [], []
        for k in alone:
            n = k.split("/")[1]
            # both against the same game: the nation's own plan with its defence, the others on
            # their bots. Alone, only it stops; all, every nation stops (the same plan for it)
            r = ratio(sc(k, n), sc(f"I3/{n}/with defence", n))
            ra = ratio(sc("I3/all", n), sc(f"I3/{n}/with defence", n))
            rows.append({"seat": n, "alone_over_bot": r.mean, "low": r.low, "high": r.high, "all_over_bot": ra.mean})
            losses.append((r, ra))
        rows.append({"seat": "table",
                     "incidents_bots": statistics.fmean(base[s]["incidents"] for s in seeds),
                     "incidents_all": statistics.fmean(r["incidents"] for r in games["I3/all"]),
                     "asi_bots": statistics.fmean(base[s]["asi"] for s in seeds),
                     "asi_all": statistics.fmean(r["asi"] for r in games["I3/all"])})
        ok = all(r.high < 1.0 and r.mean < 0.97 and ra.mean < r.mean for r, ra in losses)
        out.append(Check("I3", "Security pays privately", scenario, rows, ok,
                         "a nation that alone stops defence loses ≥ 3% (interval below 1); when all stop, "
                         "each loses more than stopping alone"))
    # I4: insurance
    i4 = [k for k in games if k.startswith("I4/")]
    if i4:
        mp = i4[0].split("/")[1]
        rows = []
        res = {}
        for us in ("cooperative", "cut-off"):
            r = ratio(sc(f"I4/{mp}/{us}/sovereign", mp), sc(f"I4/{mp}/{us}/specialise", mp))
            res[us] = r
            rows.append({"us": us, "seat": mp, "sovereign_over_specialise": r.mean, "low": r.low, "high": r.high})
        out.append(Check("I4", "Insurance stays a real choice", scenario, rows,
                         res["cooperative"].mean < 1.0 < res["cut-off"].mean,
                         "sovereign below specialising under a cooperative US, above it under a cut-off"))
    # I5: one order kind
    i5 = [k for k in games if k.startswith("I5/")]
    if i5:
        rows, ok = [], True
        for k in i5:
            _, seat, label = k.split("/", 2)
            r = ratio(sc(k, seat), bs(seat))
            beats = r.low > 1.0
            ok = ok and not beats
            rows.append({"seat": seat, "strategy": label, "ratio": r.mean, "low": r.low, "high": r.high, "beats": beats})
        out.append(Check("I5", "No free lunch", scenario, rows, ok,
                         "no single order kind (alone or with accept-all) beats the bot (interval above 1)"))
    # I6: best response near the bot
    mine = [b for b in brs if b.scenario == scenario]
    if mine:
        rows = [{"seat": b.seat, "ratio": b.ratio, "low": b.low, "high": b.high} for b in mine]
        out.append(Check("I6", "Bots near their best response", scenario, rows, all(b.passed for b in mine),
                         f"each seat's best response beats its normal bot by ≤ {I6_MARGIN:.0%}"))
    return out


# ------------------------------------------------------------------ everything


def run(scenarios: Sequence[str] = ("g7-2026", "middle-powers"), seed: int = 0, budget: int = 48,
        population: int = 12, tune_seeds: int = 3, scored_seeds: int = 10, check_seeds: int | None = None,
        seats: Sequence[str] | None = None, jobs: int = 1, cluster: str | None = None,
        progress: Progress | None = None) -> dict[str, Any]:
    """Best responses for every seat (or ``seats``) of ``scenarios`` and the checks I1–I6."""
    from game.content.loader import load_scenario

    targets = []
    for sc in scenarios:
        for s in load_scenario(sc).seats:
            if seats is None or s in seats:
                targets.append((sc, s))
    tune, scored = seeds_for(seed, tune_seeds, scored_seeds)
    cseeds = scored[: check_seeds] if check_seeds is not None else scored
    base_need = [(sc, s) for sc in scenarios for s in sorted(set(tune) | set(scored))]
    rows = batch.run(_task, [(sc, s, ()) for sc, s in base_need], jobs=jobs, cluster=cluster)
    base = {k: r for k, r in zip(base_need, rows, strict=True)}
    brs = search(targets, seed, budget, population, tune_seeds, scored_seeds, jobs, cluster, progress, base) if targets else []
    plans = []
    for sc in scenarios:
        seat_list = [s for t, s in targets if t == sc]
        plans += [(sc, label, strategies) for label, strategies in check_plan(sc, seed, seat_list)]
    tasks = [(sc, s, strategies) for sc, _, strategies in plans for s in cseeds]
    rows = batch.run(_task, tasks, jobs=jobs, cluster=cluster, chunksize=4)
    checks: list[Check] = []
    for sc in scenarios:
        games: dict[str, list[dict[str, Any]]] = {}
        for i, (psc, label, _) in enumerate(plans):
            if psc == sc:
                games[label] = rows[i * len(cseeds):(i + 1) * len(cseeds)]
        checks += evaluate_checks(sc, cseeds, games, {s: base[sc, s] for s in cseeds}, brs)
    return {
        "budget": budget, "population": population, "tune_seeds": tune, "scored_seeds": scored,
        "check_seeds": list(cseeds),
        "seats": [asdict(b) for b in brs],
        "checks": [asdict(c) for c in checks],
        "passed": all(c.passed for c in checks),
    }


def seat_type(rs: Any, seat: str) -> str:
    return ROLE_TYPE[rs.seat_defs[seat].role]


__all__ = ["Strategy", "StrategyBot", "SeatResult", "Check", "play", "search", "run", "ratio", "replace"]
