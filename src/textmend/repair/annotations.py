"""Inline pinyin left behind by Simplified-to-Traditional converters.

Some web converters write the reading of a character in brackets after it:
``產(chǎn)業(yè)園區(qū)`` for 产业园区.  They use one fixed reading per character
(``調(diào)`` even inside 協調), and they annotate the Traditional forms they
produced.  That is the evidence used here, on the whole document:

* several annotations whose syllable is a real Mandarin reading of the
  character before it (toned, toneless or with a tone number);
* at least some of them on characters that exist only in Traditional script;
* no character annotated with two different readings (that is a teaching list
  of polyphones, such as ``重(chóng) 重(zhòng)``, not an artifact).

Learner text (``我们 (wǒmen)``), quoted readings (``"这" (zhè)``), Japanese
furigana (``振(ふ)り``) and romaji (``東京(Tōkyō)``) never match the pattern.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping

import regex

from textmend._chars import HAN
from textmend._model import Context, Edit
from textmend.data import pinyin_readings, zh_table

__all__ = [
    "find_converted_script",
    "find_pinyin_annotations",
    "orphan_annotations",
    "shows_converter_artifact",
]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿêü"


@functools.cache
def _annotations() -> tuple[re.Pattern[str], re.Pattern[str], regex.Pattern[str]]:
    """A bracketed syllable, for ``(`` and for ``（``, and the Han character that must
    stand before it; compiled on first use.

    One pattern per bracket, each starting with its bracket, a literal the engine
    skips to at full speed: documents full of code have brackets everywhere, and
    Japanese text （ and furigana, and a class of both brackets first cost a full scan
    of every document that had one.  The character before the bracket is checked
    apart, by the regex module, which compiles the class of Han in a fraction of the
    standard library's time.  Upper case is spelt out, with the letters case-blind
    matching adds (İ ı ſ and the Kelvin sign): a case-blind class took long to compile.
    """
    letters = f"a-zA-Z{_TONED}{_TONED.upper()}\u0130\u0131\u017f\u212a"
    return (
        re.compile(f"\\((?P<syl>[{letters}]{{1,6}}[1-5]?)[)\uff09]"),
        re.compile(f"\uff08(?P<syl>[{letters}]{{1,6}}[1-5]?)[)\uff09]"),
        regex.compile(f"[{HAN}]"),
    )


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}

#: How many distinct annotated characters make a document's evidence, and how many
#: of them must be characters that only Traditional script has.
MIN_ANNOTATIONS = 3
MIN_TRADITIONAL = 2


@functools.cache
def _forms(reading: str) -> frozenset[str]:
    """Every spelling of one reading: toned, toneless, tone number, ``v`` for ``ü``."""
    decomposed = unicodedata.normalize("NFD", reading.lower())
    tone = "5"
    base_chars = []
    for char in decomposed:
        if char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        else:
            base_chars.append(char)
    base = unicodedata.normalize("NFC", "".join(base_chars))
    forms = {unicodedata.normalize("NFC", reading.lower()), base, base + tone}
    if tone == "5":
        forms.add(base + "0")
    for form in list(forms):
        if "ü" in form:
            forms.add(form.replace("ü", "v"))
            forms.add(form.replace("ü", "u:"))
    return frozenset(forms)


@functools.lru_cache(maxsize=8192)
def _is_reading(char: str, syllable: str) -> bool:
    readings = pinyin_readings().get(char)
    if not readings:
        return False
    wanted = unicodedata.normalize("NFC", syllable.lower())
    return any(wanted in _forms(reading) for reading in readings)


def _valid_annotations(text: str, at_least: int = 0) -> Iterator[tuple[str, str, int, int]]:
    """(character, syllable, start, end of the bracketed annotation) for each valid one;
    none at all if fewer than ``at_least`` bracketed syllables stand in the text."""
    ascii_bracket, wide_bracket, han = _annotations()
    found = [
        m
        for bracket, pattern in (("(", ascii_bracket), ("\uff08", wide_bracket))
        if bracket in text
        for m in pattern.finditer(text)
    ]
    if len(found) < at_least:
        return  # romaji in Japanese text, (a) in English: too few to judge
    found = [m for m in found if m.start() and han.match(text, m.start() - 1)]
    if len(found) > 1:
        found.sort(key=lambda m: m.start())
    for m in found:
        start = m.start()
        char = text[start - 1]
        syllable = m.group("syl")
        if _is_reading(char, syllable):
            yield char, syllable, start, m.end()


def shows_converter_artifact(text: str) -> bool:
    """Whether ``text`` carries the inline pinyin of a machine converter.

    >>> shows_converter_artifact("產(chǎn)業(yè)園區(qū)")
    True
    >>> shows_converter_artifact("长(cháng)短 长(zhǎng)大 乐(lè)曲")
    False
    """
    if text.count("(") + text.count("\uff08") < MIN_ANNOTATIONS:
        return False  # one bracket per annotation; counting is all but free
    seen: dict[str, str] = {}
    for char, syllable, _start, _end in _valid_annotations(text, MIN_ANNOTATIONS):
        syllable = syllable.lower()
        if seen.setdefault(char, syllable) != syllable:
            return False  # one character, two readings: a list of polyphones
    if len(seen) < MIN_ANNOTATIONS:
        return False
    t2s = zh_table("t2s_chars")
    # Distinct characters: a text that explains one rare character, however often,
    # is not a converter's work; a converter annotates whatever it meets.
    traditional = sum(1 for char in seen if t2s.get(char, char) != char)
    return len(seen) >= MIN_ANNOTATIONS and traditional >= MIN_TRADITIONAL


def find_pinyin_annotations(text: str, context: Context) -> Iterator[Edit]:
    """Strip the converter's ``(pinyin)`` after each character it annotated.

    >>> from textmend._model import apply_edits
    >>> text = "產(chǎn)業(yè)園區(qū)"
    >>> apply_edits(text, find_pinyin_annotations(text, Context(converter_artifact=True)))
    '產業園區'
    """
    if not context.converter_artifact:
        return
    edits = [
        Edit(start, end, text[start:end], "", f"converter's pinyin {syllable!r} after {char!r}")
        for char, syllable, start, end in _valid_annotations(text)
    ]
    edits.extend(orphan_annotations(text))
    yield from sorted(edits, key=lambda e: e.start)


@functools.cache
def _orphan() -> regex.Pattern[str]:
    """The reading of a character that was lost in transit: a replacement mark right
    after Han text, then a syllable and the closing bracket (the opening one often went
    with the character's bytes)."""
    return regex.compile(
        f"(?<=[{HAN}])[?\ufffd](?P<ann>[(\uff08]?(?P<syl>[a-z{_TONED}]{{1,6}}[1-5]?)[)\uff09])",
        regex.IGNORECASE,
    )


@functools.cache
def _all_syllables() -> frozenset[str]:
    return frozenset(
        form for readings in pinyin_readings().values() for r in readings for form in _forms(r)
    )


def orphan_annotations(text: str) -> Iterator[Edit]:
    """Annotations whose character is gone, in a document known to carry them.

    The mark that stands for the lost character becomes U+FFFD, so that no later
    rule mistakes it for a question mark.

    >>> edit = next(orphan_annotations("必須勇?lián)使命"))
    >>> edit.original, edit.replacement
    ('?lián)', '\ufffd')
    """
    if "?" not in text and "\ufffd" not in text:
        return
    for m in _orphan().finditer(text):
        syllable = m.group("syl")
        if unicodedata.normalize("NFC", syllable.lower()) in _all_syllables():
            yield Edit(
                m.start(),
                m.end(),
                m.group(),
                "\ufffd",
                f"converter's pinyin {syllable!r} after a character lost in transit",
            )


def find_converted_script(text: str, context: Context) -> Iterator[Edit]:
    """Convert machine-made Traditional text back to the Simplified it was made from.

    Only under ``zh_script="auto"`` and only when the document shows the
    converter's pinyin; other text keeps its script.

    >>> from textmend._model import apply_edits
    >>> ctx = Context(zh_script="auto", converter_artifact=True)
    >>> apply_edits("產業園區", find_converted_script("產業園區", ctx))
    '产业园区'
    """
    if context.zh_script != "auto" or not context.converter_artifact:
        return
    from textmend.normalize.script import conversion_edits

    yield from conversion_edits(
        text, restore_simplified, "machine-made Traditional restored to Simplified"
    )


@functools.cache
def _preimages() -> Mapping[str, tuple[tuple[str, bool], ...]]:
    """Traditional characters that Simplified text also writes as they are, each with
    the other Simplified characters a converter turns into it, and whether it does so
    everywhere (a character mapping, as 着 -> 著 in Taiwan's standard) or only inside
    certain words (a phrase mapping, as 象 -> 像 in 好象).

    Generated by ``scripts/gen_zh_merged.py``.
    """
    from textmend.data import data_path

    table: dict[str, tuple[tuple[str, bool], ...]] = {}
    for line in data_path("zh_merged.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        trad, _, cells = line.partition("\t")
        table[trad] = tuple((cell[0], cell.endswith(":char")) for cell in cells.split(" "))
    return table


@functools.cache
def _merged_pattern() -> regex.Pattern[str]:
    # One scan for the few characters that need a choice, not a loop over every one.
    return regex.compile("[" + "".join(sorted(_preimages())) + "]")


def restore_simplified(text: str) -> str:
    """Undo a machine Simplified-to-Traditional conversion.

    Like OpenCC's t2s, and where the converter merged two Simplified characters
    into one Traditional form that Simplified also uses (``着`` and ``著`` both
    became ``著``), choose by the neighbours: the candidate that forms a common
    word with them, else the more frequent one.

    >>> restore_simplified("要踏著產業浪潮，著力打造，著名的")
    '要踏着产业浪潮，着力打造，著名的'
    """
    from textmend.data.frequency import zh_bigrams, zh_char_log_freq
    from textmend.normalize.zhscript import to_simplified

    converted = to_simplified(text)
    positions = [m.start() for m in _merged_pattern().finditer(converted)]
    if not positions:
        return converted
    preimages = _preimages()
    bigrams, freq = zh_bigrams(), zh_char_log_freq()
    chars = list(converted)
    for i in positions:
        char = chars[i]
        options = preimages[char]
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""

        def support(candidate: str, before: str = before, after: str = after) -> int:
            return (before + candidate in bigrams) + (candidate + after in bigrams)

        best, best_support = char, support(char)
        for other, everywhere in options:
            other_support = support(other)
            # A word with the neighbours decides.  Without one, only a converter that
            # maps the other character everywhere makes the more frequent one likely.
            if other_support > best_support or (
                other_support == best_support
                and everywhere
                and freq.get(other, 0.0) > freq.get(best, 0.0)
            ):
                best, best_support = other, other_support
        chars[i] = best
    return "".join(chars)
