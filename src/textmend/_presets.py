"""Presets are data: a name, what it is for, and which rules it turns on.

Selectors are rule codes, code prefixes or rule names; ``"ALL"`` means every
rule that is on by default.  A prefix or ``"ALL"`` takes only the rules that are
on by default; a preset turns on a rule that is off by default only by naming
it exactly (its code or its name), as ``corpus`` and ``strict`` do.

* ``safe``: the repairs, nothing else.
* ``default``: every rule that is on by default: the repairs, plus normalisation
  that no careful editor would object to on clean text.
* ``corpus``: what training-data pipelines want.  It matches the ftfy settings
  NeMo Curator's ``UnicodeReformatter`` and datatrove's ``FTFYFormatter`` both use
  (HTML entities outside markup, terminal escapes and control characters removed,
  mojibake fixed; no width folding, no quote uncurling, no NFKC), adds uniform
  Unicode (NFC, zero-width debris) and whitespace, and the CJK fixes that ftfy's
  width folding gets wrong: punctuation width by script, halfwidth katakana.
* ``strict``: every rule, except NFKC, which changes what some characters say
  (``x²`` becomes ``x2``, ``½`` becomes ``1⁄2``); select it by name when that is
  what you want.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = ["PRESETS", "Preset"]


class Preset(TypedDict):
    description: str
    select: tuple[str, ...]


_REPAIRS = ("TM2", "TM3", "TM4")

PRESETS: dict[str, Preset] = {
    "safe": {
        "description": (
            "Repairs only: undo damage that no careful editor could object to; no normalisation."
        ),
        "select": _REPAIRS,
    },
    "corpus": {
        "description": (
            "For training-data pipelines: the safe repairs, plus what NeMo Curator's and "
            "datatrove's ftfy settings do (HTML entities outside markup, terminal escapes, "
            "control characters), uniform Unicode (NFC, zero-width debris) and whitespace "
            "(non-breaking spaces, trailing blanks, mixed line endings), and punctuation and "
            "katakana width by script."
        ),
        "select": (
            *_REPAIRS,
            "html-entities",
            "terminal-escapes",
            "bom-in-text",
            "control-characters",
            "zero-width",
            "nfc",
            "fullwidth-alnum",
            "halfwidth-katakana",
            "fullwidth-punct-latin",
            "ascii-punct-cjk",
            "ideographic-space",
            "nbsp",
            "trailing-whitespace",
            "mixed-line-endings",
            "zh-script",
        ),
    },
    "default": {
        "description": (
            "Every rule on by default: the repairs, plus normalisation that changes nothing "
            "a careful editor would keep (NFC, stray invisible characters, width in Latin text)."
        ),
        "select": ("ALL",),
    },
    "strict": {
        "description": (
            "Every rule, the opt-in ones included, except NFKC (x² to x2 changes what text "
            "says): uniform text at the cost of some authors' deliberate choices."
        ),
        "select": (
            "ALL",
            "html-entities",
            "control-characters",
            "fullwidth-alnum-cjk",
            "halfwidth-katakana",
            "ascii-punct-cjk",
            "nbsp",
            "trailing-whitespace",
            "mixed-line-endings",
            "straight-quotes",
            "corner-quotes",
        ),
    },
}
