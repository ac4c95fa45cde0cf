"""``textmend corpus``: mend the shards of a corpus into an output folder.

The rules come from the configuration files the way they do for ``fix`` (the
nearest ``[tool.textmend]`` to each shard, then the command line), except that
the ``corpus`` preset is the default: a configuration or a flag that names a
preset or a selection takes precedence.  The work is
:func:`textmend.corpus.mend_corpus`; this module adds the progress bar (tqdm,
on a terminal only), the summary, the JSON report and the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from textmend import Config
from textmend.cli import _console as console
from textmend.cli._args import cli_options
from textmend.cli._config import Options, Resolver
from textmend.cli._console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from textmend.corpus import CorpusError, Report, Shard, ShardResult, mend_corpus
from textmend.corpus._executors import Executor
from textmend.corpus._shards import atomic_path

__all__ = ["cmd_corpus"]

CORPUS_PRESET = "corpus"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


class _Progress:
    """A tqdm bar on standard error: bytes (and MB/s), shards, documents, changed."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.shards = 0
        self.done = 0
        self.documents = 0
        self.changed = 0

    def plan(self, todo: list[Shard], finished: list[Shard]) -> None:
        self.shards = len(todo)
        if not self.enabled or not todo:
            return
        try:
            # Through importlib: tqdm ships no type information.
            tqdm: Any = importlib.import_module("tqdm").tqdm
        except ModuleNotFoundError:
            return  # the bar is a nicety; the corpus extra brings it
        self.bar = tqdm(
            total=sum(shard.size for shard in todo),
            unit="B",
            unit_scale=True,
            desc="textmend corpus",
            file=sys.stderr,
            mininterval=0.2,
            dynamic_ncols=True,
        )
        self._postfix()

    def _postfix(self) -> None:
        self.bar.set_postfix_str(
            f"shards {self.done}/{self.shards}, {self.documents:,} docs, {self.changed:,} changed",
            refresh=False,
        )

    def tick(self, nbytes: int, documents: int, changed: int) -> None:
        self.documents += documents
        self.changed += changed
        if self.bar is not None:
            self.bar.update(nbytes)
            self._postfix()

    def result(self, result: ShardResult) -> None:
        self.done += 1
        if self.bar is not None:
            self._postfix()
            self.bar.refresh()
        if result.status in ("error", "skipped"):
            self.message(result.message, error=result.status == "error")

    def message(self, text: str, *, error: bool) -> None:
        if self.bar is not None:
            self.bar.clear()
        if error:
            console.error(text)
        else:
            console.note(text)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _config_for(args: argparse.Namespace) -> tuple[Callable[[str], Config], Options]:
    """``path -> Config``: the nearest configuration, with the corpus preset by default."""
    cwd = os.getcwd()
    options = cli_options(args)
    plain = Resolver(options, cwd=cwd, config_path=args.config, isolated=args.isolated)
    corpus = None
    if options.preset is None and options.select is None:
        corpus = Resolver(
            options._replace(preset=CORPUS_PRESET),
            cwd=cwd,
            config_path=args.config,
            isolated=args.isolated,
        )

    def config_for(path: str) -> Config:
        directory = os.path.dirname(path)
        settings = plain.for_directory(directory)
        chosen = settings.options.preset is not None or settings.options.select is not None
        if corpus is not None and not chosen:
            # Neither the configuration nor the command line chose the rules.
            settings = corpus.for_directory(directory)
        return settings.config_for(path)

    return config_for, plain.for_directory(cwd).options


def _summary(report: Report, seconds: float) -> str:
    total = report.total
    parts = [_plural(len(report.shards), "shard")]
    states = []
    for status, label in (
        ("done", "read" if report.dry_run else "done"),
        ("finished", "finished earlier"),
        ("skipped", "skipped"),
        ("error", "failed"),
    ):
        if report.count(status):
            states.append(f"{report.count(status):,} {label}")
    if states:
        parts[0] += f" ({', '.join(states)})"
    parts.append(_plural(total.documents, "document"))
    parts.append(f"{total.changed:,} {'would change' if report.dry_run else 'changed'}")
    if total.lost_documents:
        codes = ", ".join(sorted(total.lost_findings))
        parts.append(f"data lost for good in {_plural(total.lost_documents, 'document')} ({codes})")
    return f"textmend corpus: {', '.join(parts)} in {seconds:.1f} s"


def _write_report(path: str, report: Report) -> None:
    data = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    with atomic_path(path) as temp, open(temp, "w", encoding="utf-8") as handle:
        handle.write(data)


def cmd_corpus(args: argparse.Namespace) -> int:
    """Run ``textmend corpus``; return the exit status."""
    if args.scheduler and args.executor == "process":
        console.error(
            "corpus: --scheduler names a Dask scheduler; it cannot go with --executor process"
        )
        return EXIT_ERROR
    config_for, options = _config_for(args)
    executor: Executor = "dask" if args.scheduler or args.executor == "dask" else "process"
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    try:
        report = mend_corpus(
            args.inputs,
            args.output,
            field=args.field,
            config_for=config_for,
            fmt=args.format,
            jobs=args.jobs,
            executor=executor,
            scheduler=args.scheduler,
            force=args.force,
            dry_run=args.dry_run,
            chunk_bytes=max(1, args.chunk_size) << 20,
            encoding=options.encoding,
            transcode_utf8=bool(options.transcode_utf8),
            tick=progress.tick,
            on_result=progress.result,
            on_plan=progress.plan,
        )
    except CorpusError as exc:
        progress.close()
        console.error(str(exc))
        return EXIT_ERROR
    progress.close()
    if args.report:
        _write_report(args.report, report)
    if not args.quiet:
        console.note(_summary(report, report.seconds))
    if report.errors:
        return EXIT_ERROR
    if args.dry_run and report.total.changed:
        return EXIT_FINDINGS
    return EXIT_OK
