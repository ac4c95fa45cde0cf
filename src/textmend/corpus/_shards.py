"""Which shards a corpus has, where their output goes, and how a shard is finished.

A shard is one input file: a JSON Lines file, a Parquet file, or a plain-text
file (one document).  Its output has the same relative path under the output
folder.  A shard is finished when its output has been moved into place whole
(written to a temporary file beside it, fsynced, :func:`os.replace`) *and*
its completion marker has been written the same way, after it.  The marker
holds the shard's counters, so a resumed run's report still covers every
shard; it also holds the input's size and modification time, the rules and
the field, and a shard whose marker does not match them is done again.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, NamedTuple

from textmend import Config
from textmend._durable import fsync_directory
from textmend.corpus._counters import Counters
from textmend.errors import TextmendError

__all__ = [
    "STATE_DIR",
    "TEMP_SUFFIX",
    "CorpusError",
    "Format",
    "Kind",
    "Shard",
    "atomic_path",
    "finished",
    "plan",
    "remove_stale_temporaries",
    "write_marker",
]

Kind = Literal["jsonl", "parquet", "text"]
#: ``auto`` tells the kind of each file by its name.
Format = Literal["auto", "jsonl", "parquet", "text"]

_SUFFIXES: dict[str, Kind] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".parquet": "parquet",
}

#: Completion markers live here, inside the output folder, mirroring the shards.
STATE_DIR = ".textmend-corpus"
#: The suffix of temporary files: the CLI's default excludes skip it too.
TEMP_SUFFIX = ".textmend-tmp"
_MARKER_VERSION = 1


class CorpusError(TextmendError):
    """A corpus run cannot start or a shard cannot be read; the message says why."""


class Shard(NamedTuple):
    """One input file and everything a worker needs to mend it (picklable)."""

    #: The output's path relative to the output folder, with ``/``.
    name: str
    source: str
    output: str
    marker: str
    kind: Kind
    size: int
    mtime_ns: int
    config: Config


def _kind(path: str, fmt: Format) -> Kind:
    if fmt != "auto":
        return fmt
    return _SUFFIXES.get(os.path.splitext(path)[1].lower(), "text")


def _walk(root: str, skip: str) -> Iterator[str]:
    """Files under ``root`` in name order, leaving out hidden names and ``skip``."""
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and os.path.realpath(os.path.join(directory, d)) != skip
        )
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith(TEMP_SUFFIX):
                yield os.path.join(directory, name)


def plan(
    inputs: Sequence[str],
    outdir: str,
    *,
    config_for: Callable[[str], Config],
    fmt: Format = "auto",
) -> list[Shard]:
    """The shards of ``inputs``, in a stable order.

    A folder's files keep their paths relative to the folder, so one input
    folder is mirrored straight into ``outdir``; a file named on its own goes
    to ``outdir`` under its own name.  Two inputs that would write the same
    output, or an input that would be overwritten, are refused.
    """
    if os.path.exists(outdir) and not os.path.isdir(outdir):
        raise CorpusError(f"{outdir}: is a file; the output (-o) must be a folder")
    out_real = os.path.realpath(outdir)
    shards: list[Shard] = []
    owners: dict[str, str] = {}
    for given in inputs:
        if not os.path.exists(given):
            raise CorpusError(f"{given}: no such file or folder")
        if os.path.isdir(given):
            base = given
            files = list(_walk(given, out_real))
        else:
            base = os.path.dirname(given) or "."
            files = [given]
        for path in files:
            rel = os.path.relpath(path, base).replace(os.sep, "/")
            if rel in owners:
                raise CorpusError(
                    f"{path} and {owners[rel]} would both be written to {rel} in {outdir}; "
                    "name their folders instead, or run them into separate output folders"
                )
            owners[rel] = path
            output = os.path.join(outdir, *rel.split("/"))
            if os.path.realpath(output) == os.path.realpath(path):
                raise CorpusError(f"{path}: the output would overwrite the input")
            status = os.stat(path)
            shards.append(
                Shard(
                    name=rel,
                    source=path,
                    output=output,
                    marker=os.path.join(outdir, STATE_DIR, *rel.split("/")) + ".done",
                    kind=_kind(path, fmt),
                    size=status.st_size,
                    mtime_ns=status.st_mtime_ns,
                    config=config_for(os.path.abspath(path)),
                )
            )
    return shards


@contextlib.contextmanager
def atomic_path(path: str) -> Iterator[str]:
    """A temporary path beside ``path``, moved over it when the block ends cleanly.

    The caller writes the temporary file (streaming, so a shard's output never
    has to fit in memory, which is why this is not the CLI's whole-bytes
    ``write_atomic``); it is then fsynced and renamed into place.  On any error,
    or a kill, ``path`` is untouched; a kill may leave the temporary file, which
    :func:`remove_stale_temporaries` clears on the next run.
    """
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    prefix = "." + os.path.basename(path)[:100] + "."
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=directory)
    os.close(fd)
    try:
        yield temp
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        # mkstemp makes the file private; an output is an ordinary file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_directory(directory)


def remove_stale_temporaries(outdir: str) -> int:
    """Delete the temporary files a killed run left in ``outdir``; return how many."""
    removed = 0
    for directory, _dirs, files in os.walk(outdir):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(directory, name))
                    removed += 1
    return removed


def _identity(shard: Shard, field: str) -> dict[str, Any]:
    """What a marker must match for its shard to count as finished."""
    return {
        "version": _MARKER_VERSION,
        "size": shard.size,
        "mtime_ns": shard.mtime_ns,
        "kind": shard.kind,
        "field": field,
        "config": repr(shard.config),
        # A preset's rules may change between versions: the marker names them.
        "rules": [rule.code for rule in shard.config.rules()],
    }


def write_marker(shard: Shard, field: str, counters: Counters, seconds: float) -> None:
    """Record that ``shard`` is finished (after its output is in place)."""
    data = _identity(shard, field)
    data["counters"] = counters.to_json()
    data["seconds"] = round(seconds, 6)
    with atomic_path(shard.marker) as temp, open(temp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, sort_keys=True)


def finished(shard: Shard, field: str) -> tuple[Counters, float] | None:
    """The counters and time of a finished shard, or ``None`` if it must be done."""
    if not os.path.isfile(shard.output):
        return None
    try:
        with open(shard.marker, encoding="utf-8") as handle:
            data = json.load(handle)
        if any(data.get(key) != value for key, value in _identity(shard, field).items()):
            return None
        return Counters.from_json(data["counters"]), float(data["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
