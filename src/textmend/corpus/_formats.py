"""Reading and writing each kind of shard: JSON Lines, plain text, Parquet.

JSON Lines is streamed a line at a time, so memory does not grow with the
shard.  Only the field being mended is decoded and rewritten: a line whose
text does not change is written back byte for byte, and a changed line keeps
every other field's bytes as they were (key order, spacing, number spelling);
the new string is written in the line's own style (raw UTF-8, or ``\\uXXXX``
escapes when the line used them).  A byte range of a file can be mended on its
own, which is how a process pool shares one large shard.

Parquet (with pyarrow) is read one row group at a time and written with the
same schema, row groups and compression; plain-text files are one document
each, decoded and encoded back the way ``textmend fix`` does it.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import re
from collections.abc import Callable
from typing import Any

from textmend import Config
from textmend.corpus._counters import Counters
from textmend.corpus._mend import mend
from textmend.corpus._shards import CorpusError, Shard

__all__ = [
    "Tick",
    "chunk_ranges",
    "field_span",
    "mend_jsonl",
    "mend_line",
    "mend_parquet",
    "mend_text_file",
]

#: Progress from inside a shard: bytes read, documents, documents changed since the last call.
Tick = Callable[[int, int, int], None]
_TICK_EVERY = 512

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# The decoder's own string scanner (C-accelerated); typeshed does not declare it.
_scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")  # noqa: B009


def field_span(line: str, field: str) -> tuple[int, int, Any] | None:
    """Where the value of the top-level key ``field`` is in the JSON object ``line``.

    Returns ``(start, end, value)``, or ``None`` when the object has no such key
    (the last one counts if it repeats, as with :func:`json.loads`).  Raises
    :class:`ValueError` when ``line`` is not one JSON object.

    >>> field_span('{"id": 1, "text": "a,,b"}', "text")
    (18, 24, 'a,,b')
    """
    found: tuple[int, int, Any] | None = None
    i = _WS.match(line, 1 if line.startswith("\ufeff") else 0).end()  # type: ignore[union-attr]
    if line[i : i + 1] != "{":
        raise ValueError("not a JSON object")
    i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
    if line[i : i + 1] == "}":
        i += 1
    else:
        while True:
            if line[i : i + 1] != '"':
                raise ValueError(f"expected a key at column {i + 1}")
            key, i = _scanstring(line, i + 1)
            i = _WS.match(line, i).end()  # type: ignore[union-attr]
            if line[i : i + 1] != ":":
                raise ValueError(f"expected ':' at column {i + 1}")
            start = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
            value, end = _DECODER.raw_decode(line, start)
            if key == field:
                found = (start, end, value)
            i = _WS.match(line, end).end()  # type: ignore[union-attr]
            mark = line[i : i + 1]
            i += 1
            if mark == "}":
                break
            if mark != ",":
                raise ValueError(f"expected ',' or '}}' at column {i}")
            i = _WS.match(line, i).end()  # type: ignore[union-attr]
    if line[i:].strip(" \t\n\r"):
        raise ValueError(f"extra data after the object at column {i + 1}")
    return found


def _dump(text: str, raw: str) -> str:
    ascii_style = raw.isascii() and "\\u" in raw
    dumped = json.dumps(text, ensure_ascii=ascii_style)
    if not ascii_style and not dumped.isascii():
        try:
            dumped.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (from a \ud800 escape) has no UTF-8: keep it escaped.
            dumped = json.dumps(text, ensure_ascii=True)
    return dumped


def mend_line(raw: bytes, field: str, config: Config, counters: Counters) -> bytes:
    """Mend one line of JSON Lines (with its line ending) and count it.

    >>> line = '{"text": "指出,,发展", "n": 1.50}\\n'.encode()
    >>> mend_line(line, "text", Config(preset="corpus"), Counters()).decode()
    '{"text": "指出，发展", "n": 1.50}\\n'
    """
    counters.bytes_in += len(raw)
    body = raw.rstrip(b"\r\n")
    if not body.strip():
        counters.bytes_out += len(raw)
        return raw
    try:
        line = body.decode("utf-8")
        span = field_span(line, field)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(str(exc)) from None
    if span is None or not isinstance(span[2], str):
        counters.without_text += 1
        counters.bytes_out += len(raw)
        return raw
    start, end, value = span
    fixed = mend(value, config, counters)
    if fixed == value:
        counters.bytes_out += len(raw)
        return raw
    new = line[:start] + _dump(fixed, line[start:end]) + line[end:]
    out = new.encode("utf-8") + raw[len(body) :]
    counters.bytes_out += len(out)
    return out


def chunk_ranges(path: str, size: int, chunk_bytes: int) -> list[tuple[int, int]]:
    """Byte ranges of about ``chunk_bytes`` covering the file, each ending after a newline."""
    bounds = [0]
    with open(path, "rb") as handle:
        pos = chunk_bytes
        while pos < size:
            handle.seek(pos)
            handle.readline()
            boundary = handle.tell()
            if boundary >= size:
                break
            bounds.append(boundary)
            pos = boundary + chunk_bytes
    bounds.append(size)
    return list(itertools.pairwise(bounds)) or [(0, 0)]


def _line_number(path: str, offset: int) -> int:
    """The line that starts at byte ``offset`` (counted only when a line is bad)."""
    lines = 1
    with open(path, "rb") as handle:
        while offset > 0:
            block = handle.read(min(offset, 1 << 20))
            if not block:
                break
            lines += block.count(b"\n")
            offset -= len(block)
    return lines


def mend_jsonl(
    shard: Shard,
    field: str,
    counters: Counters,
    write: Callable[[bytes], object],
    *,
    start: int = 0,
    end: int | None = None,
    tick: Tick | None = None,
) -> None:
    """Mend the lines of ``shard`` in ``[start, end)`` and pass each to ``write``."""
    stop = shard.size if end is None else end
    config = shard.config
    pos = start
    since = (0, 0, 0)
    with open(shard.source, "rb") as handle:
        handle.seek(start)
        for count, raw in enumerate(handle, 1):
            if pos >= stop:
                break
            try:
                write(mend_line(raw, field, config, counters))
            except ValueError as exc:
                raise CorpusError(
                    f"{shard.source}:{_line_number(shard.source, pos)}: not a JSON object in "
                    f"UTF-8 ({exc}); fix or remove the line and run again"
                ) from None
            pos += len(raw)
            if tick is not None and count % _TICK_EVERY == 0:
                tick(
                    counters.bytes_in - since[0],
                    counters.documents - since[1],
                    counters.changed - since[2],
                )
                since = (counters.bytes_in, counters.documents, counters.changed)
    if tick is not None:
        tick(
            counters.bytes_in - since[0],
            counters.documents - since[1],
            counters.changed - since[2],
        )


def mend_text_file(
    shard: Shard, counters: Counters, *, encoding: str | None, transcode_utf8: bool
) -> bytes:
    """The mended bytes of a plain-text shard, in its own encoding (or UTF-8 if asked).

    Raises the CLI's ``BinaryFile`` for a file that is not text, and its
    ``FileProblem`` for one that cannot be read or decoded.
    """
    from textmend.cli._decode import decode
    from textmend.cli._io import read_bytes

    data, _status = read_bytes(shard.source)
    source = decode(data, shard.source, encoding=encoding)
    target = source.transcoded() if transcode_utf8 else source
    fixed = mend(source.text, shard.config, counters)
    new = data if fixed == source.text and target is source else target.encode(fixed)
    counters.bytes_in += len(data)
    counters.bytes_out += len(new)
    return new


def _pyarrow() -> tuple[Any, Any]:
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ModuleNotFoundError:
        raise CorpusError("reading Parquet needs pyarrow: pip install 'textmend[corpus]'") from None


def mend_parquet(
    shard: Shard, field: str, counters: Counters, temp: str | None, *, tick: Tick | None = None
) -> None:
    """Mend the ``field`` column of a Parquet shard into ``temp`` (``None``: write nothing)."""
    pa, pq = _pyarrow()
    reader = pq.ParquetFile(shard.source)
    schema = reader.schema_arrow
    index = schema.get_field_index(field)
    if index < 0:
        raise CorpusError(f"{shard.source}: has no column {field!r}; name one with --field")
    column_type = schema.field(index).type
    if not (pa.types.is_string(column_type) or pa.types.is_large_string(column_type)):
        raise CorpusError(f"{shard.source}: column {field!r} is {column_type}, not text")
    meta = reader.metadata
    compression = "snappy"
    if meta.num_row_groups and meta.num_columns:
        compression = meta.row_group(0).column(0).compression.lower()
        compression = "none" if compression == "uncompressed" else compression
    writer = pq.ParquetWriter(temp, schema, compression=compression) if temp else None
    rows_total = max(1, meta.num_rows)
    rows_done = 0
    try:
        for group in range(meta.num_row_groups):
            before = (counters.documents, counters.changed)
            table = reader.read_row_group(group)
            rows = table.num_rows
            values: list[str | None] = []
            for value in table.column(index).to_pylist():
                if value is None:
                    counters.without_text += 1
                    values.append(None)
                else:
                    values.append(mend(value, shard.config, counters))
            table = table.set_column(index, schema.field(index), pa.array(values, column_type))
            if writer is not None:
                writer.write_table(table, row_group_size=max(1, rows))
            # Progress in bytes: the row groups' share of the file.
            share = shard.size * rows_done // rows_total
            rows_done += rows
            read = shard.size * rows_done // rows_total - share
            counters.bytes_in += read
            if tick is not None:
                tick(read, counters.documents - before[0], counters.changed - before[1])
    finally:
        if writer is not None:
            writer.close()
    if temp is not None:
        counters.bytes_out += os.path.getsize(temp)
