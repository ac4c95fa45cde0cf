"""A whole corpus run: plan the shards, skip the finished ones, run the rest, report.

:func:`mend_corpus` is what ``textmend corpus`` calls, and what a program
calls to do the same from Python.  Its :class:`Report` merges the counters of
every shard, including those finished by an earlier run (read back from their
markers), and is written as JSON by :meth:`Report.to_json`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textmend import Config, __version__
from textmend._rules import RULES_BY_CODE
from textmend.corpus._counters import Counters
from textmend.corpus._executors import DEFAULT_CHUNK_BYTES, Executor, execute
from textmend.corpus._formats import Tick
from textmend.corpus._mend import CORPUS_CONFIG
from textmend.corpus._shards import Format, Shard, finished, plan, remove_stale_temporaries
from textmend.corpus._work import Job, ShardResult

__all__ = ["Report", "mend_corpus"]


@dataclass(slots=True)
class Report:
    """What a corpus run did: every shard's result and the merged counters."""

    shards: list[ShardResult] = field(default_factory=list)
    total: Counters = field(default_factory=Counters)
    seconds: float = 0.0
    executor: str = "serial"
    jobs: int = 1
    dry_run: bool = False
    field: str = "text"
    inputs: tuple[str, ...] = ()
    output: str = ""
    #: Stale temporary files from a killed run that were removed.
    removed_temporaries: int = 0

    def count(self, status: str) -> int:
        """How many shards ended with ``status``."""
        return sum(1 for result in self.shards if result.status == status)

    @property
    def errors(self) -> list[ShardResult]:
        return [result for result in self.shards if result.status == "error"]

    def to_json(self) -> dict[str, Any]:
        """The report as JSON: totals, per-rule counts, data loss, per-shard timing."""
        total = self.total
        return {
            "textmend": __version__,
            "executor": self.executor,
            "jobs": self.jobs,
            "dry_run": self.dry_run,
            "field": self.field,
            "inputs": list(self.inputs),
            "output": self.output,
            "seconds": round(self.seconds, 3),
            "shards": {
                "total": len(self.shards),
                "done": self.count("done"),
                "finished_earlier": self.count("finished"),
                "skipped": self.count("skipped"),
                "errors": self.count("error"),
            },
            "documents": total.documents,
            "documents_changed": total.changed,
            "records_without_text": total.without_text,
            "bytes_in": total.bytes_in,
            "bytes_out": total.bytes_out,
            "rules": {
                code: {
                    "name": RULES_BY_CODE[code].name if code in RULES_BY_CODE else code,
                    "edits": total.edits[code],
                    "documents": total.rule_documents[code],
                }
                for code in sorted(total.edits)
            },
            "data_loss": {
                "documents": total.lost_documents,
                "findings": dict(sorted(total.lost_findings.items())),
                "kinds": dict(sorted(total.lost_kinds.items())),
            },
            "per_shard": [
                {
                    "name": result.name,
                    "status": result.status,
                    "seconds": round(result.seconds, 6),
                    "documents": result.counters.documents,
                    "documents_changed": result.counters.changed,
                    "bytes_in": result.counters.bytes_in,
                    "worker": result.worker,
                    "message": result.message,
                }
                for result in sorted(self.shards, key=lambda r: r.name)
            ],
        }


def mend_corpus(
    inputs: Sequence[str],
    outdir: str,
    *,
    field: str = "text",
    config: Config | None = None,
    config_for: Callable[[str], Config] | None = None,
    fmt: Format = "auto",
    jobs: int = 1,
    executor: Executor = "process",
    scheduler: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    encoding: str | None = None,
    transcode_utf8: bool = False,
    tick: Tick | None = None,
    on_result: Callable[[ShardResult], None] | None = None,
    on_plan: Callable[[list[Shard], list[Shard]], None] | None = None,
) -> Report:
    """Mend every shard of ``inputs`` into ``outdir``; skip shards an earlier run finished.

    ``config`` applies to every shard (default: the ``corpus`` preset);
    ``config_for(path)`` chooses one per file instead.  ``force`` redoes
    finished shards; ``dry_run`` reads and counts everything and writes
    nothing.  ``on_plan(todo, finished)`` hears the plan, ``on_result`` each
    shard's result as it ends, ``tick`` the progress within shards.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"text": "指出,,发展"}\\n', encoding="utf-8")
    >>> report = mend_corpus([str(folder / "a.jsonl")], str(folder / "out"))
    >>> (folder / "out" / "a.jsonl").read_text(encoding="utf-8")
    '{"text": "指出，发展"}\\n'
    >>> report.total.changed, report.count("done")
    (1, 1)
    >>> import shutil; shutil.rmtree(folder)
    """
    started = time.perf_counter()
    chosen = config or CORPUS_CONFIG
    shards = plan(inputs, outdir, config_for=config_for or (lambda _path: chosen), fmt=fmt)
    report = Report(
        executor="dask" if executor == "dask" else ("process" if jobs != 1 else "serial"),
        jobs=jobs,
        dry_run=dry_run,
        field=field,
        inputs=tuple(inputs),
        output=outdir,
    )
    if not dry_run:
        report.removed_temporaries = remove_stale_temporaries(outdir)
    todo: list[Shard] = []
    done_before: list[Shard] = []
    for shard in shards:
        earlier = None if force else finished(shard, field)
        if earlier is None:
            todo.append(shard)
            continue
        done_before.append(shard)
        counters, seconds = earlier
        result = ShardResult(shard.name, "finished", counters, seconds)
        report.shards.append(result)
        report.total += counters
    if on_plan is not None:
        on_plan(todo, done_before)
    job = Job(field=field, dry_run=dry_run, encoding=encoding, transcode_utf8=transcode_utf8)
    for result in execute(
        todo,
        job,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
        chunk_bytes=chunk_bytes,
        tick=tick,
    ):
        report.shards.append(result)
        if result.status == "done":
            # A shard that failed wrote nothing; its partial counts would mislead.
            report.total += result.counters
        if on_result is not None:
            on_result(result)
    report.seconds = time.perf_counter() - started
    return report
