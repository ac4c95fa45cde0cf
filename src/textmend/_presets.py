"""Presets are data: a name, what it is for, and which rules it turns on.

Selectors are rule codes, code prefixes or rule names; ``"ALL"`` means every
rule that is on by default.  A preset never turns on a rule that is off by
default: that takes an explicit ``select``.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = ["PRESETS", "Preset"]


class Preset(TypedDict):
    description: str
    select: tuple[str, ...]


PRESETS: dict[str, Preset] = {
    "safe": {
        "description": (
            "Repairs only: undo damage that no careful editor could object to; no normalisation."
        ),
        "select": ("TM2", "TM3", "TM4"),
    },
    "corpus": {
        "description": (
            "For training-data pipelines: the safe repairs plus uniform Unicode and whitespace."
        ),
        "select": ("TM2", "TM3", "TM4"),
    },
    "default": {
        "description": "Every rule on by default: repairs plus the requested normalisation.",
        "select": ("ALL",),
    },
}
