"""Running shards: in this process, in a process pool, or on a Dask cluster.

Whatever runs them, each shard is mended by the same deterministic code and
written by the same writer, so the output is byte-identical across executors.

* serial: one shard after another, streamed.
* process pool (``jobs > 1``): small shards are shared out whole; a JSON Lines
  shard larger than ``chunk_bytes`` is cut into byte ranges at line ends,
  mended by all workers at once and written in order by this process, with at
  most two ranges per worker in flight so memory stays bounded.
* Dask: one task per shard (:func:`~textmend.corpus._work.run_shard`), which
  writes its output and marker on the worker and returns only the counters.
  The input and output folders must be visible to every worker.
"""

from __future__ import annotations

import collections
import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, Literal

from textmend import fix_and_explain
from textmend.corpus._counters import Counters
from textmend.corpus._formats import Tick, chunk_ranges
from textmend.corpus._shards import CorpusError, Shard
from textmend.corpus._work import Job, ShardResult, assemble, run_chunk, run_shard

__all__ = ["DEFAULT_CHUNK_BYTES", "Executor", "cpu_count", "execute"]

Executor = Literal["process", "dask"]

#: A JSON Lines shard larger than this is shared among the workers of a pool.
DEFAULT_CHUNK_BYTES = 8 << 20

# Text that takes the rules down their deeper paths, so the tables they build on
# first use exist before the workers are forked (and are shared, not rebuilt).
_WARM_UP = "會(huì)議(yì)指出,,产业(园区)是主阵地,。Crème brûlée cafÃ© 锟斤拷 \ufffd\n"


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _serial(shards: Sequence[Shard], job: Job, tick: Tick | None) -> Iterator[ShardResult]:
    for shard in shards:
        yield run_shard(shard, job, tick)


def _tick_result(tick: Tick | None, result: ShardResult) -> None:
    if tick is not None:
        c = result.counters
        tick(c.bytes_in, c.documents, c.changed)


def _chunks(
    pool: ProcessPoolExecutor, shard: Shard, job: Job, ranges: list[tuple[int, int]], window: int
) -> Iterator[tuple[bytes, Counters]]:
    pending: collections.deque[Future[tuple[bytes, Counters]]] = collections.deque()
    todo = iter(ranges)
    try:
        for start, end in todo:
            pending.append(pool.submit(run_chunk, shard, job, start, end))
            if len(pending) >= window:
                break
        while pending:
            done = pending.popleft().result()
            following = next(todo, None)
            if following is not None:
                pending.append(pool.submit(run_chunk, shard, job, *following))
            yield done
    finally:
        for future in pending:
            future.cancel()


def _pool(
    shards: Sequence[Shard], job: Job, workers: int, chunk_bytes: int, tick: Tick | None
) -> Iterator[ShardResult]:
    import gc
    import multiprocessing

    with contextlib.suppress(Exception):
        fix_and_explain(_WARM_UP, config=shards[0].config)
    large = [s for s in shards if s.kind == "jsonl" and s.size > chunk_bytes]
    whole = [s for s in shards if not (s.kind == "jsonl" and s.size > chunk_bytes)]
    # Keep the collector off the objects the workers inherit: touching them
    # would copy every page of the parent into every worker.
    gc.freeze()
    # fork shares the imported rule tables with the workers; elsewhere (macOS,
    # Windows) fork is unsafe or absent.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = [pool.submit(run_shard, shard, job) for shard in whole]
            for future in as_completed(futures):
                result = future.result()
                _tick_result(tick, result)
                yield result
            for shard in large:
                ranges = chunk_ranges(shard.source, shard.size, chunk_bytes)
                yield assemble(shard, job, _chunks(pool, shard, job, ranges, 2 * workers), tick)
    finally:
        gc.unfreeze()


def _dask(
    shards: Sequence[Shard], job: Job, workers: int, scheduler: str | None, tick: Tick | None
) -> Iterator[ShardResult]:
    try:
        distributed: Any = importlib.import_module("distributed")
    except ModuleNotFoundError:
        raise CorpusError("--executor dask needs Dask: pip install 'textmend[dask]'") from None
    cluster: Any = None
    if scheduler is None:
        # ":0": any free port for the scheduler's HTTP server, so a second cluster on
        # the machine does not collide with the first (or warn about it).
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = distributed.Client(cluster)
    else:
        client = distributed.Client(scheduler)
    try:
        # pure=False: a rerun must really run, not reuse a result the cluster remembers.
        futures = client.map(run_shard, shards, job=job, pure=False)
        for future in distributed.as_completed(futures):
            result: ShardResult = future.result()
            _tick_result(tick, result)
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def execute(
    shards: Sequence[Shard],
    job: Job,
    *,
    jobs: int = 1,
    executor: Executor = "process",
    scheduler: str | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    tick: Tick | None = None,
) -> Iterator[ShardResult]:
    """Mend ``shards``; yield each one's result as it ends (not in input order).

    ``jobs`` is the number of worker processes (0: one per CPU).  ``tick``, if
    given, hears bytes read, documents and documents changed as they are done.
    """
    if not shards:
        return
    workers = jobs or cpu_count()
    if executor == "dask":
        yield from _dask(shards, job, workers, scheduler, tick)
    elif workers <= 1:
        yield from _serial(shards, job, tick)
    else:
        yield from _pool(shards, job, workers, chunk_bytes, tick)
