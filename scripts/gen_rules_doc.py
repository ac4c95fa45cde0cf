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

from textmend import PRESETS, RULES, Config  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"


def _cell(text: str) -> str:
    visible = text.replace("\ufffd", "\\ufffd").replace("\n", "\\n").replace("|", "\\|")
    return f"`{visible}`" if visible else "(empty)"


def render() -> str:
    out = [
        "# Rules",
        "",
        "Generated from the registry by `scripts/gen_rules_doc.py`; do not edit by hand.",
        "",
        "| code | name | stage | default | presets | summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in RULES:
        presets = ", ".join(name for name in PRESETS if rule in Config(preset=name).rules())
        out.append(
            f"| {rule.code} | `{rule.name}` | {rule.stage.value} | "
            f"{'on' if rule.default else 'off'} | {presets or '-'} | {rule.summary} |"
        )
    for rule in RULES:
        out += ["", f"## {rule.code} `{rule.name}`", "", rule.summary]
        if rule.why:
            out += ["", rule.why]
        out += ["", "| before | after |", "| --- | --- |"]
        out += [f"| {_cell(before)} | {_cell(after)} |" for before, after in rule.examples]
    out += ["", "## Presets", ""]
    for name, preset in PRESETS.items():
        out.append(f"- `{name}`: {preset['description']} Selects {', '.join(preset['select'])}.")
    return "\n".join(out) + "\n"


def main() -> int:
    return write_or_check(__doc__.splitlines()[0], lambda: {TARGET: render()})


if __name__ == "__main__":
    raise SystemExit(main())
