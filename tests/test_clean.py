"""Clean text is sacred: the repair rules leave it byte-identical.

Three corpora: our own multilingual fixtures, CPython's test/cjkencodings
texts (from the interpreter running the tests); ftfy's unchanged cases are in
test_ftfy_suite.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import textmend
from conftest import FIXTURES

CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))
ZH_SCRIPTS = ("auto", "keep")


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("zh_script", ZH_SCRIPTS)
def test_clean_fixture_unchanged(path: Path, zh_script: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert textmend.fix_text(text, zh_script=zh_script) == text  # type: ignore[arg-type]
    assert textmend.check_text(text, zh_script=zh_script) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_lines_unchanged_one_by_one(path: Path) -> None:
    # Document-wide evidence differs line by line; each line alone must be safe too.
    for line in path.read_text(encoding="utf-8").splitlines():
        assert textmend.fix_text(line) == line


def _cjkencodings() -> list[Path]:
    try:
        import test  # the stdlib's test package, when the interpreter ships it
    except ImportError:
        return []
    folder = Path(test.__file__).parent / "cjkencodings"
    return sorted(folder.glob("*-utf8.txt"))


CJK = _cjkencodings()


@pytest.mark.skipif(not CJK, reason="this Python ships no test/cjkencodings")
@pytest.mark.parametrize("path", CJK, ids=lambda p: p.name)
def test_cpython_cjkencodings_unchanged(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert textmend.fix_text(text) == text
    assert textmend.fix_text(text, zh_script="keep") == text


@pytest.mark.skipif(not CJK, reason="this Python ships no test/cjkencodings")
def test_cjkencodings_with_folded_question_marks_unchanged() -> None:
    # A '?' among CJK text arms the misalignment gate; clean text must still pass.
    for path in CJK:
        text = path.read_bytes().decode("utf-8")
        for mark in ("\uff1f", "\u3002", "\uff0c"):
            variant = text.replace(mark, "?")
            out = textmend.fix_text(variant, select=["TM201", "TM3"])
            assert out == variant, path.name
