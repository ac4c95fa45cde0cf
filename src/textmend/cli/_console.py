"""Standard output and standard error, the way the command line uses them.

Standard output carries only data, always UTF-8 whatever the locale, written as
bytes so that no newline translation touches it.  Messages, notes and
summaries go to standard error.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence

__all__ = [
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "Progress",
    "error",
    "note",
    "read_stdin",
    "silence_stdout",
    "write_lines",
    "write_stdout",
]

#: Clean, or everything fixed.
EXIT_OK = 0
#: Findings remain, or files would change (or did, under --exit-non-zero-on-fix).
EXIT_FINDINGS = 1
#: Usage, configuration, input or internal error.
EXIT_ERROR = 2
#: Interrupted (Ctrl-C): the shell's own convention, 128 + SIGINT.
EXIT_INTERRUPTED = 130


class Progress:
    """A one-line file counter on standard error, shown only on a terminal.

    It is redrawn at most ten times a second and erased before any other
    message, so notes and errors never share its line.
    """

    active: Progress | None = None

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 1 and sys.stderr.isatty()
        self._shown = False
        # Nothing is drawn in the first tenth of a second: a quick run never flickers.
        self._last = time.monotonic()

    def __enter__(self) -> Progress:
        Progress.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()
        Progress.active = None

    def tick(self, done: int) -> None:
        """Say that ``done`` files of the total are done."""
        now = time.monotonic()
        if not self.enabled or now - self._last < 0.1:
            return
        self._last = now
        sys.stderr.write(f"\rtextmend: {done}/{self.total} files")
        sys.stderr.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the counter, if it is on screen."""
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self._shown = False


def _clear_progress() -> None:
    if Progress.active is not None:
        Progress.active.clear()


def error(message: str) -> None:
    """An error, on standard error."""
    _clear_progress()
    print(f"textmend: {message}", file=sys.stderr)


def note(message: str) -> None:
    """A note or summary line, on standard error."""
    _clear_progress()
    print(message, file=sys.stderr)


def write_stdout(data: bytes) -> None:
    """Write bytes to standard output exactly, with no newline translation."""
    # Text already written through sys.stdout must come out first.
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        # A replaced sys.stdout without a byte layer (some embedding hosts).
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
        sys.stdout.flush()
        return
    buffer.write(data)
    buffer.flush()


def write_lines(lines: Sequence[str], *, to_stderr: bool = False) -> None:
    """Write text lines as UTF-8 (undecodable file names get their original bytes back)."""
    if not lines:
        return
    _clear_progress()
    if to_stderr:
        sys.stderr.write("".join(lines))
        sys.stderr.flush()
        return
    write_stdout("".join(lines).encode("utf-8", "surrogateescape"))


def read_stdin() -> bytes:
    """All of standard input, as bytes."""
    return sys.stdin.buffer.read()


def silence_stdout() -> None:
    """After a broken pipe, point standard output at the null device.

    Python's final flush of stdout would otherwise fail again and print
    "Exception ignored".
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
