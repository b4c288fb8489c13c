"""A seeded random policy that plays legal orders: the baseline opponent."""

from __future__ import annotations

from typing import Any

from game.engine import Game

from .choices import random_choice
from .policy import Answer, ChoiceAnswer, Decision, Progress, Proposal, decision_rng


class RandomPolicy:
    """Picks up to ``max_orders`` random legal orders within budget, answers proposals by a
    coin flip and proposes nothing.

    Its chance is its own, derived from (seed, seat, round), so it never
    disturbs the game's RNG and decides the same way on every replay.
    """

    name = "random"

    def __init__(self, seed: int = 0, max_orders: int = 4) -> None:
        self.seed = seed
        self.max_orders = max_orders

    def orders(self, game: Game, seat: str, progress: Progress | None = None) -> Decision:
        rng = decision_rng(self.seed, game.round, seat)
        legal = game.legal_orders(seat)
        rng.shuffle(legal)
        sheet = legal.sheet()  # each legal order kept if the submission stays legal with it, in O(1)
        for o in legal:
            if sheet.add(o) and len(sheet) >= self.max_orders:
                break
        return Decision(seat, sheet.submission())

    def answer(self, game: Game, seat: str, proposal: dict[str, Any]) -> Answer:
        pid = proposal["id"]
        rng = decision_rng(self.seed, game.round, seat).fork(len(pid) + int(pid[1:]))
        return Answer(seat, pid, rng.random() < 0.5)

    def propose(self, game: Game, seat: str) -> list[Proposal]:
        return []

    def choose(self, game: Game, seat: str) -> ChoiceAnswer:
        return random_choice(game, seat, decision_rng(self.seed, game.round, seat, stream=3))


def play_random_game(scenario: str, seed: int, rounds: int | None = None, policy_seed: int | None = None) -> Game:
    """Play a whole game with every seat on the random policy."""
    game = Game.new(scenario, seed=seed, rounds=rounds)
    policy = RandomPolicy(seed if policy_seed is None else policy_seed)
    while not game.is_over:
        game.advance()  # event → negotiation
        game.advance()  # negotiation → orders
        for seat in game.seats:
            game.submit(seat, policy.orders(game, seat).orders)
        game.resolve()
    return game
