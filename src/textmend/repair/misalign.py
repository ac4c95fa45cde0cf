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

import functools
import re
from collections.abc import Iterator

import regex

from textmend._chars import CJK_PUNCT, COMMON_CJK_PUNCT, HAN, REPLACEMENT
from textmend._model import Context, Edit
from textmend.data import zh_table
from textmend.data.frequency import zh_bigrams, zh_char_log_freq

__all__ = ["find_gbk_misalignment"]

_UNKNOWN = -1  # a byte hidden behind "?" or U+FFFD

# Characters GBK stores in two bytes besides Han and CJK punctuation: what a
# misread shows.  Greek, Cyrillic, kana, bopomofo, pinyin vowels and symbols.
_GBK_SYMBOLS = (
    "\u00a4\u00a7\u00a8\u00b0\u00b1\u00b7\u00d7\u00e0\u00e1\u00e8-\u00ea\u00ec\u00ed"
    "\u00f2\u00f3\u00f7\u00f9\u00fa\u00fc\u0101\u0113\u011b\u012b\u014d\u016b"
    "\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc\u0391-\u03c9\u0401-\u0451"
    "\u2010-\u203b\u2103\u2116\u2160-\u216b\u2190-\u2199\u2208-\u2312"
    "\u2460-\u249b\u2500-\u254b\u25a0-\u25e5\u2605\u2606\u2640\u2642"
    "\u3041-\u30fe\u3105-\u3129\u32a3\u33a1-\u33d5\ue000-\uf8ff\ufe30-\ufe6b"
)
# A run that might hold misread double-byte text, and the replacement marks in it.
_RUN = regex.compile(
    f"[{HAN}{CJK_PUNCT}{_GBK_SYMBOLS}\\uac00-\\ud7a3\\u3131-\\u318e\\uff10-\\uff5e?\ufffd]{{2,}}"
)
# Cheap gates for the clean-text path, with the standard library's engine, which
# scans a character class faster than the regex module: without a replacement mark,
# a private-use character or a bopomofo letter there is nothing to re-read.
_BOPOMOFO = "\u3105-\u312f\u02ca\u02c7\u02cb\u02d9"
# One leading class, the bopomofo letter's neighbours by looking around: the engine
# skips to the class at full speed, where an alternation at the top was tried at
# every character (zhuyin in Traditional text made every document pay for it).
_MARKS = re.compile(
    "[\ufffd\ue000-\uf8ff\u3105-\u312f]"
    f"(?:(?<=[\ufffd\ue000-\uf8ff])|(?<![{_BOPOMOFO}].)(?![{_BOPOMOFO}]))"
)


# An ASCII "?" next to Han or CJK punctuation; the literal first lets the engine
# skip to each "?" (code and English have many).
_QUESTION_BY_CJK = re.compile(f"\\?(?:(?<=[{HAN}{CJK_PUNCT}]\\?)|(?=[{HAN}{CJK_PUNCT}]))")


def _question_by_cjk(text: str) -> bool:
    """Whether an ASCII ``?`` stands next to Han or CJK punctuation."""
    return "?" in text and _QUESTION_BY_CJK.search(text) is not None


# What makes a run worth re-reading: a replacement mark, a private-use character, or
# a bopomofo letter alone (zhuyin writes them in runs, with tone marks).
_STRONG = regex.compile(
    f"[?\ufffd\ue000-\uf8ff]|(?<![{_BOPOMOFO}])[\u3105-\u312f](?![{_BOPOMOFO}])"
)
# Kana in pairs, or three in a run, is Japanese text, which GBK misreads rarely
# produce and which must never be re-read.
_JAPANESE = regex.compile("[\u3041-\u30ff]{2}|(?:[\u3041-\u30ff].*){3}")
_KANA = regex.compile("[\u3041-\u30ff]")
_KANA_PAIR = regex.compile("[\u3041-\u30ff]{2}")

#: Price of declaring that a byte was lost and reading on at the other parity.
MISALIGN_COST = 4.0
#: Reward for a pair of characters that occurs inside a common word.
BIGRAM_BONUS = 3.0


@functools.cache
def _simplified(char: str) -> str:
    return zh_table("t2s_chars").get(char, char)


def _score(char: str, isolated: bool = True, codec: str = "gbk") -> float:
    """How ordinary a character is in text of ``codec``; negative means suspicious.

    A letter of another script (kana, Greek, bopomofo) is ordinary next to its
    own kind, and suspicious alone between Han characters.  In EUC-KR text,
    Hangul is the ordinary letter and Han characters (hanja) are rarer than in
    Chinese.
    """
    if char in ("?", REPLACEMENT):
        return -3.0
    if char in COMMON_CJK_PUNCT:
        return 1.0
    cp = ord(char)
    if codec == "euc_kr" and 0xAC00 <= cp <= 0xD7A3:
        # Every syllable EUC-KR encodes is one of KS X 1001's 2,350 common ones.
        return HANGUL_SCORE
    if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000:
        freq = zh_char_log_freq().get(_simplified(char))
        score = -3.0 if freq is None else min(freq, 5.5) - 3.5
        return score - HANJA_PRICE if codec == "euc_kr" else score
    if 0xE000 <= cp <= 0xF8FF:
        return -8.0
    if not isolated:
        return 0.0
    if 0x3105 <= cp <= 0x312F:
        return -10.0
    return -6.0


def _bigram(left: str, right: str) -> bool:
    return _simplified(left) + _simplified(right) in zh_bigrams()


#: The double-byte codecs whose misreadings are re-read, in the order tried.
CODECS = ("gbk", "big5", "euc_kr")
_NAMES = {"gbk": "GBK", "big5": "Big5", "euc_kr": "EUC-KR"}
#: What a Hangul syllable scores in EUC-KR text, and what a Han character loses
#: there: a byte out of step turns Korean words into Hangul mixed with hanja and
#: symbols, which modern Korean seldom writes.
HANGUL_SCORE, HANJA_PRICE = 1.0, 2.0


def _encode(char: str, codec: str) -> list[int] | None:
    """The bytes of a character as decoded, or None if it is not double-byte."""
    if char in ("?", REPLACEMENT):
        return [_UNKNOWN]
    try:
        data = char.encode(codec)
    except UnicodeEncodeError:
        return None
    return list(data) if len(data) == 2 else None


def _decode_pair(lead: int, trail: int, codec: str) -> str:
    if lead == _UNKNOWN or trail == _UNKNOWN:
        return REPLACEMENT
    try:
        char = bytes((lead, trail)).decode(codec)
    except UnicodeDecodeError:
        return REPLACEMENT
    return char if len(char) == 1 else REPLACEMENT


def _kind(char: str) -> str:
    """The script of a non-Han symbol, to tell a lone intruder from a run of its own."""
    cp = ord(char)
    if 0x3105 <= cp <= 0x312F or char in "\u02ca\u02c7\u02cb\u02d9":
        return "bopomofo"
    if 0x3041 <= cp <= 0x30FF:
        return "kana"
    if 0xAC00 <= cp <= 0xD7A3:
        return "hangul"
    if 0x0391 <= cp <= 0x03C9:
        return "greek"
    if 0x0401 <= cp <= 0x0451:
        return "cyrillic"
    if 0x00C0 <= cp <= 0x024F or char.isascii():
        return "latin"
    return "symbol"


# A node of the search: (0 in step or 1 re-read, last character emitted).  Its entry:
# (score, previous node, byte offset of the previous node, character emitted).
_Node = tuple[int, str]
_Entry = tuple[float, "_Node | None", int, str]


def _resync(run: str, before: str, codec: str) -> list[tuple[int, int, str]]:
    """Re-read a run; return (start, end, replacement) character spans that improve it.

    ``before`` is the character before the run, for the first bigram.
    """
    starts: dict[int, int] = {}  # byte offset -> index of the character starting there
    data: list[int] = []
    for index, char in enumerate(run):
        encoded = _encode(char, codec)
        if encoded is None:
            return []
        starts[len(data)] = index
        data.extend(encoded)
    starts[len(data)] = len(run)
    n = len(data)
    table: list[dict[_Node, _Entry]] = [{} for _ in range(n + 1)]
    table[0][(0, before)] = (0.0, None, 0, "")

    for k in range(n):
        for node, entry in list(table[k].items()):
            here = entry[0]
            state, last = node
            moves: list[tuple[int, int, str, float]] = []  # (state, end, char, score)
            if k in starts:
                index = starts[k]
                char = run[index]
                kind = _kind(char)
                isolated = not (
                    (index > 0 and _kind(run[index - 1]) == kind)
                    or (index + 1 < len(run) and _kind(run[index + 1]) == kind)
                )
                end = k + (1 if data[k] == _UNKNOWN else 2)
                moves.append((0, end, char, _score(char, isolated, codec)))
            cost = 0.0 if state == 1 else MISALIGN_COST
            if k + 1 < n and not (k in starts and data[k] != _UNKNOWN):
                char = _decode_pair(data[k], data[k + 1], codec)
                moves.append((1, k + 2, char, _score(char, True, codec) - cost))
            # Giving up one byte: entering a re-read this way is the lost byte itself,
            # which the entry cost already prices.
            skip = _score(REPLACEMENT) if state == 1 else 0.0
            moves.append((1, k + 1, REPLACEMENT, skip - cost))
            for new_state, end, char, score in moves:
                if last and char != REPLACEMENT and _bigram(last, char):
                    score += BIGRAM_BONUS
                new_node = (new_state, char)
                current = table[end].get(new_node)
                if current is None or here + score > current[0]:
                    table[end][new_node] = (here + score, node, k, char)

    if not table[n]:
        return []
    cursor: _Node | None = max(table[n], key=lambda nd: table[n][nd][0])
    pieces: list[tuple[int, int, int, str]] = []  # (byte start, byte end, state, char)
    k = n
    while k > 0 and cursor is not None:
        _, prev, prev_k, char = table[k][cursor]
        pieces.append((prev_k, k, cursor[0], char))
        cursor, k = prev, prev_k
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
        text = "".join(p[3] for p in pieces[i:j])
        lost = text.count(REPLACEMENT)
        # A re-read must recover characters, not just trade them for U+FFFD, and
        # what it recovers must be Chinese: Han characters and punctuation, no
        # stray symbols (which is also what makes the repair idempotent).
        recovered = [c for c in text if c != REPLACEMENT]
        if (
            byte_start in starts
            and byte_end in starts
            and len(recovered) >= max(2, lost)
            and all(_score(c, True, codec) > -5.0 for c in recovered)
            and any(_score(c, True, codec) > 0.0 and c not in COMMON_CJK_PUNCT for c in recovered)
        ):
            spans.append((starts[byte_start], starts[byte_end], text))
        i = j
    return spans


def find_gbk_misalignment(text: str, context: Context) -> Iterator[Edit]:
    """Re-synchronise GBK text that was read one byte out of step.

    >>> from textmend._model import apply_edits
    >>> apply_edits("?。ㄎ淖终?长沙晚报", find_gbk_misalignment("?。ㄎ淖终?长沙晚报", Context()))
    '\ufffd（文字\ufffd长沙晚报'
    """
    if text.isascii():
        return
    if not (_MARKS.search(text) or _question_by_cjk(text)):
        return
    japanese = _KANA_PAIR.search(text) is not None
    for m in _RUN.finditer(text):
        whole = m.group()
        if not _STRONG.search(whole) or _JAPANESE.search(whole):
            continue
        if japanese and _KANA.search(whole):
            continue
        for lo, hi in _windows(whole):
            yield from _window_edits(text, m.start() + lo, whole[lo:hi])


#: How far from a mark a misread stretch is looked for.  A decoder that loses
#: step runs on until an ASCII byte or an unreadable pair puts it back in step,
#: which leaves a mark; the stretch before it is what needs re-reading.
BEFORE_MARK, AFTER_MARK = 48, 8
#: How close to a mark an odd character must stand, and how odd (see _score).
ODD_NEAR, ODD_BELOW = 8, -0.5


def _windows(run: str) -> list[tuple[int, int]]:
    """Stretches of ``run`` around its strong signals, merged where they overlap."""
    windows: list[tuple[int, int]] = []
    for signal in _STRONG.finditer(run):
        if signal.group() in ("?", REPLACEMENT):
            # A mark where a misread stretch ends has odd characters just before it;
            # a character that was merely lost (U+FFFD among ordinary Chinese, as
            # TM220 leaves it) has none, and needs no search.
            near = run[max(0, signal.start() - ODD_NEAR) : signal.end() + 2]
            if not any(_score(c) <= ODD_BELOW for c in near if c not in "?\ufffd"):
                continue
        lo = max(0, signal.start() - BEFORE_MARK)
        hi = min(len(run), signal.end() + AFTER_MARK)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def _window_edits(text: str, offset: int, run: str) -> Iterator[Edit]:
    before = text[offset - 1] if offset else ""
    for codec in CODECS:
        edits = []
        for start, end, replacement in _resync(run, before, codec):
            original = run[start:end]
            repaired = run[:start] + replacement + run[end:]
            # A re-read that would itself be re-read is a coin toss between two
            # readings, not a repair (and fixing must be idempotent).
            if replacement != original and not _resync(repaired, before, codec):
                edits.append(
                    Edit(
                        offset + start,
                        offset + end,
                        original,
                        replacement,
                        f"{_NAMES[codec]} text read one byte out of step; re-read "
                        "(U+FFFD marks lost bytes)",
                    )
                )
        if edits:
            yield from edits
            return
