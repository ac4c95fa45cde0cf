"""Side-by-side timing: every contender on the same input, interleaved, medians.

Each round runs every contender once, in an order that rotates from round to
round, so that a burst of load from another process on this shared machine
falls on all of them alike.  Warm-up rounds (tables loaded, caches filled) are
not counted.  Unlike :mod:`timeit`, the garbage collector stays on: a fixer that
allocates many objects pays for collecting them in real use too.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Timing", "compare", "time_once"]


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds per run of one contender: the median and every counted run."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> float:
        """(max - min) / median: how noisy the runs were."""
        return (max(self.runs) - min(self.runs)) / self.median if self.median else 0.0


def time_once(fn: Callable[[], object]) -> float:
    """Wall seconds for one call of ``fn``."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(
    contenders: Mapping[str, Callable[[], object]], *, rounds: int, warmup: int = 1
) -> dict[str, Timing]:
    """Time every contender ``rounds`` times, interleaved, after ``warmup`` rounds.

    >>> result = compare({"a": lambda: None, "b": lambda: None}, rounds=3, warmup=0)
    >>> sorted(result), len(result["a"].runs)
    (['a', 'b'], 3)
    """
    names: Sequence[str] = list(contenders)
    runs: dict[str, list[float]] = {name: [] for name in names}
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in [*names[shift:], *names[:shift]]:
            seconds = time_once(contenders[name])
            if index >= warmup:
                runs[name].append(seconds)
    return {name: Timing(tuple(values)) for name, values in runs.items()}
