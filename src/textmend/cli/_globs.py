"""Gitignore-style patterns, for ``.gitignore`` files and for ``exclude`` alike.

One matcher serves both, so a user who knows how to write a ``.gitignore``
line knows how to write an ``exclude`` entry.  The syntax is git's
(``gitignore(5)``): ``*`` and ``?`` stop at ``/``, ``**`` crosses folders, a
leading or inner ``/`` anchors the pattern to the folder that declares it, a
trailing ``/`` matches folders only, ``!`` re-includes, ``\\`` escapes.  The last
matching pattern wins.  As in git, a file inside an excluded folder cannot be
re-included: the walk never enters the folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = ["Pattern", "PatternSet", "compile_pattern", "parse_lines", "relative_to"]


class Pattern(NamedTuple):
    """One pattern line, compiled; ``base`` is the folder its paths are relative to."""

    source: str
    base: str
    regex: re.Pattern[str]
    negated: bool
    dir_only: bool
    anchored: bool


def _translate_glob(glob: str) -> str:
    """Translate the body of one pattern (no leading ``!``, no trailing ``/``) to a regex."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            stars = 1
            while i + stars < n and glob[i + stars] == "*":
                stars += 1
            at_start = i == 0 or glob[i - 1] == "/"
            at_end = i + stars == n or glob[i + stars] == "/"
            if stars >= 2 and at_start and at_end:
                if i + stars == n:
                    out.append(".*")  # "a/**": everything inside
                    i += stars
                else:
                    out.append("(?:.*/)?")  # "**/" : zero or more folders
                    i += stars + 1
                continue
            out.append("[^/]*")
            i += stars
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = i + 1
            if j < n and glob[j] in "!^":
                j += 1
            if j < n and glob[j] == "]":
                j += 1
            while j < n and glob[j] != "]":
                j += 1
            if j >= n:
                out.append(re.escape(c))  # an unclosed bracket is a literal
                i += 1
                continue
            body = glob[i + 1 : j]
            negate = body[:1] in ("!", "^")
            if negate:
                body = body[1:]
            body = body.replace("[", "\\[")
            out.append(f"[^/{body}]" if negate else f"[{body}]")
            i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def _strip_trailing_spaces(line: str) -> str:
    # Trailing spaces are ignored unless escaped with a backslash.
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "
    return stripped


def compile_pattern(line: str, base: str) -> Pattern | None:
    """Compile one line of a ``.gitignore`` (or one ``exclude`` entry); ``None`` for no pattern.

    >>> p = compile_pattern("*.log", "/repo")
    >>> bool(p and p.regex.match("logs/app.log"))
    True
    """
    line = line.rstrip("\r\n")
    if not line or line.startswith("#"):
        return None
    body = _strip_trailing_spaces(line)
    negated = body.startswith("!")
    if negated or body.startswith(("\\!", "\\#")):
        body = body[1:]
    dir_only = body.endswith("/") and not body.endswith("\\/")
    if dir_only:
        body = body.rstrip("/")
    if not body:
        return None
    anchored = "/" in body
    body = body.lstrip("/")
    # A pattern without a slash may match at any depth.
    prefix = "" if anchored else "(?:.*/)?"
    regex = re.compile(f"^{prefix}{_translate_glob(body)}$", re.DOTALL)
    return Pattern(line, base, regex, negated, dir_only, anchored)


def parse_lines(lines: Iterable[str], base: str) -> list[Pattern]:
    """Compile every pattern line in ``lines``, relative to the folder ``base``."""
    return [p for p in (compile_pattern(line, base) for line in lines) if p is not None]


def relative_to(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` with ``/`` separators, or ``None`` if it is outside.

    Both must be absolute and normalised.
    """
    if path == base:
        return ""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix) :]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


class PatternSet:
    """Patterns in order of precedence (later wins), possibly from several folders."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: tuple[Pattern, ...] = ()) -> None:
        self.patterns = patterns

    def extend(self, more: Sequence[Pattern]) -> PatternSet:
        """A new set with ``more`` appended (and so taking precedence)."""
        return PatternSet(self.patterns + tuple(more)) if more else self

    def verdict(self, path: str, is_dir: bool) -> bool | None:
        """Whether the absolute ``path`` is ignored (``True``), re-included (``False``) or
        not mentioned (``None``).  Only the path itself is looked at, not its parents.
        """
        # Most patterns share a base folder: work out the relative path once per base.
        relatives: dict[str, str | None] = {}
        for pattern in reversed(self.patterns):
            if pattern.dir_only and not is_dir:
                continue
            base = pattern.base
            if base in relatives:
                rel = relatives[base]
            else:
                rel = relatives[base] = relative_to(path, base)
            if rel is None:
                # Outside the declaring folder: only a floating pattern can apply,
                # and only to the name and its nearest parents.
                if pattern.anchored:
                    continue
                rel = path.lstrip(os.sep).replace(os.sep, "/")
            if rel and pattern.regex.match(rel):
                return not pattern.negated
        return None

    def matches(self, path: str, is_dir: bool) -> bool:
        """Whether the absolute ``path`` itself is ignored."""
        return bool(self.verdict(path, is_dir))
