"""The command-line docs keep up with the command line: every option, key, hook and format.

docs/cli-options.md is generated from ``build_parser`` (scripts/gen_cli_doc.py) and
must be current and list every option string of every subcommand; the prose pages
(docs/cli.md, docs/configuration.md and the other hand-written pages) must
mention every long option, key and hook.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from textmend.cli import _HANDLERS
from textmend.cli._args import build_parser
from textmend.cli._config import DEFAULT_EXCLUDE, OUTPUT_FORMATS, VALID_KEYS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
#: Pages generated from the code, which cannot stand in for an explanation.
GENERATED = {"cli-options.md", "rules.md", "gallery.md", "benchmarks.md"}
#: Every page written by hand: the command line's own pages, and pages such as
#: docs/corpus.md that explain a command of their own.
PAGE = "\n".join(
    path.read_text(encoding="utf-8")
    for path in sorted(DOCS.glob("*.md"))
    if path.name not in GENERATED
)
OPTIONS_PAGE = (DOCS / "cli-options.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser(_HANDLERS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def _long_options() -> set[str]:
    options = set()
    for sub in _subcommands().values():
        for action in sub._actions:
            options.update(o for o in action.option_strings if o.startswith("--"))
    return options - {"--help", "--no-force-exclude", "--no-respect-gitignore"}


def _option_strings() -> list[tuple[str, str]]:
    return sorted(
        {
            (name, option)
            for name, sub in _subcommands().items()
            for action in sub._actions
            for option in action.option_strings
        }
    )


@pytest.mark.parametrize("option", sorted(_long_options()))
def test_every_option_is_explained(option: str) -> None:
    assert f"`{option}" in PAGE


@pytest.mark.parametrize("key", VALID_KEYS)
def test_every_config_key_is_documented(key: str) -> None:
    assert f"| `{key}` |" in PAGE


def test_every_subcommand_format_and_default_exclude_is_documented() -> None:
    for name in _subcommands():
        assert f"textmend {name}" in PAGE
    for fmt in OUTPUT_FORMATS:
        assert f"| `{fmt}`" in PAGE
    for pattern in DEFAULT_EXCLUDE:
        assert f"`{pattern}`" in PAGE


def test_every_hook_is_documented() -> None:
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for line in manifest.splitlines():
        if line.startswith("- id: "):
            hook = line.removeprefix("- id: ").strip()
            assert f"| `{hook}` |" in PAGE
        if line.strip().startswith("entry: "):
            assert line.strip().removeprefix("entry: ") in PAGE


def test_options_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_cli_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _sections(page: str) -> dict[str, str]:
    parts = re.split(r"^## textmend (\S+)$", page, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize(("command", "option"), _option_strings())
def test_every_option_string_is_in_its_commands_reference(command: str, option: str) -> None:
    section = _sections(OPTIONS_PAGE).get(command)
    assert section is not None, f"docs/cli-options.md has no section for textmend {command}"
    assert re.search(rf"^\| (`-[^`]+`, )*`{re.escape(option)}`", section, re.MULTILINE), option


def test_every_exit_status_is_documented() -> None:
    from textmend.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK

    guide = (DOCS / "cli.md").read_text(encoding="utf-8")
    table = guide.split("\n## Exit status\n", 1)[1].split("\n## ", 1)[0]
    for status in (EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED):
        assert f"\n| {status} |" in table, status
