"""textmend: repair damaged text.

>>> import textmend
>>> textmend.fix_text("會議指出,,產(chǎn)業(yè)園區(qū)是主陣地")
'会议指出，产业园区是主阵地'
"""

from __future__ import annotations

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

__all__ = [
    "PRESETS",
    "RULES",
    "Config",
    "ConfigError",
    "Context",
    "Edit",
    "Finding",
    "Fixed",
    "Pipeline",
    "ReplayError",
    "Rule",
    "Stage",
    "Step",
    "TextmendError",
    "UnknownRuleError",
    "ZhScript",
    "__version__",
    "check_text",
    "fix_and_explain",
    "fix_text",
    "pipeline",
    "replay",
    "select_rules",
]
