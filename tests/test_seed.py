"""The founding example, read from ../shared beside the checkout (never copied here)."""

from __future__ import annotations

import subprocess
import sys

import regex

import textmend
from textmend._chars import HAN
from textmend.data import zh_table
from textmend.repair.annotations import restore_simplified

PINYIN = regex.compile(f"[{HAN}][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[1-5]?[)）]")
INJECTED = regex.compile(r",[,、。?？，]")
ASCII_BRACKETS_AROUND_HAN = regex.compile(f"\\([^()]*[{HAN}][^()]*\\)")


def test_seed_is_mended(seed_text: str) -> None:
    out = textmend.fix_text(seed_text)
    assert PINYIN.findall(out) == []
    assert INJECTED.findall(out) == []
    assert ASCII_BRACKETS_AROUND_HAN.findall(out) == []
    # ASCII commas between Chinese are all gone; those in numbers stay.
    assert regex.findall(f"[{HAN}],[{HAN}]", out) == []
    # The misread byline is re-synchronised: no bopomofo is left, its words are back.
    assert regex.findall("[\u3105-\u312f]", out) == []
    assert "（文字" in out
    # Simplified script is restored: no character that exists only in Traditional remains.
    t2s = zh_table("t2s_chars")
    assert [c for c in out if t2s.get(c, c) != c] == []
    # Lost bytes are marked, not invented, and there are only a few of them.
    assert 1 <= out.count("\ufffd") <= 4
    # Line structure is untouched.
    assert out.count("\n") == seed_text.count("\n")


def test_seed_keep_stays_traditional(seed_text: str) -> None:
    kept = textmend.fix_text(seed_text, zh_script="keep")
    assert PINYIN.findall(kept) == []
    assert INJECTED.findall(kept) == []
    # Same mending, other script: converting the kept text gives the default result.
    assert restore_simplified(kept) == textmend.fix_text(seed_text)
    assert "產業園區" in kept


def test_seed_check_reports_every_family(seed_text: str) -> None:
    codes = {f.code for f in textmend.check_text(seed_text)}
    assert {"TM201", "TM301", "TM310", "TM401", "TM402", "TM403", "TM404"} <= codes


def test_seed_fix_stdin_equals_fix_text(seed_text: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "textmend", "fix", "-"],
        input=seed_text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert result.stdout.decode("utf-8") == textmend.fix_text(seed_text)
    # Exit 1 says findings remain: only the marks of bytes that were truly lost.
    remaining = result.stderr.decode().splitlines()
    assert result.returncode == 1, result.stderr.decode()
    assert remaining and all(" TM290 " in line for line in remaining if line.startswith("-:"))
