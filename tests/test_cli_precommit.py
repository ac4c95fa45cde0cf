"""The pre-commit hooks, run for real with ``pre-commit try-repo``.

The hook repository is a snapshot of this working tree (the files a build
needs, committed to a temporary git repository), so the test exercises the
code under test even before it is committed.  pre-commit builds a fresh
virtual environment for every ``try-repo`` run; to keep that to seconds, pip
is pointed at a folder of wheels downloaded once per session from the package
registry and told not to isolate the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

DAMAGED = "会议指出,,产业园区是主阵地\n".encode()
MENDED = "会议指出，产业园区是主阵地\n".encode()
DAMAGED_CRLF = "标题\r\n经开区(高新区)党工委\r\n".encode()
MENDED_CRLF = "标题\r\n经开区（高新区）党工委\r\n".encode()
UNTOUCHED = {
    "clean.txt": "会议指出，产业园区是主阵地。\n".encode(),
    "crlf.txt": "第一行\r\n第二行，没有问题。\r\n".encode(),
    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + DAMAGED,
    "notes.bin": b"\x00\x01" + DAMAGED,
}


def _git(*args: str, cwd: Path) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def _requirements() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["build-system"]["requires"]
    runtime = project["project"]["dependencies"]
    return [*build, *runtime]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This working tree's buildable files, committed to a fresh repository."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(
        ROOT / "src" / "textmend",
        repo / "src" / "textmend",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment in which pre-commit's pip installs from local wheels only."""
    pytest.importorskip("pre_commit", reason="the test extras install pre-commit")
    if sys.version_info < (3, 11):
        pytest.skip("reads pyproject.toml with tomllib")
    wheels = tmp_path_factory.mktemp("wheels")
    download = subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "-d", str(wheels), *_requirements()],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if download.returncode != 0:
        pytest.skip(f"cannot fetch the dependencies' wheels: {download.stderr[-500:]}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PRE_COMMIT"))}
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheels),
        # pip's spelling for --no-build-isolation; the virtualenv pre-commit makes
        # already has setuptools on the Pythons that seed it.
        PIP_NO_BUILD_ISOLATION="0" if sys.version_info < (3, 12) else "1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        PRE_COMMIT_COLOR="never",
    )
    return env


LEGACY = {
    # Clean text in legacy encodings: only the opt-in encoding hook rewrites them.
    "gbk.txt": ("会议指出，产业园区是主阵地。\n" * 3, "gbk"),
    "utf16.txt": ("第一行\r\n第二行\r\n", "utf-16"),
}


@pytest.fixture
def target(tmp_path: Path) -> Path:
    repo = tmp_path / "corpus"
    repo.mkdir()
    (repo / "damaged.txt").write_bytes(DAMAGED)
    (repo / "damaged-crlf.md").write_bytes(DAMAGED_CRLF)
    for name, data in UNTOUCHED.items():
        (repo / name).write_bytes(data)
    for name, (text, encoding) in LEGACY.items():
        (repo / name).write_bytes(text.encode(encoding))
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    return repo


def _try_repo(hook_repo: Path, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """``pre-commit try-repo`` with every hook of the manifest, on every file."""
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "--all-files"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def _verdicts(output: str) -> dict[str, str]:
    """Each hook's name and pre-commit's verdict on it (Passed, Failed, Skipped)."""
    verdicts = {}
    for line in output.splitlines():
        if line.startswith("textmend (") and "..." in line:
            name, _, verdict = line.partition("...")
            verdicts[name.strip()] = verdict.strip(".").strip()
    return verdicts


def test_hooks_fail_and_fix_then_pass(
    hook_repo: Path, pre_commit_env: dict[str, str], target: Path
) -> None:
    # try-repo runs the hooks in the order of their ids: textmend (fix), then
    # textmend-check over what the fix left, then textmend-encoding.
    status, output = _try_repo(hook_repo, target, pre_commit_env)

    assert status == 1, output
    assert _verdicts(output) == {
        "textmend (mend damaged text)": "Failed",
        "textmend (check for damaged text)": "Passed",
        "textmend (transcode to UTF-8)": "Failed",
    }, output
    assert "files were modified by this hook" in output
    assert (target / "damaged.txt").read_bytes() == MENDED
    assert (target / "damaged-crlf.md").read_bytes() == MENDED_CRLF, "CRLF kept"
    for name, (text, _) in LEGACY.items():
        assert (target / name).read_bytes() == text.encode("utf-8"), name
    for name, data in UNTOUCHED.items():
        assert (target / name).read_bytes() == data, name

    status, output = _try_repo(hook_repo, target, pre_commit_env)

    assert status == 0, output
    assert set(_verdicts(output).values()) == {"Passed"}, output
    assert (target / "damaged.txt").read_bytes() == MENDED
    for name, data in UNTOUCHED.items():
        assert (target / name).read_bytes() == data, name
