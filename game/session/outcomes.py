"""Is the outcome in doubt?  Measured on normal-bot tables (GAME_DESIGN section 10c).

* **Par**: each seat's expected score in a scenario, by round: the mean over normal-bot
  games of its score after each round (before objective bonuses; a game that ended early
  counts in the rounds it reached).  `calibrate_par` measures it and `write_par` stores
  it as the scenario file's ``par:`` block, so the engine can rank seats by *standing*
  (score over par) instead of raw score, which no role can compare with another's.
* **Standings spread**: how often each seat has the top standing; no seat may have it in
  more than `TOP_STANDING_MAX` of the games.
* **Decisive cards**: a card is decisive when, swapped in at round `SWAP_ROUND` with every
  other round's card kept as the game drew it, it changes the alliance outcome (secure,
  strained, crisis) or the seat with the top standing in at least `DECISIVE_RATE` of the
  seeds; at least `DECISIVE_CARDS` cards must be.  Each card also counts the seeds where it
  brought a crisis and those where it averted one: a card that pushes the table one way
  shows in one count, a card that only reshuffles luck in both.

Every game here is a function of its scenario and seed: results do not depend on where
or how many jobs ran.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from game.content import Scenario
from game.content.loader import load_rules, load_scenario
from game.engine import Game
from game.engine.events import deck

from . import batch
from .simulate import TableSpec, make_policies, play_round

Progress = Callable[[int, int], None]

NORMAL = TableSpec(difficulty="normal")
PAR_SEED = 10_000  # calibration seeds start here, apart from the balance run's seeds
TOP_STANDING_MAX = 0.40
SWAP_ROUND = 2
DECISIVE_RATE = 0.10
DECISIVE_CARDS = 6


# ------------------------------------------------------------------ playing


def play_normal(scenario: str | Scenario, seed: int, cards: dict[int, str | None] | None = None) -> Game:
    """One normal-bot game; ``cards`` forces a round's event card (round -> card id)."""
    game = Game.new(scenario, seed=seed)
    policies = make_policies(game, seed, NORMAL)
    while not game.is_over:
        if cards and game.round in cards and game.event != cards[game.round]:
            game.choose_event(cards[game.round])
        play_round(game, policies)
    return game


def summary(game: Game) -> dict[str, Any]:
    """What the measurements need of a finished game."""
    o = game.outcome
    assert o is not None
    rounds = []
    for h in game.state.history:
        scores = h.get("scores_before_objectives") or h["scores"]
        rounds.append(dict(scores))
    return {"seed": game.seed, "alliance": o.alliance, "winner": o.winner, "top_standing": o.top_standing,
            "standings": dict(o.standings), "cards": {h["round"]: h["event"] for h in game.state.history},
            "round_scores": rounds}


def _game_task(args: tuple[str, int]) -> dict[str, Any]:
    scenario, seed = args
    return summary(play_normal(scenario, seed))


def play_many(scenario: str, seeds: Sequence[int], jobs: int = 1, cluster: str | None = None,
              progress: Progress | None = None) -> list[dict[str, Any]]:
    out = batch.run(_game_task, [(scenario, s) for s in seeds], jobs=jobs, cluster=cluster, progress=progress)
    return sorted(out, key=lambda r: r["seed"])


# ------------------------------------------------------------------ par


def par_from(games: Sequence[dict[str, Any]], seats: Sequence[str], rounds: int) -> dict[str, list[float]]:
    """Each seat's mean score after each round, over the games that reached that round."""
    out: dict[str, list[float]] = {}
    for s in seats:
        values: list[float] = []
        for r in range(rounds):
            xs = [g["round_scores"][r][s] for g in games if len(g["round_scores"]) > r]
            if not xs:  # no game got this far: carry the last round's par
                xs = [values[-1]] if values else [1.0]
            values.append(round(max(1e-6, sum(xs) / len(xs)), 3))
        out[s] = values
    return out


def calibrate_par(scenario: str, games: int, seed: int = PAR_SEED, jobs: int = 1, cluster: str | None = None,
                  progress: Progress | None = None) -> dict[str, Any]:
    """A scenario's par block: normal-bot games on ``games`` seeds from ``seed``."""
    sc = load_scenario(scenario)
    played = play_many(scenario, range(seed, seed + games), jobs, cluster, progress)
    return {"games": games, "seed": seed, "seats": par_from(played, sc.seats, sc.rounds)}


_PAR_BLOCK = re.compile(r"^par:[^\n]*\n(?:(?:[ \t]+[^\n]*|[ \t]*)(?:\n|$))*", re.M)


def par_yaml(par: dict[str, Any]) -> str:
    lines = ["par:  # written by `sumiwake balance --calibrate-par`: mean normal-bot score after each round",
             f"  games: {par['games']}", f"  seed: {par['seed']}", "  seats:"]
    for s, values in par["seats"].items():
        lines.append(f"    {s}: [{', '.join(repr(float(v)) for v in values)}]")
    return "\n".join(lines) + "\n"


def with_par(text: str, par: dict[str, Any]) -> str:
    """A scenario file's text with its ``par:`` block replaced (or added at the end)."""
    block = par_yaml(par)
    m = _PAR_BLOCK.search(text)
    if m:
        return text[:m.start()] + block + text[m.end():]
    return text.rstrip("\n") + "\n" + block


def write_par(path: Path, par: dict[str, Any]) -> None:
    """Store ``par`` in the scenario file at ``path`` (atomically), then check the file loads."""
    from game.content.loader import ContentError  # noqa: F401  (the caller reports it)

    from .storage import write_atomic

    text = path.read_text(encoding="utf-8")
    new = with_par(text, par)
    write_atomic(path, new)
    load_scenario(str(path), load_rules())  # raises ContentError, with file:line:col, if it does not


# ------------------------------------------------------------------ standings spread


@dataclass(frozen=True)
class Spread:
    scenario: str
    games: int
    top: dict[str, float]  # seat -> share of games with the top standing, largest first
    winner: dict[str, float]  # seat -> share of games with the top raw score
    limit: float
    passed: bool


def spread(scenario: str, games: Sequence[dict[str, Any]]) -> Spread:
    def shares(key: str) -> dict[str, float]:
        counts: dict[str, int] = {}
        for g in games:
            if g[key] is not None:
                counts[g[key]] = counts.get(g[key], 0) + 1
        return dict(sorted(((s, c / len(games)) for s, c in counts.items()), key=lambda kv: (-kv[1], kv[0])))

    top = shares("top_standing")
    ok = bool(top) and max(top.values()) <= TOP_STANDING_MAX + 1e-12
    return Spread(scenario, len(games), top, shares("winner"), TOP_STANDING_MAX, ok)


# ------------------------------------------------------------------ decisive cards


@dataclass(frozen=True)
class CardEffect:
    card: str
    seeds: int  # seeds where the card was swapped in (not the card the game drew)
    outcome: int  # seeds where the alliance outcome changed
    top: int  # seeds where the top standing changed
    rate: float  # share of seeds where either changed
    decisive: bool
    into_crisis: int = 0  # seeds where the card brought a crisis the drawn card's game escaped
    out_of_crisis: int = 0  # seeds where it averted the crisis of the drawn card's game


@dataclass(frozen=True)
class Decisive:
    scenario: str
    round: int
    seeds: int
    cards: list[CardEffect]
    need_cards: int
    need_rate: float
    passed: bool

    @property
    def decisive_cards(self) -> list[str]:
        return [c.card for c in self.cards if c.decisive]


def _finish(game: Game, policies: dict[str, Any], cards: dict[int, str | None]) -> Game:
    while not game.is_over:
        if game.round in cards and game.event != cards[game.round]:
            game.choose_event(cards[game.round])
        play_round(game, policies)
    return game


def _swaps_task(args: tuple[str, int, list[str], int]) -> dict[str, Any]:
    """One seed: its normal-bot game, then the same game from the start of ``swap_round`` once
    per card in ``cards`` with that card swapped in (every later round keeps the card the
    game drew).  Each swap starts from a copy of the position, so round 1 is played once."""
    scenario, seed, cards, swap_round = args
    game = Game.new(scenario, seed=seed)
    policies = make_policies(game, seed, NORMAL)
    while not game.is_over and game.round < swap_round:
        play_round(game, policies)
    if game.is_over:
        return {"base": summary(game), "swaps": {}}
    snap = game.clone()
    _finish(game, policies, {})
    base = summary(game)
    drawn = {int(r): c for r, c in base["cards"].items()}
    later = {r: c for r, c in drawn.items() if r > swap_round}
    swaps: dict[str, dict[str, Any]] = {}
    for c in cards:
        if c == drawn.get(swap_round):
            continue
        g = _finish(snap.clone(), policies, {swap_round: c, **later})
        o = g.outcome
        assert o is not None
        swaps[c] = {"alliance": o.alliance, "top_standing": o.top_standing}
    return {"base": base, "swaps": swaps}


def decisive(scenario: str, seeds: Sequence[int], jobs: int = 1, cluster: str | None = None,
             progress: Progress | None = None, swap_round: int = SWAP_ROUND) -> tuple[Decisive, list[dict[str, Any]]]:
    """Swap every card of the deck in at ``swap_round`` of the normal-bot game of each seed
    (every other round keeps the card that game drew) and count the seeds where the alliance
    outcome or the top standing changed.  Also returns the base games."""
    rules = load_rules()
    sc = load_scenario(scenario, rules)
    from game.engine.ruleset import Ruleset

    cards = deck(Ruleset.build(rules, sc))
    results = batch.run(_swaps_task, [(scenario, s, cards, swap_round) for s in seeds], jobs=jobs, cluster=cluster,
                        progress=progress)
    effects = []
    for c in cards:
        mine = [(r["base"], r["swaps"][c]) for r in results if c in r["swaps"]]
        out = sum(1 for b, x in mine if x["alliance"] != b["alliance"])
        top = sum(1 for b, x in mine if x["top_standing"] != b["top_standing"])
        either = sum(1 for b, x in mine if x["alliance"] != b["alliance"] or x["top_standing"] != b["top_standing"])
        rate = either / len(mine) if mine else 0.0
        into = sum(1 for b, x in mine if x["alliance"] == "crisis" != b["alliance"])
        out_of = sum(1 for b, x in mine if b["alliance"] == "crisis" != x["alliance"])
        effects.append(CardEffect(c, len(mine), out, top, rate, bool(mine) and rate >= DECISIVE_RATE - 1e-12,
                                  into, out_of))
    effects.sort(key=lambda e: (-e.rate, e.card))
    n = sum(1 for e in effects if e.decisive)
    base = sorted((r["base"] for r in results), key=lambda b: b["seed"])
    return Decisive(scenario, swap_round, len(results), effects, DECISIVE_CARDS, DECISIVE_RATE,
                    n >= DECISIVE_CARDS), base


# ------------------------------------------------------------------ the balance section


def run(scenario: str, games: int, seed: int, decisive_seeds: int, jobs: int = 1, cluster: str | None = None,
        progress: Progress | None = None) -> dict[str, Any]:
    """The standings spread on ``games`` normal-bot games from ``seed`` and, if
    ``decisive_seeds`` > 0, the decisive cards on the first that many of them; JSON-ready."""
    n = min(decisive_seeds, games)
    dec, first = decisive(scenario, range(seed, seed + n), jobs, cluster, progress) if n > 0 else (None, [])
    rest = play_many(scenario, range(seed + n, seed + games), jobs, cluster, progress)
    sp = spread(scenario, [*first, *rest])
    return {"scenario": scenario, "spread": asdict(sp),
            "decisive": None if dec is None else {**asdict(dec), "decisive_cards": dec.decisive_cards},
            "passed": sp.passed and (dec is None or dec.passed)}


def interval(p: float, n: int) -> tuple[float, float]:
    """A 95 % Wilson interval for a share ``p`` of ``n``."""
    if n == 0:
        return 0.0, 1.0
    z = 1.96
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)
