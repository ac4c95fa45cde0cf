"""Bytes in, text out, and back: the edge where textmend meets files.

:func:`decode` reads bytes in the order of evidence the issue sets out (byte
order mark, strict UTF-8, a declared charset, chardet 7), refuses binary input
and guesses it cannot stand behind, and reads a file that mixes UTF-8 lines
with lines in a legacy encoding segment by segment.  :func:`encode` writes
mended text back in the encoding(s) and with the byte order mark it came in,
so a file is mended without being transcoded.  :class:`StreamDecoder` reads
large inputs block by block in bounded memory.

>>> from textmend.decoding import decode, encode
>>> data = "Crème brûlée, café, thé\\n".encode() + "Prix : 5 \\u20ac\\n".encode("cp1252")
>>> decoded = decode(data)
>>> decoded.text, decoded.encoding, [s.encoding for s in decoded.segments]
('Crème brûlée, café, thé\\nPrix : 5 €\\n', 'mixed', ['utf-8', 'cp1252'])
>>> encode(decoded.text, decoded) == data
True
"""

from __future__ import annotations

from collections.abc import Iterable

from textmend._model import ZhScript
from textmend._pipeline import Config, fix_text
from textmend.decoding._detect import DEFAULT_MIN_CONFIDENCE, analyse, language_of
from textmend.decoding._encode import encode
from textmend.decoding._model import MIXED, Decoded, Detection, LineEnding, Segment
from textmend.decoding._sniff import line_ending
from textmend.decoding._stream import StreamDecoder
from textmend.decoding.errors import (
    BinaryInputError,
    EncodingMismatchError,
    UndeterminedEncodingError,
    UnencodableTextError,
    UnknownEncodingError,
)

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "MIXED",
    "BinaryInputError",
    "Decoded",
    "Detection",
    "EncodingMismatchError",
    "LineEnding",
    "Segment",
    "StreamDecoder",
    "UndeterminedEncodingError",
    "UnencodableTextError",
    "UnknownEncodingError",
    "decode",
    "detect_encoding",
    "encode",
    "fix_bytes",
]

_NOT_BYTES = (
    "textmend.decoding takes bytes, and this is already text (str): mend it with "
    "textmend.fix_text instead"
)


def _as_bytes(data: bytes) -> bytes:
    if isinstance(data, str):
        raise TypeError(_NOT_BYTES)
    return data if type(data) is bytes else bytes(data)


def decode(
    data: bytes,
    *,
    encoding: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Decoded:
    """Decode ``data`` to text, detecting its encoding unless ``encoding`` names it.

    >>> decoded = decode("Gr\\u00fc\\u00dfe aus K\\u00f6ln\\n".encode("utf-16"))
    >>> decoded.text, decoded.encoding, decoded.bom
    ('Grüße aus Köln\\n', 'utf-16-le', b'\\xff\\xfe')

    Raises :class:`BinaryInputError` for bytes that are not text,
    :class:`UndeterminedEncodingError` when the best guess is below
    ``min_confidence`` or nothing decodes the bytes, and, with ``encoding``
    named, :class:`EncodingMismatchError` when it does not decode them.  Bytes
    are never replaced: :func:`encode` of the text gives the input back (for
    cp932 and Big5, which read a few duplicate byte pairs as one character,
    the same text).
    """
    found = analyse(_as_bytes(data), encoding=encoding, min_confidence=min_confidence)
    return Decoded(
        text=found.text,
        encoding=found.encoding,
        confidence=found.confidence,
        bom=found.bom,
        segments=found.segments,
        line_ending=line_ending(found.text),
    )


def detect_encoding(data: bytes) -> Detection:
    """What encoding ``data`` is in, with the confidence, language and line endings.

    Unlike :func:`decode` this reports a guess of any confidence; it still
    raises :class:`BinaryInputError` for bytes that are not text.

    >>> found = detect_encoding("Привет, мир! Как дела?\\r\\n".encode("cp1251"))
    >>> found.encoding, found.line_ending
    ('cp1251', 'crlf')
    """
    found = analyse(_as_bytes(data), encoding=None, min_confidence=0.0)
    return Detection(
        encoding=found.encoding,
        confidence=found.confidence,
        language=language_of(found.text) if found.text else None,
        bom=found.bom,
        line_ending=line_ending(found.text),
        segments=found.segments,
    )


def fix_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    preset: str | None = None,
    zh_script: ZhScript | None = None,
    config: Config | None = None,
) -> str:
    """Decode ``data`` (see :func:`decode`), then mend the text with ``fix_text``.

    >>> fix_bytes("指出,,发展".encode("gb18030"))
    '指出，发展'
    """
    text = decode(data, encoding=encoding, min_confidence=min_confidence).text
    return fix_text(
        text, select=select, ignore=ignore, preset=preset, zh_script=zh_script, config=config
    )
