"""Chinese script: convert to Simplified or Traditional when the user asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from textmend._chars import HAN
from textmend._model import Context, Edit

__all__ = ["conversion_edits", "find_zh_script"]

_HAN_RUN = regex.compile(f"[{HAN}]+")


def conversion_edits(text: str, target: str, message: str) -> Iterator[Edit]:
    """Edits that convert every Han run of ``text`` to ``target`` ("hans" or "hant").

    Edits are as small as the conversion allows: one per changed stretch of
    characters when a run keeps its length, otherwise one for the run.
    """
    from textmend.normalize.zhscript import to_simplified, to_traditional

    convert = to_simplified if target == "hans" else to_traditional
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        converted = convert(run)
        if converted == run:
            continue
        base = m.start()
        if len(converted) != len(run):
            yield Edit(base, m.end(), run, converted, f"{message}: {run} -> {converted}")
            continue
        i = 0
        while i < len(run):
            if run[i] == converted[i]:
                i += 1
                continue
            j = i
            while j < len(run) and run[j] != converted[j]:
                j += 1
            yield Edit(
                base + i,
                base + j,
                run[i:j],
                converted[i:j],
                f"{message}: {run[i:j]} -> {converted[i:j]}",
            )
            i = j


def find_zh_script(text: str, context: Context) -> Iterator[Edit]:
    """Convert Chinese to the script named by ``zh_script`` ("hans" or "hant").

    >>> from textmend._model import apply_edits
    >>> apply_edits("发展", find_zh_script("发展", Context(zh_script="hant")))
    '發展'
    """
    if context.zh_script not in ("hans", "hant"):
        return
    target = "Simplified" if context.zh_script == "hans" else "Traditional"
    yield from conversion_edits(text, context.zh_script, f"converted to {target} Chinese")
