"""Injected, doubled and width-folded ASCII punctuation inside Chinese text.

Scrapers and careless converters leave three marks on Chinese punctuation:
the fullwidth comma folded to ASCII and then doubled (``指出,,产业``), an ASCII
comma injected in front of Chinese punctuation (``召开,。``), and single ASCII
marks where the fullwidth ones belong (``6月3日,全省``, ``经开区(高新区)``).

Every pattern here needs Chinese on the spot: Han characters or CJK punctuation
directly around the mark, with no space (a doubled ``,,`` needs only a Han
character after it).  Numbers (``3,000``), times (``16:32``),
URLs, code and English phrases never have Han characters on both sides of the
mark, and ``今天, 开发`` (ASCII punctuation followed by a space) is an author's
style that only a normalisation rule may change.

The two normalisation rules at the end (TM533, TM534) make punctuation width follow
the script around it, with the same protections: fullwidth punctuation in Latin
text becomes ASCII, and ASCII punctuation that ends or spaces a Chinese clause
becomes fullwidth.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

import regex

from textmend._chars import CJK_PUNCT, FULLWIDTH_PUNCT, HAN, HANGUL, KANA
from textmend._model import Context, Edit
from textmend.repair.misalign import question_stands_for_lost_bytes

__all__ = [
    "find_ascii_brackets",
    "find_ascii_punct_between_han",
    "find_ascii_punct_cjk",
    "find_comma_before_cjk_punct",
    "find_doubled_comma",
    "find_fullwidth_punct_latin",
    "protected_spans",
]

FULLWIDTH = {",": "\uff0c", "?": "\uff1f", "!": "\uff01", ":": "\uff1a", ";": "\uff1b"}

# What may stand on the left of a mark in Chinese text (a closing form), and on its right.
_LEFT = f"[{HAN}{CJK_PUNCT}\u201d\u2019]"
_RIGHT = f"[{HAN}{CJK_PUNCT}\u201c\u2018]"

# A lone mark needs words on both sides: "姑?、" is a replacement mark before a comma,
# not a question.
_WORD_LEFT = f"[{HAN}\u3009\u300b\u300d\u300f\u3011\uff09\u201d\u2019]"
_WORD_RIGHT = f"[{HAN}\u3008\u300a\u300c\u300e\u3010\uff08\u201c\u2018]"


class _Patterns(NamedTuple):
    han: regex.Pattern[str]
    doubled: regex.Pattern[str]
    before_punct: regex.Pattern[str]
    single: re.Pattern[str]
    protected: regex.Pattern[str]
    fenced: regex.Pattern[str]
    brackets: regex.Pattern[str]
    kana_char: regex.Pattern[str]
    fw_punct: re.Pattern[str]
    digit: regex.Pattern[str]
    alnum: regex.Pattern[str]
    cjk_clause: regex.Pattern[str]
    kana_line: regex.Pattern[str]
    hangul_line: regex.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """The patterns, compiled on first use: most texts need only a few of them."""
    return _Patterns(
        han=regex.compile(f"[{HAN}]"),
        # ,, is never ASCII punctuation before a Han character, whatever stands before
        # it (版本0.3,,支持 was 版本0.3，支持); between ASCII it may be an empty CSV field.
        doubled=regex.compile(
            f"(?<={_LEFT}),{{2,}}(?={_RIGHT})|(?<=[0-9A-Za-z\u00c0-\u024f%)]),{{2,}}(?=[{HAN}])"
        ),
        # A comma (or several) glued in front of a fullwidth mark, or in front of an
        # ASCII question or exclamation mark that itself stands before Chinese or a
        # line end.
        before_punct=regex.compile(
            f"(?<={_LEFT}),+(?:(?P<cjk>[\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01])"
            f"|(?P<ascii>[?!])(?={_RIGHT}|$))",
            regex.MULTILINE,
        ),
        # The mark first, then the look behind: the standard library's engine then
        # skips to each mark at full speed, where a leading look-behind is tried at
        # every position.
        single=re.compile(f"[,?!:;](?<={_WORD_LEFT}[,?!:;])(?={_WORD_RIGHT})"),
        # Spans where punctuation belongs to something else: URLs, e-mail addresses,
        # inline code, and lines that read as source code rather than prose.  Matched
        # one line at a time, and only for lines where a rule has a candidate.
        protected=regex.compile(
            r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"\u3000-\u303f\uff01-\uff0f]+"
            r"|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
            r"|`[^`\n]+`"
            r"|^(?:[ ]{4,}|\t).*"
            r"|^[ \t]*(?://|/\*|\*/|--\s|<!--).*"
            r"|^[ \t]*(?:def|class|return|import|from|const|let|var|function|print|echo"
            r"|SELECT|INSERT|UPDATE|DELETE|CREATE|if|for|while|elif|else|#include|#define)\b.*"
            r"|^.*(?:[;{}]|\)\s*:|\s=\s.*)[ \t]*$",
            regex.IGNORECASE,
        ),
        fenced=regex.compile(
            r"^[ \t]*(?:```|~~~).*\n(?:.*\n)*?[ \t]*(?:```|~~~)[ \t]*$", regex.MULTILINE
        ),
        # A bracket pair, at least one side ASCII, holding Han and neither kana nor
        # line breaks, on one line, with a Han character somewhere inside (checked by
        # a bounded lookahead, so brackets around ASCII cost the engine little).
        brackets=regex.compile(
            r"(?P<open>[(\uff08])"
            rf"(?=[^()\uff08\uff09\n]{{0,200}}[{HAN}])"
            r"(?P<body>[^()\uff08\uff09\n]{1,200})(?P<close>[)\uff09])"
        ),
        kana_char=regex.compile(f"[{KANA}]"),
        fw_punct=re.compile(f"[{FULLWIDTH_PUNCT}]"),
        digit=regex.compile(r"[0-9\uff10-\uff19]"),
        alnum=regex.compile(r"[\p{L}\p{N}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"),
        # After a Han character: a mark followed by blanks and more Chinese, or a mark
        # that ends the line or stands before a closing bracket or quote.  "." only as
        # a full stop between Chinese clauses or at the end of a line.
        cjk_clause=regex.compile(
            f"(?<=[{HAN}])(?P<mark>[,:;]){_AFTER_MARK}"
            f"|(?<=[{HAN}{KANA}])(?P<ends>[?!]{{1,3}}){_AFTER_MARK.replace('gap', 'gap1')}"
            f"|(?<=[{HAN}])(?P<stop>[.])(?:(?P<gap2>[ \t]+)(?=[{HAN}])|(?=[ \t]*$))",
            regex.MULTILINE,
        ),
        kana_line=regex.compile(f"[{KANA}]"),
        hangul_line=regex.compile(f"[{HANGUL}]"),
    )


class _Protected:
    """Protected spans of one text, found line by line as candidates need them."""

    __slots__ = ("_fenced", "_line_start", "_lines", "_searched", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[int, list[tuple[int, int]]] = {}
        self._fenced: list[tuple[int, int]] | None = None
        # text[_line_start:_searched] holds no line break.  Candidates come in order,
        # so each stretch is searched once: rfind from 0 for every candidate made a
        # long line with many candidates quadratic.
        self._line_start = 0
        self._searched = 0

    def covers(self, start: int, end: int) -> bool:
        text = self._text
        if self._fenced is None:
            fenced = "```" in text or "~~~" in text
            self._fenced = [m.span() for m in _patterns().fenced.finditer(text)] if fenced else []
        if any(s < end and start < e for s, e in self._fenced):
            return True
        if start >= self._searched:
            line_start = text.rfind("\n", self._searched, start) + 1 or self._line_start
            self._line_start, self._searched = line_start, start
        else:
            line_start = text.rfind("\n", 0, start) + 1
        spans = self._lines.get(line_start)
        if spans is None:
            line_end = text.find("\n", end)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            spans = [
                (line_start + s, line_start + e)
                for s, e in (m.span() for m in _patterns().protected.finditer(line))
            ]
            self._lines[line_start] = spans
        return any(s < end and start < e for s, e in spans)


def protected_spans(text: str) -> _Protected:
    """The URLs, e-mail addresses, code spans and code lines of ``text``, found lazily.

    >>> protected_spans("see https://a.b/c,d now").covers(10, 11)
    True
    """
    return _Protected(text)


def _chinese_on_a_side(text: str, start: int, end: int) -> bool:
    """Han on at least one side: quotes alone (``”,“``) are not enough evidence."""
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    return bool(_patterns().han.match(left) or _patterns().han.match(right))


def find_doubled_comma(text: str, context: Context) -> Iterator[Edit]:
    """``,,`` between Chinese text is a fullwidth comma folded and doubled.

    >>> from textmend._model import apply_edits
    >>> text = "会议指出,,产业园区"
    >>> apply_edits(text, find_doubled_comma(text, Context()))
    '会议指出，产业园区'
    """
    if ",," not in text:
        return
    protected = _Protected(text)
    for m in _patterns().doubled.finditer(text):
        if protected.covers(m.start(), m.end()):
            continue
        if _chinese_on_a_side(text, m.start(), m.end()):
            yield Edit(
                m.start(), m.end(), m.group(), FULLWIDTH[","], "doubled ASCII comma in Chinese text"
            )


def find_comma_before_cjk_punct(text: str, context: Context) -> Iterator[Edit]:
    """An ASCII comma injected before Chinese punctuation is dropped.

    >>> from textmend._model import apply_edits
    >>> text = "在瀏陽召開,。"
    >>> apply_edits(text, find_comma_before_cjk_punct(text, Context()))
    '在瀏陽召開。'
    """
    if "," not in text:
        return
    protected = _Protected(text)
    for m in _patterns().before_punct.finditer(text):
        if protected.covers(m.start(), m.end()):
            continue
        mark = m.group("cjk") or FULLWIDTH[m.group("ascii")]
        yield Edit(m.start(), m.end(), m.group(), mark, f"ASCII comma injected before {mark!r}")


@functools.cache
def _marks_as_comma() -> bytes:
    """A table writing the ASCII marks , ! : ; as ",", "?" as itself, the rest as spaces."""
    return bytes.maketrans(
        bytes(range(128)),
        bytes(
            ord(",") if chr(b) in ",!:;" else ord("?") if chr(b) == "?" else ord(" ")
            for b in range(128)
        ),
    )


def find_ascii_punct_between_han(text: str, context: Context) -> Iterator[Edit]:
    """A lone ASCII ``, ? ! : ;`` glued between Chinese characters becomes fullwidth.

    >>> from textmend._model import apply_edits
    >>> text = "6月3日,全省"
    >>> apply_edits(text, find_ascii_punct_between_han(text, Context()))
    '6月3日，全省'
    """
    if "?" not in text:
        # Both neighbours of a match are non-ASCII: in the text written as ASCII (one
        # byte per character, "?" for each non-ASCII one) a match is "?,?" once the
        # marks are all written ",".  C-speed passes, where the pattern's scan costs
        # ten times more on Chinese text, whose ASCII , and : sit between digits.
        marked = text.encode("ascii", "replace").translate(_marks_as_comma())
        if b"?,?" not in marked:
            return
    protected = _Protected(text)
    for m in _patterns().single.finditer(text):
        if protected.covers(m.start(), m.end()):
            continue
        if _chinese_on_a_side(text, m.start(), m.end()):
            mark = m.group()
            if mark == "?" and (
                context.byte_loss or question_stands_for_lost_bytes(text, m.start())
            ):
                # Where bytes were lost, "?" may stand for a character, not a question:
                # a decoder out of step writes it after the characters it misread.
                continue
            yield Edit(
                m.start(),
                m.end(),
                mark,
                FULLWIDTH[mark],
                f"ASCII {mark!r} between Chinese characters",
            )


def find_ascii_brackets(text: str, context: Context) -> Iterator[Edit]:
    """ASCII brackets around Chinese words in Chinese text become ``（）``.

    >>> from textmend._model import apply_edits
    >>> text = "经开区(高新区)党工委"
    >>> apply_edits(text, find_ascii_brackets(text, Context()))
    '经开区（高新区）党工委'
    """
    if "(" not in text and ")" not in text:
        return
    protected = _Protected(text)
    for m in _patterns().brackets.finditer(text):
        open_, close = m.group("open"), m.group("close")
        if open_ == "\uff08" and close == "\uff09":
            continue
        body = m.group("body")
        if not _patterns().han.search(body) or _patterns().kana_char.search(body):
            continue
        before = text[m.start() - 1] if m.start() > 0 else "\n"
        after = text[m.end()] if m.end() < len(text) else "\n"
        # Outside the brackets there must be Chinese, or the other bracket already is.
        chinese_outside = bool(_patterns().han.match(before) or _patterns().han.match(after))
        if not (chinese_outside or "\uff08" in (open_, close) or "\uff09" in (open_, close)):
            continue
        if before.isascii() and before.isalnum():
            # `print(中文)`: a call in code, not prose.
            continue
        # Last, as the dearest test: Japanese text is full of brackets to skip.
        if protected.covers(m.start(), m.end()):
            continue
        if open_ == "(":
            yield Edit(m.start(), m.start() + 1, "(", "\uff08", "ASCII bracket around Chinese text")
        if close == ")":
            yield Edit(m.end() - 1, m.end(), ")", "\uff09", "ASCII bracket around Chinese text")


# --- Normalisation: punctuation width follows the script around it -------------------

_OPENING = "([{\uff08\uff3b\uff5b"


def _ascii_with_space(text: str, pos: int) -> str:
    """The ASCII form of the fullwidth mark at ``pos``, with the space it implied."""
    mark = chr(ord(text[pos]) - 0xFEE0)
    before = text[pos - 1] if pos else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if mark in ",;:!?":
        if _patterns().digit.match(before) and _patterns().digit.match(after):
            return mark  # 12:30, 1,000
        if _patterns().alnum.match(after) or (after and after in _OPENING):
            return mark + " "
    if mark in "([{" and _patterns().alnum.match(before):
        return " " + mark
    if mark in ")]}" and _patterns().alnum.match(after):
        return mark + " "
    return mark


def find_fullwidth_punct_latin(text: str, context: Context) -> Iterator[Edit]:
    """Fullwidth punctuation outside CJK text becomes ASCII (with the space it implied).

    >>> from textmend._model import apply_edits
    >>> text = "Hello，world（test）"
    >>> apply_edits(text, find_fullwidth_punct_latin(text, Context()))
    'Hello, world (test)'
    """
    if _patterns().fw_punct.search(text) is None:
        return
    from textmend.normalize.width import fullwidth_runs

    protected = _Protected(text)
    around_chinese: set[int] | None = None
    for start, end in fullwidth_runs(text, cjk=False):
        for m in _patterns().fw_punct.finditer(text, start, end):
            if protected.covers(m.start(), m.end()):
                continue
            if m.group() in "\uff08\uff09":
                if around_chinese is None:
                    around_chinese = _brackets_around_chinese(text)
                if m.start() in around_chinese:
                    # (1业）: the pair holds Chinese, and TM404 makes it fullwidth.
                    continue
            yield Edit(
                m.start(),
                m.end(),
                m.group(),
                _ascii_with_space(text, m.start()),
                "fullwidth punctuation in non-CJK text",
            )


def _brackets_around_chinese(text: str) -> set[int]:
    """Where the brackets of pairs around Chinese words (TM404's) stand."""
    spots: set[int] = set()
    for m in _patterns().brackets.finditer(text):
        body = m.group("body")
        if _patterns().han.search(body) and not _patterns().kana_char.search(body):
            spots.update((m.start(), m.end() - 1))
    return spots


FULLWIDTH_MORE = {**FULLWIDTH, ".": "\u3002"}
_CLOSING = "\u300d\u300f\uff09\u300b\u3009\u3011\u201d\u2019"
_AFTER_MARK = f"(?:(?P<gap>[ \t]+)(?=[{HAN}])|(?=[ \t]*$|[{_CLOSING}]))"


class _LineScripts:
    """Whether the line around a position holds Hangul and kana, each line searched once."""

    __slots__ = ("_end", "_start", "_text", "_value")

    def __init__(self, text: str) -> None:
        self._text = text
        self._start = self._end = -1
        self._value = (False, False)

    def __call__(self, pos: int) -> tuple[bool, bool]:
        if not self._start <= pos <= self._end:
            text = self._text
            self._start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            self._end = len(text) if end < 0 else end
            self._value = (
                _patterns().hangul_line.search(text, self._start, self._end) is not None,
                _patterns().kana_line.search(text, self._start, self._end) is not None,
            )
        return self._value


def find_ascii_punct_cjk(text: str, context: Context) -> Iterator[Edit]:
    """ASCII punctuation that ends or spaces a Chinese clause becomes fullwidth.

    ``今天, 开发`` (the author's ASCII comma and space) and ``你好吗?`` at a line
    end; marks with Chinese directly on both sides are TM403's.  Korean lines are
    left alone (Korean is punctuated with ASCII marks), and so is the comma in
    Japanese lines (with kana): its Japanese form is ``、``.

    >>> from textmend._model import apply_edits
    >>> text = "今天, 开发. 你好吗?"
    >>> apply_edits(text, find_ascii_punct_cjk(text, Context()))
    '今天，开发。你好吗？'
    """
    if not any(mark in text for mark in ",:;?!."):
        return
    protected = _Protected(text)
    line_scripts = _LineScripts(text)
    for m in _patterns().cjk_clause.finditer(text):
        if protected.covers(m.start(), m.end()):
            continue
        marks = m.group("mark") or m.group("ends") or m.group("stop")
        if "?" in marks and (context.byte_loss or question_stands_for_lost_bytes(text, m.start())):
            continue
        korean, japanese = line_scripts(m.start())
        if korean or (marks == "," and japanese):
            continue
        new = "".join(FULLWIDTH_MORE[c] for c in marks)
        yield Edit(m.start(), m.end(), m.group(), new, f"ASCII {marks!r} in Chinese text")
