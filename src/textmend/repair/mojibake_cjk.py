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

from textmend._chars import COMMON_CJK_PUNCT, REPLACEMENT
from textmend._model import Context, Edit
from textmend.repair._cjk_evidence import latin_glued, odd_neighbours, settled

__all__ = ["CODECS", "find_utf8_as_cjk", "plausibility"]

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


@functools.cache
def _run_pattern() -> regex.Pattern[str]:
    """Runs of non-ASCII text, with the question marks some decoders write for bytes
    they cannot read."""
    return regex.compile(r"[^\x00-\x7f](?:[^\x00-\x7f]|\?)*")


@functools.cache
def _maybe() -> regex.Pattern[str]:
    """Han, Hangul, U+FFFD, private use or halfwidth katakana: without one there is
    no evidence to find, and the evidence class need not be compiled at all.

    ``regex`` compiles these wide ranges in C; ``re`` would take milliseconds."""
    return regex.compile("[\u3400-\u9fff\uac00-\ud7a3\ufffd\ue000-\uf8ff\uff61-\uff9f]")


def _is_kana(char: str) -> bool:
    return "\uff61" <= char <= "\uff9f"


def _dense_spans(text: str) -> list[tuple[int, int]]:
    """Misread UTF-8 where odd characters (see :mod:`._cjk_evidence`) stand close.

    Each odd character with another within two characters (on the same line)
    is evidence, and so is U+FFFD alone.  Halfwidth katakana are subtler: read
    as Shift-JIS, a UTF-8 continuation byte (A1-BF) is one halfwidth katakana
    (｡ to ｿ) and a two-byte lead (C2-DF) another (ﾂ to ﾟ); three-byte leads take
    the next byte into a kanji.  So two halfwidth katakana side by side are
    misread UTF-8 only as a lead then a continuation (ﾃｩ for é), and a word
    written in halfwidth katakana (ｶﾀｶﾅ) is not evidence; a halfwidth katakana
    still counts beside a rare Han character (縺ｯ).

    A span holds the character and the neighbour that proves it (the one two
    along when both are odd); the next span starts after it.
    """
    spans: list[tuple[int, int]] = []
    taken = 0
    found = odd_neighbours(text)
    nearest = dict(found)
    for i, distance in found:
        if i < taken:
            continue
        char = text[i]
        # The neighbour two along counts first, as the nearer one does only if it is
        # not there: whether it is, the nearer one's own nearest neighbour says.
        far = distance == 2 or (distance == 1 and nearest.get(i + 1) == 1)
        end = 0
        if char == REPLACEMENT:
            end = i + 1
        elif not distance:
            pass
        elif not _is_kana(char):
            end = i + 3 if far else i + 2
        elif "\uff82" <= char <= "\uff9f" and "\uff61" <= text[i + 1 : i + 2] <= "\uff7f":
            end = i + 2
        elif far and _rare(text[i + 2]):
            end = i + 3
        elif distance == 1 and _rare(text[i + 1]):
            end = i + 2
        if not end and _is_kana(char) and _wedged(text, i):
            end = i + 1
        if end:
            spans.append((i, end))
            taken = end
    return spans


def _wedged(text: str, i: int) -> bool:
    """One or two halfwidth katakana between kanji, one of them at ``i``: UTF-8 read as Shift-JIS.

    A three-byte UTF-8 character read as Shift-JIS is a kanji (lead and first
    continuation byte), then a halfwidth katakana when the second continuation
    byte stands alone (今天 reads 莉雁､ｩ).  Halfwidth katakana written on purpose
    are katakana words, seldom one or two letters wedged between kanji.
    """

    def han(j: int) -> bool:
        return 0 <= j < len(text) and "\u4e00" <= text[j] <= "\u9fff"

    def kana(j: int) -> bool:
        return 0 <= j < len(text) and _is_kana(text[j])

    return (han(i - 1) and (han(i + 1) or (kana(i + 1) and han(i + 2)))) or (
        kana(i - 1) and han(i - 2) and han(i + 1)
    )


@functools.cache
def _utf8_pair() -> re.Pattern[bytes]:
    return re.compile(b"[\xe3-\xe9][\x80-\xbf]{2}[\xe3-\xe9][\x80-\xbf]{2}")


def _utf8_in_legacy_bytes(text: str) -> bool:
    """Whether the text's GB18030 or Shift-JIS bytes hold two UTF-8 sequences of CJK side by side.

    They are the bytes UTF-8 read as GBK or Shift-JIS came from.  Clean Chinese
    seldom holds them (a level-2 character with a low second byte, then two
    level-1 characters with particular bytes), and never with 的, 了, 在 or 是
    around (see ``_ORDINARY``); the runs are then read, which decides.  A few
    C calls.
    """
    pattern = _utf8_pair()
    return any(
        pattern.search(text.encode(codec, errors="ignore")) is not None
        for codec in ("gb18030", "cp932")
    )


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _rare(char: str) -> bool:
    """An odd character other than halfwidth katakana and U+FFFD (given it is odd)."""
    return char != REPLACEMENT and not _is_kana(char)


# The commonest Chinese characters and Japanese particles, which UTF-8 of CJK read
# as GBK never makes: one of their GBK bytes (的 B5 C4, の A4 CE) is neither a
# continuation byte (80-BF) nor a CJK lead (E3-E9).  Text holding one is written
# as it stands, and the bytes it happens to hold prove nothing.
_ORDINARY = "\u7684\u4e86\u5728\u662f\u306e\u306f\u306b\u3092"  # 的了在是のはにを


def _evidence_spans(text: str) -> list[tuple[int, int]]:
    spans = _dense_spans(text)
    if not spans and not any(char in text for char in _ORDINARY) and _utf8_in_legacy_bytes(text):
        # Misread UTF-8 of the commonest characters may hold no rare one at all
        # (三个 read as GBK is 涓変釜, 舊書 read as Shift-JIS 闊頑嶌): every run is read.
        spans = [(0, len(text))]
    for pos in latin_glued(text):
        # The span holds the letter, on whichever side it stands (the left first).
        left = pos > 0 and text[pos - 1].isascii() and text[pos - 1].isalpha()
        spans.append((pos - 1, pos + 1) if left else (pos, pos + 2))
    spans.sort()
    return spans


#: What a Hangul syllable of the run may be worth less when marks are folded
#: (half of :func:`_char_score`'s 1.5 for a common syllable).
HANGUL_SLACK = 0.75

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


@functools.cache
def _kanji_level1() -> frozenset[str]:
    """The 2,965 kanji of JIS X 0208 level 1, the ones ordinary Japanese text uses.

    Japanese forms missing from the Chinese frequencies (気, 駅, 込) count as
    common when they are here: no permissively licensed Japanese frequency list
    is at hand, and level 1 is the standard's own choice of common kanji.
    """
    found = set()
    for lead in range(0xB0, 0xD0):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                found.add(bytes((lead, trail)).decode("euc_jp"))
    return frozenset(found)


def kanji_bonus(text: str) -> float:
    """What :func:`plausibility` owes Japanese text for its level-1 kanji.

    The Chinese frequencies miss Japanese forms (気, 駅, 込) and score them as
    rare.  Legacy Shift-JIS bytes read as Latin-1 are judged with this bonus;
    UTF-8 misread as a CJK codec is not, since its misreadings land on such
    kanji by chance.

    >>> kanji_bonus("天気") > 0.0, kanji_bonus("天气")
    (True, 0.0)
    """
    from textmend.data import zh_table
    from textmend.data.frequency import zh_char_log_freq

    level1, freq, t2s = _kanji_level1(), zh_char_log_freq(), zh_table("t2s_chars")
    missing = sum(1 for c in text if c in level1 and t2s.get(c, c) not in freq)
    return 3.5 * missing


def _char_score(char: str) -> float:
    from textmend.data import zh_table
    from textmend.data.frequency import zh_char_log_freq

    cp = ord(char)
    if cp < 0x80:
        return 0.0
    if char in COMMON_CJK_PUNCT:
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
    _, east_asian, other_letters = _scripts()
    if east_asian.search(text):
        # Letters of a third script among CJK or Hangul are what a wrong byte split makes.
        score -= 3.0 * len(other_letters.findall(text))
    bigrams = zh_bigrams()
    score += 1.5 * sum(1 for pair in map(str.__add__, text, text[1:]) if pair in bigrams)
    return score


@functools.cache
def _scripts() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """What a CJK codec makes of UTF-8 bytes (Han, kana, Hangul, halfwidth katakana),
    East Asian letters, and letters of a third script.  ``regex`` compiles these in
    C, on first use; ``re`` takes milliseconds over the wide ranges."""
    return (
        regex.compile("[\u3041-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff61-\uff9f]"),
        regex.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]"),
        regex.compile(
            r"[\p{Arabic}\p{Hebrew}\p{Cyrillic}\p{Greek}\p{Armenian}\p{Thaana}\p{Syriac}]"
        ),
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
    yield from settled(text, _utf8_as_cjk)


def _utf8_as_cjk(text: str) -> list[Edit]:
    return list(_utf8_as_cjk_once(text))


def _utf8_as_cjk_once(text: str) -> Iterator[Edit]:
    if text.isascii() or not _maybe().search(text):
        return
    spans = _evidence_spans(text)
    if not spans:
        return
    found: dict[int, tuple[int, str, str]] = {}  # start -> (end, replacement, codec)
    # How many convincing runs each codec reads at all (the codec that misread the
    # text reads every run back), then how much gain its best readings bring: the
    # codecs with the most (EUC-KR and its superset cp949, GBK and GB18030) are the
    # text's, and every other run is read with these only.
    votes: dict[str, tuple[int, float]] = {}  # codec -> (runs, summed gain)
    convinced: dict[int, tuple[int, dict[str, tuple[float, str]]]] = {}
    # Runs judged on their own, near the evidence: (start, end, codec -> (gain, text)).
    judged: list[tuple[int, int, dict[str, tuple[float, str]]]] = []
    done_until = 0
    for span_start, span_end in spans:
        for m in _run_pattern().finditer(text, _run_start(text, span_start, done_until)):
            start, end = m.span()
            if start > span_end:
                break
            done_until = end
            options = _options(text, start, end, CODECS)
            best = _convincing(options, text[start:end])
            if best is not None and end - start == 1 and not _beside_letter(text, start):
                # A lone character read as an accented letter convinces inside a Latin
                # word only (caf茅); 躑 between spaces in Korean read as Big5 is not ŭ.
                best = None
            if best is not None:
                found[start] = (end, options[best][1], best)
                for reader in options:
                    count, gain = votes.get(reader, (0, 0.0))
                    if options[reader][1] == options[best][1]:
                        gain = round(gain + options[best][0], 6)
                    votes[reader] = (count + 1, gain)
                convinced[start] = (end, options)
            elif options:
                judged.append((start, end, options))
    if not found:
        return
    # A misreading proved on one run makes the same reading of the others likely,
    # as long as it reads no worse than what stands; that includes runs away from
    # the evidence (a misread word of common characters).
    most = max(votes.values())
    proved = tuple(c for c in CODECS if votes.get(c) == most)
    # A run convincing under another codec only (聽 reads ť in Big5 beside a Latin
    # letter) is judged again with the text's codecs.  One of two characters or more
    # that they cannot read keeps its own reading: once the rest is mended, it is
    # the only evidence left, and a second run would read it that way.
    own: dict[int, tuple[int, str, str]] = {}
    for start, (end, options) in convinced.items():
        if found[start][2] not in proved:
            if end - start >= 2:
                own[start] = found[start]
            del found[start]
            judged.append((start, end, options))
    runs = [m.span() for m in _run_pattern().finditer(text)]
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
                if c in options
                and (
                    options[c][0] >= 0.0
                    or _strict_utf8(text, start, end, c)
                    or _lone_latin_letter(text, start, end, options[c][1])
                    or _one_alphabet(text[start:end], options[c][1])
                )
            ),
            None,
        )
        if codec is not None:
            found[start] = (end, options[codec][1], codec)
        elif start in own:
            found[start] = own[start]
    if all(end - start == 1 for start, (end, _) in convinced.items()) and any(
        start not in found for start in convinced
    ):
        # Lone characters were all the evidence, and they disagree: one read as Latin
        # in GBK, another only in Big5 (脿a議).  Misread text has one codec; these
        # are Han characters beside Latin letters, as mixed text has them.
        return
    for start in sorted(found):
        end, candidate, codec = found[start]
        message = f"UTF-8 read as {_NAMES[codec]}; decoded again"
        yield Edit(start, end, text[start:end], candidate, message)


def _beside_letter(text: str, pos: int) -> bool:
    """Whether an ASCII letter stands just before or just after ``text[pos]``."""
    return any(
        0 <= i < len(text) and text[i].isascii() and text[i].isalpha() for i in (pos - 1, pos + 1)
    )


def _run_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the run of non-ASCII text (and ``?``) that holds ``pos`` starts, or ``floor``."""
    if pos <= floor:
        return floor
    while pos > floor and (text[pos - 1] == "?" or ord(text[pos - 1]) >= 0x80):
        pos -= 1
    return pos


def _lone_latin_letter(text: str, start: int, end: int, candidate: str) -> bool:
    """One character read back as a letter standing alone (``à``, ``в``) or a sign.

    Latin-1's signs and spaces (``¿``, ``«``, no-break space) may stand anywhere;
    a Latin, Greek or Cyrillic letter must stand apart from letters and digits.
    """
    if end - start != 1 or len(candidate) != 1:
        return False
    if "\u00a0" <= candidate <= "\u00bf":
        return True
    return (
        "\u00c0" <= candidate <= "\u04ff"
        and candidate.isalpha()
        and (start == 0 or not text[start - 1].isalnum())
        and (end == len(text) or not text[end].isalnum())
    )


#: Alphabets whose UTF-8 is two bytes a letter (and Indic, three), as block ranges.
_ALPHABET_BLOCKS = (
    ("\u0370", "\u03ff"),  # Greek
    ("\u1f00", "\u1fff"),  # Greek with accents
    ("\u0400", "\u04ff"),  # Cyrillic
    ("\u0590", "\u05ff"),  # Hebrew
    ("\u0600", "\u06ff"),  # Arabic
    ("\u0900", "\u097f"),  # Devanagari
    ("\u0e00", "\u0e7f"),  # Thai
)


def _one_alphabet(run: str, candidate: str) -> bool:
    """A lossy run of CJK read back as letters of one alphabet and lost characters only.

    Judged only under the codec the text's evidence proved: UTF-8 of Arabic or
    Greek read as EUC-KR is hanja and Hangul with U+FFFD between (碼��曼馬), whose
    reading scores no better than the run (letters of an alphabet score 0, common
    hanja more), but letters of a single alphabet between the gaps are what
    the misread bytes were; chance readings mix blocks or hold CJK.
    """
    if REPLACEMENT not in run or not all(
        char == REPLACEMENT or "\u3000" <= char <= "\ud7a3" or "\uf900" <= char <= "\ufaff"
        for char in run
    ):
        return False
    letters = candidate.replace(REPLACEMENT, "")
    return len(letters) >= 2 and any(
        all(lo <= char <= hi for char in letters) for lo, hi in _ALPHABET_BLOCKS
    )


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
    halfwidth_only, halfwidth_japanese = _halfwidth()
    if halfwidth_japanese.fullmatch(run) and not halfwidth_only.fullmatch(run):
        # A word in halfwidth katakana before 。 or 、 (ﾃｽﾄ。 reads ýāB): Shift-JIS
        # writes these marks 81 41-42, 81 75-76, which misread UTF-8 makes only from
        # a continuation byte 81 glued to an ASCII A, B, u or v.
        return {}
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
    # Fewer U+FFFD is a gain only when the characters read back are no worse than
    # the ones they replace.  Each lost byte is one mark before a repair and each
    # damaged character one mark after it, so re-reading a repaired run folds its
    # marks again: without this, fixing twice would differ from fixing once.
    lost = plausibility(REPLACEMENT, before, after)
    original_score = plausibility(run, before, after) - _rare_hangul_price(run)
    original_kept = original_score - lost * run.count(REPLACEMENT)
    options: dict[str, tuple[float, str]] = {}
    for codec, candidate in candidates.items():
        if candidate.replace(REPLACEMENT, "").isascii():
            # Nothing recovered but ASCII: no reading to judge, so it is trusted only
            # where the same misreading is proved elsewhere (gain 0 says "no worse").
            options[codec] = (0.0, candidate)
            continue
        score = plausibility(candidate, before, after)
        kept = score - lost * candidate.count(REPLACEMENT) - original_kept
        # Hangul counts for half a common syllable here: EUC-KR reads pairs of UTF-8
        # continuation bytes as syllables of its common set, most of them rare in
        # Korean text, so Hangul among the marks says little for the run as it is.
        slack = HANGUL_SLACK * sum(1 for char in run if "\uac00" <= char <= "\ud7a3")
        options[codec] = (score - original_score if kept >= -slack else kept, candidate)
    return options


#: What a Hangul syllable of a misread run holding Han is worth less when no word of
#: CLDR's Korean uses it: from a common syllable's 1.5 to -1.5, what a syllable
#: outside KS X 1001 scores.
RARE_HANGUL = 3.0


def _rare_hangul_price(run: str) -> float:
    """How much less the run's Hangul is worth for syllables no CLDR Korean word uses.

    :func:`plausibility` scores KS X 1001's 2,350 syllables as common, but UTF-8
    read as EUC-KR lands on them by chance (배기 reads 諛곌린): a pair of
    continuation bytes makes a syllable of rows B0-BF, most of them rare in
    Korean text, and lead bytes beside them make hanja.  Only runs that also hold
    Han pay: Korean mended by this rule (Hangul and U+FFFD) must not read as
    misread again, and Korean of the legacy table (``legacy_hangul.txt``, from
    CLDR) is too short a list to judge Hangul alone.
    """
    if not any("\uac00" <= char <= "\ud7a3" for char in run) or not any(
        "\u4e00" <= char <= "\u9fff" for char in run
    ):
        return 0.0
    from textmend.repair.mojibake_legacy import _hangul_in_words

    common = _hangul_in_words()
    rare = sum(1 for char in run if "\uac00" <= char <= "\ud7a3" and char not in common)
    return RARE_HANGUL * rare


@functools.cache
def _halfwidth() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Halfwidth katakana alone, and with Japanese punctuation."""
    return re.compile("[\uff61-\uff9f]+"), re.compile("[\uff61-\uff9f\u3001\u3002\u300c-\u300f]+")


def _convincing(options: dict[str, tuple[float, str]], run: str) -> str | None:
    """The codec whose reading convinces on its own, if any.

    A single character convinces only as a Han or Hangul character in the middle
    of a Latin word read back as one accented letter (``caf茅`` and ``caf챕`` are
    ``café``).  A run with no
    CJK character in it convinces never: UTF-8 read as a CJK codec gives Han,
    kana or Hangul, and a Cyrillic letter beside a lost byte (``К\ufffd``) is
    not what it makes.
    """
    if not _scripts()[0].search(run):
        return None
    best: str | None = None
    for codec, (gain, candidate) in options.items():
        if candidate.replace(REPLACEMENT, "").isascii() or gain < MARGIN * len(run) / 2:
            continue
        if (
            len(run) == 1
            and not (
                ("\u4e00" <= run <= "\u9fff" or "\uac00" <= run <= "\ud7a3")
                # An accented letter of Latin-1 or Latin Extended-A, as European text has.
                and "\u00c0" <= candidate.rstrip("abcdefghijklmnopqrstuvwxyz")[:1] <= "\u017f"
            )
        ):
            continue
        if best is None or gain > options[best][0]:
            best = codec
    return best
