"""Bytes to text and back, for the files the command line mends.

Valid UTF-8 (with or without a byte order mark) is read here directly: it is
nearly every file, and this path imports no detector, which keeps a cold
``textmend check`` fast.  Anything else goes to :mod:`textmend.decoding` (byte
order marks, UTF-16 without one, legacy encodings, files that mix encodings,
binary refusal), and the mended text is written back in the encoding(s) it
came in, unless the user asked for UTF-8 (``--transcode-utf8``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from textmend.cli._io import BinaryFile, FileProblem

if TYPE_CHECKING:
    from textmend.decoding import Decoded

__all__ = ["UTF8_BOM", "Source", "decode"]

UTF8_BOM = b"\xef\xbb\xbf"


class Source(NamedTuple):
    """Decoded text and what is needed to turn it back into the same bytes.

    ``text`` excludes the byte order mark: the mark is a property of the
    encoding, not a character of the text, so rules never see it and columns are
    counted without it.
    """

    text: str
    bom: bool = False
    #: The status of the file when it was read; ``None`` for standard input.
    status: os.stat_result | None = None
    #: The Python codec the bytes were read with, or ``"mixed"``.
    codec: str = "utf-8"
    #: The file's name, for messages.
    name: str = ""
    #: What :func:`textmend.decoding.decode` said, for writing back; ``None`` for
    #: text read on the UTF-8 path.
    decoded: Decoded | None = None

    def encode(self, text: str) -> bytes:
        """Encode ``text`` the way this source was encoded.

        >>> Source("a\\r\\n", bom=True).encode("b\\r\\n")
        b'\\xef\\xbb\\xbfb\\r\\n'
        """
        if self.decoded is None:
            return (UTF8_BOM if self.bom else b"") + text.encode("utf-8")
        from textmend import decoding

        try:
            return decoding.encode(text, self.decoded)
        except decoding.UnencodableTextError as exc:
            raise FileProblem(
                f"{self.name}: {exc}; it was left untouched (--transcode-utf8 writes UTF-8)"
            ) from None

    def transcoded(self) -> Source:
        """The same text, to be written as UTF-8 (a UTF-8 byte order mark is kept)."""
        if self.decoded is None:
            return self
        return Source(self.text, False, self.status, "utf-8", self.name)


def _utf8(data: bytes, name: str) -> Source | None:
    """The UTF-8 fast path: ``None`` when the bytes are not plainly UTF-8 text.

    NUL bytes go to the detector: they mean binary, or UTF-16/32 without a mark.

    >>> source = _utf8(b"\\xef\\xbb\\xbf\\xe6\\x8c\\x87\\xe5\\x87\\xba,,\\r\\n", "notes.txt")
    >>> source.text, source.bom, source.codec
    ('指出,,\\r\\n', True, 'utf-8')
    """
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    bom = data.startswith(UTF8_BOM)
    try:
        text = (data[len(UTF8_BOM) :] if bom else data).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return Source(text, bom, name=name)


def _detected(data: bytes, name: str, encoding: str | None) -> Source:
    from textmend import decoding

    try:
        decoded = decoding.decode(data, encoding=encoding)
    except decoding.BinaryInputError as exc:
        raise BinaryFile(f"{name}: skipped: looks binary ({exc.kind})") from None
    except (
        decoding.UndeterminedEncodingError,
        decoding.EncodingMismatchError,
        decoding.UnknownEncodingError,
    ) as exc:
        raise FileProblem(f"{name}: {exc}; it was left untouched") from None
    if decoded.encoding in ("utf-8", "ascii") and not decoded.mixed:
        return Source(decoded.text, bool(decoded.bom), name=name)
    return Source(
        decoded.text, bool(decoded.bom), codec=decoded.encoding, name=name, decoded=decoded
    )


def decode(
    data: bytes, name: str, *, encoding: str | None = None, status: os.stat_result | None = None
) -> Source:
    """Decode the bytes of the file ``name``: as ``encoding`` if given, else detected.

    Raises :class:`BinaryFile` for data that is not text and :class:`FileProblem`
    for text that cannot be decoded with confidence.
    """
    source = _utf8(data, name) if encoding is None else None
    if source is None:
        source = _detected(data, name, encoding)
    return source._replace(status=status) if status is not None else source
