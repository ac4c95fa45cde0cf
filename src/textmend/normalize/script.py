"""Chinese script: convert to Simplified or Traditional when the user asks for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from textmend._chars import HAN
from textmend._model import Context, Edit

__all__ = ["conversion_edits", "find_zh_script"]

_HAN_RUN = regex.compile(f"[{HAN}]+")


def conversion_edits(text: str, convert: Callable[[str], str], message: str) -> Iterator[Edit]:
    """Edits that apply a script converter to ``text``.

    Edits are as small as the conversion allows: one per changed stretch of
    characters where the conversion keeps lengths, otherwise one per Han run.
    """
    converted = convert(text)
    if converted == text:
        return
    if len(converted) == len(text):
        # The usual case: one pass over the whole text, then compare.
        yield from _stretches(text, converted, 0, message)
        return
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        new = convert(run)
        if new == run:
            continue
        if len(new) == len(run):
            yield from _stretches(run, new, m.start(), message)
        else:
            yield Edit(m.start(), m.end(), run, new, f"{message}: {run} -> {new}")


def _stretches(old: str, new: str, base: int, message: str) -> Iterator[Edit]:
    """One edit per maximal stretch where two equal-length strings differ."""
    i, n = 0, len(old)
    while i < n:
        if old[i] == new[i]:
            i += 1
            continue
        j = i + 1
        while j < n and old[j] != new[j]:
            j += 1
        yield Edit(base + i, base + j, old[i:j], new[i:j], f"{message}: {old[i:j]} -> {new[i:j]}")
        i = j


def find_zh_script(text: str, context: Context) -> Iterator[Edit]:
    """Convert Chinese to the script named by ``zh_script`` ("hans" or "hant").

    >>> from textmend._model import apply_edits
    >>> apply_edits("发展", find_zh_script("发展", Context(zh_script="hant")))
    '發展'
    """
    if context.zh_script not in ("hans", "hant"):
        return
    from textmend.normalize.zhscript import to_simplified, to_traditional

    if context.zh_script == "hans":
        yield from conversion_edits(text, to_simplified, "converted to Simplified Chinese")
    else:
        yield from conversion_edits(text, to_traditional, "converted to Traditional Chinese")
