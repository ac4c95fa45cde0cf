"""Cold start: a fresh interpreter that checks one small file, against doing nothing.

textmend runs as ``python -m textmend`` from this checkout (``src`` on
``PYTHONPATH``), which is what the installed ``textmend`` script does too: it
imports ``textmend.cli`` and calls it.  ftfy runs as its installed ``ftfy``
command.  Every command is run in turn, round after round, and the median wall
time of each is kept.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpora import ROOT, Corpus

__all__ = ["ColdStart", "measure_cold_start", "small_file_text"]


@dataclass(frozen=True, slots=True)
class ColdStart:
    """Median wall seconds per command, and the size of the file each one read."""

    seconds: dict[str, float]
    runs: dict[str, tuple[float, ...]]
    commands: dict[str, str]
    file_bytes: dict[str, int]


def small_file_text(corpus: Corpus, size: int = 1024) -> str:
    """About ``size`` bytes of a corpus, cut at a line break."""
    text = "".join(corpus.docs)
    out: list[str] = []
    total = 0
    for line in text.splitlines(keepends=True):
        encoded = len(line.encode("utf-8"))
        if total and total + encoded > size:
            break
        out.append(line)
        total += encoded
    return "".join(out)


def _ftfy_command() -> list[str]:
    script = Path(sys.executable).with_name("ftfy")
    if script.exists():
        return [str(script)]
    found = shutil.which("ftfy")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from ftfy.cli import main; sys.exit(main())"]


def _display(argv: Sequence[str]) -> str:
    """A command as the table shows it: program and file names without folders."""
    words = [Path(argv[0]).name, *argv[1:]]
    return " ".join(Path(w).name if os.sep in w else w for w in words)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    env.pop("PYTHONSTARTUP", None)
    return env


def _time_command(argv: Sequence[str], env: Mapping[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - start
    # check exits 1 when it finds something: that is a result, not a failure.
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return seconds


def measure_cold_start(
    files: Mapping[str, Path], *, rounds: int, warmup: int, log: Callable[[str], None]
) -> ColdStart:
    """Time ``python -c pass``, ``textmend check FILE`` and ``ftfy FILE`` per file.

    ``files`` maps a label (``clean``, ``damaged``) to a small file.
    """
    env = _environment()
    python = sys.executable
    commands: dict[str, list[str]] = {"python -c pass": [python, "-c", "pass"]}
    for label, path in files.items():
        commands[f"textmend check ({label} 1 KB)"] = [python, "-m", "textmend", "check", str(path)]
    for label, path in files.items():
        commands[f"ftfy ({label} 1 KB)"] = [*_ftfy_command(), str(path)]
    log(f"cold start: {len(commands)} commands x {rounds} rounds")
    runs: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for index in range(warmup + rounds):
        shift = index % len(names)
        for name in [*names[shift:], *names[:shift]]:
            seconds = _time_command(commands[name], env)
            if index >= warmup:
                runs[name].append(seconds)
    return ColdStart(
        seconds={name: statistics.median(values) for name, values in runs.items()},
        runs={name: tuple(values) for name, values in runs.items()},
        commands={name: _display(argv) for name, argv in commands.items()},
        file_bytes={label: path.stat().st_size for label, path in files.items()},
    )
