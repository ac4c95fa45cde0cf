"""docs/cli.md keeps up with the command line: every option, key, hook and format."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from textmend.cli import _HANDLERS
from textmend.cli._args import build_parser
from textmend.cli._config import DEFAULT_EXCLUDE, OUTPUT_FORMATS, VALID_KEYS

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


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


@pytest.mark.parametrize("option", sorted(_long_options()))
def test_every_option_is_documented(option: str) -> None:
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
