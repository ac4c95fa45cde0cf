"""The one ordered registry of rules.  The order of ``RULES`` is the order of execution.

Undoing an encoding mixup comes first, since the bytes it restores are what every
later rule reads; then re-synchronising misread runs; then converter artifacts,
punctuation, and normalisation.  Within normalisation: HTML entities first (they
may stand for any of the characters the next rules remove), escapes before the
control characters they start with, invisible characters before NFC (a zero-width
character between a letter and its accent stops composition), width before the
punctuation and space rules that read it, NFKC after the width rules (so that their
spacing and script context apply first), script last.

Codes are stable forever and never reused:

* TM1xx bytes and encodings
* TM2xx mojibake and misaligned bytes
* TM3xx converter and scraper artifacts
* TM4xx punctuation
* TM5xx width, Unicode form, whitespace and script
"""

from __future__ import annotations

from textmend._chars import CJK_TEXT, HAN
from textmend._model import Rule, Stage
from textmend.normalize.invisible import (
    find_bom_in_text,
    find_control_characters,
    find_html_entities,
    find_terminal_escapes,
    find_zero_width,
)
from textmend.normalize.quotes import find_corner_quotes, find_straight_quotes
from textmend.normalize.script import find_zh_script
from textmend.normalize.unicode_form import find_nfc, find_nfkc
from textmend.normalize.whitespace import (
    find_mixed_line_endings,
    find_nbsp,
    find_trailing_whitespace,
)
from textmend.normalize.width import (
    FULLWIDTH_OFF_CJK,
    find_fullwidth_alnum,
    find_fullwidth_alnum_cjk,
    find_halfwidth_katakana,
    find_ideographic_space,
)
from textmend.repair.annotations import find_converted_script, find_pinyin_annotations
from textmend.repair.lost_data import find_lost_data
from textmend.repair.misalign import find_gbk_misalignment
from textmend.repair.mojibake_cjk import find_utf8_as_cjk
from textmend.repair.mojibake_cross import find_cjk_as_wrong_cjk
from textmend.repair.mojibake_latin import GATE_TRIGGERS as SINGLE_BYTE_TRIGGERS
from textmend.repair.mojibake_latin import find_utf8_as_single_byte
from textmend.repair.mojibake_legacy import find_legacy_as_western
from textmend.repair.punctuation import (
    find_ascii_brackets,
    find_ascii_punct_between_han,
    find_ascii_punct_cjk,
    find_comma_before_cjk_punct,
    find_doubled_comma,
    find_fullwidth_punct_latin,
)

__all__ = ["RULES", "RULES_BY_CODE", "RULES_BY_NAME"]

RULES: tuple[Rule, ...] = (
    Rule(
        code="TM220",
        name="utf8-as-cjk",
        stage=Stage.REPAIR,
        find=find_utf8_as_cjk,
        requires=CJK_TEXT,
        summary="Decode again text whose UTF-8 bytes were read as GBK, Big5, Shift-JIS or EUC-KR.",
        why=(
            "Each run of non-ASCII text is encoded back with each CJK codec and read as UTF-8; "
            "a candidate must be valid UTF-8 and read as clearly more ordinary text (character "
            "and word-pair frequencies). Characters whose bytes the first decoder lost become "
            "one U+FFFD each. Fewer U+FFFD count in a reading's favour only when the characters "
            "read back are no worse than those they replace, so a second run never re-reads "
            "repaired text; runs where nothing but lost characters come back are changed only "
            "where the same misreading is proved elsewhere in the text. The repair is repeated "
            "on its own output (up to three rounds), so two layers mend in one run. Lone "
            "characters beside Latin letters prove nothing when they need different codecs. "
            "Text with no rare characters close together is read when it holds none of "
            "的了在是のはにを and its GB18030 or Shift-JIS bytes hold UTF-8 of CJK."
        ),
        examples=(
            (
                "Python锛堟淳妫�锛夋槸涓�绉�",
                "Python（派\N{REPLACEMENT CHARACTER}）是"
                "\N{REPLACEMENT CHARACTER}\N{REPLACEMENT CHARACTER}",
            ),
            ("鏃ユ湰瑾炪伄銉嗐偔銈广儓", "日本語のテキスト"),
            ("讌ｦ迥ｱ蝙ｷ", "鸠䈟"),
            ("中文和日本語のテキスト", "中文和日本語のテキスト"),
        ),
    ),
    Rule(
        code="TM230",
        name="legacy-as-western",
        stage=Stage.REPAIR,
        find=find_legacy_as_western,
        # Bytes 80-FF read as Latin-1 or Windows-1252: a run always holds one.
        triggers="\x80-\xff",
        summary="Decode again GBK, Big5, Shift-JIS, EUC-KR or Cyrillic bytes read as Latin-1.",
        why=(
            "Runs of accented letters and symbols (ÖÐÎÄ) are encoded back to their bytes and "
            "decoded with each legacy codec. The whole text is read with the codec whose "
            "readings are most ordinary: character and word-pair frequencies for Chinese (with "
            "the codecs' fullwidth forms, bopomofo, quotes and dashes), kana for Japanese, "
            "KS X 1001 Hangul that Korean words use (CLDR), and for alphabets one-script words "
            "with real case and vowels whose letter pairs are those of real words (CLDR). Once "
            "a line's codec is proven, its short runs are read with it."
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
        code="TM240",
        name="cjk-as-wrong-cjk",
        stage=Stage.REPAIR,
        find=find_cjk_as_wrong_cjk,
        requires=CJK_TEXT,
        # No triggers: its evidence is Han, which Chinese text is made of, and the
        # one-scan gate is for characters clean text seldom holds.
        summary="Decode again GBK, Big5, Shift-JIS or EUC-KR bytes read with another of them.",
        why=(
            "Runs near the evidence (rare Han characters close together, halfwidth "
            "katakana, Hangul glued to Han, Han words between spaces) are encoded back with "
            "each codec the text could have been read with and decoded with each other one. "
            "The text is read with the one pair that reads the evidence as clearly more "
            "ordinary text (character and word-pair frequencies, KS X 1001's common Hangul, "
            "kana), reads every run back and convinces on the whole text. Runs with U+FFFD "
            "or marks of lost data are left to TM220 and TM290. With fewer than three "
            "characters in all, a reading must hold a common word pair; the repair settles to "
            "a fixed point in one run. Cyrillic or Greek misread this way (common Han "
            "characters or unit symbols, one per letter) is judged as words by the letter "
            "pairs of real words; pinyin by its toned syllables (ch芍ng is cháng); English by "
            "its contractions (It＊s)."
        ),
        examples=(
            ("擔杮岅偺僥僉僗僩", "日本語のテキスト"),
            ("笢恅腔晤鎢恀枙", "中文的编码问题"),
            ("\uff76\uff80\uff76\uff85", "\uff76\uff80\uff76\uff85"),
        ),
    ),
    Rule(
        code="TM210",
        name="utf8-as-single-byte",
        stage=Stage.REPAIR,
        find=find_utf8_as_single_byte,
        triggers=SINGLE_BYTE_TRIGGERS,
        summary="Decode again text whose UTF-8 bytes were read as Latin-1, Windows-1252 or kin.",
        why=(
            "The mojibake ftfy exists for (cafÃ© for café). ftfy's encoding steps decide, "
            "configured to change nothing else: no width folding, no quote uncurling, no "
            "line-break changes, no Unicode normalisation; a line that is one layer of UTF-8 "
            "takes ftfy's steps directly. Beyond ftfy: UTF-8 of Latin letters inside Latin "
            "words read as Windows-1251, Mac Roman or code page 437 (mГ©dicament, pi√π, "
            "┬┐que), and Mac Roman read as Latin-1 where Windows-1252 would put ‡ inside a "
            "word."
        ),
        examples=(
            ("cafÃ© â€œmenuâ€\x9d", "café “menu”"),
            ("ÄŒeÅ¡tina", "Čeština"),
            ("Nous avons visit\u0413\u00a9 le mus\u0413\u00a9e", "Nous avons visité le musée"),
            ("“Curly” quotes, ＦＵＬＬ，width", "“Curly” quotes, ＦＵＬＬ，width"),
        ),
    ),
    Rule(
        code="TM201",
        name="gbk-misalignment",
        stage=Stage.REPAIR,
        find=find_gbk_misalignment,
        requires=CJK_TEXT,
        # No triggers: a misread stretch may end at an ASCII letter glued to Han (where
        # the decoder resynchronised), and clean text has letters everywhere; the rule's
        # own gate looks for a mark or such a letter.
        summary="Re-read GBK, Big5 or EUC-KR text that a lost byte put one byte out of step.",
        why=(
            "One lost byte in a double-byte stream makes every following pair decode wrong "
            "until an ASCII byte resynchronises the decoder. The run is re-read at the other "
            "parity when that gives clearly more ordinary Chinese; bytes that are truly gone "
            "become U+FFFD. A stretch also ends at a lone ASCII letter glued to Han: a trail "
            "byte 0x40-0x7E met as a lead byte (Big5's ， is A1 41). A re-read must beat the "
            "text by a margin unless it reads back a common word; runs that are mostly UTF-8 "
            "sequences are TM220's; the output is always a fixed point."
        ),
        examples=(
            ("?。ㄎ淖终?长沙", "\N{REPLACEMENT CHARACTER}（文字\N{REPLACEMENT CHARACTER}长沙"),
            ("臺北咫竣悀悎薶葬唌A氣溫", "臺北\N{REPLACEMENT CHARACTER}今天天氣晴朗，氣溫"),
            ("你好?我很好", "你好?我很好"),
            ("ㄅㄆㄇㄈ是注音符号", "ㄅㄆㄇㄈ是注音符号"),
        ),
    ),
    Rule(
        code="TM290",
        name="lost-data",
        stage=Stage.DETECT,
        find=find_lost_data,
        triggers="\ufffd\u951f\u70eb\u5c6f",
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
        requires=CJK_TEXT,
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
        requires=CJK_TEXT,
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
        requires=CJK_TEXT,
        gates=(",,",),
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
        requires=CJK_TEXT,
        # Every match is a comma glued to the mark it stands before.
        gates=(",[\u3001\u3002\uff0c\uff1b\uff1a\uff1f\uff01?!]",),
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
        requires=CJK_TEXT,
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
        requires=CJK_TEXT,
        # An ASCII bracket opens a pair with Han ahead, or closes one opened fullwidth;
        # Japanese text is full of （） pairs and furigana, which neither matches.
        gates=(
            f"\\((?=[^()\uff08\uff09\n]{{0,200}}[{HAN}])",
            "\uff08[^()\uff08\uff09\n]{1,200}\\)",
        ),
        summary="Make ASCII brackets around Chinese words in Chinese text fullwidth.",
        examples=(
            ("经开区(高新区)党工委", "经开区（高新区）党工委"),
            ("print(中文)", "print(中文)"),
            ("见图(1)", "见图(1)"),
        ),
    ),
    Rule(
        code="TM501",
        name="html-entities",
        stage=Stage.NORMALIZE,
        find=find_html_entities,
        triggers="&",
        summary="Replace HTML entities in plain text (&amp; &#8211;); never in HTML or XML.",
        why=(
            "Entities left behind by a scraper or an export make plain text unreadable. A text "
            "with any tag, comment, doctype or XML declaration is markup, and its entities are "
            "left alone; so are entities inside URLs and code. Doubly escaped entities "
            "(&amp;lt;) are unescaped completely. Off by default: a page about HTML may show "
            "entities on purpose."
        ),
        examples=(
            ("AT&amp;T &#8211; caf&eacute;", "AT&T – café"),
            ("Tom &amp;amp; Jerry", "Tom & Jerry"),
            ("<p>Fish &amp; chips</p>", "<p>Fish &amp; chips</p>"),
            ("a &unknown; b", "a &unknown; b"),
        ),
        default=False,
        needs_non_ascii=False,
    ),
    Rule(
        code="TM502",
        name="terminal-escapes",
        stage=Stage.NORMALIZE,
        find=find_terminal_escapes,
        triggers="\x1b",
        summary="Remove terminal escape sequences (colours, cursor moves) pasted from a console.",
        why=(
            "ANSI/ECMA-48 sequences (ESC [ 31 m) mean something only to a terminal; in text "
            "they are noise around the words. The whole sequence is removed, not just ESC."
        ),
        examples=(
            ("\x1b[1;31merror\x1b[0m: disk full", "error: disk full"),
            ("\x1b]0;title\x07done", "done"),
            ("[31m is not an escape without ESC", "[31m is not an escape without ESC"),
        ),
        needs_non_ascii=False,
    ),
    Rule(
        code="TM503",
        name="bom-in-text",
        stage=Stage.NORMALIZE,
        find=find_bom_in_text,
        triggers="\ufeff",
        summary="Remove byte order marks inside the text (left there by concatenating files).",
        why=(
            "U+FEFF is a byte order mark at the start of a file; anywhere else it is the "
            "deprecated zero-width no-break space, nearly always the mark of a file pasted "
            "after another. A mark at the very start is kept: it belongs to the encoding."
        ),
        examples=(
            ("first\n\ufeffsecond", "first\nsecond"),
            ("中文\ufeff内容", "中文内容"),
            ("\ufeffstart", "\ufeffstart"),
        ),
    ),
    Rule(
        code="TM504",
        name="control-characters",
        stage=Stage.NORMALIZE,
        find=find_control_characters,
        triggers="\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f",
        summary="Remove C0 and C1 control characters other than tab and line breaks.",
        why=(
            "NUL, BEL, backspace, DEL and the C1 controls have no place in text; tab, line "
            "feed, vertical tab, form feed, carriage return and NEL are kept. Off by default: "
            "some formats use SUB or the separators on purpose (ftfy's own tests keep them)."
        ),
        examples=(
            ("total\x00: 5\x07", "total: 5"),
            ("a\tb\x0cc\r\n", "a\tb\x0cc\r\n"),
            ("中文\x1f内容", "中文内容"),
        ),
        default=False,
        needs_non_ascii=False,
    ),
    Rule(
        code="TM505",
        name="zero-width",
        stage=Stage.NORMALIZE,
        find=find_zero_width,
        triggers="\u200b-\u200d\u2060",
        summary="Remove zero-width characters that do nothing where they stand.",
        why=(
            "Zero-width spaces split words for search and tokenisers without a visible "
            "trace. Kept where they mean something: ZWJ inside emoji sequences, ZWJ and ZWNJ "
            "beside letters of scripts that shape with them (Persian, Urdu, the Indic "
            "scripts), a zero-width space between words of Thai, Lao, Khmer, Myanmar or "
            "Tibetan, a word joiner between two visible characters. ZWJ and ZWNJ between "
            "Latin letters (ligature control) are removed."
        ),
        examples=(
            ("Wiki\u200bpedia", "Wikipedia"),
            ("中文\u200b\u200b内容 \u200d", "中文内容 "),
            ("\U0001f469\u200d\U0001f4bb", "\U0001f469\u200d\U0001f4bb"),
            (
                "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            ),
            (
                "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22",
                "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22",
            ),
        ),
    ),
    Rule(
        code="TM520",
        name="nfc",
        stage=Stage.NORMALIZE,
        find=find_nfc,
        summary="Compose text to Unicode NFC, keeping CJK compatibility ideographs as written.",
        why=(
            "Canonically equivalent spellings (e + combining acute, é) become one, which "
            "search and deduplication need. Plain NFC would also replace the CJK compatibility "
            "ideographs (U+F900-U+FAFF, U+2F800-U+2FA1F) with unified ones and lose the glyph "
            "distinction they were encoded for; they are kept. NFKC is TM521."
        ),
        examples=(
            ("cafe\u0301", "café"),
            ("\u1100\u1161\u11a8", "각"),
            ("\uf900\uf901 \U0002f800", "\uf900\uf901 \U0002f800"),
            ("ﬁle ① ＡＢＣ", "ﬁle ① ＡＢＣ"),
        ),
    ),
    Rule(
        code="TM530",
        name="fullwidth-alnum",
        stage=Stage.NORMALIZE,
        find=find_fullwidth_alnum,
        triggers="\uff10-\uff19\uff21-\uff3a\uff41-\uff5a",
        gates=(FULLWIDTH_OFF_CJK,),
        summary="Make fullwidth letters and digits outside CJK text ASCII (Ｈｅｌｌｏ).",
        why=(
            "Fullwidth ASCII forms in Latin text come from East Asian input methods and "
            "legacy encodings. A run of them touching Han, kana, Hangul or CJK punctuation "
            "is CJK text, where fullwidth digits are a house style; TM531 folds those."
        ),
        examples=(
            ("Ｈｅｌｌｏ world", "Hello world"),
            ("ID: ＡＢ１２", "ID: AB12"),
            ("２０２４年", "２０２４年"),
        ),
    ),
    Rule(
        code="TM531",
        name="fullwidth-alnum-cjk",
        stage=Stage.NORMALIZE,
        find=find_fullwidth_alnum_cjk,
        triggers="\uff10-\uff19\uff21-\uff3a\uff41-\uff5a",
        summary="Make fullwidth letters and digits inside CJK text ASCII too (２０２４年); opt-in.",
        why=(
            "Some Japanese and Chinese publishers set digits and Latin letters fullwidth on "
            "purpose, so this is off by default; the strict preset runs it."
        ),
        examples=(
            ("２０２４年", "2024年"),
            ("ＡＢＣ株式会社", "ABC株式会社"),
            ("2024年", "2024年"),
        ),
        default=False,
    ),
    Rule(
        code="TM532",
        name="halfwidth-katakana",
        stage=Stage.NORMALIZE,
        find=find_halfwidth_katakana,
        triggers="\uff61-\uff9f",
        summary="Make halfwidth katakana ordinary katakana (ｶﾀｶﾅ); opt-in.",
        why=(
            "Halfwidth katakana are a legacy of single-byte terminals. Voiced marks combine "
            "with their kana (ｶﾞ to ガ) and the halfwidth 。「」、 become fullwidth. Off by "
            "default, since a text about them uses them on purpose; corpus and strict run it."
        ),
        examples=(("ｶﾀｶﾅ", "カタカナ"), ("ｶﾞｲﾄﾞ｡", "ガイド。"), ("カタカナ", "カタカナ")),
        default=False,
    ),
    Rule(
        code="TM533",
        name="fullwidth-punct-latin",
        stage=Stage.NORMALIZE,
        find=find_fullwidth_punct_latin,
        requires=CJK_TEXT,
        # Clean CJK text has fullwidth punctuation only beside CJK characters.
        gates=(FULLWIDTH_OFF_CJK,),
        summary="Make fullwidth punctuation outside CJK text ASCII (Hello，world).",
        why=(
            "The mirror of TM403: punctuation width follows the script around it. A mark in "
            "a run that touches no Han, kana, Hangul or CJK punctuation becomes ASCII, with "
            "the space its width stood for; URLs and code are left alone."
        ),
        examples=(
            ("Hello，world！", "Hello, world!"),
            ("Price（USD）：ten", "Price (USD): ten"),
            ("中文，English", "中文，English"),
            ("（株）会社", "（株）会社"),
        ),
    ),
    Rule(
        code="TM534",
        name="ascii-punct-cjk",
        stage=Stage.NORMALIZE,
        find=find_ascii_punct_cjk,
        requires=CJK_TEXT,
        summary="Make ASCII punctuation that ends or spaces a Chinese clause fullwidth.",
        why=(
            "Extends TM403 beyond marks glued between two Han characters: a mark after Han "
            "followed by a space and more Chinese (今天, 开发), or ending the line (你好吗?). "
            "Numbers, URLs, e-mail addresses, code and marks after Latin words are left alone; "
            "so are Korean lines (Korean is punctuated with ASCII marks, Hanja or not), and in "
            "Japanese lines the comma (its form there is 、). Off by default: an ASCII comma "
            "and space in Chinese is a style many authors choose; corpus and strict run it."
        ),
        examples=(
            ("今天, 开发", "今天，开发"),
            ("你好吗?", "你好吗？"),
            ("结束了. 下一段", "结束了。下一段"),
            ("我们用Python, 它很好", "我们用Python, 它很好"),
            ("见 https://a.cn/x,y 页", "见 https://a.cn/x,y 页"),
            ("韓國 地名: 樂園, 李法 — 호환 한자", "韓國 地名: 樂園, 李法 — 호환 한자"),
        ),
        default=False,
    ),
    Rule(
        code="TM535",
        name="ideographic-space",
        stage=Stage.NORMALIZE,
        find=find_ideographic_space,
        triggers="\u3000",
        summary="Make an ideographic space in non-CJK text an ordinary space; keep it in CJK text.",
        why=(
            "U+3000 is the space of CJK typesetting and the paragraph indent of Chinese and "
            "Japanese; in a line without CJK characters it is a stray wide space."
        ),
        examples=(
            ("Hello\u3000world", "Hello world"),
            ("\u3000\u3000第一章", "\u3000\u3000第一章"),
            ("東京\u3000大阪", "東京\u3000大阪"),
        ),
    ),
    Rule(
        code="TM521",
        name="nfkc",
        stage=Stage.NORMALIZE,
        find=find_nfkc,
        summary="Normalise to NFKC (ligatures, ①, x², widths) but keep CJK punctuation; opt-in.",
        why=(
            "NFKC replaces compatibility characters with their plain forms: ligatures, circled "
            "and superscript digits, fullwidth letters, halfwidth katakana, compatibility "
            "ideographs. Fullwidth punctuation and the ideographic space keep their width in "
            "CJK text, which the width rules own (plain NFKC folds every Chinese comma). It runs "
            "after the width rules, so fullwidth punctuation in Latin text gets their spacing. "
            "Off by default and in no preset, since x² becoming x2 changes what text says: "
            "select it by name."
        ),
        examples=(
            ("ﬁle ① x²", "file 1 x2"),
            ("ＡＢＣ，", "ABC,"),
            ("ｶﾅ ＡＢ，中文。", "カナ AB，中文。"),
            ("plain", "plain"),
        ),
        default=False,
    ),
    Rule(
        code="TM540",
        name="nbsp",
        stage=Stage.NORMALIZE,
        find=find_nbsp,
        triggers="\u00a0",
        summary="Make non-breaking spaces between words of non-CJK text ordinary spaces; opt-in.",
        why=(
            "Scraped text is full of &nbsp; turned into U+00A0. The spaces French typography "
            "requires (before ; : ! ? » %, after «) stay. Off by default: 10 km with a "
            "no-break space is deliberate typography; the corpus preset runs it."
        ),
        examples=(
            ("New\u00a0York", "New York"),
            ("oui\u00a0! «\u00a0non\u00a0»", "oui\u00a0! «\u00a0non\u00a0»"),
            ("中文\u00a0内容", "中文\u00a0内容"),
        ),
        default=False,
    ),
    Rule(
        code="TM541",
        name="trailing-whitespace",
        stage=Stage.NORMALIZE,
        find=find_trailing_whitespace,
        summary="Remove blanks at the end of lines; opt-in.",
        why=(
            "Off by default: two trailing spaces are a line break in Markdown. The line "
            "break itself, CRLF included, is never touched."
        ),
        examples=(
            ("one  \ntwo\t\r\n", "one\ntwo\r\n"),
            ("行尾\u3000\n", "行尾\n"),
            ("a b\n", "a b\n"),
        ),
        default=False,
        needs_non_ascii=False,
    ),
    Rule(
        code="TM542",
        name="mixed-line-endings",
        stage=Stage.NORMALIZE,
        find=find_mixed_line_endings,
        summary="Make every line ending the text's commonest one (LF on a tie); opt-in.",
        why=(
            "A file edited on two systems ends up with CRLF and LF mixed. A text with one "
            "kind throughout is left alone, so selecting this rule never converts a clean "
            "Windows file."
        ),
        examples=(
            ("a\r\nb\r\nc\nd", "a\r\nb\r\nc\r\nd"),
            ("a\nb\r\n", "a\nb\n"),
            ("a\r\nb\r\n", "a\r\nb\r\n"),
        ),
        default=False,
        needs_non_ascii=False,
    ),
    Rule(
        code="TM550",
        name="straight-quotes",
        stage=Stage.NORMALIZE,
        find=find_straight_quotes,
        summary="Make curly quotes outside CJK text straight ASCII quotes; opt-in.",
        why=(
            "For pipelines that want one form of quote. Curly quotes are correct typography, "
            "so this is off by default, and “ ” beside Chinese or Japanese are left alone."
        ),
        examples=(
            ("“It’s here”", '"It\'s here"'),
            ("他说“好”", "他说“好”"),
        ),
        default=False,
    ),
    Rule(
        code="TM551",
        name="corner-quotes",
        stage=Stage.NORMALIZE,
        find=find_corner_quotes,
        requires=CJK_TEXT,
        summary="Write quotations in CJK text with corner brackets (“…” to 「…」); opt-in.",
        why=(
            "Traditional Chinese and Japanese quote with 「」 and 『』. Only pairs on one line "
            "holding CJK text are changed; “English” quotes are left alone."
        ),
        examples=(
            ("他说：“我‘知道’了。”", "他说：「我『知道』了。」"),
            ("“Hello” 世界", "“Hello” 世界"),
        ),
        default=False,
    ),
    Rule(
        code="TM510",
        name="zh-script",
        stage=Stage.NORMALIZE,
        find=find_zh_script,
        requires=CJK_TEXT,
        summary="Convert Chinese to the script zh_script names (hans or hant); off for auto/keep.",
        why=(
            "Phrase-level conversion with tables generated from OpenCC's dictionaries "
            "(longest phrase first, then single characters); compatibility ideographs and "
            "characters with a variation selector are never changed. It does nothing unless "
            "zh_script is hans or hant. docs/normalisation.md compares it with OpenCC."
        ),
        examples=(("发展", "发展"),),
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
RULES_BY_NAME = {rule.name: rule for rule in RULES}
