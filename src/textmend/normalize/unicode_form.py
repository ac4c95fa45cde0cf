"""Unicode normal forms: NFC that keeps CJK compatibility ideographs, and NFKC on request.

NFC makes canonically equivalent text identical (``e`` + combining acute and ``é``
become one code point), which search, deduplication and tokenisers need.  Plain
NFC also rewrites the CJK compatibility ideographs (U+F900-U+FAFF,
U+2F800-U+2FA1F) to their unified counterparts, which loses the glyph distinction
that place names and personal names in Korean and Japanese records were encoded
to keep, so those are left as they are.

NFKC folds compatibility characters too (fullwidth letters, ligatures, ``①``,
``²``), which changes what some of them mean, so it is a rule of its own, off by
default, for whoever explicitly wants it.  Plain NFKC would also fold the fullwidth
punctuation of every Chinese and Japanese sentence to ASCII; this one keeps the
width of punctuation in CJK text, which the width and punctuation rules own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Literal

from textmend._chars import FULLWIDTH_PUNCT
from textmend._model import Context, Edit
from textmend.normalize.width import CJKLines, in_cjk_context

__all__ = ["find_nfc", "find_nfkc"]

_COMPAT_IDEOGRAPH = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f])")
_LINES = re.compile(r"[^\n]*\n?")


def _nfc_keeping_compat(text: str) -> str:
    if _COMPAT_IDEOGRAPH.search(text) is None:
        return unicodedata.normalize("NFC", text)
    parts = _COMPAT_IDEOGRAPH.split(text)
    # Odd indices are the compatibility ideographs themselves.
    return "".join(
        part if i % 2 else unicodedata.normalize("NFC", part) for i, part in enumerate(parts)
    )


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of ``a`` and ``b``, by bisection on slice equality.

    A long line with one change near its end is compared in C, not walked in Python.
    """
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _edits(
    text: str,
    form: Literal["NFC", "NFKC"],
    normalize: Callable[[str, int], str],
    message: str,
) -> Iterator[Edit]:
    """One edit per line that ``normalize`` changes, trimmed to the changed stretch.

    The gate is CPython's own quick check (``unicodedata.is_normalized``), which
    answers at C speed for text without combining marks and stops at the first
    character that cannot be in the form.
    """
    if unicodedata.is_normalized(form, text):
        return
    # Only compatibility ideographs may stand in the way, and they stay.  Each is a
    # starter that composes with nothing, as is the ideograph put in its place for the
    # check, so the text is NFC but for them exactly when the stand-in text is
    # (normalising the text piece by piece cost a hundred microseconds a page).
    if (
        form == "NFC"
        and _COMPAT_IDEOGRAPH.search(text) is not None
        and unicodedata.is_normalized(form, _COMPAT_IDEOGRAPH.sub("\u4e00", text))
    ):
        return
    for m in _LINES.finditer(text):
        line = m.group()
        if not line or unicodedata.is_normalized(form, line):
            continue
        new = normalize(line, m.start())
        if new == line:
            continue
        head = _common_prefix(line, new)
        tail = _common_prefix(line[head:][::-1], new[head:][::-1])
        start, end = m.start() + head, m.end() - tail
        yield Edit(start, end, line[head : len(line) - tail], new[head : len(new) - tail], message)


def find_nfc(text: str, context: Context) -> Iterator[Edit]:
    """Compose text to NFC, leaving CJK compatibility ideographs as they are.

    >>> from textmend._model import apply_edits
    >>> text = "cafe\\u0301 \\uf900"
    >>> apply_edits(text, find_nfc(text, Context()))
    'café \\uf900'
    """
    yield from _edits(text, "NFC", lambda line, _: _nfc_keeping_compat(line), "not NFC")


# Fullwidth punctuation and the ideographic space: in CJK text their width is the width
# rules' business (and TM401-TM404 and TM534 would only widen them again), so NFKC
# leaves them there.
_CJK_WIDTH = re.compile(f"[{FULLWIDTH_PUNCT}\u3000]")


def find_nfkc(text: str, context: Context) -> Iterator[Edit]:
    """Normalise text to NFKC, when explicitly asked, keeping CJK punctuation's width.

    Fullwidth punctuation and the ideographic space in CJK text keep their width;
    elsewhere everything is folded (ligatures, circled and superscript digits,
    fullwidth letters, halfwidth katakana, compatibility ideographs).

    >>> from textmend._model import apply_edits
    >>> text = "ﬁle ① x²，中文"
    >>> apply_edits(text, find_nfkc(text, Context()))
    'file 1 x2，中文'
    """

    lines = CJKLines(text)

    def normalize(line: str, offset: int) -> str:
        pieces: list[str] = []
        done = 0
        for m in _CJK_WIDTH.finditer(line):
            if in_cjk_context(text, offset + m.start(), offset + m.end(), lines):
                pieces.append(unicodedata.normalize("NFKC", line[done : m.start()]))
                pieces.append(m.group())
                done = m.end()
        pieces.append(unicodedata.normalize("NFKC", line[done:]))
        return "".join(pieces)

    yield from _edits(text, "NFKC", normalize, "not NFKC")
