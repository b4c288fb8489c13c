"""How the AI negotiates in normal-bot games: proposals a human seat receives, and the
share of proposals the bots decline, by reason.

A human seat is stood in for by a seat that makes no proposals of its own and answers
as its normal bot would (a person who only reacts to what the table offers).  Every
other seat is the scenario's normal bot.  Run from the repository:

    nice .venv/bin/python tools/negotiation_stats.py --games 20 --seat japan
    nice .venv/bin/python tools/negotiation_stats.py --games 10 --seat all
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.policy import Policy, Proposal  # noqa: E402
from game.engine import Game, IllegalOrder  # noqa: E402
from game.session.simulate import TableSpec, make_policies  # noqa: E402


class StandIn:
    """A human seat's stand-in: no proposals; answers and orders as the seat's normal bot."""

    def __init__(self, bot: Policy) -> None:
        self.bot = bot
        self.name = "stand-in"

    def orders(self, game: Game, seat: str, progress: Any = None) -> Any:
        return self.bot.orders(game, seat)

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> Any:
        return self.bot.answer(game, seat, proposal)

    def propose(self, game: Game, seat: str) -> list[Proposal]:
        return []


def play(scenario: str, seed: int, human: str) -> dict[str, Any]:
    g = Game.new(scenario, seed=seed)
    policies = make_policies(g, seed, TableSpec(difficulty="normal"))
    policies[human] = StandIn(policies[human])  # type: ignore[assignment]
    received_rounds = 0
    offers = 0
    answers: collections.Counter[str] = collections.Counter()
    with_terms = 0
    while not g.is_over:
        if g.phase == "event":
            g.advance()
        for seat in g.seats:
            for p in policies[seat].propose(g, seat):
                try:
                    g.propose(seat, p.kind, p.members, p.duration, p.terms)
                except IllegalOrder:
                    pass
        snap = g.clone(record=False)
        decided = {}
        for prop in snap.proposals():
            for seat in prop["members"]:
                if seat not in prop["answers"]:
                    decided[prop["id"], seat] = policies[seat].answer(snap, seat, prop)
        to_me = [p for p in g.proposals() if human in p["members"] and p["proposer"] != human]
        received_rounds += bool(to_me)
        offers += len(to_me)
        with_terms += sum(1 for p in to_me if any(t["seat"] == human for t in p["terms"]))
        for (_pid, seat), a in decided.items():
            if seat != human:  # the bots' answers (the stand-in is not a bot at the table)
                answers[a.reasons[0].code if a.reasons else ("accept" if a.accept else "decline")] += 1
        for prop in g.proposals():
            for seat in prop["members"]:
                a = decided.get((prop["id"], seat))
                if a is None or not any(q["id"] == prop["id"] for q in g.proposals()):
                    continue
                try:
                    g.answer(seat, prop["id"], a.accept)
                except IllegalOrder:
                    g.answer(seat, prop["id"], False)
        g.advance()
        for seat in g.seats:
            try:
                g.submit(seat, policies[seat].orders(g, seat).orders)
            except IllegalOrder:
                g.submit(seat, [])
        g.resolve()
    return {"rounds": g.state.rounds, "received_rounds": received_rounds, "offers": offers,
            "with_terms": with_terms, "answers": answers, "memory": collections.Counter(m["kind"] for m in g.memory())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="g7-2026")
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seat", default="japan", help="the human seat's stand-in, or 'all' (each seat in turn)")
    ns = ap.parse_args(argv)
    seats = list(Game.new(ns.scenario, seed=0).seats) if ns.seat == "all" else [ns.seat]
    total: collections.Counter[str] = collections.Counter()
    memory: collections.Counter[str] = collections.Counter()
    print("seat        games  rounds with a proposal  games with >= half  offers/round  offers with terms on it")
    for seat in seats:
        share, half, offers, rounds, terms = [], 0, 0, 0, 0
        for i in range(ns.games):
            r = play(ns.scenario, ns.seed + i, seat)
            share.append(r["received_rounds"] / r["rounds"])
            half += r["received_rounds"] * 2 >= r["rounds"]
            offers += r["offers"]
            rounds += r["rounds"]
            terms += r["with_terms"]
            total.update(r["answers"])
            memory.update(r["memory"])
        print(f"{seat:<10}  {ns.games:>5}  {sum(share) / len(share):>22.0%}  {half:>11}/{ns.games:<6}  "
              f"{offers / rounds:>12.2f}  {terms / max(1, offers):>23.0%}")
    n = sum(total.values())
    declined = sum(v for k, v in total.items() if k.startswith("decline"))
    print(f"\nbots' answers: {n}, declined {declined} ({declined / max(1, n):.0%})")
    for code, v in total.most_common():
        print(f"  {code:<24} {v:>6}  {v / max(1, n):.0%}")
    print("remembered:", dict(memory))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
