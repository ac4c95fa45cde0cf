"""Making a rename durable: shared by the CLI's safe writes and the corpus shards."""

from __future__ import annotations

import contextlib
import os

__all__ = ["fsync_directory"]


def fsync_directory(directory: str) -> None:
    """Flush a folder's entries, so that a rename into it survives a crash.

    Not every platform can open a folder (Windows cannot), and the file's data is
    already safe by then, so this is best effort.
    """
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
