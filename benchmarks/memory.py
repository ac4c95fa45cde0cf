"""Peak memory of one run on a large input, each in a fresh process.

The peak is the child's maximum resident set size as the kernel reports it
when the process is reaped (``os.wait4``, the same number as
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``).  The child reports its own
size after importing and after reading the input, so the table can show what
the fixing itself added.

Run as a child: ``python -m benchmarks.memory CONTENDER PATH``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpora import ROOT

__all__ = ["MemoryUse", "measure_memory"]


def _maxrss_bytes(usage: resource.struct_rusage) -> int:
    # Linux reports kilobytes, macOS bytes.
    return usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024


@dataclass(frozen=True, slots=True)
class MemoryUse:
    """One contender on one input: peak RSS and what was resident before fixing."""

    contender: str
    input_bytes: int
    seconds: float
    peak: int
    after_import: int
    after_read: int

    @property
    def per_input_byte(self) -> float:
        """Peak bytes resident per byte of input."""
        return self.peak / self.input_bytes


def _child(name: str, path: str) -> int:
    """Import a contender, read ``path``, fix it, report sizes on stdout."""
    sys.path.insert(0, str(ROOT / "src"))
    from benchmarks.contenders import contender

    fix = contender(name)
    fix("warm up: load tables \u4e2d,,\u6587 caf\u00c3\u00a9")
    after_import = _maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF))
    text = Path(path).read_text(encoding="utf-8")
    after_read = _maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF))
    fixed = fix(text)
    print(json.dumps({"after_import": after_import, "after_read": after_read, "len": len(fixed)}))
    return 0


def _run(argv: Sequence[str]) -> tuple[dict[str, int], int, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH")) if p
    )
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        # Popen and wait4 rather than subprocess.run: the rusage of this one child.
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=errors)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(argv)} failed: {message}")
    return json.loads(out), _maxrss_bytes(usage), seconds


def measure_memory(
    path: Path, contenders: Sequence[str], *, log: Callable[[str], None]
) -> list[MemoryUse]:
    """Peak memory of each contender fixing the whole of ``path`` as one string."""
    size = path.stat().st_size
    results: list[MemoryUse] = []
    for name in contenders:
        log(f"memory: {name} on {size / 1e6:.0f} MB")
        report, peak, seconds = _run([sys.executable, "-m", "benchmarks.memory", name, str(path)])
        results.append(
            MemoryUse(name, size, seconds, peak, report["after_import"], report["after_read"])
        )
    return results


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1], sys.argv[2]))
