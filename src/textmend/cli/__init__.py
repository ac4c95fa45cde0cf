"""The ``textmend`` command line: fix, check, explain, rules.

Exit status: 0 clean or fixed, 1 findings (``check``), 2 usage, configuration,
input or internal error.  Diagnostics, progress and summaries go to standard
error; standard output carries only data, so ``textmend fix - < in > out`` is
safe.  Everything written to standard output is UTF-8, whatever the locale,
because it is data for the next program rather than a message for a terminal.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import cast

from textmend import (
    PRESETS,
    RULES,
    Config,
    ConfigError,
    Step,
    ZhScript,
    __version__,
    check_text,
    fix_and_explain,
    fix_text,
    replay,
)
from textmend.cli._io import FileProblem, Source, decode_utf8, read_file, write_atomic

__all__ = ["main", "run"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

#: The path that means standard input (and, for ``fix``, standard output).
STDIN = "-"

# Universal newlines: the lines Python and most editors show, so that a
# diagnostic's line number lands where the reader looks.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Handler = Callable[[argparse.Namespace], int]


class _LineIndex:
    """Turns string offsets into 1-based (line, column); columns count characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _error(message: str) -> None:
    print(f"textmend: {message}", file=sys.stderr)


def _write_stdout(data: bytes) -> None:
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


def _write_lines(lines: Sequence[str]) -> None:
    # surrogateescape gives undecodable file names back their original bytes.
    if lines:
        _write_stdout("".join(lines).encode("utf-8", "surrogateescape"))


def _silence_stdout() -> None:
    # After a broken pipe, Python's final flush of stdout would fail again and
    # print "Exception ignored"; point the descriptor at the null device.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def _read(name: str) -> Source:
    """Read ``name`` (``-`` is standard input) and decode it; may raise FileProblem."""
    if name == STDIN:
        return decode_utf8(_read_stdin(), STDIN)
    return read_file(name)


def _selectors(value: str) -> list[str]:
    """Split one comma-separated option value; empty pieces are dropped."""
    return [piece.strip() for piece in value.split(",") if piece.strip()]


def _flatten(chunks: list[list[str]] | None) -> tuple[str, ...] | None:
    if chunks is None:
        return None
    return tuple(selector for chunk in chunks for selector in chunk)


def _config(args: argparse.Namespace) -> Config:
    """Build and validate the configuration before any input is read.

    ``Config`` checks presets and ``zh_script`` itself, but resolves selectors
    only when asked for its rules; asking here turns a typo into one error up
    front instead of one per file.
    """
    config = Config(
        select=_flatten(args.select),
        ignore=_flatten(args.ignore) or (),
        extend_select=_flatten(args.extend_select) or (),
        preset=args.preset,
        zh_script=cast(ZhScript, args.zh_script),
    )
    config.rules()
    return config


def _count_edits(steps: Sequence[Step]) -> int:
    return sum(len(step.edits) for step in steps)


def _fix_stdin(config: Config) -> int:
    data = _read_stdin()
    try:
        source = decode_utf8(data, STDIN)
    except FileProblem as problem:
        _error(str(problem))
        # Pass the input through unchanged: a filter (`fix - < in > out`, an
        # editor's `:%!textmend fix -`) must not turn a refusal into lost text.
        _write_stdout(data)
        return EXIT_ERROR
    _write_stdout(source.encode(fix_text(source.text, config=config)))
    return EXIT_OK


def _cmd_fix(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    if STDIN in files and len(files) > 1:
        _error("fix: `-` (standard input to standard output) cannot be mixed with files")
        return EXIT_ERROR
    config = _config(args)
    if files == [STDIN]:
        return _fix_stdin(config)
    fixed = unchanged = failed = 0
    for name in files:
        try:
            source = read_file(name)
            result = fix_and_explain(source.text, config=config)
            if result.text == source.text:
                # Not rewritten at all, so the mtime, inode and hard links stay.
                unchanged += 1
                continue
            write_atomic(name, source.encode(result.text), source.status)
        except FileProblem as problem:
            _error(str(problem))
            failed += 1
            continue
        fixed += 1
        print(f"{name}: fixed {_plural(_count_edits(result.steps), 'change')}", file=sys.stderr)
    summary = f"{_plural(fixed, 'file')} fixed, {unchanged} unchanged"
    if failed:
        summary += f", {failed} left untouched because of errors"
    print(summary, file=sys.stderr)
    return EXIT_ERROR if failed else EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    if files.count(STDIN) > 1:
        _error("check: `-` (standard input) can be given only once")
        return EXIT_ERROR
    config = _config(args)
    total = failed = 0
    for name in files:
        try:
            source = _read(name)
        except FileProblem as problem:
            _error(str(problem))
            failed += 1
            continue
        index = _LineIndex(source.text)
        lines = []
        for finding in check_text(source.text, config=config):
            line, column = index.position(finding.start)
            lines.append(f"{name}:{line}:{column}: {finding.code} {finding.message}\n")
        total += len(lines)
        _write_lines(lines)
    checked = len(files) - failed
    print(f"{_plural(total, 'finding')} in {_plural(checked, 'file')} checked", file=sys.stderr)
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if total else EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    name: str = args.file
    config = _config(args)
    try:
        source = _read(name)
    except FileProblem as problem:
        _error(str(problem))
        return EXIT_ERROR
    fixed = fix_and_explain(source.text, config=config)
    lines: list[str] = []
    # Each step's edits are in the coordinates of the text that step saw, so
    # the text is replayed step by step to number its lines.
    current = source.text
    for step in fixed.steps:
        index = _LineIndex(current)
        lines.append(f"{step.code} {step.name}\n")
        for edit in step.edits:
            line, column = index.position(edit.start)
            after = "(no fix)" if edit.replacement is None else repr(edit.replacement)
            lines.append(f"  {line}:{column}: {edit.original!r} -> {after}  {edit.message}\n")
        current = replay(current, (step,))
    _write_lines(lines)
    if not fixed.steps:
        print(f"{name}: nothing to mend", file=sys.stderr)
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    width = max(len(rule.name) for rule in RULES)
    stage_width = max(len(rule.stage.value) for rule in RULES)
    _write_lines(
        [
            f"{rule.code}  {rule.name:<{width}}  {rule.stage.value:<{stage_width}}  "
            f"{'on' if rule.default else 'off':<3}  {rule.summary}\n"
            for rule in RULES
        ]
    )
    return EXIT_OK


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("rule selection")
    selector_help = (
        "comma-separated rule codes (TM401), code prefixes (TM4) or names "
        "(doubled-comma); may be repeated"
    )
    group.add_argument(
        "--select",
        action="append",
        type=_selectors,
        metavar="SELECTORS",
        help=f"run exactly these rules, instead of the preset's choice: {selector_help}",
    )
    group.add_argument(
        "--ignore",
        action="append",
        type=_selectors,
        metavar="SELECTORS",
        help=f"do not run these rules: {selector_help}",
    )
    group.add_argument(
        "--extend-select",
        action="append",
        type=_selectors,
        metavar="SELECTORS",
        help=f"run these rules as well: {selector_help}",
    )
    group.add_argument(
        "--preset",
        default="default",
        metavar="NAME",
        # Not argparse choices: Config owns the list and its error message.
        help=f"which rules run by default: {', '.join(sorted(PRESETS))} (default: %(default)s)",
    )
    group.add_argument(
        "--zh-script",
        choices=("auto", "keep", "hans", "hant"),
        default="auto",
        help="Chinese script: auto restores text a converter made Traditional, keep leaves it, "
        "hans/hant convert (default: %(default)s)",
    )
    return common


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textmend",
        description="Repair damaged text: mojibake, misaligned CJK bytes, converter "
        "artifacts, injected punctuation.",
        epilog="exit status: 0 clean or fixed, 1 findings (check), 2 error",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common_options()

    fix = commands.add_parser(
        "fix",
        parents=[common],
        help="mend files in place, or standard input to standard output",
        description="Mend UTF-8 files in place (atomically; line endings, BOM and mode kept), "
        "or `-` from standard input to standard output.",
    )
    fix.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for standard input")
    fix.set_defaults(handler=_cmd_fix)

    check = commands.add_parser(
        "check",
        parents=[common],
        help="report what fix would change, as path:line:col: CODE message",
        description="Report what fix would change, without writing anything. "
        "Exit 1 if anything was found.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for standard input")
    check.set_defaults(handler=_cmd_check)

    explain = commands.add_parser(
        "explain",
        parents=[common],
        help="show each rule's edits, step by step",
        description="Show, step by step, which rule changed what. Positions are in the text "
        "as each step saw it.",
    )
    explain.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    explain.set_defaults(handler=_cmd_explain)

    rules = commands.add_parser(
        "rules",
        help="list the rules: code, name, stage, on/off by default, summary",
        description="List every rule: code, name, stage, on/off by default, summary.",
    )
    rules.set_defaults(handler=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Never raises ``SystemExit``, so it can be called in-process::

        main(["check", "notes.txt"])  # prints findings, returns 1 if there are any
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits for --help, --version (0) and usage errors (2).
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    handler: Handler = args.handler
    try:
        return handler(args)
    except ConfigError as exc:
        _error(f"error: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`textmend check ... | head`); the output was
        # not all delivered, which is worth a non-zero status but no traceback.
        _silence_stdout()
        return EXIT_ERROR
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        _error(f"internal error: {exc!r}; this is a bug in textmend, please report it")
        return EXIT_ERROR


def run() -> None:
    """Console-script entry point: ``textmend`` on the command line."""
    raise SystemExit(main())
