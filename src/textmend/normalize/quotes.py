"""Quotation marks: straight quotes in Latin text, corner brackets in CJK text (both opt-in).

Curly quotes are correct typography, so nothing here runs by default.  Some
pipelines want one form: ``straight-quotes`` makes curly quotes outside CJK
text ASCII (as ftfy's ``uncurl_quotes`` does, but never inside Chinese or
Japanese, where “ ” are the standard marks); ``corner-quotes`` writes quotations
in CJK text with the corner brackets of Traditional Chinese and Japanese.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import regex

from textmend._chars import CJK_CONTEXT
from textmend._model import Context, Edit
from textmend.normalize.width import CJKLines, in_cjk_context

__all__ = ["find_corner_quotes", "find_straight_quotes"]

_CJK = f"[{CJK_CONTEXT}]"


@functools.cache
def _cjk_char() -> regex.Pattern[str]:
    # Fullwidth forms count too: “去！” closes after a fullwidth mark.  Compiled on
    # first use, as every pattern here: both rules are off by default.
    return regex.compile(f"[{CJK_CONTEXT}\uff01-\uffef]")


_CURLY = re.compile("[\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b]")
_STRAIGHT = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
}


def find_straight_quotes(text: str, context: Context) -> Iterator[Edit]:
    """Curly quotes and apostrophes outside CJK text become ASCII quotes.

    >>> from textmend._model import apply_edits
    >>> text = "“It’s” 他说“好”"
    >>> apply_edits(text, find_straight_quotes(text, Context()))
    '"It\\'s" 他说“好”'
    """
    lines = CJKLines(text)
    cjk_char = _cjk_char()
    for m in _CURLY.finditer(text):
        # The characters touching the quote decide: a space after a closing quote says
        # nothing about the text it closes.
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if cjk_char.match(before) or cjk_char.match(after):
            continue
        if not (before.strip() or after.strip()) and in_cjk_context(
            text, m.start(), m.end(), lines
        ):
            continue
        yield Edit(m.start(), m.end(), m.group(), _STRAIGHT[m.group()], "curly quote")


@functools.cache
def _quotations() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A double and a single quotation on one line, holding CJK text."""
    return (
        regex.compile(f"\u201c(?=[^\u201c\u201d\\n]*{_CJK})([^\u201c\u201d\\n]*)\u201d"),
        regex.compile(f"\u2018(?=[^\u2018\u2019\\n]*{_CJK})([^\u2018\u2019\\n]*)\u2019"),
    )


def find_corner_quotes(text: str, context: Context) -> Iterator[Edit]:
    """Curly quotes around CJK text become corner brackets: “…” to 「…」, ‘…’ to 『…』.

    >>> from textmend._model import apply_edits
    >>> text = "他说：“我‘知道’了。”"
    >>> apply_edits(text, find_corner_quotes(text, Context()))
    '他说：「我『知道』了。」'
    """
    if "\u201c" not in text and "\u2018" not in text:
        return
    edits: list[Edit] = []
    double, single = _quotations()
    for pattern, (opening, closing) in ((double, "「」"), (single, "『』")):
        for m in pattern.finditer(text):
            edits.append(Edit(m.start(), m.start() + 1, m.group()[0], opening, "quote in CJK text"))
            edits.append(Edit(m.end() - 1, m.end(), m.group()[-1], closing, "quote in CJK text"))
    yield from sorted(edits, key=lambda e: e.start)
