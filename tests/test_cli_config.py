"""Configuration files: where they are found, how flags override them, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from textmend import PRESETS
from textmend.cli import main

# TM401 (doubled comma) and TM404 (ASCII brackets) on one line.
DAMAGED = "会议指出,,经开区(高新区)党工委\n"


def codes(out: str) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in out.splitlines()]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(["check", *argv])
    captured = capsys.readouterr()
    return status, codes(captured.out), captured.err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pyproject.toml", '[tool.textmend]\nignore = ["TM404"]\n'),
        ("textmend.toml", 'ignore = ["TM404"]\n'),
        (".textmend.toml", 'ignore = ["ascii-brackets"]\n'),
    ],
)
def test_each_config_file_is_read(
    project: Path, name: str, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / name).write_text(content, encoding="utf-8")

    assert check(capsys, "a.txt")[1] == ["TM401"]


def test_pyproject_without_table_is_passed_over(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.black]\nline-length = 1\n", encoding="utf-8")
    (sub / "b.txt").write_text(DAMAGED, encoding="utf-8")
    (project / "textmend.toml").write_text('ignore = ["TM401"]\n', encoding="utf-8")

    assert check(capsys, "sub/b.txt")[1] == ["TM404", "TM404"]


def test_dotfile_beats_plain_beats_pyproject_in_one_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.textmend]\nselect = ["TM401"]\n', "utf-8")
    (project / "textmend.toml").write_text('select = ["TM404"]\n', encoding="utf-8")
    assert check(capsys, "a.txt")[1] == ["TM404", "TM404"]

    (project / ".textmend.toml").write_text("select = []\n", encoding="utf-8")
    assert check(capsys, "a.txt")[1] == []


def test_nearest_config_wins_per_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "textmend.toml").write_text('ignore = ["TM404"]\n', encoding="utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "textmend.toml").write_text('ignore = ["TM401"]\n', encoding="utf-8")
    (sub / "b.txt").write_text(DAMAGED, encoding="utf-8")

    status, found, _ = check(capsys, ".")

    assert status == 1
    assert found == ["TM401", "TM404", "TM404"]  # a.txt then sub/b.txt


def test_flags_override_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "textmend.toml").write_text(
        'select = ["TM401"]\nextend-select = ["TM404"]\nignore = ["TM404"]\n', encoding="utf-8"
    )
    assert check(capsys, "a.txt")[1] == ["TM401"]
    # --select starts afresh: the file's ignore is set aside too.
    assert check(capsys, "a.txt", "--select", "TM404")[1] == ["TM404", "TM404"]
    # --ignore applies on top of the file.
    assert check(capsys, "a.txt", "--ignore", "TM401")[1] == []
    # --extend-select adds on top of the file's choice, its ignore included.
    assert check(capsys, "a.txt", "--extend-select", "TM404")[1] == ["TM401", "TM404", "TM404"]


def test_preset_flag_replaces_the_files_select(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "textmend.toml").write_text('select = ["TM401"]\nignore = ["TM401"]\n', "utf-8")
    assert check(capsys, "a.txt")[1] == []
    assert check(capsys, "a.txt", "--preset", "safe")[1] == ["TM404", "TM404"]


def test_config_flag_and_isolated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "textmend.toml").write_text('ignore = ["TM401"]\n', encoding="utf-8")
    other = project / "elsewhere.toml"
    other.write_text('ignore = ["TM404"]\n', encoding="utf-8")

    assert check(capsys, "a.txt", "--config", str(other))[1] == ["TM401"]
    assert check(capsys, "a.txt", "--isolated")[1] == ["TM401", "TM404", "TM404"]


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.textmend.per-file-ignores]\n"docs/**/*.md" = ["TM4"]\n"a.txt" = ["TM404"]\n',
        encoding="utf-8",
    )
    docs = project / "docs" / "deep"
    docs.mkdir(parents=True)
    (docs / "page.md").write_text(DAMAGED, encoding="utf-8")
    (docs / "page.txt").write_text(DAMAGED, encoding="utf-8")

    status, found, _ = check(capsys, ".")

    assert status == 1
    assert found == ["TM401", "TM401", "TM404", "TM404"]  # a.txt, then docs/deep/page.txt


def test_options_from_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "textmend.toml").write_text(
        'output-format = "jsonl"\nshow-fixes = true\nexclude = ["skip"]\n', encoding="utf-8"
    )
    (project / "skip").mkdir()
    (project / "skip" / "b.txt").write_text(DAMAGED, encoding="utf-8")

    status = main(["check", "."])

    out = capsys.readouterr().out
    assert status == 1
    assert out.count("\n") == 3 and out.startswith('{"filename": "a.txt"')
    assert main(["check", ".", "--output-format", "text"]) == 1
    assert capsys.readouterr().out.startswith("a.txt:1:5: TM401")


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("selct = []\n", "unknown key 'selct' (did you mean 'select'?); valid keys are select,"),
        ('select = "TM4"\n', "select must be a list of strings"),
        ('preset = "fast"\n', f"preset must be one of {', '.join(sorted(PRESETS))}"),
        ('zh-script = "latin"\n', "zh-script must be one of auto, keep, hans, hant"),
        ('force-exclude = "yes"\n', "force-exclude must be true or false"),
        ('select = ["TM999"]\n', "no rule matches 'TM999'"),
        ('[per-file-ignores]\n"*.md" = ["nope"]\n', "no rule matches 'nope'"),
        ('output-format = "xml"\n', "output-format must be one of text, json"),
        ("select = [\n", "is not valid TOML"),
    ],
)
def test_config_errors_exit_2_and_name_the_file(
    project: Path, content: str, complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "textmend.toml").write_text(content, encoding="utf-8")

    status, found, err = check(capsys, "a.txt")

    assert status == 2
    assert found == []
    assert "textmend.toml" in err
    assert complaint in err


def test_config_error_in_pyproject_names_the_table(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("[tool.textmend]\nbogus = 1\n", encoding="utf-8")

    status, _, err = check(capsys, "a.txt")

    assert status == 2
    assert "pyproject.toml: [tool.textmend]: unknown key 'bogus'" in err


def test_config_errors_stop_fix_before_any_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = project / "sub"
    sub.mkdir()
    (sub / "textmend.toml").write_text("bogus = 1\n", encoding="utf-8")
    (sub / "b.txt").write_text(DAMAGED, encoding="utf-8")

    assert main(["fix", "."]) == 2

    assert (project / "a.txt").read_text(encoding="utf-8") == DAMAGED
    assert "unknown key 'bogus'" in capsys.readouterr().err
