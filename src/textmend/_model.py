"""The data model every rule shares: stages, edits, the context of a run, the rule record.

A rule is one ``find`` function plus one metadata record.  ``find`` yields
:class:`Edit` objects; fixing is applying those edits, so what ``check`` reports
and what ``fix`` changes come from the same matcher and cannot disagree.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Context",
    "Edit",
    "FindFn",
    "Rule",
    "Stage",
    "ZhScript",
    "apply_edits",
]

ZhScript = Literal["auto", "keep", "hans", "hant"]


class Stage(enum.Enum):
    """The three kinds of stage textmend runs."""

    DETECT = "detect"
    REPAIR = "repair"
    NORMALIZE = "normalize"


@dataclass(frozen=True, slots=True)
class Edit:
    """One change (or, for detect-only rules, one finding) at ``text[start:end]``.

    ``original`` is kept so that a replay can prove it is applied to the text it
    was computed on.  ``replacement`` is ``None`` for a finding with no known fix.
    """

    start: int
    end: int
    original: str
    replacement: str | None
    message: str

    @property
    def changes(self) -> bool:
        """Whether applying this edit changes the text."""
        return self.replacement is not None and self.replacement != self.original


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the text it is given.

    It is computed from the *original* input (see :func:`textmend._pipeline.analyze`),
    because some evidence, such as the pinyin left behind by a Simplified-to-Traditional
    converter, is removed by an earlier rule before a later rule needs it; and it
    grows after each pass with what the repairs uncovered (converter pinyin under
    mojibake), never shrinks.
    """

    zh_script: ZhScript = "auto"
    #: The text carries the inline pinyin a machine converter leaves behind.
    converter_artifact: bool = False
    #: The text shows bytes lost in transit (U+FFFD, a misread double-byte run, the
    #: reading of a lost character), so a ``?`` in it may be a replacement mark.
    byte_loss: bool = False


FindFn = Callable[[str, Context], Iterable[Edit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its matcher and the metadata the CLI, the docs and the tests read."""

    code: str
    name: str
    stage: Stage
    find: FindFn = field(repr=False)
    summary: str
    examples: tuple[tuple[str, str], ...] = ()
    default: bool = True
    #: Longer explanation for `textmend rules CODE` and the rules reference.
    why: str = ""
    #: The rule can only act on text with a non-ASCII character, so pure ASCII
    #: skips it without a call (the commonest clean-text fast path).
    needs_non_ascii: bool = True
    #: Characters clean text seldom holds, as the inside of a regex character class
    #: (``"\\ufffd\\ue000-\\uf8ff"``): when set, the rule can only act on text that
    #: holds one of them.  The pipeline finds the triggers of every selected rule in
    #: one scan of the text and skips the rules whose triggers are absent, so clean
    #: text pays one pass instead of one per rule.  Leave it empty for a rule that
    #: acts on ordinary characters (commas, Han).
    triggers: str = ""
    #: Characters the text the rule acts on is full of, as the inside of a regex
    #: character class (``CJK_TEXT``): without one of them the rule cannot act.
    #: Rules that require the same class share one search per text, so English text
    #: pays one scan for every rule that needs Chinese, however many there are.
    requires: str = ""
    #: Regular expressions (the ``regex`` module's), one of which matches somewhere
    #: in every text the rule can act on (``",,"``).  Each is searched once per text,
    #: for every rule that names it, and only once the other gates are open: worth it
    #: where the rule's own search is dearer.  Start each with one literal character
    #: or one range, which the engine skips to at full speed, and check the context by
    #: looking around (an alternation at the top is tried at every character).
    gates: tuple[str, ...] = ()

    def fix(self, text: str, context: Context | None = None) -> str:
        """Apply this rule alone.

        Without a context, the evidence is read from ``text`` itself.
        """
        if context is None:
            from textmend._pipeline import _context

            context = _context(text)
        return apply_edits(text, self.find(text, context))

    def __call__(self, text: str) -> str:
        return self.fix(text)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits; edits without a replacement are skipped.

    >>> apply_edits("a,,b", [Edit(1, 3, ",,", ",", "doubled")])
    'a,b'
    """
    parts: list[str] = []
    pos = 0
    for edit in edits:
        if not edit.changes:
            continue
        if edit.start < pos:
            raise ValueError(f"overlapping edits at {edit.start}")
        parts.append(text[pos : edit.start])
        assert edit.replacement is not None
        parts.append(edit.replacement)
        pos = edit.end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)
