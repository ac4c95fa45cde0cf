"""``textmend check`` and ``textmend fix``: find the files, do the work, report.

Text, JSON Lines and GitHub output are printed as each file is done, so a
long run shows its findings as it goes; JSON, SARIF and statistics need every
finding and are printed at the end.
"""

from __future__ import annotations

import argparse
import os
import sys

from textmend.cli import _console as console
from textmend.cli._args import cli_options
from textmend.cli._config import Options, Resolver
from textmend.cli._console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from textmend.cli._discover import STDIN, discover
from textmend.cli._output import (
    Colour,
    Diagnostic,
    github_line,
    json_dumps,
    json_object,
    jsonl_line,
    sarif_log,
    statistics_json,
    statistics_lines,
    text_lines,
    wants_colour,
)
from textmend.cli._process import Mode, Outcome, Task, run_tasks

__all__ = ["run_files"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class _Reporter:
    """Prints outcomes as they come and the summary at the end."""

    def __init__(
        self,
        *,
        mode: Mode,
        output_format: str,
        colour: Colour,
        show_fixes: bool,
        statistics: bool,
        quiet: bool,
        reports_to_stderr: bool,
        cwd: str,
    ) -> None:
        self.mode = mode
        self.output_format = output_format
        self.colour = colour
        self.show_fixes = show_fixes
        self.statistics = statistics
        self.quiet = quiet
        #: fix of standard input: stdout carries the mended text, so reports go to stderr.
        self.reports_to_stderr = reports_to_stderr
        self.cwd = cwd
        self.collected: list[Diagnostic] = []
        self.errors: list[str] = []
        self.findings = 0
        self.remaining = 0
        self.changed = 0
        self.clean = 0
        self.skipped = 0

    def _lines(self, lines: list[str]) -> None:
        console.write_lines(lines, to_stderr=self.reports_to_stderr)

    def _shows_diagnostics(self) -> bool:
        # A fix prints the findings that remain, and the fixes only when asked.
        return self.mode == "check" or self.show_fixes or self.statistics or self.remaining > 0

    def add(self, outcome: Outcome) -> None:
        if outcome.kind == "error":
            self.errors.append(outcome.message)
            console.error(outcome.message)
        elif outcome.kind == "skipped":
            self.skipped += 1
            if not self.quiet:
                console.note(outcome.message)
        elif outcome.kind == "changed":
            self.changed += 1
        else:
            self.clean += 1
        if outcome.output is not None:
            console.write_stdout(outcome.output)
        if outcome.diff:
            console.write_lines([outcome.diff])
        if outcome.kind == "changed" and not self.quiet:
            self._note_change(outcome)
        if self.mode == "check":
            self.findings += len(outcome.diagnostics)
        if outcome.diagnostics and self._shows_diagnostics():
            self._diagnostics(outcome.diagnostics)
        if outcome.remaining:
            self.remaining += len(outcome.remaining)
            if self.mode == "diff":
                # Standard output is a patch here; keep it one.
                console.write_lines(text_lines(outcome.remaining, Colour(False)), to_stderr=True)
            else:
                self._diagnostics(outcome.remaining, remaining=True)

    def _note_change(self, outcome: Outcome) -> None:
        recoded = outcome.transcoded_from
        if self.mode == "fix":
            if outcome.output is not None:
                return  # standard input: the mended text itself is the report
            done = []
            if outcome.changes:
                done.append(f"fixed {_plural(outcome.changes, 'change')}")
            if recoded:
                done.append(f"transcoded from {recoded} to UTF-8")
            console.note(f"{outcome.path}: {', '.join(done)}")
        elif recoded:
            console.note(
                f"{outcome.path}: is {recoded}; --transcode-utf8 would rewrite it as UTF-8"
            )

    def _diagnostics(self, found: tuple[Diagnostic, ...], *, remaining: bool = False) -> None:
        if self.statistics or self.output_format in ("json", "sarif"):
            self.collected.extend(found)
        elif self.output_format == "jsonl":
            self._lines([jsonl_line(d) for d in found])
        elif self.output_format == "github":
            self._lines([github_line(d) for d in found])
        elif self.mode == "check" or self.show_fixes or remaining:
            self._lines(text_lines(found, self.colour, show_fixes=self.show_fixes))

    def finish(self) -> None:
        if self.statistics:
            if self.output_format in ("json", "jsonl"):
                self._lines([json_dumps(statistics_json(self.collected)) + "\n"])
            else:
                self._lines(statistics_lines(self.collected, self.colour))
        # A machine reading JSON or SARIF gets a document even when it is empty
        # (but not under --diff, whose standard output is a patch).
        elif self.output_format == "json" and self.mode != "diff":
            self._lines([json_dumps([json_object(d) for d in self.collected]) + "\n"])
        elif self.output_format == "sarif" and self.mode != "diff":
            log = sarif_log(self.collected, self.errors, cwd=self.cwd)
            self._lines([json_dumps(log) + "\n"])
        # A filter (`fix - < in > out`) says nothing unless something went wrong.
        if not self.quiet and not (self.reports_to_stderr and not self.errors):
            console.note(self._summary())

    def _summary(self) -> str:
        total = self.changed + self.clean
        if self.mode == "check":
            summary = f"{_plural(self.findings, 'finding')} in {_plural(total, 'file')} checked"
        elif self.mode == "diff":
            summary = f"{_plural(self.changed, 'file')} would be fixed, {self.clean} unchanged"
        else:
            summary = f"{_plural(self.changed, 'file')} fixed, {self.clean} unchanged"
        if self.remaining:
            verb = "finding has" if self.remaining == 1 else "findings have"
            summary += f", {self.remaining} {verb} no fix"
        if self.skipped:
            summary += f", {self.skipped} skipped"
        if self.errors:
            summary += f", {len(self.errors)} left untouched because of errors"
        return summary


def _exit_status(args: argparse.Namespace, mode: Mode, reporter: _Reporter) -> int:
    if reporter.errors:
        return EXIT_ERROR
    if getattr(args, "exit_zero", False):
        return EXIT_OK
    if reporter.remaining:
        return EXIT_FINDINGS
    if mode in ("check", "diff"):
        return EXIT_FINDINGS if reporter.changed else EXIT_OK
    if getattr(args, "exit_non_zero_on_fix", False) and reporter.changed:
        return EXIT_FINDINGS
    return EXIT_OK


def run_files(args: argparse.Namespace, command: str) -> int:
    """Run ``check`` or ``fix`` (either possibly under ``--diff``) over ``args.paths``."""
    paths: list[str] = args.paths
    mode: Mode = "diff" if args.diff else "fix" if command == "fix" else "check"
    if paths.count(STDIN) > 1:
        console.error(f"{command}: `-` (standard input) can be given only once")
        return EXIT_ERROR
    if mode == "fix" and STDIN in paths and len(paths) > 1:
        console.error(
            f"{command}: `-` (standard input to standard output) cannot be mixed with files"
        )
        return EXIT_ERROR
    cwd = os.getcwd()
    resolver = Resolver(cli_options(args), cwd=cwd, config_path=args.config, isolated=args.isolated)
    run_options: Options = resolver.for_directory(cwd).options
    found = discover(paths, resolver, stdin_filename=args.stdin_filename)
    output_format = run_options.output_format or "text"
    reporter = _Reporter(
        mode=mode,
        output_format=output_format,
        colour=Colour(output_format == "text" and wants_colour(args.color, sys.stdout)),
        show_fixes=bool(run_options.show_fixes),
        statistics=args.statistics,
        quiet=args.quiet,
        reports_to_stderr=mode == "fix" and paths == [STDIN],
        cwd=cwd,
    )
    for message in found.missing:
        reporter.errors.append(message)
        console.error(message)
    if args.verbose:
        for message in found.skipped:
            console.note(message)
    stdin_data = console.read_stdin() if any(t.path == STDIN for t in found.targets) else None
    tasks = [
        Task(
            path=(args.stdin_filename or STDIN) if target.path == STDIN else target.path,
            config=target.config,
            mode=mode,
            data=stdin_data if target.path == STDIN else None,
            want_diagnostics=reporter.show_fixes or reporter.statistics,
            colour=reporter.colour.enabled,
            transcode_utf8=bool(target.settings.options.transcode_utf8),
            encoding=target.settings.options.encoding,
        )
        for target in found.targets
    ]
    if paths == [STDIN] and not tasks and mode == "fix":
        # Standard input excluded by --force-exclude: a filter still passes it on.
        console.write_stdout(console.read_stdin())
    with console.Progress(len(tasks), enabled=not args.quiet) as progress:
        for done, outcome in enumerate(run_tasks(tasks, args.jobs), 1):
            reporter.add(outcome)
            progress.tick(done)
    reporter.finish()
    return _exit_status(args, mode, reporter)
