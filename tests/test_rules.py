"""The registry: well-formed records, and every rule example run as a test."""

from __future__ import annotations

import pickle
import re

import pytest
import regex

import textmend
from textmend import RULES, Config, Stage
from textmend._rules import RULES_BY_CODE

FAMILIES = {"1": "bytes", "2": "mojibake", "3": "artifacts", "4": "punctuation", "5": "normalise"}


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"TM[1-5]\d\d", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.summary and len(rule.summary) <= 100
        assert rule.examples, f"{rule.code} has no examples"
        assert rule.code[2] in FAMILIES


def test_registry_order_follows_the_families() -> None:
    # Execution order: bytes, mojibake, artifacts, punctuation, form. Within a family
    # the order is chosen (encoding mixups before misalignment), not the code order.
    families = [rule.code[2] for rule in RULES]
    assert families == sorted(families)


def test_normalisation_rules_are_not_in_the_safe_preset() -> None:
    safe = Config(preset="safe").rules()
    assert safe
    assert all(rule.stage in (Stage.REPAIR, Stage.DETECT) for rule in safe)


EXAMPLES = [
    pytest.param(rule, before, after, id=f"{rule.code}-{i}")
    for rule in RULES
    for i, (before, after) in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "before", "after"), EXAMPLES)
def test_rule_example(rule: textmend.Rule, before: str, after: str) -> None:
    assert rule(before) == after
    # find and fix share the matcher: an example that changes has edits, and the reverse.
    context = textmend._pipeline.analyze(before)
    assert any(edit.changes for edit in rule.find(before, context)) == (before != after)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rules_pickle(rule: textmend.Rule) -> None:
    assert pickle.loads(pickle.dumps(rule)) == rule


def test_rule_lookup_by_code_and_name() -> None:
    assert RULES_BY_CODE["TM401"].name == "doubled-comma"
    assert [r.code for r in textmend.select_rules(select=["doubled-comma", "TM40"])] == [
        "TM401",
        "TM402",
        "TM403",
        "TM404",
    ]


@pytest.mark.parametrize("rule", [r for r in RULES if r.needs_non_ascii], ids=lambda r: r.code)
def test_rules_that_skip_ascii_never_act_on_ascii(rule: textmend.Rule) -> None:
    # The pipeline skips these rules on pure ASCII; check that this loses nothing.
    import string

    samples = [string.printable, "a,,b (c) d?e 16:32 https://x.y/a,b `x,y` ,,,, ((((", ""]
    for sample in samples:
        context = textmend._pipeline.analyze(sample)
        assert list(rule.find(sample, context)) == []


def _texts_with_changes() -> list[str]:
    """Every input the suite knows to need mending: rule examples and golden cases."""
    from conftest import golden_cases

    texts = [before for rule in RULES for before, after in rule.examples if before != after]
    texts += [param.values[0]["input"] for param in golden_cases()]
    return texts


GATED = [r for r in RULES if r.triggers or r.requires or r.gates]


@pytest.mark.parametrize("rule", GATED, ids=lambda r: r.code)
def test_gates_are_open_wherever_the_rule_acts(rule: textmend.Rule) -> None:
    """The pipeline skips a rule whose triggers, required characters or gate pattern
    are absent: that must never hide an edit."""
    from textmend._pipeline import analyze

    for text in _texts_with_changes():
        if any(edit.changes for edit in rule.find(text, analyze(text))):
            for chars in (rule.triggers, rule.requires):
                assert not chars or re.search(f"[{chars}]", text), (rule.code, text)
            assert not rule.gates or any(regex.search(g, text) for g in rule.gates), (
                rule.code,
                text,
            )


def test_trigger_skips_change_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules see intermediate text too: gated and ungated runs must agree on every input."""
    from textmend import _pipeline

    texts = _texts_with_changes()
    gated = [textmend.fix_text(text) for text in texts]
    facts = _pipeline._Plan.facts

    def everything_open(self: _pipeline._Plan, text: str) -> _pipeline._Facts:
        return facts(self, text)._replace(open=(True,) * len(self.steps))

    monkeypatch.setattr(_pipeline._Plan, "facts", everything_open)
    assert [textmend.fix_text(text) for text in texts] == gated


@pytest.mark.parametrize("rule", GATED, ids=lambda r: r.code)
def test_triggers_join_safely(rule: textmend.Rule) -> None:
    """The pipeline joins every rule's triggers into one class: no dangling range or escape."""
    for chars in (rule.triggers, rule.requires):
        if chars:
            re.compile(f"[{chars}]")
    for gate in rule.gates:
        regex.compile(gate)
    assert not rule.triggers.startswith(("-", "^", "]"))
    assert not rule.triggers.endswith(("-", "\\"))


def test_the_plans_one_scan_finds_what_plain_searches_find() -> None:
    """The plan collects trigger characters and looks for CJK text in one scan where it
    can; it must see exactly what a search for each would."""
    from pathlib import Path

    from textmend import _pipeline

    clean = Path(__file__).parent.parent / "fixtures" / "clean"
    texts = _texts_with_changes() + [p.read_text(encoding="utf-8") for p in clean.glob("*.txt")]
    texts += [
        "caf\u00e9 " * 100 + "\u4e2d\u6587 caf\u00e9\u00a0\u3000\u200b",  # CJK past the first look
        "\u3000" + "x" * 300 + "\u00e9",  # a trigger that is CJK text too, first
        "\u00e9" * 300 + "\ufffd",
        "\u201cplain\u201d",
    ]
    for preset in ("default", "corpus", "strict"):
        plan = _pipeline._plan(Config(preset=preset).rules())
        assert plan.scan is not None
        for text in texts:
            holds, present = plan._scan(text)
            assert holds == tuple(p.search(text) is not None for p in plan.patterns), text
            assert present == frozenset(plan.scan.findall(text)), text


def test_char_class_matches_what_the_plain_class_matches() -> None:
    """The cheap-to-compile form of a class holds exactly the same characters."""
    from textmend import _chars
    from textmend._chars import char_class

    classes = [r.triggers for r in RULES if r.triggers] + [r.requires for r in RULES if r.requires]
    classes += [_chars.CJK_TEXT, _chars.CJK_CONTEXT, _chars.HAN, _chars.KANA, _chars.HANGUL]
    classes += ["\\u3000-\\uffff", "a\\-z", "-a", "a-", "\\x80-\\x9f\\ufffd", "\\\\"]
    for chars in set(classes):
        plain, cheap = re.compile(f"[{chars}]"), re.compile(char_class(chars))
        edges = {
            cp + d
            for m in re.finditer(r"\\[xuU]([0-9a-fA-F]+)", cheap.pattern + plain.pattern)
            for cp in [int(m.group(1), 16)]
            for d in (-1, 0, 1)
        }
        edges |= {ord(c) + d for c in chars for d in (-1, 0, 1)}
        points = sorted(edges | set(range(0, 0x40000, 97)) | {0x10FFFF})
        for cp in points:
            if 0 <= cp <= 0x10FFFF:
                char = chr(cp)
                assert bool(plain.match(char)) == bool(cheap.match(char)), (chars, hex(cp))
    assert char_class(_chars.CJK_TEXT).startswith("[^")


def test_tm403_ascii_look_hides_no_mark() -> None:
    """TM403 looks for a mark between non-ASCII characters in the text written as ASCII
    before it runs its pattern; every match of the pattern must pass that look."""
    import random

    from textmend.repair import punctuation

    single = punctuation._patterns().single
    table = punctuation._marks_as_comma()
    alphabet = "\u4e2d\u6587,:;!?1a \u3002\u201c\u201d\uff08\u300a\n\U00020000"
    rng = random.Random(403)
    texts = ["6\u67083\u65e5,\u5168\u7701", "\u4ed6\u8bf4:\u201c\u597d\u201d", "3,000\u5143"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 10))) for _ in range(5000)]
    for text in texts:
        if "?" not in text and single.search(text):
            assert b"?,?" in text.encode("ascii", "replace").translate(table), text


def test_a_gates_literal_is_in_every_text_it_matches() -> None:
    """The plan looks for a gate's leading literal before searching the gate: every
    text the gate matches must hold it."""
    from textmend._pipeline import _literal_prefix

    texts = [*_texts_with_changes(), "a,,b", "\u4e2d,\u3002", "(\u4e2d)", "\uff08x)"]
    for rule in RULES:
        for gate in rule.gates:
            literal = _literal_prefix(gate)
            for text in texts:
                if regex.search(gate, text):
                    assert literal in text, (rule.code, gate, text)
    assert _literal_prefix("x(?i)") == _literal_prefix("a|b") == ""


def test_letters_marked_finds_every_letter_glued_to_non_ascii() -> None:
    import random

    from textmend._chars import letters_marked

    alphabet = "aZ?\u4e2d\U00020000\ud800 ,\n\u00e9"
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 10)))
        marked = letters_marked(text)
        assert len(marked) == len(text)
        for char, byte in zip(text, marked, strict=True):
            letter = char.isascii() and char.isalpha()
            assert (byte == ord("a")) == letter
            assert (byte == ord("?")) == (char == "?" or not char.isascii())


def test_tm210_skips_no_text_its_pair_pattern_matches() -> None:
    """TM210's record triggers leave out curly quotes and dashes, which lead a pair only
    before a continuation character, itself a trigger: derived as written, and every
    text the rule's pair pattern (its own gate) matches holds a trigger."""
    import random

    from textmend.repair import mojibake_latin as latin

    gate = re.compile(f"[{latin.GATE_TRIGGERS}]")
    derived = latin._gate_triggers()
    assert all(bool(gate.match(chr(code))) == (chr(code) in derived) for code in range(0x10000))
    assert RULES_BY_CODE["TM210"].triggers == latin.GATE_TRIGGERS
    # Structurally: a pair starts at a lead of some codec's branch, then its continuations.
    for key, continuations in latin._by_leads().items():
        leads = re.compile(f"[{key[2:]}]")
        for code in range(0x10000):
            if leads.match(chr(code)) and not gate.match(chr(code)):
                assert all(gate.match(c) for c in continuations), (key[:2], chr(code))
    assert all(gate.match(c) for c in "\u00c2\u00c3\ufffd" + "".join(map(chr, range(0x80, 0xA0))))
    # And by example: mojibake of quotes and dashes, and random pairs.
    pairs = latin._pair_pattern()
    alphabet = latin.PUNCTUATION_LEADS + "\u4e2d a\u00e9\u00a2\u00b0\u2122\u00c2\n"
    rng = random.Random(210)
    texts = ["\u201c\u00a2", "\u2014\u00b0C"]
    texts.append("caf\u00e9 \u201cmenu\u201d".encode().decode("mac_roman"))
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 8))) for _ in range(5000)]
    for text in texts:
        if pairs.search(text):
            assert gate.search(text), text


def test_glued_positions_are_those_a_scan_for_the_class_finds() -> None:
    """TM220 and TM240 find characters glued to a Latin letter in the text written one
    byte per character; that must find exactly what a scan for the class finds."""
    import random

    from textmend.repair import _cjk_evidence

    members, extra, _ = _cjk_evidence._glued()
    body = _cjk_evidence._classes()["latin_like"][1:-1]
    assert members == _cjk_evidence._members(body) | extra
    scan = re.compile(f"[{body}{''.join(sorted(extra))}](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")
    alphabet = "aZ?\u4e2d\u8305\ucc55\u00aa\u00c6\uff0a\u828b \n,\u00e9\u014d\u00ff\u0100\U00020000"
    rng = random.Random(220)
    texts = [*_texts_with_changes(), "caf\u8305 \u4e2d\u6587", "\u957f (ch\u828dng) \u8d70x"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(5000)]
    texts += ["\u4e2d" * 20 + t for t in texts[-500:]]
    for text in texts:
        found = _cjk_evidence._glued_positions(text)
        assert found == [m.start() for m in scan.finditer(text)], text
