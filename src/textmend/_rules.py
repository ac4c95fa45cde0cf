"""The one ordered registry of rules.  The order of ``RULES`` is the order of execution.

Undoing an encoding mixup comes first, since the bytes it restores are what every
later rule reads; then re-synchronising misread runs; then converter artifacts,
punctuation, and normalisation.

Codes are stable forever and never reused:

* TM1xx bytes and encodings
* TM2xx mojibake and misaligned bytes
* TM3xx converter and scraper artifacts
* TM4xx punctuation
* TM5xx width, Unicode form, whitespace and script
"""

from __future__ import annotations

from textmend._model import Rule, Stage
from textmend.normalize.script import find_zh_script
from textmend.repair.annotations import find_converted_script, find_pinyin_annotations
from textmend.repair.lost_data import find_lost_data
from textmend.repair.misalign import find_gbk_misalignment
from textmend.repair.mojibake_cjk import find_utf8_as_cjk
from textmend.repair.mojibake_latin import find_utf8_as_single_byte
from textmend.repair.mojibake_legacy import find_legacy_as_western
from textmend.repair.punctuation import (
    find_ascii_brackets,
    find_ascii_punct_between_han,
    find_comma_before_cjk_punct,
    find_doubled_comma,
)

__all__ = ["RULES", "RULES_BY_CODE", "RULES_BY_NAME"]

RULES: tuple[Rule, ...] = (
    Rule(
        code="TM220",
        name="utf8-as-cjk",
        stage=Stage.REPAIR,
        find=find_utf8_as_cjk,
        summary="Decode again text whose UTF-8 bytes were read as GBK, Big5, Shift-JIS or EUC-KR.",
        why=(
            "Each run of non-ASCII text is encoded back with each CJK codec and read as UTF-8; "
            "a candidate must be valid UTF-8 and read as clearly more ordinary text (character "
            "and word-pair frequencies). Characters whose bytes the first decoder lost become "
            "one U+FFFD each; runs where nothing but lost characters come back are changed only "
            "where the same misreading is proved elsewhere in the text."
        ),
        examples=(
            (
                "Python锛堟淳妫�锛夋槸涓�绉�",
                "Python（派\N{REPLACEMENT CHARACTER}）是"
                "\N{REPLACEMENT CHARACTER}\N{REPLACEMENT CHARACTER}",
            ),
            ("鏃ユ湰瑾炪伄銉嗐偔銈广儓", "日本語のテキスト"),
            ("中文和日本語のテキスト", "中文和日本語のテキスト"),
        ),
    ),
    Rule(
        code="TM230",
        name="legacy-as-western",
        stage=Stage.REPAIR,
        find=find_legacy_as_western,
        summary="Decode again GBK, Big5, Shift-JIS, EUC-KR or Cyrillic bytes read as Latin-1.",
        why=(
            "Runs of accented letters and symbols (ÖÐÎÄ) are encoded back to their bytes and "
            "decoded with each legacy codec. The whole text is read with the codec whose "
            "readings are most ordinary: character and word-pair frequencies for Chinese, "
            "common syllables for Korean, kana for Japanese, one-script words with real case "
            "and vowels for alphabets."
        ),
        examples=(
            ("ÖÐÎÄ ÇÑ±¹¾î", "中文 한국어"),
            ("Ïðèâåò ìèð", "Привет мир"),
            (
                "Ça s'écrit « élève », même à Reykjavík: þæð.",
                "Ça s'écrit « élève », même à Reykjavík: þæð.",
            ),
        ),
    ),
    Rule(
        code="TM210",
        name="utf8-as-single-byte",
        stage=Stage.REPAIR,
        find=find_utf8_as_single_byte,
        summary="Decode again text whose UTF-8 bytes were read as Latin-1, Windows-1252 or kin.",
        why=(
            "The mojibake ftfy exists for (cafÃ© for café). ftfy's encoding step does the work, "
            "configured to change nothing else: no width folding, no quote uncurling, no "
            "line-break changes, no Unicode normalisation."
        ),
        examples=(
            ("cafÃ© â€œmenuâ€\x9d", "café “menu”"),
            ("ÄŒeÅ¡tina", "Čeština"),
            ("“Curly” quotes, ＦＵＬＬ，width", "“Curly” quotes, ＦＵＬＬ，width"),
        ),
    ),
    Rule(
        code="TM201",
        name="gbk-misalignment",
        stage=Stage.REPAIR,
        find=find_gbk_misalignment,
        summary="Re-read GBK text that a lost byte put one byte out of step.",
        why=(
            "One lost byte in a double-byte stream makes every following pair decode wrong "
            "until an ASCII byte resynchronises the decoder. The run is re-read at the other "
            "parity when that gives clearly more ordinary Chinese; bytes that are truly gone "
            "become U+FFFD."
        ),
        examples=(
            ("?。ㄎ淖终?长沙", "\N{REPLACEMENT CHARACTER}（文字\N{REPLACEMENT CHARACTER}长沙"),
            ("你好?我很好", "你好?我很好"),
            ("ㄅㄆㄇㄈ是注音符号", "ㄅㄆㄇㄈ是注音符号"),
        ),
    ),
    Rule(
        code="TM290",
        name="lost-data",
        stage=Stage.DETECT,
        find=find_lost_data,
        summary="Report marks of data lost for good (锟斤拷, 烫烫烫, U+FFFD); nothing to fix.",
        why=(
            "锟斤拷 is U+FFFD saved as UTF-8 and read as GBK; 烫烫 and 屯屯 are uninitialised "
            "memory read as GBK; U+FFFD marks bytes a decoder could not read. The text that "
            "stood there is gone, so these are findings without a fix."
        ),
        examples=(("姓名：锟斤拷锟斤拷", "姓名：锟斤拷锟斤拷"), ("烫烫烫烫", "烫烫烫烫")),
    ),
    Rule(
        code="TM301",
        name="converter-pinyin",
        stage=Stage.REPAIR,
        find=find_pinyin_annotations,
        summary="Strip the (pinyin) a Simplified-to-Traditional converter pasted after characters.",
        why=(
            "Web converters annotate the characters they convert with one fixed reading each. "
            "The annotations are stripped only when the document shows several of them, on "
            "characters that exist only in Traditional script, each a real reading of its "
            "character, and no character carries two readings (a teaching list)."
        ),
        examples=(
            ("產(chǎn)業(yè)園區(qū)發展", "產業園區發展"),
            ("重(chóng)复 重(zhòng)要 长(cháng)短", "重(chóng)复 重(zhòng)要 长(cháng)短"),
            ("我们 (wǒmen) 是学生", "我们 (wǒmen) 是学生"),
        ),
    ),
    Rule(
        code="TM310",
        name="converted-script",
        stage=Stage.REPAIR,
        find=find_converted_script,
        summary="Restore Simplified to text a converter turned Traditional (zh_script=auto).",
        why=(
            "The converter's pinyin proves the Traditional script was made by machine from "
            "Simplified, so the original script is restored. Text without that evidence keeps "
            "its script; zh_script='keep' disables this rule."
        ),
        examples=(
            ("產(chǎn)業(yè)園區(qū)", "产(chǎn)业(yè)园区(qū)"),
            ("產業園區", "產業園區"),
        ),
    ),
    Rule(
        code="TM401",
        name="doubled-comma",
        stage=Stage.REPAIR,
        find=find_doubled_comma,
        summary="Replace ,, between Chinese text with a fullwidth comma.",
        examples=(
            ("会议指出,,产业园区", "会议指出，产业园区"),
            ("版本0.3,,支持新格式", "版本0.3，支持新格式"),
            ("a,,b", "a,,b"),
        ),
    ),
    Rule(
        code="TM402",
        name="comma-before-cjk-punct",
        stage=Stage.REPAIR,
        find=find_comma_before_cjk_punct,
        summary="Drop an ASCII comma injected before Chinese punctuation (,、 ,。 ,?).",
        examples=(
            ("在浏阳召开,。", "在浏阳召开。"),
            ("谈思路、定举措,、创未来", "谈思路、定举措、创未来"),
            ("展现作为,?创建", "展现作为？创建"),
            ("Hello,?", "Hello,?"),
        ),
    ),
    Rule(
        code="TM403",
        name="ascii-punct-between-han",
        stage=Stage.REPAIR,
        find=find_ascii_punct_between_han,
        summary="Make a lone ASCII , ? ! : ; glued between Chinese characters fullwidth.",
        examples=(
            ("6月3日,全省", "6月3日，全省"),
            ("今天, 开发", "今天, 开发"),
            ("3,000元", "3,000元"),
        ),
    ),
    Rule(
        code="TM404",
        name="ascii-brackets",
        stage=Stage.REPAIR,
        find=find_ascii_brackets,
        summary="Make ASCII brackets around Chinese words in Chinese text fullwidth.",
        examples=(
            ("经开区(高新区)党工委", "经开区（高新区）党工委"),
            ("print(中文)", "print(中文)"),
            ("见图(1)", "见图(1)"),
        ),
    ),
    Rule(
        code="TM510",
        name="zh-script",
        stage=Stage.NORMALIZE,
        find=find_zh_script,
        summary="Convert Chinese to the script zh_script names (hans or hant); off for auto/keep.",
        examples=(("发展", "发展"),),
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
RULES_BY_NAME = {rule.name: rule for rule in RULES}
