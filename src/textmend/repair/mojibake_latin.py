"""UTF-8 read through a single-byte codec: the mojibake ftfy exists for.

``cafÃ©`` is UTF-8 ``café`` decoded as Latin-1 or Windows-1252.  ftfy is the
reference for this family, so the repair is ftfy's encoding step, configured to
do nothing else: no width folding (ftfy would turn ``，`` into ``,``), no quote
uncurling, no line-break changes and no Unicode normalisation (NFC rewrites CJK
compatibility ideographs).  textmend's own normalisation rules decide those.

ftfy works line by line here, as it does inside ``ftfy.fix_text``; lines that
are pure ASCII, or that ftfy's own badness test finds nothing wrong with, cost
one regex search.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textmend._model import Context, Edit

if TYPE_CHECKING:
    import ftfy

__all__ = ["find_utf8_as_single_byte"]


@functools.cache
def _config() -> ftfy.TextFixerConfig:
    import ftfy

    # explain=True matters: with explain off, ftfy.fix_text skips some encoding
    # sub-steps; fix_encoding_and_explain honours exactly these switches.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


def find_utf8_as_single_byte(text: str, context: Context) -> Iterator[Edit]:
    """Decode again lines whose UTF-8 bytes were read as Latin-1, Windows-1252 and kin.

    >>> from textmend._model import apply_edits
    >>> text = "cafÃ© â€œmenuâ€\\x9d"
    >>> apply_edits(text, find_utf8_as_single_byte(text, Context()))
    'café “menu”'
    """
    if text.isascii():
        return
    from ftfy import fix_encoding_and_explain
    from ftfy.badness import is_bad

    config = _config()
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        if line.isascii() or not is_bad(line):
            continue
        fixed, _steps = fix_encoding_and_explain(line, config)
        if fixed != line:
            yield Edit(start, pos, line, fixed, "UTF-8 read as a single-byte codec; decoded again")
