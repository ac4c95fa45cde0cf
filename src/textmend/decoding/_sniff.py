"""Cheap evidence read straight off the bytes.

Byte order marks, the signatures of binary formats, a declared charset (XML
declaration, HTML ``<meta>``, CSS ``@charset``, a Python coding line), UTF-16
and UTF-32 without a byte order mark, and line endings.  Nothing here guesses
from statistics; that is chardet's job (:mod:`textmend.decoding._detect`).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

from textmend.decoding._model import LineEnding

__all__ = [
    "WINDOW",
    "binary_signature",
    "canonical",
    "declared_charset",
    "is_ascii_compatible",
    "line_ending",
    "looks_like_control_data",
    "script_of",
    "split_bom",
    "text_quality",
    "utf16_32_without_bom",
]

#: How much of the input the cheap checks look at.
WINDOW = 64 * 1024

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures at offset 0 that no text starts with.  Those made of a few
# printable letters ("MZ", "BM", "ID3", ...) are left out or need a control byte
# nearby, because a text may start with them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"OggS\x00", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska or WebM media"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
# These need a NUL within the first bytes as well.
_WEAK_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "Windows executable"),
    (b"RIFF", "RIFF media"),
    (b"ID3", "MP3 audio"),
    (b"BM", "BMP image"),
    (b"MThd", "MIDI audio"),
    (b"OTTO", "OpenType font"),
)

# Bytes that do not occur in text: C0 controls other than tab, line feed,
# vertical tab, form feed, carriage return, SUB (a DOS end of file) and escape
# (ANSI colours, ISO-2022), and backspace (nroff overstrike).
_CONTROL_BYTES = bytes(
    b for b in range(0x20) if b not in (0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A, 0x1B)
)
# Share of control bytes above which ASCII-compatible bytes are binary.
_CONTROL_SHARE = 0.01


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The byte order mark at the start of ``data`` and its encoding, if any.

    >>> split_bom(b"\\xef\\xbb\\xbfabc")
    (b'\\xef\\xbb\\xbf', 'utf-8')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    return b"", None


def binary_signature(data: bytes) -> str | None:
    """What binary format ``data`` starts like, or ``None``.

    >>> binary_signature(b"\\x7fELF\\x02\\x01\\x01")
    'ELF executable'
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:64]
    if b"\x00" in head:
        for signature, kind in _WEAK_SIGNATURES:
            if data.startswith(signature):
                return kind
    if data[257:262] == b"ustar":
        return "tar archive"
    return None


def looks_like_control_data(data: bytes) -> bool:
    """Whether the start of ``data`` holds more control bytes than text ever does.

    >>> looks_like_control_data(bytes(range(256)))
    True
    """
    sample = data[:WINDOW]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _CONTROL_SHARE


def canonical(name: str) -> str | None:
    """The Python codec name for an encoding name or alias, or ``None``.

    >>> canonical("Latin-1"), canonical("UTF8"), canonical("no-such")
    ('iso8859-1', 'utf-8', None)
    """
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return None


@functools.cache
def is_ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` reads every ASCII byte as that ASCII character.

    Only such encodings can share a file line by line with UTF-8.

    >>> is_ascii_compatible("cp1252"), is_ascii_compatible("utf-16-le")
    (True, False)
    """
    probe = bytes(range(0x20, 0x7F)) + b"\t\r\n"
    try:
        return probe.decode(encoding) == probe.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


# Declarations of a charset: XML at the very start, HTML <meta> within the
# first kilobytes (the HTML standard's prescan looks at 1024 bytes; pages put
# longer heads first), CSS @charset at the very start, and a Python coding
# line in the first two lines (PEP 263).
_XML_DECL = re.compile(rb"""\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_HTML_META = re.compile(
    rb"""<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_CSS_CHARSET = re.compile(rb"""\A@charset\s+"([A-Za-z0-9._:-]+)";""")
_CODING_LINE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_HTML_HEAD = 4096

# The HTML standard reads these labels as windows-1252; so do the browsers.
_AS_WINDOWS_1252 = frozenset({"ascii", "iso8859-1"})


def declared_charset(data: bytes) -> str | None:
    """The encoding ``data`` declares for itself, as a codec name, or ``None``.

    UTF-16 and UTF-32 declarations are ignored: bytes that can be read well
    enough to find the declaration are not in either.

    >>> declared_charset(b'<?xml version="1.0" encoding="Shift_JIS"?><a/>')
    'shift_jis'
    >>> declared_charset(b"#!/usr/bin/env python\\n# -*- coding: latin-1 -*-\\n")
    'cp1252'
    """
    found: bytes | None = None
    for pattern in (_XML_DECL, _CSS_CHARSET):
        match = pattern.match(data)
        if match:
            found = match.group(1)
            break
    if found is None:
        match = _HTML_META.search(data, 0, _HTML_HEAD)
        if match:
            found = match.group(1)
    if found is None:
        for line in data.split(b"\n", 2)[:2]:
            match = _CODING_LINE.match(line)
            if match:
                found = match.group(1)
                break
    if found is None:
        return None
    name = canonical(found.decode("ascii"))
    if name is None or not is_ascii_compatible(name):
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def line_ending(text: str) -> LineEnding:
    """How ``text`` ends its lines.

    >>> line_ending("a\\r\\nb\\r\\n"), line_ending("a\\nb\\r\\n"), line_ending("a")
    ('crlf', 'mixed', 'none')
    """
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [kind for kind, count in (("crlf", crlf), ("lf", lf), ("cr", cr)) if count]
    if not kinds:
        return "none"
    if len(kinds) > 1:
        return "mixed"
    return "crlf" if kinds[0] == "crlf" else "lf" if kinds[0] == "lf" else "cr"


@functools.lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """A coarse script for ``char``: the first word of its Unicode name for letters.

    Punctuation, symbols, digits and spaces are ``"COMMON"``, except the line
    and block graphics of DOS code pages and technical symbols, which are
    ``"GRAPHIC"`` (a legacy byte read with the wrong code page lands on them);
    unnamed or unassigned code points are ``"UNKNOWN"``.

    >>> script_of("\\u00e9"), script_of("\\u4e2d"), script_of("\\u20ac"), script_of("\\u2500")
    ('LATIN', 'CJK', 'COMMON', 'GRAPHIC')
    """
    category = unicodedata.category(char)
    if category[0] in "PSNZ":
        if "\u2300" <= char <= "\u23ff" or "\u2500" <= char <= "\u259f":
            return "GRAPHIC"
        return "COMMON"
    if category[0] == "C":
        return "UNKNOWN"
    name = unicodedata.name(char, "")
    if not name:
        return "UNKNOWN"
    word = name.split(" ", 1)[0]
    # Kana and Han write one language together; fullwidth forms are its ASCII.
    if word in ("HIRAGANA", "KATAKANA", "CJK", "FULLWIDTH", "HALFWIDTH", "IDEOGRAPHIC"):
        return "CJK"
    return word


def text_quality(text: str) -> float:
    """How much ``text`` reads like writing: 0 (noise) to 1 (one or two scripts).

    The share of characters that are letters, digits, punctuation or spaces of
    the two most common scripts (plus ``COMMON``).  Text read with the wrong
    codec scatters over many scripts or lands on controls and unassigned code
    points.

    >>> text_quality("Hello, world"), text_quality("\\x01\\x02ab")
    (1.0, 0.5)
    """
    if not text:
        return 0.0
    scripts = Counter(script_of(c) if c >= "\x80" else _ascii_script(c) for c in text)
    noise = scripts.pop("UNKNOWN", 0)
    common = scripts.pop("COMMON", 0)
    main = sum(count for _, count in scripts.most_common(2))
    del noise  # counted as bad by omission
    return (main + common) / len(text)


def _ascii_script(char: str) -> str:
    if char.isalpha():
        return "LATIN"
    if char.isprintable() or char in "\t\n\r\f\v":
        return "COMMON"
    return "UNKNOWN"


# Quality a reading without byte order mark must reach to be taken as text.
_UTF16_QUALITY = 0.95
_UTF16_MIN_CHARS = 4


def utf16_32_without_bom(data: bytes) -> tuple[str, float] | None:
    """The UTF-16 or UTF-32 codec that reads ``data`` as text, with its quality.

    Each byte order of each width is tried on the start of the data; the
    reading of the best quality wins if it is clearly text.  ``None`` when no
    reading is.

    >>> utf16_32_without_bom("Grüße aus Köln".encode("utf-16-le"))
    ('utf-16-le', 1.0)
    """
    best: tuple[str, float] | None = None
    sample_size = 4096
    for codec, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % unit or len(data) < unit * _UTF16_MIN_CHARS:
            continue
        sample = data[:sample_size]
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError as error:
            # A sample cut inside a surrogate pair fails only at its very end.
            if len(sample) == len(data) or error.start < len(sample) - unit:
                continue
            text = sample[: error.start].decode(codec)
        # Read in the wrong byte order, ASCII lands on U+xx00, which real text
        # almost never uses: a tie between the two orders goes to the right one.
        swapped = sum(1 for c in text if ord(c) > 0xFF and not ord(c) & 0xFF)
        quality = text_quality(text) - swapped / max(len(text), 1)
        if best is None or quality > best[1]:
            best = (codec, quality)
    if best is None or best[1] < _UTF16_QUALITY:
        return None
    return best
