"""The docs are generated from the code; a stale page fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import textmend

ROOT = Path(__file__).resolve().parent.parent


def test_rules_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rules_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_rule_code_is_documented() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in textmend.RULES:
        assert f"## {rule.code} `{rule.name}`" in page
    for preset in textmend.PRESETS:
        assert f"`{preset}`" in page


def test_readme_example_is_shipped_and_mends() -> None:
    example = ROOT / "fixtures" / "examples" / "damaged-article.txt"
    assert "fixtures/examples/damaged-article.txt" in (ROOT / "README.md").read_text(
        encoding="utf-8"
    )
    text = example.read_text(encoding="utf-8")
    assert textmend.fix_text(text) != text
    assert "(yuán)" not in textmend.fix_text(text)
