"""Character classes shared by the rules, written once as regex fragments.

The fragments are plain strings so that each rule can build the one
pattern it needs with a single compile at import time.
"""

from __future__ import annotations

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
    "is_han",
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
#: fullwidth punctuation, and what misread CJK bytes turn into (U+FFFD, private use,
#: halfwidth forms).  The rules that act only on such text require one of these; in
#: English text the pipeline finds none in one scan and skips them all.
CJK_TEXT = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    "\ue000-\ufaff\ufe30-\ufe4f\uff00-\uffef\ufffd\U00020000-\U0003ffff"
)
