"""File safety: whatever goes wrong during ``fix``, the original or the complete new version.

Each scenario asserts the bytes on disk afterwards, that no temporary file is
left behind, and what the message tells the user.  A killed run (SIGKILL) and
hard links, FIFOs and parallel runs are in test_cli_safety.py; this file adds
a full disk, read-only files and folders, symlinks, files that change while
textmend works on them, and what a leftover temporary file does to a rerun.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from textmend.cli import main

DAMAGED = "会议指出,,产业园区是主阵地\n"
MENDED = "会议指出，产业园区是主阵地\n"
TEMP_SUFFIX = ".textmend-tmp"


def _temp_files(*folders: Path) -> list[str]:
    return [name for folder in folders for name in os.listdir(folder) if TEMP_SUFFIX in name]


def _damaged(path: Path) -> Path:
    path.write_text(DAMAGED, encoding="utf-8")
    return path


# -- a full disk ---------------------------------------------------------------------------


def _enospc(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_leaves_the_original_and_no_partial_copy(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    path = _damaged(tmp_path / "a.txt")
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", _enospc)
    else:
        # The temporary file's writes fail part way, as on a full disk.
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, handle: object) -> None:
                self.handle = handle

            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                _enospc()
                return 0

        def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
            handle = real_fdopen(fd, mode, *args, **kwargs)  # type: ignore[call-overload]
            return FullDisk(handle) if "w" in mode else handle

        monkeypatch.setattr(os, "fdopen", fdopen)

    assert main(["fix", str(path)]) == 2

    assert path.read_text(encoding="utf-8") == DAMAGED
    assert _temp_files(tmp_path) == []
    err = capsys.readouterr().err
    assert "No space left on device" in err
    assert "left untouched" in err
    assert "free some space and run textmend again" in err


# -- read-only files and folders -------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_read_only_file_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    path = _damaged(tmp_path / "ro.txt")
    path.chmod(mode)
    try:
        assert main(["fix", str(path)]) == 2
        assert path.read_text(encoding="utf-8") == DAMAGED
        assert stat.S_IMODE(path.stat().st_mode) == mode
        assert "is read-only, so it was left untouched; make it writable" in (
            capsys.readouterr().err
        )
        assert _temp_files(tmp_path) == []
    finally:
        path.chmod(0o644)


def test_read_only_folder_is_refused_and_the_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _damaged(folder / "a.txt")
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        # Root writes into any folder: make creating the temporary file fail
        # the way it does for everyone else.
        real_mkstemp = tempfile.mkstemp

        def mkstemp(*args: object, dir: str | None = None, **kwargs: object) -> object:
            if dir == str(folder):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            return real_mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    try:
        assert main(["fix", str(path)]) == 2
        assert path.read_text(encoding="utf-8") == DAMAGED
        err = capsys.readouterr().err
        assert "cannot create a temporary file next to it" in err
        assert "needs write access to their directory" in err
        assert _temp_files(folder) == []
    finally:
        folder.chmod(0o755)


# -- symlinks ------------------------------------------------------------------------------
#
# Decided (docs/cli.md, docs/reliability.md): a symlink named on the command line
# is followed; its target is mended in place, in the target's folder, and the
# link stays the same link.


def test_symlink_chain_across_folders_mends_the_target_and_keeps_the_links(
    tmp_path: Path,
) -> None:
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    target = _damaged(real_dir / "target.txt")
    target.chmod(0o640)
    first = link_dir / "first.txt"
    second = link_dir / "second.txt"
    first.symlink_to(os.path.relpath(target, link_dir))
    second.symlink_to("first.txt")
    inode = target.stat().st_ino

    assert main(["fix", str(second)]) == 0

    assert target.read_text(encoding="utf-8") == MENDED
    assert os.readlink(second) == "first.txt"
    assert os.readlink(first) == os.path.relpath(target, link_dir)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != inode, "replaced by rename, not rewritten in place"
    assert _temp_files(real_dir, link_dir) == []


def test_symlink_to_a_read_only_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _damaged(tmp_path / "target.txt")
    target.chmod(0o444)
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    try:
        assert main(["fix", str(link)]) == 2
        assert target.read_text(encoding="utf-8") == DAMAGED
        assert link.is_symlink()
        assert "read-only" in capsys.readouterr().err
    finally:
        target.chmod(0o644)


def test_dangling_symlink_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("nowhere.txt")

    assert main(["fix", str(link)]) == 2

    assert link.is_symlink() and not link.exists()
    assert "link.txt" in capsys.readouterr().err
    assert _temp_files(tmp_path) == []


# -- a file that changes while textmend works on it ------------------------------------------


def _meanwhile(monkeypatch: pytest.MonkeyPatch, change: object) -> None:
    """Run ``change`` after the file was read and before it is written."""
    import textmend.cli._process as process

    real = process.fix_and_explain

    def fix_and_explain(text: str, **kwargs: object) -> object:
        change()  # type: ignore[operator]
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(process, "fix_and_explain", fix_and_explain)


def test_same_size_change_within_one_clock_tick_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another program saves text of the same length and the file's times come
    # out as they were (one clock tick, or a file system with coarse times):
    # only the bytes tell.
    path = _damaged(tmp_path / "a.txt")
    before = path.stat()
    edited = DAMAGED.replace("主阵地", "根据地")
    assert len(edited.encode()) == len(DAMAGED.encode())

    def save() -> None:
        path.write_text(edited, encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    _meanwhile(monkeypatch, save)

    assert main(["fix", str(path)]) == 2

    assert path.read_text(encoding="utf-8") == edited
    assert "changed on disk while textmend was working" in capsys.readouterr().err
    assert _temp_files(tmp_path) == []


def test_change_during_the_write_itself_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The last look happens after the new version is on disk, just before the
    # rename: a save while a large file was being written is not lost.
    path = _damaged(tmp_path / "a.txt")
    real_fsync = os.fsync
    saved = DAMAGED + "新的一行\n"

    def fsync(fd: int) -> None:
        real_fsync(fd)
        if not path.read_text(encoding="utf-8").startswith(saved):
            path.write_text(saved, encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync)

    assert main(["fix", str(path)]) == 2

    assert path.read_text(encoding="utf-8") == saved
    assert "changed on disk while textmend was working" in capsys.readouterr().err
    assert _temp_files(tmp_path) == []


def test_file_deleted_while_mending_is_not_recreated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _damaged(tmp_path / "a.txt")
    _meanwhile(monkeypatch, path.unlink)

    assert main(["fix", str(path)]) == 2

    assert not path.exists()
    assert "a.txt" in capsys.readouterr().err
    assert _temp_files(tmp_path) == []


# -- what a killed run leaves behind -------------------------------------------------------


def test_leftover_temporary_file_does_not_trip_a_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # What SIGKILL mid-rewrite leaves (test_cli_safety.py kills real runs): a
    # hidden, partial temporary file beside an intact original.
    path = _damaged(tmp_path / "a.txt")
    leftover = tmp_path / f".a.txt.k1ll3d{TEMP_SUFFIX}"
    leftover.write_bytes(MENDED.encode()[:7])
    monkeypatch.chdir(tmp_path)

    assert main(["check", "."]) == 1
    assert TEMP_SUFFIX not in capsys.readouterr().out
    assert main(["fix", "."]) == 0

    assert path.read_text(encoding="utf-8") == MENDED
    assert leftover.read_bytes() == MENDED.encode()[:7], "not read, not mended, not removed"
    assert "1 file fixed, 0 unchanged" in capsys.readouterr().err
