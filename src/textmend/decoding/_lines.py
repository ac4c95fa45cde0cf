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

_HIGH = re.compile(rb"[\x80-\xff]")
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
    sep = b"\n" if b"\n" in data else b"\r"
    runs: list[Run] = []
    length = len(data)
    match = _HIGH.search(data, start)
    while match is not None:
        line_start = max(data.rfind(sep, start, match.start()) + 1, start)
        line_end = data.find(sep, match.start())
        line_end = length if line_end < 0 else line_end + 1
        line = data[line_start:line_end]
        try:
            wide = len(line.decode("utf-8")) - len(line.translate(None, _HIGH_BYTES))
        except UnicodeDecodeError:
            kind = Kind.LEGACY
        else:
            kind = Kind.UTF8 if wide >= STRONG_WIDE else Kind.WEAK
        if runs and runs[-1].kind is kind and kind is not Kind.WEAK:
            runs[-1].end = line_end
        else:
            runs.append(Run(line_start, line_end, kind))
        match = _HIGH.search(data, line_end)
    return runs


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
    scripts = {script_of(c) for c in chars} - {"COMMON", "UNKNOWN"}
    return Profile(frozenset(chars), frozenset(scripts), sum(chars.values()))


def fit(text: str, profile: Profile) -> float:
    """How well the non-ASCII characters of ``text`` fit ``profile``: -1 to 1.

    A character the document already uses scores 1, a letter of a script it
    uses 0.5, other punctuation and symbols 0.25, a letter of another script 0,
    and a control or unassigned code point -1 (a sure sign of the wrong codec).
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
    capitals inside lower-case words, symbols inside words (``G£ÓWNE``) and C1
    controls.  Readings of the right codec have almost none; chardet's letter
    statistics, trained on ordinary text, cannot see this in text in capitals.

    >>> oddities("GŁÓWNE USTAWIENIA"), oddities("G£ÓWNE"), oddities("GŁóWNE")
    ((0, 2), (1, 2), (1, 2))
    """
    wide = sum(1 for c in text if c >= "\x80")
    if not wide:
        return 0, 0
    odd = sum(1 for c in text if "\x80" <= c <= "\x9f")
    odd += sum(
        1
        for m in _SQUEEZED.finditer(text)
        if unicodedata.category(m.group()) in _ODD_INSIDE or m.group() in _ODD_PUNCTUATION
    )
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii() or len(word) < 2:
            continue
        # The first letter may be a capital either way.  ASCII letters read the
        # same in every candidate, so they set the case of the word when present.
        tail = word[1:]
        ascii_cased = [c for c in tail if c < "\x80" and c.isalpha()]
        reference = ascii_cased or [c for c in tail if c.isupper() or c.islower()]
        upper = sum(1 for c in reference if c.isupper())
        lower = sum(1 for c in reference if c.islower())
        if upper == lower:
            continue
        expect_upper = upper > lower
        odd += sum(
            1 for c in tail if c >= "\x80" and (c.islower() if expect_upper else c.isupper())
        )
    return odd, wide
