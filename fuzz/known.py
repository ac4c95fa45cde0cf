"""Failures the fuzzer finds today that are known bugs, reported and tracked.

Each is kept as a strict expected failure with its concrete input in
tests/test_properties.py; ``python -m fuzz --keep-going`` counts these without
failing and fails on any other signature.  Remove a line when its bug is fixed.
"""

from __future__ import annotations

__all__ = ["KNOWN"]

#: signature (see fuzz.targets.signature) -> what is wrong
KNOWN: dict[str, str] = {
    "idempotence:TM240": (
        "TM240 re-reads its own output with another CJK codec: "
        "'\u6d6d\u6d6d' -> '\u5d6c\u5d6c' -> '\u8a34\u8a34'"
    ),
    "idempotence:TM220": (
        "a misread character mended beside Han text turns its neighbour into misread "
        "UTF-8 for the next run: '\u813fa\u8b70' -> '\u00e0a\u8b70' -> '\u00e0a\u0133'"
    ),
}
