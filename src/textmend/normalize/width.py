"""Character width: fullwidth letters and digits, halfwidth katakana, the ideographic space.

Fullwidth forms of ASCII letters and digits (``ＡＢＣ１２３``) come from East Asian
input methods and legacy encodings.  In Latin text they are plainly damage and
become ASCII; inside Chinese or Japanese text (``２０２４年``) they are a house
style some publishers keep, so folding them there is a separate rule, off by
default.  Halfwidth katakana (``ｶﾀｶﾅ``) are a legacy of single-byte terminals and
become ordinary katakana, but only on request, since texts about them use them on
purpose.  The ideographic space keeps its width in CJK text (it is the paragraph
indent of Chinese and Japanese) and becomes an ordinary space elsewhere.

The context of a fullwidth run is read from the characters around the run: a
run touching Han, kana, Hangul, bopomofo or CJK punctuation is CJK text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import regex

from textmend._chars import CJK_CONTEXT, FULLWIDTH_ALNUM
from textmend._model import Context, Edit

__all__ = [
    "FULLWIDTH_OFF_CJK",
    "CJKLines",
    "find_fullwidth_alnum",
    "find_fullwidth_alnum_cjk",
    "find_halfwidth_katakana",
    "find_ideographic_space",
    "fullwidth_runs",
    "in_cjk_context",
]


class _Patterns(NamedTuple):
    run: re.Pattern[str]
    alnum_gate: regex.Pattern[str]
    alnum: regex.Pattern[str]
    cjk: regex.Pattern[str]
    word: regex.Pattern[str]
    cjk_or_wide: regex.Pattern[str]
    segment_off_cjk: regex.Pattern[str]
    halfwidth_kana: regex.Pattern[str]
    ideographic_space: regex.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """The module's patterns, compiled on first use: most texts never reach them, and
    the classes of CJK text cost milliseconds to compile at every start."""
    return _Patterns(
        run=re.compile("[\uff01-\uff5e]+(?:[ \u3000]+[\uff01-\uff5e]+)*"),
        # The regex module scans for a single range far faster than the stdlib engine
        # does, so the gates are single ranges where they can be (U+FF10-U+FF5A holds
        # every fullwidth letter and digit, and little else).
        alnum_gate=regex.compile("[\uff10-\uff5a]"),
        alnum=regex.compile(f"[{FULLWIDTH_ALNUM}]+"),
        cjk=regex.compile(f"[{CJK_CONTEXT}]"),
        word=regex.compile(r"[\p{L}\p{N}]"),
        # Fullwidth and halfwidth forms count as CJK context for the ideographic space.
        cjk_or_wide=regex.compile(f"[{CJK_CONTEXT}\uff01-\uffef]"),
        # The regex module again: one range to scan for, and classes of CJK text that
        # it compiles in a fraction of the standard library's time.
        segment_off_cjk=regex.compile(FULLWIDTH_OFF_CJK),
        halfwidth_kana=regex.compile("[\uff61-\uff9f]+"),
        ideographic_space=regex.compile("\u3000+"),
    )


_BLANK = " \t\u3000\u00a0"
_MAX_SKIP = 16


def _left(text: str, pos: int) -> str:
    """The nearest character before ``pos`` on the same line, skipping a few blanks."""
    i = pos - 1
    while i >= 0 and pos - i <= _MAX_SKIP and text[i] in _BLANK:
        i -= 1
    return "" if i < 0 or text[i] in "\n\r" or text[i] in _BLANK else text[i]


def _right(text: str, pos: int) -> str:
    """The nearest character from ``pos`` on, on the same line, skipping a few blanks."""
    i, n = pos, len(text)
    while i < n and i - pos < _MAX_SKIP and text[i] in _BLANK:
        i += 1
    return "" if i >= n or text[i] in "\n\r" or text[i] in _BLANK else text[i]


class CJKLines:
    """Whether the line around a position holds CJK text, each line searched once.

    Positions come in order from a rule's scan, so a long line with many candidates
    is searched once, not once per candidate.
    """

    __slots__ = ("_end", "_start", "_text", "_value")

    def __init__(self, text: str) -> None:
        self._text = text
        self._start = self._end = -1
        self._value = False

    def __call__(self, pos: int) -> bool:
        if not self._start <= pos <= self._end:
            text = self._text
            self._start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
            ends = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0]
            self._end = min(ends) if ends else len(text)
            self._value = _patterns().cjk.search(text, self._start, self._end) is not None
        return self._value


def in_cjk_context(text: str, start: int, end: int, lines: CJKLines | None = None) -> bool:
    """Whether ``text[start:end]`` stands in CJK text, judged by its neighbours.

    With nothing beside it on its line, the whole line decides.

    >>> in_cjk_context("２０２４年", 0, 4), in_cjk_context("ＡＢＣ rules", 0, 3)
    (True, False)
    """
    left, right = _left(text, start), _right(text, end)
    if not left and not right:
        return (lines or CJKLines(text))(start)
    cjk = _patterns().cjk
    return bool(cjk.match(left) or cjk.match(right))


# Fullwidth segments that touch no CJK character directly.  Nearly every fullwidth
# mark in Chinese and Japanese text touches one, and the regex engine skips those
# without a Python call each (the plain run pattern made this rule cost as much as all
# the repairs together on Chinese text).  The lookarounds exclude fullwidth forms too,
# so a segment is always maximal and the engine never backtracks into it.
# The pattern starts with the fullwidth class itself so that the engine scans for it
# at C speed; a lookbehind first was tried at every position and cost ten times more.
# As a string, it is also the gate of the rules that act on fullwidth runs outside CJK
# text: every such run starts with a match.
FULLWIDTH_OFF_CJK = (
    f"[\uff01-\uff5e](?<![{CJK_CONTEXT}\uff01-\uff5e][\uff01-\uff5e])"
    f"[\uff01-\uff5e]*(?![{CJK_CONTEXT}\uff01-\uff5e])"
)


def _is_fullwidth(char: str) -> bool:
    return "\uff01" <= char <= "\uff5e"


def _run_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fullwidth segment to its run: segments joined by blanks are one run."""
    while True:
        i = start
        while i > 0 and text[i - 1] in " \u3000":
            i -= 1
        if i in (start, 0) or not _is_fullwidth(text[i - 1]):
            break
        start = i - 1
        while start > 0 and _is_fullwidth(text[start - 1]):
            start -= 1
    n = len(text)
    while True:
        j = end
        while j < n and text[j] in " \u3000":
            j += 1
        if j in (end, n) or not _is_fullwidth(text[j]):
            break
        end = j + 1
        while end < n and _is_fullwidth(text[end]):
            end += 1
    return start, end


def fullwidth_runs(text: str, *, cjk: bool) -> Iterator[tuple[int, int]]:
    """Runs of fullwidth ASCII forms (blanks may join them) in CJK text, or outside it."""
    lines = CJKLines(text)
    patterns = _patterns()
    if cjk:
        for m in patterns.run.finditer(text):
            if in_cjk_context(text, m.start(), m.end(), lines):
                yield m.span()
        return
    done = 0
    for m in patterns.segment_off_cjk.finditer(text):
        if m.start() < done:
            continue
        start, end = _run_around(text, m.start(), m.end())
        done = end
        left, right = _left(text, start), _right(text, end)
        if patterns.cjk.match(left) or patterns.cjk.match(right):
            continue
        if patterns.word.match(left) or patterns.word.match(right):
            yield start, end
        elif patterns.alnum.search(text, start, end) and not lines(start):
            # Nothing but punctuation or the line's ends beside it: Latin text only if
            # the run holds letters or digits and the line no CJK (a lone ！ or ·！
            # says nothing about the text around it).
            yield start, end


def _to_ascii(s: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in s)


def _alnum_edits(text: str, cjk: bool, message: str) -> Iterator[Edit]:
    patterns = _patterns()
    if patterns.alnum_gate.search(text) is None or patterns.alnum.search(text) is None:
        return
    for start, end in fullwidth_runs(text, cjk=cjk):
        for m in patterns.alnum.finditer(text, start, end):
            yield Edit(m.start(), m.end(), m.group(), _to_ascii(m.group()), message)


def find_fullwidth_alnum(text: str, context: Context) -> Iterator[Edit]:
    """Fullwidth letters and digits outside CJK text become ASCII.

    >>> from textmend._model import apply_edits
    >>> text = "Ｈｅｌｌｏ world"
    >>> apply_edits(text, find_fullwidth_alnum(text, Context()))
    'Hello world'
    """
    yield from _alnum_edits(text, False, "fullwidth letters or digits in non-CJK text")


def find_fullwidth_alnum_cjk(text: str, context: Context) -> Iterator[Edit]:
    """Fullwidth letters and digits inside CJK text become ASCII too (opt-in).

    >>> from textmend._model import apply_edits
    >>> text = "２０２４年"
    >>> apply_edits(text, find_fullwidth_alnum_cjk(text, Context()))
    '2024年'
    """
    yield from _alnum_edits(text, True, "fullwidth letters or digits in CJK text")


def find_halfwidth_katakana(text: str, context: Context) -> Iterator[Edit]:
    """Halfwidth katakana and their punctuation become the ordinary fullwidth forms.

    Voiced marks combine with the kana before them (``ｶﾞ`` becomes ``ガ``).

    >>> from textmend._model import apply_edits
    >>> text = "ｶﾞｲﾄﾞ｡"
    >>> apply_edits(text, find_halfwidth_katakana(text, Context()))
    'ガイド。'
    """
    for m in _patterns().halfwidth_kana.finditer(text):
        new = unicodedata.normalize("NFKC", m.group())
        # A voiced mark with nothing to combine with keeps its spacing form.
        new = new.replace("\u3099", "\u309b").replace("\u309a", "\u309c")
        yield Edit(m.start(), m.end(), m.group(), new, "halfwidth katakana")


def find_ideographic_space(text: str, context: Context) -> Iterator[Edit]:
    """An ideographic space outside CJK text becomes ordinary spaces, one for each.

    >>> from textmend._model import apply_edits
    >>> text = "Hello\\u3000world"
    >>> apply_edits(text, find_ideographic_space(text, Context()))
    'Hello world'
    """
    lines = CJKLines(text)
    patterns = _patterns()
    for m in patterns.ideographic_space.finditer(text):
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if patterns.cjk_or_wide.match(before) or patterns.cjk_or_wide.match(after):
            continue
        if not (patterns.word.match(before) or patterns.word.match(after)):
            continue  # only a letter or digit beside it says what the text is
        if lines(start):
            continue
        yield Edit(start, end, m.group(), " " * (end - start), "ideographic space in non-CJK text")
