"""Decoding a stream of bytes block by block, in bounded memory.

The first window of the stream is read in full and analysed as
:func:`textmend.decoding.decode` would: binary refusal, byte order marks, UTF-16
and UTF-32, escape encodings and a declared charset are settled there.  The
rest is read in blocks that end at a line end.  A block that is valid UTF-8
costs one decode; a block that is not is split into lines, and the encoding of
its legacy lines is detected on that block (a window around its first
non-UTF-8 byte) and kept for the blocks after it as long as it decodes them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from textmend.decoding._detect import (
    DEFAULT_MIN_CONFIDENCE,
    ESCAPE_CODECS,
    Analysis,
    Choice,
    analyse,
    assemble,
    choose_legacy,
    fits,
    refuse_cut_utf8,
)
from textmend.decoding._lines import split_runs
from textmend.decoding._model import MIXED, LineEnding, Segment, line_span
from textmend.decoding._sniff import (
    canonical,
    is_ascii_compatible,
    split_bom,
    utf16_32_without_bom,
)
from textmend.decoding.errors import (
    EncodingMismatchError,
    UndeterminedEncodingError,
    UnknownEncodingError,
)

__all__ = ["StreamDecoder"]

_READ_SIZE = 64 * 1024
# The end of the last character that ends in an ASCII byte: in UTF-8 and in the
# double-byte encodings alike, no character continues past such a byte.
_LAST_ASCII = re.compile(rb"[\x00-\x7f][\x80-\xff]*\Z")


def _chunks(source: BinaryIO | Iterable[bytes]) -> Iterator[bytes]:
    read = getattr(source, "read", None)
    if read is not None:
        while chunk := read(_READ_SIZE):
            yield bytes(chunk)
    else:
        for chunk in source:
            if chunk:
                yield bytes(chunk)


class StreamDecoder:
    """Decode a binary file, or an iterable of byte chunks, to text in pieces.

    Iterating yields the text piece by piece; memory stays within about
    ``window`` bytes (plus one chunk) whatever the size of the input.  The
    attributes describe what was read so far and are final once iteration
    ends.  Errors are those of :func:`~textmend.decoding.decode`; text yielded
    before an error stands.

    >>> import io
    >>> data = "Crème brûlée, thé\\n".encode() + "Prix : 5 \\u20ac\\n".encode("cp1252")
    >>> stream = StreamDecoder(io.BytesIO(data))
    >>> "".join(stream), stream.encoding
    ('Crème brûlée, thé\\nPrix : 5 €\\n', 'mixed')
    """

    def __init__(
        self,
        source: BinaryIO | Iterable[bytes],
        *,
        encoding: str | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        window: int = 1 << 20,
    ) -> None:
        self._source = source
        self._named = encoding
        self._min_confidence = min_confidence
        self._window = max(window, 64)
        self._started = False
        #: The encoding read so far: a codec name, ``"ascii"`` or ``"mixed"``.
        self.encoding = "ascii"
        #: The lowest confidence of the encodings read so far.
        self.confidence = 1.0
        #: The byte order mark the stream starts with, if any.
        self.bom = b""
        #: Stretches read in one encoding, merged as they grow.
        self.segments: list[Segment] = []
        self._ends = {"crlf": 0, "lf": 0, "cr": 0}
        self._bytes = 0  # bytes of the input handled so far
        self._chars = 0  # characters yielded so far
        self._placed = 0  # characters placed in segments so far
        self._line = 1  # the line the next segment starts on
        self._ended_line = False  # whether the text so far ends with a line break

    @property
    def line_ending(self) -> LineEnding:
        """How the text read so far ends its lines."""
        kinds = [kind for kind, count in self._ends.items() if count]
        if not kinds:
            return "none"
        if len(kinds) > 1:
            return "mixed"
        return "crlf" if kinds[0] == "crlf" else "lf" if kinds[0] == "lf" else "cr"

    def __iter__(self) -> Iterator[str]:
        if self._started:
            raise RuntimeError("a StreamDecoder reads its source once")
        self._started = True
        chunks = _chunks(self._source)
        buffer = bytearray()
        for chunk in chunks:
            buffer += chunk
            if len(buffer) >= self._window:
                break
        probe = bytes(buffer)
        if self._named is not None:
            yield from self._whole(self._named_codec(probe), chunks, buffer, named=True)
            return
        found = analyse(self._probe_cut(probe), encoding=None, min_confidence=self._min_confidence)
        codec = found.encoding
        if (
            codec.startswith(("utf-16", "utf-32"))
            or codec in ESCAPE_CODECS
            or (codec not in ("ascii", "utf-8", MIXED) and not is_ascii_compatible(codec))
        ):
            self.bom, self.confidence = found.bom, found.confidence
            yield from self._whole(codec, chunks, buffer, named=False)
            return
        yield from self._by_lines(found, chunks, buffer)

    # -- one codec from start to end ----------------------------------------------------

    def _named_codec(self, probe: bytes) -> str:
        assert self._named is not None
        codec = canonical(self._named)
        if codec is None:
            raise UnknownEncodingError(self._named)
        bom, bom_codec = split_bom(probe)
        family = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(codec, codec)
        if bom_codec is not None and bom_codec.startswith(family):
            self.bom = bom
            return bom_codec
        if family in ("utf-16", "utf-32"):
            guess = utf16_32_without_bom(probe[: len(probe) - len(probe) % 4])
            return guess[0] if guess and guess[0].startswith(family) else family + "-le"
        return codec

    def _whole(
        self, codec: str, chunks: Iterator[bytes], buffer: bytearray, *, named: bool
    ) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(codec)()
        start = self._bytes = len(self.bom)
        self.encoding = codec
        pending: bytes = bytes(buffer[len(self.bom) :])
        while True:
            final = not pending
            try:
                text = decoder.decode(pending, final=final)
            except UnicodeDecodeError as error:
                # The decoder may hold a few bytes of the chunk before: near enough.
                offset = self._bytes + max(error.start, 0)
                line = self._ends["lf"] + self._ends["crlf"] + self._ends["cr"] + 1
                line += pending.count(b"\n", 0, max(error.start, 0))
                if named:
                    sample = pending[error.start : error.start + 4]
                    raise EncodingMismatchError(codec, offset, line, sample) from None
                raise UndeterminedEncodingError(
                    [(codec, self.confidence)],
                    min_confidence=0.0,
                    reason=f"byte {offset} is not {codec}, the encoding of the start",
                ) from None
            self._bytes += len(pending)
            self._emit(text)
            if text:
                yield text
            if final:
                break
            pending = next(chunks, b"")
        lines = sum(self._ends.values())
        last = lines if lines and self._ended_line else lines + 1
        self.segments = [Segment(start, self._bytes, codec, 0, self._chars, 1, max(last, 1))]

    # -- line by line ---------------------------------------------------------------------

    def _by_lines(
        self, found: Analysis, chunks: Iterator[bytes], buffer: bytearray
    ) -> Iterator[str]:
        self.bom = found.bom
        del buffer[: len(self.bom)]
        self._bytes = len(self.bom)
        choice: Choice | None = None
        legacy = {s.encoding for s in found.segments} - {"utf-8"}
        if found.encoding not in ("ascii", "utf-8", MIXED):
            legacy = {found.encoding}
        if legacy:
            name = legacy.pop()
            choice = Choice(name, found.confidence, ((name, found.confidence),))
        exhausted = False
        wanted = self._window
        while buffer or not exhausted:
            while not exhausted and len(buffer) < wanted:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    buffer += chunk
            cut = len(buffer) if exhausted else self._cut(buffer)
            if not cut:  # a long line: read on towards its end
                wanted = len(buffer) + _READ_SIZE
                continue
            wanted = self._window
            block = bytes(buffer[:cut])
            del buffer[:cut]
            text, choice = self._block(block, choice, final=exhausted and not buffer)
            if text:
                yield text

    def _cut(self, buffer: bytearray) -> int:
        end = buffer.rfind(b"\n")
        if end >= 0:
            return end + 1
        if len(buffer) < 4 * self._window:
            return 0  # a long line: read on to its end
        match = _LAST_ASCII.search(buffer)
        return match.start() + 1 if match else len(buffer)

    def _block(
        self, block: bytes, choice: Choice | None, *, final: bool
    ) -> tuple[str, Choice | None]:
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError as error:
            if final:
                refuse_cut_utf8(block, 0, error)
            runs = split_runs(block)
            if choice is None or not fits(block, runs, choice):
                choice = choose_legacy(block, 0, error.start, runs, self._min_confidence)
            found = assemble(block, 0, b"", runs, choice, self._min_confidence)
            text = found.text
            self.confidence = min(self.confidence, found.confidence)
            if found.segments:
                for segment in found.segments:
                    piece = text[segment.text_start : segment.text_end]
                    self._add(segment.encoding, segment.end - segment.start, piece)
            else:
                self._add(found.encoding, len(block), text)
        else:
            self._add("ascii" if block.isascii() else "utf-8", len(block), text)
        self._emit(text)
        return text, choice

    def _add(self, codec: str, size: int, piece: str) -> None:
        start, text_start, line = self._bytes, self._placed, self._line
        self._bytes += size
        self._placed += len(piece)
        last_line, self._line = line_span(piece, line)
        last = self.segments[-1] if self.segments else None
        if last is not None and codec == "ascii":
            codec = last.encoding  # ASCII reads the same in what came before
        if last is not None and last.encoding == "ascii" and codec != "ascii":
            last = replace(last, encoding=codec)
            self.segments[-1] = last
        if last is not None and last.encoding == codec:
            self.segments[-1] = replace(
                last, end=self._bytes, text_end=self._placed, last_line=max(last_line, line)
            )
        else:
            self.segments.append(
                Segment(start, self._bytes, codec, text_start, self._placed, line, last_line)
            )
        names = {s.encoding for s in self.segments}
        self.encoding = names.pop() if len(names) == 1 else MIXED

    def _emit(self, text: str) -> None:
        if text:
            self._ended_line = text.endswith(("\n", "\r"))
        crlf = text.count("\r\n")
        self._ends["crlf"] += crlf
        self._ends["lf"] += text.count("\n") - crlf
        self._ends["cr"] += text.count("\r") - crlf
        self._chars += len(text)

    def _probe_cut(self, probe: bytes) -> bytes:
        if len(probe) < self._window:
            return probe  # the whole input
        codec = split_bom(probe)[1]
        if (codec is not None and codec != "utf-8") or b"\x00" in probe:
            return probe[: len(probe) - len(probe) % 4]
        end = probe.rfind(b"\n")
        return probe[: end + 1] if end > 0 else probe
