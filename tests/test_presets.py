"""Presets: what each turns on, and what each does to clean text of many scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

import textmend
from conftest import FIXTURES
from textmend import PRESETS, Config, Stage, select_rules
from textmend._presets import Preset
from textmend._rules import RULES, RULES_BY_NAME
from textmend.cli import main


def codes(preset: str) -> set[str]:
    return {rule.code for rule in select_rules(preset=preset)}


def test_presets_exist_and_describe_themselves() -> None:
    assert set(PRESETS) == {"safe", "default", "corpus", "strict"}
    for preset in PRESETS.values():
        assert preset["description"].endswith(".")
        assert preset["select"]


def test_safe_is_repairs_only() -> None:
    rules = select_rules(preset="safe")
    assert rules
    assert {rule.stage for rule in rules} <= {Stage.REPAIR, Stage.DETECT}
    assert {rule.code for rule in RULES if rule.code[2] in "234" and rule.default} == codes("safe")


def test_default_is_every_rule_on_by_default() -> None:
    assert codes("default") == {rule.code for rule in RULES if rule.default}


def test_strict_is_everything_but_nfkc() -> None:
    assert codes("strict") == {rule.code for rule in RULES} - {"TM521"}


def test_corpus_is_the_repairs_plus_named_normalisation() -> None:
    corpus = codes("corpus")
    assert codes("safe") < corpus < codes("strict")
    # What NeMo Curator's and datatrove's ftfy settings turn on, in textmend's terms.
    assert {"TM501", "TM502", "TM504"} <= corpus
    # What they turn off (width folding, quote uncurling, NFKC) stays off, CJK-safe
    # width rules excepted.
    assert not {"TM521", "TM550", "TM551", "TM531"} & corpus
    assert {"TM520", "TM532", "TM533", "TM534", "TM535", "TM541", "TM542", "TM510"} <= corpus


def test_prefixes_take_default_rules_and_names_take_any(monkeypatch: pytest.MonkeyPatch) -> None:
    by_prefix: Preset = {"description": "test.", "select": ("TM5",)}
    by_name: Preset = {"description": "test.", "select": ("nbsp", "TM541")}
    monkeypatch.setitem(PRESETS, "by-prefix", by_prefix)
    monkeypatch.setitem(PRESETS, "by-name", by_name)
    prefix = {rule.code for rule in select_rules(preset="by-prefix")}
    assert prefix == {r.code for r in RULES if r.code.startswith("TM5") and r.default}
    assert "TM540" not in prefix
    assert {rule.code for rule in select_rules(preset="by-name")} == {"TM540", "TM541"}


def test_every_preset_names_real_rules() -> None:
    for preset in PRESETS.values():
        for selector in preset["select"]:
            assert select_rules(select=[selector]), selector


def test_rules_command_lists_each_preset(capsys: pytest.CaptureFixture[str]) -> None:
    for name in PRESETS:
        assert main(["rules", "--preset", name]) == 0
        out = capsys.readouterr().out
        for rule in select_rules(preset=name):
            assert rule.code in out
        for rule in RULES:
            if rule not in select_rules(preset=name):
                assert f"{rule.code} " not in out, (name, rule.code)


# --- Clean text --------------------------------------------------------------------

CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))

# Which rules change each clean fixture under each preset.  `safe` and `default` change
# nothing; corpus and strict change only what their opt-in rules say they change.
FIRES: dict[str, dict[str, set[str]]] = {
    "en.txt": {"strict": {"TM550"}},  # curly quotes straightened
    "fr.txt": {"corpus": {"TM540"}, "strict": {"TM540", "TM550"}},  # 14 h, 2,5 kg
    "ja.txt": {"corpus": {"TM532"}, "strict": {"TM532"}},  # ｶﾀｶﾅ
    "ja-width.txt": {"corpus": {"TM532"}, "strict": {"TM531", "TM532"}},  # ６年, ｱｲｳｴｵ
    "markdown.md.txt": {"corpus": {"TM501", "TM541"}, "strict": {"TM501", "TM541"}},
    "pinyin-legit.txt": {"strict": {"TM551"}},  # “这” to 「这」
    "zh-hans.txt": {"strict": {"TM551"}},
    "zh-indent.txt": {"strict": {"TM531"}},  # ２０２４年
}


def test_clean_corpus_covers_twenty_languages_and_scripts() -> None:
    names = {path.name for path in CLEAN}
    languages = (FIXTURES / "clean" / "languages.txt").read_text(encoding="utf-8").splitlines()
    assert len(names) + len(languages) >= 40
    assert len(names) >= 20


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_exactly_these_rules_fire_on_clean_text(path: Path, preset: str) -> None:
    text = path.read_text(encoding="utf-8")
    fired = {f.code for f in textmend.check_text(text, preset=preset) if f.replacement is not None}
    assert fired == FIRES.get(path.name, {}).get(preset, set())
    if not fired:
        assert textmend.fix_text(text, preset=preset) == text


CHINESE = (
    "会议指出，要坚持创新、协调、绿色的发展理念；同时强调：数据安全是底线！"
    "这意味着什么？（详见《数据安全法》第三条）他说：「我们必须行动。」\n"
    "\u3000\u3000第二段以全角空格缩进，引用《论语》：「学而时习之，不亦说乎？」（学而篇）\n"
)
JAPANESE = (
    "「東京は、日本の首都です。」と先生は言いました（授業中）。"
    "本当ですか！？はい、本当です！\n"
    "（注）この文章は例文です。質問は？「ありません」。\n"
)


@pytest.mark.parametrize("text", [CHINESE, JAPANESE], ids=["chinese", "japanese"])
@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_cjk_punctuation_survives_every_preset(text: str, preset: str) -> None:
    assert textmend.fix_text(text, preset=preset) == text
    assert textmend.fix_text(text, preset=preset, zh_script="keep") == text


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_presets_config_round_trip(preset: str) -> None:
    config = Config(preset=preset)
    assert config.rules() == select_rules(preset=preset)
    assert RULES_BY_NAME["zh-script"] in config.rules() or preset == "safe"


def _nemo_ftfy(text: str) -> str:
    """ftfy as NeMo Curator's UnicodeReformatter and datatrove's FTFYFormatter configure it."""
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html="auto",
        remove_terminal_escapes=True,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=True,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(text, config=config)


AGREE = [
    "Caf&eacute; &amp; cr&egrave;me &#8211; 5&euro;",
    "<p>Fish &amp; chips</p>",
    "\x1b[1;31mERROR\x1b[0m disk full",
    "bell\x07 and NUL\x00 removed",
    "cafÃ© â€œmenuâ€\x9d",
    "“Curly” quotes and ﬁ ligatures stay",
]


@pytest.mark.parametrize("text", AGREE)
def test_corpus_agrees_with_the_ftfy_settings_of_corpus_pipelines(text: str) -> None:
    assert textmend.fix_text(text, preset="corpus") == _nemo_ftfy(text)


def test_corpus_differs_from_ftfy_where_ftfy_harms_cjk() -> None:
    # With width folding off, ftfy leaves ＡＢＣ and ｶﾀｶﾅ alone; corpus makes Latin
    # letters ASCII and katakana fullwidth, and never touches CJK punctuation.
    text = "Ｐｌａｉｎ ｔｅｘｔ，ｈｅｒｅ\nｶﾀｶﾅ。中文，标点"
    assert _nemo_ftfy(text) == text
    assert textmend.fix_text(text, preset="corpus") == "Plain text, here\nカタカナ。中文，标点"


def test_corpus_makes_no_break_spaces_ordinary_unlike_ftfy() -> None:
    # ftfy keeps U+00A0 (it has no whitespace fixer besides line breaks); corpus wants
    # uniform spaces outside French typography.
    assert _nemo_ftfy("5&nbsp;&euro;") == "5\u00a0€"
    assert textmend.fix_text("5&nbsp;&euro;", preset="corpus") == "5 €"
