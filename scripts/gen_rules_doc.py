#!/usr/bin/env python3
"""Write docs/rules.md from the rule registry, so the reference never drifts.

Usage: ``python scripts/gen_rules_doc.py`` (write) or ``--check`` (exit 1 if stale).
tests/test_docs.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from _generated import write_or_check  # noqa: E402
from gen_gallery import visible  # noqa: E402

from textmend import PRESETS, RULES, Config  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"


def _cell(text: str) -> str:
    """An example as inline code, invisible characters and line breaks as escapes."""
    shown = visible(text).replace("\ufffd", "\\ufffd").replace("\n", "\\n").replace("|", "\\|")
    return f"`{shown}`" if shown else "(empty)"


def _prose(text: str) -> str:
    """Text shown as written: entities and tags in it (&amp;, <p>) are not markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")


def render() -> str:
    out = [
        "# Rules",
        "",
        "Generated from the registry by `scripts/gen_rules_doc.py`; do not edit by hand.",
        "",
        "| code | name | stage | default | presets | summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    presets_of = {
        rule.code: ", ".join(name for name in PRESETS if rule in Config(preset=name).rules())
        for rule in RULES
    }
    for rule in RULES:
        presets = presets_of[rule.code]
        out.append(
            f"| {rule.code} | `{rule.name}` | {rule.stage.value} | "
            f"{'on' if rule.default else 'off'} | {presets or '-'} | {_prose(rule.summary)} |"
        )
    for rule in RULES:
        out += ["", f"## {rule.code} `{rule.name}`", "", _prose(rule.summary)]
        state = "on by default" if rule.default else "off by default"
        presets = presets_of[rule.code] or "none"
        out += ["", f"Stage: {rule.stage.value}; {state}; presets: {presets}."]
        if rule.why:
            out += ["", _prose(rule.why)]
        out += ["", "| before | after |", "| --- | --- |"]
        out += [f"| {_cell(before)} | {_cell(after)} |" for before, after in rule.examples]
    out += ["", "## Presets", ""]
    for name, preset in PRESETS.items():
        selects = ", ".join(preset["select"])
        out.append(f"- `{name}`: {_prose(preset['description'])} Selects {selects}.")
    return "\n".join(out) + "\n"


def main() -> int:
    return write_or_check(__doc__.splitlines()[0], lambda: {TARGET: render()})


if __name__ == "__main__":
    raise SystemExit(main())
