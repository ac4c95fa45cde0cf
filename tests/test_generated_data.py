"""Generated tables that depend only on the repository and Python must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mojibake_evidence_classes_are_current() -> None:
    script = ROOT / "scripts" / "gen_mojibake_evidence.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_merged_characters_table_is_current() -> None:
    script = ROOT / "scripts" / "gen_zh_merged.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
