"""Writing mended text back in the encoding(s) it was read in."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from textmend.decoding._model import Decoded
from textmend.decoding.errors import UnencodableTextError

__all__ = ["encode"]


def encode(text: str, decoded: Decoded) -> bytes:
    """Encode ``text`` the way the bytes behind ``decoded`` were encoded.

    The byte order mark comes back, and so does each segment's encoding in a
    file that mixed encodings: a line keeps the encoding it was read in (lines
    a repair added take the encoding of the line before them).  Text of an
    ``"ascii"`` file that gained other characters is written as UTF-8, the
    superset textmend writes.  Decoding and encoding unchanged text gives the
    original bytes back for every codec that round-trips.

    >>> from textmend.decoding import decode
    >>> original = b"\\xef\\xbb\\xbfcaf\\xc3\\xa9\\r\\n"
    >>> encode("Caf\\u00e9\\r\\n", decode(original))
    b'\\xef\\xbb\\xbfCaf\\xc3\\xa9\\r\\n'

    Raises :class:`UnencodableTextError` for a character the encoding cannot
    hold, instead of writing a replacement.
    """
    if len(decoded.segments) < 2:
        return decoded.bom + _encode(text, 0, _writer(decoded.encoding), text)
    return decoded.bom + b"".join(
        _encode(text[start:end], start, codec, text) for start, end, codec in _spans(text, decoded)
    )


def _writer(encoding: str) -> str:
    return "utf-8" if encoding == "ascii" else encoding


def _encode(piece: str, offset: int, codec: str, whole: str) -> bytes:
    try:
        return piece.encode(codec)
    except UnicodeEncodeError as error:
        position = offset + error.start
        line = whole.count("\n", 0, position) + 1
        column = position - (whole.rfind("\n", 0, position) + 1) + 1
        raise UnencodableTextError(whole[position], codec, line, column) from None


def _lines(text: str, sep: str) -> list[str]:
    """``text`` cut after each ``sep``; the pieces join back to ``text``."""
    parts = text.split(sep)
    lines = [part + sep for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _spans(text: str, decoded: Decoded) -> list[tuple[int, int, str]]:
    """``(start, end, codec)`` stretches of ``text``, by the segment of each line."""
    old = decoded.text
    sep = "\n" if "\n" in old else "\r"
    old_lines = _lines(old, sep)
    codecs_of_old: list[str] = []
    position = 0
    segments = iter(decoded.segments)
    segment = next(segments)
    for line in old_lines:
        while position >= segment.text_end and segment is not decoded.segments[-1]:
            segment = next(segments)
        codecs_of_old.append(segment.encoding)
        position += len(line)

    new_lines = _lines(text, sep)
    codecs_of_new = _map_lines(old_lines, new_lines, codecs_of_old)

    spans: list[tuple[int, int, str]] = []
    position = 0
    for line, codec in zip(new_lines, codecs_of_new, strict=True):
        end = position + len(line)
        if spans and spans[-1][2] == codec:
            spans[-1] = (spans[-1][0], end, codec)
        else:
            spans.append((position, end, codec))
        position = end
    return spans


def _map_lines(old: Sequence[str], new: Sequence[str], codecs: Sequence[str]) -> list[str]:
    """The codec of each new line, from the old line it came from."""
    if not codecs:
        return ["utf-8"] * len(new)
    if len(old) == len(new):
        # Repairs edit inside lines; the common case needs no alignment.
        return list(codecs)
    mapped: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag in ("equal", "replace"):
                mapped.append(codecs[min(i1 + (j - j1), i2 - 1)])
            else:  # an inserted line takes the encoding of the line before it
                mapped.append(codecs[max(i1 - 1, 0)])
    return mapped
