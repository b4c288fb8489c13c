"""The game's one source of chance: a seeded SplitMix64 generator.

Its whole state is one integer, stored in the game state, so a save, a clone
and a replay continue the same sequence.  It never touches global state.
"""

from __future__ import annotations

import operator
import sys
from array import array
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Reorderable(Protocol[T]):
    """What `Rng.shuffle` needs of a sequence: its items, and writing them all back
    (a list, or a legal-order view)."""

    def __iter__(self) -> Iterator[T]: ...

    def __setitem__(self, index: slice, value: list[T], /) -> None: ...
_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15
_LITTLE = sys.byteorder == "little"
_mod = operator.mod


_LANES: dict[int, tuple[int, int, int]] = {}


def _lanes(m: int) -> tuple[int, int, int]:
    """For ``m`` lanes of 128 bits: k * gamma (mod 2**64) in lane k-1, a mask of each lane's
    low 64 bits, and a 1 in every lane (a number times it stands in every lane)."""
    hit = _LANES.get(m)
    if hit is None:
        steps = int.from_bytes(b"".join(((k * _GAMMA) & _MASK).to_bytes(16, "little") for k in range(1, m + 1)),
                               "little")
        low = int.from_bytes((b"\xff" * 8 + b"\0" * 8) * m, "little")
        ones = int.from_bytes((b"\x01" + b"\0" * 15) * m, "little")
        if len(_LANES) > 512:
            _LANES.clear()
        hit = _LANES[m] = (steps, low, ones)
    return hit


class Rng:
    __slots__ = ("state",)

    def __init__(self, state: int) -> None:
        self.state = state & _MASK

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """A float in [0, 1)."""
        return (self.next_u64() >> 11) * (1.0 / (1 << 53))

    def below(self, n: int) -> int:
        """An integer in [0, n)."""
        if n <= 0:
            raise ValueError("n must be positive")
        return self.next_u64() % n

    def choice(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]

    def weighted(self, items: Sequence[T], weights: Sequence[float]) -> T:
        total = sum(weights)
        x = self.random() * total
        acc = 0.0
        for item, w in zip(items, weights, strict=True):
            acc += w
            if x < acc:
                return item
        return items[-1]

    def draws(self, m: int) -> list[int]:
        """The next ``m`` outputs of `next_u64`, without advancing: all at once.

        SplitMix64's k-th state is ``state + k * gamma``, so the outputs can be mixed side
        by side in one big integer, each in a 128-bit lane (a 64-bit lane times a 64-bit
        constant never reaches the next lane): a dozen whole-number operations instead
        of a dozen per output."""
        if m <= 0:
            return []
        steps, low, ones = _lanes(m)
        z = (self.state * ones + steps) & low
        # a lane's high half holds what the lane above shifts in; it is masked off before
        # each product, and the product of two 64-bit numbers stays inside its lane
        z ^= z >> 30
        z = ((z & low) * 0xBF58476D1CE4E5B9) & low
        z ^= z >> 27
        z = ((z & low) * 0x94D049BB133111EB) & low
        z ^= z >> 31  # what the next lane shifts in lands above bit 64 of this one, which is dropped
        return array("Q", z.to_bytes(16 * m, "little"))[::2].tolist() if _LITTLE else \
            [(z >> (128 * k)) & _MASK for k in range(m)]

    def shuffle(self, items: Reorderable[T]) -> None:
        """Fisher-Yates from the end, j = ``below(i + 1)`` for i = n-1 .. 1.  The random
        policy shuffles every legal order of every seat each round, so the draws are made
        at once (`draws`).  A sequence that is not a list (a legal-order view) is shuffled
        as a list and written back."""
        seq = items if isinstance(items, list) else [*iter(items)]  # not list(items): len() would enumerate a view twice
        m = len(seq) - 1
        if m > 0:
            for i, j in zip(range(m, 0, -1), map(_mod, self.draws(m), range(m + 1, 1, -1))):
                seq[i], seq[j] = seq[j], seq[i]
            self.state = (self.state + _GAMMA * m) & _MASK
        if seq is not items:
            items[:] = seq

    def fork(self, salt: int) -> "Rng":
        """An independent generator derived from this one's state (does not advance it)."""
        return Rng(self.state ^ ((salt * 0xD1B54A32D192ED03) & _MASK))

