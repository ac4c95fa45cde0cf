"""Properties of the whole pipeline on generated text (the reliability issue extends this)."""

from __future__ import annotations

import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textmend
from damage import converter_damage, drop_gbk_byte

# Characters the rules react to, mixed with ordinary ones of several scripts.
ALPHABET = (
    "的是在产业园区发展會議產業們長調重乐樂著"  # Han, both scripts
    ",,,??!:;()（）、。，？“”"  # punctuation, ASCII and fullwidth
    "chǎnyèqūdeā12345 "  # pinyin material
    "ㄅㄆㄎ\ufffd\ue000ぁアΓλ"  # what misreads look like
    "ab1\n\t/:@`"
    "锛堟淳妫涓鍙鐨ｼｮ譌縺茅猫脿Ã©â€œ"  # mojibake of UTF-8 read as GBK, Shift-JIS, cp1252
)
texts = st.text(alphabet=ALPHABET, max_size=60)
settings.register_profile(
    "textmend", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("textmend")


@given(texts)
def test_fix_is_idempotent_and_replayable(text: str) -> None:
    fixed = textmend.fix_and_explain(text)
    assert textmend.replay(text, fixed.steps) == fixed.text
    assert textmend.fix_text(fixed.text) == fixed.text


@given(texts)
def test_check_finds_exactly_when_fix_changes(text: str) -> None:
    changed = textmend.fix_text(text) != text
    fixes = [f for f in textmend.check_text(text) if f.replacement is not None]
    assert bool(fixes) == changed


@given(st.text(max_size=40))
def test_any_text_is_accepted(text: str) -> None:
    # Arbitrary code points, lone surrogates included: never an exception.
    out = textmend.fix_text(text)
    assert isinstance(out, str)


SENTENCES = st.sampled_from(
    [
        "会议指出，产业园区是经济建设的主阵地，必须勇于担当。",
        "记者从市教育局获悉，今年全市共有三万名考生参加中考。",
        "学校组织学生参观了历史博物馆和科技馆，同学们收获很大。",
        "这项工程将于明年开工，总投资约为三十亿元。",
    ]
)


@given(st.lists(SENTENCES, min_size=1, max_size=4))
def test_converter_damage_is_undone(sentences: list[str]) -> None:
    clean = "".join(sentences)
    damaged = converter_damage(clean)
    if damaged.count("(") >= 3:
        assert textmend.fix_text(damaged) == clean


def _distance(a: str, b: str) -> int:
    """Characters inserted, deleted or replaced to turn ``a`` into ``b`` (diff-based)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    )


@given(SENTENCES, st.integers(min_value=0, max_value=20), st.sampled_from(["?", "\ufffd"]))
def test_misread_repair_only_brings_text_closer(sentence: str, index: int, mark: str) -> None:
    damaged = drop_gbk_byte(sentence, index, mark)
    fixed = textmend.fix_text(damaged, select=["TM201"])
    assert _distance(fixed, sentence) <= _distance(damaged, sentence)
