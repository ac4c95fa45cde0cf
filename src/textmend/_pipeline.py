"""Running rules: fix, check, explain, replay, and composition.

A run reads its evidence once from the original text (:func:`analyze`), then
applies the selected rules in registry order, repeating the pass until nothing
changes (at most :data:`MAX_PASSES` times, so a rule pair that undid each other
could never loop).  Every change is recorded as a :class:`Step`, so a run can
say what it did and :func:`replay` can do it again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, get_args

from textmend._model import Context, Edit, Rule, Stage, ZhScript, apply_edits
from textmend._presets import PRESETS
from textmend._rules import RULES, RULES_BY_CODE, RULES_BY_NAME
from textmend.errors import ConfigError, ReplayError, UnknownRuleError

__all__ = [
    "MAX_PASSES",
    "Config",
    "Finding",
    "Fixed",
    "Pipeline",
    "Step",
    "analyze",
    "check_text",
    "fix_and_explain",
    "fix_text",
    "pipeline",
    "replay",
    "select_rules",
]

MAX_PASSES = 4
ZH_SCRIPTS: tuple[str, ...] = get_args(ZhScript)


@dataclass(frozen=True, slots=True)
class Config:
    """Which rules run and how.  Frozen, hashable and picklable.

    >>> Config(select=("TM4",)).rules()[0].code
    'TM401'
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    preset: str = "default"
    zh_script: ZhScript = "auto"

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ConfigError(
                f"unknown preset {self.preset!r}; choose one of {', '.join(sorted(PRESETS))}"
            )
        if self.zh_script not in ZH_SCRIPTS:
            raise ConfigError(
                f"zh_script must be one of {', '.join(ZH_SCRIPTS)}, not {self.zh_script!r}"
            )
        # Accept any iterable of selectors, but store tuples so the config stays hashable.
        for name in ("select", "ignore", "extend_select"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise ConfigError(f"{name} takes a list of selectors, not the string {value!r}")
            if value is not None and not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def rules(self) -> tuple[Rule, ...]:
        """The rules this configuration runs, in execution order (memoised)."""
        return _resolve(self.select, self.ignore, self.extend_select, self.preset)


@functools.lru_cache(maxsize=256)
def _resolve(
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    preset: str,
) -> tuple[Rule, ...]:
    # Resolving selectors on every call was a third of the time over many small
    # files; configurations are few and hashable.
    return select_rules(select=select, ignore=ignore, extend_select=extend_select, preset=preset)


def _matching(selector: str) -> set[str]:
    if selector == "ALL":
        return set(RULES_BY_CODE)
    if selector in RULES_BY_NAME:
        return {RULES_BY_NAME[selector].code}
    codes = {code for code in RULES_BY_CODE if code.startswith(selector.upper())}
    if not codes or not selector[:2].upper() == "TM":
        raise UnknownRuleError(selector)
    return codes


def _names_one(selector: str) -> bool:
    return selector in RULES_BY_NAME or selector.upper() in RULES_BY_CODE


def select_rules(
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    preset: str = "default",
) -> tuple[Rule, ...]:
    """Resolve selectors (codes, prefixes, names) to rules in registry order.

    ``select`` replaces the preset's choice and may name rules that are off by
    default (so may a preset, by exact code or name); ``extend_select`` adds to
    it; ``ignore`` removes.
    """
    if select is not None:
        chosen = set().union(*(_matching(s) for s in select)) if select else set()
    else:
        if preset not in PRESETS:
            raise ConfigError(f"unknown preset {preset!r}")
        # A prefix or ALL in a preset takes the rules that are on by default; a
        # preset that names a rule exactly (code or name) turns it on regardless.
        chosen = {
            code
            for s in PRESETS[preset]["select"]
            for code in _matching(s)
            if RULES_BY_CODE[code].default or _names_one(s)
        }
    for s in extend_select:
        chosen |= _matching(s)
    for s in ignore:
        chosen -= _matching(s)
    return tuple(rule for rule in RULES if rule.code in chosen)


@functools.cache
def _cjk_text() -> re.Pattern[str]:
    from textmend._chars import CJK_TEXT

    return re.compile(f"[{CJK_TEXT}]")


def analyze(text: str, zh_script: ZhScript = "auto") -> Context:
    """Read the document-wide evidence the rules need from the original text."""
    from textmend.repair.annotations import orphan_annotations, shows_converter_artifact
    from textmend.repair.misalign import find_gbk_misalignment

    if _cjk_text().search(text) is None:
        # Pinyin annotations sit after Han characters and misread runs are CJK.
        return Context(zh_script=zh_script)
    artifact = shows_converter_artifact(text)
    byte_loss = (
        "\ufffd" in text
        or any(True for _ in find_gbk_misalignment(text, Context()))
        or (artifact and any(True for _ in orphan_annotations(text)))
    )
    return Context(zh_script=zh_script, converter_artifact=artifact, byte_loss=byte_loss)


@dataclass(frozen=True, slots=True)
class Step:
    """What one rule changed in one pass, in the coordinates of the text it saw."""

    code: str
    name: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Fixed:
    """The mended text and the steps that made it."""

    text: str
    steps: tuple[Step, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Finding:
    """A place where a rule applies, in the coordinates of the checked text."""

    code: str
    name: str
    start: int
    end: int
    message: str
    original: str
    replacement: str | None


@functools.cache
def _trigger_class(triggers: str) -> re.Pattern[str]:
    return re.compile(f"[{triggers}]")


class _Planned(NamedTuple):
    """A rule as the run loop needs it: its gates compiled once per rule tuple."""

    rule: Rule
    needs_non_ascii: bool
    requires: re.Pattern[str] | None
    triggers: re.Pattern[str] | None


# The plan of a tuple of rules, by the tuple's identity (hashing a tuple of rules
# would cost more than the plan saves); the tuple is kept so that its id is not
# reused.  Config.rules() returns the same tuple each time.
_PLANS: dict[int, tuple[Sequence[Rule], tuple[_Planned, ...], re.Pattern[str] | None]] = {}


def _plan(rules: Sequence[Rule]) -> tuple[tuple[_Planned, ...], re.Pattern[str] | None]:
    """Each rule with its compiled gates, and the one scan for every rule's triggers."""
    entry = _PLANS.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1], entry[2]
    steps = tuple(
        _Planned(
            rule,
            rule.needs_non_ascii,
            _trigger_class(rule.requires) if rule.requires else None,
            _trigger_class(rule.triggers) if rule.triggers else None,
        )
        for rule in rules
    )
    classes = "".join(rule.triggers for rule in rules)
    scan = re.compile(f"[{classes}]") if classes else None
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(rules)] = (rules, steps, scan)
    return steps, scan


class _Gates:
    """What the cheap gates know about one text at a time.

    The distinct trigger characters it holds (one scan for every rule's triggers)
    and whether it holds each class some rule requires (one search per class).
    """

    __slots__ = ("_holds", "_present", "_scan", "_text")

    def __init__(self, scan: re.Pattern[str] | None) -> None:
        self._scan = scan
        self._text: str | None = None
        self._present: str | None = None
        self._holds: dict[re.Pattern[str], bool] = {}

    def open(self, step: _Planned, text: str) -> bool:
        """Whether the step's rule could act on ``text``; ``False`` is certain."""
        if text is not self._text:
            self._text, self._present, self._holds = text, None, {}
        if step.requires is not None:
            held = self._holds.get(step.requires)
            if held is None:
                held = self._holds[step.requires] = step.requires.search(text) is not None
            if not held:
                return False
        if step.triggers is not None and self._scan is not None:
            if self._present is None:
                self._present = "".join(set(self._scan.findall(text)))
            if not step.triggers.search(self._present):
                return False
        return True


def _run(text: str, rules: Sequence[Rule], context: Context) -> Fixed:
    steps: list[Step] = []
    current = text
    plan, scan = _plan(rules)
    gates = _Gates(scan)
    # The text each rule last saw: a rule that saw exactly this text has nothing new
    # to do (rules are deterministic), so later passes only re-run rules whose input
    # changed after them.  str is immutable, so identity is enough.
    seen: dict[str, str] = {}
    for _ in range(MAX_PASSES):
        changed = False
        ascii_only = current.isascii()
        for step in plan:
            rule = step.rule
            if seen.get(rule.code) is current:
                continue
            seen[rule.code] = current
            if ascii_only and step.needs_non_ascii:
                continue
            if (step.requires or step.triggers) and not gates.open(step, current):
                continue
            edits = [e for e in rule.find(current, context) if e.changes]
            if not edits:
                continue
            current = apply_edits(current, edits)
            ascii_only = current.isascii()
            seen[rule.code] = current
            steps.append(Step(rule.code, rule.name, tuple(edits)))
            changed = True
        if not changed:
            break
        # What the repairs uncovered is evidence too: converter pinyin under mojibake,
        # or annotations that TM510 made Traditional.  Evidence only accumulates, and
        # rules run again when it grows, so a second run finds nothing left to do.
        grown = _grow(context, analyze(current, context.zh_script))
        if grown is not context:
            context, seen = grown, {}
    return Fixed(current, tuple(steps))


def _grow(context: Context, fresh: Context) -> Context:
    """``context`` with the evidence ``fresh`` adds, or ``context`` itself if none."""
    artifact = context.converter_artifact or fresh.converter_artifact
    loss = context.byte_loss or fresh.byte_loss
    if (artifact, loss) == (context.converter_artifact, context.byte_loss):
        return context
    return Context(zh_script=context.zh_script, converter_artifact=artifact, byte_loss=loss)


_DEFAULT_CONFIG = Config()


def _config(
    config: Config | None,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    preset: str | None,
    zh_script: ZhScript | None,
) -> Config:
    base = config or _DEFAULT_CONFIG
    overrides: dict[str, object] = {}
    if select is not None:
        overrides["select"] = tuple(select)
    if ignore is not None:
        overrides["ignore"] = tuple(ignore)
    if preset is not None:
        overrides["preset"] = preset
    if zh_script is not None:
        overrides["zh_script"] = zh_script
    if not overrides:
        return base
    from dataclasses import replace

    return replace(base, **overrides)  # type: ignore[arg-type]


def fix_and_explain(
    text: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    preset: str | None = None,
    zh_script: ZhScript | None = None,
    config: Config | None = None,
) -> Fixed:
    """Mend ``text`` and say how: the result and every step that made it.

    >>> fixed = fix_and_explain("会议指出,,产业园区")
    >>> fixed.text, [step.code for step in fixed.steps]
    ('会议指出，产业园区', ['TM401'])
    """
    if not isinstance(text, str):
        raise TypeError(
            f"textmend works on str, not {type(text).__name__}; "
            'decode bytes first, e.g. data.decode("utf-8")'
        )
    cfg = _config(config, select, ignore, preset, zh_script)
    return _run(text, cfg.rules(), analyze(text, cfg.zh_script))


def fix_text(
    text: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    preset: str | None = None,
    zh_script: ZhScript | None = None,
    config: Config | None = None,
) -> str:
    """Mend ``text`` with the selected rules and return the result.

    >>> fix_text("產(chǎn)業(yè)園區(qū)在瀏陽召開,。會議指出,,發展")
    '产业园区在浏阳召开。会议指出，发展'
    """
    return fix_and_explain(
        text, select=select, ignore=ignore, preset=preset, zh_script=zh_script, config=config
    ).text


def _map_back(pos: int, edits: Sequence[Edit], side: Literal["start", "end"]) -> int:
    """Map a position in the text after ``edits`` to the text before them."""
    delta = 0
    for edit in edits:
        assert edit.replacement is not None
        new_start = edit.start + delta
        new_end = new_start + len(edit.replacement)
        if pos <= new_start:
            return pos - delta
        if pos < new_end:
            # Inside a replacement: the finding covers the whole replaced stretch.
            return edit.start if side == "start" else edit.end
        delta += len(edit.replacement) - (edit.end - edit.start)
    return pos - delta


def check_text(
    text: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    preset: str | None = None,
    zh_script: ZhScript | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Report where the selected rules would change ``text``, without changing it.

    Positions are in ``text``.  Findings with a ``replacement`` exist exactly when
    :func:`fix_text` would change something; detect-only rules (data that is
    lost for good, for instance) add findings whose ``replacement`` is None.

    >>> [(f.code, f.start, f.end) for f in check_text("指出,,发展")]
    [('TM401', 2, 4)]
    """
    cfg = _config(config, select, ignore, preset, zh_script)
    rules = cfg.rules()
    context = analyze(text, cfg.zh_script)
    fixed = _run(text, rules, context)
    findings: list[Finding] = []
    for rule in rules:
        if rule.stage is Stage.DETECT:
            findings.extend(
                Finding(rule.code, rule.name, e.start, e.end, e.message, e.original, None)
                for e in rule.find(text, context)
            )
    for index, step in enumerate(fixed.steps):
        earlier = fixed.steps[:index]
        for edit in step.edits:
            start, end = edit.start, edit.end
            for previous in reversed(earlier):
                start = _map_back(start, previous.edits, "start")
                end = _map_back(end, previous.edits, "end")
            end = max(end, start)
            findings.append(
                Finding(
                    step.code, step.name, start, end, edit.message, edit.original, edit.replacement
                )
            )
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def replay(text: str, steps: Iterable[Step]) -> str:
    """Apply recorded steps to ``text``; reproduces :func:`fix_text` exactly.

    Raises :class:`~textmend.errors.ReplayError` if a step does not fit the
    text (it was recorded on a different input).

    >>> fixed = fix_and_explain("指出,,发展")
    >>> replay("指出,,发展", fixed.steps)
    '指出，发展'
    """
    current = text
    for step in steps:
        for edit in step.edits:
            if current[edit.start : edit.end] != edit.original:
                raise ReplayError(
                    f"step {step.code} expected {edit.original!r} at {edit.start}, found "
                    f"{current[edit.start : edit.end]!r}: the steps were recorded on other text"
                )
        current = apply_edits(current, step.edits)
    return current


Step_ = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Steps applied left to right; each is a rule or any ``str -> str`` callable."""

    steps: tuple[Step_, ...]

    def __call__(self, text: str) -> str:
        for step in self.steps:
            text = step(text)
        return text


def pipeline(*steps: Rule | Step_ | str) -> Pipeline:
    """Compose rules (objects, codes or names) and plain callables, left to right.

    >>> mend = pipeline("doubled-comma", str.strip)
    >>> mend(" 指出,,发展 ")
    '指出，发展'
    """
    resolved: list[Step_] = []
    for step in steps:
        if isinstance(step, str):
            rule = RULES_BY_CODE.get(step.upper()) or RULES_BY_NAME.get(step)
            if rule is None:
                raise UnknownRuleError(step)
            resolved.append(rule)
        elif callable(step):
            resolved.append(step)
        else:
            raise TypeError(f"pipeline steps are rules or str -> str callables, not {step!r}")
    return Pipeline(tuple(resolved))
