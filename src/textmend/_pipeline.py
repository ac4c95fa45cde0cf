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
from typing import TYPE_CHECKING, Literal, NamedTuple, get_args

from textmend._chars import CJK_TEXT, char_class
from textmend._model import Context, Edit, Rule, Stage, ZhScript, apply_edits
from textmend._presets import PRESETS
from textmend._rules import RULES, RULES_BY_CODE, RULES_BY_NAME
from textmend.errors import ConfigError, ReplayError, UnknownRuleError

if TYPE_CHECKING:
    import regex

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
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@functools.cache
def _gate(pattern: str) -> regex.Pattern[str]:
    # The regex module: gates look around for CJK text, whose classes it compiles in a
    # fraction of the time, and it scans for one range of characters faster.
    import regex

    compiled = regex.compile(pattern)
    _LITERALS[compiled] = _literal_prefix(pattern)
    return compiled


#: The literal text each gate's matches start with ("" if none), by compiled gate.
_LITERALS: dict[regex.Pattern[str], str] = {}


def _literal_prefix(pattern: str) -> str:
    """The characters every match of ``pattern`` starts with, as far as plainly readable.

    >>> _literal_prefix(",,"), _literal_prefix(",[?!]"), _literal_prefix("ab*")
    (',,', ',', 'a')
    >>> _literal_prefix("[a]"), _literal_prefix("a|b"), _literal_prefix("ab(?i)")
    ('', '', '')
    """
    if "|" in pattern or re.search(r"\(\?[a-zA-Z]", pattern):
        # Perhaps an alternative at the top, which starts elsewhere, or an inline flag
        # (case-blind matching) that reaches back to the literal.
        return ""
    prefix: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            char, step = pattern[i + 1], 2
        elif char in "\\.^$*+?{}[]()|":
            break
        else:
            step = 1
        if pattern[i + step : i + step + 1] in ("*", "?", "{", "+"):
            # Quantified: it may match no or many times.
            break
        prefix.append(char)
        i += step
    return "".join(prefix)


@functools.cache
def _cjk_text() -> re.Pattern[str]:
    return _compiled(char_class(CJK_TEXT))


def analyze(text: str, zh_script: ZhScript = "auto") -> Context:
    """Read the document-wide evidence the rules need from the original text."""
    evidence = _context(text, zh_script)
    return Context(zh_script, evidence.converter_artifact, evidence.byte_loss)


def _context(text: str, zh_script: ZhScript = "auto") -> Context:
    """:func:`analyze`'s evidence, read only when a rule asks for it."""
    return _Evidence(text, zh_script, cjk=_cjk_text().search(text) is not None)


class _Evidence(Context):
    """A run's context, whose evidence is read from the text when a rule first asks.

    Most texts never make a rule ask (the gates skip the rules that would), and the
    evidence costs searches of its own: a misread double-byte run is looked for in
    every CJK text.
    """

    __slots__ = ("_artifact", "_loss", "_text")
    _artifact: bool | None
    _loss: bool | None
    _text: str

    def __init__(self, text: str, zh_script: ZhScript, *, cjk: bool) -> None:
        # Pinyin annotations sit after Han characters and misread runs are CJK.
        unknown = None if cjk else False
        object.__setattr__(self, "zh_script", zh_script)
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_artifact", unknown)
        object.__setattr__(self, "_loss", unknown)

    @property
    def converter_artifact(self) -> bool:
        artifact = self._artifact
        if artifact is None:
            from textmend.repair.annotations import shows_converter_artifact

            artifact = shows_converter_artifact(self._text)
            object.__setattr__(self, "_artifact", artifact)
        return artifact

    @property
    def byte_loss(self) -> bool:
        loss = self._loss
        if loss is None:
            from textmend.repair.annotations import orphan_annotations
            from textmend.repair.misalign import find_gbk_misalignment

            text = self._text
            loss = (
                "\ufffd" in text
                or (self.converter_artifact and any(True for _ in orphan_annotations(text)))
                or any(True for _ in find_gbk_misalignment(text, Context()))
            )
            object.__setattr__(self, "_loss", loss)
        return loss


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


_ASCII = "".join(map(chr, range(128)))
#: How far the plan looks for CJK text before it guesses the text has none.
_LOOK_AHEAD = 256


class _Planned(NamedTuple):
    """A rule as the run loop needs it: its gates compiled once per rule tuple."""

    rule: Rule
    needs_non_ascii: bool
    requires: str
    triggers: re.Pattern[str] | None
    gates: tuple[regex.Pattern[str], ...]


class _Facts(NamedTuple):
    """What the gates know about one text."""

    #: For each step of the plan, whether its rule could act on the text (``False``
    #: is certain).
    open: tuple[bool, ...]
    #: The text holds East Asian text (``CJK_TEXT``): the evidence is worth reading.
    cjk: bool


if TYPE_CHECKING:
    # Which steps are open before their gate patterns are searched, and the steps whose
    # gate patterns are still to search.
    _Verdict = tuple[tuple[bool, ...], tuple[tuple[int, tuple[regex.Pattern[str], ...]], ...]]


class _Plan:
    """A tuple of rules, planned once: each rule's gates and the scans shared by all.

    Each text pays one scan for every rule's triggers (the distinct trigger
    characters it holds), one search per class that rules require, and one search per
    distinct gate pattern of the rules still open; the verdict on the triggers and the
    classes is remembered, since texts of one corpus hold few combinations of them.
    """

    __slots__ = (
        "_known",
        "_triggered",
        "ascii_patterns",
        "ascii_scan",
        "classes",
        "patterns",
        "probe",
        "rules",
        "scan",
        "steps",
    )

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = rules
        self.steps = tuple(
            _Planned(
                rule,
                rule.needs_non_ascii,
                rule.requires,
                _compiled(f"[{rule.triggers}]") if rule.triggers else None,
                tuple(_gate(gate) for gate in rule.gates),
            )
            for rule in rules
        )
        triggers = "".join(rule.triggers for rule in rules)
        self.scan = _compiled(f"[{triggers}]") if triggers else None
        # Pure ASCII text can only hold the ASCII triggers of the rules that run on it.
        ascii_triggers = "".join(
            re.escape(char)
            for char in _ASCII
            if any(
                s.triggers and s.triggers.match(char) for s in self.steps if not s.needs_non_ascii
            )
        )
        self.ascii_scan = _compiled(f"[{ascii_triggers}]") if ascii_triggers else None
        # Every required class, and the evidence's own, searched once per text; on pure
        # ASCII text only those with an ASCII member.
        self.classes = tuple(
            dict.fromkeys([CJK_TEXT, *(s.requires for s in self.steps if s.requires)])
        )
        self.patterns = tuple(_compiled(char_class(c)) for c in self.classes)
        self.ascii_patterns = tuple(p if p.search(_ASCII) else None for p in self.patterns)
        # Any trigger or CJK character; from the first CJK character that is no trigger
        # on, the rest of the text.
        rest = f"(?<![{triggers}])(?s:.*)" if triggers else "(?s:.*)"
        self.probe = _compiled(f"{char_class(triggers + CJK_TEXT)}(?:{rest})?")
        self._known: dict[tuple[bool, frozenset[str], tuple[bool, ...]], _Verdict] = {}
        self._triggered: dict[str, int] = {}

    def facts(self, text: str) -> _Facts:
        """Which rules could act on ``text``, and what the evidence needs to know."""
        ascii_only = text.isascii()
        if ascii_only:
            scan = self.ascii_scan
            holds = tuple(p is not None and p.search(text) is not None for p in self.ascii_patterns)
            present = frozenset(scan.findall(text)) if scan is not None else frozenset()
        else:
            holds, present = self._scan(text)
        key = (ascii_only, present, holds)
        verdict = self._known.get(key)
        if verdict is None:
            verdict = self._verdict(ascii_only, present, holds)
            if len(self._known) > 4096:
                self._known.clear()
            self._known[key] = verdict
        opened, gated = verdict
        if gated:
            found: dict[regex.Pattern[str], bool] = {}
            flags = list(opened)
            for i, gates in gated:
                for gate in gates:
                    hit = found.get(gate)
                    if hit is None:
                        # The literal every match starts with, looked for first at C
                        # speed: most texts lack it, and a search costs a call of the
                        # regex module.
                        literal = _LITERALS.get(gate, "")
                        hit = found[gate] = literal in text and gate.search(text) is not None
                    if hit:
                        break
                else:
                    flags[i] = False
            opened = tuple(flags)
        return _Facts(opened, holds[0])

    def _scan(self, text: str) -> tuple[tuple[bool, ...], frozenset[str]]:
        """Whether ``text`` holds each required class, and its distinct trigger characters."""
        scan, cjk = self.scan, self.patterns[0]
        if cjk.search(text, 0, _LOOK_AHEAD) is None:
            # Perhaps no CJK at all (English): one scan that stops collecting triggers at
            # the first CJK character, where the search for CJK would be a scan of its own.
            found = self.probe.findall(text)
            last = found[-1] if found else ""
            if cjk.match(last) and (scan is None or scan.match(last) is None):
                rest = len(text) - len(last)
                present = frozenset(found[:-1])
                if scan is not None:
                    present |= frozenset(scan.findall(text, rest))
                held = True
            else:
                present = frozenset(found)
                held = cjk.search("".join(present)) is not None
        else:
            present = frozenset(scan.findall(text)) if scan is not None else frozenset()
            held = True
        return (held, *(p.search(text) is not None for p in self.patterns[1:])), present

    def _verdict(
        self, ascii_only: bool, present: frozenset[str], holds: tuple[bool, ...]
    ) -> _Verdict:
        # The steps each present character triggers, as bits, remembered per character:
        # English and mixed text hold many combinations of a few hundred characters.
        triggered = 0
        for char in present:
            bits = self._triggered.get(char)
            if bits is None:
                bits = self._triggered[char] = sum(
                    1 << i
                    for i, s in enumerate(self.steps)
                    if s.triggers is not None and s.triggers.match(char)
                )
            triggered |= bits
        held = dict(zip(self.classes, holds, strict=True))
        opened = tuple(
            not (ascii_only and s.needs_non_ascii)
            and (not s.requires or held[s.requires])
            and (s.triggers is None or bool(triggered >> i & 1))
            for i, s in enumerate(self.steps)
        )
        gated = tuple((i, s.gates) for i, s in enumerate(self.steps) if opened[i] and s.gates)
        return opened, gated


# The plan of a tuple of rules, by the tuple's identity (hashing a tuple of rules
# would cost more than the plan saves); the plan keeps the tuple, so that its id is
# not reused.  Config.rules() returns the same tuple each time.
_PLANS: dict[int, _Plan] = {}


def _plan(rules: Sequence[Rule]) -> _Plan:
    plan = _PLANS.get(id(rules))
    if plan is not None and plan.rules is rules:
        return plan
    plan = _Plan(rules)
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(rules)] = plan
    return plan


def _run(
    text: str, rules: Sequence[Rule], context: Context | None = None, zh_script: ZhScript = "auto"
) -> Fixed:
    """Apply ``rules`` to ``text``; without a ``context``, read its evidence from ``text``."""
    found: list[Step] = []
    current = text
    plan = _plan(rules)
    steps = plan.steps
    facts = plan.facts(current)
    if context is None:
        context = _Evidence(current, zh_script, cjk=facts.cjk)
    # The text each rule last saw: a rule that saw exactly this text has nothing new
    # to do (rules are deterministic), so later passes only re-run rules whose input
    # changed after them.  str is immutable, so identity is enough.
    seen: list[str | None] = [None] * len(steps)
    for _settle in range(2):
        for _ in range(MAX_PASSES):
            changed = False
            opened = facts.open
            for i, step in enumerate(steps):
                if not opened[i] or seen[i] is current:
                    continue
                seen[i] = current
                rule = step.rule
                edits = [e for e in rule.find(current, context) if e.changes]
                if not edits:
                    continue
                current = apply_edits(current, edits)
                seen[i] = current
                found.append(Step(rule.code, rule.name, tuple(edits)))
                changed = True
                facts = plan.facts(current)
                opened = facts.open
            if not changed:
                break
            # What the repairs uncovered is evidence too: converter pinyin under mojibake,
            # or annotations that TM510 made Traditional.  Within a round evidence only
            # accumulates, and rules run again when it grows; evidence that vanished with
            # the damage is settled below.
            grown = _grow(context, _Evidence(current, context.zh_script, cjk=facts.cjk))
            if grown is not context:
                context, seen = grown, [None] * len(steps)
        if not found:
            break
        # A second run reads its evidence afresh from this run's output, and evidence
        # read from the damage can vanish with it (a misread run that was the text's
        # only sign of lost bytes, where TM403 held back from a '?').  Settle against
        # that run here, so that fixing twice is fixing once.
        fresh = _Evidence(current, context.zh_script, cjk=facts.cjk)
        if (fresh.converter_artifact, fresh.byte_loss) == (
            context.converter_artifact,
            context.byte_loss,
        ):
            break
        context, seen = fresh, [None] * len(steps)
    return Fixed(current, tuple(found))


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
    return _run(text, cfg.rules(), zh_script=cfg.zh_script)


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
    context = _context(text, cfg.zh_script)
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
