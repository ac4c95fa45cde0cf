"""Reading and safe writing of the files the command line mends.

Bytes enter and leave only here (and :mod:`textmend.cli._decode` turns them
into text).  A file is read whole as bytes, never through a text-mode stream,
so that line endings (CRLF, LF, mixed) and a byte order mark come back out
exactly as they went in.  Writing goes to a temporary file next to the target,
which is flushed, fsynced, given the target's permission bits and then moved
over it with :func:`os.replace`: at every moment the path holds either the old
file or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile

from textmend._durable import fsync_directory
from textmend.errors import TextmendError

__all__ = ["BinaryFile", "FileProblem", "read_bytes", "write_atomic"]

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH

# A temporary name is '.' + the target's name + a random part + the suffix; the
# name part is shortened so that the whole stays under the usual 255-byte limit.
_TEMP_SUFFIX = ".textmend-tmp"
_TEMP_NAME_ROOM = 100


class FileProblem(TextmendError):
    """A file the command line cannot read, decode or safely replace.

    The message names the file and tells the user what to do next; the file
    itself has been left as it was.
    """


class BinaryFile(FileProblem):
    """A file that is not text at all: skipped with a note, which is not an error."""


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc)


def read_bytes(path: str) -> tuple[bytes, os.stat_result]:
    """Read the regular file at ``path`` whole (symlinks are followed).

    Raises :class:`FileProblem` for a folder, a device, a FIFO or an unreadable file.
    """
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        # Windows refuses to open a folder instead of letting fstat see it.
        raise FileProblem(f"{path}: is a directory") from None
    except OSError as exc:
        raise FileProblem(f"{path}: cannot read: {_describe(exc)}") from None
    try:
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            if stat.S_ISDIR(status.st_mode):
                raise FileProblem(f"{path}: is a directory")
            if not stat.S_ISREG(status.st_mode):
                raise FileProblem(f"{path}: is not a regular file; use `-` to read standard input")
            return handle.read(), status
    except OSError as exc:
        raise FileProblem(f"{path}: cannot read: {_describe(exc)}") from None


def _same_file_state(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (
        b.st_dev,
        b.st_ino,
        b.st_size,
        b.st_mtime_ns,
    )


def _changed(target: str, read_status: os.stat_result | None, read_data: bytes | None) -> bool:
    """Whether the file at ``target`` is no longer what was read."""
    if read_status is not None and not _same_file_state(os.stat(target), read_status):
        return True
    if read_data is None:
        return False
    # File times tick at the kernel's clock (milliseconds) and some file systems
    # keep whole seconds: a same-size save within one tick leaves size and mtime
    # as they were, so compare the bytes too.
    with open(target, "rb") as handle:
        return handle.read(len(read_data) + 1) != read_data


def _changed_problem(path: str) -> FileProblem:
    return FileProblem(
        f"{path}: changed on disk while textmend was working, so it was left as it "
        "now is; run textmend again"
    )


def _write_problem(path: str, exc: OSError) -> FileProblem:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return FileProblem(
            f"{path}: cannot write the new version: {_describe(exc)}; the file was left "
            "untouched and no partial copy remains; free some space and run textmend again"
        )
    return FileProblem(f"{path}: cannot replace: {_describe(exc)}; it was left untouched")


def write_atomic(
    path: str,
    data: bytes,
    read_status: os.stat_result | None = None,
    read_data: bytes | None = None,
) -> None:
    """Replace the contents of the file at ``path`` with ``data``, atomically.

    A symlink is followed and its target is replaced, so the link stays a link.
    The target's permission bits (and, where allowed, its owner) are kept.  A
    file without write permission, or one that changed on disk since it was
    read (``read_status`` and the bytes ``read_data``, checked again just
    before the replace), is refused with :class:`FileProblem`; on any failure
    the original is untouched and no temporary file is left behind.
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    try:
        status = os.stat(target)
    except OSError as exc:
        raise FileProblem(f"{path}: cannot write: {_describe(exc)}") from None
    # os.replace needs write access to the directory only, so it would happily
    # replace a read-only file; refuse explicitly, and look at the mode bits as
    # well because os.access says yes to everything when run as root.
    if not status.st_mode & _WRITE_BITS or not os.access(target, os.W_OK):
        raise FileProblem(
            f"{path}: is read-only, so it was left untouched; make it writable to let "
            "textmend mend it"
        )
    if status.st_nlink > 1:
        # os.replace gives the path a new inode; the other names would keep the
        # old text and silently stop being the same file.
        raise FileProblem(
            f"{path}: has {status.st_nlink} hard links, so it was left untouched: replacing it "
            "would split them; mend a copy, or run `textmend fix - < FILE` and write back"
        )
    if read_status is not None and not _same_file_state(status, read_status):
        raise _changed_problem(path)
    prefix = "." + os.path.basename(target)[:_TEMP_NAME_ROOM] + "."
    try:
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=_TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise FileProblem(
            f"{path}: cannot create a temporary file next to it ({_describe(exc)}), so it was "
            "left untouched; textmend replaces files atomically and needs write access to "
            "their directory"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file private (0600): give it the original's bits.
        os.chmod(temp, stat.S_IMODE(status.st_mode))
        created = os.stat(temp)
        if hasattr(os, "chown") and (created.st_uid, created.st_gid) != (
            status.st_uid,
            status.st_gid,
        ):
            # Only root may give a file away; for anyone else the new file is
            # theirs, which is what an editor saving the file would do too.
            with contextlib.suppress(OSError):
                os.chown(temp, status.st_uid, status.st_gid)
        # Writing a large file takes a while: look again at the last moment.
        if _changed(target, read_status, read_data):
            raise _changed_problem(path)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise _write_problem(path, exc) from None
        raise
    fsync_directory(directory)
