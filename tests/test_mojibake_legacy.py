"""TM230 (legacy bytes read as Latin-1 or Windows-1252): readings decided by language evidence.

The golden cases in fixtures/cases/mojibake-legacy.json hold one line per cause;
these tests sweep small families of text around them: headings in capitals (the
readings of Windows-1251, KOI8-R and Windows-1253 trade case), Latin-1 text that
holds the bytes of legacy punctuation, and the generated tables.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import textmend

ROOT = Path(__file__).resolve().parent.parent

# Russian and Greek sentences and headings: each written in its legacy codec and
# read as Latin-1 must come back whole.
ALPHABET_TEXTS = {
    "cp1251": [
        "ПРИВЕТ МИР",
        "ГЛАВА ПЕРВАЯ",
        "МОСКВА",
        "ЗАКОН О ПЕЧАТИ",
        "ДОБРО ПОЖАЛОВАТЬ",
        "НОВОСТИ",
        "РОССИЯ",
        "ОБЪЯВЛЕНИЕ",
        "ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ",
        "Мы в городе",
        "Привет из Москвы",
        "Сегодня хорошая погода",
        "съешь же ещё этих мягких французских булок",
    ],
    "koi8_r": ["ПРИВЕТ МИР", "ГЛАВА ПЕРВАЯ", "ДОБРО ПОЖАЛОВАТЬ", "Сегодня хорошая погода"],
    "cp1253": ["ΚΑΛΗΜΕΡΑ ΚΟΣΜΕ", "Καλημέρα κόσμε"],
}


@pytest.mark.parametrize(
    ("codec", "text"),
    [(codec, text) for codec, texts in ALPHABET_TEXTS.items() for text in texts],
)
def test_alphabet_text_read_as_latin1_comes_back(codec: str, text: str) -> None:
    misread = text.encode(codec).decode("latin-1")
    assert textmend.fix_text(misread, select=["TM230"]) == text


# Common Chinese characters whose GBK bytes all fall where Windows-1251 has
# capitals and KOI8-R lower-case letters (C0-DF), or where EUC-KR has Hangul.
GBK_TEXTS = ["人老了人老了人老了", "里读里读里读里读", "人民代表大会", "老师说了算"]


@pytest.mark.parametrize("text", GBK_TEXTS)
def test_common_chinese_in_gbk_is_not_read_as_an_alphabet_or_hangul(text: str) -> None:
    misread = text.encode("gbk").decode("latin-1")
    assert textmend.fix_text(misread, select=["TM230"]) == text


# Latin-1 text with the characters legacy punctuation becomes, used as written.
CLEAN = [
    "¡Ésta es la canción! ¿Qué año?",
    "« Qui vivra verra »",
    "10 µm thick, nº 5, 1ª vez, H²O, 5¼ inch",
    "Coca-Cola® and Fanta™ for £5",
    "L’Haÿ-les-Roses, Ångström, smørrebrød, Þórður",
    "naïve café résumé façade",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_latin1_text_is_left_alone(text: str) -> None:
    assert textmend.fix_text(text, select=["TM230"]) == text
    assert textmend.fix_text(text, preset="safe") == text


def test_letter_tables_are_current() -> None:
    if importlib.util.find_spec("babel") is None:
        pytest.skip("babel (the docs extra) is not installed; the tables are built from its CLDR")
    # The tables name the babel whose CLDR they come from; another babel ships other
    # CLDR data, so only the same version can regenerate them byte for byte.
    header = (ROOT / "src" / "textmend" / "data" / "legacy_hangul.txt").read_text("utf-8")
    built_from = re.search(r"babel (\S+) ", header)
    assert built_from is not None
    installed = importlib.metadata.version("babel")
    if installed != built_from.group(1):
        pytest.skip(f"tables come from babel {built_from.group(1)}, not {installed}")
    script = ROOT / "scripts" / "gen_legacy_letter_pairs.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
