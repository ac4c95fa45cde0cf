"""The evidence TM220 and TM240 share: odd characters close together.

Misread CJK is dense with characters ordinary text seldom holds: a UTF-8 lead
byte read with a continuation byte lands in level 2 of every double-byte codec,
Shift-JIS shows halfwidth katakana, lost bytes show as U+FFFD or private-use
characters.  ``scripts/gen_mojibake_evidence.py`` writes that set (``odd``) and
the characters misread Latin becomes (``latin_like``) as regex character classes
(building them here would cost every process a quarter of a second).

``re`` compiles such a class to a bitmap, so a scan runs at the engine's speed
whatever the text, but it builds the bitmap in Python, one step per member: a
few milliseconds per copy of the class in a pattern.  So nothing is compiled at
import (most texts never reach these rules' searches), each pattern is compiled
once on first use, and the two rules share one scan for odd characters close
together, where each used to compile its own with the class three times over.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable
from typing import Any

from textmend._model import Edit, apply_edits

__all__ = [
    "ROUNDS",
    "TONE_LETTERS",
    "latin_glued",
    "odd",
    "odd_neighbours",
    "settled",
    "tone_glued",
    "tone_misread",
]


@functools.cache
def _classes() -> dict[str, str]:
    from textmend.data import data_path

    classes: dict[str, str] = {}
    for line in data_path("mojibake_evidence.txt").read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            name, _, members = line.partition("\t")
            classes[name] = members.encode("ascii").decode("unicode_escape")
    return classes


@functools.cache
def odd() -> re.Pattern[str]:
    """One odd character: rare Han, halfwidth katakana, U+FFFD or private use.

    >>> odd().findall("中文涓枃")
    ['枃']
    """
    return re.compile(_classes()["odd"])


@functools.cache
def _near() -> re.Pattern[str]:
    # Keyed on one class, the nearest neighbour found by looking ahead: the engine
    # skips at full speed to each odd character, and the match is that character
    # alone, so every one with a neighbour is found.  Group 1 holds what stands
    # between; U+FFFD counts without one.
    odd_class = _classes()["odd"]
    return re.compile(f"{odd_class}(?:(?=([^\n]??){odd_class})|(?<=\ufffd))")


# The last text scanned, and what was found: TM220 and TM240 run one after the
# other on the same string whenever TM220 changes nothing.  str is immutable, and
# the entry is read and replaced whole, so threads sharing it see one or the other.
_last: list[tuple[str, list[tuple[int, int]]]] = [("", [])]


def odd_neighbours(text: str) -> list[tuple[int, int]]:
    """Each odd character with another within two on its line, and how far the nearest is.

    U+FFFD is listed even alone, at distance 0.  Odd characters close together
    are what misread text is dense with: TM220's and TM240's evidence.

    >>> odd_neighbours("枃x枃 中文 枃中文x枃"), odd_neighbours("\\ufffd")
    ([(0, 2)], [(0, 0)])
    """
    last = _last[0]
    if last[0] is text:
        return last[1]
    found = [
        (m.start(), m.end(1) - m.start(1) + 1 if m.start(1) >= 0 else 0)
        for m in _near().finditer(text)
    ]
    _last[0] = (text, found)
    return found


#: GBK's row of pinyin letters (A8A1-A8C0): the tone letters of Hanyu Pinyin.
TONE_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê"


@functools.cache
def tone_misread() -> frozenset[str]:
    """GBK's tone letters read as Big5, Shift-JIS or EUC-KR (cháng reads ch芍ng, chÐng).

    >>> sorted(tone_misread())[:3]
    ['ª', 'º', 'Æ']
    """
    found: set[str] = set()
    # And the apostrophe of English contractions, GBK A1AF (It's reads It＊s as Big5).
    for letter in TONE_LETTERS + "\u2019":
        data = letter.encode("gbk")
        for reader in ("big5", "cp932", "euc_kr"):
            with contextlib.suppress(UnicodeError):
                char = data.decode(reader)
                if len(char) == 1 and char not in (letter, "\ufffd"):
                    found.add(char)
    return frozenset(found)


def _members(body: str) -> set[str]:
    """The characters of a regex class's inside made of characters and ranges only."""
    found: set[str] = set()
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            found.update(map(chr, range(ord(body[i]), ord(body[i + 2]) + 1)))
            i += 3
        else:
            found.add(body[i])
            i += 1
    return found


@functools.cache
def _glued() -> tuple[frozenset[str], frozenset[str], bytes]:
    # The characters misread Latin becomes and the misread tone letters TM240 looks
    # for, in one set, so that both rules share one search; the second item is those
    # of them that TM220's class does not hold.  The third is a table that writes a
    # text's Latin-1 bytes ("?" for anything beyond) as "a" for an ASCII letter, "?"
    # for a member or "?", and a space for anything else.
    members = _members(_classes()["latin_like"][1:-1])
    extra = frozenset(tone_misread() - members)
    members |= extra
    table = bytes(
        ord("a")
        if b < 128 and chr(b).isalpha()
        else ord("?")
        if b == ord("?") or chr(b) in members
        else ord(" ")
        for b in range(256)
    )
    return frozenset(members), extra, table


# The last text searched for glued characters, as for odd_neighbours.
_last_glued: list[tuple[str, list[int]]] = [("", [])]


def _glued_positions(text: str) -> list[int]:
    """Where a member of the class stands next to an ASCII letter, in order.

    Found in the text written one byte per character, where such a character is
    ``a?`` or ``?a``: ``bytes.find`` skips to each at C speed, where a scan for the
    class (thousands of Han characters) was tried at every character of the text.
    """
    last = _last_glued[0]
    if last[0] is text:
        return last[1]
    members, _, table = _glued()
    marked = text.encode("latin-1", "replace").translate(table)
    found: list[int] = []
    # No letter at all (much Chinese text): one memchr spares both searches.
    for pair, at in ((b"a?", 1), (b"?a", 0)) if b"a" in marked else ():
        i = marked.find(pair)
        while i >= 0:
            if text[i + at] in members:
                found.append(i + at)
            i = marked.find(pair, i + 1)
    if len(found) > 1:
        found = sorted(set(found))
    _last_glued[0] = (text, found)
    return found


def latin_glued(text: str) -> list[int]:
    """Where a rare Han character, or one an accented letter becomes, is glued to a Latin letter.

    Misread Latin: ``é`` is ``茅`` in GBK and ``챕`` in EUC-KR (``caf茅``, ``fix챕``).

    >>> latin_glued("caf茅 中文")
    [3]
    """
    extra = _glued()[1]
    return [pos for pos in _glued_positions(text) if text[pos] not in extra]


def tone_glued(text: str) -> list[int]:
    """Where a tone letter of GBK read with another codec stands between two Latin letters.

    >>> tone_glued("长 (ch芍ng) 走x"), tone_glued("1ª a")
    ([5], [])
    """
    tones = tone_misread()

    def letter(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()

    return [
        pos
        for pos in _glued_positions(text)
        if text[pos] in tones and letter(pos - 1) and letter(pos + 1)
    ]


#: How many times a rule's repair may be repeated on its own output.
ROUNDS = 3


def settled(text: str, find: Callable[[str], list[Edit]], rounds: int = ROUNDS) -> list[Edit]:
    """``find``'s edits, repeated on their own output until it finds nothing more.

    A repair must be a fixed point: the pipeline never runs a rule again on the
    text it made.  Two layers of the same damage (UTF-8 read as GBK, then the
    result as Shift-JIS) mend in one call; a repair whose output the rule would
    read yet again within ``rounds`` is no repair but readings that disagree
    (``浭浭`` read ``嵬嵬``, then ``訴訴``), and the text is left as it is.  The
    edits returned apply to ``text`` itself.

    >>> from textmend._model import apply_edits
    >>> def upper_a(s: str) -> list[Edit]:
    ...     i = s.find("a")
    ...     return [] if i < 0 else [Edit(i, i + 1, "a", "A", "up")]
    >>> apply_edits("banana", settled("banana", upper_a, rounds=4))
    'bAnAnA'
    >>> settled("banana", upper_a, rounds=2)
    []
    """
    edits = find(text)
    if not edits:
        return edits
    current = apply_edits(text, edits)
    for _ in range(rounds - 1):
        more = find(current)
        if not more:
            return edits
        edits = _compose(text, edits, more)
        current = apply_edits(current, more)
    return [] if find(current) else edits


def _compose(text: str, first: list[Edit], then: list[Edit]) -> list[Edit]:
    """Edits on ``text`` that do what ``first`` and then ``then`` (edits on its output) do."""
    # Where each of first's replacements stands in its output, and what it replaced.
    placed: list[tuple[int, int, Edit]] = []
    shift = 0
    for edit in first:
        assert edit.replacement is not None
        placed.append((edit.start + shift, edit.start + shift + len(edit.replacement), edit))
        shift += len(edit.replacement) - (edit.end - edit.start)

    def back(pos: int, start: bool) -> int:
        # A position of the output on text; inside a replacement, the whole edit.
        delta = 0
        for lo, hi, edit in placed:
            if pos <= lo:
                break
            if pos < hi:
                return edit.start if start else edit.end
            delta = hi - edit.end
        return pos - delta

    spans = [(e.start, e.end, e.message) for e in first]
    spans += [(back(e.start, True), back(e.end, False), e.message) for e in then]
    spans.sort(key=lambda span: span[0])  # stable: first's message before then's
    merged: list[list[Any]] = []
    for lo, hi, message in spans:
        if merged and lo < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
            if message not in merged[-1][2]:
                merged[-1][2].append(message)
        else:
            merged.append([lo, hi, [message]])
    final = apply_edits(apply_edits(text, first), then)

    def forward(pos: int) -> int:
        # A position of text outside every edit, in the output of first, then in the final.
        for edits in (first, then):
            pos += sum(len(e.replacement or "") - (e.end - e.start) for e in edits if e.end <= pos)
        return pos

    return [
        Edit(lo, hi, text[lo:hi], final[forward(lo) : forward(hi)], ", then ".join(messages))
        for lo, hi, messages in merged
    ]
