"""Character classes shared by the rules, written once as regex fragments.

The fragments are plain strings so that each rule can build the one
pattern it needs with a single compile at import time.
"""

from __future__ import annotations

import functools

__all__ = [
    "BOPOMOFO",
    "CJK_CONTEXT",
    "CJK_PUNCT",
    "COMMON_CJK_PUNCT",
    "FULLWIDTH_ALNUM",
    "FULLWIDTH_PUNCT",
    "HAN",
    "HANGUL",
    "KANA",
    "REPLACEMENT",
    "char_class",
    "is_han",
    "letters_marked",
]

#: Han ideographs: URO, extension A, compatibility ideographs, the ideographic zero,
#: and the two ideographic planes (2 and 3) whole.  One range for the planes, not one
#: per extension block: a class with several ranges beyond the BMP makes the regex
#: engine test them one by one at every character (seven times slower on English).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"

#: Punctuation that belongs to CJK typesetting: the CJK symbols block and the fullwidth
#: forms (but not fullwidth letters and digits, which are width damage of their own).
CJK_PUNCT = "\u3000-\u3006\u3008-\u301f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"

#: The punctuation ordinary Chinese and Japanese text is made of, as a set: what
#: scorers of candidate readings count as plausible.
COMMON_CJK_PUNCT = frozenset(
    "\u3000\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09\u300a\u300b"
    "\u300c\u300d\u300e\u300f\u3010\u3011\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
    "\u30fb\u30fc"
)

#: U+FFFD, which decoders write for bytes they cannot read.
REPLACEMENT = "\ufffd"

#: Hiragana and katakana, whose presence marks Japanese rather than Chinese text.
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"


#: Hangul syllables, jamo and compatibility jamo.
HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\ud7b0-\ud7ff"

#: Bopomofo (zhuyin) and its extension.
BOPOMOFO = "\u3100-\u312f\u31a0-\u31bf"

#: Characters that make their surroundings CJK text for the width rules: Han, kana,
#: Hangul, bopomofo and the CJK symbols and punctuation (but not the ideographic
#: space, whose own width is in question, nor the fullwidth ASCII forms).
CJK_CONTEXT = HAN + KANA + HANGUL + BOPOMOFO + "\u3001-\u303f"

#: Fullwidth forms of the ASCII letters and digits.
FULLWIDTH_ALNUM = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"

#: Fullwidth forms of the ASCII punctuation (U+FF01-U+FF5E minus letters and digits).
FULLWIDTH_PUNCT = "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e"


def is_han(char: str) -> bool:
    """Whether a one-character string is a Han ideograph.

    >>> is_han("中"), is_han("a"), is_han("\N{IDEOGRAPHIC FULL STOP}")
    (True, False, False)
    """
    cp = ord(char)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
        or cp == 0x3007
    )


#: East Asian text of any kind: Han (every block), kana, Hangul, bopomofo, CJK and
#: fullwidth punctuation, and what misread CJK bytes turn into besides U+FFFD (private
#: use, halfwidth forms).  The rules that act only on such text require one of these;
#: in English text the pipeline finds none in one scan and skips them all.  U+FFFD is
#: left out: English read with errors="replace" is full of it, and a lossy misreading
#: of CJK bytes always leaves CJK characters beside its U+FFFD.
CJK_TEXT = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    "\ue000-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)


@functools.cache
def _letters_table() -> bytes:
    return bytes(
        ord("a") if b < 128 and chr(b).isalpha() else ord("?") if b == ord("?") else ord(" ")
        for b in range(256)
    )


def letters_marked(text: str) -> bytes:
    """``text`` one byte per character: ``a`` for an ASCII letter, ``?`` for ``?`` and
    for every non-ASCII character, a space for any other ASCII character.

    A letter glued to a non-ASCII character is then ``?a`` or ``a?``, which a bytes
    search for the literal finds at C speed, where a scan of the text for letters or
    for a class of characters is tried at every one (clean Chinese has few letters).

    >>> letters_marked("5G网络, ok?")
    b' a??  aa?'
    """
    return text.encode("ascii", "replace").translate(_letters_table())


def _ranges(chars: str) -> list[tuple[int, int]]:
    """The code point ranges of the inside of a character class, as this module writes
    them: characters, ``a-b`` ranges and the escapes ``\\xhh``, ``\\uhhhh``,
    ``\\Uhhhhhhhh`` and ``\\`` before a character that stands for itself."""
    if chars.startswith("^") or "[" in chars or "]" in chars:
        raise ValueError("not the inside of a plain character class")
    # Each item: a code point, or None for a hyphen that may join a range.
    items: list[int | None] = []
    i, n = 0, len(chars)
    while i < n:
        char = chars[i]
        if char == "-":
            items.append(None)
            i += 1
        elif char != "\\":
            items.append(ord(char))
            i += 1
        else:
            kind = chars[i + 1 : i + 2]
            width = {"x": 2, "u": 4, "U": 8}.get(kind)
            if width is not None:
                items.append(int(chars[i + 2 : i + 2 + width], 16))
                i += 2 + width
            elif kind and not kind.isalnum():
                items.append(ord(kind))
                i += 2
            else:
                raise ValueError(f"escape \\{kind} in a character class")
    ranges: list[tuple[int, int]] = []
    j = 0
    while j < len(items):
        first = items[j]
        last = items[j + 2] if j + 2 < len(items) else None
        if first is not None and items[j + 1 : j + 2] == [None] and last is not None:
            ranges.append((first, last))
            j += 3
        else:
            point = ord("-") if first is None else first
            ranges.append((point, point))
            j += 1
    return ranges


def char_class(chars: str) -> str:
    """``[chars]`` written as the standard library's engine compiles fastest.

    The engine compiles a class in time proportional to the BMP characters its ranges
    cover (one Python step each), so a class of East Asian text takes tens of
    milliseconds, at every start of a program; its complement, negated, covers a
    third as many and matches the same characters at the same speed.  Small classes
    are returned as they are.

    >>> char_class("a-z")
    '[a-z]'
    >>> print(char_class("\\u3000-\\uffff"))
    [^\\x00-\\u2fff\\U00010000-\\U0010ffff]
    """
    try:
        ranges = sorted(_ranges(chars))
    except ValueError:
        return f"[{chars}]"
    covered = sum(min(b, 0xFFFF) - a + 1 for a, b in ranges if a <= 0xFFFF)
    if covered <= 0x8000:
        return f"[{chars}]"
    gaps: list[tuple[int, int]] = []
    following = 0
    for a, b in ranges:
        if a > following:
            gaps.append((following, a - 1))
        following = max(following, b + 1)
    if following <= 0x10FFFF:
        gaps.append((following, 0x10FFFF))

    def escape(cp: int) -> str:
        return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"

    inside = "".join(escape(a) if a == b else f"{escape(a)}-{escape(b)}" for a, b in gaps)
    return f"[^{inside}]"
