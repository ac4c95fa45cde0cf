"""TM220 (UTF-8 read as a CJK codec) and the evidence it shares with TM240."""

from __future__ import annotations

import codecs
import itertools
import random
import subprocess
import sys

import pytest

import textmend
from textmend._model import Context, Edit, apply_edits
from textmend.repair._cjk_evidence import _compose, settled
from textmend.repair.mojibake_cjk import find_utf8_as_cjk
from textmend.repair.mojibake_cross import find_cjk_as_wrong_cjk


def mend(text: str) -> str:
    return apply_edits(text, find_utf8_as_cjk(text, Context()))


def test_two_layers_mend_in_one_run() -> None:
    # 鸠䈟 as UTF-8 read as GBK, then that as UTF-8 read as Shift-JIS.
    twice = "鸠䈟".encode().decode("gbk").encode().decode("shift_jis")
    assert twice == "讌ｦ迥ｱ蝙ｷ"
    assert mend(twice) == "鸠䈟"
    (edit,) = list(find_utf8_as_cjk(twice, Context()))
    assert edit.message == (
        "UTF-8 read as Shift-JIS; decoded again, then UTF-8 read as GB18030; decoded again"
    )


@pytest.mark.parametrize(
    "text",
    [
        "\u813fa\u8b70",  # 脿a議: à in GBK, ĳ only in Big5
        "\u813fa\u8b70 \u813fa\u8b70",
    ],
)
def test_lone_characters_that_need_two_codecs_prove_nothing(text: str) -> None:
    assert mend(text) == text
    assert textmend.fix_text(text) == text


@pytest.mark.parametrize(
    ("misread", "clean"),
    [
        ("caf\u8305", "café"),  # caf茅
        ("\u8305t\u8305", "été"),  # 茅t茅: two lone characters, one codec
        ("fix\ucc55", "fixé"),  # fix챕, EUC-KR
    ],
)
def test_lone_characters_that_agree_still_mend(misread: str, clean: str) -> None:
    assert mend(misread) == clean


def test_a_fixed_point_in_one_run_on_every_corpus_line() -> None:
    # Whatever the rule reads, it would read nothing more in its own output.
    from conftest import FIXTURES

    lines = [
        line
        for path in sorted((FIXTURES / "clean").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.isascii()
    ]
    assert len(lines) > 50
    changed = 0
    for line in lines:
        for codec in ("gbk", "shift_jis", "euc_kr", "big5"):
            misread = line.encode().decode(codec, errors="replace")
            once = mend(misread)
            changed += once != misread
            assert mend(once) == once, (line, codec)
    assert changed > 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u6d6d\u6d6d", "\u6d6d\u6d6d"),  # 浭浭 read 嵬嵬 as Shift-JIS, then 訴訴
        ('print(greet("拞暥"))', 'print(greet("中文"))'),  # 中文 in Shift-JIS read as GBK
    ],
)
def test_two_characters_are_read_only_into_a_common_word(text: str, expected: str) -> None:
    assert apply_edits(text, find_cjk_as_wrong_cjk(text, Context())) == expected


def _random_edits(rng: random.Random, text: str) -> list[Edit]:
    edits, pos = [], 0
    while pos < len(text):
        start = pos + rng.randint(0, 3)
        if start >= len(text):
            break
        end = min(len(text), start + rng.randint(1, 3))
        replacement = "".join(rng.choice("XYZ") for _ in range(rng.randint(0, 4)))
        edits.append(Edit(start, end, text[start:end], replacement, rng.choice("mn")))
        pos = end + rng.randint(0, 2)
    return edits


def test_composed_edits_do_what_both_rounds_do() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("abcdef") for _ in range(rng.randint(0, 16)))
        first = _random_edits(rng, text)
        middle = apply_edits(text, first)
        then = _random_edits(rng, middle)
        composed = _compose(text, first, then)
        assert apply_edits(text, composed) == apply_edits(middle, then)
        assert all(text[e.start : e.end] == e.original for e in composed)
        assert all(a.end <= b.start for a, b in itertools.pairwise(composed))


def test_readings_that_keep_changing_are_left_alone() -> None:
    def rotate(text: str) -> list[Edit]:
        # a -> b -> c -> a: never a fixed point.
        nxt = {"a": "b", "b": "c", "c": "a"}
        return [Edit(i, i + 1, c, nxt[c], "rotate") for i, c in enumerate(text) if c in nxt]

    assert settled("xax", rotate) == []
    assert settled("xyz", rotate) == []


def test_nothing_is_compiled_at_import() -> None:
    # The evidence classes take tens of milliseconds to compile; a command that
    # never reaches these rules must not pay for them (issue 8's cold start).
    code = (
        "import textmend.cli, textmend.repair._cjk_evidence as e, "
        "textmend.repair.mojibake_cjk as c, textmend.repair.mojibake_cross as x\n"
        "cached = [f for m in (e, c, x) for f in vars(m).values() if hasattr(f, 'cache_info')]\n"
        "assert len(cached) >= 8, cached\n"
        "built = [n for m in (e, c, x) for n, v in vars(m).items()"
        " if 'Pattern' in type(v).__name__]\n"
        "assert not built, built\n"
        "print(sum(f.cache_info().currsize for f in cached))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        # Found by the long property runs: misread UTF-8 of the commonest characters
        # holds few rare ones (涓 and 嶄 four apart; 莉雁､ｩ has none at all).
        ("三个不亦不去两个两天並發三会上年", "gbk"),
        ("今天今年每天比前", "shift_jis"),
        ("舊書著名底去著称", "shift_jis"),
        # No rare character at all in the misreading (涓変釜 x8, 浣犲ソ).
        ("三个" * 8, "gbk"),
        ('    return f"你好,{name}"', "gbk"),
    ],
)
def test_misread_common_characters_mend(clean: str, codec: str) -> None:
    misread = clean.encode().decode(codec)
    assert textmend.fix_text(misread, preset="safe") == clean


@pytest.mark.parametrize(
    "text",
    [
        "龘龘中文龘",  # rare characters three apart in clean Chinese
        "鍋釜",  # common characters whose GBK bytes are no UTF-8
        "\uff83\uff9e\uff70\uff80\u3092\u5165\u529b",  # ﾃﾞｰﾀを入力: halfwidth word, kana after
        "\u6771\u4eac\uff80\uff9c\uff70",  # 東京ﾀﾜｰ: a katakana word after kanji
    ],
)
def test_clean_text_with_the_new_leads_stays(text: str) -> None:
    assert mend(text) == text


def _lossy(clean: str, codec: str) -> tuple[str, str]:
    """``clean``'s UTF-8 read as ``codec`` with U+FFFD per lost byte, and what must come back."""
    lost: list[tuple[int, int]] = []

    def record(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        lost.append((error.start, error.end))
        return "\ufffd" * (error.end - error.start), error.end

    codecs.register_error("textmend-test-lossy", record)
    misread = clean.encode().decode(codec, errors="textmend-test-lossy")
    expected, pos = [], 0
    for char in clean:
        size = len(char.encode())
        hit = any(start < pos + size and pos < end for start, end in lost)
        expected.append("\ufffd" if hit else char)
        pos += size
    return misread, "".join(expected)


@pytest.mark.parametrize(
    "clean",
    [
        # Sentences written by us.  Read as EUC-KR, 배 is 諛곗: hanja beside Hangul
        # that KS X 1001 has but no Korean word of CLDR's uses.
        "배우기 쉬운 프로그래밍 언어",
        "서울의 가을은 하늘이 높고 공기가 맑습니다.",
    ],
)
def test_lossy_korean_read_as_euc_kr_comes_back(clean: str) -> None:
    misread, expected = _lossy(clean, "euc_kr")
    assert "\ufffd" in misread
    assert textmend.fix_text(misread, select=["TM2"]) == expected


def test_lossy_alphabet_runs_come_back_under_the_proved_codec() -> None:
    # Written by us.  Read as EUC-KR, Greek is hanja with U+FFFD between; 串��慣
    # reads back no better than it stands, but as Greek letters between the gaps.
    misread, expected = _lossy("Καλημέρα, τι κάνεις σήμερα;", "euc_kr")
    assert textmend.fix_text(misread, select=["TM2"]) == expected


@pytest.mark.parametrize("text", ["中文\ufffd\ufffd한국어", "第\ufffd\ufffd第\ufffd\ufffd"])
def test_lossy_cjk_without_proof_stays(text: str) -> None:
    assert mend(text) == text
