"""TM210's fast path: the steps ftfy's encoding fixer would take, taken directly.

Most bad lines are one layer of UTF-8 that decodes whole.  For them TM210 does
what ftfy would do without ftfy's search, and with ftfy's badness, byte-A0 and
lost-byte patterns rewritten to scan for one character class.  These tests hold
the result equal to ftfy's own: the rewritten patterns against ftfy's on every
pair of the characters they name, on instances of each branch and on random
text; the whole rule against ftfy's fixer run on every bad line, over clean
lines of many scripts damaged through each codec ftfy knows.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from ftfy import fix_encoding_and_explain
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import ALTERED_UTF8_RE, LOSSY_UTF8_RE

from textmend._model import Context, apply_edits
from textmend.repair import mojibake_latin as latin

ROOT = Path(__file__).resolve().parent.parent

# Characters the badness pattern names, found by matching each of its atoms.
_SAMPLE = "".join(map(chr, (*range(0x80, 0x2600), 0xF8FF, 0xFB01, 0xFB02, 0xFFFD)))


def _atoms() -> list[list[str]]:
    branches = latin._branches(BADNESS_RE.pattern, verbose=True)
    assert branches is not None, "ftfy's badness pattern has a shape TM210 cannot rewrite"
    return [atoms for branch in branches for atoms in latin._expand(branch)]


@pytest.fixture(scope="module")
def alphabet() -> list[str]:
    # The atoms that name characters (not ``.``, ``\\s``, ``\\w`` or ``[^...]``), and
    # some ASCII and spaces for the others.
    named = {atom for atoms in _atoms() for atom in atoms if latin._anchor_cost(atom) is not None}
    chars = {char for atom in named for char in re.findall(atom, _SAMPLE)}
    chars.update("aqzAQZ .,?!\n\t\u2003_1")
    return sorted(chars)


def _same_badness(text: str) -> bool:
    return latin._is_bad(text) == (BADNESS_RE.search(text) is not None)


def test_badness_is_rewritten() -> None:
    # Otherwise TM210 falls back to ftfy's own test, correct but slow.
    pattern = latin._badness()
    assert pattern is not None
    lead = pattern.pattern[1 : pattern.pattern.index("](?:")]
    assert not any(re.fullmatch(f"[{lead}]", chr(code)) for code in range(128))


def test_badness_agrees_on_every_pair(alphabet: list[str]) -> None:
    wrong = [a + b for a in alphabet for b in alphabet if not _same_badness(a + b)]
    assert wrong == []


def test_badness_agrees_on_each_branch(alphabet: list[str]) -> None:
    rng = random.Random(210)
    wrong = []
    positives = 0
    for atoms in _atoms():
        pools = [[""] if atom == "^" else re.findall(atom, "".join(alphabet)) for atom in atoms]
        for _ in range(150):
            core = "".join(rng.choice(pool) for pool in pools)
            before = "" if atoms[0] == "^" else "".join(rng.choices(alphabet, k=rng.randint(0, 2)))
            text = before + core + "".join(rng.choices(alphabet, k=rng.randint(0, 2)))
            positives += BADNESS_RE.search(text) is not None
            mutated = list(text)
            mutated[rng.randrange(len(text))] = rng.choice(alphabet)
            for variant in (text, "".join(mutated), text[1:], text[:-1]):
                if not _same_badness(variant):
                    wrong.append(variant)
    assert wrong == []
    assert positives > 100 * len(_atoms())  # the instances do hit the branches


def test_badness_agrees_on_random_text(alphabet: list[str]) -> None:
    rng = random.Random(8)
    texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 8))) for _ in range(50_000)]
    assert [text for text in texts if not _same_badness(text)] == []


_BYTES = [
    bytes((b,))
    for b in (0x20, 0x3F, 0x41, 0x1A, 0x0A, 0x80, 0x85, 0x9D, 0xA0, 0xA1, 0xAF, 0xB0, 0xBF, 0xC0,
              0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xDF, 0xE0, 0xE2, 0xE3, 0xE4, 0xED, 0xEF, 0xF0,
              0xF4, 0xF5)
]  # fmt: skip


def _byte_strings(pattern: re.Pattern[bytes]) -> Iterator[bytes]:
    """Every three of some telling bytes, random runs of them, and instances of each branch."""
    for a in _BYTES:
        for b in _BYTES:
            for c in _BYTES:
                yield a + b + c
    rng = random.Random(3)
    for _ in range(20_000):
        yield b"".join(rng.choices(_BYTES, k=rng.randint(1, 9)))
    branches = latin._branches(pattern.pattern.decode("latin-1"), verbose=False)
    assert branches is not None
    every = bytes(range(256))
    for atoms in branches:
        pools = [re.findall(atom.encode("latin-1"), every) for atom in atoms]
        for _ in range(300):
            data = b"".join(
                [*rng.choices(_BYTES, k=rng.randint(0, 2)), *(rng.choice(pool) for pool in pools),
                 *rng.choices(_BYTES, k=rng.randint(0, 2))]
            )  # fmt: skip
            yield data
            i = rng.randrange(len(data))
            yield data[:i] + rng.choice(_BYTES) + data[i + 1 :]


def test_byte_a0_search_agrees() -> None:
    assert latin._altered() is not ALTERED_UTF8_RE
    wrong = [
        data
        for data in _byte_strings(ALTERED_UTF8_RE)
        if (latin._altered().search(data) is None) != (ALTERED_UTF8_RE.search(data) is None)
    ]
    assert wrong == []


def test_lost_byte_replacement_agrees() -> None:
    assert latin._lossy() is not LOSSY_UTF8_RE
    mark = "\ufffd".encode()
    wrong = [
        data
        for data in _byte_strings(LOSSY_UTF8_RE)
        if latin._lossy().sub(mark, data) != LOSSY_UTF8_RE.sub(mark, data)
    ]
    assert wrong == []


def test_triggers_written_out_are_the_derived_ones() -> None:
    written = re.compile(f"[{latin.TRIGGERS}]")
    derived = re.compile(f"[{latin._triggers()}]")
    assert all(
        bool(written.match(chr(code))) == bool(derived.match(chr(code))) for code in range(0x10000)
    )


# What TM210 was before the fast path: ftfy's fixer on every bad line.
_LINE = re.compile("[^\n]*\n|[^\n]+")


def _reference(text: str) -> str:
    out = []
    for line in _LINE.findall(text):
        if not line.isascii() and latin._pair_pattern().search(line) and is_bad(line):
            fixed, steps = fix_encoding_and_explain(line, latin._config())
            line = latin._one_layer(line, fixed, steps)
        out.append(line)
    return "".join(out)


def _tm210(text: str) -> str:
    return apply_edits(text, latin.find_utf8_as_single_byte(text, Context()))


_CODECS = ("latin-1", "sloppy-windows-1252", "windows-1252", "sloppy-windows-1251",
           "sloppy-windows-1250", "iso-8859-2", "macroman", "cp437", "sloppy-windows-1253",
           "sloppy-windows-1254", "sloppy-windows-1257")  # fmt: skip


def _damaged_lines() -> Iterator[tuple[str, str | None]]:
    """Clean lines of every script misread through each codec, some further damaged.

    Each with the text it should mend to, where that is known.
    """
    import ftfy  # noqa: F401  (registers the sloppy codecs)

    lines = [
        line
        for path in sorted((ROOT / "fixtures" / "clean").iterdir())
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip() and not line.isascii()
    ]
    rng = random.Random(1252)
    for _ in range(2500):
        line = rng.choice(lines)
        codec = rng.choice(_CODECS)
        text = line.encode("utf-8").decode(codec, errors="replace")
        original: str | None = None
        damage = rng.randrange(8)
        if damage == 0:  # two layers
            text = text.encode("utf-8").decode(rng.choice(_CODECS), errors="replace")
        elif damage == 1:  # byte A0 became a space
            text = text.replace("\xa0", " ")
        elif damage == 2:  # half mended already
            text = line[: len(line) // 2] + text[len(text) // 2 :]
        elif damage == 3:  # lost characters
            text = "".join("\ufffd" if rng.random() < 0.05 else char for char in text)
        elif damage == 4:  # a clean line follows
            text, original = text + "\n" + line, line + "\n" + line
        elif "\ufffd" not in text:
            original = line
        yield text, original


def test_same_result_as_ftfy_on_every_bad_line() -> None:
    # TM210 does what ftfy's fixer does on every bad line, except where its own
    # evidence (Latin letters inside words, Mac Roman C1 controls) mends more: then
    # the result must be the line as written.
    texts = list(_damaged_lines())
    wrong = []
    mended_more = 0
    for text, original in texts:
        fixed = _tm210(text)
        if fixed != _reference(text):
            mended_more += 1
            if fixed != original:
                wrong.append((text, fixed))
    assert wrong == []
    assert 0 < mended_more < 0.1 * len(texts)
    # And the fast path is what ran on most bad lines, not ftfy.
    bad = [text for text, _ in texts if "\n" not in text and is_bad(text)]
    fast = [text for text in bad if latin._decode_whole(text) is not None]
    assert len(fast) > 0.5 * len(bad)


@pytest.mark.parametrize(
    "text",
    [
        "caf\u00c3\u0192\u00c2\u00a9 cr\u00c3\u0192\u00c2\u00a8me",  # two layers
        "\u00e2\u20ac\u0153mixed\u00e2\u20ac\u009d and caf\u00e9",  # mojibake beside Latin-1
        "The Mona Lisa doesn\u00e2\u0080\u0099t have eyebrows.",  # C1 controls
        "\u00d0\u0178\u00d1\u20ac\u00d0\u00b8\u00d0\u00b2\u00d0\u00b5\u00d1\u201a",  # Cyrillic
    ],
)
def test_hard_lines_keep_ftfy_result(text: str) -> None:
    assert _tm210(text) == _reference(text)
    assert _tm210(text) != text
