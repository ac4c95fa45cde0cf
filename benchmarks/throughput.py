"""Throughput on each corpus, textmend against ftfy, and how right each one is.

Speed is MB/s of UTF-8 input, the median of interleaved rounds; the ratio is
ftfy's median time over textmend's.  Correctness is scored two ways:

* on clean text, the share of documents a fixer leaves byte-identical;
* on damaged text, the share of damaged lines a fixer makes equal to what it
  makes of the clean original, so that a fixer is not blamed for its own
  normalisations (ftfy's defaults uncurl quotes and fold fullwidth
  punctuation).  A U+FFFD in the output may stand for one lost character.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.contenders import CONTENDERS, contender
from benchmarks.corpora import Corpus
from benchmarks.timing import compare, time_once

__all__ = [
    "RuleShare",
    "Throughput",
    "measure_rules",
    "measure_throughput",
    "repaired_share",
]


@dataclass(frozen=True, slots=True)
class Throughput:
    """One corpus: MB/s and correctness per contender."""

    corpus: str
    description: str
    nbytes: int
    docs: int
    damaged: bool
    mb_per_s: dict[str, float]
    seconds: dict[str, float]
    spread: dict[str, float]
    #: Clean corpus: documents unchanged; damaged corpus: damaged lines repaired.
    correct: dict[str, float]
    #: Damaged corpus: lines the damage left intact that a fixer then broke.
    broken: dict[str, int]

    def speedup(self, reference: str) -> float:
        """How many times faster textmend is than ``reference``."""
        return self.seconds[reference] / self.seconds["textmend"]


def _same(output: str, expected: str) -> bool:
    """Equal, where U+FFFD in ``output`` may stand for any one lost character."""
    if output == expected:
        return True
    if len(output) != len(expected) or "\ufffd" not in output:
        return False
    return all(a == b or a == "\ufffd" for a, b in zip(output, expected, strict=True))


def repaired_share(
    damaged: Sequence[str], originals: Sequence[str], fixed: Sequence[str], reference: Sequence[str]
) -> tuple[float, int]:
    """(share of damaged lines repaired, count of intact lines broken).

    ``fixed`` is the fixer's output on ``damaged``, ``reference`` its output on
    ``originals``.

    >>> repaired_share(["caf\\u00c3\\u00a9\\nok"], ["caf\\u00e9\\nok"], ["caf\\u00e9\\nok"],
    ...                ["caf\\u00e9\\nok"])
    (1.0, 0)
    """
    damaged_lines = repaired = broken = 0
    for bad, good, out, ref in zip(damaged, originals, fixed, reference, strict=True):
        bad_lines, good_lines = bad.split("\n"), good.split("\n")
        out_lines, ref_lines = out.split("\n"), ref.split("\n")
        if not len(bad_lines) == len(good_lines) == len(out_lines) == len(ref_lines):
            # A fixer that joined or split lines: score the document as a whole.
            damaged_lines += 1
            repaired += _same(out, ref)
            continue
        for b, g, o, r in zip(bad_lines, good_lines, out_lines, ref_lines, strict=True):
            if b != g:
                damaged_lines += 1
                repaired += _same(o, r)
            elif o != r:
                broken += 1
    return (repaired / damaged_lines if damaged_lines else 1.0), broken


def _runner(
    fix: Callable[[str], str], docs: Sequence[str], outputs: dict[str, list[str]], key: str
) -> Callable[[], None]:
    """A call that fixes every document and keeps the outputs under ``key``."""

    def call() -> None:
        outputs[key] = [fix(doc) for doc in docs]

    return call


def _each(fn: Callable[..., object], *columns: Sequence[Any]) -> Callable[[], list[object]]:
    """A call of ``fn`` on every row of ``columns``, results kept so generators run."""

    def call() -> list[object]:
        return [_drain(fn(*row)) for row in zip(*columns, strict=True)]

    return call


def _drain(value: object) -> object:
    return list(value) if isinstance(value, Iterator) else value


def measure_throughput(
    corpora: Sequence[Corpus], *, rounds: int, warmup: int, log: Callable[[str], None]
) -> list[Throughput]:
    """Time every contender on every corpus, side by side, and score its output."""
    results: list[Throughput] = []
    for corpus in corpora:
        log(f"throughput: {corpus.name} ({corpus.nbytes / 1e6:.2f} MB, {len(corpus.docs)} docs)")
        outputs: dict[str, list[str]] = {}
        timings = compare(
            {name: _runner(contender(name), corpus.docs, outputs, name) for name in CONTENDERS},
            rounds=rounds,
            warmup=warmup,
        )
        correct: dict[str, float] = {}
        broken: dict[str, int] = {}
        for name in CONTENDERS:
            if corpus.originals is None:
                same = sum(out == doc for out, doc in zip(outputs[name], corpus.docs, strict=True))
                correct[name] = same / len(corpus.docs)
                broken[name] = 0
            else:
                fix = contender(name)
                reference = [fix(doc) for doc in corpus.originals]
                correct[name], broken[name] = repaired_share(
                    corpus.docs, corpus.originals, outputs[name], reference
                )
        if corpus.originals is not None:
            # The input as received, for scale: what doing nothing scores.
            correct["input"], broken["input"] = repaired_share(
                corpus.docs, corpus.originals, corpus.docs, corpus.originals
            )
        seconds = {name: t.median for name, t in timings.items()}
        results.append(
            Throughput(
                corpus=corpus.name,
                description=corpus.description,
                nbytes=corpus.nbytes,
                docs=len(corpus.docs),
                damaged=corpus.damaged,
                mb_per_s={name: corpus.nbytes / 1e6 / s for name, s in seconds.items()},
                seconds=seconds,
                spread={name: t.spread for name, t in timings.items()},
                correct=correct,
                broken=broken,
            )
        )
    return results


@dataclass(frozen=True, slots=True)
class RuleShare:
    """Where textmend's time goes on one corpus: seconds per stage of a run."""

    corpus: str
    total: float
    parts: dict[str, float]


def measure_rules(
    corpora: Sequence[Corpus], *, rounds: int, log: Callable[[str], None]
) -> list[RuleShare]:
    """Time ``analyze`` and each default rule's matcher alone, per corpus.

    Every rule sees the input documents (in a real run, later rules see the
    text earlier rules mended), which is exact for clean text.
    """
    import textmend
    from textmend._pipeline import analyze

    rules = textmend.Config().rules()
    shares: list[RuleShare] = []
    for corpus in corpora:
        log(f"rules: {corpus.name}")
        docs = corpus.docs
        contexts = [analyze(doc) for doc in docs]
        parts: dict[str, list[float]] = {"analyze": []}
        parts.update({f"{rule.code} {rule.name}": [] for rule in rules})
        totals: list[float] = []
        for _ in range(rounds):
            totals.append(time_once(_each(textmend.fix_text, docs)))
            parts["analyze"].append(time_once(_each(analyze, docs)))
            for rule in rules:
                parts[f"{rule.code} {rule.name}"].append(
                    time_once(_each(rule.find, docs, contexts))
                )
        shares.append(
            RuleShare(
                corpus.name,
                statistics.median(totals),
                {name: statistics.median(values) for name, values in parts.items()},
            )
        )
    return shares
