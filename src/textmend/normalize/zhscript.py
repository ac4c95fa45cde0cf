"""Simplified/Traditional Chinese script conversion.

The conversion follows the same scheme as OpenCC's ``t2s`` and ``s2t``
configurations, using tables generated from OpenCC's dictionaries (see
``textmend/data/PROVENANCE.md``): scanning left to right, the longest phrase
that starts at the current position is replaced as a whole (phrases include
identity entries that protect a word from character-level conversion);
otherwise the single character is converted.

Unlike OpenCC, nothing outside the Han ideographs is ever touched, and these
characters are always left exactly as they are:

* CJK Compatibility Ideographs (U+F900-U+FAFF, U+2F800-U+2FA1F), which OpenCC
  would first normalise to their unified counterparts;
* a Han character followed by a variation selector, since the selector picks a
  glyph of that particular character.

The tables are loaded on first use; nothing is read at import time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, TypeAlias

from textmend.data import ZhTableName, zh_table

__all__ = ["to_simplified", "to_traditional"]

Direction: TypeAlias = Literal["t2s", "s2t"]

_TABLE_NAMES: dict[Direction, tuple[ZhTableName, ZhTableName]] = {
    "t2s": ("t2s_chars", "t2s_phrases"),
    "s2t": ("s2t_chars", "s2t_phrases"),
}

# Characters that tables may convert: CJK Unified Ideographs with every
# extension (the supplementary ideographic planes 2 and 3 minus the
# compatibility supplement) and U+3007 IDEOGRAPHIC NUMBER ZERO, which occurs
# inside a few phrases.  The compatibility blocks are deliberately absent.
_CONVERTIBLE_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002f7ff\U00030000-\U0003ffff"
_CONVERTIBLE = re.compile(f"[{_CONVERTIBLE_CLASS}]")
_NOT_CONVERTIBLE = re.compile(f"[^{_CONVERTIBLE_CLASS}]")

# A character carrying a variation selector (standardized or ideographic).
_VS_CLUSTER = re.compile("(?s:.)[\ufe00-\ufe0f\U000e0100-\U000e01ef]+")
_VS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_BMP_SIZE = 0x10000

_TranslateTable: TypeAlias = "Sequence[int | str] | Mapping[int, str]"


@cache
def _bmp_identity() -> tuple[int, ...]:
    """``str.translate`` table mapping every BMP code point to itself."""
    return tuple(range(_BMP_SIZE))


@dataclass(frozen=True)
class _Tables:
    """Lookup structures for one conversion direction."""

    #: ``str.translate`` table for single characters (any plane).
    chars: Mapping[int, str]
    #: The same for text without astral characters: a list indexed by code
    #: point translates about twice as fast as a dict, whose misses raise.
    bmp_chars: Sequence[int | str]
    #: Phrase -> replacement (two characters or more).
    phrases: Mapping[str, str]
    #: First two characters of a phrase -> length of the longest such phrase.
    longest: Mapping[str, int]
    #: Matches one character that starts some phrase (``None``: no phrases).
    starts: re.Pattern[str] | None


def _char_class(code_points: set[int]) -> str:
    """Body of a regex character class matching exactly ``code_points``.

    Runs of consecutive code points become ranges, which keeps the pattern
    short and quick to compile.  Only for characters that need no escaping.
    """
    parts: list[str] = []
    ordered = sorted(code_points)
    start = prev = ordered[0]
    for cp in [*ordered[1:], -1]:
        if cp != prev + 1:
            parts.append(chr(start) if start == prev else f"{chr(start)}-{chr(prev)}")
            start = cp
        prev = cp
    return "".join(parts)


@cache
def _tables(direction: Direction) -> _Tables:
    chars_name, phrases_name = _TABLE_NAMES[direction]
    chars = {
        ord(src): dst
        for src, dst in zh_table(chars_name).items()
        if len(src) == 1 and _CONVERTIBLE.fullmatch(src)
    }
    bmp_chars: list[int | str] = list(_bmp_identity())
    for cp, dst in chars.items():
        if cp < _BMP_SIZE:
            bmp_chars[cp] = dst
    phrases = dict(zh_table(phrases_name))
    # Drop phrases that are too short or contain a character we never
    # convert.  Normally there are none, so check everything at once first.
    if phrases and (
        min(map(len, phrases)) < 2 or _NOT_CONVERTIBLE.search("".join(phrases)) is not None
    ):
        phrases = {
            src: dst
            for src, dst in phrases.items()
            if len(src) >= 2 and _NOT_CONVERTIBLE.search(src) is None
        }
    # Sorted by length, so the longest phrase for each prefix is stored last.
    longest = {src[:2]: len(src) for src in sorted(phrases, key=len)}
    first = {ord(src[0]) for src in phrases}
    starts = re.compile(f"[{_char_class(first)}]") if first else None
    return _Tables(chars, bmp_chars, phrases, longest, starts)


def _convert_plain(text: str, tables: _Tables, chars: _TranslateTable) -> str:
    """Convert ``text``, which contains no variation selectors."""
    if tables.starts is None:
        return text.translate(chars)
    phrases = tables.phrases
    longest = tables.longest
    out: list[str] = []
    done = 0  # text[:done] has been emitted
    for match in tables.starts.finditer(text):
        pos = match.start()
        if pos < done:
            continue  # inside a phrase that has already been replaced
        limit = longest.get(text[pos : pos + 2])
        if limit is None:
            continue
        for size in range(limit, 1, -1):
            replacement = phrases.get(text[pos : pos + size])
            if replacement is not None:
                if pos > done:
                    out.append(text[done:pos].translate(chars))
                out.append(replacement)
                done = pos + size
                break
    if not out:
        return text.translate(chars)
    out.append(text[done:].translate(chars))
    return "".join(out)


def _convert(text: str, direction: Direction) -> str:
    if text.isascii():
        return text
    tables = _tables(direction)
    chars: _TranslateTable = tables.bmp_chars if _ASTRAL.search(text) is None else tables.chars
    if _VS.search(text) is None:
        return _convert_plain(text, tables, chars)
    out: list[str] = []
    done = 0
    for match in _VS_CLUSTER.finditer(text):
        out.append(_convert_plain(text[done : match.start()], tables, chars))
        out.append(match.group())
        done = match.end()
    out.append(_convert_plain(text[done:], tables, chars))
    return "".join(out)


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese characters in ``text`` to Simplified ones.

    Phrases are matched first (longest match), then single characters;
    everything that is not a convertible Han ideograph is left as is.

    >>> to_simplified("乾隆年間，他們在臺灣曬乾了藥材。")
    '乾隆年间，他们在台湾晒干了药材。'
    """
    return _convert(text, "t2s")


def to_traditional(text: str) -> str:
    """Convert Simplified Chinese characters in ``text`` to Traditional ones.

    Phrases are matched first (longest match), then single characters;
    everything that is not a convertible Han ideograph is left as is.

    >>> to_traditional("头发理得很干净，面条也煮好了。")
    '頭髮理得很乾淨，麪條也煮好了。'
    """
    return _convert(text, "s2t")
