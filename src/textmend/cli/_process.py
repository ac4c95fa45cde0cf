"""The work on one file, and running it for many files, in parallel if asked.

:func:`process` is the whole life of one file: read, decode, check or fix,
write.  It takes a picklable :class:`Task` and returns a picklable
:class:`Outcome`, so that ``--jobs`` can hand files to worker processes and
print their outcomes in the order the files were named.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Literal, NamedTuple

from textmend import Config, Stage, check_text, fix_and_explain
from textmend.cli._decode import Source, decode
from textmend.cli._io import BinaryFile, FileProblem, read_bytes, write_atomic
from textmend.cli._output import Colour, Diagnostic, diagnostics, render_diff

__all__ = ["Mode", "Outcome", "Task", "process", "run_tasks"]

#: check: report; fix: write (or, for standard input, print) the mended text;
#: diff: print what fix would change, write nothing.
Mode = Literal["check", "fix", "diff"]

#: clean: nothing to do; changed: findings (check), fixed (fix) or would change
#: (diff); skipped: not text, with a note; error: left untouched, with a message.
Kind = Literal["clean", "changed", "skipped", "error"]

STDIN = "-"


class Task(NamedTuple):
    """One file to work on."""

    path: str
    config: Config
    mode: Mode
    #: The bytes of standard input, read by the main process.
    data: bytes | None = None
    #: Whether a fix should also report what it fixed, as diagnostics.
    want_diagnostics: bool = True
    colour: bool = False
    transcode_utf8: bool = False
    encoding: str | None = None


class Outcome(NamedTuple):
    """What became of one file."""

    path: str
    kind: Kind
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Edits applied (fix) or that would be applied (diff).
    changes: int = 0
    #: The error or the note, naming the file.
    message: str = ""
    diff: str = ""
    #: For standard input under fix: the bytes for standard output.
    output: bytes | None = None
    #: Under fix: findings no rule can fix (data lost for good), placed in the
    #: mended text, which is what the file now holds.
    remaining: tuple[Diagnostic, ...] = ()
    #: The encoding the file is (check, diff) or was (fix) re-encoded from, under
    #: --transcode-utf8.
    transcoded_from: str | None = None


_DETECT_ONLY: dict[Config, Config | None] = {}


def _detect_only(config: Config) -> Config | None:
    """``config`` narrowed to its detect-only rules, or ``None`` if it has none."""
    if config not in _DETECT_ONLY:
        codes = tuple(rule.code for rule in config.rules() if rule.stage is Stage.DETECT)
        _DETECT_ONLY[config] = replace(config, select=codes, extend_select=()) if codes else None
    return _DETECT_ONLY[config]


def _remaining(task: Task, text: str) -> tuple[Diagnostic, ...]:
    """What a fix leaves: the detect-only findings in the mended ``text``."""
    narrowed = _detect_only(task.config)
    if narrowed is None:
        return ()
    return diagnostics(task.path, text, check_text(text, config=narrowed))


def _load(task: Task) -> tuple[Source, bytes]:
    if task.data is not None:
        return decode(task.data, task.path, encoding=task.encoding), task.data
    data, status = read_bytes(task.path)
    return decode(data, task.path, encoding=task.encoding, status=status), data


def _work(task: Task) -> Outcome:
    source, data = _load(task)
    target = source.transcoded() if task.transcode_utf8 else source
    recoded = source.codec if target is not source else None
    if task.mode == "check":
        findings = check_text(source.text, config=task.config)
        placed = diagnostics(task.path, source.text, findings)
        kind: Kind = "changed" if placed or recoded else "clean"
        return Outcome(task.path, kind, placed, transcoded_from=recoded)
    fixed = fix_and_explain(source.text, config=task.config)
    new = target.encode(fixed.text)
    changes = sum(len(step.edits) for step in fixed.steps)
    found: tuple[Diagnostic, ...] = ()
    if changes and task.want_diagnostics:
        found = tuple(
            d
            for d in diagnostics(
                task.path, source.text, check_text(source.text, config=task.config)
            )
            if d.replacement is not None
        )
    remaining = _remaining(task, fixed.text)
    if task.data is not None and task.mode == "fix":
        kind = "changed" if new != data else "clean"
        return Outcome(
            task.path,
            kind,
            found,
            changes,
            output=new,
            remaining=remaining,
            transcoded_from=recoded,
        )
    if new == data:
        # Not rewritten at all, so the mtime, inode and hard links stay.
        return Outcome(task.path, "clean", remaining=remaining)
    diff = ""
    if task.mode == "diff":
        diff = render_diff(task.path, source.text, fixed.text, Colour(task.colour))
    else:
        write_atomic(task.path, new, source.status, data)
    return Outcome(
        task.path,
        "changed",
        found,
        changes,
        diff=diff,
        remaining=remaining,
        transcoded_from=recoded,
    )


def process(task: Task) -> Outcome:
    """Do ``task``; every problem becomes an outcome, never an exception."""
    # Standard input under fix is passed through unchanged when it cannot be
    # mended: a filter must not turn a refusal into lost text.
    passed_through = task.data if task.mode == "fix" else None
    try:
        return _work(task)
    except BinaryFile as problem:
        return Outcome(task.path, "skipped", message=str(problem), output=passed_through)
    except FileProblem as problem:
        return Outcome(task.path, "error", message=str(problem), output=passed_through)
    except Exception as exc:
        import traceback

        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return Outcome(
            task.path,
            "error",
            message=f"{detail}{task.path}: internal error: {exc!r}; this is a bug in textmend, "
            "please report it; the file was left untouched",
            output=passed_through,
        )


def cpu_count() -> int:
    """The processors this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# Text that takes the rules down their deeper paths (CJK, Latin, mojibake,
# converter pinyin), so that the tables they build on first use exist before
# the workers are forked and need not be built once in each of them.
_WARM_UP = "會(huì)議(yì)指出,,产业(园区)是主阵地,。Crème brûlée cafÃ© 锟斤拷 \ufffd\n"


def _warm_up(tasks: Sequence[Task]) -> None:
    with contextlib.suppress(Exception):
        check_text(_WARM_UP, config=tasks[0].config)


def run_tasks(tasks: Sequence[Task], jobs: int) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` in order, from ``jobs`` worker processes (0: one per CPU)."""
    workers = min(jobs or cpu_count(), len(tasks))
    if workers <= 1:
        yield from map(process, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up(tasks)
    # Keep the collector off the objects the workers inherit: touching them
    # would copy every page of the parent into every worker.
    import gc

    gc.freeze()
    # fork shares the already imported rule tables with the workers, so they
    # start at once; elsewhere (macOS, Windows) fork is unsafe or absent.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    # Chunks amortise the pickling of small files; enough of them keep all
    # workers busy to the end.
    chunksize = max(1, min(64, len(tasks) // (workers * 8)))
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield from pool.map(process, tasks, chunksize=chunksize)
    finally:
        # main() may be called in-process by a program that needs its collector back.
        gc.unfreeze()
