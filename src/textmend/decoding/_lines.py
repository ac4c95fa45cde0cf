"""Line by line evidence for files that mix UTF-8 with a legacy encoding.

A file of UTF-8 lines with a few GBK or cp1252 lines is not valid UTF-8, and a
detector that reads it whole answers with one legacy codec that turns every
UTF-8 line into mojibake.  Lines are the unit such files are made of (logs,
subtitles and CSV exports are concatenated line by line), so each line that
holds bytes above 127 is sorted here:

- ``UTF8``: valid UTF-8 with at least :data:`STRONG_WIDE` non-ASCII characters.
  Legacy bytes form such a line by chance too rarely to matter.
- ``WEAK``: valid UTF-8 with fewer; a line of one or two GBK characters is valid
  UTF-8 about one time in six, so these are decided later by which reading fits
  the rest of the document (:func:`fit`).
- ``LEGACY``: not UTF-8.

Lines of ASCII only fit every ASCII-compatible encoding and belong to no kind.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from textmend.decoding._sniff import script_of

__all__ = [
    "STRONG_WIDE",
    "Kind",
    "Profile",
    "Run",
    "fit",
    "oddities",
    "profile_of",
    "split_runs",
]

#: Non-ASCII characters a valid UTF-8 line needs to be taken as UTF-8 outright.
#: A GBK character is a valid UTF-8 sequence about one time in six, so four
#: characters in a row happen by chance about once in a thousand lines.
STRONG_WIDE = 4

# A whole line (with its end) that holds a byte above 127.  The first class
# cannot match a high byte, so the engine never backtracks over a line.
_NON_ASCII_LINE_LF = re.compile(rb"^[\x00-\x09\x0b-\x7f]*[\x80-\xff][^\n]*\n?", re.MULTILINE)
_NON_ASCII_LINE_CR = re.compile(rb"(?:^|(?<=\r))[\x00-\x0c\x0e-\x7f]*[\x80-\xff][^\r]*\r?")
_HIGH_BYTES = bytes(range(0x80, 0x100))


class Kind(enum.Enum):
    """What a line with bytes above 127 is."""

    UTF8 = "utf8"
    WEAK = "weak"
    LEGACY = "legacy"


@dataclass(slots=True)
class Run:
    """Consecutive lines of one kind, from byte ``start`` to byte ``end``.

    ASCII-only lines between two runs of the same kind join them.  A ``WEAK``
    run is always a single line, since each is decided on its own.
    """

    start: int
    end: int
    kind: Kind


def split_runs(data: bytes, start: int = 0) -> list[Run]:
    """The runs of ``data[start:]``, in order; ASCII-only lines belong to none.

    >>> [(r.start, r.end, r.kind.value) for r in split_runs(b"a\\n\\xe4\\xb8\\xad\\xe6\\x96\\x87"
    ...     b"\\xe6\\x96\\x87\\xe5\\xad\\x97\\n\\xd6\\xd0\\n")]
    [(2, 15, 'utf8'), (15, 18, 'legacy')]
    """
    # The scan is one regular expression over the bytes, so ASCII lines cost
    # nothing in Python, and a lenient decode per line, so a line that is not
    # UTF-8 costs no exception (this loop runs once per line of a legacy file).
    lines = _NON_ASCII_LINE_LF if b"\n" in data else _NON_ASCII_LINE_CR
    legacy, utf8, weak = Kind.LEGACY, Kind.UTF8, Kind.WEAK  # enum lookups are slow
    high = _HIGH_BYTES
    runs: list[Run] = []
    kind: Kind | None = None
    run_start = run_end = 0
    for match in lines.finditer(data, start):
        line = match.group()
        text = line.decode("utf-8", "replace")
        # U+FFFD marks a byte that is not UTF-8, unless the line holds U+FFFD itself.
        if "\ufffd" in text and (b"\xef\xbf\xbd" not in line or not _is_utf8(line)):
            this = legacy
        elif len(text) - len(line.translate(None, high)) >= STRONG_WIDE:
            this = utf8
        else:
            this = weak
        if this is kind and this is not weak:
            run_end = match.end()
            continue
        if kind is not None:
            runs.append(Run(run_start, run_end, kind))
        kind, run_start, run_end = this, match.start(), match.end()
    if kind is not None:
        runs.append(Run(run_start, run_end, kind))
    return runs


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Profile:
    """The non-ASCII characters a document is known to use, and their scripts."""

    chars: frozenset[str]
    scripts: frozenset[str]
    size: int


def profile_of(texts: Iterable[str]) -> Profile:
    """The profile of what ``texts`` say, counting only non-ASCII characters.

    >>> sorted(profile_of(["café", "crème"]).chars)
    ['è', 'é']
    """
    chars: Counter[str] = Counter()
    for text in texts:
        chars.update(c for c in text if c >= "\x80")
    scripts = {script_of(c) for c in chars} - {"COMMON", "GRAPHIC", "UNKNOWN"}
    return Profile(frozenset(chars), frozenset(scripts), sum(chars.values()))


def fit(text: str, profile: Profile) -> float:
    """How well the non-ASCII characters of ``text`` fit ``profile``: -1 to 1.

    A character the document already uses scores 1, a letter of a script it
    uses 0.5, other punctuation and symbols 0.25, a letter of another script or
    a line-drawing graphic 0, and a control or unassigned code point -1 (a sure
    sign of the wrong codec).
    Text without non-ASCII characters scores 0.

    >>> p = profile_of(["naïve café crème"])
    >>> fit("é", p), fit("Ã©", p)
    (1.0, 0.375)
    """
    total = 0.0
    count = 0
    for char in text:
        if char < "\x80":
            continue
        count += 1
        if char in profile.chars:
            total += 1.0
            continue
        script = script_of(char)
        if script == "UNKNOWN":
            total -= 1.0
        elif script == "COMMON":
            total += 0.25
        elif script in profile.scripts:
            total += 0.5
    return total / count if count else 0.0


_WORD = re.compile(r"[^\W\d_]+")
_C1 = re.compile("[\x80-\x9f]")
# A symbol, quotation mark, bracket, control or unassigned code point squeezed
# between two letters.  Apostrophes, dashes, soft hyphens and middle dots
# (Catalan l·l, katakana ・) do sit inside words.
_SQUEEZED = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f](?=[^\W\d_])")
_ODD_INSIDE = frozenset({"Sm", "Sc", "Sk", "So", "Cc", "Co", "Cn", "Cs", "Pi", "Ps", "Pe"})
_ODD_PUNCTUATION = frozenset("\u2030\u2020\u2021\u00b6\u00a7\u00a1\u00bf")


def oddities(text: str) -> tuple[int, int]:
    """Non-ASCII characters out of place, and non-ASCII characters in all.

    The wrong single-byte codec swaps letters for other letters and symbols, so
    its text has lower-case letters inside upper-case words (``GŁóWNE``),
    capitals inside lower-case words, symbols inside words (``G£ÓWNE``), letters
    of another alphabet inside Latin words (``cafй``) and C1 controls.  Readings
    of the right codec have almost none; chardet's letter statistics, trained
    on ordinary text, cannot see this in text in capitals.

    >>> oddities("GŁÓWNE USTAWIENIA"), oddities("G£ÓWNE"), oddities("GŁóWNE")
    ((0, 2), (1, 2), (1, 2))
    >>> oddities("café"), oddities("cafй")
    ((0, 1), (1, 1))
    """
    wide = len(text) - len(text.encode("ascii", "ignore"))
    if not wide:
        return 0, 0
    odd = len(_C1.findall(text))
    for match in _SQUEEZED.finditer(text):
        char = match.group()
        if unicodedata.category(char) in _ODD_INSIDE or char in _ODD_PUNCTUATION:
            # Between letters without case (Han, Hangul, kana) a star or a
            # bracket is informal writing, not a misread.
            before, after = text[match.start() - 1], text[match.end()]
            if before.lower() != before.upper() or after.lower() != after.upper():
                odd += 1
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 2 or word.isascii():
            continue
        # A Latin word with a few letters of another script (cafй, cafι) was
        # read with the code page of another alphabet.
        latin = word.encode("ascii", "ignore").decode("ascii")
        if len(latin) * 2 >= len(word):
            odd += sum(1 for c in word if c >= "\x80" and script_of(c) != "LATIN")
        if len(word) < 3:
            continue
        # The first letter may be a capital in a word of small letters.  ASCII
        # letters read the same in every candidate, so they set the case of the
        # word when present.
        tail = word[1:]
        reference = tail.encode("ascii", "ignore").decode("ascii") or tail
        upper = sum(1 for c in reference if c.isupper())
        lower = sum(1 for c in reference if c.islower())
        if upper == lower:
            continue
        if upper > lower:  # a capital word has no small letter, first or not
            odd += sum(1 for c in word if c >= "\x80" and c.islower())
        else:
            odd += sum(1 for c in tail if c >= "\x80" and c.isupper())
    return odd, wide
