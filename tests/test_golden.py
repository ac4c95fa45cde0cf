"""Golden cases from fixtures/cases, and the invariants every case must keep."""

from __future__ import annotations

from typing import Any

import pytest

import textmend
from conftest import case_kwargs, golden_cases

CASES = golden_cases()


@pytest.mark.parametrize("case", CASES)
def test_golden(case: dict[str, Any]) -> None:
    assert textmend.fix_text(case["input"], **case_kwargs(case)) == case["expected"]


@pytest.mark.parametrize("case", CASES)
def test_idempotent(case: dict[str, Any]) -> None:
    once = textmend.fix_text(case["input"], **case_kwargs(case))
    assert textmend.fix_text(once, **case_kwargs(case)) == once


@pytest.mark.parametrize("case", CASES)
def test_replay_reproduces_the_fix(case: dict[str, Any]) -> None:
    fixed = textmend.fix_and_explain(case["input"], **case_kwargs(case))
    assert fixed.text == textmend.fix_text(case["input"], **case_kwargs(case))
    assert textmend.replay(case["input"], fixed.steps) == fixed.text


@pytest.mark.parametrize("case", CASES)
def test_check_finds_exactly_what_fix_changes(case: dict[str, Any]) -> None:
    text = case["input"]
    findings = textmend.check_text(text, **case_kwargs(case))
    changed = textmend.fix_text(text, **case_kwargs(case)) != text
    assert any(f.replacement is not None for f in findings) == changed
    for finding in findings:
        # Each finding points at real text in the input, or at a point between characters.
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.code in {rule.code for rule in textmend.RULES}


@pytest.mark.parametrize("case", CASES)
def test_findings_of_the_first_pass_point_at_their_text(case: dict[str, Any]) -> None:
    text = case["input"]
    fixed = textmend.fix_and_explain(text, **case_kwargs(case))
    if not fixed.steps:
        return
    first = fixed.steps[0]
    for edit in first.edits:
        assert text[edit.start : edit.end] == edit.original
