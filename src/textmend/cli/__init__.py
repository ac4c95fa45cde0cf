"""The ``textmend`` command line: check, fix, detect, explain, corpus, rules.

Exit status: 0 clean (or everything fixed), 1 findings remain or files would
change, 2 usage, configuration, input or internal error.  Diagnostics are
``path:line:col: CODE message``; standard output carries only data (UTF-8,
whatever the locale), and progress, notes and summaries go to standard error,
so ``textmend fix - < in > out`` is safe.  ``docs/cli.md`` is the reference.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from textmend import ConfigError
from textmend.cli import _console as console
from textmend.cli._args import build_parser
from textmend.cli._console import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERRUPTED", "EXIT_OK", "main", "run"]

Handler = Callable[[argparse.Namespace], int]


# Each command's module is imported when it runs: a cold `textmend check` pays
# only for what checking needs.
def _check(args: argparse.Namespace) -> int:
    from textmend.cli._run import run_files

    return run_files(args, "check")


def _fix(args: argparse.Namespace) -> int:
    from textmend.cli._run import run_files

    return run_files(args, "fix")


def _detect(args: argparse.Namespace) -> int:
    from textmend.cli._commands import cmd_detect

    return cmd_detect(args)


def _explain(args: argparse.Namespace) -> int:
    from textmend.cli._commands import cmd_explain

    return cmd_explain(args)


def _corpus(args: argparse.Namespace) -> int:
    from textmend.cli._corpus import cmd_corpus

    return cmd_corpus(args)


def _rules(args: argparse.Namespace) -> int:
    from textmend.cli._commands import cmd_rules

    return cmd_rules(args)


_HANDLERS: dict[str, Handler] = {
    "check": _check,
    "fix": _fix,
    "detect": _detect,
    "explain": _explain,
    "corpus": _corpus,
    "rules": _rules,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Never raises ``SystemExit``, so it can be called in-process::

        main(["check", "notes.txt"])  # prints findings, returns 1 if there are any
    """
    parser = build_parser(_HANDLERS)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits for --help, --version (0) and usage errors (2).
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    handler: Handler = args.handler
    try:
        return handler(args)
    except ConfigError as exc:
        console.error(f"error: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`textmend check ... | head`); the output was
        # not all delivered, which is worth a non-zero status but no traceback.
        console.silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        console.error("interrupted; every file is either as it was or completely mended")
        return EXIT_INTERRUPTED
    except Exception as exc:
        import traceback

        traceback.print_exc(file=sys.stderr)
        console.error(f"internal error: {exc!r}; this is a bug in textmend, please report it")
        return EXIT_ERROR


def run() -> None:
    """Console-script entry point: ``textmend`` on the command line."""
    raise SystemExit(main())
