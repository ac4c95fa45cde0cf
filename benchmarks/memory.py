"""Peak memory of one run on a large input, each in a fresh process.

The peak is the child's maximum resident set size as the kernel reports it
when the child is reaped (``os.wait4``, the number
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` gives).  On Linux a child's
``ru_maxrss`` starts from the size of the process that forked it, so the
harness (which holds corpora and tables) does not fork the measured child
itself: a small wrapper process does, and reports the child's rusage.

The child also reports its own high-water mark after importing and after
reading the input.  Reading holds the bytes and the decoded str at once, and a
high-water mark never falls, so on Linux the child then resets its mark
(``/proc/self/clear_refs``) with the input held and reports what fixing added.

``python -m benchmarks.memory wrap CONTENDER PATH`` runs the wrapper,
``python -m benchmarks.memory child CONTENDER PATH`` the child.
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

__all__ = ["MemoryUse", "measure_memory"]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class MemoryUse:
    """One contender on one input: peak RSS and what was resident before fixing."""

    contender: str
    input_bytes: int
    seconds: float
    #: Peak resident set size of the whole run (``os.wait4``).
    peak: int
    after_import: int
    after_read: int
    #: Resident size with the input read (Linux), and the peak while fixing it.
    held: int | None = None
    fixing_peak: int | None = None

    @property
    def per_input_byte(self) -> float:
        """Peak bytes resident per byte of input."""
        return self.peak / self.input_bytes


def _maxrss_bytes(usage: resource.struct_rusage) -> int:
    # Linux reports kilobytes, macOS bytes.
    return usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024


def _status(field: str) -> int | None:
    """A size from ``/proc/self/status``, in bytes (Linux only)."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return None


def _high_water() -> int:
    """This process's peak resident size so far."""
    mark = _status("VmHWM")
    return mark if mark is not None else _maxrss_bytes(resource.getrusage(resource.RUSAGE_SELF))


def _reset_high_water() -> int | None:
    """Reset the high-water mark to the current size and return that size (Linux)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    return _status("VmRSS")


def _child(name: str, path: str) -> int:
    """Import a contender, read ``path``, fix it, report sizes on stdout."""
    sys.path.insert(0, str(ROOT / "src"))
    from benchmarks.contenders import contender

    fix = contender(name)
    fix("warm up, load the tables: \u4e2d,,\u6587 caf\u00c3\u00a9")
    after_import = _high_water()
    text = Path(path).read_text(encoding="utf-8")
    after_read = _high_water()
    held = _reset_high_water()
    fixed = fix(text)
    report: dict[str, int] = {"after_import": after_import, "after_read": after_read}
    if held is not None:
        report["held"], report["fixing_peak"] = held, _high_water()
    report["chars"] = len(fixed)
    print(json.dumps(report))
    return 0


def _wrap(name: str, path: str) -> int:
    """Run the child and report its rusage with its own report."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        # Popen and wait4 rather than subprocess.run: the rusage of this one child.
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.memory", "child", name, path],
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        assert proc.stdout is not None
        out = proc.stdout.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode(errors="replace"))
            return 1
    report = json.loads(out)
    report["peak"] = _maxrss_bytes(usage)
    report["seconds"] = seconds
    print(json.dumps(report))
    return 0


def measure_memory(
    path: Path, contenders: Sequence[str], *, log: Callable[[str], None]
) -> list[MemoryUse]:
    """Peak memory of each contender fixing the whole of ``path`` as one string."""
    size = path.stat().st_size
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH")) if p
    )
    results: list[MemoryUse] = []
    for name in contenders:
        log(f"memory: {name} on {size / 1e6:.0f} MB")
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.memory", "wrap", name, str(path)],
            env=env,
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"memory run of {name} failed: {done.stderr.decode()}")
        report = json.loads(done.stdout)
        results.append(
            MemoryUse(
                contender=name,
                input_bytes=size,
                seconds=report["seconds"],
                # Resetting the high-water mark lowers what rusage reports too.
                peak=max(report["peak"], report["after_read"]),
                after_import=report["after_import"],
                after_read=report["after_read"],
                held=report.get("held"),
                fixing_peak=report.get("fixing_peak"),
            )
        )
    return results


if __name__ == "__main__":
    _command, _name, _path = sys.argv[1:4]
    raise SystemExit(_child(_name, _path) if _command == "child" else _wrap(_name, _path))
