"""The exit-code matrix: every kind of input under every way of running.

0 clean (or everything fixed), 1 findings remain (in check, or ones no rule can
fix) or files would change (or did, under --exit-non-zero-on-fix), 2 usage,
configuration, input or internal error.
Each cell also checks what became of the file: only a plain fix of a damaged,
writable file may change it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from textmend.cli import main

DAMAGED = "会议指出,,产业园区是主阵地\r\n".encode()
MENDED = "会议指出，产业园区是主阵地\r\n".encode()
CLEAN = "会议指出，产业园区是主阵地。\n".encode()
# U+FFFD saved as UTF-8 and read as GBK: the text is gone, a finding without a fix.
LOST = "姓名：锟斤拷锟斤拷\n".encode()
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + DAMAGED
# Invalid in UTF-8 and in every legacy encoding a detector would offer with
# confidence: lone continuation bytes and C1 controls around a NUL-free run.
UNDECODABLE = "会议指出,,产业".encode() + b"\x80\x81\xfe\xff\x80\x81\xfe\xff\xc0\xc1\xf5\xff" * 8


def _read_only(path: Path) -> None:
    path.chmod(0o444)


SCENARIOS: dict[str, tuple[bytes, Callable[[Path], None] | None]] = {
    "clean": (CLEAN, None),
    "damaged": (DAMAGED, None),
    "lost data": (LOST, None),
    "undecodable": (UNDECODABLE, None),
    "binary": (BINARY, None),
    "read-only damaged": (DAMAGED, _read_only),
}

COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "check --exit-zero": ["check", "--exit-zero"],
    "check --diff": ["check", "--diff"],
    "fix": ["fix"],
    "fix --exit-non-zero-on-fix": ["fix", "--exit-non-zero-on-fix"],
    "fix --diff": ["fix", "--diff"],
}

# scenario -> command -> expected exit status
EXPECTED: dict[str, dict[str, int]] = {
    "clean": dict.fromkeys(COMMANDS, 0),
    "damaged": {
        "check": 1,
        "check --exit-zero": 0,
        "check --diff": 1,
        "fix": 0,
        "fix --exit-non-zero-on-fix": 1,
        "fix --diff": 1,
    },
    # Findings remain whatever fix does, so only --exit-zero says 0.
    "lost data": {command: 0 if "--exit-zero" in command else 1 for command in COMMANDS},
    "undecodable": dict.fromkeys(COMMANDS, 2),
    "binary": dict.fromkeys(COMMANDS, 0),
    "read-only damaged": {
        "check": 1,
        "check --exit-zero": 0,
        "check --diff": 1,
        "fix": 2,
        "fix --exit-non-zero-on-fix": 2,
        "fix --diff": 1,
    },
}

CELLS = [
    pytest.param(scenario, command, id=f"{scenario} | {command}")
    for scenario in SCENARIOS
    for command in COMMANDS
]


@pytest.mark.parametrize(("scenario", "command"), CELLS)
def test_exit_code_matrix(
    tmp_path: Path, scenario: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data, prepare = SCENARIOS[scenario]
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    if prepare:
        prepare(path)
    mode = stat.S_IMODE(path.stat().st_mode)

    status = main([*COMMANDS[command], str(path)])

    captured = capsys.readouterr()
    assert status == EXPECTED[scenario][command], captured.err
    writes = command in ("fix", "fix --exit-non-zero-on-fix") and scenario == "damaged"
    assert path.read_bytes() == (MENDED if writes else data)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert sorted(os.listdir(tmp_path)) == ["input.txt"], "no temporary file is left behind"
    if status == 2:
        assert str(path) in captured.err, "the error names the file"
    if scenario == "binary":
        assert "skipped" in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["check"],
        ["frobnicate", "x"],
        ["check", "--output-format", "xml", "x"],
        ["check", "--select", "TM999", "x"],
        ["fix", "--exit-zero", "--exit-non-zero-on-fix", "x"],
        ["check", "--jobs", "-1", "x"],
    ],
    ids=lambda argv: " ".join(argv) or "(nothing)",
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err


def test_missing_path_exits_2_after_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "a.txt"
    damaged.write_bytes(DAMAGED)

    assert main(["fix", str(tmp_path / "nope"), str(damaged)]) == 2

    assert damaged.read_bytes() == MENDED
    assert "nope: no such file or folder" in capsys.readouterr().err


def test_errors_win_over_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes(UNDECODABLE)

    assert main(["check", "--exit-zero", str(path)]) == 2
