"""Bytes to text and back, for the files the command line mends.

Valid UTF-8 (with or without a byte order mark) is read here directly: it is
nearly every file, and this path costs no import of the detectors.  Anything
else goes to :mod:`textmend.decoding` (byte order marks, UTF-16 without one,
legacy encodings, files that mix encodings, binary refusal), and the mended
text is written back in the encoding(s) it came in, unless the user asked for
UTF-8 (``--transcode-utf8``).  Should :mod:`textmend.decoding` be missing,
only UTF-8 is read, and other files are refused with a message.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field, replace
from typing import Any

from textmend.cli._io import BinaryFile, FileProblem

__all__ = ["UTF8_BOM", "Source", "decode", "decode_utf8", "decoding_module"]

UTF8_BOM = b"\xef\xbb\xbf"

# Checked longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_OTHER_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32-LE"),
    (b"\x00\x00\xfe\xff", "UTF-32-BE"),
    (b"\xff\xfe", "UTF-16-LE"),
    (b"\xfe\xff", "UTF-16-BE"),
)

_CONVERT_HINT = (
    "this textmend reads UTF-8 only; convert the file to UTF-8 first "
    "(for example `iconv -f GBK -t UTF-8 FILE > FILE.utf8`) or name its encoding with --encoding"
)

_MISSING: Any = object()
_decoding: Any = _MISSING


def decoding_module() -> Any:
    """:mod:`textmend.decoding`, imported on first use, or ``None`` if it is not there."""
    global _decoding
    if _decoding is _MISSING:
        try:
            _decoding = importlib.import_module("textmend.decoding")
        except ImportError:
            _decoding = None
    return _decoding


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded text and what is needed to turn it back into the same bytes.

    ``text`` excludes the byte order mark: the mark is a property of the
    encoding, not a character of the text, so rules never see it and columns are
    counted without it.
    """

    text: str
    bom: bool = False
    #: The status of the file when it was read; ``None`` for standard input.
    status: os.stat_result | None = field(default=None, repr=False)
    #: The Python codec the bytes were read with, or ``"mixed"``.
    codec: str = "utf-8"
    #: The file's name, for messages.
    name: str = field(default="", repr=False)
    #: What :func:`textmend.decoding.decode` said, for writing back; ``None`` for
    #: text read on the UTF-8 path or with the standard codecs.
    decoded: Any = field(default=None, repr=False, compare=False)
    #: How sure the reading is: 1.0 for what the bytes prove.
    confidence: float = field(default=1.0, repr=False)

    def encode(self, text: str) -> bytes:
        """Encode ``text`` the way this source was encoded.

        >>> Source("a\\r\\n", bom=True).encode("b\\r\\n")
        b'\\xef\\xbb\\xbfb\\r\\n'
        """
        if self.decoded is not None:
            module = decoding_module()
            try:
                data: bytes = module.encode(text, self.decoded)
            except module.UnencodableTextError as exc:
                raise FileProblem(
                    f"{self.name}: {exc}; it was left untouched (--transcode-utf8 writes UTF-8)"
                ) from None
            return data
        if self.codec == "utf-8":
            return (UTF8_BOM if self.bom else b"") + text.encode("utf-8")
        try:
            return text.encode(self.codec)
        except UnicodeEncodeError as exc:
            bad = text[exc.start]
            raise FileProblem(
                f"{self.name}: the mended text has {bad!r} (U+{ord(bad):04X}), which "
                f"{self.codec} cannot hold, so the file was left untouched; "
                "add --transcode-utf8 to write it as UTF-8"
            ) from None

    @property
    def is_utf8(self) -> bool:
        """Whether the bytes were UTF-8 already (so transcoding has nothing to do)."""
        return self.codec in ("utf-8", "ascii") and self.decoded is None

    def transcoded(self) -> Source:
        """The same text, to be written as UTF-8 (a UTF-8 byte order mark is kept)."""
        if self.is_utf8:
            return self
        return Source(self.text, False, self.status, "utf-8", self.name)


def _utf8(data: bytes, name: str) -> Source | None:
    """The UTF-8 fast path: ``None`` when the bytes are not plainly UTF-8 text."""
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    bom = data.startswith(UTF8_BOM)
    try:
        text = (data[len(UTF8_BOM) :] if bom else data).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return Source(text, bom, name=name)


def decode_utf8(data: bytes, name: str) -> Source:
    """Decode ``data`` as UTF-8, keeping the byte order mark aside.

    Binary data (NUL bytes), UTF-16/32 and invalid UTF-8 are refused with a
    :class:`FileProblem` whose message names ``name``.

    >>> decode_utf8(b"\\xef\\xbb\\xbf\\xe6\\x8c\\x87\\xe5\\x87\\xba,,\\r\\n", "notes.txt")
    Source(text='指出,,\\r\\n', bom=True, codec='utf-8')
    """
    for mark, encoding in _OTHER_BOMS:
        if data.startswith(mark):
            raise FileProblem(
                f"{name}: starts with a {encoding} byte order mark, so it was left untouched: "
                f"{_CONVERT_HINT}"
            )
    if b"\x00" in data:
        raise BinaryFile(f"{name}: skipped: looks binary (it contains NUL bytes)")
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(UTF8_BOM) if bom else 0)
        raise FileProblem(
            f"{name}: is not valid UTF-8 (byte 0x{body[exc.start]:02x} at offset {offset}), "
            f"so it was left untouched: {_CONVERT_HINT}"
        ) from None
    return Source(text, bom, name=name)


def _decode_with_codec(data: bytes, name: str, encoding: str) -> Source:
    """``--encoding`` without :mod:`textmend.decoding`: the standard codecs, strictly."""
    import codecs

    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise FileProblem(f"{name}: --encoding {encoding}: Python knows no such encoding") from None
    if codec == "utf-8":
        return decode_utf8(data, name)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"{name}: is not valid {encoding} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}), so it was left untouched; check the --encoding you named"
        ) from None
    return Source(text, False, codec=codec, name=name)


def _decode_detected(module: Any, data: bytes, name: str, encoding: str | None) -> Source:
    try:
        decoded = module.decode(data, encoding=encoding)
    except module.BinaryInputError as exc:
        raise BinaryFile(f"{name}: skipped: looks binary ({exc.kind})") from None
    except (
        module.UndeterminedEncodingError,
        module.EncodingMismatchError,
        module.UnknownEncodingError,
    ) as exc:
        raise FileProblem(f"{name}: {exc}; it was left untouched") from None
    bom = bool(decoded.bom)
    if decoded.encoding in ("utf-8", "ascii") and not decoded.mixed:
        return Source(decoded.text, bom, name=name)
    return Source(
        decoded.text,
        bom,
        codec=decoded.encoding,
        name=name,
        decoded=decoded,
        confidence=decoded.confidence,
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
        module = decoding_module()
        if module is not None:
            source = _decode_detected(module, data, name, encoding)
        elif encoding is not None:
            source = _decode_with_codec(data, name, encoding)
        else:
            source = decode_utf8(data, name)
    return replace(source, status=status) if status is not None else source
