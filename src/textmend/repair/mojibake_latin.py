"""UTF-8 read through a single-byte codec: the mojibake ftfy exists for.

``cafÃ©`` is UTF-8 ``café`` decoded as Latin-1 or Windows-1252.  ftfy is the
reference for this family, so the repair is ftfy's encoding step, configured to
do nothing else: no width folding (ftfy would turn ``，`` into ``,``), no quote
uncurling, no line-break changes and no Unicode normalisation (NFC rewrites CJK
compatibility ideographs).  textmend's own normalisation rules decide those.

ftfy works line by line here, as it does inside ``ftfy.fix_text``; lines that
are pure ASCII, or that ftfy's own badness test finds nothing wrong with, cost
one regex search.  Most bad lines are one layer of UTF-8 that decodes whole:
for them the steps ftfy would take are taken directly, with its badness test
rebuilt as one scan for the characters it hinges on, and ftfy's own search runs
only on the lines that need more (several layers, partial sequences, C1
controls left over).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from textmend._model import Context, Edit

if TYPE_CHECKING:
    import ftfy
    from ftfy import ExplanationStep

__all__ = ["GATE_TRIGGERS", "TRIGGERS", "find_utf8_as_single_byte"]


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


@functools.cache
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


#: What every match of the pair pattern starts with: the rule's triggers.  Written
#: out, since deriving it from the codecs costs 4 ms at import and most texts never
#: get this far; ``_triggers()`` derives it, and a test holds the two equal.
TRIGGERS = (
    "\x80-\xa0\xab\xac\xb1\xb5\xb7\xbb\xc0-\xf4\xf7\xff-\u0103\u0105-\u0107\u010c-\u0113"
    "\u0116-\u011b\u011e\u011f\u0122\u0123\u012a\u012b\u012f\u0130\u0136\u0137\u0139-\u013c"
    "\u0141\u0143-\u0148\u014c\u014d\u0150\u0152\u0153\u0155\u0158\u015a\u015e\u0160-\u0162"
    "\u016a\u016e\u0170\u0172\u0178-\u017b\u017d\u0192\u0392-\u03a1\u03a3-\u03c4\u03c6"
    "\u0412-\u0444\u2013\u2014\u2018-\u201a\u201c-\u201e\u2021\u2026\u2030\u2039\u203a"
    "\u2044\u20ac\u2206\u221a\u221e\u2229\u2248\u2261\u2264\u2265\u2320\u2500\u250c\u2518"
    "\u251c\u252c\u253c\u2550\u2552-\u2554\u2558-\u255a\u255e-\u2560\u2564-\u256c\u2580"
    "\u2584\u2588\u258c\u2590\u25ca\uf8ff\ufb01\ufb02\ufffd"
)


def _triggers() -> str:
    """The lead characters of every codec, and what else the pattern starts at."""
    return "".join(key[2:] for key in _by_leads()) + "\u00c2\u00c3\\x80-\\x9f\ufffd"


#: Curly quotes, dashes and the ellipsis: clean text is full of them, and they lead a
#: pair only as Mac Roman reads them (“ is D2), before a Mac Roman continuation.
PUNCTUATION_LEADS = "\u2013\u2014\u2018\u2019\u201c\u201d\u2026"

#: The characters the pipeline skips the rule without (its record's triggers): the
#: triggers less the punctuation leads, plus every continuation character that may
#: follow one of those.  A text whose only leads are curly quotes and dashes (English
#: typography, Chinese “引号”) then costs no search.  Written out as TRIGGERS is;
#: ``_gate_triggers()`` derives it, and a test holds the two equal.
GATE_TRIGGERS = (
    "\x80-\xa0\xa2\xa3\xa5\xa7-\xac\xae\xb0\xb1\xb4-\xb7\xba\xbb\xc0-\xfc\xff-\u0103"
    "\u0105-\u0107\u010c-\u0113\u0116-\u011b\u011e\u011f\u0122\u0123\u012a\u012b\u012f"
    "\u0130\u0136\u0137\u0139-\u013c\u0141\u0143-\u0148\u014c\u014d\u0150\u0152\u0153"
    "\u0155\u0158\u015a\u015e\u0160-\u0162\u016a\u016e\u0170\u0172\u0178-\u017b\u017d"
    "\u0192\u0392-\u03a1\u03a3-\u03c4\u03c6\u0412-\u0444\u201a\u201e\u2020-\u2022\u2030"
    "\u2039\u203a\u2044\u20ac\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b"
    "\u2248\u2260\u2261\u2264\u2265\u2320\u2500\u250c\u2518\u251c\u252c\u253c\u2550"
    "\u2552-\u2554\u2558-\u255a\u255e-\u2560\u2564-\u256c\u2580\u2584\u2588\u258c\u2590"
    "\u25ca\uf8ff\ufb01\ufb02\ufffd"
)


def _gate_triggers() -> set[str]:
    """GATE_TRIGGERS derived: a pair starts at a lead, so it holds a trigger unless its
    lead is punctuation, and then it holds the continuation after it."""
    triggers = re.compile(f"[{_triggers()}]")
    punctuation = set(PUNCTUATION_LEADS)
    chars = {chr(code) for code in range(0x10000) if triggers.match(chr(code))} - punctuation
    for key, continuations in _by_leads().items():
        leads = re.compile(f"[{key[2:]}]")
        if any(leads.match(char) for char in punctuation):
            chars |= continuations
    return chars


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
    by_leads = _by_leads()
    for key, continuations in by_leads.items():
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
    anything = _members(set().union(*by_leads.values()) | {" "})
    return re.compile(
        f"[{TRIGGERS}](?:(?<=[\\x80-\\x9f\ufffd])|(?=[{anything}])(?:{'|'.join(branches)}))"
    )


_VERBOSE_SPACE = " \t\n\r\v\f"


def _anchor_cost(atom: str) -> int | None:
    """How good ``atom`` is to scan for: None if it cannot lead, else smaller is rarer.

    Any class or literal can lead (the rewriting is exact whichever atom leads);
    one that holds ASCII would stop the scan at every letter, so it ranks last.
    The length of a class stands in for how many characters it holds.
    """
    if atom.startswith(("[^", "\\", "^", ".")):
        return None
    inner = atom[1:-1] if atom.startswith("[") else atom
    plain = re.sub(r"\\x[89a-f][0-9a-f]|(?<=.)-(?=.)", "", inner)
    return len(inner) + (10_000 if any(char.isascii() for char in plain) else 0)


def _branches(pattern: str, verbose: bool) -> list[list[str]] | None:
    """The atoms of each top-level branch of a pattern of single characters.

    An atom is a character class, an escape such as ``\\s``, ``.``, ``^`` or one
    literal character, optionally followed by ``?``.  None if the pattern holds
    anything else (groups, repeats), which the rewriting below does not handle.
    """
    branches: list[list[str]] = [[]]
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if verbose and char in _VERBOSE_SPACE:
            i += 1
        elif verbose and char == "#":
            end = pattern.find("\n", i)
            i = len(pattern) if end < 0 else end
        elif char == "|":
            branches.append([])
            i += 1
        elif char == "[":
            j = i + 1
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            branches[-1].append(pattern[i : j + 1])
            i = j + 1
        elif char == "\\":
            if pattern[i + 1] not in "swdSWD":
                return None
            branches[-1].append(pattern[i : i + 2])
            i += 2
        elif char == "?":
            if not branches[-1] or branches[-1][-1].endswith("?"):
                return None
            branches[-1][-1] += "?"
            i += 1
        elif char in "()*+{}$":
            return None
        else:
            branches[-1].append(char)
            i += 1
    if any(not atoms for atoms in branches):
        return None
    return branches


def _expand(atoms: list[str]) -> list[list[str]]:
    """One atom list per choice of the optional atoms (each present or absent)."""
    out: list[list[str]] = [[]]
    for atom in atoms:
        if atom.endswith("?"):
            out = [*([*x, atom[:-1]] for x in out), *out]
        else:
            out = [[*x, atom] for x in out]
    return out


def _anchored(pattern: str, verbose: bool) -> str | None:
    """An alternation of short sequences, rewritten to start with one character class.

    ftfy's tests for mojibake (its badness pattern, its search for a byte A0 that
    became a space) are alternations of short sequences of characters, which the
    engine tries branch by branch at every position.  Each branch is rewritten as
    its rarest character (the anchor) with what must stand before it looked behind
    and what must follow looked ahead, so that every branch starts with the one
    class of all anchors, which the engine scans for at full speed.  Whichever
    character anchors a branch, the rewritten pattern matches somewhere exactly
    where the original does (positions differ, which ``search(...) is None``
    never sees).  None for a pattern of another shape.
    """
    branches = _branches(pattern, verbose)
    if branches is None:
        return None
    groups: dict[str, list[str]] = {}
    for branch in branches:
        for atoms in _expand(branch):
            anchors = [
                (cost, k)
                for k, atom in enumerate(atoms)
                if (cost := _anchor_cost(atom)) is not None
            ]
            if not anchors:
                return None
            _, k = min(anchors)
            behind, after = "".join(atoms[:k]), "".join(atoms[k + 1 :])
            check = (f"(?<={behind}{atoms[k]})" if behind else "") + (
                f"(?={after})" if after else ""
            )
            groups.setdefault(atoms[k], []).append(check)
    lead = "".join(atom[1:-1] if atom.startswith("[") else re.escape(atom) for atom in groups)
    alternatives = [
        f"(?<={atom})" + ("" if "" in checks else f"(?:{'|'.join(checks)})")
        for atom, checks in groups.items()
    ]
    return f"[{lead}](?:{'|'.join(alternatives)})"


@functools.cache
def _badness() -> re.Pattern[str] | None:
    """ftfy's badness test (``ftfy.badness.is_bad``) as one scan, or None to use ftfy's.

    The costliest thing TM210 did: it runs on every line ftfy decodes, to see
    whether it can stop.  A test compares the two on every corpus, ftfy's cases
    and random text.
    """
    from ftfy.badness import BADNESS_RE

    if BADNESS_RE.flags & ~(re.VERBOSE | re.UNICODE):
        return None
    rewritten = _anchored(BADNESS_RE.pattern, verbose=True)
    return None if rewritten is None else re.compile(rewritten)


@functools.cache
def _altered() -> re.Pattern[bytes]:
    """ftfy's search for UTF-8 whose byte A0 became a space, as one scan for the lead byte."""
    from ftfy.chardata import ALTERED_UTF8_RE

    rewritten = _anchored(ALTERED_UTF8_RE.pattern.decode("latin-1"), verbose=False)
    if ALTERED_UTF8_RE.flags or rewritten is None:
        return ALTERED_UTF8_RE
    return re.compile(rewritten.encode("latin-1"))


@functools.cache
def _lossy() -> re.Pattern[bytes]:
    """ftfy's pattern for UTF-8 sequences that lost a byte, scanning for their first byte.

    ``re.sub`` needs the same matches, not just a match somewhere: each branch
    keeps its place in the alternation and only its first byte moves to the one
    class in front, so at every position the same branch wins.
    """
    from ftfy.chardata import LOSSY_UTF8_RE

    branches = _branches(LOSSY_UTF8_RE.pattern.decode("latin-1"), verbose=False)
    if (
        LOSSY_UTF8_RE.flags
        or branches is None
        or any(_anchor_cost(atoms[0]) is None for atoms in branches)
    ):
        return LOSSY_UTF8_RE
    lead = "".join(
        atoms[0][1:-1] if atoms[0].startswith("[") else re.escape(atoms[0]) for atoms in branches
    )
    rest = "|".join(f"(?<={atoms[0]}){''.join(atoms[1:])}" for atoms in branches)
    return re.compile(f"[{lead}](?:{rest})".encode("latin-1"))


def _is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad``, faster."""
    pattern = _badness()
    if pattern is None:
        from ftfy.badness import is_bad

        return is_bad(text)
    return pattern.search(text) is not None


def _transcode(line: str) -> tuple[str, str] | None:
    """The first single-byte codec that holds the line's bytes as UTF-8, and the text.

    These are the steps ftfy's encoding fixer takes first, in its order: the
    first single-byte codec that can encode the line and whose bytes decode, a
    byte A0 put back where a space replaced it, a sequence that lost a byte read
    as U+FFFD, then UTF-8.  None if no codec gives UTF-8.
    """
    from ftfy import chardata, fixes

    for encoding in chardata.CHARMAP_ENCODINGS:
        if not chardata.possible_encoding(line, encoding):
            continue
        data = line.encode(encoding)
        if encoding != "macroman" and _altered().search(data):
            data = fixes.restore_byte_a0(data)
        # Every sequence ftfy reads as lost holds byte 1A (U+FFFD) or a "?".
        if encoding.startswith("sloppy") and (b"\x1a" in data or b"?" in data):
            # ftfy's replace_lossy_sequences, with the same matches found faster.
            data = _lossy().sub("\ufffd".encode(), data)
        try:
            utf8 = "utf-8-variants" if b"\xed" in data or b"\xc0" in data else "utf-8"
            return encoding, data.decode(utf8)
        except UnicodeDecodeError:
            continue
    return None


def _decode_whole(line: str) -> str | None:
    """What ftfy makes of a bad line that is one layer of UTF-8 decoding whole, or None.

    When the line decodes and ftfy would find nothing more to do (the result is
    ASCII or not bad), its search for a second layer or for UTF-8 inside
    otherwise correct text would stop there too.  Anything else is ftfy's to do.
    """
    decoded = _transcode(line)
    if decoded is None:
        return None
    fixed = decoded[1]
    if fixed == line or fixed.isascii() or not _is_bad(fixed):
        return fixed
    return None


_ASCII_LETTERS = re.compile("[A-Za-z]*")


def _ascii_letters(text: str) -> int:
    """How many ASCII letters ``text`` starts with."""
    return _ASCII_LETTERS.match(text).end()  # type: ignore[union-attr]


_OPENING = {"\N{INVERTED QUESTION MARK}": "?", "\N{INVERTED EXCLAMATION MARK}": "!"}


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith("LATIN ")


def _decode_in_words(line: str) -> str | None:
    """A line ftfy's badness test passes, holding UTF-8 of Latin letters inside Latin words.

    ftfy leaves ``mГ©dicament`` (Windows-1251), ``pi√π`` (Mac Roman) and ``┬┐que``
    (code page 437) alone: Cyrillic, maths and box drawing are no mojibake by
    themselves.  Here the whole line is one layer of UTF-8 in one codec, and the
    evidence is where it lands.  Every character it decodes to is a Latin letter
    inside a word of ASCII letters (two or more around it, so ``2x√π`` stays), or
    a Latin letter standing alone beside such letters elsewhere in the line; or
    it is ``¿``/``¡`` opening a word, with the ``?``/``!`` that closes it later in
    the line.  None of the characters replaced is a Latin letter (Latin-1 and
    Windows-1252 readings stay ftfy's to judge), and box drawing (code page 437)
    only ever opens a question or an exclamation: box art decodes to letters.
    """
    if any(_is_latin_letter(char) for char in line if not char.isascii()):
        return None
    decoded = _transcode(line)
    if decoded is None or decoded[1] == line:
        return None
    encoding, fixed = decoded
    closing = {mark: fixed.rfind(mark) for mark in "?!"}
    inside = False
    for i, char in enumerate(fixed):
        if char.isascii():
            continue
        if char in _OPENING:
            if not _ascii_letters(fixed[i + 1 : i + 2]) or closing[_OPENING[char]] < i:
                return None
            inside = True
        elif encoding == "cp437" or not _is_latin_letter(char):
            return None
        elif not inside:
            before = _ascii_letters(fixed[max(0, i - 2) : i][::-1])
            inside = before + _ascii_letters(fixed[i + 1 : i + 3]) >= 2
    return fixed if inside else None


# Windows-1252 signs that never stand between two letters: C1 controls read that
# way inside a word were not Windows-1252.
_NOT_IN_WORDS = "\x86\x87\x88\x89\x98"  # † ‡ ˆ ‰ ˜
_C1_IN_WORD = re.compile("(?<=[A-Za-z])[\x80-\x9f](?=[A-Za-z])")


def _mac_roman_c1(line: str) -> str | None:
    """A line of Mac Roman bytes read as Latin-1, or None.

    ftfy reads C1 controls as Windows-1252, as browsers do.  Mac Roman puts
    accented letters at those bytes (``Coatl\x87n`` is Coatlán, where
    Windows-1252 reads Coatl‡n).  Taken only when the line's only non-ASCII
    characters are C1 controls, each inside a word, and one of them is a sign
    that Windows-1252 would put inside a word only by mistake.
    """
    controls = [char for char in line if not char.isascii()]
    if not all("\x80" <= char <= "\x9f" for char in controls):
        return None
    if len(_C1_IN_WORD.findall(line)) != len(controls):
        return None
    if not any(char in _NOT_IN_WORDS for char in controls):
        return None
    return line.encode("latin-1").decode("mac-roman")


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


def _ftfy(line: str) -> str:
    """What ftfy's encoding fixer makes of a bad line (less a layer TM230 reads better)."""
    fixed = _decode_whole(line) or _mac_roman_c1(line)
    if fixed is None:
        # ftfy costs a tenth of a second to import: only text with a bad line pays it.
        from ftfy import fix_encoding_and_explain

        fixed, steps = fix_encoding_and_explain(line, _config())
        fixed = _one_layer(line, fixed, steps)
    return fixed


def _mend(line: str) -> str:
    """The line mended: by ftfy's steps where it is bad, then by the evidence of words.

    A line ftfy leaves, or makes, not bad may still be UTF-8 of Latin letters
    inside words (``┬┐Vienes`` under a second layer of mojibake): that is read
    too, and what it gives is judged again, so that one run leaves nothing for
    the next.  ftfy's own result is never handed back to ftfy, as before.
    """
    fixed = line
    if _is_bad(line):
        fixed = _ftfy(line)
        # Most results hold no pair at all (checked first, it is the cheaper test).
        if fixed == line or not _pair_pattern().search(fixed) or _is_bad(fixed):
            return fixed
    for _ in range(3):
        words = _decode_in_words(fixed)
        if words is None:
            break
        fixed = _ftfy(words) if _is_bad(words) else words
        if not _pair_pattern().search(fixed) or _is_bad(fixed):
            break
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
    pairs = _pair_pattern()
    first = pairs.search(text)
    if first is None:
        return
    pos = 0
    # Lines end at "\n" only: str.splitlines also breaks at U+0085, which is what
    # the UTF-8 continuation byte 85 becomes in Latin-1 (六 is å\x85\xad).
    for line in _LINE.findall(text):
        start, pos = pos, pos + len(line)
        # A pair never spans a line break, so each line is searched on its own.
        if pos <= first.start() or (start > first.start() and not pairs.search(text, start, pos)):
            continue
        fixed = _mend(line)
        if fixed != line:
            yield Edit(start, pos, line, fixed, "UTF-8 read as a single-byte codec; decoded again")
