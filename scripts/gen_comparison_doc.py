#!/usr/bin/env python3
"""Measure textmend against ftfy, chardet and charset-normalizer; fill docs/comparison.md.

Usage: ``python scripts/gen_comparison_doc.py`` (measure and write) or ``--check``.

The prose of docs/comparison.md is written by hand; each table sits between
``<!-- measured: NAME -->`` and ``<!-- end -->`` and is replaced by this script.
Scores are deterministic for given versions of the four libraries; timings
depend on the machine, so no test runs ``--check`` (a rerun on another machine
rewrites the times).  Third-party data (ftfy's test cases, charset-normalizer's
sample texts) is downloaded into ``.cache/`` as the test suite does.
"""

from __future__ import annotations

import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import chardet  # noqa: E402
import charset_normalizer  # noqa: E402
import ftfy  # noqa: E402
from _generated import write_or_check  # noqa: E402
from benchmarks.bench_decoding import (  # noqa: E402
    Sample,
    cache_dir,
    detection_corpus,
    fetch_charset_normalizer,
    large_samples,
    short_samples,
    source_texts,
)

import textmend  # noqa: E402
from textmend.decoding import decode  # noqa: E402
from textmend.errors import TextmendError  # noqa: E402

TARGET = ROOT / "docs" / "comparison.md"
FTFY_CASES = ROOT / ".cache" / f"ftfy-{ftfy.__version__}-test_cases.json"

Fixer = Callable[[str], str]

FIXERS: dict[str, Fixer] = {
    "textmend (default)": textmend.fix_text,
    "textmend (safe)": lambda text: textmend.fix_text(text, preset="safe"),
    "textmend (strict)": lambda text: textmend.fix_text(text, preset="strict"),
    "ftfy.fix_text": ftfy.fix_text,
    "ftfy.fix_encoding": ftfy.fix_encoding,
}


def _ftfy_cases() -> list[dict[str, str]]:
    if not FTFY_CASES.exists():
        raise SystemExit(f"{FTFY_CASES} is missing: run tests/test_ftfy_suite.py once to fetch it")
    cases: list[dict[str, str]] = json.loads(FTFY_CASES.read_text(encoding="utf-8"))
    return cases


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _table(header: Sequence[str], rows: list[Sequence[object]]) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _encoding_only(case: dict[str, str]) -> str:
    """What is left of ftfy's case after undoing only the mojibake."""
    return case.get("fixed-encoding", case["fixed"])


def repair_tables() -> dict[str, str]:
    """ftfy's cases, our gallery and golden cases, and clean text, for each fixer."""
    cases = _ftfy_cases()
    gallery = json.loads((ROOT / "fixtures" / "gallery.json").read_text(encoding="utf-8"))
    damaged = [e for e in gallery["entries"] if e["input"] != e["expected"] and not e["options"]]
    golden: list[dict[str, Any]] = []
    for path in sorted((ROOT / "fixtures" / "cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            if not case.get("options") and "rules" not in case and case.get("expect") != "fail":
                golden.append(case)
    golden_damaged = [c for c in golden if c["input"] != c["expected"]]
    clean_lines = [
        line
        for path in sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    negatives = [c for c in cases if c["original"] == _encoding_only(c)]
    rows: list[Sequence[object]] = []
    for name, fix in FIXERS.items():
        encoding_score = sum(
            fix(c["original"]) == c.get("fixed-encoding", c["fixed"]) for c in cases
        )
        full_score = sum(fix(c["original"]) == c["fixed"] for c in cases)
        false_positives = sum(fix(c["original"]) != c["original"] for c in negatives)
        rows.append(
            [
                f"`{name}`",
                f"{encoding_score} / {len(cases)}",
                f"{full_score} / {len(cases)}",
                f"{false_positives} / {len(negatives)}",
                f"{sum(fix(e['input']) == e['expected'] for e in damaged)} / {len(damaged)}",
                f"{sum(fix(c['input']) == c['expected'] for c in golden_damaged)}"
                f" / {len(golden_damaged)}",
                f"{sum(fix(line) != line for line in clean_lines)} / {len(clean_lines)}",
            ]
        )
    header = [
        "fixer",
        "ftfy's cases, encoding only",
        "ftfy's cases, everything",
        "ftfy's clean cases changed",
        "our gallery",
        "our golden cases",
        "clean lines changed",
    ]
    return {"repair": _table(header, rows)}


def _score(samples: Sequence[Sample], read: Callable[[bytes], str | None]) -> tuple[int, ...]:
    right = wrong = refused = 0
    for sample in samples:
        text = read(sample.data)
        if text is None:
            refused += 1
        elif text == sample.text:
            right += 1
        else:
            wrong += 1
    return right, wrong, refused


def _time_ms(samples: Sequence[Sample], read: Callable[[bytes], object], rounds: int = 3) -> float:
    """The median over samples of the best of ``rounds`` timings, in milliseconds."""
    times = []
    for sample in samples:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            read(sample.data)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    return statistics.median(times) * 1000


def _textmend(data: bytes) -> str | None:
    try:
        return decode(data).text
    except TextmendError:
        return None


def _chardet(data: bytes) -> str | None:
    encoding = chardet.detect(data)["encoding"]
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


DETECTORS: dict[str, Callable[[bytes], str | None]] = {
    "textmend.decode": _textmend,
    "chardet.detect": _chardet,
    "charset_normalizer.from_bytes": _charset_normalizer,
}


def detection_tables() -> dict[str, str]:
    samples = fetch_charset_normalizer(cache_dir())
    if samples is None:
        raise SystemExit("charset-normalizer's sample texts could not be downloaded")
    corpus = detection_corpus(source_texts(samples))
    shorts = short_samples(corpus)
    rows: list[Sequence[object]] = []
    for name, read in DETECTORS.items():
        right, wrong, refused = _score(corpus, read)
        short_right, short_wrong, short_refused = _score(shorts, read)
        rows.append(
            [
                f"`{name}`",
                f"{right} / {wrong} / {refused}",
                f"{_time_ms(corpus, read):.2f}",
                f"{short_right} / {short_wrong} / {short_refused}",
                f"{_time_ms(shorts, read):.2f}",
            ]
        )
    header = [
        "detector",
        f"{len(corpus)} files: right / wrong / refused",
        "median ms per file",
        f"{len(shorts)} short slices: right / wrong / refused",
        "median ms per slice",
    ]
    return {"detection": _table(header, rows)}


def large_table(scale: int = 200) -> dict[str, str]:
    """Whole large files: right or not, and the best of two timings, per detector."""
    rows: list[Sequence[object]] = []
    for sample in large_samples(scale):
        row: list[object] = [
            f"{sample.source}, {sample.encoding}",
            f"{len(sample.data) / 1e6:.2f} MB",
        ]
        for read in DETECTORS.values():
            right = read(sample.data) == sample.text
            row.append(f"{'right' if right else 'wrong'}, {_time_ms([sample], read, 2):.0f} ms")
        rows.append(row)
    header = ["file", "size", *(f"`{name}`" for name in DETECTORS)]
    return {"large": _table(header, rows)}


def versions() -> dict[str, str]:
    return {
        "versions": _table(
            ["", ""],
            [
                ["python", f"`{platform.python_implementation()} {platform.python_version()}`"],
                ["textmend", f"`{textmend.__version__}`"],
                ["ftfy", f"`{ftfy.__version__}`"],
                ["chardet", f"`{chardet.__version__}`"],
                ["charset-normalizer", f"`{charset_normalizer.__version__}`"],
            ],
        )
    }


_BLOCK = re.compile(r"^(<!-- measured: (\w+) -->\n)(?:.*?\n)??(<!-- end -->)$", re.DOTALL | re.M)


def render() -> str:
    tables = {**versions(), **repair_tables(), **detection_tables(), **large_table()}
    page = TARGET.read_text(encoding="utf-8")
    return _BLOCK.sub(lambda m: m.group(1) + tables[m.group(2)] + "\n" + m.group(3), page)


def main() -> int:
    return write_or_check(__doc__.splitlines()[0], lambda: {TARGET: render()})


if __name__ == "__main__":
    raise SystemExit(main())
