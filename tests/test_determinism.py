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
