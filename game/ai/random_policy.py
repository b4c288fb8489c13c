"""A seeded random policy that plays legal orders: the baseline opponent."""

from __future__ import annotations

from game.engine import Game, IllegalOrder, Order
from game.engine.rng import Rng


class RandomPolicy:
    """Picks up to ``max_orders`` random legal orders within budget.

    Its chance is its own, derived from (seed, seat, round), so it never
    disturbs the game's RNG and decides the same way on every replay.
    """

    name = "random"

    def __init__(self, seed: int = 0, max_orders: int = 4) -> None:
        self.seed = seed
        self.max_orders = max_orders

    def _rng(self, game: Game, seat: str) -> Rng:
        salt = sum((i + 1) * ord(c) for i, c in enumerate(seat))
        return Rng((self.seed * 1_000_003 + game.round * 7919 + salt) & ((1 << 64) - 1))

    def orders(self, game: Game, seat: str) -> list[Order]:
        rng = self._rng(game, seat)
        legal = game.legal_orders(seat)
        rng.shuffle(legal)
        picked: list[Order] = []
        for o in legal:
            try:
                game.check(seat, [*picked, o])
            except IllegalOrder:
                continue
            picked.append(o)
            if len(picked) >= self.max_orders:
                break
        return picked

    def answer(self, game: Game, seat: str, proposal: dict) -> bool:
        rng = self._rng(game, seat).fork(len(proposal["id"]) + int(proposal["id"][1:]))
        return rng.random() < 0.5


def play_random_game(scenario: str, seed: int, rounds: int | None = None, policy_seed: int | None = None) -> Game:
    """Play a whole game with every seat on the random policy."""
    game = Game.new(scenario, seed=seed, rounds=rounds)
    policy = RandomPolicy(seed if policy_seed is None else policy_seed)
    while not game.is_over:
        game.advance()  # event → negotiation
        game.advance()  # negotiation → orders
        for seat in game.seats:
            game.submit(seat, policy.orders(game, seat))
        game.resolve()
    return game
