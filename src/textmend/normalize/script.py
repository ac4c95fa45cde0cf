"""Chinese script: convert to Simplified or Traditional when the user asks for it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import regex

from textmend._chars import HAN
from textmend._model import Context, Edit

__all__ = ["conversion_edits", "find_zh_script"]


@functools.cache
def _han_run() -> regex.Pattern[str]:
    # Every character the converters may change (see zhscript._CONVERTIBLE_CLASS), and
    # the rest of the Han blocks; compiled on first use.
    return regex.compile(
        f"[{HAN}\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002f7ff\U00030000-\U0003ffff]+"
    )


def conversion_edits(text: str, convert: Callable[[str], str], message: str) -> Iterator[Edit]:
    """Edits that apply a script converter to ``text``.

    One edit per run of Han characters that the conversion changes (a clause,
    between two punctuation marks).  Runs are compared as slices, so no Python loop
    walks the text character by character; an edit per changed character made a
    long Traditional document several times slower to convert than the conversion.
    """
    converted = convert(text)
    if converted == text:
        return
    same_length = len(converted) == len(text)
    for m in _han_run().finditer(text):
        run = m.group()
        # Length-keeping conversions (the usual case) are read off the whole converted
        # text; otherwise each run is converted alone.
        new = converted[m.start() : m.end()] if same_length else convert(run)
        if new != run:
            yield Edit(m.start(), m.end(), run, new, f"{message}: {run} -> {new}")


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
