"""CJK bytes read with the wrong CJK codec.

A Shift-JIS file opened as GBK, a GBK file opened as Big5, an EUC-KR file opened
as GBK: every byte survives, but each pair of bytes becomes a character of the
wrong language.  Japanese kana in Shift-JIS become rare Han characters in GBK
(``日本語`` reads ``譌･譛ｬ隱`` and worse), Chinese in GBK becomes halfwidth
katakana in Shift-JIS, Hangul in EUC-KR becomes Traditional characters in Big5.
ftfy does not touch these; neither do the rules for UTF-8 (TM220) or for Latin-1
(TM230).

Each run of non-ASCII text near the evidence (rare Han characters close
together, halfwidth katakana, Hangul glued to Han) is encoded back with each
codec the text could have been decoded with and decoded with each other one.
Decoding without error proves little (GBK and EUC-KR read almost any pair of
high bytes), so the readings are ranked by how ordinary they read (character
and word-pair frequencies, the common syllables of Korean, kana for Japanese),
and the text is read with the one pair of codecs that does best over all its
runs; that pair must beat the text as it stands by a clear margin.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
from collections.abc import Iterator

import regex

from textmend._model import Context, Edit
from textmend.repair._cjk_evidence import TONE_LETTERS, odd, odd_neighbours, settled, tone_glued
from textmend.repair.mojibake_cjk import plausibility

__all__ = ["CODECS", "TRIGGERS", "find_cjk_as_wrong_cjk"]

#: The double-byte codecs, as (written with, read with) candidates.  The Microsoft
#: variants are supersets, so they encode back whatever the standard ones decoded.
CODECS = ("gbk", "big5", "cp932", "euc_kr")
_NAMES = {"gbk": "GBK", "big5": "Big5", "cp932": "Shift-JIS", "euc_kr": "EUC-KR"}
#: The reader's encoder: what turns the misread text back into its bytes.
_ENCODER = {"gbk": "gb18030", "big5": "cp950", "cp932": "cp932", "euc_kr": "cp949"}


@functools.cache
def _run_pattern() -> re.Pattern[str]:
    """A run: non-ASCII characters, each possibly followed by one ASCII character
    that a double-byte codec reads as the second half of a pair (Big5 and Shift-JIS
    trail bytes 40-7E)."""
    return re.compile("(?:[^\\x00-\\x7f][\\x40-\\x7e]?)+")


#: Without a Han character, Hangul or halfwidth katakana there is nothing to find
#: (the inside of a regex character class, for the rule's ``triggers``).
TRIGGERS = "\u4e00-\u9fff\uac00-\ud7a3\uff61-\uff9f"


@functools.cache
def _maybe() -> regex.Pattern[str]:
    # regex compiles the wide ranges in C; re takes milliseconds, on every first use.
    return regex.compile(f"[{TRIGGERS}]")


#: How much more ordinary the reading must be, per character of the misread run.
MARGIN = 1.0
# Marks of data lost before the misreading (see repair/lost_data.py).
_LOST_MARKERS = ("\u951f\u65a4\u62f7", "\u70eb\u70eb", "\u5c6f\u5c6f")
#: How many characters the runs of non-ASCII text must have together.
MIN_CHARS = 3
#: How much of a run holding evidence is read to choose the codecs.
PROOF_CHARS = 200


_HAN, _HANGUL = "\u4e00-\u9fff", "\uac00-\ud7a3"


@functools.cache
def _hangul_by_han() -> regex.Pattern[str]:
    """Hangul glued to a Han character, what Chinese read as EUC-KR looks like.

    ``regex`` compiles the classes in C (``re`` spends milliseconds on the wide
    ranges) and scans Korean and mixed text about as fast.
    """
    return regex.compile(f"[{_HANGUL}](?:(?<=[{_HAN}].)|(?=[{_HAN}]))")


@functools.cache
def _spaced_han() -> re.Pattern[str]:
    """A space between Han characters: Korean (whose words are spaced) read as GBK
    or Big5 (``辑匡狼 啊阑篮`` for 서울의 가을은), since Chinese and Japanese do not
    space words.  Keyed on the space: a literal first is found at the engine's full
    speed, where the English of mixed text would make every space a candidate of a
    class.
    """
    return re.compile(f" (?<=[{_HAN}] )(?=[{_HAN}])")


def _evidence_positions(text: str) -> list[int]:
    """Where the evidence stands, one character each, in order.

    TM220's dense evidence (see :mod:`._cjk_evidence`): a rare Han character,
    halfwidth katakana or U+FFFD with another within two characters (not across
    a line break), or U+FFFD alone; Hangul glued to Han; a space between Han
    characters (the character before it).
    """
    found = [i for i, distance in odd_neighbours(text) if 0 < distance <= 2 or text[i] == "\ufffd"]
    found += [m.start() for m in _hangul_by_han().finditer(text)]
    if " " in text:
        found += [m.start() - 1 for m in _spaced_han().finditer(text)]
    found.sort()
    return found


# Kana, fullwidth katakana and Japanese punctuation are Shift-JIS rows 81-83,
# which Big5 and EUC-KR bytes never make and GBK's only in rare characters: a run
# that holds them beside halfwidth katakana is Japanese, written as it stands.
@functools.cache
def _japanese() -> re.Pattern[str]:
    return re.compile("[\u3001\u3002\u300c-\u300f\u3041-\u30ff]")


def _japanese_kana(text: str, pos: int) -> bool:
    """A halfwidth katakana at ``pos`` with kana or Japanese punctuation near it.

    Only characters up to the nearest ASCII one count, so they stand in the
    same run as ``pos``: the run is then left out of the proof below.
    """
    if not "\uff61" <= text[pos] <= "\uff9f":
        return False
    lo, hi = pos, pos + 1
    while lo > 0 and pos - lo < 8 and not text[lo - 1].isascii():
        lo -= 1
    while hi < len(text) and hi - pos < 8 and not text[hi].isascii():
        hi += 1
    return _japanese().search(text, lo, hi) is not None


@functools.cache
def _halfwidth_only() -> re.Pattern[str]:
    return re.compile("[\uff61-\uff9f\x40-\x7e]+")


def _ordinary_reading(text: str) -> bool:
    from textmend.data.frequency import zh_bigrams

    if any("\u00c0" <= c <= "\u024f" or c in "\u2018\u2019\u201c\u201d" for c in text):
        return True
    pairs = zh_bigrams()
    return any(left + right in pairs for left, right in itertools.pairwise(text))


def _common_pair(text: str) -> bool:
    from textmend.data.frequency import zh_bigrams

    pairs = zh_bigrams()
    return any(left + right in pairs for left, right in itertools.pairwise(text))


def _reads_back(run: str, reader: str, writer: str) -> bool:
    """Whether ``run`` encodes with ``reader`` and its bytes decode with ``writer``."""
    return "\ufffd" in run or _reading(run, reader, writer) is not None


def _odd_count(text: str) -> int:
    """Rare Han characters, halfwidth katakana and the like: the evidence's class."""
    return len(odd().findall(text))


def _reading(run: str, reader: str, writer: str, whole: bool = True) -> str | None:
    """``run`` encoded back with ``reader`` and decoded with ``writer``, if both work.

    Not ``whole``: ``run`` is the start of a longer run, and a character cut in
    two at its end is left out.
    """
    try:
        data = run.encode(_ENCODER[reader])
        return codecs.getincrementaldecoder(writer)().decode(data, final=whole)
    except UnicodeError:
        return None


def _clean_reading(candidate: str) -> bool:
    """No private-use or control characters: what text is made of."""
    return not any("\ue000" <= c <= "\uf8ff" or "\x80" <= c <= "\x9f" for c in candidate)


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _is_han_or_kana(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3041" <= char <= "\u30ff"


#: Price of Hangul glued to Han or kana: what a wrong byte split makes, and what
#: ordinary Korean (spaced words of Hangul) and Chinese or Japanese never show.
SCRIPT_SWITCH = 2.0


def _score(run: str, before: str, after: str) -> float:
    """:func:`plausibility`, less a price for each switch between Hangul and Han or kana."""
    switches = sum(
        1
        for left, right in itertools.pairwise(run)
        if (_is_hangul(left) and _is_han_or_kana(right))
        or (_is_han_or_kana(left) and _is_hangul(right))
    )
    return plausibility(run, before, after) - SCRIPT_SWITCH * switches


def find_cjk_as_wrong_cjk(text: str, context: Context) -> Iterator[Edit]:
    """Decode again runs of GBK, Big5, Shift-JIS or EUC-KR read with another of them.

    >>> from textmend._model import apply_edits
    >>> misread = "日本語のテキスト".encode("cp932").decode("gbk")
    >>> apply_edits(misread, find_cjk_as_wrong_cjk(misread, Context()))
    '日本語のテキスト'
    """
    yield from settled(text, _cjk_as_wrong_cjk)


def _cjk_as_wrong_cjk(text: str) -> list[Edit]:
    return list(_cjk_as_wrong_cjk_once(text)) or _alphabet_as_cjk(text) or _pinyin_as_cjk(text)


@functools.cache
def _contraction() -> re.Pattern[str]:
    """An English word with the apostrophe of a contraction (It’s, don’t, we’re)."""
    return re.compile("[A-Za-z]+\u2019(?:s|t|re|ll|ve|d|m)")


@functools.cache
def _syllables() -> frozenset[str]:
    """Every toned pinyin syllable a Han character is read with."""
    from textmend.data import pinyin_readings

    return frozenset(r for readings in pinyin_readings().values() for r in readings)


def _pinyin_as_cjk(text: str) -> list[Edit]:
    """Pinyin written in GBK and read with another codec: a tone letter inside a Latin word.

    GBK's tone letters (A8A1-A8C0) read as Big5 are Han characters and as EUC-KR
    Latin-1 letters of the wrong kind (cháng reads ch芍ng, chÐng).  A pair of codecs
    that reads every such word back as a toned pinyin syllable (``pinyin_readings``)
    is proved; it then reads the text's other runs where they read no worse
    (长 beside its pinyin: 낀 as EUC-KR, 酗 as Big5).
    """
    glued = tone_glued(text)  # TM220's scan of the same text, shared
    if not glued:
        return []
    syllables = _syllables()
    proved: set[tuple[str, str]] | None = None
    for pos in glued:
        start, end = pos, pos + 1
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        word = text[start:end]
        agree = set()
        for pair in _PAIRS:
            read = "".join(
                (_reading(char, *pair) or "") if not char.isascii() else char for char in word
            )
            if (any(c in TONE_LETTERS for c in read) and read.lower() in syllables) or (
                _contraction().fullmatch(read)
            ):
                agree.add(pair)
        proved = agree if proved is None else proved & agree
        if not proved:
            return []
    assert proved is not None
    # Where pairs tie (GBK and EUC-KR share the apostrophe A1AF), the codecs' order
    # decides: GBK, the commonest writer, first.
    reader, writer = next(pair for pair in _PAIRS if pair in proved)
    message = f"{_NAMES[writer]} bytes read as {_NAMES[reader]}; decoded again"
    edits: list[Edit] = []
    for m in _run_pattern().finditer(text):
        start, end = m.span()
        run = text[start:end]
        if "\ufffd" in run:
            return []
        reading = _reading(run, reader, writer)
        if reading is None:
            return []
        if reading == run:
            continue
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if len(run) == 1 and before.isascii() and before.isalpha():
            edits.append(Edit(start, end, run, reading, message))  # the tone letter
        elif _score(reading, before, after) >= _score(run, before, after):
            edits.append(Edit(start, end, run, reading, message))
        else:
            return []
    return edits


#: Cyrillic (А-я, Ё, ё) and Greek (Α-Ω, α-ω) letters, as code point ranges: every
#: double-byte codec holds them in a row of its own.
_ALPHABETS: tuple[tuple[int, int], ...] = ((0x0410, 0x044F), (0x0401, 0x0401), (0x0451, 0x0451))
_ALPHABETS += ((0x0391, 0x03A9), (0x03B1, 0x03C9))
#: Letters at least, and at least two words of them, for a reading to prove a codec pair.
MIN_LETTERS, MIN_WORDS = 6, 2


@functools.cache
def _alphabet_misread() -> dict[str, frozenset[tuple[str, str]]]:
    """What each Cyrillic or Greek letter becomes read with another codec, and which pairs make it.

    Written in GBK, Привет reads 妤把我志快找 in Big5 and ㎟㎮㏀㎿㎒㏛ in EUC-KR: common Han
    characters or unit symbols, one per letter, that score as ordinary (or not at all)
    as CJK text.  Built from Python's codecs on first use (a few hundred encodes).
    """
    found: dict[str, set[tuple[str, str]]] = {}
    for letter in (chr(cp) for lo, hi in _ALPHABETS for cp in range(lo, hi + 1)):
        # Not Big5's letters (rows C7-C8, an extension few files used): read as EUC-KR
        # they are the commonest Hangul (하, 한, 학), and every Korean text would
        # reach the reading below.
        for writer in ("gbk", "cp932", "euc_kr"):
            try:
                data = letter.encode(writer)
            except UnicodeError:
                continue
            for reader in CODECS:
                if reader == writer:
                    continue
                try:
                    misread = data.decode(reader)
                except UnicodeError:
                    continue
                if len(misread) == 1 and misread != letter:
                    found.setdefault(misread, set()).add((reader, writer))
    return {char: frozenset(pairs) for char, pairs in found.items()}


@functools.cache
def _spaced_misread() -> re.Pattern[str]:
    """A space before a misread letter: the gate, keyed on a literal space.

    Misread words stand between spaces, and ``re`` finds a literal at full speed
    (Chinese and Japanese text hardly space at all; Korean spaces before Hangul,
    few of which are misread letters).  ``re`` builds the class in Python, about a
    millisecond, on first use only.
    """
    members = "".join(sorted(_alphabet_misread()))
    return re.compile(f" (?=[{re.escape(members)}])")


@functools.cache
def _non_ascii() -> re.Pattern[str]:
    return re.compile("[^\\x00-\\x7f]+")


def _alphabet_words(text: str) -> list[tuple[int, int]]:
    """Whole runs of non-ASCII text made only of misread letters, once a spaced one is found."""
    spaced = _spaced_misread()
    first = spaced.search(text)
    if first is None:  # what nearly every text costs: one scan for a literal
        return []
    members = _alphabet_misread().keys()
    runs = _non_ascii()
    if not any(
        (run := runs.match(text, m.end())) and members >= set(run.group())
        for m in spaced.finditer(text, first.start())
    ):
        return []
    return [m.span() for m in runs.finditer(text) if members >= set(m.group())]


def _alphabet_as_cjk(text: str) -> list[Edit]:
    """Cyrillic or Greek written in one double-byte codec and read with another.

    The misreading is CJK characters one per letter (``妤把我志快找, 技我把!`` for
    Привет, мир! written in GBK and read as Big5), which the rest of this rule
    cannot judge: they are common characters, or symbols.  The reading is judged
    as words instead: at least two, with the letter pairs of real words of the
    alphabet (CLDR's, as TM230 judges Cyrillic read as Latin-1), with case and
    vowels as words have them.  The pair of codecs proved by the words then reads
    the text's other runs that read back as anything but CJK (the dash of GBK read
    as Big5 is 〞).
    """
    words = _alphabet_words(text)
    if len(words) < MIN_WORDS:
        return []
    from textmend.repair.mojibake_legacy import _word_shape

    misread = _alphabet_misread()
    best: tuple[int, tuple[str, str]] | None = None
    candidates = set.intersection(
        *(set(misread[char]) for start, end in words for char in text[start:end])
    )
    for pair in sorted(candidates):
        readings = [_reading(text[start:end], *pair) for start, end in words]
        if any(r is None or not r.isalpha() for r in readings):
            continue
        letters = sum(len(r or "") for r in readings)
        if letters < MIN_LETTERS or _word_shape(" ".join(r or "" for r in readings), False) <= 0:
            continue
        if best is None or letters > best[0]:
            best = (letters, pair)
    if best is None:
        return []
    reader, writer = best[1]
    message = f"{_NAMES[writer]} bytes read as {_NAMES[reader]}; decoded again"
    edits: list[Edit] = []
    for m in _run_pattern().finditer(text):
        start, end = m.span()
        run = text[start:end]
        reading = _reading(run, reader, writer)
        if reading is None or reading == run or _east_asian(reading):
            continue
        edits.append(Edit(start, end, run, reading, message))
    return edits


def _east_asian(text: str) -> bool:
    """Whether ``text`` holds Han, kana, Hangul, CJK symbols or private-use characters."""
    return any("\u2e80" <= char <= "\ud7ff" or "\ue000" <= char <= "\uf8ff" for char in text)


def _cjk_as_wrong_cjk_once(text: str) -> Iterator[Edit]:
    if text.isascii() or not _maybe().search(text):
        return
    positions = _evidence_positions(text)
    if not positions or all(_japanese_kana(text, pos) for pos in positions):
        # Finding the runs costs more than all the rest on clean text: halfwidth
        # katakana among kana (see below) are settled first, near each one.
        return
    # The runs that hold the evidence choose the pair of codecs, all of them
    # together, since one short run cannot tell EUC-KR from GBK and a line can.
    # Only then are the other runs read, with that pair alone, where they read no
    # worse (a misread word of common characters): clean text, which has little
    # evidence, pays for a few runs, never for all of them.
    # A run never crosses a line break, so the runs that hold evidence are found in
    # the evidence's lines alone; all the runs of the text, only once a pair of
    # codecs convinces on these (clean text with evidence seldom gets that far).
    pattern = _run_pattern()
    proof_runs: list[tuple[int, int]] = []
    i = 0
    while i < len(positions):
        lo = text.rfind("\n", 0, positions[i]) + 1
        hi = text.find("\n", positions[i])
        if hi < 0:
            hi = len(text)
        j = i
        while j < len(positions) and positions[j] < hi:
            j += 1
        evidence = iter(positions[i:j])
        at = next(evidence, hi)
        for m in pattern.finditer(text, lo, hi):
            start, end = m.span()
            inside, kana_only = False, True
            while at < end:
                if at >= start:
                    inside = True
                    kana_only = kana_only and "\uff61" <= text[at] <= "\uff9f"
                at = next(evidence, hi)
            if inside and not (kana_only and _japanese().search(text, start, end)):
                proof_runs.append((start, end))
        i = j
    runs: list[tuple[int, int]] | None = None
    short = False
    totals: dict[tuple[str, str], float] = {}
    sizes: dict[tuple[str, str], int] = {}
    for start, end in proof_runs:
        # The start of a long run is proof enough, and bounds the cost of judging
        # twelve readings of a line that never ends.
        stop = min(end, start + PROOF_CHARS)
        for pair, (_, gain) in _readings(text, start, stop, _PAIRS, stop == end).items():
            totals[pair] = totals.get(pair, 0.0) + gain
            sizes[pair] = sizes.get(pair, 0) + stop - start
    if not totals:
        return
    # The best pair that convinces on the evidence, reads every run of the text
    # back, and convinces on the whole text too: a file is misread as a whole, so
    # a pair that reads some run worse than it stands (ｶﾅ read as GBK beside a 年
    # that GBK would spoil) was not how the text was misread.
    for pair in sorted(totals, key=lambda p: totals[p], reverse=True):
        if totals[pair] < MARGIN * sizes[pair] / 2:
            break
        if runs is None:
            runs = [m.span() for m in pattern.finditer(text)]
            # Two odd characters side by side are a rare word as often as a misreading
            # (浭浭 reads 嵬嵬 as Shift-JIS, which reads 訴訴 as EUC-KR): so few characters
            # are re-read only into a common word (拞暥 is 中文).
            short = sum(end - start for start, end in runs) < MIN_CHARS
        if not all(_reads_back(text[start:end], *pair) for start, end in runs):
            continue
        judged = [
            (start, end, reading)
            for start, end in runs
            if (reading := _readings(text, start, end, (pair,), proving=False).get(pair))
        ]
        whole = sum(r[1] for _, _, r in judged)
        if whole < MARGIN * sum(end - start for start, end, _ in judged) / 2:
            continue
        if short and not any(_common_pair(reading[0]) for _, _, reading in judged):
            continue
        reader, writer = pair
        message = f"{_NAMES[writer]} bytes read as {_NAMES[reader]}; decoded again"
        for start, end, (candidate, gain) in judged:
            if gain >= 0.0:
                yield Edit(start, end, text[start:end], candidate, message)
        return


_PAIRS = tuple((reader, writer) for reader in CODECS for writer in CODECS if writer != reader)


def _readings(
    text: str,
    start: int,
    end: int,
    pairs: tuple[tuple[str, str], ...],
    whole: bool = True,
    proving: bool = True,
) -> dict[tuple[str, str], tuple[str, float]]:
    """Each pair's reading of ``text[start:end]``, with its gain in plausibility."""
    run = text[start:end]
    if "\ufffd" in run or any(marker in run for marker in _LOST_MARKERS):
        # Lost bytes: this rule is for text whose every byte survived.  U+FFFD is
        # what TM220 leaves where a character could not come back, and 锟斤拷 (U+FFFD
        # in UTF-8 read as GBK) and the rest are TM290's to report, not to re-read.
        return {}
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    original: float | None = None
    found: dict[tuple[str, str], tuple[str, float]] = {}
    odd = _odd_count(run)
    halfwidth = _halfwidth_only().fullmatch(run) is not None
    for reader, writer in pairs:
        candidate = _reading(run, reader, writer, whole)
        if candidate is None or candidate == run or not _clean_reading(candidate):
            continue
        if proving and halfwidth and not _ordinary_reading(candidate):
            # Halfwidth katakana alone are Japanese written on purpose (ｶﾀｶﾅ) unless
            # their reading holds a pair of characters from a common word (ﾖﾐﾎﾄ is
            # 中文 in GBK), an accented letter (ｨｦ is é) or a curly quote (｡ｰ is “).
            continue
        if proving and _odd_count(candidate) > odd:
            # More rare characters than the misreading itself: not the text that was
            # written, and a count in C spares the scoring, which clean text pays.
            continue
        if original is None:
            original = _score(run, before, after)
        found[(reader, writer)] = (candidate, _score(candidate, before, after) - original)
    return found
