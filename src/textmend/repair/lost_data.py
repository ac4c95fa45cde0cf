"""Marks of data that was lost before the text reached us.

Some damage cannot be undone, only reported.  ``锟斤拷`` is two U+FFFD
replacement characters, saved as UTF-8 and read back as GBK: whatever stood
there was gone before the misreading.  ``烫烫烫`` and ``屯屯屯`` are the bytes
0xCC and 0xCD that Microsoft's debug runtime fills uninitialised stack and heap
memory with, read as GBK: the text was never written.  U+FFFD itself marks bytes
a decoder could not read.  These are findings without a fix: inventing the
missing text is not repair.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from textmend._model import Context, Edit

__all__ = ["find_lost_data"]


@functools.cache
def _markers() -> regex.Pattern[str]:
    # Compiled on first use: most text holds none of the marks, and says so to `in`.
    return regex.compile(
        "(?P<fffd_gbk>(?:\u951f\u65a4\u62f7)+\u951f?)"  # 锟斤拷
        "|(?P<stack>\u70eb{2,})"  # 烫烫
        "|(?P<heap>\u5c6f{2,})"  # 屯屯
        "|(?P<fffd>\ufffd+)"
    )


_MESSAGES = {
    "fffd_gbk": "data lost: replacement characters saved as UTF-8 and read as GBK",
    "stack": "data lost: uninitialised memory (0xCC bytes read as GBK)",
    "heap": "data lost: uninitialised heap memory (0xCD bytes read as GBK)",
    "fffd": "data lost: bytes a decoder could not read",
}


def find_lost_data(text: str, context: Context) -> Iterator[Edit]:
    """Report marks of data lost for good; nothing to fix.

    >>> [(e.original, e.replacement) for e in find_lost_data("姓名：锟斤拷锟斤拷", Context())]
    [('锟斤拷锟斤拷', None)]
    """
    if (
        "\ufffd" not in text
        and "\u951f" not in text
        and "\u70eb" not in text
        and "\u5c6f" not in text
    ):
        return
    for m in _markers().finditer(text):
        kind = m.lastgroup or "fffd"
        yield Edit(m.start(), m.end(), m.group(), None, _MESSAGES[kind])
