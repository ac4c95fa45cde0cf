"""Quotation marks: straight quotes in Latin text, corner brackets in CJK text (both opt-in).

Curly quotes are correct typography, so nothing here runs by default.  Some
pipelines want one form: ``straight-quotes`` makes curly quotes outside CJK
text ASCII (as ftfy's ``uncurl_quotes`` does, but never inside Chinese or
Japanese, where “ ” are the standard marks); ``corner-quotes`` writes quotations
in CJK text with the corner brackets of Traditional Chinese and Japanese.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from textmend._chars import CJK_CONTEXT
from textmend._model import Context, Edit
from textmend.normalize.width import CJKLines, in_cjk_context

__all__ = ["find_corner_quotes", "find_straight_quotes"]

_CJK = f"[{CJK_CONTEXT}]"
# Fullwidth forms count too: “去！” closes after a fullwidth mark.
_CJK_CHAR = regex.compile(f"[{CJK_CONTEXT}\uff01-\uffef]")
_CURLY = regex.compile("[\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b]")
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
    for m in _CURLY.finditer(text):
        # The characters touching the quote decide: a space after a closing quote says
        # nothing about the text it closes.
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if _CJK_CHAR.match(before) or _CJK_CHAR.match(after):
            continue
        if not (before.strip() or after.strip()) and in_cjk_context(
            text, m.start(), m.end(), lines
        ):
            continue
        yield Edit(m.start(), m.end(), m.group(), _STRAIGHT[m.group()], "curly quote")


_DOUBLE = regex.compile(f"\u201c(?=[^\u201c\u201d\\n]*{_CJK})([^\u201c\u201d\\n]*)\u201d")
_SINGLE = regex.compile(f"\u2018(?=[^\u2018\u2019\\n]*{_CJK})([^\u2018\u2019\\n]*)\u2019")


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
    for pattern, (opening, closing) in ((_DOUBLE, "「」"), (_SINGLE, "『』")):
        for m in pattern.finditer(text):
            edits.append(Edit(m.start(), m.start() + 1, m.group()[0], opening, "quote in CJK text"))
            edits.append(Edit(m.end() - 1, m.end(), m.group()[-1], closing, "quote in CJK text"))
    yield from sorted(edits, key=lambda e: e.start)
