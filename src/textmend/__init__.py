"""textmend: repair damaged text.

>>> import textmend
>>> textmend.fix_text("會議指出,,產(chǎn)業(yè)園區(qū)是主陣地")
'会议指出，产业园区是主阵地'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textmend._model import Context, Edit, Rule, Stage, ZhScript
from textmend._pipeline import (
    Config,
    Finding,
    Fixed,
    Pipeline,
    Step,
    check_text,
    fix_and_explain,
    fix_text,
    pipeline,
    replay,
    select_rules,
)
from textmend._presets import PRESETS
from textmend._rules import RULES
from textmend.errors import ConfigError, ReplayError, TextmendError, UnknownRuleError

__version__ = "0.1.0"

# Bytes in: textmend.decoding pulls in chardet (tens of milliseconds), so its names
# load on first use and `import textmend` stays light for the CLI and pre-commit.
_DECODING = frozenset(
    {
        "BinaryInputError",
        "Decoded",
        "Detection",
        "EncodingMismatchError",
        "Segment",
        "StreamDecoder",
        "UndeterminedEncodingError",
        "UnencodableTextError",
        "UnknownEncodingError",
        "decode",
        "detect_encoding",
        "encode",
        "fix_bytes",
    }
)


def __getattr__(name: str) -> object:
    if name in _DECODING:
        import textmend.decoding as decoding

        value = getattr(decoding, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'textmend' has no attribute {name!r}")


if TYPE_CHECKING:
    from textmend.decoding import (
        BinaryInputError,
        Decoded,
        Detection,
        EncodingMismatchError,
        Segment,
        StreamDecoder,
        UndeterminedEncodingError,
        UnencodableTextError,
        UnknownEncodingError,
        decode,
        detect_encoding,
        encode,
        fix_bytes,
    )

__all__ = [
    "PRESETS",
    "RULES",
    "BinaryInputError",
    "Config",
    "ConfigError",
    "Context",
    "Decoded",
    "Detection",
    "Edit",
    "EncodingMismatchError",
    "Finding",
    "Fixed",
    "Pipeline",
    "ReplayError",
    "Rule",
    "Segment",
    "Stage",
    "Step",
    "StreamDecoder",
    "TextmendError",
    "UndeterminedEncodingError",
    "UnencodableTextError",
    "UnknownEncodingError",
    "UnknownRuleError",
    "ZhScript",
    "__version__",
    "check_text",
    "decode",
    "detect_encoding",
    "encode",
    "fix_and_explain",
    "fix_bytes",
    "fix_text",
    "pipeline",
    "replay",
    "select_rules",
]
