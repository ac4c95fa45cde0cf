"""Double-byte text knocked out of step by one lost byte.

When one byte of a GBK stream is lost, every following pair is read one byte
out of step until an ASCII byte puts the decoder back in step:
``　（文字整理`` becomes ``?。ㄎ淖终?``.  The tell-tale signs are a replacement
mark (``?`` or U+FFFD), an isolated bopomofo letter or a private-use character
in the middle of Chinese text.

The repair re-reads the bytes of such a run with a small dynamic programme over
byte positions: each step either keeps a character as it was decoded, or reads
a pair of bytes at the other parity, or gives up one byte as lost (U+FFFD).
Characters are scored by how ordinary they are in Chinese text, and a re-read
stretch must beat the text as it stands by a clear margin.  Bytes that are gone
(those hidden behind a ``?``) become U+FFFD: nothing is invented.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

import regex

from textmend._chars import CJK_PUNCT, HAN
from textmend._model import Context, Edit

__all__ = ["find_gbk_misalignment"]

REPLACEMENT = "\ufffd"
_UNKNOWN = -1  # a byte hidden behind "?" or U+FFFD

# A run that might hold misread double-byte text: Han, CJK punctuation, bopomofo,
# private-use characters and replacement marks.
_RUN = regex.compile(f"[{HAN}{CJK_PUNCT}\u3100-\u312f\ue000-\uf8ff?\ufffd]{{2,}}")
# Cheap gate for the clean-text path: without one of these there is nothing to do.
_SIGNAL = regex.compile(
    f"[{HAN}{CJK_PUNCT}]\\?|\\?[{HAN}{CJK_PUNCT}]|[\ufffd\u3105-\u312f\ue000-\uf8ff]"
)
_STRONG = regex.compile("[?\ufffd\u3105-\u312f\ue000-\uf8ff]")

#: Price of declaring that a byte was lost and reading on at the other parity.
MISALIGN_COST = 4.0
_COMMON_PUNCT = frozenset(
    "\u3000\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09\u300a\u300b"
    "\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f\u3010\u3011\u2014\u2026\u00b7"
)


def _decode_range(codec: str, leads: range, trails: range) -> set[str]:
    chars: set[str] = set()
    for lead in leads:
        for trail in trails:
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode(codec))
    return chars


@functools.cache
def _frequency_classes() -> tuple[frozenset[str], frozenset[str]]:
    """Common and less common Han characters, from the codecs' own level tables.

    GB 2312 level 1 (3,755 characters) and Big5's frequently-used set (5,401)
    are ordered by frequency by their standards; level 2 of each holds the rest.
    """
    common = _decode_range("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    common |= _decode_range("big5", range(0xA4, 0xC7), range(0x40, 0xFF))
    rare = _decode_range("gb2312", range(0xD8, 0xF8), range(0xA1, 0xFF))
    rare |= _decode_range("big5", range(0xC9, 0xFA), range(0x40, 0xFF))
    return frozenset(common), frozenset(rare - common)


def _score(char: str, isolated_bopomofo: bool = True) -> float:
    """How ordinary a character is in Chinese text; negative means suspicious."""
    if char in ("?", REPLACEMENT):
        return -3.0
    common, rare = _frequency_classes()
    if char in common:
        return 2.0
    if char in _COMMON_PUNCT:
        return 1.0
    if char in rare:
        return -0.5
    cp = ord(char)
    if 0x3105 <= cp <= 0x312F:
        return -10.0 if isolated_bopomofo else 0.0
    if 0xE000 <= cp <= 0xF8FF:
        return -8.0
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
        return -2.0
    return -5.0


def _encode(char: str) -> list[int] | None:
    """The GBK bytes of a character as decoded, or None if it is not double-byte."""
    if char in ("?", REPLACEMENT):
        return [_UNKNOWN]
    try:
        data = char.encode("gbk")
    except UnicodeEncodeError:
        return None
    return list(data) if len(data) == 2 else None


def _decode_pair(lead: int, trail: int) -> str:
    if lead == _UNKNOWN or trail == _UNKNOWN:
        return REPLACEMENT
    try:
        char = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return REPLACEMENT
    return char if len(char) == 1 else REPLACEMENT


def _is_bopomofo(char: str) -> bool:
    return "\u3105" <= char <= "\u312f" or char in "\u02ca\u02c7\u02cb\u02d9"


def _resync(run: str) -> list[tuple[int, int, str]]:
    """Re-read a run; return (start, end, replacement) character spans that improve it."""
    starts: dict[int, int] = {}  # byte offset -> index of the character starting there
    data: list[int] = []
    for index, char in enumerate(run):
        encoded = _encode(char)
        if encoded is None:
            return []
        starts[len(data)] = index
        data.extend(encoded)
    starts[len(data)] = len(run)
    n = len(data)
    neg = float("-inf")
    # best[state][k]: best score having consumed k bytes; state 0 in step, 1 re-read.
    best = [[neg] * (n + 1), [neg] * (n + 1)]
    back: list[list[tuple[int, int, str] | None]] = [[None] * (n + 1), [None] * (n + 1)]
    best[0][0] = 0.0

    def relax(state: int, k: int, score: float, prev: tuple[int, int, str]) -> None:
        if score > best[state][k]:
            best[state][k] = score
            back[state][k] = prev

    for k in range(n):
        for state in (0, 1):
            here = best[state][k]
            if here == neg:
                continue
            if k in starts:
                index = starts[k]
                char = run[index]
                isolated = not (
                    (index > 0 and _is_bopomofo(run[index - 1]))
                    or (index + 1 < len(run) and _is_bopomofo(run[index + 1]))
                )
                end = k + (1 if data[k] == _UNKNOWN else 2)
                relax(0, end, here + _score(char, isolated), (state, k, char))
            entry = 0.0 if state == 1 else MISALIGN_COST
            if k + 1 < n and not (k in starts and data[k] != _UNKNOWN):
                char = _decode_pair(data[k], data[k + 1])
                relax(1, k + 2, here - entry + _score(char), (state, k, char))
            relax(1, k + 1, here - entry + _score(REPLACEMENT), (state, k, REPLACEMENT))

    # Walk back, collecting re-read stretches in character coordinates.
    state = 0 if best[0][n] >= best[1][n] else 1
    if best[state][n] == neg:
        return []
    pieces: list[tuple[int, int, int, str]] = []  # (byte start, byte end, state, char)
    k = n
    while k > 0:
        prev = back[state][k]
        assert prev is not None
        prev_state, prev_k, char = prev
        pieces.append((prev_k, k, state, char))
        state, k = prev_state, prev_k
    pieces.reverse()
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(pieces):
        if pieces[i][2] == 0:
            i += 1
            continue
        j = i
        while j < len(pieces) and pieces[j][2] == 1:
            j += 1
        byte_start, byte_end = pieces[i][0], pieces[j - 1][1]
        if byte_start in starts and byte_end in starts:
            text = "".join(p[3] for p in pieces[i:j])
            spans.append((starts[byte_start], starts[byte_end], text))
        i = j
    return spans


def find_gbk_misalignment(text: str, context: Context) -> Iterator[Edit]:
    """Re-synchronise GBK text that was read one byte out of step.

    >>> from textmend._model import apply_edits
    >>> apply_edits("?。ㄎ淖终?长沙晚报", find_gbk_misalignment("?。ㄎ淖终?长沙晚报", Context()))
    '\ufffd（文字\ufffd长沙晚报'
    """
    if not _SIGNAL.search(text):
        return
    for m in _RUN.finditer(text):
        run = m.group()
        if not _STRONG.search(run):
            continue
        for start, end, replacement in _resync(run):
            original = run[start:end]
            if replacement != original:
                yield Edit(
                    m.start() + start,
                    m.start() + end,
                    original,
                    replacement,
                    "GBK text read one byte out of step; re-read (U+FFFD marks lost bytes)",
                )
