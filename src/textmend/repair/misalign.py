"""Double-byte text knocked out of step by one lost byte.

When one byte of a GBK stream is lost, every following pair is read one byte
out of step until an ASCII byte puts the decoder back in step:
``　（文字整理`` becomes ``?。ㄎ淖终?``.  The tell-tale signs are a replacement
mark (``?`` or U+FFFD), an isolated bopomofo letter or a private-use character
in the middle of Chinese text, or a lone ASCII letter glued to it: GBK and Big5
trail bytes 0x40-0x7E are ASCII letters and symbols, so a decoder out of step
that meets one as a lead byte prints it and is back in step (``茪u清理`` for
``志工清理`` in Big5; Big5's ``，`` and ``。`` end in ``A`` and ``C``).

The repair re-reads the bytes of such a run with a small dynamic programme over
byte positions: each step either keeps a character as it was decoded, or reads
a pair of bytes at the other parity, or gives up one byte as lost (U+FFFD).
Characters are scored by how ordinary they are in Chinese text, and a re-read
stretch must beat the text as it stands by a clear margin.  Bytes that are gone
(those hidden behind a ``?``) become U+FFFD: nothing is invented.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import regex

from textmend._chars import CJK_PUNCT, COMMON_CJK_PUNCT, HAN, REPLACEMENT, letters_marked
from textmend._model import Context, Edit, apply_edits
from textmend.data import data_path, zh_table
from textmend.data.frequency import zh_bigrams, zh_char_log_freq

__all__ = ["find_gbk_misalignment", "question_stands_for_lost_bytes"]

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
_BOPOMOFO = "\u3105-\u312f\u02ca\u02c7\u02cb\u02d9"
# Where a lone ASCII byte may stand in a misread run: a trail byte 0x40-0x7E glued
# after a double-byte character and not starting an English word.  Letters only:
# the symbols among those bytes ({, _, [, ~) are also the stuff of templates and code.
_GLUED_AFTER = f"{HAN}{CJK_PUNCT}\\uac00-\\ud7a3"


class _Patterns(NamedTuple):
    run: regex.Pattern[str]
    marks: re.Pattern[str]
    question: re.Pattern[str]
    strong: regex.Pattern[str]
    japanese: regex.Pattern[str]
    kana: regex.Pattern[str]
    kana_pair: regex.Pattern[str]
    hangul: re.Pattern[str]
    han: re.Pattern[str]
    hangul_pair: re.Pattern[str]
    han_or_punct: re.Pattern[str]
    particle: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """The patterns, compiled on first use: most texts never reach the search."""
    cjk = f"{HAN}{CJK_PUNCT}{_GBK_SYMBOLS}\\uac00-\\ud7a3\\u3131-\\u318e\\uff10-\\uff5e"
    return _Patterns(
        # A run that might hold misread double-byte text, its marks and glued bytes.
        run=regex.compile(f"[{cjk}?\ufffd]+"),
        # Cheap gates with the standard library's engine, which scans a character
        # class faster than the regex module.  One leading class, the bopomofo
        # letter's neighbours by looking around: the engine skips to the class at
        # full speed, where an alternation at the top was tried at every character.
        marks=re.compile(
            "[\ufffd\ue000-\uf8ff\u3105-\u312f]"
            f"(?:(?<=[\ufffd\ue000-\uf8ff])|(?<![{_BOPOMOFO}].)(?![{_BOPOMOFO}]))"
        ),
        # An ASCII "?" next to Han or CJK punctuation; the literal first lets the
        # engine skip to each "?" (code and English have many).
        question=re.compile(f"\\?(?:(?<=[{HAN}{CJK_PUNCT}]\\?)|(?=[{HAN}{CJK_PUNCT}]))"),
        # What makes a run worth re-reading: a replacement mark, a private-use
        # character, a bopomofo letter alone (zhuyin writes them in runs, with tone
        # marks), or a glued ASCII byte.
        strong=regex.compile(
            f"[?\ufffd\ue000-\uf8ff]|(?<![{_BOPOMOFO}])[\u3105-\u312f](?![{_BOPOMOFO}])|[A-Za-z]"
        ),
        # Kana in pairs, or three in a run, is Japanese text, which GBK misreads
        # rarely produce and which must never be re-read.
        japanese=regex.compile("[\u3041-\u30ff]{2}|(?:[\u3041-\u30ff].*){3}"),
        kana=regex.compile("[\u3041-\u30ff]"),
        kana_pair=regex.compile("[\u3041-\u30ff]{2}"),
        hangul=re.compile("[\uac00-\ud7a3]"),
        han=re.compile(f"[{HAN}]"),
        hangul_pair=re.compile("[\uac00-\ud7a3]{2}"),
        han_or_punct=re.compile(f"[{_GLUED_AFTER}]"),
        # A Japanese particle before Han (の木曜) opens no misread.
        particle=re.compile(f"[のをはがにでともへや][{HAN}]"),
    )


def _question_by_cjk(text: str) -> bool:
    """Whether an ASCII ``?`` stands next to Han or CJK punctuation."""
    return "?" in text and _patterns().question.search(text) is not None


#: Price of declaring that a byte was lost and reading on at the other parity.
MISALIGN_COST = 4.0
#: Reward for a pair of characters that occurs inside a common word.
BIGRAM_BONUS = 3.0
#: How much better a re-read stretch that reads back no common word must score than
#: the characters it replaces, beyond the price of the lost byte: a clean text never
#: lost a byte, so a re-read needs evidence far above what chance gives a stretch of
#: rare characters (clean text with a mark in it, Japanese aside, scores at most 0 re-read).
MARGIN = 1.0
#: What a lone ASCII byte scores, as decoded or re-read: odd in Chinese either way.
ASCII_SCORE = -1.0
#: What a fullwidth letter or digit scores, alone or not.
FULLWIDTH_SCORE = -0.5


@functools.cache
def _simplified(char: str) -> str:
    # A compatibility ideograph (KS X 1001's duplicate hanja) is its unified twin.
    char = unicodedata.normalize("NFC", char)
    return zh_table("t2s_chars").get(char, char)


def _score(char: str, isolated: bool = True, codec: str = "gbk", korean: bool = True) -> float:
    """How ordinary a character is in text of ``codec``; negative means suspicious.

    A letter of another script (kana, Greek, bopomofo) is ordinary next to its
    own kind, and suspicious alone between Han characters.  In Korean EUC-KR
    text, Hangul is the ordinary letter and Han characters (hanja) are rarer
    than in Chinese; in Chinese text read as EUC-KR, Hangul is the intruder.
    """
    if char in ("?", REPLACEMENT):
        return -3.0
    if char in COMMON_CJK_PUNCT:
        return 1.0
    cp = ord(char)
    if cp < 0x80:
        return ASCII_SCORE
    if codec == "euc_kr" and korean and 0xAC00 <= cp <= 0xD7A3:
        # Every syllable EUC-KR encodes is one of KS X 1001's 2,350 common ones, and
        # a few hundred of them make up most words; a byte out of step reads the rest.
        return HANGUL_SCORE if char in _hangul_in_words() else RARE_HANGUL_SCORE
    if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000:
        freq = zh_char_log_freq().get(_simplified(char))
        score = -3.0 if freq is None else min(freq, 5.5) - 3.5
        return score - HANJA_PRICE if codec == "euc_kr" and korean else score
    if 0xE000 <= cp <= 0xF8FF:
        return -8.0
    if 0xFF10 <= cp <= 0xFF5A:
        # Fullwidth letters and digits are ordinary in Chinese text (ＡＢＣ公司).
        return FULLWIDTH_SCORE
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
#: What a Hangul syllable no CLDR Korean word uses scores in Korean text.
RARE_HANGUL_SCORE = -1.0


@functools.cache
def _hangul_in_words() -> frozenset[str]:
    """The Hangul syllables of CLDR's Korean strings (``data/legacy_hangul.txt``)."""
    text = data_path("legacy_hangul.txt").read_text(encoding="utf-8")
    return frozenset("".join(line for line in text.splitlines() if not line.startswith("#")))


def _encode(char: str, codec: str) -> list[int] | None:
    """The bytes of a character as decoded, or None if it cannot be in a misread run."""
    if char in ("?", REPLACEMENT):
        return [_UNKNOWN]
    if char.isascii() and char.isalpha():
        return [ord(char)]
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
    if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000:
        # A symbol beside a Han character is still alone among its own kind.
        return "han"
    return "symbol"


def _reads_as_utf8(data: list[int]) -> bool:
    """Whether most high bytes form UTF-8 sequences: misread UTF-8, TM220's domain.

    GBK read out of step almost never does: a UTF-8 sequence needs a lead byte
    followed by exactly the right number of bytes 0x80-0xBF.
    """
    high = sum(1 for b in data if b >= 0x80)
    covered = sequences = i = 0
    while i < len(data):
        lead = data[i]
        size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4
        size = size if 0xC2 <= lead <= 0xF4 else 0
        tail = data[i + 1 : i + size]
        if size and len(tail) == size - 1 and all(0x80 <= b <= 0xBF for b in tail):
            covered += size
            sequences += 1
            i += size
            continue
        i += 1
    return sequences >= 2 and covered >= 0.6 * high


# A node of the search: (0 in step or 1 re-read, last character emitted).  Its entry:
# (score, previous node, byte offset of the previous node, character emitted).
_Node = tuple[int, str]
_Entry = tuple[float, "_Node | None", int, str]


def _as_is(run: str, start: int, end: int, before: str, codec: str, korean: bool) -> float:
    """What ``run[start:end]`` scores as it stands, the way the search scores it."""
    total = 0.0
    last = run[start - 1] if start else before
    for index in range(start, end):
        char = run[index]
        total += _score(char, _isolated(run, index), codec, korean)
        if last and char != REPLACEMENT and _bigram(last, char):
            total += BIGRAM_BONUS
        last = char
    return total


def _isolated(run: str, index: int) -> bool:
    kind = _kind(run[index])
    return not (
        (index > 0 and _kind(run[index - 1]) == kind)
        or (index + 1 < len(run) and _kind(run[index + 1]) == kind)
    )


def _resync(run: str, before: str, codec: str, korean: bool = True) -> list[tuple[int, int, str]]:
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
    if _reads_as_utf8(data):
        return []
    n = len(data)
    table: list[dict[_Node, _Entry]] = [{} for _ in range(n + 1)]
    table[0][(0, before)] = (0.0, None, 0, "")

    for k in range(n):
        for node, entry in list(table[k].items()):
            here = entry[0]
            state, last = node
            moves: list[tuple[int, int, str, float]] = []  # (state, end, char, score)
            byte = data[k]
            if k in starts:
                index = starts[k]
                char = run[index]
                end = k + (2 if byte >= 0x80 else 1)
                moves.append((0, end, char, _score(char, _isolated(run, index), codec, korean)))
            cost = 0.0 if state == 1 else MISALIGN_COST
            if 0 <= byte < 0x80:
                if state == 1 and k not in starts:
                    # Out of step, an ASCII byte is read alone and puts the decoder
                    # back in step (the decoder had glued it to a lead byte).
                    moves.append((1, k + 1, chr(byte), ASCII_SCORE))
            elif k + 1 < n and not (k in starts and byte != _UNKNOWN):
                char = _decode_pair(byte, data[k + 1], codec)
                moves.append((1, k + 2, char, _score(char, True, codec, korean) - cost))
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
    # (byte start, byte end, state, char, score after it)
    pieces: list[tuple[int, int, int, str, float]] = []
    k = n
    while k > 0 and cursor is not None:
        total, prev, prev_k, char = table[k][cursor]
        pieces.append((prev_k, k, cursor[0], char, total))
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
        recovered = [c for c in text if c != REPLACEMENT and not c.isascii()]
        if (
            byte_start in starts
            and byte_end in starts
            and len(recovered) >= max(2, lost)
            and all(_score(c, True, codec, korean) > -5.0 for c in recovered)
            and any(
                _score(c, True, codec, korean) > 0.0 and c not in COMMON_CJK_PUNCT
                for c in recovered
            )
        ):
            start, end = starts[byte_start], starts[byte_end]
            if _patterns().particle.match(run, start):
                # Japanese (の木曜): a misread starts with a particle once in a thousand.
                i = j
                continue
            gain = pieces[j - 1][4] - (pieces[i - 1][4] if i else 0.0)
            # The character after the stretch, read against the last re-read one.
            after = run[end] if end < len(run) else ""
            if after and after != REPLACEMENT:
                gain += BIGRAM_BONUS * (_bigram(text[-1], after) - _bigram(run[end - 1], after))
            # A word read back (a common pair inside the stretch) is evidence of its
            # own; without one, the stretch's characters alone must carry the margin.
            worded = any(
                _bigram(a, b) for a, b in itertools.pairwise(text) if REPLACEMENT not in a + b
            )
            margin = 0.0 if worded else MARGIN
            if gain - _as_is(run, start, end, before, codec, korean) >= margin:
                spans.append((start, end, text))
        i = j
    return spans


def find_gbk_misalignment(text: str, context: Context) -> Iterator[Edit]:
    """Re-synchronise GBK, Big5 or EUC-KR text that was read one byte out of step.

    >>> from textmend._model import apply_edits
    >>> apply_edits("?。ㄎ淖终?长沙晚报", find_gbk_misalignment("?。ㄎ淖终?长沙晚报", Context()))
    '\ufffd（文字\ufffd长沙晚报'
    """
    edits = list(_find(text))
    if not edits:
        return
    # The output must be a fixed point: a repair whose result would itself be
    # re-read is a coin toss between readings (misread UTF-8 re-read as GBK is one),
    # not a repair.
    if any(True for _ in _find(apply_edits(text, edits))):
        return
    yield from edits


def _find(text: str) -> Iterator[Edit]:
    if text.isascii():
        return
    patterns = _patterns()
    if patterns.marks.search(text) or _question_by_cjk(text):
        stretches = [(0, len(text))]
    else:
        # Only letters glued to Han: search near those beside odd characters, the way
        # a misread stretch ends (clean text has many, after plain words).
        stretches = []
        for at in _glued_letters(text):
            near = text[max(0, at - GLUED_NEAR) : at + 3]
            if not patterns.han_or_punct.match(text, at - 1) or not any(map(_odd, near)):
                continue
            lo, hi = max(0, at - BEFORE_MARK - 1), min(len(text), at + AFTER_MARK + 1)
            if stretches and lo <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], hi)
            else:
                stretches.append((lo, hi))
        if not stretches:
            return
    japanese = patterns.kana_pair.search(text) is not None
    for start, end in (run for lo, hi in stretches for run in _runs(text, lo, hi)):
        whole = text[start:end]
        if not patterns.strong.search(whole) or patterns.japanese.search(whole):
            continue
        if japanese and patterns.kana.search(whole):
            continue
        for lo, hi in _windows(whole):
            yield from _window_edits(text, start + lo, whole[lo:hi])


def _glued_letters(text: str) -> Iterator[int]:
    """Where an ASCII letter follows a non-ASCII character and no Latin letter follows it.

    Found in the text as ASCII, one byte per character, where such a letter is ``?a``
    before anything but ``a``: ``bytes.find`` skips to each at C speed, where a scan of
    the text for letters costs ten times more (and clean Chinese has many letters, in
    words), and so did a regex keyed on "?" (every character of CJK text) or on "a".
    """
    marked = letters_marked(text)
    # No letter at all (much Chinese text): one memchr, where the search for "?a"
    # steps through "?" after "?".
    at = marked.find(b"?a") if b"a" in marked else -1
    while at >= 0:
        if marked[at + 2 : at + 3] != b"a":
            after = text[at + 2 : at + 3]
            if not text[at].isascii() and not "\u00c0" <= after <= "\u024f":
                yield at + 1
        at = marked.find(b"?a", at + 2)


def _runs(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Spans of ``text[lo:hi]`` of two or more characters that may be misread.

    A lone letter right after a run joins it (and the run after the letter): a
    trail byte 0x40-0x7E met out of step.  Joined here rather than in the pattern,
    whose engine would otherwise try the letter's look-around at every character.
    """
    start = end = -1
    for m in _patterns().run.finditer(text, lo, hi):
        if m.start() == end and end > start >= 0:
            end = m.end()  # the run after a glued letter
        else:
            if end - start >= 2:
                yield start, end
            start, end = m.span()
        if end < hi and _glued_letter(text, end) and _patterns().han_or_punct.match(text, end - 1):
            end += 1
    if end - start >= 2:
        yield start, end


def _glued_letter(text: str, index: int) -> bool:
    """Whether ``text[index]`` is a lone ASCII letter (no letter follows it)."""
    if index >= len(text) or not ("A" <= text[index] <= "Z" or "a" <= text[index] <= "z"):
        return False
    after = text[index + 1 : index + 2]
    return not (after.isalpha() and after <= "\u024f")


#: How far from a mark a misread stretch is looked for.  A decoder that loses
#: step runs on until an ASCII byte or an unreadable pair puts it back in step,
#: which leaves a mark; the stretch before it is what needs re-reading.
BEFORE_MARK, AFTER_MARK = 48, 8
#: How close to a mark an odd character must stand, and how odd (see _score); for a
#: glued letter, which clean text has many of, closer still (a cheaper look).
ODD_NEAR, ODD_BELOW, GLUED_NEAR = 8, -0.5, 3


#: How many characters before a mark, none of them odd, must read as no word at
#: all for the mark to end a misread stretch (悦朗持� for 以美食著 in GBK).
WORDLESS = 3


def _wordless(chars: str) -> bool:
    """Whether ``chars`` are all Han and no two neighbours make a common word."""
    return (
        len(chars) == WORDLESS
        and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in chars)
        and not any(_bigram(a, b) for a, b in itertools.pairwise(chars))
    )


@functools.cache
def _odd(char: str) -> bool:
    """Whether a character reads as a misread (see _score); ASCII and marks do not."""
    return not char.isascii() and char != REPLACEMENT and _score(char) <= ODD_BELOW


def _suspect(text: str, at: int) -> bool:
    """Whether the mark at ``at`` ends what reads as a misread stretch.

    A mark where a misread stretch ends has odd characters just before it, or
    characters that make no word; a character that was merely lost (U+FFFD among
    ordinary Chinese, as TM220 leaves it) has neither, and needs no search.
    """
    if any(map(_odd, text[max(0, at - ODD_NEAR) : at + 3])):
        return True
    return _wordless(text[max(0, at - WORDLESS) : at])


def _windows(run: str) -> list[tuple[int, int]]:
    """Stretches of ``run`` around its strong signals, merged where they overlap."""
    windows: list[tuple[int, int]] = []
    for signal in _patterns().strong.finditer(run):
        mark = signal.group()
        if (mark == "?" or mark == REPLACEMENT or mark.isascii()) and not _suspect(
            run, signal.start()
        ):
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
        korean = codec == "euc_kr" and _korean(text, offset, run)
        edits = []
        for start, end, replacement in _resync(run, before, codec, korean):
            original = run[start:end]
            repaired = run[:start] + replacement + run[end:]
            # A re-read that would itself be re-read is a coin toss between two
            # readings, not a repair (and fixing must be idempotent).
            if replacement != original and not _resync(repaired, before, codec, korean):
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


def _korean(text: str, offset: int, window: str) -> bool:
    """Whether the line around a window is Korean, where Hangul is no intruder.

    The line outside the window decides: Hangul says Korean, Han without Hangul
    says Chinese.  A line that is all window decides by the window itself: Korean
    writes syllables in words, a byte out of step in Chinese scatters them alone.
    """
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset + len(window))
    outside = text[start:offset] + text[offset + len(window) : len(text) if end < 0 else end]
    patterns = _patterns()
    if patterns.hangul.search(outside) is not None:
        return True
    if patterns.han.search(outside) is not None:
        return False
    return patterns.hangul_pair.search(window) is not None


def question_stands_for_lost_bytes(text: str, index: int) -> bool:
    """Whether the ASCII ``?`` at ``index`` may be a decoder's mark for lost bytes.

    A decoder thrown out of step by a lost byte writes ``?`` where it meets a pair it
    cannot read, right after the characters it misread: an odd character before the
    mark is the sign (``纾?记者`` for ``电（记者`` in GBK).  A question mark ends a
    question, after ordinary words.

    >>> question_stands_for_lost_bytes("长沙纾?记者", 3)
    True
    >>> question_stands_for_lost_bytes("你去吗?我不去", 3)
    False
    """
    if index == 0:
        return False
    char = text[index - 1]
    if "\ue000" <= char <= "\uf8ff" or "\u3105" <= char <= "\u312f":
        return True
    # Only a Han character tells: kana before "?" is a Japanese question (ですか?).
    return _patterns().han.match(char) is not None and _score(char) <= ODD_BELOW
