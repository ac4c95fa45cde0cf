"""TM201 (double-byte text read out of step after a lost byte) and the ``?`` it leaves.

The fixtures in fixtures/cases/misalignment.json show single cases; these tests
drop every byte of whole lines and check what comes back, that clean text and
misread UTF-8 are left alone, and that the output is always a fixed point.
"""

from __future__ import annotations

import pytest

import textmend
from damage import drop_byte, drop_gbk_byte
from textmend._model import Context, apply_edits
from textmend.repair.misalign import find_gbk_misalignment, question_stands_for_lost_bytes

BIG5_LINE = "臺北市今天天氣晴朗，氣溫攝氏二十八度，適合出門走走。"
GBK_LINE = "新华社长沙电（记者王明）今天上午，全省产业园区高质量发展推进会在浏阳召开。"


def tm201(text: str) -> str:
    return apply_edits(text, find_gbk_misalignment(text, Context()))


def _restored(expected: str, got: str) -> int:
    """Characters of ``expected`` (U+FFFD aside) standing at the same place in ``got``."""
    if len(got) != len(expected):
        return 0
    return sum(1 for a, b in zip(expected, got, strict=True) if a == b and a != "\ufffd")


@pytest.mark.parametrize(("line", "codec"), [(BIG5_LINE, "big5"), (GBK_LINE, "gbk")])
def test_every_drop_position_only_brings_the_line_closer(line: str, codec: str) -> None:
    # Big5 trail bytes 0x40-0x7E are ASCII letters: out of step, the decoder prints
    # one and is back in step (，is A1 41, "A"), with no mark at all.
    better = 0
    for index in range(len(line)):
        for which in (0, 1):
            damaged = drop_byte(line, index, which, codec)
            expected = line[:index] + "\ufffd" + line[index + 1 :]
            repaired = tm201(damaged)
            assert _restored(expected, repaired) >= _restored(expected, damaged), damaged
            assert tm201(repaired) == repaired
            better += _restored(expected, repaired) > _restored(expected, damaged)
    assert better >= len(line) // 2


def test_big5_run_ended_by_a_glued_letter_is_re_read() -> None:
    damaged = drop_byte(BIG5_LINE, 2, 0, "big5")  # 市 lost its lead byte
    assert damaged == "臺北咫竣悀悎薶葬唌A氣溫攝氏二十八度，適合出門走走。"  # no mark anywhere
    assert tm201(damaged) == "臺北\ufffd今天天氣晴朗，氣溫攝氏二十八度，適合出門走走。"


def test_clean_lines_with_single_letters_are_left_alone() -> None:
    for text in ["维生素C的含量很高", "他买了A股和B股。", "用C语言写的程序", "拍X光片"]:
        assert list(find_gbk_misalignment(text, Context())) == []


def test_misread_utf8_is_left_to_tm220_and_fixed_once() -> None:
    text = "\ufffd喔笟喔ム箟喔侧笝喔笝"  # Thai as UTF-8, read as GBK with replacement
    assert tm201(text) == text
    once = textmend.fix_text(text)
    assert textmend.fix_text(once) == once


def test_a_question_mark_for_lost_bytes_is_not_widened() -> None:
    damaged = drop_gbk_byte(GBK_LINE, 5)
    assert "纾?记者" in damaged
    fixed = textmend.fix_text(damaged)
    assert "\uff1f" not in fixed
    assert "纾?记者" in fixed or "\ufffd" in fixed


def test_real_questions_are_still_widened() -> None:
    assert textmend.fix_text("你今天去吗?我明天去。") == "你今天去吗？我明天去。"
    assert not question_stands_for_lost_bytes("你去吗?我", 3)
    assert not question_stands_for_lost_bytes("晴れですか?", 5)
    assert question_stands_for_lost_bytes("长沙纾?记者", 3)


def test_chinese_read_as_euc_kr_is_scored_as_chinese() -> None:
    line = "在資訊科技快速發展的今天, 開發及測試軟體的速度是不容忽視的課題。"
    damaged = drop_byte(line, 15, 0, "euc_kr")  # 開 lost its lead byte
    repaired = tm201(damaged)
    expected = line[:15] + "\ufffd" + line[16:]
    assert _restored(expected, repaired) >= _restored(expected, damaged) + 10


def test_compatibility_hanja_are_not_re_read() -> None:
    # KS X 1001's duplicate hanja (U+F900 block) score as their unified twins, so a
    # list of them before a lost byte stays as it is.
    line = "豈更車賈滑串句龜龜契金喇奈懶癩羅蘿螺裸邏樂洛烙珞落酪駱亂卵欄爛蘭"
    damaged = drop_byte(line, 20, 1, "euc_kr")
    repaired = tm201(damaged)
    assert repaired[:20] == line[:20]


def test_glued_letters_are_found_as_the_plain_pattern_finds_them() -> None:
    # The letters are found in the text written as ASCII (one byte per character);
    # they must be exactly the lone letters after a non-ASCII character.
    import random
    import re

    from textmend.repair.misalign import _glued_letters

    plain = re.compile("[A-Za-z](?<=[^\\x00-\\x7f].)(?![A-Za-z\\u00c0-\\u024f])")
    alphabet = "aZ?\u4e2d\u3002\u00e9\u00c0\u024f\u0250\u00d7 1\ufffd\U00020000x\u3105"
    rng = random.Random(8)
    texts = ["\u662fA\u7c7b", "\u7528Python\u5199", "\u8336u\u6e05\u7406", "?a \u4e2dab\u4e2dc"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert list(_glued_letters(text)) == [m.start() for m in plain.finditer(text)], text


def test_glued_letters_are_found_alike_in_text_dense_or_sparse_in_letters() -> None:
    """TM201 looks for a letter glued to a non-ASCII character keyed on the letter in
    CJK text and on the pair elsewhere: both must find what a plain scan finds."""
    import random
    import re

    from textmend.repair.misalign import _glued_letters

    plain = re.compile("(?<=[^\\x00-\\x7f])[A-Za-z](?![A-Za-z\\u00c0-\\u024f])")
    rng = random.Random(201)
    sparse = "\u4e2d" * 12 + "\u6587\u3002?aZ\u00c0\u024f\u0250"
    for alphabet in (sparse, "abcZ\u4e2d?\u00e9 ,", "a\u4e2d\u00c0\u024f\u0250?"):
        for _ in range(3000):
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
            assert list(_glued_letters(text)) == [m.start() for m in plain.finditer(text)], text
