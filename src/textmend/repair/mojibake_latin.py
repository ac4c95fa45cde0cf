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
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textmend._model import Context, Edit

if TYPE_CHECKING:
    import ftfy
    from ftfy import ExplanationStep

__all__ = ["TRIGGERS", "find_utf8_as_single_byte"]


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


_LINE = re.compile("[^\n]*\n|[^\n]+")

# The single-byte codecs ftfy undoes.
_CODECS = (
    "latin-1", "cp1252", "cp1251", "cp1250", "iso-8859-2", "mac-roman", "cp437",
    "cp1253", "cp1254", "cp1257",
)  # fmt: skip


def _by_leads() -> dict[str, set[str]]:
    """For each codec's class of UTF-8 lead characters, its continuation characters.

    Leads are keyed with the number of continuations they need ("2:" for E0-EF),
    since ``café’s`` holds a three-byte lead (é) and only one continuation (’).
    """
    by_leads: dict[str, set[str]] = {}
    for codec in _CODECS:
        leads: dict[int, set[str]] = {1: set(), 2: set(), 3: set()}
        continuations: set[str] = set()
        for byte in range(0x80, 0x100):
            try:
                char = bytes((byte,)).decode(codec)
            except UnicodeDecodeError:
                continue
            if byte <= 0xBF:
                continuations.add(char)
            elif 0xC2 <= byte <= 0xF4:
                leads[1 if byte <= 0xDF else (2 if byte <= 0xEF else 3)].add(char)
        for needed, chars in leads.items():
            if not chars:
                continue
            by_leads.setdefault(f"{needed}:{_members(chars)}", set()).update(continuations)
    return by_leads


def _members(chars: set[str]) -> str:
    """A character class's members, escaped, in a stable order."""
    return "".join(re.escape(char) for char in sorted(chars))


_BY_LEADS = _by_leads()
#: What every match of the pair pattern starts with: the rule's triggers.
TRIGGERS = "".join(key[2:] for key in _BY_LEADS) + "\u00c2\u00c3\\x80-\\x9f\ufffd"


@functools.cache
def _pair_pattern() -> re.Pattern[str]:
    """UTF-8 misread through one of those codecs, as one regex over the text.

    A character that stands for a UTF-8 lead byte (C2-F4) followed by as many
    characters as it needs that stand for continuation bytes (80-BF) in the same
    codec, the last of which may be a space; Â or Ã before a
    space, where ftfy restores a byte A0 the space replaced; or a C1 control or
    U+FFFD, which ftfy also mends.  Clean text seldom has the pair; mojibake
    always does.  Pairs across codecs (``”“`` is a Mac Roman lead and a
    Windows-1252 continuation) are ordinary punctuation, not mojibake.

    The pattern starts with one character class and checks the rest by looking
    behind, so the engine scans for that class at full speed and clean text pays
    one pass.
    """
    branches = []
    for key, continuations in _BY_LEADS.items():
        needed, leads = int(key[0]), key[2:]
        cont = f"[{_members(continuations)}]"
        # The last of several continuations may have become a space (ftfy restores a
        # byte A0 there); for two-byte sequences only Â and Ã do that, below.
        last = f"(?:{cont}| )" if needed > 1 else cont
        branches.append(f"(?<=[{leads}]){cont * (needed - 1)}{last}")
    branches.append("(?<=[\u00c2\u00c3]) ")
    # Most leads in clean text (curly quotes and dashes are Mac Roman leads) stand
    # before a letter: one look ahead at any continuation rules them out before the
    # codec branches are tried one by one.
    anything = _members(set().union(*_BY_LEADS.values()) | {" "})
    return re.compile(
        f"[{TRIGGERS}](?:(?<=[\\x80-\\x9f\ufffd])|(?=[{anything}])(?:{'|'.join(branches)}))"
    )


def _one_layer(line: str, fixed: str, steps: list[ExplanationStep] | None) -> str:
    """ftfy's result, or where it stops before re-reading a line it decoded whole.

    After decoding the whole line, ftfy's search for UTF-8 inside otherwise correct
    text (``decode_inconsistent_utf8``) reads pairs of Latin-1 letters as UTF-8:
    GBK bytes under a layer of UTF-8 mojibake came out Cyrillic (ÕâÐ© to ÕâЩ), where
    the Latin-1 reading, which TM230 then decodes as GBK, was right.
    """
    from ftfy import apply_plan

    if not steps:
        return fixed
    plan = [(step.action, step.parameter) for step in steps]
    actions = [action for action, _ in plan]
    if "decode" not in actions:
        return fixed
    after = actions.index("decode") + 1
    rest = plan[after:]
    search = ("apply", "decode_inconsistent_utf8")
    if search not in rest:
        return fixed
    partial = str(apply_plan(line, plan[: after + rest.index(search)]))
    # Two layers of UTF-8 read as Latin-1 (été twice) are ftfy's to peel; stop only
    # where what the first decode left is legacy bytes read as Latin-1 (TM230's).
    from textmend.repair.mojibake_legacy import find_legacy_as_western

    if any(edit.changes for edit in find_legacy_as_western(partial, Context())):
        return partial
    return fixed


def find_utf8_as_single_byte(text: str, context: Context) -> Iterator[Edit]:
    """Decode again lines whose UTF-8 bytes were read as Latin-1, Windows-1252 and kin.

    >>> from textmend._model import apply_edits
    >>> text = "cafÃ© â€œmenuâ€\\x9d"
    >>> apply_edits(text, find_utf8_as_single_byte(text, Context()))
    'café “menu”'
    """
    if text.isascii():
        return
    hits = [m.start() for m in _pair_pattern().finditer(text)]
    if not hits:
        return
    # ftfy costs a tenth of a second to import: only text that shows the pair pays it.
    from ftfy import fix_encoding_and_explain
    from ftfy.badness import is_bad

    config = _config()
    pos = 0
    hit = 0
    # Lines end at "\n" only: str.splitlines also breaks at U+0085, which is what
    # the UTF-8 continuation byte 85 becomes in Latin-1 (六 is å\x85\xad).
    for line in _LINE.findall(text):
        start, pos = pos, pos + len(line)
        while hit < len(hits) and hits[hit] < start:
            hit += 1
        if hit == len(hits) or hits[hit] >= pos or not is_bad(line):
            continue
        fixed, steps = fix_encoding_and_explain(line, config)
        fixed = _one_layer(line, fixed, steps)
        if fixed != line:
            yield Edit(start, pos, line, fixed, "UTF-8 read as a single-byte codec; decoded again")
