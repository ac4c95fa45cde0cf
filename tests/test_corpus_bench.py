"""``python -m benchmarks.corpus --quick`` keeps working (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_corpus_benchmark_quick_run(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]))
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.corpus", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text("utf-8"))["throughput"]
    assert result["serial_equals_jobs_2"] is True
    assert result["documents"] > 100
    assert set(result["runs"]) == {
        "textmend corpus (serial)",
        "textmend corpus --jobs 2",
        "ftfy, NeMo Curator settings (serial)",
        "ftfy, NeMo Curator settings (2 processes)",
    }
    for run in result["runs"].values():
        assert run["documents_per_second"] > 0
        assert run["peak_mb"] > 10, "the peak is the measured command's, in MB"
    assert "| textmend corpus --jobs 2 |" in done.stdout
