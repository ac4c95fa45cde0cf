#!/usr/bin/env python3
"""Write docs/cli-options.md from the argument parser, so the option reference never drifts.

Usage: ``python scripts/gen_cli_doc.py`` (write) or ``--check`` (exit 1 if stale).
tests/test_cli_docs.py runs the check.  The prose about the command line is in
docs/cli.md and docs/configuration.md; this page lists every option of every
subcommand as ``build_parser`` defines it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from _generated import write_or_check  # noqa: E402

from textmend.cli import _HANDLERS  # noqa: E402
from textmend.cli._args import EPILOG, build_parser  # noqa: E402

TARGET = ROOT / "docs" / "cli-options.md"


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Each subcommand's parser, in the order ``textmend --help`` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _value(action: argparse.Action) -> str:
    if action.nargs == 0:
        return ""
    if action.choices is not None:
        return " \\| ".join(f"`{choice}`" for choice in action.choices)
    metavar = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
    return f"`{metavar}`"


def _synopsis(name: str, parser: argparse.ArgumentParser) -> str:
    words = ["textmend", name, "[OPTIONS]"]
    for action in parser._actions:
        if action.option_strings:
            continue
        metavar = action.metavar if isinstance(action.metavar, str) else action.dest
        words.append(
            {"+": f"{metavar} [{metavar} ...]", "*": f"[{metavar} ...]", "?": f"[{metavar}]"}.get(
                str(action.nargs), metavar
            )
        )
    return " ".join(words)


def _options_table(actions: list[argparse.Action]) -> list[str]:
    rows = ["| option | value | help |", "| --- | --- | --- |"]
    for action in actions:
        names = ", ".join(f"`{option}`" for option in action.option_strings)
        help_text = _cell(action.help or "")
        rows.append(f"| {names} | {_value(action)} | {help_text} |")
    return rows


def render() -> str:
    parser = build_parser(_HANDLERS)
    out = [
        "# Command-line options",
        "",
        "Generated from the argument parser by `scripts/gen_cli_doc.py`; do not edit by",
        "hand. The [command line](cli.md) page explains how the options work together,",
        "and [configuration](configuration.md) how they layer over `pyproject.toml`.",
        "",
        "```text",
        "textmend [--version] COMMAND ...",
        "```",
        "",
        "| command | what it does |",
        "| --- | --- |",
    ]
    commands = subcommands(parser)
    helps = {
        choice.dest: choice.help or ""
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for choice in action._choices_actions
    }
    for name in commands:
        out.append(f"| [`textmend {name}`](#textmend-{name}) | {_cell(helps.get(name, ''))} |")
    out += ["", f"{EPILOG[0].upper()}{EPILOG[1:]}; see [exit status](cli.md#exit-status).", ""]
    for name, sub in commands.items():
        out += [f"## textmend {name}", "", "```text", _synopsis(name, sub), "```", ""]
        if sub.description:
            out += [_cell(sub.description), ""]
        positionals = [a for a in sub._actions if not a.option_strings]
        if positionals:
            out += ["| argument | help |", "| --- | --- |"]
            for action in positionals:
                metavar = action.metavar if isinstance(action.metavar, str) else action.dest
                out.append(f"| `{metavar}` | {_cell(action.help or '')} |")
            out.append("")
        for group in sub._action_groups:
            actions = [a for a in group._group_actions if a.option_strings]
            if not actions:
                continue
            title = group.title or ""
            title = "options" if title in ("options", "optional arguments") else title
            out += [f"### {title[0].upper()}{title[1:]}", ""]
            out += [*_options_table(actions), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> int:
    return write_or_check(__doc__.splitlines()[0], lambda: {TARGET: render()})


if __name__ == "__main__":
    raise SystemExit(main())
