"""The exceptions textmend raises, all under one root."""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ReplayError",
    "TextmendError",
    "UnknownRuleError",
]


class TextmendError(Exception):
    """Root of every error textmend raises on purpose."""


class ConfigError(TextmendError, ValueError):
    """An option or preset that does not exist or does not fit together."""


class UnknownRuleError(ConfigError):
    """A selector that names no rule.

    The message lists what was asked for, so a typo in ``--select`` is easy to see.
    """

    def __init__(self, selector: str) -> None:
        super().__init__(
            f"no rule matches {selector!r}: use a code (TM401), a code prefix (TM4) "
            "or a rule name (doubled-comma); `textmend rules` lists them"
        )
        self.selector = selector


class ReplayError(TextmendError):
    """A replayed step does not fit the text it is applied to."""
