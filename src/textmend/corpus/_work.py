"""One unit of work: a whole shard, or a byte range of a large JSON Lines shard.

:func:`run_shard` is the one pass over a shard that every executor runs (in
this process, in a pool worker, on a Dask worker): it reads the shard once,
writes the mended output, writes the completion marker, and returns the
counters, so nothing is fixed twice for output and statistics.  Every problem
becomes a result with a message, never an exception, so one bad shard does not
stop the others.
"""

from __future__ import annotations

import os
import socket
import time
import traceback
from collections.abc import Callable, Iterable
from typing import Literal, NamedTuple

from textmend.corpus._counters import Counters
from textmend.corpus._formats import Tick, mend_jsonl, mend_parquet, mend_text_file
from textmend.corpus._shards import CorpusError, Shard, atomic_path, write_marker

__all__ = ["Job", "ShardResult", "Status", "assemble", "run_chunk", "run_shard"]

#: done: mended (or, under dry run, read) now; finished: done by an earlier run and
#: skipped; skipped: not text (with a note); error: left without output (with a message).
Status = Literal["done", "finished", "skipped", "error"]


class Job(NamedTuple):
    """The settings every shard of a run shares (picklable)."""

    field: str = "text"
    dry_run: bool = False
    #: For plain-text shards: the codec to read them with instead of detecting it.
    encoding: str | None = None
    #: For plain-text shards: write UTF-8 whatever they were.
    transcode_utf8: bool = False


class ShardResult(NamedTuple):
    """What became of one shard."""

    name: str
    status: Status
    counters: Counters
    seconds: float
    message: str = ""
    #: Which process did the work: ``host:pid``.
    worker: str = ""


def _worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _problem(shard: Shard, exc: BaseException) -> str:
    from textmend.cli._io import FileProblem

    if isinstance(exc, CorpusError | FileProblem):
        return str(exc)
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (
        f"{detail}{shard.source}: internal error: {exc!r}; this is a bug in textmend, "
        "please report it; no output was written for this shard"
    )


def _mend_into(shard: Shard, job: Job, counters: Counters, tick: Tick | None) -> None:
    if shard.kind == "jsonl":
        if job.dry_run:
            mend_jsonl(shard, job.field, counters, lambda _line: None, tick=tick)
            return
        with atomic_path(shard.output) as temp, open(temp, "wb", buffering=1 << 20) as out:
            mend_jsonl(shard, job.field, counters, out.write, tick=tick)
    elif shard.kind == "parquet":
        if job.dry_run:
            mend_parquet(shard, job.field, counters, None, tick=tick)
            return
        with atomic_path(shard.output) as temp:
            mend_parquet(shard, job.field, counters, temp, tick=tick)
    else:
        data = mend_text_file(
            shard, counters, encoding=job.encoding, transcode_utf8=job.transcode_utf8
        )
        if tick is not None:
            tick(counters.bytes_in, counters.documents, counters.changed)
        if not job.dry_run:
            with atomic_path(shard.output) as temp, open(temp, "wb") as out:
                out.write(data)


def run_shard(shard: Shard, job: Job, tick: Tick | None = None) -> ShardResult:
    """Mend ``shard`` in one pass: output, then marker; return its counters."""
    from textmend.cli._io import BinaryFile

    started = time.perf_counter()
    counters = Counters()
    try:
        _mend_into(shard, job, counters, tick)
        seconds = time.perf_counter() - started
        if not job.dry_run:
            write_marker(shard, job.field, counters, seconds)
    except BinaryFile as exc:
        return ShardResult(shard.name, "skipped", Counters(), 0.0, str(exc), _worker())
    except Exception as exc:
        return ShardResult(shard.name, "error", counters, 0.0, _problem(shard, exc), _worker())
    return ShardResult(shard.name, "done", counters, seconds, worker=_worker())


def run_chunk(shard: Shard, job: Job, start: int, end: int) -> tuple[bytes, Counters]:
    """Mend bytes ``[start, end)`` of a JSON Lines shard; return the output and counters.

    Raises :class:`CorpusError` for a line that is not JSON; the caller, which
    assembles the shard, turns that into the shard's result.
    """
    counters = Counters()
    parts: list[bytes] = []
    write = (lambda _line: None) if job.dry_run else parts.append
    mend_jsonl(shard, job.field, counters, write, start=start, end=end)
    return b"".join(parts), counters


def assemble(
    shard: Shard, job: Job, chunks: Iterable[tuple[bytes, Counters]], tick: Tick | None = None
) -> ShardResult:
    """Write the mended chunks of ``shard`` in order, then its marker.

    ``chunks`` is consumed lazily, so only the chunks in flight are in memory.
    """
    started = time.perf_counter()
    total = Counters()

    def consume(write: Callable[[bytes], object] | None) -> None:
        nonlocal total
        for data, counters in chunks:
            if write is not None:
                write(data)
            total += counters
            if tick is not None:
                tick(counters.bytes_in, counters.documents, counters.changed)

    try:
        if job.dry_run:
            consume(None)
        else:
            with atomic_path(shard.output) as temp, open(temp, "wb", buffering=1 << 20) as out:
                consume(out.write)
            write_marker(shard, job.field, total, time.perf_counter() - started)
    except Exception as exc:
        return ShardResult(shard.name, "error", total, 0.0, _problem(shard, exc), "chunks")
    return ShardResult(shard.name, "done", total, time.perf_counter() - started, worker="chunks")
