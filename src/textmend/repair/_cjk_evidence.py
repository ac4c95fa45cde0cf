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

import functools
import re

__all__ = ["close_odd", "latin_glued", "odd"]


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
    ['涓', '枃']
    """
    return re.compile(_classes()["odd"])


@functools.cache
def _close() -> re.Pattern[str]:
    # Keyed on one class, the neighbour checked by looking ahead: the engine skips
    # at full speed to each odd character, and the match is that character alone,
    # so every one with a neighbour is found.  Group 1 holds what stands between.
    odd_class = _classes()["odd"]
    return re.compile(f"{odd_class}(?:(?<=\ufffd)|(?=(.?){odd_class}))")


# The last text scanned, and what was found: TM220 and TM240 run one after the
# other on the same string whenever TM220 changes nothing.  str is immutable.
_last: list[tuple[str, list[tuple[int, bool]]]] = []


def close_odd(text: str) -> list[tuple[int, bool]]:
    """Each odd character with another within two, or U+FFFD; and whether that one is two along.

    The other must stand on the same line.  Two along means one character
    between (``far``); the nearer neighbour is reported only when there is none
    two along, as a greedy ``.?`` would.

    >>> close_odd("中涓枃文\\ufffd")
    [(1, False), (4, False)]
    """
    if _last and _last[0][0] is text:
        return _last[0][1]
    found = [(m.start(), m.end(1) > m.start(1)) for m in _close().finditer(text)]
    _last[:] = [(text, found)]
    return found


@functools.cache
def _glued() -> re.Pattern[str]:
    # Keyed on the Han character, so that English text, which has letters
    # everywhere, costs nothing.
    return re.compile(f"{_classes()['latin_like']}(?:(?<=[A-Za-z].)|(?=[A-Za-z]))")


def latin_glued(text: str) -> list[int]:
    """Where a rare Han character, or one an accented letter becomes, is glued to a Latin letter.

    Misread Latin: ``é`` is ``茅`` in GBK and ``챕`` in EUC-KR (``caf茅``, ``fix챕``).

    >>> latin_glued("caf茅 中文")
    [3]
    """
    return [m.start() for m in _glued().finditer(text)]
