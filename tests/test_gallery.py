"""The gallery page shows what textmend really does: every entry is run, here and on the CLI."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import textmend
from textmend.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "fixtures" / "gallery.json").read_text(encoding="utf-8"))
ENTRIES = DATA["entries"]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_gallery", ROOT / "scripts" / "gen_gallery.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _script()


def _ids(entry: dict[str, Any]) -> str:
    return f"{entry['family']}: {entry['title']}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_mends_as_shown(entry: dict[str, Any]) -> None:
    options = entry.get("options", {})
    assert textmend.fix_text(entry["input"], **options) == entry["expected"]
    codes = sorted({finding.code for finding in textmend.check_text(entry["input"], **options)})
    assert codes == entry["rules"]
    # What the page says is mended, mended again, stays as it is.
    assert textmend.fix_text(entry["expected"], **options) == entry["expected"]


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_entry_mends_the_same_on_the_command_line(
    entry: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    flags = GEN.cli_call(entry.get("options", {})).split()[2:-1]
    stdin = io.TextIOWrapper(io.BytesIO(entry["input"].encode("utf-8")), encoding="utf-8")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    status = main(["fix", "--isolated", "-q", *flags, "-"])
    stdout.flush()
    assert stdout.buffer.getvalue().decode("utf-8") == entry["expected"]  # type: ignore[attr-defined]
    # 1 only when findings remain that no rule can fix (data lost for good).
    lost = textmend.check_text(entry["expected"], select=["TM290"])
    assert status == (1 if lost else 0)


def test_page_is_current() -> None:
    page = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    assert page == GEN.render(), "run python scripts/gen_gallery.py"


def test_page_shows_every_entry_with_invisible_characters_escaped() -> None:
    page = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    pairs = zip(" " + page, page, strict=False)
    hidden = sorted({f"U+{ord(c):04X}" for before, c in pairs if GEN.is_invisible(c, before)})
    assert not hidden, f"invisible characters on the page: {hidden}"
    for entry in ENTRIES:
        assert f"### {entry['title']}" in page
        assert f"```text\n{GEN.visible(entry['input'])}\n```" in page
        assert f"```text\n{GEN.visible(entry['expected'])}\n```" in page


def test_escapes_are_visible_and_unambiguous() -> None:
    assert GEN.visible("a\u200bb\u00a0c\u3000d") == "a\\u200bb\\u00a0c\\u3000d"
    # A combining mark that composes looks like the composed letter: shown as an escape.
    assert GEN.visible("e\N{COMBINING ACUTE ACCENT}") == "e\\u0301"
    assert GEN.visible("\u1100\u1161\u11a8") == "\u1100\\u1161\\u11a8"
    assert GEN.visible("\uf900\u8c48") == "\\uf900\u8c48"  # a compatibility ideograph
    assert GEN.visible("\N{THAI CHARACTER KO KAI}\N{THAI CHARACTER SARA I}") == "\u0e01\u0e34"
    assert GEN.visible("\u2764\ufe0f \\u") == "\u2764\\ufe0f \\\\u"
    assert GEN.visible("\U000e0041") == "\\U000e0041"
    for entry in ENTRIES:
        for text in (entry["input"], entry["expected"]):
            shown = GEN.visible(text)
            assert all(c in " \n" or unicodedata.category(c)[0] not in "CZ" for c in shown), shown


def test_every_family_has_examples_and_every_entry_a_family() -> None:
    names = [family["name"] for family in DATA["families"]]
    assert len(names) == len(set(names))
    for name in names:
        assert any(entry["family"] == name for entry in ENTRIES), f"{name} has no example"
    for entry in ENTRIES:
        assert entry["family"] in names
        assert set(entry.get("options", {})) <= set(GEN.FLAGS)
        assert entry["explanation"].strip()


def test_every_rule_on_by_default_is_shown() -> None:
    shown = {code for entry in ENTRIES for code in entry["rules"]}
    missing = [f"{r.code} {r.name}" for r in textmend.RULES if r.default and r.code not in shown]
    assert not missing, f"no gallery example in fixtures/gallery.json for {missing}"
