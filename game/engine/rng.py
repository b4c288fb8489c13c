"""The game's one source of chance: a seeded SplitMix64 generator.

Its whole state is one integer, stored in the game state, so a save, a clone
and a replay continue the same sequence.  It never touches global state.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")


class Reorderable(Protocol[T]):
    """What `Rng.shuffle` needs of a sequence: its items, and writing them all back
    (a list, or a legal-order view)."""

    def __iter__(self) -> Iterator[T]: ...

    def __setitem__(self, index: slice, value: list[T], /) -> None: ...
_MASK = (1 << 64) - 1


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

    def shuffle(self, items: Reorderable[T]) -> None:
        """Fisher-Yates from the end, j = ``below(i + 1)`` for i = n-1 .. 1 (inlined: the
        random policy shuffles every legal order of every seat each round).  A sequence
        that is not a list (a legal-order view) is shuffled as a list and written back."""
        seq = items if isinstance(items, list) else [*iter(items)]  # not list(items): len() would enumerate a view twice
        s = self.state
        for i in range(len(seq) - 1, 0, -1):
            s = (s + 0x9E3779B97F4A7C15) & _MASK
            z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
            j = (z ^ (z >> 31)) % (i + 1)
            seq[i], seq[j] = seq[j], seq[i]
        self.state = s
        if seq is not items:
            items[:] = seq

    def fork(self, salt: int) -> "Rng":
        """An independent generator derived from this one's state (does not advance it)."""
        return Rng(self.state ^ ((salt * 0xD1B54A32D192ED03) & _MASK))
