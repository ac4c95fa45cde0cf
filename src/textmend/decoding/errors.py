"""The errors of bytes-in decoding and bytes-out encoding.

Every one of them leaves the input as it was and says what to do next: name an
encoding, convert the file, or skip it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textmend.errors import ConfigError, TextmendError

__all__ = [
    "BinaryInputError",
    "EncodingMismatchError",
    "UndeterminedEncodingError",
    "UnencodableTextError",
    "UnknownEncodingError",
]


class BinaryInputError(TextmendError):
    """Bytes that look like a binary file (an image, an archive, a program), not text.

    ``kind`` names what the bytes look like, e.g. ``"PNG image"`` or
    ``"control bytes"``.
    """

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"the input looks binary ({kind}), not text, and was left untouched; if it "
            "really is text, name its encoding (encoding=... in Python, --encoding on "
            "the command line)"
        )
        self.kind = kind


class UndeterminedEncodingError(TextmendError):
    """No encoding could be told with enough confidence, or none decodes the bytes.

    ``candidates`` holds ``(encoding, confidence)`` pairs, best first; the
    message lists them so that the user can pick one.
    """

    def __init__(
        self,
        candidates: Sequence[tuple[str, float]],
        *,
        min_confidence: float,
        reason: str = "",
    ) -> None:
        shown = ", ".join(f"{name} ({conf:.2f})" for name, conf in candidates[:5])
        why = reason or f"no guess reaches the confidence threshold {min_confidence:.2f}"
        super().__init__(
            f"could not tell the encoding: {why}; candidates: {shown or 'none'}. "
            "Name the encoding (encoding='cp1252' in Python, --encoding cp1252 on the "
            "command line) or convert the file to UTF-8 first"
        )
        self.candidates = tuple(candidates)
        self.min_confidence = min_confidence


class EncodingMismatchError(TextmendError, ValueError):
    """The encoding the user named does not decode the bytes.

    ``offset`` is the byte offset of the first byte that does not decode.
    """

    def __init__(self, encoding: str, offset: int, line: int, sample: bytes) -> None:
        super().__init__(
            f"the bytes are not valid {encoding}: {sample!r} at byte {offset} (line "
            f"{line}) does not decode; leave the encoding unnamed to have it detected, "
            "or name the one the file was written in"
        )
        self.encoding = encoding
        self.offset = offset
        self.line = line


class UnknownEncodingError(ConfigError):
    """A name that is no Python codec."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"no encoding is called {name!r}: use a Python codec name such as 'utf-8', "
            "'cp1252', 'gb18030' or 'shift_jis'"
        )
        self.name = name


class UnencodableTextError(TextmendError, ValueError):
    """Text with a character the original encoding of its file cannot hold.

    Writing it would lose the character, so nothing is written: the caller can
    write the text as UTF-8 instead, or drop the change that brought the
    character in.
    """

    def __init__(self, char: str, encoding: str, line: int, column: int) -> None:
        name = f"U+{ord(char):04X}"
        super().__init__(
            f"{name} {char!r} at line {line}, column {column} cannot be written in "
            f"{encoding}, the encoding the text was read in; write the text as UTF-8 "
            "instead, or leave out the change that brought the character in"
        )
        self.char = char
        self.encoding = encoding
        self.line = line
        self.column = column
