"""Invisible and out-of-band characters: entities, escapes, BOMs, controls, zero-width marks.

Each of these is something a reader cannot see but a program trips over: an HTML
entity left in plain text (``AT&amp;T``), a terminal colour code pasted from a log,
a byte order mark in the middle of a file that was concatenated from others, a
control character from a binary field, a zero-width space that splits a word for
search and tokenisers.

What carries meaning stays: tab and line breaks, a byte order mark at the very
start (it belongs to the encoding, and the CLI keeps it apart), HTML entities in
text that is HTML or XML, the zero-width joiner inside emoji sequences, and the
zero-width (non-)joiner beside letters of the scripts that shape with them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

import regex

from textmend._model import Context, Edit

__all__ = [
    "find_bom_in_text",
    "find_control_characters",
    "find_html_entities",
    "find_terminal_escapes",
    "find_zero_width",
    "looks_like_markup",
]

# --- HTML entities -------------------------------------------------------------------


class _Entities(NamedTuple):
    #: An entity with its semicolon, possibly escaped again (``&amp;lt;``) any number of
    #: times.
    entity: re.Pattern[str]
    #: Evidence that the text is HTML or XML, where entities are the markup's own
    #: business: a tag, a closing tag, a comment, a doctype or an XML declaration.
    markup: re.Pattern[str]
    #: Where an entity is what the author typed: a URL's query string, a code span.
    url_or_code: re.Pattern[str]
    #: The names of HTML5's entities, with their semicolon.
    named: frozenset[str]


@functools.cache
def _entities() -> _Entities:
    """Compiled on first use: the rule is off by default, and most text has no ``&``."""
    import html.entities

    return _Entities(
        entity=re.compile(
            r"&(?:amp;)*(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
        ),
        markup=re.compile(
            r"<(?:[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9:-]*\s*)>"
            r"|<!--|<!DOCTYPE|<\?xml|<!\[CDATA\[",
            re.IGNORECASE,
        ),
        url_or_code=re.compile(
            r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]+|`[^`\n]+`", re.IGNORECASE
        ),
        named=frozenset(name for name in html.entities.html5 if name.endswith(";")),
    )


def looks_like_markup(text: str) -> bool:
    """Whether ``text`` is (or contains) HTML or XML, so its entities must stay.

    >>> looks_like_markup("<p>Fish &amp; chips</p>"), looks_like_markup("Fish &amp; chips")
    (True, False)
    """
    return "<" in text and _entities().markup.search(text) is not None


def find_html_entities(text: str, context: Context) -> Iterator[Edit]:
    """An HTML entity in plain text becomes the character it names.

    Text that contains markup is left alone, and so are entities inside URLs and
    code (``&amp;`` in a query string or a code span is what the author typed).

    >>> from textmend._model import apply_edits
    >>> text = "AT&amp;T &#8211; caf&eacute;"
    >>> apply_edits(text, find_html_entities(text, Context()))
    'AT&T – café'
    """
    if "&" not in text or ";" not in text or looks_like_markup(text):
        return
    import html

    entities = _entities()
    protected: list[tuple[int, int]] | None = None
    for m in entities.entity.finditer(text):
        body = m.group(1)
        if not body.startswith("#") and f"{body};" not in entities.named:
            continue
        value = html.unescape(f"&{body};")
        if protected is None:
            protected = [u.span() for u in entities.url_or_code.finditer(text)]
        # The spans do not overlap and come in order: the last one starting before the
        # entity's end is the only one that can cover it.
        i = bisect.bisect_left(protected, (m.end(), -1)) - 1
        if i >= 0 and protected[i][1] > m.start():
            continue
        yield Edit(m.start(), m.end(), m.group(), value, f"HTML entity {m.group()} in plain text")


# --- Terminal escape sequences -------------------------------------------------------

# ECMA-48 control sequences (CSI: colours, cursor moves), operating system commands
# (window titles, hyperlinks), string commands, and the two-character escapes.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[()*+][0-9A-Za-z]"
    r"|\x1b[@-Z\\-_=>78]"
)


def find_terminal_escapes(text: str, context: Context) -> Iterator[Edit]:
    """Terminal escape sequences (colours, cursor moves, titles) are removed whole.

    >>> from textmend._model import apply_edits
    >>> text = "\\x1b[31merror\\x1b[0m: disk full"
    >>> apply_edits(text, find_terminal_escapes(text, Context()))
    'error: disk full'
    """
    if "\x1b" not in text:
        return
    for m in _ESCAPE.finditer(text):
        yield Edit(m.start(), m.end(), m.group(), "", "terminal escape sequence")


# --- Byte order marks ----------------------------------------------------------------


def find_bom_in_text(text: str, context: Context) -> Iterator[Edit]:
    """A byte order mark after the first character is debris of concatenated files.

    >>> from textmend._model import apply_edits
    >>> text = "one\\n\\ufefftwo"
    >>> apply_edits(text, find_bom_in_text(text, Context()))
    'one\\ntwo'
    """
    pos = text.find("\ufeff", 1)
    while pos >= 0:
        yield Edit(pos, pos + 1, "\ufeff", "", "byte order mark inside the text")
        pos = text.find("\ufeff", pos + 1)


# --- Control characters --------------------------------------------------------------

# C0 controls except tab, line feed, vertical tab, form feed and carriage return (line
# and page breaks), DEL, and C1 controls except NEL (a line break in EBCDIC text).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]+")


def find_control_characters(text: str, context: Context) -> Iterator[Edit]:
    """C0 and C1 control characters other than tab and line breaks are removed.

    >>> from textmend._model import apply_edits
    >>> text = "price\\x00: 5\\x85ok\\x07"
    >>> apply_edits(text, find_control_characters(text, Context()))
    'price: 5\\x85ok'
    """
    for m in _CONTROL.finditer(text):
        yield Edit(m.start(), m.end(), m.group(), "", "control character")


# --- Zero-width characters -----------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060]+")


class _Neighbours(NamedTuple):
    #: Scripts whose letters join or form conjuncts, where ZWJ and ZWNJ choose a shape:
    #: Arabic-script languages (Persian, Urdu, Kurdish), Syriac, N'Ko, Mongolian, and
    #: the Brahmic scripts of South and Southeast Asia.
    shaping: regex.Pattern[str]
    #: Scripts written without spaces between words, where a zero-width space marks a
    #: word boundary for line breaking and search.
    unspaced: regex.Pattern[str]
    #: What may stand before a ZWJ that joins emoji (the emoji, its presentation
    #: selector, a skin tone, a tag), and what may follow it.
    emoji_before: regex.Pattern[str]
    emoji_after: regex.Pattern[str]
    whitespace: regex.Pattern[str]


@functools.cache
def _neighbours() -> _Neighbours:
    """Compiled on first use: script properties cost milliseconds at every start."""
    return _Neighbours(
        shaping=regex.compile(
            r"[\p{Arabic}\p{Syriac}\p{Nko}\p{Mongolian}\p{Devanagari}\p{Bengali}"
            r"\p{Gurmukhi}\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}"
            r"\p{Sinhala}\p{Tibetan}\p{Myanmar}\p{Khmer}\p{Thai}\p{Lao}\p{Javanese}"
            r"\p{Balinese}]"
        ),
        unspaced=regex.compile(
            r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}\p{Javanese}\p{Balinese}]"
        ),
        emoji_before=regex.compile(
            r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\U000e0020-\U000e007f]"
        ),
        emoji_after=regex.compile(r"\p{Extended_Pictographic}"),
        whitespace=regex.compile(r"\s"),
    )


def _keeps(run: str, before: str, after: str) -> bool:
    """Whether a run of zero-width characters means something between its neighbours."""
    kind = run[0]
    near = _neighbours()
    if kind == "\u200d" and near.emoji_before.match(before) and near.emoji_after.match(after):
        return True
    if kind in "\u200c\u200d":
        return bool(near.shaping.match(before) or near.shaping.match(after))
    if kind == "\u200b":
        return bool(near.unspaced.match(before) and near.unspaced.match(after))
    # WORD JOINER forbids a line break; beside a space or a line end there is none to forbid.
    space = near.whitespace
    return bool(before and after and not space.match(before) and not space.match(after))


def find_zero_width(text: str, context: Context) -> Iterator[Edit]:
    """Zero-width characters that carry no meaning where they stand are removed.

    Kept: ZWJ inside emoji sequences; ZWJ and ZWNJ beside letters of scripts that
    shape with them (Persian ``می‌خواهم``, Malayalam chillus, Devanagari half
    forms); a zero-width space between words of Thai, Lao, Khmer, Myanmar or
    Tibetan; a word joiner between two visible characters.

    >>> from textmend._model import apply_edits
    >>> text = "Wiki\\u200bpedia 👩\\u200d💻"
    >>> apply_edits(text, find_zero_width(text, Context()))
    'Wikipedia 👩\\u200d💻'
    """
    for m in _ZERO_WIDTH.finditer(text):
        run = m.group()
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if len(set(run)) == 1 and _keeps(run, before, after):
            continue
        if len(set(run)) > 1 and all(_keeps(c, before, after) for c in run):
            continue
        yield Edit(start, end, run, "", "zero-width character with no effect here")
