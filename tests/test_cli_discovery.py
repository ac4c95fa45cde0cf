"""Which files a run reads: folders, .gitignore, excludes, symlinks, standard input.

git itself is the oracle for .gitignore: in a fresh repository, the files
``git ls-files --others --exclude-standard`` lists are exactly the ones git
does not ignore, and textmend must find the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from textmend.cli import main
from textmend.cli._config import Options, Resolver
from textmend.cli._discover import discover

DAMAGED = "会议指出,,产业园区是主阵地\n"
MENDED = "会议指出，产业园区是主阵地\n"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def found(paths: list[str], cwd: Path, **options: object) -> list[str]:
    """The files a run started in ``cwd`` would read, as it would show them."""
    before = os.getcwd()
    os.chdir(cwd)
    try:
        resolver = Resolver(Options(**options), cwd=str(cwd))  # type: ignore[arg-type]
        return [t.path for t in discover(paths, resolver).targets]
    finally:
        os.chdir(before)


def make_tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DAMAGED, encoding="utf-8")


TREE = [
    "a.txt",
    "a.log",
    "keep.log",
    "b/c.txt",
    "b/c.log",
    "b/build/x.txt",
    "build/y.txt",
    "build/keep/z.txt",
    "docs/a.md",
    "docs/deep/b.md",
    "docs/deep/deeper/c.md",
    "docs/notes/todo.txt",
    "src/x.py",
    "src/generated/out.txt",
    "tmp1/a.txt",
    "tmp22/a.txt",
    "space name/[x].txt",
    "nested/.gitignore",
    "nested/inner.txt",
    "nested/inner.tmp",
    "nested/sub/inner.tmp",
    "nested/sub/keep.tmp",
    "trailing/file.txt",
]

GITIGNORE = """\
# comments and blank lines are no patterns

*.log
!keep.log
/build/
b/build
docs/**/c.md
docs/notes/
src/generated
tmp?/
\\#not-a-comment
space name/[xy].txt
trailing/file.txt\x20\x20
"""

NESTED_GITIGNORE = """\
*.tmp
!sub/keep.tmp
"""


@needs_git
def test_gitignore_semantics_match_git(tmp_path: Path) -> None:
    make_tree(tmp_path, TREE)
    (tmp_path / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (tmp_path / "nested" / ".gitignore").write_text(NESTED_GITIGNORE, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=30)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("a.txt\n", encoding="utf-8")
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "-z"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout.decode()
    expected = sorted(name for name in listed.split("\0") if name)

    assert sorted(found(["."], tmp_path)) == expected
    # A sanity check on the oracle itself.
    assert "keep.log" in expected and "a.log" not in expected and "a.txt" not in expected


@needs_git
def test_gitignore_of_parent_folders_applies_below(tmp_path: Path) -> None:
    make_tree(tmp_path, ["sub/deep/a.txt", "sub/deep/a.log"])
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=30)

    assert found([str(tmp_path / "sub")], tmp_path) == [str(tmp_path / "sub/deep/a.txt")]


def test_gitignore_outside_a_repository_counts_from_the_walked_folder(tmp_path: Path) -> None:
    make_tree(tmp_path, ["a.txt", "a.log", "sub/b.log", "sub/b.txt"])
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")

    assert found(["."], tmp_path) == [".gitignore", "a.txt", "sub/b.txt"]


def test_no_respect_gitignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, ["a.txt", "a.log"])
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert found(["."], tmp_path) == [".gitignore", "a.txt"]
    assert found(["."], tmp_path, respect_gitignore=False) == [".gitignore", "a.log", "a.txt"]
    assert main(["check", "--no-respect-gitignore", "."]) == 1


def test_default_excludes_and_vcs_folders(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        [
            "a.txt",
            ".venv/lib/x.txt",
            "node_modules/p/readme.txt",
            "sub/__pycache__/x.txt",
            ".git/COMMIT_EDITMSG",
            ".hg/x.txt",
            ".a.txt.1234.textmend-tmp",
        ],
    )

    assert found(["."], tmp_path) == ["a.txt"]
    # --exclude replaces the defaults, but version-control folders stay out.
    assert found(["."], tmp_path, exclude=("a.txt",)) == [
        ".a.txt.1234.textmend-tmp",
        ".venv/lib/x.txt",
        "node_modules/p/readme.txt",
        "sub/__pycache__/x.txt",
    ]


def test_exclude_and_extend_exclude_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path, ["a.txt", "b.txt", "gen/c.txt", "docs/d.md", ".venv/e.txt"])
    monkeypatch.chdir(tmp_path)

    assert main(["check", ".", "--extend-exclude", "gen,*.md", "--output-format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"a.txt"' in out and '"b.txt"' in out
    assert "gen/c.txt" not in out and "d.md" not in out and ".venv" not in out

    assert main(["check", ".", "--exclude", "b.txt", "--output-format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"b.txt"' not in out and ".venv/e.txt" in out


def test_named_files_ignore_excludes_unless_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path, ["gen/c.txt", "notes.log"])
    (tmp_path / "textmend.toml").write_text('extend-exclude = ["gen/"]\n', encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)

    assert found(["gen/c.txt", "notes.log"], tmp_path) == ["gen/c.txt", "notes.log"]
    assert found(["gen/c.txt", "notes.log"], tmp_path, force_exclude=True) == []
    # pre-commit's way: the hooks pass --force-exclude.
    assert main(["fix", "--force-exclude", "gen/c.txt", "notes.log"]) == 0
    assert (tmp_path / "gen/c.txt").read_text(encoding="utf-8") == DAMAGED
    assert (tmp_path / "notes.log").read_text(encoding="utf-8") == DAMAGED
    assert main(["fix", "gen/c.txt"]) == 0
    assert (tmp_path / "gen/c.txt").read_text(encoding="utf-8") == MENDED


def test_force_exclude_in_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, ["vendor/x.txt"])
    (tmp_path / "pyproject.toml").write_text(
        '[tool.textmend]\nextend-exclude = ["vendor"]\nforce-exclude = true\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    assert main(["check", "vendor/x.txt"]) == 0
    assert main(["check", "--no-force-exclude", "vendor/x.txt"]) == 1


def test_symlinks_in_folders_are_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    inside = tmp_path / "tree"
    make_tree(outside, ["secret.txt", "dir/x.txt"])
    make_tree(inside, ["a.txt"])
    (inside / "link.txt").symlink_to(outside / "secret.txt")
    (inside / "linkdir").symlink_to(outside / "dir", target_is_directory=True)
    (inside / "loop").symlink_to(inside, target_is_directory=True)
    monkeypatch.chdir(inside)

    assert main(["fix", "-v", "."]) == 0

    assert (inside / "a.txt").read_text(encoding="utf-8") == MENDED
    assert (outside / "secret.txt").read_text(encoding="utf-8") == DAMAGED
    assert (outside / "dir" / "x.txt").read_text(encoding="utf-8") == DAMAGED
    err = capsys.readouterr().err
    assert "link.txt: a symbolic link inside a folder, not followed" in err
    assert "1 file fixed, 0 unchanged" in err


def test_a_named_symlink_mends_its_target_and_stays_a_link(tmp_path: Path) -> None:
    make_tree(tmp_path, ["real.txt"])
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")

    assert main(["fix", str(link), str(tmp_path / "real.txt")]) == 0

    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == MENDED


def test_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, ["sub/a.txt"])
    monkeypatch.chdir(tmp_path)

    assert found(["sub", ".", "sub/a.txt", "./sub/a.txt"], tmp_path) == ["sub/a.txt"]


def test_stdin_filename_drives_per_file_ignores_and_excludes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    import io
    import sys

    (tmp_path / "textmend.toml").write_text(
        'extend-exclude = ["vendor"]\n[per-file-ignores]\n"*.md" = ["TM401"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    def feed() -> None:
        data = io.BytesIO(DAMAGED.encode())
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data, encoding="utf-8"))

    feed()
    assert main(["check", "-", "--stdin-filename", "notes.txt"]) == 1
    assert capsysbinary.readouterr().out.startswith(b"notes.txt:1:5: TM401")
    feed()
    assert main(["check", "-", "--stdin-filename", "page.md"]) == 0
    feed()
    assert main(["fix", "-", "--stdin-filename", "vendor/x.txt", "--force-exclude"]) == 0
    assert capsysbinary.readouterr().out == DAMAGED.encode(), "excluded input passes through"
    feed()
    assert main(["fix", "-", "--stdin-filename", "vendor/x.txt"]) == 0
    assert capsysbinary.readouterr().out == MENDED.encode()
