"""UTF-8 read through a CJK double-byte codec.

``Python（派森）`` saved as UTF-8 and read as GBK becomes ``Python锛堟淳妫�锛``:
every three UTF-8 bytes of a Chinese character turn into one and a half GBK
characters, and bytes GBK cannot read become U+FFFD (or ``?``, depending on the
decoder).  The same happens with Big5, Shift-JIS and EUC-KR.  ftfy leaves these
alone: it only knows single-byte codecs.

The repair encodes each run of non-ASCII text back with each candidate codec and
decodes the bytes as UTF-8.  UTF-8 is strict about its structure, so clean text
almost never survives that round trip; a candidate must also read as more
ordinary text than the run it replaces (character frequencies, not merely "it
decodes").  Where the misreading lost bytes, the characters whose bytes all
survived come back and each damaged character becomes one U+FFFD.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator

import regex

from textmend._model import Context, Edit

__all__ = ["CODECS", "find_utf8_as_cjk", "plausibility"]

REPLACEMENT = "\ufffd"
#: The codecs tried.  Both the standard and the Microsoft variant of each, since a
#: character one decodes may not encode in the other (shift_jis's WAVE DASH).
CODECS = ("gb18030", "gbk", "big5", "cp950", "shift_jis", "cp932", "euc_kr", "cp949")
_NAMES = {
    "gb18030": "GB18030",
    "gbk": "GBK",
    "big5": "Big5",
    "cp950": "Big5 (cp950)",
    "shift_jis": "Shift-JIS",
    "cp932": "Shift-JIS (cp932)",
    "euc_kr": "EUC-KR",
    "cp949": "EUC-KR (cp949)",
}

# Runs of non-ASCII text, with the question marks some decoders write for bytes
# they cannot read.
_RUN = regex.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|\?)*")


@functools.cache
def _categories() -> dict[int, str]:
    """Each character of interest, by code point, to a letter naming its kind.

    R rare Han character, H common Han character, M a Han character that a
    two-byte UTF-8 sequence (an accented Latin letter, a Cyrillic or Greek one)
    becomes in one of the codecs, K halfwidth katakana, X U+FFFD or private use,
    L ASCII letter; everything else is a space.
    """
    from textmend.data import zh_table
    from textmend.data.frequency import zh_char_log_freq

    freq = zh_char_log_freq()
    t2s = zh_table("t2s_chars")
    table: dict[int, str] = {}
    for cp in range(0x10000):
        char = chr(cp)
        if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
            table[cp] = "H" if freq.get(t2s.get(char, char), 0.0) >= RARE_BELOW else "R"
            if table[cp] == "H" and _from_two_byte_utf8(char):
                table[cp] = "M"
        elif 0xFF61 <= cp <= 0xFF9F:
            table[cp] = "K"
        elif cp == 0xFFFD or 0xE000 <= cp <= 0xF8FF:
            table[cp] = "X"
        elif cp < 0x80 and char.isalpha():
            table[cp] = "L"
        elif cp >= 0x80:
            table[cp] = " "
    return table


def _from_two_byte_utf8(char: str) -> bool:
    for codec in ("gbk", "big5", "cp932", "euc_kr"):
        try:
            data = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(data) == 2 and 0xC2 <= data[0] <= 0xDF and 0x80 <= data[1] <= 0xBF:
            return True
    return False


#: Han characters whose log10 word frequency is below this count as rare.
RARE_BELOW = 3.0


@functools.cache
def _evidence() -> re.Pattern[str]:
    """What misread UTF-8 looks like, as one regex over the text.

    Misread CJK is dense with rare characters (a UTF-8 lead byte read with a
    continuation byte lands in level 2 of every one of these codecs) and
    Shift-JIS shows halfwidth katakana; lost bytes show as U+FFFD; misread Latin
    as a rare Han character, or one a Latin letter becomes, glued to a Latin
    letter.  The character classes compile to bitmaps, so the search runs at the
    regex engine's speed whatever the text.
    """
    kinds: dict[str, list[int]] = {}
    for cp, kind in _categories().items():
        kinds.setdefault(kind, []).append(cp)

    def cls(*names: str) -> str:
        points = sorted(cp for name in names for cp in kinds.get(name, ()))
        parts: list[str] = []
        i = 0
        while i < len(points):
            j = i
            while j + 1 < len(points) and points[j + 1] == points[j] + 1:
                j += 1
            first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
            parts.append(first if i == j else f"{first}-{last}")
            i = j + 1
        return "[" + "".join(parts) + "]"

    odd, latin_like, letter = cls("R", "K", "X"), cls("R", "M"), "[A-Za-z]"
    return re.compile(f"{odd}.?{odd}|\ufffd|{letter}{latin_like}|{latin_like}{letter}")


def _evidence_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _evidence().finditer(text)]


#: How much more ordinary the repaired run must read, per character replaced.
MARGIN = 1.0


@functools.cache
def _hangul_common() -> frozenset[str]:
    """The 2,350 Hangul syllables of KS X 1001, the ones ordinary Korean text uses."""
    found = set()
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                found.add(bytes((lead, trail)).decode("euc_kr"))
    return frozenset(found)


_COMMON_PUNCT = frozenset(
    "\u3000\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01\uff08\uff09\u300a\u300b"
    "\u300c\u300d\u300e\u300f\u3010\u3011\u201c\u201d\u2018\u2019\u2014\u2026\u00b7\u30fb\u30fc"
)


def _char_score(char: str) -> float:
    from textmend.data import zh_table
    from textmend.data.frequency import zh_char_log_freq

    cp = ord(char)
    if cp < 0x80:
        return 0.0
    if char in _COMMON_PUNCT:
        return 1.0
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
        freq = zh_char_log_freq().get(zh_table("t2s_chars").get(char, char))
        return -3.5 if freq is None else min(freq, 5.5) - 3.5
    if 0x3041 <= cp <= 0x30FF:
        return 1.0
    if 0xAC00 <= cp <= 0xD7A3:
        return 1.5 if char in _hangul_common() else -1.5
    if 0xFF61 <= cp <= 0xFF9F:
        return -2.0  # halfwidth katakana: rare today, the mark of UTF-8 read as Shift-JIS
    if char == REPLACEMENT:
        return -4.0
    if 0xE000 <= cp <= 0xF8FF or 0x80 <= cp <= 0x9F:
        return -6.0
    if char.isalpha():
        return 0.0
    return -2.0


@functools.lru_cache(maxsize=65536)
def _cached_score(char: str) -> float:
    return _char_score(char)


def plausibility(text: str, before: str = " ", after: str = " ") -> float:
    """How ordinary a run of text reads between two neighbouring characters.

    Characters score by kind and frequency; a pair of Han characters that occurs
    inside common words scores more; letters glued to Latin letters (``cr?me``)
    should be Latin themselves.

    >>> plausibility("中文") > plausibility("涓枃")
    True
    >>> plausibility("è", "r", "m") > plausibility("猫", "r", "m")
    True
    """
    from textmend.data.frequency import zh_bigrams

    score = sum(_cached_score(char) for char in text)
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        # Inside a Latin word: other scripts are out of place, Latin letters belong.
        score += sum(1.0 if _is_latin(char) else -3.0 for char in text if not char.isascii())
    if _EAST_ASIAN.search(text):
        # Letters of a third script among CJK or Hangul are what a wrong byte split makes.
        score -= 3.0 * len(_OTHER_LETTERS.findall(text))
    bigrams = zh_bigrams()
    score += 1.5 * sum(1 for pair in map(str.__add__, text, text[1:]) if pair in bigrams)
    return score


_EAST_ASIAN = regex.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]")
_OTHER_LETTERS = regex.compile(
    r"[\p{Arabic}\p{Hebrew}\p{Cyrillic}\p{Greek}\p{Armenian}\p{Thaana}\p{Syriac}]"
)


def _is_latin(char: str) -> bool:
    return "\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff"


_UNKNOWN = -1  # a byte the first decoder could not read, now U+FFFD or "?"


def _utf8_with_gaps(data: list[int]) -> str | None:
    """Decode UTF-8 in which some bytes are unknown; one U+FFFD per damaged character.

    Each unknown byte stands for exactly one lost byte, as Python's CJK decoders
    write one mark per byte they cannot read.  Known bytes must form valid UTF-8
    around the gaps, or this is not UTF-8 and the answer is None.
    """
    out: list[str] = []
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte == _UNKNOWN:
            # A lost lead byte: its continuation bytes go with it.
            i += 1
            taken = 1
            while i < n and taken < 3 and (data[i] == _UNKNOWN or 0x80 <= data[i] <= 0xBF):
                i += 1
                taken += 1
            out.append(REPLACEMENT)
            continue
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
            continue
        if 0xC2 <= byte <= 0xDF:
            need = 2
        elif 0xE0 <= byte <= 0xEF:
            need = 3
        elif 0xF0 <= byte <= 0xF4:
            need = 4
        else:
            return None
        chunk = data[i : i + need]
        if len(chunk) < need:
            return None
        if _UNKNOWN in chunk:
            if any(b != _UNKNOWN and not 0x80 <= b <= 0xBF for b in chunk[1:]):
                return None
            out.append(REPLACEMENT)
        else:
            try:
                out.append(bytes(chunk).decode("utf-8"))
            except UnicodeDecodeError:
                return None
        i += need
    return "".join(out)


def _candidate(run: str, codec: str) -> str | None:
    """The run re-read as UTF-8 through ``codec``, or None if it is not UTF-8 at all.

    A ``?`` is first taken for itself, and only for a lost byte if that fails.
    """
    if REPLACEMENT not in run:
        try:
            return run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            if "?" not in run:
                return None
    data: list[int] = []
    for char in run:
        if char in (REPLACEMENT, "?"):
            data.append(_UNKNOWN)
            continue
        try:
            data.extend(char.encode(codec))
        except UnicodeEncodeError:
            return None
    return _utf8_with_gaps(data)


def find_utf8_as_cjk(text: str, context: Context) -> Iterator[Edit]:
    """Re-read runs of UTF-8 that were decoded as GBK, Big5, Shift-JIS or EUC-KR.

    >>> from textmend._model import apply_edits
    >>> text = "Python锛堟淳妫�锛夋槸涓�绉嶇紪绋嬭��瑷�銆�"
    >>> apply_edits(text, find_utf8_as_cjk(text, Context()))
    'Python（派\\ufffd）是\\ufffd种编程\\ufffd\\ufffd\\ufffd'
    """
    if text.isascii():
        return
    spans = _evidence_spans(text)
    if not spans:
        return
    found: dict[int, tuple[int, str, str]] = {}  # start -> (end, replacement, codec)
    # Runs judged on their own, near the evidence: (start, end, codec -> (gain, text)).
    judged: list[tuple[int, int, dict[str, tuple[float, str]]]] = []
    done_until = 0
    for span_start, span_end in spans:
        for m in _RUN.finditer(text, max(_run_start(text, span_start), done_until)):
            start, end = m.span()
            if start > span_end:
                break
            done_until = end
            options = _options(text, start, end, CODECS)
            best = _convincing(options, text[start:end])
            if best is not None:
                found[start] = (end, options[best][1], best)
            elif options:
                judged.append((start, end, options))
    if not found:
        return
    # A misreading proved on one run makes the same reading of the others likely,
    # as long as it reads no worse than what stands; that includes runs away from
    # the evidence (a misread word of common characters).
    proved = tuple(c for c in CODECS if c in {codec for _, _, codec in found.values()})
    runs = [m.span() for m in _RUN.finditer(text)]
    seen = {start for start, _, _ in judged}
    for start, end in runs:
        if start not in found and start not in seen:
            judged.append((start, end, _options(text, start, end, proved)))
    for start, end, options in judged:
        # Two or more characters that all pair up into UTF-8 under the proved codec
        # are not chance; a single character must also read no worse.
        codec = next(
            (
                c
                for c in proved
                if c in options and (options[c][0] >= 0.0 or _strict_utf8(text, start, end, c))
            ),
            None,
        )
        if codec is not None:
            found[start] = (end, options[codec][1], codec)
    for start in sorted(found):
        end, candidate, codec = found[start]
        message = f"UTF-8 read as {_NAMES[codec]}; decoded again"
        yield Edit(start, end, text[start:end], candidate, message)


def _run_start(text: str, pos: int) -> int:
    """Where the run of non-ASCII text (and ``?``) that holds ``pos`` starts."""
    while pos > 0 and (text[pos - 1] == "?" or ord(text[pos - 1]) >= 0x80):
        pos -= 1
    return pos


def _strict_utf8(text: str, start: int, end: int, codec: str) -> bool:
    run = text[start:end]
    if end - start < 2 or REPLACEMENT in run:
        return False
    try:
        run.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return True


def _options(
    text: str, start: int, end: int, codecs: tuple[str, ...]
) -> dict[str, tuple[float, str]]:
    """Each codec's reading of ``text[start:end]`` with its gain in plausibility."""
    run = text[start:end]
    # Candidates first: encoding and strict UTF-8 decoding run in C and fail fast on
    # clean text, so clean runs never reach the scoring.
    candidates: dict[str, str] = {}
    for codec in codecs:
        candidate = _candidate(run, codec)
        if candidate is not None and candidate != run and not candidate.isascii():
            candidates[codec] = candidate
    if not candidates:
        return {}
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    original_score = plausibility(run, before, after)
    options: dict[str, tuple[float, str]] = {}
    for codec, candidate in candidates.items():
        if candidate.replace(REPLACEMENT, "").isascii():
            # Nothing recovered but ASCII: no reading to judge, so it is trusted only
            # where the same misreading is proved elsewhere (gain 0 says "no worse").
            options[codec] = (0.0, candidate)
        else:
            options[codec] = (plausibility(candidate, before, after) - original_score, candidate)
    return options


def _convincing(options: dict[str, tuple[float, str]], run: str) -> str | None:
    """The codec whose reading convinces on its own, if any.

    A single character convinces only as a Han character in the middle of a Latin
    word read back as one accented letter (``caf茅`` is ``café``).
    """
    best: str | None = None
    for codec, (gain, candidate) in options.items():
        if candidate.replace(REPLACEMENT, "").isascii() or gain < MARGIN * len(run) / 2:
            continue
        if (
            len(run) == 1
            and not (
                "\u4e00" <= run <= "\u9fff"
                # An accented letter of Latin-1 or Latin Extended-A, as European text has.
                and "\u00c0" <= candidate.rstrip("abcdefghijklmnopqrstuvwxyz")[:1] <= "\u017f"
            )
        ):
            continue
        if best is None or gain > options[best][0]:
            best = codec
    return best
