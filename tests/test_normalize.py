"""Normalisation rules: the behaviour the golden cases cannot show one by one."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textmend
from textmend import Context
from textmend._model import apply_edits
from textmend._rules import RULES, RULES_BY_NAME
from textmend.cli import main
from textmend.normalize.invisible import find_zero_width, looks_like_markup
from textmend.normalize.unicode_form import find_nfc

NORMALIZE = [rule for rule in RULES if rule.code.startswith("TM5") and rule.code != "TM510"]


@pytest.mark.parametrize("rule", NORMALIZE, ids=lambda r: r.code)
def test_each_rule_is_idempotent_on_its_examples(rule: textmend.Rule) -> None:
    for before, _ in rule.examples:
        once = rule(before)
        assert rule(once) == once


@pytest.mark.parametrize("rule", NORMALIZE, ids=lambda r: r.code)
def test_each_rule_documents_why_and_is_selectable(rule: textmend.Rule) -> None:
    assert rule.why
    assert textmend.select_rules(select=[rule.name]) == (rule,)
    assert len(rule.examples) >= 2
    # At least one example shows text the rule leaves alone.
    assert any(before == after for before, after in rule.examples)


def _compat_ideographs() -> list[str]:
    ranges = [(0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]
    return [
        chr(cp)
        for lo, hi in ranges
        for cp in range(lo, hi + 1)
        if unicodedata.normalize("NFC", chr(cp)) != chr(cp)
    ]


def test_nfc_keeps_every_compatibility_ideograph() -> None:
    chars = _compat_ideographs()
    assert len(chars) > 1000
    text = "".join(chars)
    assert list(find_nfc(text, Context())) == []
    # Beside text that does need composing, only that text changes.
    mixed = "e\u0301" + text[:50] + "A\u030a"
    assert apply_edits(mixed, find_nfc(mixed, Context())) == "\u00e9" + text[:50] + "\u00c5"


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
@settings(max_examples=200, deadline=None)
def test_nfc_rule_equals_nfc_outside_compatibility_ideographs(text: str) -> None:
    out = apply_edits(text, find_nfc(text, Context()))
    stripped = "".join(c for c in text if not ("\uf900" <= c <= "\ufaff" or c >= "\U0002f800"))
    if stripped == text:
        assert out == unicodedata.normalize("NFC", text)
    compat = set(_compat_ideographs())
    assert [c for c in out if c in compat] == [c for c in text if c in compat]


EMOJI_ZWJ = [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "\U0001f9d1\U0001f3fd\u200d\U0001f4bb",  # technologist, skin tone
    "\u2764\ufe0f\u200d\U0001f525",  # heart on fire
    "\U0001f468\u200d\U0001f9b0",  # man, red hair
    "\U0001f3c3\u200d\u2640\ufe0f",  # woman running
    "\U0001f441\ufe0f\u200d\U0001f5e8\ufe0f",  # eye in speech bubble
]


@pytest.mark.parametrize("sequence", EMOJI_ZWJ)
def test_emoji_zwj_sequences_survive_default(sequence: str) -> None:
    text = f"before {sequence} after"
    assert textmend.fix_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian می‌خواهم
        "\u0646\u0645\u06cc\u200c\u062f\u0627\u0646\u0645",  # Persian نمی‌دانم
        "\u0915\u094d\u200d\u0937",  # Devanagari half form
        "\u0930\u094d\u200d\u092f",  # Devanagari eyelash ra
        "\u0d05\u0d35\u0d28\u0d4d\u200d",  # Malayalam chillu (old encoding), at a word end
        "\u0915\u094d\u200c\u0937",  # Devanagari explicit virama
        "\u0dbb\u0dca\u200d\u0dba",  # Sinhala yansaya
    ],
)
def test_script_joiners_survive(text: str) -> None:
    assert list(find_zero_width(text, Context())) == []
    assert textmend.fix_text(text, preset="strict") == text


def test_zero_width_debris_goes() -> None:
    for text, expected in [
        ("pass\u200bword", "password"),
        ("\u200b\u200b\u200b", ""),
        ("line\u200d\n", "line\n"),
        ("a\u200cb", "ab"),  # Latin: no shaping to control
        ("\u2060start", "start"),
    ]:
        assert apply_edits(text, find_zero_width(text, Context())) == expected


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("<p>x</p>", True),
        ("<br/>", True),
        ('<a href="x">', True),
        ("<!-- note -->", True),
        ("<?xml version='1.0'?>", True),
        ("<!DOCTYPE html>", True),
        ("a < b and c > d", False),
        ("x<3 hearts>", False),
        ("5 &lt; 6", False),
    ],
)
def test_markup_detection(text: str, markup: bool) -> None:
    assert looks_like_markup(text) is markup


def test_entities_are_left_in_any_text_with_markup() -> None:
    text = "Notes &amp; more\n\n<div>Tom &amp; Jerry</div>"
    assert textmend.fix_text(text, select=["html-entities"]) == text


def test_entity_unescaping_converges_in_one_run() -> None:
    text = "&amp;amp;amp;amp;amp;lt;b&amp;amp;gt;"
    once = textmend.fix_text(text, select=["html-entities"])
    assert once == "<b>"
    assert textmend.fix_text(once, select=["html-entities"]) == once


def test_width_context_ignores_blanks_between() -> None:
    assert textmend.fix_text("中文 ＡＢＣ") == "中文 ＡＢＣ"
    assert textmend.fix_text("word ＡＢＣ") == "word ABC"
    assert textmend.fix_text("ＡＢＣ") == "ABC"
    assert textmend.fix_text("ＡＢＣ\n中文") == "ABC\n中文"


# --- Line endings in the CLI's file mode ---------------------------------------------


def test_cli_keeps_a_files_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("Ｈｅｌｌｏ，world\r\nnext  \r\n".encode())
    assert main(["fix", "-q", str(path)]) in (0, 1)
    assert path.read_bytes() == b"Hello, world\r\nnext  \r\n"


def test_cli_mixed_line_endings_only_when_selected(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    original = b"a\r\nb\r\nc\nd\r\n"
    path.write_bytes(original)
    main(["fix", "-q", str(path)])
    assert path.read_bytes() == original
    main(["fix", "-q", "--extend-select", "mixed-line-endings", str(path)])
    assert path.read_bytes() == b"a\r\nb\r\nc\r\nd\r\n"


def test_corpus_preset_makes_line_endings_uniform_but_keeps_uniform_files(tmp_path: Path) -> None:
    assert textmend.fix_text("a\r\nb\nc\n", preset="corpus") == "a\nb\nc\n"
    assert textmend.fix_text("a\r\nb\r\n", preset="corpus") == "a\r\nb\r\n"


# --- Properties over the normalisation rules -------------------------------------------

_ALPHABET = (
    "ａＢ１，．：！？（）［］　 \u00a0\u200b\u200c\u200d\u2060\ufeff\x1b[m;&#x0123456789abcdefg"
    "“”‘’\"'\r\n\t中文漢字かなｶﾀﾞﾟ한국eé\u0301\u0308\uf900ab"
)


@given(st.text(alphabet=_ALPHABET, max_size=50))
@settings(max_examples=300, deadline=None)
def test_strict_is_idempotent_replayable_and_checkable(text: str) -> None:
    fixed = textmend.fix_and_explain(text, preset="strict")
    assert textmend.fix_text(fixed.text, preset="strict") == fixed.text
    assert textmend.replay(text, fixed.steps) == fixed.text
    findings = textmend.check_text(text, preset="strict")
    findings = [f for f in findings if f.replacement is not None]
    assert bool(findings) == (fixed.text != text)


_CJK_ONLY = "中文漢字数据かなカナ한국，。、；：？！（）《》「」『』【】〈〉“”‘’…—·　\n"


@given(st.text(alphabet=_CJK_ONLY, max_size=60))
@settings(max_examples=200, deadline=None)
def test_cjk_text_and_punctuation_survive_safe_default_and_corpus(text: str) -> None:
    for preset in ("safe", "default", "corpus"):
        # Trailing blanks (ideographic spaces included) are corpus's business, not width's.
        out = textmend.fix_text(text, preset=preset, zh_script="keep", ignore=["TM541"])
        assert out == text


@pytest.mark.parametrize("name", ["nfkc", "straight-quotes", "corner-quotes", "nbsp"])
def test_opt_in_rules_are_off_by_default(name: str) -> None:
    assert not RULES_BY_NAME[name].default
    assert RULES_BY_NAME[name] not in textmend.Config().rules()


def test_every_normalisation_rule_has_golden_cases() -> None:
    from conftest import case_kwargs, golden_cases

    seen: dict[str, int] = {}
    for param in golden_cases():
        case = param.values[0]
        if not param.id.startswith("normalize-"):
            continue
        fixed = textmend.fix_and_explain(case["input"], **case_kwargs(case))
        for code in {step.code for step in fixed.steps}:
            seen[code] = seen.get(code, 0) + 1
    for rule in [*NORMALIZE, RULES_BY_NAME["zh-script"]]:
        assert seen.get(rule.code, 0) >= 2, rule.code


@pytest.mark.parametrize("rule", [*NORMALIZE, RULES_BY_NAME["zh-script"]], ids=lambda r: r.code)
def test_long_single_lines_take_linear_time(rule: textmend.Rule) -> None:
    # Every example repeated 8,000 times on one line (~100-300 KB): a rule that looked
    # at the whole line once per candidate took minutes here; linear rules take well
    # under a second even on a loaded machine.
    import time

    for before, _ in rule.examples:
        text = (before.replace("\n", " ").replace("\r", " ") + " ") * 8000
        started = time.perf_counter()
        textmend.fix_text(text, select=[rule.name], zh_script="hant")
        assert time.perf_counter() - started < 8, before
