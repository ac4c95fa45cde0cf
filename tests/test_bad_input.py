"""Awkward bytes in: a clear outcome for each, on the command line and in Python.

Every row says what ``textmend fix FILE`` does (exit status, the bytes on
disk afterwards, what it says), what ``check`` says, and what
``textmend.fix_bytes`` returns or raises.  docs/reliability.md has the same
table for readers.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

import textmend
from textmend.cli import main

DAMAGED = "会议指出,,产业园区是主阵地"
MENDED = "会议指出，产业园区是主阵地"
# Not UTF-8, and no legacy encoding reads it with any confidence.
UNDECODABLE = "会议指出,,产业".encode() + b"\x80\x81\xfe\xff\xc0\xc1\xf5\xff" * 12


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    #: The file after ``fix``; None: left exactly as it was (not even rewritten).
    after: bytes | None
    #: Exit status of ``fix`` and of ``check``.
    fix_status: int
    check_status: int
    #: Something ``fix`` says on standard error.
    says: str
    #: What fix_bytes returns, or the error it raises.
    fix_bytes: str | type[textmend.TextmendError]


def utf16(text: str, codec: str, bom: bytes = b"") -> bytes:
    return bom + text.encode(codec)


CASES = [
    Case("empty file", b"", None, 0, 0, "0 files fixed, 1 unchanged", ""),
    Case(
        "no trailing newline",
        DAMAGED.encode(),
        MENDED.encode(),
        0,
        1,
        "1 file fixed",
        MENDED,
    ),
    Case(
        "CRLF and no trailing newline",
        f"{DAMAGED}\r\n{DAMAGED}".encode(),
        f"{MENDED}\r\n{MENDED}".encode(),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\r\n{MENDED}",
    ),
    Case("UTF-8 BOM alone", codecs.BOM_UTF8, None, 0, 0, "1 unchanged", ""),
    Case("UTF-16-LE BOM alone", codecs.BOM_UTF16_LE, None, 0, 0, "1 unchanged", ""),
    Case("UTF-16-BE BOM alone", codecs.BOM_UTF16_BE, None, 0, 0, "1 unchanged", ""),
    Case(
        "UTF-8 with BOM",
        codecs.BOM_UTF8 + f"{DAMAGED}\n".encode(),
        codecs.BOM_UTF8 + f"{MENDED}\n".encode(),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\n",
    ),
    Case(
        "UTF-16-LE with BOM",
        utf16(f"{DAMAGED}\r\n", "utf-16-le", codecs.BOM_UTF16_LE),
        utf16(f"{MENDED}\r\n", "utf-16-le", codecs.BOM_UTF16_LE),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\r\n",
    ),
    Case(
        "UTF-16-BE with BOM",
        utf16(f"{DAMAGED}\n", "utf-16-be", codecs.BOM_UTF16_BE),
        utf16(f"{MENDED}\n", "utf-16-be", codecs.BOM_UTF16_BE),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\n",
    ),
    Case(
        "UTF-16-LE without BOM",
        utf16(f"{DAMAGED}\n", "utf-16-le"),
        utf16(f"{MENDED}\n", "utf-16-le"),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\n",
    ),
    Case(
        "UTF-16-BE without BOM",
        utf16(f"{DAMAGED}\n", "utf-16-be"),
        utf16(f"{MENDED}\n", "utf-16-be"),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\n",
    ),
    Case(
        "UTF-32 with BOM",
        f"{DAMAGED}\n".encode("utf-32"),
        f"{MENDED}\n".encode("utf-32"),
        0,
        1,
        "1 file fixed",
        f"{MENDED}\n",
    ),
    Case(
        "UTF-16 cut short (odd length)",
        utf16(f"{DAMAGED}\n", "utf-16-le", codecs.BOM_UTF16_LE) + b"\x00",
        None,
        2,
        2,
        "last character is cut off",
        textmend.UndeterminedEncodingError,
    ),
    Case(
        "UTF-8 cut short",
        DAMAGED.encode()[:-1],
        None,
        2,
        2,
        "last character is cut off",
        textmend.UndeterminedEncodingError,
    ),
    Case(
        "NUL byte in UTF-8 text",
        f"{DAMAGED}\x00{DAMAGED}\n".encode(),
        None,
        0,
        0,
        "skipped: looks binary",
        textmend.BinaryInputError,
    ),
    Case(
        "NUL bytes only",
        b"\x00" * 64,
        None,
        0,
        0,
        "skipped: looks binary",
        textmend.BinaryInputError,
    ),
    Case(
        "a stray byte in UTF-8 text",
        DAMAGED.encode() + b"\xff" + "更多的文字内容\n".encode(),
        None,
        2,
        2,
        "stray byte",
        textmend.UndeterminedEncodingError,
    ),
    Case(
        "undecodable bytes",
        UNDECODABLE,
        None,
        2,
        2,
        "could not tell the encoding",
        textmend.UndeterminedEncodingError,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_fix_has_a_clear_outcome(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(case.data)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = path.stat()

    assert main(["fix", str(path)]) == case.fix_status

    err = capsys.readouterr().err
    assert case.says in err
    if case.after is None:
        assert path.read_bytes() == case.data
        after = path.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    else:
        assert path.read_bytes() == case.after
    if case.fix_status == 2:
        assert "left untouched" in err
    assert [name for name in os.listdir(tmp_path) if name != "input.txt"] == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_check_has_a_clear_outcome(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(case.data)

    assert main(["check", str(path)]) == case.check_status

    assert path.read_bytes() == case.data
    if case.check_status == 1:
        assert "TM401" in capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_fix_bytes_has_a_clear_outcome(case: Case) -> None:
    if isinstance(case.fix_bytes, str):
        assert textmend.fix_bytes(case.data) == case.fix_bytes
    else:
        with pytest.raises(case.fix_bytes) as raised:
            textmend.fix_bytes(case.data)
        # Every refusal says what to do next.
        assert any(hint in str(raised.value) for hint in ("name its encoding", "Name the encoding"))


def test_the_cases_cover_the_issue_list() -> None:
    names = " ".join(case.name for case in CASES)
    for scenario in ("empty", "no trailing newline", "with BOM", "without BOM", "BOM alone"):
        assert scenario in names
    for scenario in ("NUL", "undecodable"):
        assert scenario in names


def test_legacy_lines_beside_utf8_are_not_taken_for_damaged_utf8() -> None:
    # The refusal of damaged UTF-8 must not catch a line in a legacy encoding
    # (the mixed files textmend reads segment by segment).
    texts = Path(__file__).resolve().parent.parent / "fixtures" / "decoding"
    utf8_lines = "产业园区是经济建设的主阵地。Crème brûlée.\n".encode()
    for name, codec in (("zh.txt", "gbk"), ("fr.txt", "cp1252"), ("ru.txt", "cp1251")):
        for line in (texts / name).read_text(encoding="utf-8").splitlines(keepends=True):
            legacy = line.encode(codec)
            if legacy.isascii():
                continue
            # Which legacy codec a single short line is read in is the
            # detector's business (tests/test_decoding.py); here only: no refusal.
            try:
                textmend.decode(utf8_lines * 3 + legacy + utf8_lines)
            except textmend.UndeterminedEncodingError as exc:
                assert "stray byte" not in str(exc), line


@pytest.mark.parametrize(
    "name", ["UTF-8 cut short", "UTF-16 cut short (odd length)", "a stray byte in UTF-8 text"]
)
def test_detect_reports_a_refusal_as_such(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = next(case for case in CASES if case.name == name)
    path = tmp_path / "input.txt"
    path.write_bytes(case.data)

    assert main(["detect", str(path)]) == 2

    err = capsys.readouterr().err
    assert case.says in err
    assert "internal error" not in err
