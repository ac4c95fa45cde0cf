"""The command line, mostly in-process through ``main([...])``.

Two tests run ``python -m textmend`` for real, to prove the entry point, the
byte layer of standard input/output and the exit status survive a process
boundary.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import textmend
from textmend.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"

DAMAGED = "会议指出,,产业园区是主阵地"
MENDED = "会议指出，产业园区是主阵地"
CLEAN = "会议指出，产业园区是主阵地。\n"
BOM = b"\xef\xbb\xbf"
MESSAGE = "doubled ASCII comma in Chinese text"
# Not UTF-8, and no legacy encoding reads it with any confidence.
UNDECODABLE = "会议指出,,产业".encode() + b"\x80\x81\xfe\xff\xc0\xc1\xf5\xff" * 12


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


# --- fix, in place -----------------------------------------------------------


def test_fix_in_place_keeps_crlf_and_mixed_line_endings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.txt", utf8(f"{DAMAGED}\r\n第二行,,发展\n第三行\r"))

    assert main(["fix", str(path)]) == 0

    assert path.read_bytes() == utf8(f"{MENDED}\r\n第二行，发展\n第三行\r")
    err = capsys.readouterr().err
    assert "1 file fixed, 0 unchanged" in err
    assert leftovers(tmp_path) == []


def test_fix_in_place_keeps_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", BOM + utf8(DAMAGED + "\r\n"))

    assert main(["fix", str(path)]) == 0

    assert path.read_bytes() == BOM + utf8(MENDED + "\r\n")


@pytest.mark.parametrize("mode", [0o640, 0o755])
def test_fix_in_place_keeps_mode(tmp_path: Path, mode: int) -> None:
    path = write(tmp_path / "m.txt", utf8(DAMAGED))
    path.chmod(mode)

    assert main(["fix", str(path)]) == 0

    assert path.read_bytes() == utf8(MENDED)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_fix_does_not_rewrite_unchanged_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "clean.txt", utf8(CLEAN))
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = path.stat()

    assert main(["fix", str(path)]) == 0

    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "0 files fixed, 1 unchanged" in capsys.readouterr().err


def test_fix_follows_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    target = write(tmp_path / "target.txt", utf8(DAMAGED))
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)

    assert main(["fix", str(link)]) == 0

    assert link.is_symlink()
    assert os.readlink(link) == target.name
    assert target.read_bytes() == utf8(MENDED)


# --- fix, refusals -----------------------------------------------------------


def test_fix_failed_replace_leaves_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # We run as root, where chmod cannot make a directory read-only; a failing
    # os.replace stands in for it and exercises the same clean-up path.
    stuck = write(tmp_path / "stuck.txt", utf8(DAMAGED))
    other = tmp_path / "sub"
    other.mkdir()
    fine = write(other / "fine.txt", utf8(DAMAGED))
    real_replace = os.replace

    def refuse_in_tmp_path(src: str, dst: str) -> None:
        if os.path.dirname(dst) == os.path.realpath(tmp_path):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_in_tmp_path)

    assert main(["fix", str(stuck), str(fine)]) == 2

    assert stuck.read_bytes() == utf8(DAMAGED)
    assert fine.read_bytes() == utf8(MENDED), "the other files are still mended"
    assert leftovers(tmp_path) == []
    assert leftovers(other) == []
    err = capsys.readouterr().err
    assert f"{stuck}: cannot replace: Permission denied" in err
    assert "1 file fixed, 0 unchanged, 1 left untouched" in err


def test_fix_refuses_read_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Checked from the mode bits, so this holds even for root, for whom
    # os.replace in a writable directory would overwrite the file regardless.
    path = write(tmp_path / "ro.txt", utf8(DAMAGED))
    path.chmod(0o444)

    assert main(["fix", str(path)]) == 2

    assert path.read_bytes() == utf8(DAMAGED)
    assert "read-only" in capsys.readouterr().err
    assert leftovers(tmp_path) == []


def test_fix_refuses_undecodable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.txt", UNDECODABLE)
    mtime = path.stat().st_mtime_ns

    assert main(["fix", str(path)]) == 2

    assert path.read_bytes() == UNDECODABLE
    assert path.stat().st_mtime_ns == mtime
    err = capsys.readouterr().err
    assert f"{path}: " in err
    assert "left untouched" in err


def test_fix_mends_gbk_and_keeps_it_gbk(tmp_path: Path) -> None:
    path = write(tmp_path / "gbk.txt", f"{DAMAGED}\r\n第二行没有问题。\r\n".encode("gbk"))

    assert main(["fix", str(path)]) == 0

    assert path.read_bytes() == f"{MENDED}\r\n第二行没有问题。\r\n".encode("gbk")


def test_fix_mends_utf16_and_keeps_its_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", b"\xff\xfe" + f"{DAMAGED}\r\n".encode("utf-16-le"))

    assert main(["fix", str(path)]) == 0

    assert path.read_bytes() == b"\xff\xfe" + f"{MENDED}\r\n".encode("utf-16-le")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (f"{DAMAGED}\n第二行没有问题。\n".encode("gbk"), "gb18030"),
        (b"\xff\xfe" + f"{DAMAGED}\n".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_fix_transcode_utf8_writes_utf8(
    tmp_path: Path, data: bytes, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "legacy.txt", data)

    assert main(["fix", "--transcode-utf8", str(path)]) == 0

    text = path.read_bytes().decode("utf-8")
    assert text.startswith(MENDED)
    assert f"transcoded from {encoding} to UTF-8" in capsys.readouterr().err


def test_fix_skips_binary_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Skipping is not an error: a pre-commit hook with `types: [file]` names binaries too.
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + utf8(DAMAGED)
    path = write(tmp_path / "image.png", data)

    assert main(["fix", str(path)]) == 0

    assert path.read_bytes() == data
    assert "skipped: looks binary" in capsys.readouterr().err


# --- fix - -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [DAMAGED, f"{DAMAGED}\r\n第二行,,发展\n", "產(chǎn)業(yè)園區(qū)在瀏陽召開,。", CLEAN, ""],
)
def test_fix_stdin_equals_fix_text_byte_exactly(
    text: str, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    feed_stdin(monkeypatch, utf8(text))

    assert main(["fix", "-"]) == 0

    captured = capsysbinary.readouterr()
    assert captured.out == utf8(textmend.fix_text(text))
    assert captured.err == b""


def test_fix_stdin_keeps_bom(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    feed_stdin(monkeypatch, BOM + utf8(DAMAGED))

    assert main(["fix", "-"]) == 0

    assert capsysbinary.readouterr().out == BOM + utf8(MENDED)


def test_fix_stdin_passes_undecodable_input_through(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    feed_stdin(monkeypatch, UNDECODABLE)

    assert main(["fix", "-"]) == 2

    captured = capsysbinary.readouterr()
    assert captured.out == UNDECODABLE
    assert b"left untouched" in captured.err


def test_fix_stdin_cannot_be_mixed_with_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.txt", utf8(DAMAGED))

    assert main(["fix", "-", str(path)]) == 2

    assert path.read_bytes() == utf8(DAMAGED)
    assert "cannot be mixed" in capsys.readouterr().err


# --- check -------------------------------------------------------------------


def test_check_reports_path_line_col(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The column counts characters, not bytes: the first ,, follows four Han
    # characters (twelve bytes), so it is column 5.
    path = write(tmp_path / "a.txt", BOM + utf8(f"{DAMAGED}\r\n第二行,,发展\r第三,,行\n"))
    clean = write(tmp_path / "clean.txt", utf8(CLEAN))

    assert main(["check", str(path), str(clean)]) == 1

    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{path}:1:5: TM401 {MESSAGE}",
        f"{path}:2:4: TM401 {MESSAGE}",
        f"{path}:3:3: TM401 {MESSAGE}",
    ]
    assert "3 findings in 2 files checked" in captured.err
    assert path.read_bytes().startswith(BOM), "check never writes"


def test_check_clean_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "clean.txt", utf8(CLEAN))

    assert main(["check", str(path)]) == 0

    assert capsys.readouterr().out == ""


def test_check_stdin_is_shown_as_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, utf8(DAMAGED))

    assert main(["check", "-"]) == 1

    assert capsys.readouterr().out == f"-:1:5: TM401 {MESSAGE}\n"


def test_check_unreadable_file_exits_2_after_checking_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.txt", utf8(DAMAGED))

    assert main(["check", str(tmp_path / "missing.txt"), str(path)]) == 2

    captured = capsys.readouterr()
    assert captured.out == f"{path}:1:5: TM401 {MESSAGE}\n"
    assert "missing.txt: no such file or folder" in captured.err


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--ignore", "TM401"], 0),
        (["--ignore", "doubled-comma,TM402"], 0),
        (["--select", "TM402", "--select", "TM403"], 0),
        (["--select", "TM3,TM4"], 1),
        (["--preset", "safe"], 1),
        (["--select", "TM402", "--extend-select", "doubled-comma"], 1),
    ],
)
def test_check_rule_selection(
    tmp_path: Path, options: list[str], expected: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.txt", utf8(DAMAGED))

    assert main(["check", *options, str(path)]) == expected


# --- explain and rules -------------------------------------------------------


def test_explain_prints_steps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", utf8(f"标题\r\n{DAMAGED}"))

    assert main(["explain", str(path)]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "TM401 doubled-comma",
        f"  2:5: ',,' -> '，'  {MESSAGE}",
    ]


def test_explain_positions_follow_the_text_each_step_saw(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "產(chǎn)業(yè)園區(qū)在瀏陽召開,。會議指出,,發展"
    feed_stdin(monkeypatch, utf8(text))

    assert main(["explain", "-"]) == 0

    out = capsys.readouterr().out
    fixed = textmend.fix_and_explain(text)
    headers = [line for line in out.splitlines() if not line.startswith("  ")]
    assert headers == [f"{step.code} {step.name}" for step in fixed.steps]
    # After the pinyin is gone, the ,, sits at column 16 of the shorter text.
    assert f"  1:16: ',,' -> '，'  {MESSAGE}" in out.splitlines()


def test_explain_clean_text_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "clean.txt", utf8(CLEAN))

    assert main(["explain", str(path)]) == 0

    assert capsys.readouterr().out == ""


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(textmend.RULES)
    for line, rule in zip(lines, textmend.RULES, strict=True):
        assert line.split()[:4] == [
            rule.code,
            rule.name,
            rule.stage.value,
            "on" if rule.default else "off",
        ]
        assert line.endswith(rule.summary)


# --- usage and configuration errors ------------------------------------------


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["check", "--select", "TM999"], "no rule matches 'TM999'"),
        (["fix", "--ignore", "no-such-rule"], "no rule matches 'no-such-rule'"),
        (["check", "--preset", "bogus"], "invalid choice: 'bogus'"),
        (["check", "--zh-script", "latin"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_usage_and_config_errors_exit_2(
    tmp_path: Path, argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.txt", utf8(DAMAGED))

    assert main([*argv, str(path)] if argv else argv) == 2

    assert path.read_bytes() == utf8(DAMAGED)
    captured = capsys.readouterr()
    assert complaint in captured.err
    assert captured.out == ""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0

    assert capsys.readouterr().out == f"textmend {textmend.__version__}\n"


def test_internal_error_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("textmend.cli._process.check_text", broken)
    path = write(tmp_path / "a.txt", utf8(DAMAGED))

    assert main(["check", str(path)]) == 2

    assert "internal error" in capsys.readouterr().err


# --- real processes ----------------------------------------------------------


def _run_module(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "textmend", *args],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_subprocess_check(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", utf8(f"{DAMAGED}\r\n"))

    result = _run_module(["check", str(path)])

    assert result.returncode == 1, result.stderr
    assert result.stdout == utf8(f"{path}:1:5: TM401 {MESSAGE}\n")


def test_subprocess_fix_stdin() -> None:
    text = f"{DAMAGED}\r\n第二行,,发展\n"

    result = _run_module(["fix", "-"], stdin=BOM + utf8(text))

    assert result.returncode == 0, result.stderr
    assert result.stdout == BOM + utf8(textmend.fix_text(text))


# --- detect ------------------------------------------------------------------


def test_detect_reports_encoding_bom_and_line_endings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", BOM + utf8("第一行\r\n第二行\r\n"))
    write(tmp_path / "b.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert main(["detect", str(tmp_path), "--output-format", "json"]) == 0

    a, b = json.loads(capsys.readouterr().out)
    assert a["filename"].endswith("a.txt")
    assert (a["encoding"], a["bom"], a["line_ending"], a["decodable"]) == (
        "utf-8",
        True,
        "crlf",
        True,
    )
    assert b["binary"] is True

    assert main(["detect", str(tmp_path / "a.txt")]) == 0
    line = capsys.readouterr().out
    assert "utf-8 (confidence 1.00)" in line and "byte order mark" in line and "CRLF" in line


def test_detect_legacy_and_undetermined(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "gbk.txt", "会议指出，产业园区是主阵地。\n".encode("gbk") * 3)
    write(tmp_path / "bad.txt", UNDECODABLE)

    assert main(["detect", str(tmp_path), "--json"]) == 1

    bad, gbk = json.loads(capsys.readouterr().out)
    assert gbk["encoding"] in ("gb18030", "gbk", "gb2312") and gbk["decodable"]
    assert bad["decodable"] is False


def test_progress_only_on_a_terminal_and_erased_before_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import textmend.cli._console as console

    for index in range(3):
        write(tmp_path / f"{index}.txt", utf8(CLEAN))
    assert main(["check", str(tmp_path)]) == 0
    assert "\r" not in capsys.readouterr().err, "no progress when stderr is not a terminal"

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(console.time, "monotonic", iter(range(0, 1000, 1)).__next__)

    assert main(["check", str(tmp_path)]) == 0

    err = capsys.readouterr().err
    assert "\rtextmend: 1/3 files" in err
    assert err.endswith("\r\x1b[K0 findings in 3 files checked\n")


@pytest.mark.parametrize("argv", [["check", "-"], ["fix", "--diff", "-"], ["detect", "-"]])
@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UNDECODABLE])
def test_only_fix_passes_refused_stdin_through(
    argv: list[str],
    data: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    feed_stdin(monkeypatch, data)

    main(argv)

    assert data not in capsysbinary.readouterr().out
