"""A griffe extension for the API reference: docstrings are written for ``help()``.

textmend's docstrings show examples as doctest sessions (``>>>``) and cross-refer
with reST roles (``:func:`fix_text```).  Rendered as Markdown, a ``>>>`` line is a
nested block quote and ``[('TM401', 2, 4)]`` a link; so before mkdocstrings renders
a docstring, each doctest session is fenced as ``pycon`` and each role becomes
inline code.  The docstrings themselves stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|exc|obj):`~?([^`]+)`")
_LITERAL = re.compile(r"::$")


def fence_doctests(text: str) -> str:
    """Wrap each doctest session (``>>>`` lines and their output) in a pycon fence."""
    out: list[str] = []
    session = False
    for line in text.splitlines():
        if line.lstrip().startswith(">>>") and not session:
            out.append("```pycon")
            session = True
        elif session and not line.strip():
            out.append("```")
            session = False
        out.append(line.strip() if session else line)
    if session:
        out.append("```")
    return "\n".join(out)


def markdown_docstring(text: str) -> str:
    """The docstring as Markdown: doctests fenced, reST roles as inline code."""
    return _ROLE.sub(r"`\1`", fence_doctests(text))


class DoctestFences(Extension):
    """Rewrite every docstring with :func:`markdown_docstring` as it is loaded."""

    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
