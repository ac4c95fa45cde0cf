"""From bytes to text: the order of evidence.

1. A byte order mark.
2. The signature of a binary format, or NUL bytes: UTF-16 or UTF-32 without a
   byte order mark when a byte order reads as text, binary otherwise.
3. Strict UTF-8, the fast path.  Bytes below 128 only are ASCII, unless they
   declare another charset or carry ISO-2022, HZ or UTF-7 escapes.
4. A declared charset (XML, HTML, CSS, Python coding line) that decodes the
   lines that are not UTF-8.
5. chardet 7 on the lines that are not UTF-8, or on the start of the file
   when no line is UTF-8, as chardet itself would read it.
6. Lines that are valid UTF-8 stay UTF-8, and the file comes back in segments
   (:mod:`textmend.decoding._lines` says why line by line).

Nothing is ever decoded with replacement characters: bytes that no candidate
decodes raise :class:`UndeterminedEncodingError`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass

import chardet

from textmend.decoding._lines import Kind, Profile, Run, fit, oddities, profile_of, split_runs
from textmend.decoding._model import MIXED, Segment, line_span
from textmend.decoding._sniff import (
    WINDOW,
    binary_signature,
    canonical,
    declared_charset,
    is_ascii_compatible,
    looks_like_control_data,
    split_bom,
    utf16_32_without_bom,
)
from textmend.decoding.errors import (
    BinaryInputError,
    EncodingMismatchError,
    UndeterminedEncodingError,
    UnknownEncodingError,
)

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "ESCAPE_CODECS",
    "Analysis",
    "Choice",
    "analyse",
    "assemble",
    "choose_legacy",
    "fits",
    "language_of",
    "refuse_cut_utf8",
    "refuse_damaged_utf8",
]

#: Below this confidence a guess is reported as undetermined instead of used.
#: chardet gives its fallback answers 0.00 to 0.03 and few right answers fall
#: below 0.05 (see tests/test_decoding.py for the measured figures).
DEFAULT_MIN_CONFIDENCE = 0.05

#: How much chardet reads, as in chardet itself.
_CHARDET_WINDOW = chardet.DEFAULT_MAX_BYTES
# Confidence of a declared charset that decodes the data: strong, not proof.
_DECLARED_CONFIDENCE = 0.95
# Legacy text sampled to score candidates against the UTF-8 part of a file.
_FIT_SAMPLE = 8192
# Non-ASCII characters of UTF-8 text a profile needs to count in full.
_FIT_FULL_WEIGHT = 8
# ASCII bytes before the first legacy line above which chardet starts there.
_ASCII_LEAD = 4096
# chardet's confidence above which its answer is taken as it is.
_SURE = 0.5
# Below that, how many of chardet's candidates are read and compared, unless
# the input is this short and all of them are.
_RERANKED = 10
_FEW_BYTES = 1024
# What a character out of place costs, against chardet's confidence.
_ODDITY_WEIGHT = 2.0
# How much better a legacy reading of a valid UTF-8 line must fit to be taken.
_UTF8_PRIOR = 0.25
# The most a lead over the other readings can make a guess worth.
_MAX_LEAD_CONFIDENCE = 0.9
# What a UTF-7 character outside ASCII looks like: "+AOk-".
_UTF7_SHIFT = re.compile(rb"\+[A-Za-z0-9/]{2,}-?")
#: Stateful codecs written in bytes below 128.
ESCAPE_CODECS = frozenset(
    {"iso2022_jp", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_ext", "iso2022_kr", "hz", "utf-7"}
)
# A name chardet gives that another codec reads identically with room for more
# characters: taken when it decodes the bytes to the very same text, so that
# writing back can hold what a repair brings in.
_SUPERSETS: dict[str, tuple[str, ...]] = {
    "iso8859-1": ("cp1252",),
    "iso8859-9": ("cp1254",),
    "iso8859-11": ("cp874",),
    "tis-620": ("cp874",),
    "iso8859-13": ("cp1257",),
    "gb2312": ("gbk", "gb18030"),
    "gbk": ("gb18030",),
    "euc_kr": ("cp949",),
    "big5": ("cp950", "big5hkscs"),
    "shift_jis": ("cp932",),
}


# Codecs that read two byte sequences as the same character (the NEC and IBM
# copies in cp932, a few Big5 duplicates), so text they read may be written
# back as other bytes; the subsets that write back what they read.
_LOSSY_CODECS: dict[str, tuple[str, ...]] = {
    "cp932": ("shift_jis",),
    "cp950": ("big5",),
    "big5hkscs": ("big5", "cp950"),
    "big5": (),
    "johab": (),
}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything decoding found, before it is cut down to Decoded or Detection."""

    text: str
    encoding: str
    confidence: float
    bom: bytes = b""
    segments: tuple[Segment, ...] = ()


def analyse(data: bytes, *, encoding: str | None, min_confidence: float) -> Analysis:
    """Decode ``data`` following the order of evidence in the module docstring."""
    if encoding is not None:
        return _decode_named(data, encoding)
    if not data:
        return Analysis("", "ascii", 1.0)

    bom, bom_codec = split_bom(data)
    if bom_codec is not None:
        found = _decode_with_bom(data, bom, bom_codec, min_confidence)
        if found is not None:
            return found

    kind = binary_signature(data)
    if kind is not None:
        raise BinaryInputError(kind)

    if b"\x00" in data[:WINDOW]:
        wide = _utf16_32(data)
        if wide is not None:
            return wide
        if looks_like_control_data(data):
            raise BinaryInputError("NUL and control bytes")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        refuse_cut_utf8(data, 0, error)
        return _legacy(data, 0, b"", error.start, min_confidence)
    if data.isascii():
        return _ascii(data, text)
    return Analysis(text, "utf-8", 1.0)


def refuse_cut_utf8(data: bytes, offset: int, error: UnicodeDecodeError) -> None:
    """Refuse UTF-8 whose only flaw is a character cut off at the very end.

    Reading the cut bytes in a legacy encoding would invent characters, and
    dropping them would lose bytes; a file cut short should be restored first.
    """
    if offset + error.end != len(data) or error.reason != "unexpected end of data":
        return
    # A last line "...caf\xe9" in cp1252 ends the same way; it is a cut UTF-8
    # character only when the line shows UTF-8 before the cut.
    cut = offset + error.start
    line_start = data.rfind(b"\n", 0, cut) + 1
    if not data[line_start:cut].isascii():
        raise UndeterminedEncodingError(
            [("utf-8", 1.0)],
            min_confidence=0.0,
            reason="the bytes are UTF-8 but their last character is cut off: the file "
            "looks cut short",
        )


#: A line counts as damaged UTF-8 when at most this many of its bytes are not
#: UTF-8 and its valid UTF-8 has at least _DAMAGED_MIN_EXTRA bytes beyond one per
#: character (eight CJK characters, or sixteen accented letters).  A line in a
#: legacy encoding has far more bytes that are not UTF-8 than that.
_DAMAGED_MAX_BAD = 2
_DAMAGED_MIN_EXTRA = 16


def refuse_damaged_utf8(data: bytes, offset: int) -> None:
    """Refuse a line of UTF-8 text with a stray byte or two that UTF-8 cannot read.

    Such a line is damaged UTF-8 (a byte lost or flipped), not a line in a
    legacy encoding: read whole with a legacy codec it would come out as
    mojibake (Chinese UTF-8 read as Arabic cp1256, say), and read as UTF-8 the
    stray bytes would have to be replaced.  Neither keeps the text, so the
    input is refused with the place of the damage.
    """
    start = offset
    number = data.count(b"\n", 0, offset) + 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        line = data[start:end]
        if not line.isascii():
            kept = line.decode("utf-8", errors="ignore")
            valid = len(kept.encode("utf-8"))
            bad = len(line) - valid
            if 0 < bad <= _DAMAGED_MAX_BAD and valid - len(kept) >= _DAMAGED_MIN_EXTRA:
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError as error:
                    where = start + error.start
                    raise UndeterminedEncodingError(
                        [("utf-8", 1.0)],
                        min_confidence=0.0,
                        reason=f"line {number} is UTF-8 text with {bad} stray "
                        f"byte{'s' if bad > 1 else ''} that UTF-8 cannot read "
                        f"({data[where : where + 1]!r} at byte {where}): the file looks "
                        "damaged; repair or remove the byte",
                    ) from None
        number += 1
        start = end


def language_of(text: str) -> str | None:
    """chardet's idea of the language of ``text``, from its first characters."""
    return chardet.detect(text[:16384].encode("utf-8"), compat_names=False)["language"]


def _decode_named(data: bytes, name: str) -> Analysis:
    codec = canonical(name)
    if codec is None:
        raise UnknownEncodingError(name)
    bom, bom_codec = split_bom(data)
    family = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(codec, codec)
    if bom_codec is not None and bom_codec.startswith(family):
        body, codec = data[len(bom) :], bom_codec
    else:
        bom, body = b"", data
        if family in ("utf-16", "utf-32"):
            # No mark to say the byte order: take the one that reads as text.
            guess = utf16_32_without_bom(body)
            order = guess[0][-3:] if guess and guess[0].startswith(family) else "-le"
            codec = family + order
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        offset = len(bom) + error.start
        line = data.count(b"\n", 0, offset) + 1
        raise EncodingMismatchError(codec, offset, line, data[offset : offset + 4]) from None
    return Analysis(text, codec, 1.0, bom)


def _decode_with_bom(data: bytes, bom: bytes, codec: str, min_confidence: float) -> Analysis | None:
    body = data[len(bom) :]
    try:
        return Analysis(body.decode(codec), codec, 1.0, bom)
    except UnicodeDecodeError as error:
        if codec == "utf-8":
            # A UTF-8 file with a mark and some lines in another encoding.
            refuse_cut_utf8(data, len(bom), error)
            return _legacy(data, len(bom), bom, len(bom) + error.start, min_confidence)
        if error.reason == "truncated data" and error.end == len(body):
            # The mark says UTF-16 or UTF-32 and everything before the last
            # character reads: a file cut short, not binary data.
            raise UndeterminedEncodingError(
                [(codec, 1.0)],
                min_confidence=0.0,
                reason=f"the bytes carry a {codec.upper()} byte order mark but their last "
                "character is cut off: the file looks cut short",
            ) from None
    if codec == "utf-32-le":
        # FF FE 00 00 is also the UTF-16-LE mark followed by U+0000.
        try:
            bom = codecs.BOM_UTF16_LE
            return Analysis(data[len(bom) :].decode("utf-16-le"), "utf-16-le", 1.0, bom)
        except UnicodeDecodeError:
            pass
    return None  # not a byte order mark after all


def _utf16_32(data: bytes) -> Analysis | None:
    guess = utf16_32_without_bom(data)
    if guess is None:
        result = chardet.detect(data, compat_names=False)
        name = result["encoding"]
        if name is None or not name.startswith(("utf-16", "utf-32")):
            return None
        guess = (name, result["confidence"])
    codec, quality = guess
    try:
        return Analysis(data.decode(codec), codec, min(1.0, quality))
    except UnicodeDecodeError:
        return None


def _ascii(data: bytes, text: str) -> Analysis:
    declared = declared_charset(data)
    if declared is not None and declared not in ("utf-8", "ascii"):
        try:
            return Analysis(data.decode(declared), declared, 1.0)
        except UnicodeDecodeError:
            pass
    if b"\x1b" in data or b"~{" in data or _UTF7_SHIFT.search(data):
        # ISO-2022, HZ and UTF-7 are written in bytes below 128.
        result = chardet.detect(data, compat_names=False)
        name = result["encoding"]
        if name in ESCAPE_CODECS:
            try:
                return Analysis(data.decode(name), name, result["confidence"])
            except UnicodeDecodeError:
                pass
    return Analysis(text, "ascii", 1.0)


# -- bytes that are not UTF-8 ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """An encoding chosen for the lines that are not UTF-8, and the other candidates."""

    encoding: str
    confidence: float
    candidates: tuple[tuple[str, float], ...]


def _legacy(
    data: bytes, offset: int, bom: bytes, first_bad: int, min_confidence: float
) -> Analysis:
    """Decode bytes that are not UTF-8 from ``offset`` on (the BOM, if any, before)."""
    refuse_damaged_utf8(data, offset)
    runs = split_runs(data, offset)
    choice = choose_legacy(data, offset, first_bad, runs, min_confidence)
    return assemble(data, offset, bom, runs, choice, min_confidence)


def choose_legacy(
    data: bytes, offset: int, first_bad: int, runs: Sequence[Run], min_confidence: float
) -> Choice:
    """The encoding of the lines of ``data[offset:]`` that are not UTF-8."""
    legacy = [r for r in runs if r.kind is Kind.LEGACY]
    strong = [r for r in runs if r.kind is Kind.UTF8]
    utf8_profile = profile_of([_utf8_sample(data, strong)])
    choice = _declared_choice(data, offset, legacy) or _chardet_choice(
        data, offset, first_bad, legacy, strong, utf8_profile
    )
    if choice.confidence < min_confidence:
        raise UndeterminedEncodingError(choice.candidates, min_confidence=min_confidence)
    return choice


def fits(data: bytes, runs: Sequence[Run], choice: Choice) -> bool:
    """Whether ``choice`` decodes every line of ``runs`` that is not UTF-8."""
    return _decodes(data, [r for r in runs if r.kind is Kind.LEGACY], choice.encoding)


def assemble(
    data: bytes,
    offset: int,
    bom: bytes,
    runs: Sequence[Run],
    choice: Choice,
    min_confidence: float,
) -> Analysis:
    """Decode ``data[offset:]``: UTF-8 lines as UTF-8, the others as ``choice`` says."""
    codec = choice.encoding
    strong = [r for r in runs if r.kind is Kind.UTF8]
    if not strong and not any(r.kind is Kind.WEAK for r in runs):
        return _single(data, offset, bom, codec, choice)

    # Weak UTF-8 lines go with whichever reading fits the document better.
    sample = _sample(data, [r for r in runs if r.kind is Kind.LEGACY])
    context = profile_of([_read_sample(sample, codec, "replace"), _utf8_sample(data, strong)])
    kinds: list[tuple[Run, str]] = []
    decided: dict[bytes, str] = {}  # logs repeat their short lines
    for run in runs:
        if run.kind is Kind.LEGACY:
            kinds.append((run, codec))
        elif run.kind is Kind.UTF8:
            kinds.append((run, "utf-8"))
        else:
            line = data[run.start : run.end]
            if line not in decided:
                decided[line] = _weak_line(line, codec, context)
            kinds.append((run, decided[line]))
    if all(name == codec for _, name in kinds):
        return _single(data, offset, bom, codec, choice)
    if not is_ascii_compatible(codec):
        raise UndeterminedEncodingError(
            choice.candidates,
            min_confidence=min_confidence,
            reason=f"the lines that are not UTF-8 read best as {codec}, which cannot "
            "share a file with UTF-8",
        )
    return _segments(data, offset, bom, kinds, choice)


def _utf8_sample(data: bytes, runs: Sequence[Run]) -> str:
    # A cut may split a character: the sample drops the pieces.
    return _sample(data, runs).decode("utf-8", "ignore")


def _read_sample(sample: bytes, codec: str, errors: str = "strict") -> str:
    """Decode a sample that may end inside a character (its last one is dropped)."""
    return codecs.getincrementaldecoder(codec)(errors).decode(sample, final=False)


def _sample(data: bytes, runs: Sequence[Run], limit: int = _FIT_SAMPLE) -> bytes:
    parts: list[bytes] = []
    size = 0
    for run in runs:
        part = data[run.start : min(run.end, run.start + limit - size)]
        parts.append(part)
        size += len(part)
        if size >= limit:
            break
    return b"".join(parts)


def _decodes(data: bytes, runs: Sequence[Run], codec: str) -> bool:
    """Whether ``codec`` reads every run, and writes back the very same bytes.

    Code pages that read several bytes as one character (the EBCDIC pages read
    their unassigned bytes as U+001A) would lose bytes on the way back; the
    few CJK codecs whose duplicates are known (:data:`_LOSSY_CODECS`) are let
    through, since real files use them.
    """
    try:
        for run in runs:
            piece = data[run.start : run.end]
            text = piece.decode(codec)
            if codec not in _LOSSY_CODECS and text.encode(codec) != piece:
                return False
    except (UnicodeError, LookupError):
        return False
    return True


def _has_c1(text: str) -> bool:
    return any("\x80" <= c <= "\x9f" for c in text)


def _declared_choice(data: bytes, offset: int, legacy: Sequence[Run]) -> Choice | None:
    declared = declared_charset(data[offset:])
    if declared is None or declared == "utf-8":
        return None
    if not _decodes(data, legacy, declared):
        return None
    # An ISO 8859 name over bytes 0x80-0x9F reads them as C1 controls: the
    # declaration is a guess its author got wrong, so evidence decides.
    if _has_c1(_read_sample(_sample(data, legacy), declared, "replace")):
        return None
    return Choice(declared, _DECLARED_CONFIDENCE, ((declared, _DECLARED_CONFIDENCE),))


def _chardet_choice(
    data: bytes,
    offset: int,
    first_bad: int,
    legacy: Sequence[Run],
    strong: Sequence[Run],
    utf8_profile: Profile,
) -> Choice:
    if strong:
        evidence = _sample(data, legacy, _CHARDET_WINDOW)
        # Files that mix UTF-8 with legacy lines mix it with the encodings of
        # the web era (cp1252, GBK, Shift_JIS, ...); DOS, Mac and mainframe
        # code pages are considered only when none of those decodes the lines.
        for era in (chardet.EncodingEra.MODERN_WEB, chardet.EncodingEra.ALL):
            choice = _rerank(data, legacy, _ranking(evidence, [], era), utf8_profile)
            if choice is not None:
                return choice
        raise UndeterminedEncodingError(
            _ranking(evidence, []), min_confidence=0.0, reason="no candidate decodes every byte"
        )

    # No UTF-8 line: read the file as chardet would, but from the line of the
    # first byte that is not UTF-8 when ASCII lines come first: chardet weighs
    # the letters of its first 16 KB, and a long ASCII start (headers, a log
    # in English) drowns the evidence.
    start = offset
    if legacy and first_bad - offset > _ASCII_LEAD:
        start = legacy[0].start
    evidence = data[start : start + _CHARDET_WINDOW]
    top = chardet.detect(evidence, compat_names=False)
    name = top["encoding"]
    if name is None:
        raise BinaryInputError("control bytes")
    confidence = top["confidence"]
    decodes = _decodes(data, legacy, name)
    if decodes and confidence >= _SURE:
        return Choice(_promote(data, legacy, name), confidence, ((name, confidence),))
    ranking = _ranking(evidence, [(name, confidence)] if decodes else [])
    # On a few bytes chardet's order is close to noise: read every candidate.
    few = len(evidence) <= _FEW_BYTES
    choice = _rerank(data, legacy, ranking if few else ranking[:_RERANKED], None)
    if choice is None:
        choice = _rerank(data, legacy, ranking, None)
    if choice is None:
        raise UndeterminedEncodingError(
            ranking, min_confidence=0.0, reason="no candidate decodes every byte"
        )
    return choice


def _rerank(
    data: bytes,
    legacy: Sequence[Run],
    ranking: Sequence[tuple[str, float]],
    utf8_profile: Profile | None,
) -> Choice | None:
    """The candidate whose reading is most plausible, or ``None`` if none decodes.

    chardet's confidence counts, less the share of characters out of place in
    the reading (:func:`oddities`), plus, next to UTF-8 lines, how well the
    reading fits the characters those lines use (:func:`fit`).  The confidence
    of the winner is its lead over the best reading that differs from it, when
    that says more than chardet's own figure.
    """
    weight = 0.0
    if utf8_profile is not None:
        weight = min(1.0, utf8_profile.size / _FIT_FULL_WEIGHT)
    sample = _sample(data, legacy)
    scored: list[tuple[float, int, str, float, str]] = []
    for index, (name, confidence) in enumerate(ranking):
        if utf8_profile is not None and not is_ascii_compatible(name):
            continue
        try:
            text = _read_sample(sample, name)
        except (UnicodeDecodeError, LookupError):
            continue
        odd, wide = oddities(text)
        score = confidence - _ODDITY_WEIGHT * (odd / wide if wide else 0.0)
        if utf8_profile is not None:
            score += weight * fit(text, utf8_profile)
        scored.append((score, -index, name, confidence, text))
    scored.sort(reverse=True)
    for position, (score, _, name, confidence, text) in enumerate(scored):
        if not _decodes(data, legacy, name):
            continue
        rivals = [other[0] for other in scored[position + 1 :] if other[4] != text]
        lead = score - max(rivals) if rivals else 1.0
        confidence = max(confidence, min(_MAX_LEAD_CONFIDENCE, lead))
        return Choice(_promote(data, legacy, name), confidence, tuple(ranking))
    return None


def _ranking(
    evidence: bytes, first: list[tuple[str, float]], era: chardet.EncodingEra | None = None
) -> tuple[tuple[str, float], ...]:
    found = chardet.detect_all(
        evidence,
        ignore_threshold=True,
        compat_names=False,
        encoding_era=era or chardet.EncodingEra.ALL,
    )
    ranked = list(first)
    seen = {name for name, _ in ranked}
    for result in found:
        name = result["encoding"]
        if name is not None and name not in seen:
            seen.add(name)
            ranked.append((name, result["confidence"]))
    return tuple(ranked)


def _promote(data: bytes, legacy: Sequence[Run], name: str) -> str:
    """The name to report: a superset that reads and writes the bytes the same, or
    a subset that writes them back exactly when ``name`` would not."""
    for superset in _SUPERSETS.get(name, ()):
        if _same_reading(data, legacy, name, superset):
            name = superset
    if name in _LOSSY_CODECS and not _writes_back(data, legacy, name):
        for subset in _LOSSY_CODECS[name]:
            if _same_reading(data, legacy, name, subset):
                return subset
    return name


def _same_reading(data: bytes, legacy: Sequence[Run], name: str, other: str) -> bool:
    try:
        for run in legacy:
            piece = data[run.start : run.end]
            text = piece.decode(other)
            if text != piece.decode(name) or text.encode(other) != piece:
                return False
    except (UnicodeError, LookupError):
        return False
    return True


def _writes_back(data: bytes, legacy: Sequence[Run], name: str) -> bool:
    try:
        return all(
            data[r.start : r.end].decode(name).encode(name) == data[r.start : r.end] for r in legacy
        )
    except UnicodeError:
        return False


def _weak_line(line: bytes, codec: str, context: Profile) -> str:
    """The codec of a line that is valid UTF-8 with few non-ASCII characters.

    Legacy bytes are valid UTF-8 by chance far less often than UTF-8 is UTF-8,
    so the legacy reading must fit the document clearly better.
    """
    try:
        as_legacy = line.decode(codec)
    except UnicodeDecodeError:
        return "utf-8"
    if _plausibility(as_legacy, context) > _plausibility(line.decode("utf-8"), context) + (
        _UTF8_PRIOR
    ):
        return codec
    return "utf-8"


def _plausibility(text: str, context: Profile) -> float:
    odd, wide = oddities(text)
    return fit(text, context) - _ODDITY_WEIGHT * (odd / wide if wide else 0.0)


def _single(data: bytes, offset: int, bom: bytes, codec: str, choice: Choice) -> Analysis:
    body = data[offset:]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        for name, confidence in choice.candidates:
            try:
                return Analysis(body.decode(name), name, confidence, bom)
            except (UnicodeDecodeError, LookupError):
                continue
        raise UndeterminedEncodingError(
            choice.candidates, min_confidence=0.0, reason="no candidate decodes every byte"
        ) from None
    return Analysis(text, codec, choice.confidence, bom)


def _segments(
    data: bytes, offset: int, bom: bytes, kinds: Sequence[tuple[Run, str]], choice: Choice
) -> Analysis:
    # Neighbours read the same way merge; ASCII lines between two runs go with
    # the run before them, those at the start with the first run.
    bounds: list[tuple[int, str]] = []  # (start, codec) of each segment
    for run, name in kinds:
        if not bounds:
            bounds.append((offset, name))
        elif bounds[-1][1] != name:
            bounds.append((run.start, name))
    ends = [start for start, _ in bounds[1:]] + [len(data)]
    pieces: list[str] = []
    segments: list[Segment] = []
    position, line = 0, 1
    for (start, name), end in zip(bounds, ends, strict=True):
        piece = data[start:end].decode(name)
        pieces.append(piece)
        last, following = line_span(piece, line)
        segments.append(Segment(start, end, name, position, position + len(piece), line, last))
        position, line = position + len(piece), following
    return Analysis("".join(pieces), MIXED, choice.confidence, bom, tuple(segments))
