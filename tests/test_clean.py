"""Clean text is sacred: the repair rules leave it byte-identical.

Three corpora: our own multilingual fixtures, CPython's test/cjkencodings
texts (from the interpreter running the tests), and the cases in ftfy's own
test suite whose expected output is their input (downloaded from PyPI at test
time, never committed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
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


FTFY_VERSION = "6.3.1"


@pytest.fixture(scope="session")
def ftfy_cases(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    cache = Path(os.environ.get("TEXTMEND_TEST_CACHE", Path(__file__).parent.parent / ".cache"))
    target = cache / f"ftfy-{FTFY_VERSION}-test_cases.json"
    if not target.exists():
        download = tmp_path_factory.mktemp("ftfy")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-q",
                "-d",
                str(download),
                f"ftfy=={FTFY_VERSION}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            if os.environ.get("CI"):
                pytest.fail(f"could not download ftfy's sdist: {result.stderr[-500:]}")
            pytest.skip("ftfy's sdist could not be downloaded (offline?)")
        sdist = next(download.glob("ftfy-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("tests/test_cases.json"))
            data = tar.extractfile(member)
            assert data is not None
            cache.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.read())
    cases: list[dict[str, object]] = json.loads(target.read_text(encoding="utf-8"))
    return cases


def test_ftfy_negative_cases_unchanged(ftfy_cases: list[dict[str, object]]) -> None:
    negatives = [c for c in ftfy_cases if c["original"] == c["fixed"]]
    assert len(negatives) > 20
    changed = [
        c["label"] for c in negatives if textmend.fix_text(str(c["original"])) != c["original"]
    ]
    assert changed == []
