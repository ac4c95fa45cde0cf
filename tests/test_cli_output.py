"""Output formats: every format carries the same findings as the text format.

JSON, JSON Lines, GitHub annotations and SARIF are parsed back and compared
with the text output finding by finding; the SARIF log is validated with
sarif-pydantic's SARIF 2.1.0 models (and, because those models accept unknown
keys, checked for keys the standard does not have).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

import textmend
from textmend.cli import main

DAMAGED = "会议指出,,产业园区是主阵地"
TEXT_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>TM\d+) (?P<msg>.*)$")

Finding = tuple[str, int, int, str, str]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with findings on several lines, in awkward file names."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    files = {
        "a.txt": f"标题\r\n{DAMAGED}\r\n经开区(高新区)党工委,在浏阳召开,。\r\n",
        "docs/name with space, comma: colon.md": f"{DAMAGED}\n第二行,,发展",
        "docs/文件.txt": "產(chǎn)業(yè)園區(qū)在瀏陽召開,。會議指出,,發展\n",
        "clean.txt": "会议指出，产业园区是主阵地。\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode())
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def text_findings(out: str) -> list[Finding]:
    found = []
    for line in out.splitlines():
        match = TEXT_LINE.match(line)
        assert match, line
        found.append(
            (
                match["path"],
                int(match["line"]),
                int(match["col"]),
                match["code"],
                match["msg"],
            )
        )
    return found


def test_text_format_is_one_diagnostic_a_line(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["check", "."], capsys)

    assert status == 1
    found = text_findings(out)
    assert len(found) >= 6
    assert ("a.txt", 2, 5, "TM401", "doubled ASCII comma in Chinese text") in found
    assert "docs/name with space, comma: colon.md" in {f[0] for f in found}
    assert f"{len(found)} findings in 4 files checked" in err


def _json_findings(records: list[dict[str, Any]]) -> list[Finding]:
    return [
        (
            r["filename"],
            r["location"]["row"],
            r["location"]["column"],
            r["code"],
            r["message"],
        )
        for r in records
    ]


def test_json_round_trips_to_the_text_findings(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, text_out, _ = run(["check", "."], capsys)
    status, out, _ = run(["check", ".", "--output-format", "json"], capsys)

    assert status == 1
    records = json.loads(out)
    assert _json_findings(records) == text_findings(text_out)
    for record in records:
        assert set(record) == {
            "filename",
            "code",
            "name",
            "message",
            "location",
            "end_location",
            "offset",
            "fix",
        }
        # An applicable fix fits the file itself at the offsets.
        text = (corpus / record["filename"]).read_bytes().decode()
        start, end = record["offset"]["start"], record["offset"]["end"]
        fix = record["fix"]
        assert fix["applicable"] == (fix["original"] == text[start:end])
        assert record["end_location"]["row"] >= record["location"]["row"]
    assert any(not r["fix"]["applicable"] for r in records), "a rule after another overlaps"


def test_json_findings_are_check_text_findings(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(["check", "a.txt", "--output-format", "json"], capsys)

    expected = textmend.check_text((corpus / "a.txt").read_bytes().decode())
    got = [(r["code"], r["offset"]["start"], r["offset"]["end"]) for r in json.loads(out)]
    assert got == [(f.code, f.start, f.end) for f in expected]


def test_jsonl_is_one_object_a_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, text_out, _ = run(["check", "."], capsys)
    status, out, _ = run(["check", ".", "--output-format", "jsonl"], capsys)

    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert _json_findings(records) == text_findings(text_out)


def _unescape(value: str) -> str:
    return unquote(value)


def _github_findings(out: str) -> Iterator[Finding]:
    for line in out.splitlines():
        match = re.fullmatch(r"::error (?P<props>[^:]*)::(?P<msg>.*)", line)
        assert match, line
        props = dict(pair.split("=", 1) for pair in match["props"].split(","))
        props = {key: _unescape(value) for key, value in props.items()}
        message = _unescape(match["msg"])
        assert props["title"].startswith("textmend (TM")
        code = props["title"][len("textmend (") : -1]
        prefix = f"{props['file']}:{props['line']}:{props['col']}: {code} "
        assert message.startswith(prefix)
        yield props["file"], int(props["line"]), int(props["col"]), code, message[len(prefix) :]


def test_github_annotations_round_trip(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, text_out, _ = run(["check", "."], capsys)
    status, out, _ = run(["check", ".", "--output-format", "github"], capsys)

    assert status == 1
    assert "%2C" in out and "%3A" in out, "commas and colons in file names are escaped"
    assert list(_github_findings(out)) == text_findings(text_out)


# Properties SARIF 2.1.0 defines (sections 3.14.23 and 3.20.21) that
# sarif-pydantic's models do not spell out; any other unknown key is a mistake.
SARIF_KEYS_NOT_MODELLED = {"columnKind", "toolExecutionNotifications"}


def _no_unknown_keys(model: Any, where: str = "log") -> None:
    from pydantic import BaseModel

    if isinstance(model, BaseModel):
        extra = set(model.model_extra or {}) - SARIF_KEYS_NOT_MODELLED
        assert not extra, f"{where}: keys SARIF 2.1.0 does not define: {extra}"
        for name in type(model).model_fields:
            if name != "properties":
                _no_unknown_keys(getattr(model, name), f"{where}.{name}")
    elif isinstance(model, list):
        for index, item in enumerate(model):
            _no_unknown_keys(item, f"{where}[{index}]")
    elif isinstance(model, dict):
        for key, item in model.items():
            _no_unknown_keys(item, f"{where}[{key!r}]")


def test_sarif_validates_and_round_trips(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sarif_pydantic", reason="the test extras install sarif-pydantic")
    from sarif_pydantic import Sarif

    _, text_out, _ = run(["check", "."], capsys)
    records = json.loads(run(["check", ".", "--output-format", "json"], capsys)[1])
    applicable = {
        (r["filename"], r["offset"]["start"], r["code"]): r["fix"]["applicable"] for r in records
    }
    status, out, _ = run(["check", ".", "--output-format", "sarif"], capsys)

    assert status == 1
    raw = json.loads(out)
    log = Sarif.model_validate(raw)
    _no_unknown_keys(log)
    assert log.version == "2.1.0"
    assert raw["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log.runs
    assert run_.tool.driver.name == "textmend"
    rule_ids = [rule.id for rule in run_.tool.driver.rules or []]
    assert rule_ids == [rule.code for rule in textmend.RULES]
    assert raw["runs"][0]["columnKind"] == "unicodeCodePoints"
    found = []
    for result in run_.results or []:
        assert result.rule_index is not None and rule_ids[result.rule_index] == result.rule_id
        (location,) = result.locations or []
        physical = location.physical_location
        assert physical is not None and physical.artifact_location is not None
        assert physical.artifact_location.uri_base_id == "%SRCROOT%"
        region = physical.region
        assert region is not None and result.rule_id is not None
        found.append(
            (
                unquote(physical.artifact_location.uri or ""),
                region.start_line,
                region.start_column,
                result.rule_id,
                result.message.text,
            )
        )
        key = (unquote(physical.artifact_location.uri or ""), region.char_offset, result.rule_id)
        # A fix SARIF carries is applied to the file as it is, so only applicable ones.
        assert bool(result.fixes) == applicable[key]
    assert found == text_findings(text_out)


def test_sarif_reports_files_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sarif_pydantic")
    from sarif_pydantic import Sarif

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x81\xfe\xff\xc0\xc1\xf5\xff" * 12)
    status, out, _ = run(["check", str(bad), "--output-format", "sarif"], capsys)

    assert status == 2
    raw = json.loads(out)
    Sarif.model_validate(raw)
    (invocation,) = raw["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert str(bad) in notification["message"]["text"]


def test_statistics(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, text_out, _ = run(["check", "."], capsys)
    status, out, _ = run(["check", ".", "--statistics"], capsys)

    assert status == 1
    counts: dict[str, int] = {}
    for finding in text_findings(text_out):
        counts[finding[3]] = counts.get(finding[3], 0) + 1
    rows = [line.split() for line in out.splitlines()]
    assert {code: int(count) for count, code, _ in rows} == counts
    assert [int(row[0]) for row in rows] == sorted(counts.values(), reverse=True)

    _, out, _ = run(["check", ".", "--statistics", "--output-format", "json"], capsys)
    assert {r["code"]: r["count"] for r in json.loads(out)} == counts


def test_show_fixes_in_check_and_fix(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["check", "a.txt", "--show-fixes"], capsys)

    assert status == 1
    lines = out.splitlines()
    assert lines[0] == "a.txt:2:5: TM401 doubled ASCII comma in Chinese text"
    assert lines[1] == "    fix: ',,' -> '，'"

    status, out, err = run(["fix", "a.txt", "--show-fixes"], capsys)
    assert status == 0
    assert out.splitlines()[:2] == lines[:2], "fix lists the fixes it made, at their old places"
    assert "a.txt: fixed" in err


def test_diff_applies_with_patch_and_writes_nothing(
    corpus: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}

    status, out, err = run(["fix", "--diff", "."], capsys)

    assert status == 1
    assert {p: p.read_bytes() for p in before} == before, "--diff writes nothing"
    assert "3 files would be fixed, 1 unchanged" in err
    assert "\\ No newline at end of file" in out
    if shutil.which("patch") is None:
        pytest.skip("patch(1) is not installed")
    copy = tmp_path_factory.mktemp("patched")
    shutil.copytree(corpus, copy, dirs_exist_ok=True)
    subprocess.run(
        ["patch", "-p0", "--binary", "--quiet"],
        input=out.encode(),
        cwd=copy,
        check=True,
        timeout=30,
    )
    assert main(["fix", "."]) == 0
    for path in before:
        assert (copy / path.relative_to(corpus)).read_bytes() == path.read_bytes()


def test_colour_only_when_asked_or_on_a_terminal(
    corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, plain, _ = run(["check", "a.txt"], capsys)
    assert "\x1b[" not in plain, "captured output is not a terminal"

    _, coloured, _ = run(["check", "a.txt", "--color", "always"], capsys)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain

    _, json_out, _ = run(["check", "a.txt", "--color", "always", "--output-format", "json"], capsys)
    assert "\x1b[" not in json_out, "machine formats are never coloured"

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    _, out, _ = run(["check", "a.txt"], capsys)
    assert "\x1b[" not in out


def test_stdout_carries_only_data(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["check", "."], ["fix", "--diff", "."], ["fix", "."]):
        _, out, err = run(argv, capsys)
        assert "checked" not in out and "fixed" not in out
        assert err.strip(), f"{argv}: the summary goes to stderr"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_machine_formats_on_clean_input(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("干净的文本。\n", encoding="utf-8")

    status, out, _ = run(["check", str(clean), "--output-format", fmt], capsys)
    assert status == 0
    fix_status, fix_out, _ = run(["fix", str(clean), "--output-format", fmt], capsys)
    assert (fix_status, fix_out) == (0, out), "fix reports in the same shape"

    if fmt == "json":
        assert json.loads(out) == []
    elif fmt == "jsonl":
        assert out == ""
    else:
        assert json.loads(out)["runs"][0]["results"] == []


def test_paths_are_shown_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert run(["check", "sub"], capsys)[1].startswith(f"sub{os.sep}a.txt:1:5:")
    assert run(["check", "./sub/"], capsys)[1].startswith("./sub/a.txt:1:5:")
    assert run(["check", "."], capsys)[1].startswith(f"sub{os.sep}a.txt:1:5:")


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
def test_file_names_that_are_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: not UTF-8
    (tmp_path / name).write_text(DAMAGED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert main(["check", "."]) == 1
    assert capsysbinary.readouterr().out.startswith(b"caf\xe9.txt:1:5: TM401 ")

    assert main(["check", ".", "--output-format", "json"]) == 1
    out = capsysbinary.readouterr().out
    out.decode("utf-8")  # the document itself is valid UTF-8
    assert json.loads(out)[0]["filename"] == name

    assert main(["check", ".", "--output-format", "sarif"]) == 1
    log = json.loads(capsysbinary.readouterr().out)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "caf%E9.txt"
