"""Same seed, same actions, same game: byte for byte, across processes and hash seeds."""

import os
import subprocess
import sys

SCRIPT = """
from game.ai.random_policy import play_random_game
g = play_random_game('g7-2026', 4, rounds=4)
print(g.state_hash())
"""


def _hash_in_process(hashseed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_final_state_identical_across_processes():
    hashes = {_hash_in_process(s) for s in ("1", "2", "987")}
    assert len(hashes) == 1


def _play_rounds(game, policy, n):
    for _ in range(n):
        if game.is_over:
            return
        game.advance()
        game.advance()
        for s in game.seats:
            game.submit(s, policy.orders(game, s).orders)
        game.resolve()


def test_save_load_continue_equals_uninterrupted_play():
    from game.ai.random_policy import RandomPolicy
    from game.engine import Game

    for scenario, seed in (("g7-2026", 5), ("middle-powers", 8), ("democratic-ai-alliance", 2)):
        straight = Game.new(scenario, seed=seed)
        _play_rounds(straight, RandomPolicy(seed), 99)
        resumed = Game.new(scenario, seed=seed)
        _play_rounds(resumed, RandomPolicy(seed), 1)
        assert not resumed.is_over  # a random table can end in crisis after two rounds
        resumed.advance()  # stop mid-round, in negotiation
        resumed = Game.from_json(resumed.to_json())
        resumed.advance()
        policy = RandomPolicy(seed)
        for s in resumed.seats:
            resumed.submit(s, policy.orders(resumed, s).orders)
        resumed.resolve()
        _play_rounds(resumed, policy, 99)
        assert resumed.state_hash() == straight.state_hash(), scenario
        assert resumed.to_json() == straight.to_json()
