"""Hypothesis strategies for text of many scripts, clean and damaged, shared by the tests.

Clean text comes from our own fixtures (``fixtures/clean``), so a generated
document is real prose in real scripts; damaged text is clean text put through
one known process (a codec mixup, a scraper's punctuation, a converter), so a
test knows what the repair should give back.  Odd text (control characters,
lone surrogates, combining marks, very long lines) comes from Unicode
categories and hand-picked blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from damage import converter_damage, drop_gbk_byte, fold_commas

__all__ = [
    "ALPHABET",
    "CLEAN_LINES",
    "MIXUPS",
    "Mixup",
    "any_text",
    "clean_lines",
    "clean_text",
    "damaged_text",
    "han_text",
    "latin_text",
    "long_lines",
    "mixup_of",
    "odd_text",
    "rule_text",
    "script_text",
]

CLEAN = Path(__file__).resolve().parent.parent / "fixtures" / "clean"

CLEAN_FILES: dict[str, tuple[str, ...]] = {
    path.stem: tuple(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    for path in sorted(CLEAN.glob("*.txt"))
}
CLEAN_LINES: tuple[str, ...] = tuple(line for lines in CLEAN_FILES.values() for line in lines)

#: A clean line of the fixtures.
clean_lines = st.sampled_from(CLEAN_LINES)


def clean_text(max_lines: int = 6, *, unique: bool = False) -> st.SearchStrategy[str]:
    """A few clean lines of any of the fixtures, in any order, joined by newlines.

    ``unique``: no line twice.
    """
    return st.lists(clean_lines, min_size=1, max_size=max_lines, unique=unique).map("\n".join)


def _han(line: str) -> int:
    return sum("\u4e00" <= c <= "\u9fff" for c in line)


def _lines_where(keep: Callable[[str], bool]) -> tuple[str, ...]:
    return tuple(line for line in CLEAN_LINES if keep(line))


#: Lines with at least 8 Han characters: Chinese prose (the domain of the CJK repairs).
HAN_LINES = _lines_where(lambda line: _han(line) >= 8)
#: Lines of Latin-script European languages with accented letters and no CJK.
LATIN_LINES = _lines_where(
    lambda line: (
        not line.isascii()
        and all(ord(c) < 0x0250 or c in "\u2014\u2019\u201c\u201d\u00ab\u00bb" for c in line)
    )
)


def han_text(max_lines: int = 4) -> st.SearchStrategy[str]:
    """Chinese prose: lines of the fixtures with at least 8 Han characters each."""
    return st.lists(st.sampled_from(HAN_LINES), min_size=1, max_size=max_lines).map("\n".join)


def latin_text(max_lines: int = 4) -> st.SearchStrategy[str]:
    """Latin-script prose with accented letters (French, German, Polish, Czech, ...)."""
    return st.lists(st.sampled_from(LATIN_LINES), min_size=1, max_size=max_lines).map("\n".join)


# Characters the rules react to, mixed with ordinary ones of several scripts.
ALPHABET = (
    "的是在产业园区发展會議產業們長調重乐樂著"  # Han, both scripts
    ",,,??!:;()（）、。，？“”"  # punctuation, ASCII and fullwidth
    "chǎnyèqūdeā12345 "  # pinyin material
    "ㄅㄆㄎ\ufffd\ue000ぁアΓλ"  # what misreads look like
    "ab1\n\t/:@`"
    "锛堟淳妫涓鍙鐨ｼｮ譌縺茅猫脿Ã©â€œ"  # mojibake of UTF-8 read as GBK, Shift-JIS, cp1252
    "ÖÐÎÄ¡£°±Ïðèâ"  # GBK and cp1251 bytes read as Latin-1
    "锟斤拷烫"  # data lost for good
)

#: Short text dense in what the rules look for.
rule_text = st.text(alphabet=ALPHABET, max_size=60)

# Blocks of many scripts, and the odd corners of Unicode.
_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 supplement, Latin extended
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x0530, 0x058F),  # Armenian
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic
    (0x0900, 0x097F),  # Devanagari
    (0x0E00, 0x0E7F),  # Thai
    (0x1100, 0x11FF),  # Hangul jamo
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # fullwidth and halfwidth forms
    (0x1F300, 0x1F64F),  # emoji
    (0x20000, 0x2A6DF),  # CJK extension B
)
_ODD = (
    "\x00\x01\x07\x08\x0b\x0c\x0d\x1b\x7f\x80\x85\x9b\x9f"  # C0 and C1 controls
    "\u200b\u200c\u200d\u2028\u2029\u202e\u2060\ufeff\ufffe\uffff"  # invisibles, BOM, nonchars
    "\ud800\udbff\udc00\udfff"  # lone surrogates
    "\u0300\u0301\u0308\u0327\u20dd\u3099\u309a"  # combining marks
    "\ue000\U000f0000\U0010ffff\ufffd"  # private use, the last code point, REPLACEMENT
)


def script_text(max_size: int = 80) -> st.SearchStrategy[str]:
    """Text that runs through many scripts, one stretch of a block after another."""
    stretch = st.sampled_from(_BLOCKS).flatmap(
        lambda block: st.text(
            st.characters(min_codepoint=block[0], max_codepoint=block[1]), min_size=1, max_size=12
        )
    )
    return st.lists(stretch, max_size=max(1, max_size // 6)).map("".join)


#: Any code point, by Unicode category, lone surrogates and unassigned ones included.
any_text = st.text(st.characters(codec=None), max_size=60)


def odd_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Rule-triggering characters, other scripts and the odd corners of Unicode, mixed."""
    return st.text(
        st.one_of(
            st.sampled_from(ALPHABET),
            st.sampled_from(_ODD),
            st.characters(categories=["Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Zl", "Zp"]),
            st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        ),
        max_size=max_size,
    )


def long_lines(min_size: int = 2_000, max_size: int = 20_000) -> st.SearchStrategy[str]:
    """One long line: a short piece repeated, with no newline."""
    return st.tuples(
        st.one_of(rule_text, clean_lines), st.integers(min_value=min_size, max_value=max_size)
    ).map(
        lambda pair: ((pair[0].replace("\n", " ") or ",") * (pair[1] // max(1, len(pair[0]))))[
            : pair[1]
        ]
    )


# -- mojibake -----------------------------------------------------------------------


class Mixup:
    """Text written in one encoding and read in another."""

    def __init__(self, written: str, read: str) -> None:
        self.written = written
        self.read = read

    def __repr__(self) -> str:
        return f"Mixup({self.written!r}, {self.read!r})"

    def apply(self, text: str) -> str | None:
        """``text`` misread, or ``None`` if the mixup cannot keep every byte of it.

        A mixup keeps the bytes when ``written`` encodes the text and ``read``
        decodes every byte (strictly, so nothing is lost on the way).
        """
        try:
            return text.encode(self.written).decode(self.read)
        except UnicodeError:
            return None


#: The mixups the repair rules undo (README: TM210, TM220, TM230).
MIXUPS: dict[str, Mixup] = {
    "utf8-as-cp1252": Mixup("utf-8", "cp1252"),
    "utf8-as-latin1": Mixup("utf-8", "latin-1"),
    "utf8-as-gbk": Mixup("utf-8", "gbk"),
    "utf8-as-big5": Mixup("utf-8", "big5"),
    "utf8-as-shift-jis": Mixup("utf-8", "shift_jis"),
    "utf8-as-euc-kr": Mixup("utf-8", "euc_kr"),
    "gbk-as-latin1": Mixup("gbk", "latin-1"),
    "big5-as-latin1": Mixup("big5", "latin-1"),
    "euc-kr-as-latin1": Mixup("euc_kr", "latin-1"),
    "cp1251-as-latin1": Mixup("cp1251", "latin-1"),
}


def mixup_of(text: st.SearchStrategy[str], mixup: Mixup) -> st.SearchStrategy[tuple[str, str]]:
    """``(clean, misread)`` pairs for the texts ``mixup`` keeps the bytes of."""
    pairs = text.map(lambda clean: (clean, mixup.apply(clean)))
    return pairs.filter(lambda pair: pair[1] is not None and pair[1] != pair[0]).map(
        lambda pair: (pair[0], pair[1] or "")
    )


def _any_mixup(text: str, name: str) -> str:
    return MIXUPS[name].apply(text) or text


@st.composite
def _damage(draw: st.DrawFn) -> str:
    clean = draw(clean_text(4))
    how = draw(st.sampled_from(["commas", "converter", "drop", "mojibake", "lossy", "two layers"]))
    if how == "commas":
        return fold_commas(clean)
    if how == "converter":
        return converter_damage(clean)
    if how == "drop":
        index = draw(st.integers(min_value=0, max_value=max(0, len(clean) - 1)))
        mark = draw(st.sampled_from(["?", "\ufffd"]))
        try:
            return drop_gbk_byte(clean, index, mark)
        except UnicodeEncodeError:
            return clean
    if how == "lossy":
        # What a decoder with errors="replace" makes of UTF-8: U+FFFD or ?.
        codec = draw(st.sampled_from(["gbk", "big5", "shift_jis", "euc_kr", "cp1252"]))
        misread = clean.encode("utf-8").decode(codec, errors="replace")
        return misread.replace("\ufffd", "?") if draw(st.booleans()) else misread
    first = _any_mixup(clean, draw(st.sampled_from(sorted(MIXUPS))))
    if how == "two layers":
        return _any_mixup(first, draw(st.sampled_from(sorted(MIXUPS))))
    return first


#: Clean text of the fixtures damaged by one or two known processes.
damaged_text = _damage()


def _han_runs(lines: tuple[str, ...]) -> tuple[str, ...]:
    runs = {run for line in lines for run in _HAN_RUN.findall(line) if len(run) >= 2}
    return tuple(sorted(runs))


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: Runs of Han characters (no punctuation, digits or Latin) from the Chinese fixtures.
HAN_RUNS = _han_runs(CLEAN_FILES["zh-hans"] + CLEAN_FILES["zh-hant"])
HANT_RUNS = _han_runs(CLEAN_FILES["zh-hant"])
JA_RUNS = _han_runs(CLEAN_FILES["ja"])


def han_only(min_chars: int, runs: tuple[str, ...] = HAN_RUNS) -> st.SearchStrategy[str]:
    """Han characters only, at least ``min_chars`` of them: runs of Chinese prose joined."""
    return (
        st.lists(st.sampled_from(runs), min_size=1, max_size=12)
        .map("".join)
        .filter(lambda text: len(text) >= min_chars)
    )


def lines_of(*stems: str, max_lines: int = 4) -> st.SearchStrategy[str]:
    """A few lines of the named clean fixtures (``"ko"``, ``"zh-hant"``, ...)."""
    lines = tuple(line for stem in stems for line in CLEAN_FILES[stem])
    return st.lists(st.sampled_from(lines), min_size=1, max_size=max_lines).map("\n".join)


def _keepable_pairs(codec: str) -> tuple[str, ...]:
    pairs = set()
    for run in HAN_RUNS:
        for start in range(len(run) - 1):
            pair = run[start : start + 2]
            try:
                pair.encode("utf-8").decode(codec)
            except UnicodeDecodeError:
                continue
            pairs.add(pair)
    return tuple(sorted(pairs))


def han_pairs(codec: str, min_chars: int) -> st.SearchStrategy[str]:
    """Han text whose UTF-8 bytes ``codec`` decodes: pairs of neighbours in the fixtures.

    Two Han characters are six UTF-8 bytes, three double-byte characters of a
    CJK codec, so text made of pairs that decode, decodes; drawing whole runs
    and filtering instead rejects nine in ten.
    """
    pairs = _keepable_pairs(codec)
    # Distinct pairs: text that repeats one or two words (事情事情事情事情 read as
    # Shift-JIS) gives TM220 no evidence to act on, a limitation documented in
    # docs/reliability.md; hypothesis shrinks towards exactly that text.
    return st.lists(
        st.sampled_from(pairs),
        min_size=(min_chars + 1) // 2,
        max_size=min_chars // 2 + 6,
        unique=True,
    ).map("".join)
