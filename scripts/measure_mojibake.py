"""Measure the mojibake repairs (issue 3's acceptance) on real lines of text.

The lines are every non-ASCII line of CPython's ``test/cjkencodings`` texts (from
the interpreter running this script; skipped with a note when it ships no
``test`` package) and of our own ``fixtures/clean/*.txt``.  Each line is damaged
by one mixup and repaired by the TM2xx rules; the table says how many come back:

* ``utf8>CODEC``: UTF-8 bytes decoded as a CJK codec, where every byte survives;
  a line counts when it is restored exactly.
* ``utf8>CODEC lossy``: the same where the decoder lost bytes (U+FFFD); the
  characters whose bytes all survived must come back, the others become one
  U+FFFD each.
* ``CODEC>latin-1``, ``CODEC>cp1252``: legacy bytes read as a Western codec.
* ``CODEC>CODEC``: CJK bytes read with the wrong CJK codec (TM240).
* ``drop CODEC``: one byte dropped at a seeded random position of a
  double-byte line; the characters not touching the lost byte must come back.
* ``clean``: lines changed although nothing was wrong with them (must be 0).

Run ``python scripts/measure_mojibake.py`` (``--quick`` for every fourth line).
tests/test_mojibake_acceptance.py computes the same figures and asserts floors.
"""

from __future__ import annotations

import argparse
import codecs
import difflib
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Double-byte codecs of the four languages, for the wrong-codec and drop mixups.
DOUBLE_BYTE = ("gbk", "big5", "shift_jis", "euc_kr")
UTF8_AS = ("gb18030", "gbk", "big5", "cp950", "shift_jis", "cp932", "euc_kr", "cp949")
LEGACY_CJK = ("gbk", "big5", "shift_jis", "euc_kr")
LEGACY_ALPHABET = ("cp1251", "koi8_r", "cp1253", "cp1250", "iso8859_2")


def cjkencodings_folder() -> Path | None:
    """CPython's test/cjkencodings folder, or None when this Python ships no test package."""
    try:
        import test  # the standard library's test package, which some builds omit
    except ImportError:
        return None
    folder = Path(test.__file__).parent / "cjkencodings"
    return folder if folder.is_dir() else None


def corpus() -> list[str]:
    """Every distinct non-ASCII line of the texts, in a stable order."""
    paths: list[Path] = []
    folder = cjkencodings_folder()
    if folder is not None:
        paths += sorted(folder.glob("*-utf8.txt"))
    paths += sorted((ROOT / "fixtures" / "clean").glob("*.txt"))
    seen: dict[str, None] = {}
    for path in paths:
        for line in path.read_bytes().decode("utf-8").splitlines():
            line = line.rstrip()
            if line and not line.isascii():
                seen.setdefault(line, None)
    return list(seen)


def repairer() -> Callable[[str], str]:
    """The TM2xx repairs as textmend runs them, with TM240 added if not yet registered."""
    import textmend
    from textmend._model import Rule, Stage
    from textmend._pipeline import _run, analyze
    from textmend._rules import RULES

    if any(rule.code == "TM240" for rule in RULES):
        return lambda text: textmend.fix_text(text, select=["TM2"])
    try:
        from textmend.repair.mojibake_cross import find_cjk_as_wrong_cjk
    except ImportError:
        return lambda text: textmend.fix_text(text, select=["TM2"])
    # Where the lead will register it: after TM230, before TM210 and TM201; run the
    # way fix_text runs the registry (passes to a fixed point).
    cross = Rule("TM240", "cjk-as-wrong-cjk", Stage.REPAIR, find_cjk_as_wrong_cjk, "")
    rules: list[Rule] = []
    for rule in RULES:
        if rule.code.startswith("TM2"):
            rules.append(rule)
            if rule.code == "TM230":
                rules.append(cross)
    return lambda text: _run(text, rules, analyze(text)).text


@dataclass
class Result:
    """One mixup's figures: lines tried and exact, characters expected and restored."""

    name: str
    lines: int = 0
    exact: int = 0
    chars: int = 0
    restored: int = 0
    baseline: int = 0  # characters right before any repair (drop mixups)
    stretch: int = 0  # characters a drop put out of step: up to the next ASCII character
    stretch_restored: int = 0

    @property
    def line_rate(self) -> float:
        return self.exact / self.lines if self.lines else 1.0

    @property
    def char_rate(self) -> float:
        return self.restored / self.chars if self.chars else 1.0

    @property
    def stretch_rate(self) -> float:
        return self.stretch_restored / self.stretch if self.stretch else 1.0


def _matched(expected: str, got: str, lo: int = 0, hi: int | None = None) -> int:
    """How many characters of ``expected[lo:hi]`` other than U+FFFD stand in ``got``, in order."""
    hi = len(expected) if hi is None else hi
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(
        sum(1 for i in range(max(a, lo), min(a + size, hi)) if expected[i] != "\ufffd")
        for a, _, size in matcher.get_matching_blocks()
    )


def _lost_ranges(data: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """Decode with U+FFFD for unreadable bytes; also return the byte ranges lost."""
    lost: list[tuple[int, int]] = []

    def record(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        lost.append((error.start, error.end))
        return "\ufffd" * (error.end - error.start), error.end

    name = f"textmend-measure-{id(lost)}"
    codecs.register_error(name, record)
    return data.decode(codec, errors=name), lost


def _expected_after_loss(line: str, lost: list[tuple[int, int]]) -> str:
    """The line with each character that lost a UTF-8 byte as one U+FFFD."""
    out: list[str] = []
    pos = 0
    for char in line:
        size = len(char.encode("utf-8"))
        hit = any(start < pos + size and pos < end for start, end in lost)
        out.append("\ufffd" if hit else char)
        pos += size
    return "".join(out)


def _roundtrips(misread: str, data: bytes, lost: list[tuple[int, int]], codec: str) -> bool:
    """Whether every character the decoder read encodes back to the bytes it came from."""
    pieces = misread.split("\ufffd")
    kept: list[bytes] = []
    pos = 0
    for start, end in [*lost, (len(data), len(data))]:
        kept.append(data[pos:start])
        pos = end
    joined = b"".join(kept)
    try:
        return "".join(pieces).encode(codec) == joined
    except UnicodeEncodeError:
        return False


def _score(result: Result, expected: str, got: str) -> None:
    result.lines += 1
    result.exact += got == expected
    result.chars += sum(1 for c in expected if c != "\ufffd")
    result.restored += _matched(expected, got)


def measure_utf8_as(
    codec: str, lines: Iterable[str], repair: Callable[[str], str]
) -> tuple[Result, Result]:
    """UTF-8 read as ``codec``: the lossless lines and the lossy ones."""
    lossless, lossy = Result(f"utf8>{codec}"), Result(f"utf8>{codec} lossy")
    for line in lines:
        data = line.encode("utf-8")
        misread, lost = _lost_ranges(data, codec)
        if misread == line or not _roundtrips(misread, data, lost, codec):
            continue
        # Python's decoders may take a lost byte's neighbour with it: one U+FFFD per
        # byte is what the repair assumes, so the count must agree.
        if misread.count("\ufffd") != sum(end - start for start, end in lost):
            continue
        if lost:
            _score(lossy, _expected_after_loss(line, lost), repair(misread))
        else:
            _score(lossless, line, repair(misread))
    return lossless, lossy


def measure_bytes_as(
    source: str, reader: str, lines: Iterable[str], repair: Callable[[str], str]
) -> Result:
    """``source`` bytes decoded with ``reader``, where every byte survives."""
    result = Result(f"{source}>{reader}")
    for line in lines:
        try:
            data = line.encode(source)
            misread = data.decode(reader)
            if misread.encode(reader) != data:
                continue
        except UnicodeError:
            continue
        if misread != line:
            _score(result, line, repair(misread))
    return result


def measure_drop(
    codec: str, lines: Iterable[str], repair: Callable[[str], str], seed: int = 3
) -> Result:
    """One byte of a double-byte character lost; the other characters must come back."""
    result = Result(f"drop {codec}")
    rng = random.Random(f"{seed}-{codec}")
    for line in lines:
        try:
            encoded = [char.encode(codec) for char in line]
        except UnicodeEncodeError:
            continue
        wide = [i for i, b in enumerate(encoded) if len(b) == 2]
        if len(wide) < 4:
            continue
        index = rng.choice(wide)
        which = rng.randrange(2)
        data = b"".join(encoded[:index]) + encoded[index][1 - which : 2 - which]
        data += b"".join(encoded[index + 1 :])
        damaged = data.decode(codec, errors="replace")
        expected = line[:index] + "\ufffd" + line[index + 1 :]
        result.baseline += _matched(expected, damaged)
        repaired = repair(damaged)
        _score(result, expected, repaired)
        # The stretch the decoder read out of step: up to the next ASCII character.
        end = next((i for i in range(index + 1, len(line)) if line[i].isascii()), len(line))
        result.stretch += end - index - 1
        result.stretch_restored += _matched(expected, repaired, index + 1, end)
    return result


def measure_clean(lines: Iterable[str], repair: Callable[[str], str]) -> Result:
    """Clean lines: ``exact`` counts those left alone."""
    result = Result("clean (unchanged)")
    for line in lines:
        _score(result, line, repair(line))
    return result


def measure_all(lines: list[str], repair: Callable[[str], str]) -> list[tuple[str, Result]]:
    """Every mixup, grouped by the issue's item."""
    rows: list[tuple[str, Result]] = []
    for codec in UTF8_AS:
        lossless, lossy = measure_utf8_as(codec, lines, repair)
        rows += [("2 utf8-as-cjk", lossless), ("2 lossy", lossy)]
    for source in LEGACY_CJK + LEGACY_ALPHABET:
        for reader in ("latin-1", "cp1252"):
            if source in LEGACY_ALPHABET and reader == "latin-1":
                continue
            rows.append(("3 legacy-as-western", measure_bytes_as(source, reader, lines, repair)))
    for source in DOUBLE_BYTE:
        for reader in DOUBLE_BYTE:
            if source != reader:
                rows.append(("4 wrong-cjk", measure_bytes_as(source, reader, lines, repair)))
    for codec in DOUBLE_BYTE:
        rows.append(("5 misalignment", measure_drop(codec, lines, repair)))
    rows.append(("6 clean", measure_clean(lines, repair)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every fourth line only")
    args = parser.parse_args()
    if cjkencodings_folder() is None:
        print("note: this Python ships no test/cjkencodings; fixtures only", file=sys.stderr)
    lines = corpus()
    if args.quick:
        lines = lines[::4]
    started = time.perf_counter()
    rows = measure_all(lines, repairer())
    print(f"{len(lines)} lines; {time.perf_counter() - started:.1f} s\n")
    print("| item | mixup | lines | exact | lines % | chars % | unrepaired % | stretch % |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for item, r in rows:
        before = f"{100 * r.baseline / r.chars:.1f}" if r.baseline else ""
        stretch = f"{100 * r.stretch_rate:.1f}" if r.stretch else ""
        print(
            f"| {item} | {r.name} | {r.lines} | {r.exact} | {100 * r.line_rate:.1f} "
            f"| {100 * r.char_rate:.1f} | {before} | {stretch} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
