"""TM240: CJK bytes read with the wrong CJK codec (tested through the function
until the rule is registered)."""

from __future__ import annotations

from pathlib import Path

import pytest

import textmend
from conftest import FIXTURES
from textmend._model import Context, apply_edits
from textmend.repair.mojibake_cross import find_cjk_as_wrong_cjk

# Sentences written by us, one per language, long enough to show the evidence.
JAPANESE = "日本語のテキストを間違った文字コードで開くと、読めない文字が並びます。"
CHINESE = "中文的编码问题很复杂，我们经常看到乱码。"
KOREAN = "서울의 가을은 하늘이 높고 공기가 맑아서 산책하기에 좋습니다."
# Shift-JIS reads few GBK or Big5 lines without error; these it does (Big5's
# trail bytes come out as ASCII letters: 這是 reads ｳoｬO).
SIMPLE = "这是一个简单的例子"
SIMPLE_TRADITIONAL = "這是一個簡單的例子"


def mend(text: str) -> str:
    return apply_edits(text, find_cjk_as_wrong_cjk(text, Context()))


@pytest.mark.parametrize(
    ("clean", "written", "read"),
    [
        (JAPANESE, "cp932", "gbk"),
        (SIMPLE, "gbk", "cp932"),
        (CHINESE, "gbk", "big5"),
        (CHINESE, "gbk", "euc_kr"),
        (SIMPLE_TRADITIONAL, "big5", "cp932"),
        (KOREAN, "euc_kr", "gbk"),
        (KOREAN, "euc_kr", "big5"),
    ],
    ids=lambda value: value if len(value) < 8 else value[:4],
)
def test_wrong_codec_is_undone(clean: str, written: str, read: str) -> None:
    misread = clean.encode(written).decode(read)
    assert misread != clean
    assert mend(misread) == clean
    assert mend(clean) == clean


def test_the_message_names_both_codecs() -> None:
    misread = JAPANESE.encode("cp932").decode("gbk")
    (edit, *_) = list(find_cjk_as_wrong_cjk(misread, Context()))
    assert edit.message == "Shift-JIS bytes read as GBK; decoded again"


def test_lost_bytes_are_left_to_the_other_rules() -> None:
    misread = JAPANESE.encode("cp932").decode("gbk") + " \ufffd" + CHINESE
    runs = [e.original for e in find_cjk_as_wrong_cjk(misread, Context())]
    assert runs and all("\ufffd" not in run for run in runs)


def _clean_texts() -> list[Path]:
    paths = sorted((FIXTURES / "clean").glob("*.txt"))
    try:
        import test  # CPython's own test package, when this Python ships it
    except ImportError:
        return paths
    return paths + sorted((Path(test.__file__).parent / "cjkencodings").glob("*-utf8.txt"))


@pytest.mark.parametrize("path", _clean_texts(), ids=lambda p: p.name)
def test_clean_text_unchanged(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert list(find_cjk_as_wrong_cjk(text, Context())) == []
    for line in text.splitlines():
        assert list(find_cjk_as_wrong_cjk(line, Context())) == [], line


@pytest.mark.parametrize("marker", ["锟斤拷", "烫烫", "屯屯"])
def test_marks_of_lost_data_are_left_for_tm290(marker: str) -> None:
    # 锟斤拷 once read back as EUC-KR (占쏙옙): a lost-data mark must stay visible.
    text = marker * 5
    assert list(find_cjk_as_wrong_cjk(text, Context())) == []


def test_a_long_misread_line_is_mended_whole() -> None:
    # The codecs are chosen on the start of a long run; the whole run is re-read.
    misread = (JAPANESE * 40).encode("cp932").decode("gbk")
    assert mend(misread) == JAPANESE * 40


KATAKANA = "\uff76\uff80\uff76\uff85"  # halfwidth カタカナ


@pytest.mark.parametrize("text", [KATAKANA, "2024年 \uff76\uff85", KATAKANA + "の半角文字"])
def test_halfwidth_katakana_written_on_purpose_stay(text: str) -> None:
    # Read as GBK they give common characters (督杜), but no common word and no
    # other run that GBK would read better: nothing proves a misreading.
    assert mend(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "\uff83\uff7d\uff84\u3002",  # ﾃｽﾄ。 read ýāB as UTF-8 (TM220)
        "\uff92\uff70\uff99\u3002",  # ﾒｰﾙ。 read ҰفB
        "\uff71\uff72\uff73\u3002",  # ｱｲｳ。 read 辈硜B as GBK (TM240)
        "\u300c\uff83\uff7d\uff84\u300d\u3001\uff92\uff70\uff99\u3002",  # 「ﾃｽﾄ」、ﾒｰﾙ。
    ],
)
def test_halfwidth_words_with_japanese_punctuation_stay(text: str) -> None:
    # Shift-JIS writes 。、「」 in row 81, which neither misread UTF-8 nor Big5 or
    # EUC-KR bytes make (and GBK only in rare characters): the text is Japanese.
    assert textmend.fix_text(text, select=["TM2"]) == text


# Cyrillic and Greek sentences written by us.
RUSSIAN = "Привет, мир! Как дела? Сегодня хорошая погода."
# EUC-KR's Cyrillic row ends before its last letters of GBK's (э ю я read as nothing).
RUSSIAN_SHORT = "Привет, мир! Как дела?"


@pytest.mark.parametrize(
    ("clean", "written", "read"),
    [
        (RUSSIAN, "gbk", "big5"),
        (RUSSIAN_SHORT, "gbk", "euc_kr"),
        (RUSSIAN, "euc_kr", "big5"),
        (RUSSIAN, "cp932", "gbk"),
    ],
)
def test_cyrillic_in_a_cjk_codec_is_read_as_words(clean: str, written: str, read: str) -> None:
    misread = clean.encode(written).decode(read)
    assert misread != clean
    assert mend(misread) == clean


def test_greek_without_accents_in_gbk_read_as_big5() -> None:
    # GBK's Greek row has no tonos and no final sigma: the sentence avoids them.
    clean = "Καλημερα κοσμε, τι κανει η γατα;"
    misread = clean.encode("gbk").decode("big5")
    assert mend(misread) == clean


@pytest.mark.parametrize(
    "text",
    [
        # Each word's characters are GBK Cyrillic letters read as Big5 (и р т е к).
        "我 把 找 快 抗",
        "我把 找快",
        # Misread letters, but the letter pairs of no real words (ееее ррр).
        "快快快快 把把把",
        # One word only.
        "妤把我志快找",
    ],
)
def test_han_that_reads_as_letters_stays_without_words(text: str) -> None:
    assert mend(text) == text


def test_the_message_names_the_codecs_of_the_letters() -> None:
    misread = RUSSIAN_SHORT.encode("gbk").decode("euc_kr")
    messages = {e.message for e in find_cjk_as_wrong_cjk(misread, Context())}
    assert messages == {"GBK bytes read as EUC-KR; decoded again"}


@pytest.mark.parametrize("read", ["big5", "euc_kr"])
@pytest.mark.parametrize(
    "clean", ["长 (cháng) adj. long", "中文 (zhōng wén) 和 拼音 (pīn yīn)", "好 hǎo"]
)
def test_pinyin_in_gbk_read_with_another_codec(clean: str, read: str) -> None:
    # GBK's tone letters read as Big5 are Han characters (ch芍ng), as EUC-KR
    # Latin-1 letters of the wrong kind (chÐng): every such word must read back
    # as a toned syllable.
    misread = clean.encode("gbk").decode(read)
    assert misread != clean
    assert mend(misread) == clean


@pytest.mark.parametrize(
    "text",
    [
        "Øystein 和 Œuvre 走",  # letters that are misread tone letters, in real words
        "nºx 长",  # º between letters, but no syllable
        "ch芍ngx 言",  # a tone letter, but no pinyin syllable
    ],
)
def test_letters_like_misread_tone_letters_stay(text: str) -> None:
    assert mend(text) == text


def test_english_with_gbk_punctuation_read_as_big5() -> None:
    # Written by us.  GBK's ’ read as Big5 is ＊ (It＊s), “ ” and — are ※ § 〞.
    clean = "“It’s late,” she said — we’re done."
    misread = clean.encode("gbk").decode("big5")
    assert misread != clean
    assert mend(misread) == clean


@pytest.mark.parametrize("text", ["a＊b 中文", "It＊s 中文", "x＊y＊z"])
def test_a_fullwidth_asterisk_between_letters_alone_stays(text: str) -> None:
    # It＊s proves the misreading, but 中文 reads worse with it: the text stays.
    assert mend(text) == text
