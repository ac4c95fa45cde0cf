"""Linearity: doubling the input should double the time, whatever the input.

Each case is one string (one document, the way ``textmend fix big.txt`` sees
it) at a size ``n`` and at ``2n``, timed in interleaved rounds; the ratio of
the medians should be about 2.  The base size is chosen per case from a short
calibration run, so that a slow case does not take minutes, and is capped.
ftfy runs on the same strings for comparison.
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.contenders import contender
from benchmarks.corpora import ADVERSARIAL, adversarial_text, make_corpora, one_line
from benchmarks.timing import compare, time_once

__all__ = ["LINEAR_LIMIT", "Linearity", "linearity_cases", "measure_linearity"]

#: A time ratio for double the input above this is reported as not linear.
LINEAR_LIMIT = 2.5


@dataclass(frozen=True, slots=True)
class Linearity:
    """One case: the two sizes, textmend's median times and ftfy's."""

    case: str
    description: str
    #: UTF-8 bytes of the two inputs (the larger is about twice the smaller).
    sizes: tuple[int, int]
    seconds: dict[str, tuple[float, float]]

    #: Per round, the larger input's time over the smaller's (measured back to back).
    round_ratios: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def ratio(self, name: str) -> float:
        """Time for the larger input over time for the smaller, scaled to an exact doubling.

        The median of the per-round ratios: the two runs of a round are back to
        back, so load from other processes on a shared machine falls on both.
        """
        scale = 2 * self.sizes[0] / self.sizes[1]
        if self.round_ratios.get(name):
            return statistics.median(self.round_ratios[name]) * scale
        small, large = self.seconds[name]
        return large / small * scale if small else float("nan")

    def mb_per_s(self, name: str) -> float:
        """Throughput on the larger input."""
        return self.sizes[1] / 1e6 / self.seconds[name][1]


Builder = Callable[[int], str]


def _corpus_builder(name: str, *, flat: bool = False) -> Builder:
    def build(size: int) -> str:
        corpus = make_corpora(size, names=[name])[0]
        return one_line(corpus) if flat else "".join(corpus.docs)

    return build


def _adversarial_builder(name: str) -> Builder:
    return lambda size: adversarial_text(name, size)


def linearity_cases() -> dict[str, tuple[str, Builder]]:
    """Every case: a description and a function from a size in bytes to the input."""
    cases: dict[str, tuple[str, Builder]] = {
        "en": ("clean English, one document", _corpus_builder("en")),
        "zh-hans": ("clean Simplified Chinese, one document", _corpus_builder("zh-hans")),
        "mixed": ("clean multilingual, one document", _corpus_builder("mixed")),
        "zh-hans, one line": (
            "clean Chinese with no line break at all",
            _corpus_builder("zh-hans", flat=True),
        ),
        "en-cp1252, one line": (
            "English mojibake with no line break at all",
            _corpus_builder("en-cp1252", flat=True),
        ),
        "founding": ("the founding example's damage, one document", _corpus_builder("founding")),
    }
    for name, (_unit, description) in ADVERSARIAL.items():
        cases[name] = (description, _adversarial_builder(name))
    return cases


def _base_size(fix: Callable[[str], str], build: Builder, budget: float, cap: int) -> int:
    """The size at which one run of ``fix`` takes about ``budget`` seconds, at most ``cap``."""
    probe = min(cap, 32_000)
    text = build(probe)
    fix(text)  # tables and caches, not counted
    seconds = time_once(lambda: fix(text))
    if seconds <= 0:
        return cap
    estimate = int(probe * budget / seconds)
    # Whole multiples of 4 KB keep the sizes readable in the table.
    return max(min(cap, 4096), min(cap, estimate // 4096 * 4096))


def measure_linearity(
    *,
    names: Sequence[str] | None,
    cap: int,
    budget: float,
    rounds: int,
    warmup: int,
    reference: str | None,
    log: Callable[[str], None],
) -> list[Linearity]:
    """Time textmend (and ``reference``, if given) at ``n`` and ``2n`` for each case."""
    cases = linearity_cases()
    fixers = {"textmend": contender("textmend")}
    if reference is not None:
        fixers[reference] = contender(reference)
    results: list[Linearity] = []
    for case in names if names is not None else list(cases):
        description, build = cases[case]
        size = _base_size(fixers["textmend"], build, budget, cap)
        log(f"linearity: {case} at {size / 1e3:.0f} KB and {2 * size / 1e3:.0f} KB")
        small, large = build(size), build(2 * size)
        contenders: dict[str, Callable[[], object]] = {}
        for name, fix in fixers.items():
            contenders[f"{name}:1"] = functools.partial(fix, small)
            contenders[f"{name}:2"] = functools.partial(fix, large)
        timings = compare(contenders, rounds=rounds, warmup=warmup)
        results.append(
            Linearity(
                case,
                description,
                (len(small.encode("utf-8")), len(large.encode("utf-8"))),
                {
                    name: (timings[f"{name}:1"].median, timings[f"{name}:2"].median)
                    for name in fixers
                },
                {
                    name: tuple(
                        large / small
                        for small, large in zip(
                            timings[f"{name}:1"].runs, timings[f"{name}:2"].runs, strict=True
                        )
                    )
                    for name in fixers
                },
            )
        )
    return results
