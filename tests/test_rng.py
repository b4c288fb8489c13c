"""The game's one source of chance, pinned: a save made by one version must replay the
same in the next, so the generator's sequence may never drift.

The reference values are SplitMix64's published test vector (seed 1234567); the rest
follow from it by the documented definitions (``random`` takes the top 53 bits,
``below`` the remainder, ``shuffle`` is Fisher-Yates from the end with ``below(i + 1)``).
"""

from __future__ import annotations

import pytest

from game.engine.rng import Rng

SPLITMIX64_1234567 = [6457827717110365317, 3203168211198807973, 9817491932198370423,
                      4593380528125082431, 16408922859458223821]


def test_sequence_is_splitmix64() -> None:
    r = Rng(1234567)
    assert [r.next_u64() for _ in range(5)] == SPLITMIX64_1234567


def test_state_is_64_bits() -> None:
    a, b = Rng(1234567 + (1 << 64)), Rng(1234567)
    assert a.state == b.state == 1234567
    assert Rng(-1).state == (1 << 64) - 1


def test_random_below_choice_from_the_same_stream() -> None:
    r = Rng(1234567)
    assert r.random() == (SPLITMIX64_1234567[0] >> 11) / float(1 << 53)
    assert r.below(10) == SPLITMIX64_1234567[1] % 10
    assert r.choice("abcdefg") == "abcdefg"[SPLITMIX64_1234567[2] % 7]
    with pytest.raises(ValueError):
        r.below(0)


def test_weighted_picks_by_cumulative_weight() -> None:
    x = (SPLITMIX64_1234567[0] >> 11) / float(1 << 53)  # 0.350..., x 10 = 3.50...
    assert 0.3 < x < 0.4
    assert Rng(1234567).weighted(["a", "b", "c"], [3.0, 1.0, 6.0]) == "b"  # 3 <= 3.5 < 4
    assert Rng(1234567).weighted(["a", "b", "c"], [4.0, 1.0, 5.0]) == "a"  # 3.5 < 4
    assert Rng(1234567).weighted(["a", "b"], [0.0, 0.0]) == "b"  # nothing to weigh: the last


def test_shuffle_is_fisher_yates_from_the_end() -> None:
    items = list(range(12))
    ref = Rng(1234567)
    want = list(items)
    for i in range(len(want) - 1, 0, -1):
        j = ref.below(i + 1)
        want[i], want[j] = want[j], want[i]
    r = Rng(1234567)
    r.shuffle(items)
    assert items == want
    assert r.state == ref.state  # it advanced exactly as far
    view = tuple(range(12))  # not a list: shuffled as a list and written back
    r2, got = Rng(1234567), list(view)
    r2.shuffle(got)
    assert got == want


def test_fork_is_independent_and_does_not_advance() -> None:
    r = Rng(1234567)
    f1, f2 = r.fork(1), r.fork(2)
    assert r.state == 1234567
    assert f1.state == 1234567 ^ 0xD1B54A32D192ED03
    assert f1.next_u64() != f2.next_u64()
