"""Unicode normal forms: NFC that keeps CJK compatibility ideographs, and NFKC on request.

NFC makes canonically equivalent text identical (``e`` + combining acute and ``é``
become one code point), which search, deduplication and tokenisers need.  Plain
NFC also rewrites the CJK compatibility ideographs (U+F900-U+FAFF,
U+2F800-U+2FA1F) to their unified counterparts, which loses the glyph distinction
that place names and personal names in Korean and Japanese records were encoded
to keep, so those are left as they are.

NFKC folds compatibility characters too (fullwidth letters, ligatures, ``①``,
``²``, and fullwidth CJK punctuation to ASCII), so it is a rule of its own, off by
default, for whoever explicitly wants it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

from textmend._model import Context, Edit

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


def _edits(text: str, form: Literal["NFC", "NFKC"], message: str) -> Iterator[Edit]:
    """One edit per line that the normal form changes, trimmed to the changed stretch.

    The gate is CPython's own quick check (``unicodedata.is_normalized``), which
    answers at C speed for text without combining marks and stops at the first
    character that cannot be NFC.
    """
    if unicodedata.is_normalized(form, text):
        return
    if form == "NFC" and _COMPAT_IDEOGRAPH.search(text) and _nfc_keeping_compat(text) == text:
        return  # only compatibility ideographs stood in the way, and they stay
    for m in _LINES.finditer(text):
        line = m.group()
        if not line or unicodedata.is_normalized(form, line):
            continue
        new = _nfc_keeping_compat(line) if form == "NFC" else unicodedata.normalize(form, line)
        if new == line:
            continue
        head = 0
        limit = min(len(line), len(new))
        while head < limit and line[head] == new[head]:
            head += 1
        tail = 0
        while tail < limit - head and line[-1 - tail] == new[-1 - tail]:
            tail += 1
        start, end = m.start() + head, m.end() - tail
        yield Edit(start, end, line[head : len(line) - tail], new[head : len(new) - tail], message)


def find_nfc(text: str, context: Context) -> Iterator[Edit]:
    """Compose text to NFC, leaving CJK compatibility ideographs as they are.

    >>> from textmend._model import apply_edits
    >>> text = "cafe\\u0301 \\uf900"
    >>> apply_edits(text, find_nfc(text, Context()))
    'café \\uf900'
    """
    yield from _edits(text, "NFC", "not in Unicode normal form C")


def find_nfkc(text: str, context: Context) -> Iterator[Edit]:
    """Normalise text to NFKC (compatibility characters folded), when explicitly asked.

    >>> from textmend._model import apply_edits
    >>> text = "ﬁle ①"
    >>> apply_edits(text, find_nfkc(text, Context()))
    'file 1'
    """
    yield from _edits(text, "NFKC", "not in Unicode normal form KC")
