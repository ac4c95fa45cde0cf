"""What the command line prints: diagnostics in five formats, statistics, diffs, colour.

Every format carries the same facts for each finding: the path, the 1-based
line and column where it starts and ends (columns count characters, and the
end is the character after the finding), the rule's code and name, the
message, and the fix (the text found and its replacement).  The text format is
``path:line:col: CODE message``, one finding a line.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Final, NamedTuple
from urllib.parse import quote

from textmend import RULES, Finding, __version__

__all__ = [
    "Colour",
    "Diagnostic",
    "LineIndex",
    "diagnostics",
    "github_line",
    "json_object",
    "render_diff",
    "sarif_log",
    "statistics_lines",
    "text_lines",
]

# Universal newlines: the lines Python and most editors show, so that a
# diagnostic's line number lands where the reader looks.
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")

SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION: Final = "2.1.0"


class LineIndex:
    """Turns string offsets into 1-based (line, column); columns count characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``offset``.

        >>> LineIndex("ab\\r\\ncd").position(5)
        (2, 2)
        """
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


class Diagnostic(NamedTuple):
    """A finding placed in a file: what every output format is made from."""

    path: str
    code: str
    name: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    #: Character offsets in the decoded text (without a byte order mark).
    start: int
    end: int
    original: str
    replacement: str | None
    #: ``replacement`` can be put at ``start:end`` of the checked text as it is.  Not
    #: so when an earlier rule's edit overlaps: ``original`` is then the text that
    #: rule's output had there.
    applicable: bool


def diagnostics(path: str, text: str, findings: Iterable[Finding]) -> tuple[Diagnostic, ...]:
    """Place ``findings`` of ``text`` as diagnostics of the file ``path``."""
    index: LineIndex | None = None
    out: list[Diagnostic] = []
    for finding in findings:
        if index is None:
            index = LineIndex(text)
        line, column = index.position(finding.start)
        end_line, end_column = index.position(finding.end)
        out.append(
            Diagnostic(
                path,
                finding.code,
                finding.name,
                finding.message,
                line,
                column,
                end_line,
                end_column,
                finding.start,
                finding.end,
                finding.original,
                finding.replacement,
                finding.replacement is not None
                and text[finding.start : finding.end] == finding.original,
            )
        )
    return tuple(out)


class Colour:
    """ANSI colour for a terminal, or plain text; decided once per run."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def cyan(self, text: str) -> str:
        return self._wrap("36", text)

    def code(self, text: str) -> str:
        return self._wrap("1;31", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)


def wants_colour(choice: str, stream: Any) -> bool:
    """``--color``: ``always``, ``never``, or ``auto`` (a terminal, and no ``NO_COLOR``)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _fix_text(diagnostic: Diagnostic) -> str:
    after = "(no fix)" if diagnostic.replacement is None else repr(diagnostic.replacement)
    return f"{diagnostic.original!r} -> {after}"


def text_lines(
    found: Sequence[Diagnostic], colour: Colour, *, show_fixes: bool = False
) -> list[str]:
    """``path:line:col: CODE message``, and under ``--show-fixes`` the fix on the next line."""
    lines = []
    for d in found:
        lines.append(
            f"{colour.bold(d.path)}:{d.line}:{d.column}: {colour.code(d.code)} {d.message}\n"
        )
        if show_fixes:
            lines.append(f"    {colour.dim('fix:')} {_fix_text(d)}\n")
    return lines


def json_object(d: Diagnostic) -> dict[str, Any]:
    """One diagnostic as the JSON object of ``--output-format json`` and ``jsonl``."""
    return {
        "filename": d.path,
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "location": {"row": d.line, "column": d.column},
        "end_location": {"row": d.end_line, "column": d.end_column},
        "offset": {"start": d.start, "end": d.end},
        "fix": None
        if d.replacement is None
        else {
            "original": d.original,
            "replacement": d.replacement,
            "applicable": d.applicable,
        },
    }


def _json(value: object, indent: int | None) -> str:
    import json  # only the machine formats need it; the text format starts faster

    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A file name that is not valid UTF-8 (kept as surrogates): escape it,
        # so the document stays valid UTF-8 and a reader gets the name back.
        text = json.dumps(value, ensure_ascii=True, indent=indent)
    return text


def json_dumps(value: object) -> str:
    """JSON as textmend prints it: characters unescaped, so a reader can see them.

    >>> json_dumps({"filename": "caf\\udce9.txt"})
    '{\\n  "filename": "caf\\\\udce9.txt"\\n}'
    """
    return _json(value, 2)


def json_line(value: object) -> str:
    """One JSON Lines line."""
    return _json(value, None) + "\n"


def jsonl_line(d: Diagnostic) -> str:
    return json_line(json_object(d))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, which the run's page shows as an annotation."""
    properties = ",".join(
        f"{key}={_escape_property(value)}"
        for key, value in (
            ("title", f"textmend ({d.code})"),
            ("file", d.path),
            ("line", str(d.line)),
            ("col", str(d.column)),
            ("endLine", str(d.end_line)),
            ("endColumn", str(d.end_column)),
        )
    )
    message = _escape_data(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")
    return f"::error {properties}::{message}\n"


def statistics_lines(found: Sequence[Diagnostic], colour: Colour) -> list[str]:
    """``count  CODE  name``, most frequent first."""
    names = {d.code: d.name for d in found}
    counts = Counter(d.code for d in found)
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [
        f"{count:>{width}}  {colour.code(code)}  {names[code]}\n"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def statistics_json(found: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    names = {d.code: d.name for d in found}
    counts = Counter(d.code for d in found)
    return [
        {"code": code, "name": names[code], "count": count}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _artifact_uri(path: str) -> str:
    """A path as a SARIF URI: relative paths stay relative (to ``%SRCROOT%``)."""
    # surrogateescape: a name that is not UTF-8 is percent-encoded byte for byte.
    uri = quote(path.replace(os.sep, "/"), errors="surrogateescape")
    return "file://" + uri if os.path.isabs(path) else uri


def sarif_log(found: Sequence[Diagnostic], errors: Sequence[str], *, cwd: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every rule, every result, and the files that failed.

    Columns are counted in Unicode code points (``columnKind``), as in the text format.
    """
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why or rule.summary},
            "defaultConfiguration": {"enabled": rule.default, "level": "error"},
            "properties": {"stage": rule.stage.value},
        }
        for rule in RULES
    ]
    index = {rule.code: i for i, rule in enumerate(RULES)}
    results: list[dict[str, Any]] = []
    for d in found:
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
            "charOffset": d.start,
            "charLength": d.end - d.start,
        }
        location = {"artifactLocation": {"uri": _artifact_uri(d.path), "uriBaseId": "%SRCROOT%"}}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": "error",
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {**location, "region": region}}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.replacement is not None and d.applicable:
            result["fixes"] = [
                {
                    "description": {"text": f"{d.original!r} -> {d.replacement!r}"},
                    "artifactChanges": [
                        {
                            **location,
                            "replacements": [
                                {
                                    "deletedRegion": region,
                                    "insertedContent": {"text": d.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    root = "file://" + quote(cwd.replace(os.sep, "/").rstrip("/") + "/", errors="surrogateescape")
    notifications = [
        {"level": "error", "message": {"text": message}, "descriptor": {"id": "input"}}
        for message in errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "textmend",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }


def _split_lines(text: str) -> list[str]:
    # Split at \n only, keeping it: a \r stays part of its line, as patch(1) sees it.
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def render_diff(path: str, before: str, after: str, colour: Colour) -> str:
    """A unified diff from ``before`` to ``after`` that ``patch -p0`` applies to ``path``."""
    import difflib

    lines: list[str] = []
    for line in difflib.unified_diff(
        _split_lines(before),
        _split_lines(after),
        # The tab ends the name for patch(1), so names with spaces survive.
        fromfile=f"{path}\t(original)",
        tofile=f"{path}\t(mended)",
        n=3,
    ):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        if line.startswith(("---", "+++")):
            lines.append(colour.bold(line.rstrip("\n")) + "\n")
        elif line.startswith("@@"):
            lines.append(colour.cyan(line.rstrip("\n")) + "\n")
        elif line.startswith("-"):
            lines.append(colour.red(line.rstrip("\n")) + "\n" if colour.enabled else line)
        elif line.startswith("+"):
            lines.append(colour.green(line.rstrip("\n")) + "\n" if colour.enabled else line)
        else:
            lines.append(line)
    return "".join(lines)
