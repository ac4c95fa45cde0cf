"""The public API: signatures, configuration, presets, composition, errors."""

from __future__ import annotations

import pickle

import pytest

import textmend
from textmend import Config, ConfigError, ReplayError, UnknownRuleError

DAMAGED = "會(huì)議(yì)指出,,產(chǎn)業(yè)園區(qū)是主陣地,。"


def test_public_names() -> None:
    for name in ("fix_text", "check_text", "fix_and_explain", "replay", "pipeline", "RULES"):
        assert name in textmend.__all__


def test_fix_text_default() -> None:
    assert textmend.fix_text(DAMAGED) == "会议指出，产业园区是主阵地。"


def test_zh_script_keep_and_force() -> None:
    assert textmend.fix_text(DAMAGED, zh_script="keep") == "會議指出，產業園區是主陣地。"
    assert textmend.fix_text("發展", zh_script="hans") == "发展"
    assert textmend.fix_text("发展", zh_script="hant") == "發展"
    assert textmend.fix_text("發展") == "發展"  # no artifact: auto keeps the script


def test_select_and_ignore() -> None:
    only_commas = textmend.fix_text(DAMAGED, select=["TM4"])
    assert "(huì)" in only_commas and ",," not in only_commas
    no_commas = textmend.fix_text(DAMAGED, ignore=["doubled-comma"])
    assert ",," in no_commas


def test_unknown_selector_and_preset() -> None:
    with pytest.raises(UnknownRuleError, match="TM999"):
        textmend.fix_text("x", select=["TM999"])
    with pytest.raises(ConfigError, match="preset"):
        textmend.fix_text("x", preset="nope")
    with pytest.raises(ConfigError, match="zh_script"):
        Config(zh_script="latin")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="list of selectors"):
        Config(select="TM401")  # type: ignore[arg-type]


def test_presets_are_data() -> None:
    assert set(textmend.PRESETS) >= {"safe", "default"}
    safe = {rule.code for rule in Config(preset="safe").rules()}
    default = {rule.code for rule in Config().rules()}
    assert safe < default
    assert "TM510" not in safe


def test_config_is_frozen_hashable_picklable() -> None:
    config = Config(select=["TM4", "TM301"], zh_script="keep")
    assert isinstance(config.select, tuple)
    assert hash(config) == hash(pickle.loads(pickle.dumps(config)))
    assert pickle.loads(pickle.dumps(config)) == config
    with pytest.raises(AttributeError):
        config.preset = "safe"  # type: ignore[misc]
    assert textmend.fix_text(DAMAGED, config=config) == "會議指出，產業園區是主陣地。"


def test_check_text_findings() -> None:
    findings = textmend.check_text("指出,,发展(高新区)党委")
    assert [(f.code, f.name, f.start, f.end, f.replacement) for f in findings] == [
        ("TM401", "doubled-comma", 2, 4, "，"),
        ("TM404", "ascii-brackets", 6, 7, "（"),
        ("TM404", "ascii-brackets", 10, 11, "）"),
    ]
    assert all(f.message for f in findings)


def test_findings_map_back_through_earlier_steps() -> None:
    # The pinyin is stripped first; the comma finding must still point into the input.
    text = "會(huì)議(yì)指出,,發(fā)展"
    comma = next(f for f in textmend.check_text(text) if f.code == "TM401")
    assert text[comma.start : comma.end] == ",,"


def test_explain_and_replay() -> None:
    fixed = textmend.fix_and_explain(DAMAGED)
    assert [s.code for s in fixed.steps] == ["TM301", "TM310", "TM401", "TM402"]
    assert textmend.replay(DAMAGED, fixed.steps) == fixed.text
    with pytest.raises(ReplayError):
        textmend.replay("something else entirely", fixed.steps)


def test_pipeline_composes_rules_and_callables() -> None:
    mend = textmend.pipeline("doubled-comma", textmend.RULES[-1], str.strip)
    assert mend("  指出,,发展  ") == "指出，发展"
    assert len(mend.steps) == 3
    with pytest.raises(UnknownRuleError):
        textmend.pipeline("no-such-rule")


def test_non_str_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="decode"):
        textmend.fix_text(b"bytes")  # type: ignore[arg-type]


def test_empty_and_ascii_text() -> None:
    assert textmend.fix_text("") == ""
    assert textmend.check_text("plain ascii, nothing to do?") == []


def test_decoding_names_load_lazily() -> None:
    # `import textmend` must not pay for chardet; the names still resolve.
    import subprocess
    import sys

    code = (
        "import sys, textmend; assert 'chardet' not in sys.modules; "
        "assert callable(textmend.decode) and callable(textmend.fix_bytes); "
        "print(textmend.fix_bytes('指出,,发展'.encode('utf-8')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "指出，发展"
