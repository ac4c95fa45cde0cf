"""Whitespace: non-breaking spaces in Latin text, trailing blanks, mixed line endings.

All three are off by default: a non-breaking space is French typography before
``;:!?`` and between a number and its unit, trailing blanks are a Markdown line
break, and a file's line endings are its owner's choice (the CLI writes a file
back with the line endings it had).  Corpora want them uniform, so the ``corpus``
preset turns them on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import regex

from textmend._chars import CJK_CONTEXT
from textmend._model import Context, Edit

__all__ = ["find_mixed_line_endings", "find_nbsp", "find_trailing_whitespace"]


@functools.cache
def _nbsp_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """A run of no-break spaces, what may stand beside one in Latin text, and CJK text;
    compiled on first use (the rule is off by default)."""
    return (
        regex.compile("\u00a0+"),
        regex.compile(r"[\p{L}\p{N}\p{P}\p{S}]"),
        regex.compile(f"[{CJK_CONTEXT}]"),
    )


# French typography: a (narrow) no-break space before these marks and after «.
_FRENCH_BEFORE = frozenset(";:!?»%")


def find_nbsp(text: str, context: Context) -> Iterator[Edit]:
    """A non-breaking space between words of non-CJK text becomes an ordinary space.

    The spaces French typography requires (before ``; : ! ? » %``, after ``«``) stay.

    >>> from textmend._model import apply_edits
    >>> text = "New\\u00a0York\\u00a0: oui\\u00a0!"
    >>> apply_edits(text, find_nbsp(text, Context()))
    'New York\\xa0: oui\\xa0!'
    """
    nbsp, latin_side, cjk = _nbsp_patterns()
    for m in nbsp.finditer(text):
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if after in _FRENCH_BEFORE or before == "\u00ab":
            continue
        if cjk.match(before) or cjk.match(after):
            continue
        if not (latin_side.match(before) and latin_side.match(after)):
            continue
        yield Edit(start, end, m.group(), " " * (end - start), "non-breaking space")


_BLANKS = (
    " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
# The last blank before a line break or the end of the text (the break itself is
# kept); the run it ends is found backwards from there.  A pattern for the whole run
# would retry at every blank of every line.
_TRAILING = re.compile(f"[{_BLANKS}](?=[\n\r\x0b\x0c\x85\u2028\u2029]|\\Z)")


def find_trailing_whitespace(text: str, context: Context) -> Iterator[Edit]:
    """Blanks at the end of a line are removed.

    >>> from textmend._model import apply_edits
    >>> text = "one  \\ntwo\\t\\r\\n"
    >>> apply_edits(text, find_trailing_whitespace(text, Context()))
    'one\\ntwo\\r\\n'
    """
    for m in _TRAILING.finditer(text):
        end = m.end()
        start = m.start()
        while start > 0 and text[start - 1] in _BLANKS:
            start -= 1
        yield Edit(start, end, text[start:end], "", "trailing whitespace")


_BREAK = re.compile("\r\n|\r|\n")


def find_mixed_line_endings(text: str, context: Context) -> Iterator[Edit]:
    """Line endings that differ from the text's commonest one are made like it.

    A text with one kind of line ending throughout is left alone; on a tie, LF wins.

    >>> from textmend._model import apply_edits
    >>> text = "a\\r\\nb\\r\\nc\\nd"
    >>> apply_edits(text, find_mixed_line_endings(text, Context()))
    'a\\r\\nb\\r\\nc\\r\\nd'
    """
    if "\r" not in text:
        return
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts = {"\n": lf, "\r\n": crlf, "\r": cr}
    if sum(1 for n in counts.values() if n) < 2:
        return
    target = max(("\n", "\r\n", "\r"), key=lambda k: counts[k])
    for m in _BREAK.finditer(text):
        if m.group() != target:
            yield Edit(m.start(), m.end(), m.group(), target, f"line ending {m.group()!r}")
