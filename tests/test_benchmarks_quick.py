"""The benchmark harness keeps working: one quick run on tiny corpora, no timing asserted.

Benchmarks are not timed tests.  This only checks that ``python -m benchmarks
--quick`` runs every section and writes well-formed output.
"""

from __future__ import annotations

import doctest
import importlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402
from benchmarks.__main__ import main  # noqa: E402
from benchmarks.coldstart import ColdStart  # noqa: E402
from benchmarks.linearity import Linearity  # noqa: E402
from benchmarks.throughput import Throughput  # noqa: E402

SECTIONS = (
    "## Machine",
    "## Against issue 8's bars",
    "## Clean text",
    "## Damaged text",
    "## Where textmend's time goes",
    "## Cold start",
    "## Linearity",
)


def _tables(markdown: str) -> list[list[str]]:
    """Each markdown table as its lines."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench")
    argv = ["--quick", "--size", "1500", "--no-plot", "--out", str(out)]
    assert main([*argv, "--json", str(out / "results.json")]) == 0
    return out


def test_quick_run_writes_every_section(quick_run: Path) -> None:
    markdown = (quick_run / "benchmarks.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Benchmarks\n")
    for heading in SECTIONS:
        assert heading in markdown
    assert "nan" not in markdown
    assert not (quick_run / "benchmarks.png").exists()  # --no-plot


def test_quick_run_tables_are_well_formed(quick_run: Path) -> None:
    tables = _tables((quick_run / "benchmarks.md").read_text(encoding="utf-8"))
    assert len(tables) >= 6
    for table in tables:
        widths = {line.count("|") for line in table}
        assert len(widths) == 1, table[0]
        assert set(table[1].replace("|", "").split()) <= {"---", "---:"}
        assert len(table) > 2


def test_quick_run_json_has_every_measurement(quick_run: Path) -> None:
    data = json.loads((quick_run / "results.json").read_text(encoding="utf-8"))
    assert data["mode"] == "quick"
    corpora = {entry["corpus"] for entry in data["throughput"]}
    assert {"en", "zh-hans", "zh-hant", "ja", "mixed", "founding", "en-cp1252"} <= corpora
    for entry in data["throughput"]:
        assert set(entry["mb_per_s"]) == {"textmend", "ftfy", "ftfy-corpus"}
        assert all(value > 0 for value in entry["mb_per_s"].values())
        assert all(0.0 <= value <= 1.0 for value in entry["correct"].values())
    assert data["cold_start"]["seconds"]["python -c pass"] > 0
    assert {entry["case"] for entry in data["linearity"]} >= {"commas", "a-tilde", "han-question"}
    assert data["memory"] == []  # full mode only


def test_page_renders_again_from_json(quick_run: Path, tmp_path: Path) -> None:
    argv = ["--from-json", str(quick_run / "results.json"), "--out", str(tmp_path), "--no-plot"]
    assert main(argv) == 0
    again = (tmp_path / "benchmarks.md").read_text(encoding="utf-8")
    assert again == (quick_run / "benchmarks.md").read_text(encoding="utf-8")


def test_corpora_are_deterministic() -> None:
    from benchmarks.corpora import make_corpora

    first = make_corpora(3000, names=["mixed", "founding"])
    second = make_corpora(3000, names=["mixed", "founding"])
    assert first == second
    founding = first[1]
    assert founding.originals is not None
    assert founding.docs != founding.originals


def test_plot_is_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    results = report.Results(mode="quick", machine={"cpus": "2"}, settings={})
    speeds = {"textmend": 10.0, "ftfy": 1.0, "ftfy-corpus": 2.0}
    results.throughput = [
        Throughput("en", "English", 1000, 1, False, speeds, speeds, speeds, speeds, {})
    ]
    results.linearity = [Linearity("commas", "commas", (10, 20), {"textmend": (1.0, 2.0)})]
    results.cold_start = ColdStart({"python -c pass": 0.02}, {}, {}, {})
    path = tmp_path / "plot.png"
    assert report.write_plot(results, path)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize(
    "module", ["corpora", "timing", "throughput"], ids=lambda name: f"benchmarks.{name}"
)
def test_docstring_examples(module: str) -> None:
    failures, _tried = doctest.testmod(importlib.import_module(f"benchmarks.{module}"))
    assert failures == 0
