"""What is measured: textmend and ftfy, each as a corpus pipeline calls it.

``ftfy-corpus`` is ftfy as NeMo Curator and datatrove configure it for
training-data pipelines.  Both build the same ``ftfy.TextFixerConfig``:
everything on except ``fix_latin_ligatures``, ``fix_character_width``,
``uncurl_quotes`` and ``fix_line_breaks``, and no Unicode normalisation
(NVIDIA/NeMo-Curator ``nemo_curator/modifiers/unicode_reformatter.py``,
``UnicodeReformatter``; huggingface/datatrove
``src/datatrove/pipeline/formatters/ftfy.py``, ``FTFYFormatter``).  Neither
passes ``explain=False`` (NeMo Curator passes ``explain=True``), and
``ftfy.fix_text`` keeps a caller's config as it is, so their runs build ftfy's
explanations; so does this one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

__all__ = ["CONTENDERS", "contender"]

#: Name -> what the tables call it.
CONTENDERS: dict[str, str] = {
    "textmend": "textmend.fix_text (defaults)",
    "ftfy": "ftfy.fix_text (defaults)",
    "ftfy-corpus": "ftfy.fix_text (NeMo Curator / datatrove settings)",
}


@cache
def contender(name: str) -> Callable[[str], str]:
    """The ``str -> str`` function a contender's name stands for."""
    if name == "textmend":
        import textmend

        return textmend.fix_text
    import ftfy

    if name == "ftfy":
        return ftfy.fix_text
    if name == "ftfy-corpus":
        config = ftfy.TextFixerConfig(
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            normalization=None,
        )

        def fix_corpus(text: str) -> str:
            return ftfy.fix_text(text, config=config)

        return fix_corpus
    raise KeyError(name)
