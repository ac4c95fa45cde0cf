"""``python -m fuzz``: run the fuzz target for a bounded time, or replay inputs.

    python -m fuzz --seconds 600            # fuzz for ten minutes
    python -m fuzz --seconds 10 --quick     # what CI runs
    python -m fuzz --replay crash-1a2b...   # run saved inputs once, without atheris

The seed corpus is built at start from our own fixtures (clean text, the
golden cases' inputs, and mojibake made from them) in a temporary folder,
unless ``--corpus DIR`` names a folder to keep it in.  Exit status: 0 when the
time ran out without a failure; libFuzzer's own status (non-zero) and a
``crash-*`` or ``timeout-*`` file when an input broke an invariant, raised or
hung.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# The codec mixups the repair rules undo, to seed mojibake.
_MIXUPS = (("utf-8", "cp1252"), ("utf-8", "latin-1"), ("utf-8", "gbk"), ("gbk", "latin-1"))


def _seed_texts() -> Iterator[str]:
    for path in sorted((FIXTURES / "clean").glob("*.txt")):
        yield from path.read_text(encoding="utf-8").splitlines()
    for path in sorted((FIXTURES / "cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield case["input"]
    example = FIXTURES / "examples" / "damaged-article.txt"
    if example.exists():
        yield from example.read_text(encoding="utf-8").splitlines()


def seed_corpus(folder: Path) -> int:
    """Write seed inputs into ``folder``; return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds: set[bytes] = set()
    for text in _seed_texts():
        utf8 = text.encode("utf-8", errors="surrogatepass")
        seeds.add(b"\x00" + utf8)  # fix_text, default configuration
        seeds.add(b"\x01" + utf8)  # repairs only
        seeds.add(b"\x03" + utf8)  # fix_bytes
        for written, read in _MIXUPS:
            with contextlib.suppress(UnicodeError):
                seeds.add(b"\x00" + text.encode(written).decode(read).encode("utf-8"))
        seeds.add(b"\x03" + text.encode("utf-16"))
        seeds.add(b"\x03" + text.encode("gb18030"))
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    return len(seeds)


def replay(paths: Sequence[str]) -> int:
    """Run saved inputs once each; 1 if any fails."""
    from fuzz.targets import one_input, signature

    failed = 0
    for name in paths:
        try:
            one_input(Path(name).read_bytes())
        except Exception as exc:
            failed += 1
            print(f"{name}: {signature(exc)}: {exc}", file=sys.stderr)
        else:
            print(f"{name}: ok", file=sys.stderr)
    return 1 if failed else 0


class _Run:
    """Wraps the target: counts inputs, keeps going past failures if asked, ends on time."""

    def __init__(self, target: Callable[[bytes], None], args: argparse.Namespace) -> None:
        from fuzz.known import KNOWN
        from fuzz.targets import signature

        self.target = target
        self.signature = signature
        self.known = KNOWN
        self.keep_going: bool = args.keep_going
        self.artifacts: Path = args.artifacts
        self.started = time.monotonic()
        self.deadline = self.started + args.seconds
        self.runs = 0
        self.failures: dict[str, int] = {}
        #: A folder to remove at the end (the seed corpus, unless --corpus kept it).
        self.scratch: str | None = None

    def __call__(self, data: bytes) -> None:
        self.runs += 1
        if time.monotonic() > self.deadline:
            self.finish()
        try:
            self.target(data)
        except Exception as exc:
            if not self.keep_going:
                raise
            name = self.signature(exc)
            if name not in self.failures:
                digest = hashlib.sha1(data).hexdigest()[:16]
                slug = name.replace(":", "-").replace("@", "-")
                saved = self.artifacts / f"failure-{slug}-{digest}"
                saved.write_bytes(data)
                known = " (known)" if name in self.known else ""
                print(f"fuzz: new failure {name}{known}, saved as {saved}: {exc}", file=sys.stderr)
            self.failures[name] = self.failures.get(name, 0) + 1

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        print(
            f"fuzz: {self.runs} inputs in {elapsed:.0f} s ({self.runs / elapsed:.0f}/s), "
            f"{sum(self.failures.values())} failing, {len(self.failures)} distinct",
            file=sys.stderr,
        )
        unknown = [name for name in self.failures if name not in self.known]
        for name, count in sorted(self.failures.items()):
            status = "known" if name in self.known else "NEW"
            print(f"fuzz:   {status} {name}: {count} inputs", file=sys.stderr)
        sys.stderr.flush()
        sys.stdout.flush()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        # libFuzzer owns the process; leave without unwinding through it.
        os._exit(1 if unknown else 0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz (default 60)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small inputs, a fixed seed and no instrumentation of textmend",
    )
    parser.add_argument(
        "--no-instrument",
        action="store_true",
        help="no coverage instrumentation of textmend: many more inputs a second, blind",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="record each distinct failure and go on; exit 1 at the end if any is not known",
    )
    parser.add_argument("--corpus", type=Path, help="keep the corpus in this folder")
    parser.add_argument(
        "--artifacts",
        type=Path,
        default=Path(tempfile.gettempdir()) / "textmend-fuzz",
        help="where failing inputs are written (default: textmend-fuzz in the temp folder)",
    )
    parser.add_argument("--timeout", type=int, default=20, help="seconds one input may take")
    parser.add_argument("--max-len", type=int, default=4096, help="longest input, in bytes")
    parser.add_argument("--replay", nargs="+", metavar="FILE", help="run saved inputs once")
    args, extra = parser.parse_known_args(argv)
    if args.replay:
        return replay(args.replay)

    try:
        import atheris
    except ImportError:
        print("python -m fuzz needs atheris: pip install 'textmend[fuzz]'", file=sys.stderr)
        return 2

    if args.quick or args.no_instrument:
        from fuzz.targets import one_input
    else:
        # Coverage of textmend's own code guides the search.
        with atheris.instrument_imports(include=["textmend", "fuzz"]):
            from fuzz.targets import one_input

    args.artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="textmend-fuzz-") as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        count = seed_corpus(corpus)
        print(f"fuzz: {count} seed inputs in {corpus}", file=sys.stderr)
        max_len = min(args.max_len, 512) if args.quick else args.max_len
        libfuzzer = [
            sys.argv[0],
            # A backstop: the run ends itself at --seconds (see _Run.finish).
            f"-max_total_time={args.seconds + 60}",
            f"-timeout={args.timeout}",
            f"-max_len={max_len}",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={args.artifacts}{os.sep}",
            # CI runs the same inputs in the same order every time (only how far
            # it gets depends on the machine).
            *(["-seed=1"] if args.quick and not any(a.startswith("-seed=") for a in extra) else []),
            *extra,
            str(corpus),
        ]
        run = _Run(one_input, args)
        run.scratch = scratch
        atheris.Setup(libfuzzer, run)
        atheris.Fuzz()
    return 0  # not reached: the run ends the process


if __name__ == "__main__":
    raise SystemExit(main())
