"""What decoding returns: the text and everything needed to write it back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["MIXED", "Decoded", "Detection", "LineEnding", "Segment", "line_span"]

#: ``Decoded.encoding`` of a text whose segments were read in different encodings.
MIXED = "mixed"

#: How a text ends its lines; ``"none"`` for a text of one line.
LineEnding = Literal["lf", "crlf", "cr", "mixed", "none"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the input read in one encoding.

    ``start`` and ``end`` are byte offsets in the input (the byte order mark
    included, so ``data[start:end]`` is the stretch); ``text_start`` and
    ``text_end`` are where its characters sit in the decoded text;
    ``first_line`` and ``last_line`` number its lines from 1, for messages.
    Segments always begin at the start of a line.
    """

    start: int
    end: int
    encoding: str
    text_start: int
    text_end: int
    first_line: int = 1
    last_line: int = 1


def line_span(piece: str, first: int) -> tuple[int, int]:
    """The last line of ``piece`` if it starts on line ``first``, and the next line.

    >>> line_span("a\\nb\\n", 3), line_span("a\\r\\nb", 3), line_span("", 3)
    ((4, 5), (4, 4), (3, 3))
    """
    breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
    last = first + breaks - (1 if breaks and piece.endswith(("\n", "\r")) else 0)
    return last, first + breaks


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was encoded.

    ``encoding`` is a Python codec name (``"utf-8"``, ``"cp1252"``,
    ``"gb18030"``), ``"ascii"`` for bytes below 128 only, or ``"mixed"`` when the
    ``segments`` were read in different encodings.  ``text`` never contains the
    byte order mark; ``bom`` holds it.  ``confidence`` is 1.0 for what the bytes
    prove (a byte order mark, valid UTF-8, a name given by the caller) and the
    detector's estimate otherwise.
    """

    text: str
    encoding: str
    confidence: float
    bom: bytes = b""
    segments: tuple[Segment, ...] = ()
    line_ending: LineEnding = "none"

    @property
    def mixed(self) -> bool:
        """Whether the text was read in more than one encoding."""
        return len(self.segments) > 1


@dataclass(frozen=True, slots=True)
class Detection:
    """What :func:`textmend.decoding.detect_encoding` found out about some bytes.

    The fields mean what they mean in :class:`Decoded`; ``language`` is an ISO
    639-1 code such as ``"fr"`` when the detector offers one, ``None`` otherwise.
    """

    encoding: str
    confidence: float
    language: str | None = None
    bom: bytes = b""
    line_ending: LineEnding = "none"
    segments: tuple[Segment, ...] = ()
