"""Shared test helpers: golden cases, clean corpora and the founding example."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = ROOT.parent / "shared" / "seed" / "000_20507ea46bee513c.txt"

sys.path.insert(0, str(Path(__file__).resolve().parent))


def golden_cases() -> list[Any]:
    """Every golden case in fixtures/cases, as pytest params with readable ids."""
    params = []
    for path in sorted((FIXTURES / "cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = []
            if case.get("expect", "pass") == "fail":
                marks.append(pytest.mark.xfail(reason=case["comment"], strict=True))
            params.append(pytest.param(case, id=f"{path.stem}: {case['label']}", marks=marks))
    return params


def case_kwargs(case: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = dict(case.get("options", {}))
    if "rules" in case:
        kwargs["select"] = case["rules"]
    return kwargs


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the founding example is not beside this checkout ({SEED})")
    return SEED.read_text(encoding="utf-8")
