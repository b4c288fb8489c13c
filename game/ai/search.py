"""Looking ahead over cloned states: the one-round lookahead of `normal` and the
sampled best response of `hard`.

Both work only through ``Game.clone(record=False)`` and
``Game.apply_orders_unchecked``.  Hidden information is determinised: other
seats' orders are sampled from the personas the bot believes they play (from
the public view only), and the clone's chance is reseeded from the bot's own
seed, so a bot never peeks at the real pending orders or incident rolls.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from typing import Any

from game.engine import Game, Order
from game.engine.rng import Rng
from game.engine.views import proposals_view

from . import heuristic
from .personas import SeatPersona
from .reasons import Reason

Progress = Callable[[int, int], None]

class _Memo:
    """A bounded cache for one game position.

    Keys start with ``id(game.state)``: positions of different games, or of different
    search clones, are never confused, even when their public numbers happen to agree.
    Each entry keeps the objects whose ids its key holds (the state, the beliefs), so an
    id cannot be reused by another object while its entry exists."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.entries: dict[tuple, tuple[Any, Any]] = {}

    def get(self, key: tuple) -> Any:
        hit = self.entries.get(key)
        return None if hit is None else hit[1]

    def put(self, key: tuple, keep: Any, value: Any) -> Any:
        if len(self.entries) >= self.limit:
            self.entries.clear()
        self.entries[key] = (keep, value)
        return value


def _fingerprint(game: Game) -> tuple:
    """The public numbers of a position (the lookahead's chance stream is drawn from them)."""
    st = game.state
    return (game.rs.content_hash, st.seed, st.round, st.phase, st.frontier, st.rival.threat, st.next_id,
            tuple(n.budget for n in st.nations.values()), tuple(f.budget for f in st.firms.values()),
            tuple(f.model for f in st.firms.values()))


def _key(game: Game) -> tuple:
    """A cache key for the position of this very game: it changes whenever the game moves on
    (round, phase, spending, models, agreements, proposals, event, overrides), but not when a
    seat submits orders, which stay hidden."""
    st = game.state
    return (id(st), st.event, len(st.overrides), _fingerprint(game))


def _position(game: Game) -> tuple:
    """`_key` without ``next_id`` (which a proposal advances), plus the agreements: what
    identifies a position apart from this round's proposals."""
    st = game.state
    return (id(st), st.event, len(st.overrides), game.rs.content_hash, st.round, st.phase, st.frontier,
            st.rival.threat, tuple(n.budget for n in st.nations.values()), tuple(f.budget for f in st.firms.values()),
            tuple(f.model for f in st.firms.values()), tuple((a.id, a.active) for a in st.agreements))


_VIEWS = _Memo(64)
_PREDICTIONS = _Memo(256)
_OUTCOMES = _Memo(64)


def public_view(game: Game) -> dict[str, Any]:
    """``game.view_for(None)``, cached per position (AI code treats it as read-only,
    apart from its private cache under ``_ai``, which every seat's view of the position shares).

    During negotiation only the proposals change until an agreement forms, so a new
    proposal or answer reuses the position's view with the proposals list rebuilt."""
    st = game.state
    base = _position(game)
    key = (base, tuple((p.id, p.status, len(p.answers)) for p in st.proposals if p.round == st.round))
    v = _VIEWS.get(key)
    if v is None:
        same = _VIEWS.get(base)
        if same is not None:
            v = dict(same)
            v["proposals"] = proposals_view(st, None)
        else:
            v = _VIEWS.put(base, st, game.view_for(None))
            v["_ai"] = {}
        _VIEWS.put(key, st, v)
    return v


def seat_view(game: Game, seat: str) -> dict[str, Any]:
    """What ``game.view_for(seat)`` returns, built from the cached public view plus the seat's own secrets."""
    pub = public_view(game)
    own = game.view_for(seat) if game.is_over else None
    if own is not None:
        return own
    st = game.state
    v = dict(pub)
    v["seat"] = seat
    v["proposals"] = [p for p in pub["proposals"] if seat in p["members"]]
    v["submitted"] = {s: s in st.pending for s in game.seats}
    v["pending"] = [str(o) for o in st.pending.get(seat, ())]
    v["objective"] = st.objectives.get(seat)
    v["objective_met"] = st.objectives_met.get(seat)
    return v


def predict_table(game: Game, beliefs: dict[str, SeatPersona], rng: Rng | None = None,
                  skip: str | None = None) -> dict[str, list[Order]]:
    """Every seat's orders as its believed persona's heuristic would give them (public view only).

    Without ``rng`` the prediction is noise-free and cached per position."""
    key = None
    if rng is None:
        key = (_key(game), id(beliefs))
        hit = _PREDICTIONS.get(key)
        if hit is not None:
            return hit
    view = public_view(game)
    out: dict[str, list[Order]] = {}
    for seat in game.seats:
        if seat == skip:
            continue
        t = beliefs[seat].tendencies
        out[seat] = heuristic.plan_orders(game.rs, view, seat, t, rng.fork(zlib.crc32(seat.encode())) if rng else None)[0]
    if key is not None:
        _PREDICTIONS.put(key, (game.state, beliefs), out)
    return out


def value(game: Game, seat: str, sp: SeatPersona, norm: float, resolved_round: int) -> float:
    """A persona's value of a position: its own score with the current rate carried to the end,
    plus its weighted alliance objectives.

    A nation's rate is carried forward as it can expect it to run: without this round's
    incidents (a single draw of chance, which would otherwise decide whether a point of
    defence looks worth anything) and scaled by the incidents its security leaves it
    exposed to (``incident_base`` x (1 - security) x ``incident_comp_hit`` a round)."""
    st = game.state
    remaining = 0 if st.phase == "over" else max(0, st.rounds - resolved_round)
    ob = sp.objectives
    rate = st.round_scores.get(seat, 0.0)
    ns = st.nations.get(seat)
    if ns is not None and remaining:
        sc = game.rs.rules.scoring
        if ns.competitiveness > 0:
            rate *= (ns.competitiveness + ns.comp_loss) / ns.competitiveness
        rate *= 1.0 - sc.incident_base * (1.0 - ns.security) * sc.incident_comp_hit
    own = st.scores.get(seat, 0.0) + rate * remaining
    v = ob.own_score * own / norm
    v += ob.alliance_security * st.asi / 100.0
    v += ob.alliance_competitiveness * st.aci / 100.0
    if ob.home_firms and seat in st.nations:
        home = [f for f, fs in st.firms.items() if fs.home == seat]
        v += ob.home_firms * sum(st.scores.get(f, 0.0) + st.round_scores.get(f, 0.0) * remaining for f in home) / norm
    return v


def norm_for(game: Game, seat: str) -> float:
    st = game.state
    holder = st.nations.get(seat) or st.firms[seat]
    return max(1.0, st.scores.get(seat, 0.0) + holder.competitiveness * st.rounds)


def candidates(game: Game, seat: str, sp: SeatPersona, view: dict[str, Any], wide: bool,
               limit: int | None = None) -> list[tuple[list[Order], list[Reason]]]:
    """The base plan and variants that lean harder on one category (or drop one), each with its reasons."""
    t = sp.tendencies
    base = heuristic.plan_orders(game.rs, view, seat, t)
    cats = heuristic.categories(view, seat)
    ranked = sorted(cats, key=lambda c: -t.spend.get(c, 0.0))
    boosts: list[dict[str, float]] = []
    if wide:
        boosts += [{c: 3.0} for c in cats]
        boosts += [{c: 0.0} for c in ranked if t.spend.get(c, 0.0) > 0]
        boosts += [{a: 3.0, b: 3.0} for i, a in enumerate(ranked[:4]) for b in ranked[i + 1:4]]
    else:
        boosts += [{c: 3.0} for c in ranked[1:3]]
    out = [base]
    seen = {tuple(base[0])}  # orders are hashable values
    for b in boosts:
        if limit is not None and len(out) >= limit:
            break
        plan = heuristic.plan_orders(game.rs, view, seat, t, boost=b)
        k = tuple(plan[0])
        if k not in seen:
            seen.add(k)
            out.append(plan)
    return out


def _apply(game: Game, seat: str, mine: list[Order], others: dict[str, list[Order]], rng_state: int,
           next_round: bool = True) -> Game:
    g = game.clone(record=False)
    g.state.rng = Rng(rng_state)
    orders = dict(others)
    orders[seat] = mine
    g.apply_orders_unchecked(orders, next_round)
    return g


def _common_chance(game: Game) -> int:
    """A chance stream for lookahead drawn from the public position, not the game's hidden RNG,
    shared by every bot at the table so that one resolution of the predicted table serves all."""
    # a stable digest (Python's str hash differs between processes)
    return zlib.crc32(repr(_fingerprint(game)).encode()) * 0x9E3779B97F4A7C15 & ((1 << 64) - 1)


def _predicted_outcome(game: Game, beliefs: dict[str, SeatPersona], others: dict[str, list[Order]], chance: int) -> Game:
    key = (_key(game), id(beliefs))
    hit = _OUTCOMES.get(key)
    if hit is None:
        hit = game.clone(record=False)
        hit.state.rng = Rng(chance)
        hit.apply_orders_unchecked(others, next_round=False)  # read for its scores only
        _OUTCOMES.put(key, (game.state, beliefs), hit)
    return hit


def lookahead(game: Game, seat: str, sp: SeatPersona, beliefs: dict[str, SeatPersona], view: dict[str, Any],
              seed: int, variants: int = 1) -> tuple[list[Order], list[Reason], int]:
    """`normal`: the best of a few plans one round ahead against the predicted table.

    ``seed`` is unused for chance: the lookahead's chance comes from the public
    position, so every bot shares one resolution of the predicted table."""
    plans = candidates(game, seat, sp, view, wide=False, limit=1 + variants)
    if len(plans) == 1:
        return plans[0][0], plans[0][1], 1
    cands = [p[0] for p in plans]
    others = predict_table(game, beliefs)
    chance = _common_chance(game)
    norm = norm_for(game, seat)
    r = game.round
    best, best_v = 0, None
    for i, c in enumerate(cands):
        if i == 0 and others.get(seat) == c:
            g = _predicted_outcome(game, beliefs, others, chance)
        else:
            g = _apply(game, seat, c, others, chance, next_round=False)
        v = value(g, seat, sp, norm, r)
        if best_v is None or v > best_v + 1e-9:
            best, best_v = i, v
    return plans[best][0], plans[best][1], len(cands)


def best_response(game: Game, seat: str, sp: SeatPersona, beliefs: dict[str, SeatPersona], view: dict[str, Any],
                  seed: int, budget_s: float | None = None, iterations: int = 200, horizon: int = 2,
                  progress: Progress | None = None, confidence: float = 1.0
                  ) -> tuple[list[Order], list[Reason], int, float]:
    """`hard`: sampled best response over determinised futures.

    Each determinisation samples the other seats' orders (their believed persona
    with its noise) and the round's chance; every candidate plan is played in it,
    then all seats follow their heuristics for ``horizon - 1`` more rounds.
    Candidates are compared on common samples.  Stops before a sweep would pass
    ``iterations`` rollouts (at least one full sweep), so the result is a function of
    the position and the seed alone; ``budget_s`` (a front end's cap, None for none)
    also stops it when the next sweep would run past that many seconds.  The best plan replaces the
    persona's own only if its paired gain exceeds ``confidence`` standard errors
    (guarding against picking sampling noise).  Returns (plan, its reasons, rollouts, gain).
    """
    plans = candidates(game, seat, sp, view, wide=True)
    cands = [p[0] for p in plans]
    norm = norm_for(game, seat)
    r = game.round
    vals: list[list[float]] = [[] for _ in cands]
    done = 0
    sweeps = 0
    start = time.perf_counter()
    master = Rng(seed)
    limit = max(iterations, len(cands))
    while True:
        det = master.fork(sweeps + 1)
        others = predict_table(game, beliefs, rng=det, skip=seat)
        chance = det.next_u64()
        for i, c in enumerate(cands):
            g = _apply(game, seat, c, others, chance, next_round=horizon > 1)
            for k in range(horizon - 1):
                if g.is_over:
                    break
                nxt = predict_table(g, beliefs)
                # the last round is read for its scores only: no need to start the next one
                g.apply_orders_unchecked(nxt, next_round=k < horizon - 2)
            vals[i].append(value(g, seat, sp, norm, r + horizon - 1))
            done += 1
            if progress is not None:
                progress(done, limit)
        sweeps += 1
        if done + len(cands) > limit:
            break
        if budget_s is not None and (time.perf_counter() - start) * (sweeps + 1) / sweeps > 0.95 * budget_s:
            break
    means = [sum(v) / len(v) for v in vals]
    best = max(range(len(cands)), key=lambda i: (means[i], -i))
    diffs = [a - b for a, b in zip(vals[best], vals[0], strict=True)]
    gain = sum(diffs) / len(diffs)
    if len(diffs) >= 2 and best != 0:
        mu = gain
        sd = (sum((d - mu) ** 2 for d in diffs) / (len(diffs) - 1)) ** 0.5
        if mu < confidence * sd / len(diffs) ** 0.5:  # not clearly better than the persona's own plan
            best, gain = 0, 0.0
    return plans[best][0], plans[best][1], done, gain
