"""``python -m benchmarks [--quick] [--out DIR] [--json FILE]``: run the harness."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.corpora import ROOT, make_corpora

if TYPE_CHECKING:
    from benchmarks.report import Results

__all__ = ["main"]

SECTIONS = ("throughput", "rules", "cold-start", "memory", "linearity")


def _log(message: str) -> None:
    print(f"benchmarks: {message}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure textmend against ftfy and write docs/benchmarks.md and .png.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny inputs, one round, no memory run: keeps the harness working (CI); "
        "writes to a temporary folder unless --out is given",
    )
    parser.add_argument("--out", type=Path, help="folder for benchmarks.md and benchmarks.png")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--size", type=int, help="bytes of UTF-8 per corpus")
    parser.add_argument("--rounds", type=int, help="timed rounds per measurement")
    parser.add_argument("--warmup", type=int, help="uncounted rounds before them")
    parser.add_argument(
        "--only", nargs="+", choices=SECTIONS, help="run only these sections (default: all)"
    )
    parser.add_argument("--corpora", nargs="+", help="run only these corpora")
    parser.add_argument(
        "--memory-mb", type=int, default=200, help="size of the peak-memory input (full mode)"
    )
    parser.add_argument("--no-plot", action="store_true", help="skip the PNG")
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="FILE",
        help="measure nothing: render the page and plot again from a --json file",
    )
    return parser


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (src modified)" if dirty else "")


def _machine() -> dict[str, str]:
    import textmend

    return {
        "date": datetime.date.today().isoformat(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(terse=True),
        "cpus": str(os.cpu_count()),
        "textmend": f"{textmend.__version__} at {_git_commit()}",
        "ftfy": _version("ftfy"),
        "regex": _version("regex"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the harness; 0 on success, 2 on a usage error."""
    args = _parser().parse_args(argv)
    # Run against this checkout's textmend, whatever is installed.
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)

    from benchmarks import report
    from benchmarks.coldstart import measure_cold_start, small_file_text
    from benchmarks.linearity import measure_linearity
    from benchmarks.memory import measure_memory
    from benchmarks.throughput import measure_rules, measure_throughput

    if args.from_json is not None:
        results = report.load_json(args.from_json)
        out = args.out or ROOT / "docs"
        out.mkdir(parents=True, exist_ok=True)
        _write(results, out, plot=not args.no_plot)
        return 0

    quick = args.quick
    size = args.size or (20_000 if quick else 1_000_000)
    rounds = args.rounds or (1 if quick else 5)
    warmup = args.warmup if args.warmup is not None else (0 if quick else 1)
    sections = set(args.only or SECTIONS)
    if quick:
        sections.discard("memory")
    out = args.out or (Path(tempfile.mkdtemp(prefix="textmend-bench-")) if quick else ROOT / "docs")
    out.mkdir(parents=True, exist_ok=True)
    command = "python -m benchmarks" + (" --quick" if quick else "")
    results = report.Results(
        mode="quick" if quick else "full",
        machine=_machine(),
        settings={
            "command": command,
            "size": size,
            "rounds": rounds,
            "warmup": warmup,
            "sections": sorted(sections),
        },
    )

    corpora = make_corpora(size, names=args.corpora)
    if "throughput" in sections:
        results.throughput = measure_throughput(corpora, rounds=rounds, warmup=warmup, log=_log)
    if "rules" in sections:
        results.rules = measure_rules(corpora, rounds=max(1, rounds // 2 + 1), log=_log)
    with tempfile.TemporaryDirectory(prefix="textmend-bench-") as scratch:
        folder = Path(scratch)
        if "cold-start" in sections:
            files = {}
            for label, name in (("clean", "mixed"), ("damaged", "founding")):
                path = folder / f"small-{label}.txt"
                path.write_text(
                    small_file_text(make_corpora(4096, names=[name])[0]), encoding="utf-8"
                )
                files[label] = path
            results.cold_start = measure_cold_start(
                files, rounds=1 if quick else 15, warmup=0 if quick else 2, log=_log
            )
        if "memory" in sections:
            path = folder / "large.txt"
            block = "".join(make_corpora(10_000_000, names=["mixed"])[0].docs).encode("utf-8")
            with path.open("wb") as handle:
                for _ in range(max(1, -(-args.memory_mb * 1_000_000 // len(block)))):
                    handle.write(block)
            results.settings["memory_corpus"] = "the `mixed` corpus, 10 MB repeated"
            results.memory = measure_memory(path, ["textmend", "ftfy-corpus"], log=_log)
    if "linearity" in sections:
        results.linearity = measure_linearity(
            names=None,
            cap=2_048 if quick else 1_000_000,
            budget=0.005 if quick else 1.0,
            rounds=1 if quick else 5,
            warmup=0 if quick else 1,
            reference="ftfy",
            log=_log,
        )

    if args.json:
        report.write_json(results, args.json)
    _write(results, out, plot=not args.no_plot)
    return 0


def _write(results: Results, out: Path, *, plot: bool) -> None:
    from benchmarks import report

    plot_path = out / "benchmarks.png"
    plotted = plot and report.write_plot(results, plot_path)
    if plot and not plotted:
        _log("matplotlib is not installed: no plot (pip install -e '.[bench]')")
    report.write_markdown(
        results, out / "benchmarks.md", plot="benchmarks.png" if plotted else None
    )
    _log(f"wrote {out / 'benchmarks.md'}" + (f" and {plot_path}" if plotted else ""))


if __name__ == "__main__":
    raise SystemExit(main())
