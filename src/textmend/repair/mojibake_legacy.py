"""Legacy-encoded bytes read as Latin-1 or Windows-1252.

Before UTF-8, Chinese was stored as GBK or Big5, Japanese as Shift-JIS, Korean
as EUC-KR, Russian as Windows-1251 or KOI8-R.  Read as Latin-1 or Windows-1252,
those bytes become runs of accented letters and symbols: ``ÖÐÎÄ`` for 中文,
``ÇÑ±¹¾î`` for 한국어, ``Ïðèâåò`` for Привет.  ftfy does not undo these (it only
knows text that was UTF-8).

Each suspicious run is encoded back to its bytes and decoded with each legacy
codec.  Decoding without error proves little (GBK and EUC-KR both decode almost
any pair of high bytes), so candidates are ranked by how ordinary they read:
character and word-pair frequencies for Chinese, the common syllables for
Korean, kana for Japanese; for alphabets, words in one script with the case and
vowels of real words.  The run as it stands must read clearly worse.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterator

from textmend._model import Context, Edit
from textmend.repair.mojibake_cjk import kanji_bonus, plausibility

__all__ = ["find_legacy_as_western"]

#: Double-byte codecs first; the single-byte ones compete on word shape.
CJK_CODECS = ("gbk", "big5", "cp932", "euc_kr")
ALPHABET_CODECS = ("cp1251", "koi8_r", "cp1253", "cp1250", "iso8859_2")
LATIN2_CODECS = ("cp1250", "iso8859_2")
_NAMES = {
    "gbk": "GBK",
    "big5": "Big5",
    "cp932": "Shift-JIS",
    "euc_kr": "EUC-KR",
    "cp1251": "Windows-1251",
    "koi8_r": "KOI8-R",
    "cp1253": "Windows-1253",
    "cp1250": "Windows-1250",
    "iso8859_2": "ISO-8859-2",
}

# Characters Latin-1 and Windows-1252 give the bytes 80-FF.
_HIGH = "\u0080-\u00ff" + "".join(
    bytes((b,)).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
)
# A run: high characters, each possibly followed by one ASCII byte that a double-byte
# codec reads as its second half ("ÁcÅé" is Big5 for 繁體).
_RUN = f"(?:[{_HIGH}][\\x40-\\x7e]?)+"
# Two high characters side by side, one of them a C1 control or from Latin-1's
# upper half (what bytes 80-FF become): what the search needs to start.
# Windows-1252 punctuation alone (……, ”“) is ordinary in clean Chinese and English.
# One leading class and a look behind, so the engine scans at full speed.
# Curly quotes lead no pair: café’s is clean English, and a quote is at most one
# byte of a pair, whose other byte pairs with its other neighbour if anything.
_QUOTES = "\u2018\u2019\u201c\u201d"
_GATE = (
    "[" + "".join(c for c in _HIGH if c not in _QUOTES) + "]"
    "(?:(?<=[\u0080-\u00ff].)|(?=[\u0080-\u00ff]))"
)
# Vowels of the alphabets, accented Latin ones included (pinyin's cháng in GBK).
_VOWELS = frozenset(
    "аеёиоуыэюяіїєαεηιουωάέήίόύώaeiouyąęóàáâãäåæèéêëìíîïòôõöøùúûüýÿāēěīōūůǎǐǒǔǖǘǚǜőű"
)


@functools.cache
def _cp1252_bytes() -> dict[str, int]:
    table = {chr(b): b for b in range(0x100)}
    for byte in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            table[bytes((byte,)).decode("cp1252")] = byte
    return table


def _to_bytes(run: str) -> bytes | None:
    table = _cp1252_bytes()
    try:
        return bytes(table[char] for char in run)
    except KeyError:
        return None


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 of assigned, visible characters (ftfy's family, TM210).

    Legacy bytes are valid UTF-8 now and then (累加 in EUC-KR is D7AB CAA5); what
    they decode to as UTF-8 then holds code points no text uses (U+05EB is unassigned).
    """
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(char) in ("Cn", "Co", "Cc") for char in decoded)


# What words may hold besides letters: spaces, apostrophes, hyphens, stops, commas,
# middle dots and the quotes around them («Война»).
_NOT_WORDS = "[^\\w\\s'\\-.,:;!?\u00b7\u0387\u00ab\u00bb\u201c\u201d\u201e]|[\\d_]"
_KANA = "[\u3041-\u309f\u30a1-\u30fa]"

# Quotes, dashes and the ellipsis of the double-byte codecs' first row (GBK A1B0 “,
# Big5 A1A7 “), which Chinese, Japanese and Korean text uses around Latin words too.
_QUOTES_AND_DASHES = "\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2026"
# A reading made of them and ASCII, with at least one of them.
_PUNCTUATION = f"[\\x20-\\x7e]*[{_QUOTES_AND_DASHES}][{_QUOTES_AND_DASHES}\\x20-\\x7e]*"


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns, compiled on first use: most texts never reach this rule's search."""
    return {
        "run": re.compile(_RUN),
        "gate": re.compile(_GATE),
        "ascii_words": re.compile("[A-Za-z]+"),
        "not_words": re.compile(_NOT_WORDS),
        "kana": re.compile(_KANA),
        "kana_pair": re.compile(f"{_KANA}(?={_KANA})"),
        "punctuation": re.compile(_PUNCTUATION),
    }


# Latin-1 symbols that legacy letters become inside words (Za¿ó³æ), and that real
# Latin-script words never hold.
_IN_WORD_SYMBOLS = frozenset("¡¢£¤¥¦§¨©ª¬®¯°±²³´µ¶¸¹º¼½¾¿×÷")


def _word_shape(text: str, latin: bool, proven: bool = False) -> float:
    """How much ``text`` looks like words of one alphabet (0 when it does not).

    Latin-script readings count only when ``latin`` is set: they compete with the
    Latin-1 reading itself, and win only over symbols inside words.  Unless the
    codec is ``proven`` on the text's other words, the words' letter pairs must be
    those of real words.
    """
    if _patterns()["not_words"].search(text):
        return 0.0  # symbols, digits or controls: not words
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return 0.0
    scripts = {_script(char) for word in words for char in word}
    if len(scripts) != 1 or ("latin" in scripts and not latin) or "other" in scripts:
        return 0.0
    (script,) = scripts
    pairs = {} if proven else _letter_pairs().get("latin2" if script == "latin" else script, {})
    score = 0.0
    odd = seen = 0.0
    for word in words:
        if not _cased(word):
            return 0.0
        vowels = sum(char.lower() in _VOWELS for char in word)
        if len(word) > 2 and not 0.2 <= vowels / len(word) <= 0.8:
            return 0.0
        lower = word.lower()
        if lower.count("\N{CYRILLIC SMALL LETTER IO}") == 1:
            # CLDR writes е for ё; a Russian word has one ё at most (ЁЙЁКЁЛЁМ is GBK).
            lower = lower.replace("\N{CYRILLIC SMALL LETTER IO}", "\N{CYRILLIC SMALL LETTER IE}")
        if proven:
            pass
        elif script == "latin":
            # Latin-2 letters compete with Latin-1's own: a word needs one pair with
            # them that Central European words have (Ąąng has none; jaźń has aź).
            odd_pairs = [lower[i : i + 2] for i in range(len(lower) - 1)]
            odd_pairs = [pair for pair in odd_pairs if not pair.isascii()]
            unknown = sum(pair not in pairs for pair in odd_pairs)
            if odd_pairs and unknown == len(odd_pairs):
                return 0.0
            score -= unknown  # Čeątina (Windows-1250) against Čeština (ISO-8859-2)
        else:
            # Real words of the alphabet have pairs its words have: GBK read as
            # Windows-1251 makes ИЛАПБЛ, as KOI8-R хкюоак.
            for i in range(len(lower) - 1):
                count = pairs.get(lower[i : i + 2], 0)
                odd += 1.0 if count == 0 else 0.5 if count < _COMMON_PAIR else 0.0
                seen += 1.0
        score += len(word)
    if odd > seen / 4:
        return 0.0
    return score - 2.0 * odd


#: Words holding a pair fewer than this many times are a pair's weak evidence.
_COMMON_PAIR = 5


@functools.cache
def _letter_pairs() -> dict[str, dict[str, int]]:
    """Letter pairs of Cyrillic, Greek and Central European words, with their counts.

    Generated by ``scripts/gen_legacy_letter_pairs.py`` from CLDR (see PROVENANCE.md).
    """
    from textmend.data import data_path

    table: dict[str, dict[str, int]] = {}
    text = data_path("legacy_letter_pairs.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            script, pair, count = line.split("\t")
            table.setdefault(script, {})[pair] = int(count)
    return table


def _symbol_in_word(word: str) -> bool:
    """Whether a Latin-1 symbol that Latin-2 reads as a letter stands between two letters."""
    return any(
        word[i] in _IN_WORD_SYMBOLS and word[i - 1].isalpha() and word[i + 1].isalpha()
        for i in range(1, len(word) - 1)
    )


def _cased(word: str) -> bool:
    """Whether ``word`` is in lower case, capitals, or capitalised, as words are."""
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def _letters_before(text: str, pos: int) -> str:
    start = pos
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return text[start:pos]


def _letters_after(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and text[end].isascii() and text[end].isalpha():
        end += 1
    return text[pos:end]


def _script(char: str) -> str:
    cp = ord(char)
    if 0x0400 <= cp <= 0x04FF:
        return "cyrillic"
    if 0x0370 <= cp <= 0x03FF:
        return "greek"
    return "latin" if cp < 0x0250 else "other"


def _oddness(run: str) -> float:
    """How unlike real Latin-script text a run of Latin-1 characters is."""
    odd = 0.0
    for char in run:
        if char in _QUOTES:
            continue  # café’s: the apostrophe of clean English, one byte of a pair at most
        if not char.isalpha() and not char.isascii():
            odd += 2.0  # ¹ ¿ ³ ¤ inside a word
        elif not char.isascii():
            odd += 1.0
    return odd


def _second_look_bytes(text: str, start: int, end: int) -> bytes | None:
    """The bytes of a run, unless they are UTF-8 (ftfy's family, TM210) or not bytes."""
    data = _to_bytes(text[start:end])
    return None if data is None or _is_utf8(data) else data


def _cjk_plausibility(candidate: str, before: str, after: str, codec: str = "") -> float:
    """:func:`plausibility` of a CJK reading, where CJK glued to a Latin word is normal.

    Chinese and Japanese write Latin words without spaces (``Python（派森）``,
    ``Python语言``): a Latin neighbour counts only beside a Latin-like end.
    Japanese level-1 kanji missing from the Chinese frequencies count as common.
    """
    # An end of the reading that is CJK, or ASCII (a trail byte taken for the letter
    # it is, as in 「A for 「ABC), stands apart from the Latin neighbour.
    if candidate[:1] >= "\u2e80" or candidate[:1].isascii():
        before = " "
    if candidate[-1:] >= "\u2e80" or candidate[-1:].isascii():
        after = " "
    score = plausibility(candidate, before, after) + kanji_bonus(candidate)
    return score + _legacy_bonus(candidate, codec)


@functools.cache
def _hangul_in_words() -> frozenset[str]:
    """The Hangul syllables CLDR's Korean strings use (``scripts/gen_legacy_letter_pairs.py``)."""
    from textmend.data import data_path

    text = data_path("legacy_hangul.txt").read_text(encoding="utf-8")
    return frozenset("".join(line for line in text.splitlines() if not line.startswith("#")))


@functools.cache
def _ks_hangul() -> frozenset[str]:
    """KS X 1001's 2,350 Hangul syllables (EUC-KR rows B0-C8), from Python's codec."""
    rows = bytes(
        b for lead in range(0xB0, 0xC9) for trail in range(0xA1, 0xFF) for b in (lead, trail)
    )
    return frozenset(rows.decode("euc_kr"))


def _legacy_bonus(candidate: str, codec: str = "") -> float:
    """What :func:`plausibility` owes legacy CJK text for its fullwidth forms and bopomofo.

    GBK, Big5, Shift-JIS and EUC-KR all have fullwidth digits and letters (２０２４年,
    ＪＲ), which Chinese and Japanese text of the legacy era used for every digit;
    bopomofo (ㄅㄆㄇㄈ) are the phonetic letters of Taiwanese Chinese.  UTF-8 read as
    a CJK codec seldom lands on them, but legacy bytes read back hold them as written.
    Hangul syllables are all common to :func:`plausibility` (KS X 1001's 2,350), but
    GBK's common characters read as EUC-KR land on the rare ones as often (里读 is
    쟁뗍): a syllable that no word of CLDR's Korean uses counts a third less.
    """
    bonus = 0.0
    # Halfwidth katakana (ｱｲｳ, single bytes A1-DF of Shift-JIS) among full-width
    # kana are Japanese of the legacy era; alone they are what Latin-1 letters
    # become, and stay odd.
    kana = len(_patterns()["kana"].findall(candidate)) >= 2
    # Kana follow kana in every Japanese sentence (ると、そこには).  Not in GBK, whose
    # hiragana row (A4) is EUC-KR's jamo row: Korean read as GBK is kana after kana.
    if codec in ("big5", "cp932"):
        bonus += 0.5 * len(_patterns()["kana_pair"].findall(candidate))
    for char in candidate:
        if kana and "\uff61" <= char <= "\uff9f":
            bonus += 3.0  # as for fullwidth forms
        elif "\uac00" <= char <= "\ud7a3":
            if codec == "euc_kr" and char not in _ks_hangul():
                # Outside KS X 1001's syllables EUC-KR spells a syllable with eight
                # bytes (a filler and three jamo, A4D4 A4xx A4xx A4xx): never chance.
                bonus += 3.5
            elif char not in _hangul_in_words():
                bonus -= 0.5
        elif codec == "euc_kr" and "\uf900" <= char <= "\ufa0b":
            # KS X 1001's hanja with a second reading (樂 as 락 and 낙) are the
            # compatibility ideographs, found in no other legacy codec.
            bonus += 1.0
        elif "\uff01" <= char <= "\uff5e":
            bonus += 3.0  # from -2.0, an odd symbol, to 1.0, CJK punctuation
        elif "\u3105" <= char <= "\u312f":
            bonus += 1.0
        elif char in _QUOTES_AND_DASHES:
            bonus += 3.0  # as for fullwidth forms
    return bonus


def _suspicious_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs on the lines where the gate finds a pair; a run never crosses a line."""
    done = 0
    gate, run = _patterns()["gate"], _patterns()["run"]
    for hit in gate.finditer(text):
        if hit.start() < done:
            continue
        start = max(done, text.rfind("\n", 0, hit.start()) + 1)
        done = text.find("\n", hit.end())
        if done < 0:
            done = len(text)
        yield from run.finditer(text, start, done)


def find_legacy_as_western(text: str, context: Context) -> Iterator[Edit]:
    """Decode again runs of GBK, Big5, Shift-JIS, EUC-KR or Cyrillic read as Latin-1.

    >>> from textmend._model import apply_edits
    >>> apply_edits("ÖÐÎÄ ÇÑ±¹¾î", find_legacy_as_western("ÖÐÎÄ ÇÑ±¹¾î", Context()))
    '中文 한국어'
    """
    if text.isascii() or not _patterns()["gate"].search(text):
        return
    # Score every codec's reading of every suspicious run, then read the whole text
    # with the codec that does best overall: one short word cannot tell Greek from
    # Cyrillic, a line can.
    readings: list[tuple[int, int, dict[str, tuple[float, str]]]] = []
    totals: dict[str, float] = {}
    # Every suspicious run, for the second look once the text's codec is known.
    # Every run is kept for the second look (階）。 is three bytes and one ASCII
    # letter in Shift-JIS, with no two high characters side by side); its bytes are
    # worked out only if the text turns out to need it.
    short: dict[int, int] = {}
    for m in _suspicious_runs(text):
        run = m.group()
        short[m.start()] = m.end()
        data = _to_bytes(run)
        if data is None or _is_utf8(data):
            # UTF-8 read as a single-byte codec is ftfy's family (TM210), not this one.
            continue
        # A symbol between letters (Èe¹tina, ¾lu»ouèký) is a Latin-2 letter read as
        # Latin-1, even with no two high characters side by side.
        judge = len(run) >= 2 and bool(_patterns()["gate"].search(run)) and _oddness(run) >= 2.0
        if not judge and _IN_WORD_SYMBOLS.isdisjoint(run):
            continue
        left, right = _letters_before(text, m.start()), _letters_after(text, m.end())
        latin2_only = not judge
        if latin2_only and not _symbol_in_word(left + run + right):
            continue
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        options: dict[str, tuple[float, str]] = {}
        for codec in LATIN2_CODECS if latin2_only else CJK_CODECS + ALPHABET_CODECS:
            try:
                candidate = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if codec in CJK_CODECS and _patterns()["punctuation"].fullmatch(candidate):
                # The codec's quotes and dashes (¡°It¡¯s is GBK for “It’s): ordinary
                # punctuation, one per pair of bytes, beside ASCII letters at most.
                score = _cjk_plausibility(candidate, before, after, codec)
                if score < 1.0 * sum(not c.isascii() for c in candidate):
                    continue
            elif codec in CJK_CODECS and not any(c >= "\u2e80" for c in candidate):
                # No CJK in it: an alphabet stored in a double-byte codec (Cyrillic in
                # GBK reads §±§â§Ú§Ó§Ö§ä, pinyin ch¨¢ng), judged as words.  The codec's
                # Latin letters are pinyin's and Western Europe's, not Latin-2's pairs.
                score = _word_shape(left + candidate + right, latin=True, proven=True)
                if score < 3.0:
                    continue
            elif codec in CJK_CODECS:
                score = _cjk_plausibility(candidate, before, after, codec)
                # A reading must be ordinary text on its own: two characters at least,
                # and a high score per character.
                if len(candidate) < 2 or score < 1.0 * len(candidate):
                    continue
            else:
                # Judge the whole word: ASCII letters glued to the run belong to it.
                # A Latin reading only competes inside a Latin word that has symbols
                # in it (Za¿ó³æ) or the case of no word (jaŸñ, Windows-1250's jaźń),
                # never for a free-standing run.
                word = left + run + right
                odd = any(c in _IN_WORD_SYMBOLS for c in run) or (
                    word.isalpha() and not _cased(word)
                )
                score = _word_shape(left + candidate + right, latin=odd and bool(left or right))
                if score < 3.0:
                    continue
            options[codec] = (score, candidate)
            totals[codec] = totals.get(codec, 0.0) + score
        if options:
            readings.append((m.start(), m.end(), options))
    if not totals:
        return
    # Alphabets compete with the Latin-1 reading itself: in text that is mostly
    # ASCII letters (English, French, Icelandic), a Cyrillic or Greek reading of an
    # odd word needs more than the word.
    ascii_letters = sum(map(len, _patterns()["ascii_words"].findall(text)))
    odd_letters = sum(end - start for start, end, _ in readings)
    if ascii_letters > odd_letters:
        for codec in ALPHABET_CODECS:
            if codec not in LATIN2_CODECS:
                totals.pop(codec, None)
        if not totals:
            return
    codec = max(totals, key=lambda c: totals[c])
    if codec in CJK_CODECS:
        # Once the text's codec is known, a run too short to judge alone (헌 is two
        # Latin-1 characters) is read with it, if it decodes and reads no worse; so
        # is a run another double-byte codec read better (吨。 is an ordinary
        # character and a stop in GBK, 뚬。 in EUC-KR).  A run the text's codec
        # reads worse than that keeps its own reading (中文 한국어 in one line).
        own = {start: options for start, _, options in readings}
        readings = [item for item in readings if codec in item[2]]
        # Symbols and punctuation of the codec's rows (◎ ⓡ ¿ in EUC-KR) are no worse
        # than the run they come from; and bytes that happen to be UTF-8 (Öµ is 值 in
        # GBK, Å\xad 큼 in EUC-KR, each a lone character as UTF-8) are read when the
        # text's codec reads them as ordinary characters.
        judged = {start for start, _, _ in readings}
        for start, end in short.items():
            if start in judged or (data := _to_bytes(text[start:end])) is None:
                continue
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            try:
                candidate = data.decode(codec)
                score = _cjk_plausibility(candidate, before, after, codec)
            except UnicodeDecodeError:
                # Bytes the text's codec cannot read keep their own reading, as the
                # next run would give them once the rest is mended (ÃÄÝ beside EUC-KR).
                if start in own:
                    readings.append((start, end, own[start]))
                continue
            if _is_utf8(data):
                if score < 1.0 * len(candidate):
                    continue
            else:
                score += 2.0 * sum(unicodedata.category(c)[0] in "SP" for c in candidate)
            if score >= 0.0:
                readings.append((start, end, {codec: (score, candidate)}))
            elif start in own:
                readings.append((start, end, own[start]))
        readings.sort(key=lambda item: item[0])
    else:
        # An alphabet proved on the text's long words reads its short ones too
        # (æå is же in Windows-1251, â is в), where the word comes out in that
        # alphabet alone with the shape of a word.  So are the words whose letter
        # pairs alone did not convince (цъфтящи, a pangram's) where no other reading
        # does better.
        own = {start: options for start, _, options in readings}
        readings = [item for item in readings if codec in item[2]]
        judged = {start for start, _, _ in readings}
        for start, end in short.items():
            if start in judged or (data := _second_look_bytes(text, start, end)) is None:
                continue
            candidate = data.decode(codec, errors="replace")
            left, right = _letters_before(text, start), _letters_after(text, end)
            shape = 0.0
            if "\ufffd" not in candidate:
                shape = _word_shape(left + candidate + right, codec in LATIN2_CODECS, True)
            others = own.get(start, {})
            if shape and shape >= max((score for score, _ in others.values()), default=0.0):
                readings.append((start, end, {codec: (0.0, candidate)}))
            elif others:
                readings.append((start, end, others))
        readings.sort(key=lambda item: item[0])
    for start, end, options in readings:
        chosen = codec if codec in options else max(options, key=lambda c: options[c][0])
        if chosen not in totals or options[chosen][1] == text[start:end]:
            continue
        yield Edit(
            start,
            end,
            text[start:end],
            options[chosen][1],
            f"{_NAMES[chosen]} bytes read as Latin-1 or Windows-1252; decoded again",
        )
