"""Ways to damage clean text the way the world does, for tests.

Each function takes clean text and returns it damaged by one known process, so
tests can check that textmend mends exactly what was broken.
"""

from __future__ import annotations

from textmend.data import pinyin_readings
from textmend.normalize.zhscript import to_traditional


def converter_damage(simplified: str) -> str:
    """Convert to Traditional and paste one fixed reading after each changed character.

    That is what the web converters behind the founding example do.
    """
    traditional = to_traditional(simplified)
    readings = pinyin_readings()
    out = []
    for before, after in zip(simplified, traditional, strict=True):
        out.append(after)
        if before != after and after in readings:
            out.append(f"({readings[after][0]})")
    return "".join(out)


def fold_commas(text: str) -> str:
    """Fold the fullwidth comma to ASCII and double it, as the founding example's scraper did."""
    return text.replace("\uff0c", ",,")


def drop_gbk_byte(text: str, char_index: int, marker: str = "?") -> str:
    """Lose the first byte of the character at ``char_index`` in a GBK stream.

    The rest of the line is decoded out of step until an ASCII byte; bytes the
    decoder cannot read become ``marker`` (one per byte, as Python's decoder does).
    """
    prefix, rest = text[:char_index], text[char_index:]
    data = rest.encode("gbk")[1:]
    decoded = data.decode("gbk", errors="replace")
    return prefix + decoded.replace("\ufffd", marker)


def drop_byte(text: str, char_index: int, which: int, codec: str) -> str:
    """Lose byte ``which`` (0 lead, 1 trail) of the double-byte character at ``char_index``.

    The whole line is decoded with ``codec`` and U+FFFD for what it cannot read,
    as ``scripts/measure_mojibake.py`` does.
    """
    encoded = [char.encode(codec) for char in text]
    kept = encoded[char_index][1 - which : 2 - which]
    data = b"".join(encoded[:char_index]) + kept + b"".join(encoded[char_index + 1 :])
    return data.decode(codec, errors="replace")
