"""A folder of 10,000 small files, checked with --jobs: complete, in order, in bounded time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from textmend.cli import main

LINES = (
    "会议指出，产业园区是主阵地。",
    "会议指出,,产业园区是主阵地",  # TM401
    "The quick brown fox jumps over the lazy dog.",
    "Prix : 5 €, café, thé.",
    "東京都は日本の首都です。",
)


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("ten-thousand")
    damaged = 0
    for folder in range(100):
        sub = root / f"d{folder:03}"
        sub.mkdir()
        for index in range(100):
            n = folder * 100 + index
            lines = [LINES[(n + k) % len(LINES)] for k in range(1 + n % 4)]
            damaged += LINES[1] in lines
            (sub / f"f{index:03}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root, damaged


def test_check_ten_thousand_files_with_jobs(
    ten_thousand: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    root, damaged = ten_thousand

    started = time.monotonic()
    status = main(["check", "--jobs", "2", "--output-format", "json", str(root)])
    elapsed = time.monotonic() - started

    captured = capsys.readouterr()
    assert status == 1
    findings = json.loads(captured.out)
    assert len({f["filename"] for f in findings}) == damaged
    assert all(f["code"] == "TM401" for f in findings)
    names = [f["filename"] for f in findings]
    assert names == sorted(names), "output in the order the files were found"
    assert "in 10000 files checked" in captured.err
    print(f"10,000 files, --jobs 2: {elapsed:.1f} s")
    # A generous bound for a loaded 2-core CI machine; an idle one needs a few seconds.
    assert elapsed < 120
