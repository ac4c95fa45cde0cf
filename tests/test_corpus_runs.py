"""Corpus runs: serial, process pool (whole shards and chunks) and Dask give the same
bytes; a run killed with SIGKILL resumes without redoing finished shards.

The corpus is the fixture records of ``fixtures/corpus/jsonl`` spread over
sixteen shards in two folders, with ids made unique per shard.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textmend.cli import main
from textmend.corpus import STATE_DIR, mend_corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "corpus"
SHARDS = 16


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "in"
    lines = [
        line
        for path in sorted((FIXTURES / "jsonl").rglob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
    ]
    for n in range(SHARDS):
        folder = root / ("a" if n % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        shard = [line.replace('"doc-', f'"s{n:02}-doc-') for line in lines[n % 7 :] + lines]
        (folder / f"part-{n:03}.jsonl").write_text("\n".join(shard) + "\n", encoding="utf-8")
    return root


def outputs(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes, markers aside."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and STATE_DIR not in p.parts
    }


def markers(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for p in (folder / STATE_DIR).rglob("*.done")
    }


def without_timing(report: dict[str, object]) -> dict[str, object]:
    drop = {"seconds", "executor", "jobs", "output", "per_shard"}
    return {k: v for k, v in report.items() if k not in drop}


@pytest.fixture(scope="module")
def serial(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("serial") / "out"
    report = out.parent / "report.json"
    assert (
        main(["corpus", str(corpus), "-o", str(out), "--isolated", "-q", "--report", str(report)])
        == 0
    )
    data = json.loads(report.read_text("utf-8"))
    assert data["shards"]["done"] == SHARDS
    assert len(outputs(out)) == SHARDS
    return out, data


def test_jobs_2_is_byte_identical_to_serial(
    corpus: Path, serial: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    assert (
        main(
            [
                "corpus",
                str(corpus),
                "-o",
                str(out),
                "--isolated",
                "-q",
                "-j",
                "2",
                "--report",
                str(report),
            ]
        )
        == 0
    )

    assert outputs(out) == outputs(serial[0])
    data = json.loads(report.read_text("utf-8"))
    assert data["executor"] == "process"
    assert without_timing(data) == without_timing(serial[1]), "counters merge across workers"


def test_chunks_of_a_shard_shared_by_a_pool_are_byte_identical(
    corpus: Path, serial: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    # Chunks of about 2 KB: every shard is cut into several ranges at line ends.
    report = mend_corpus([str(corpus)], str(tmp_path / "out"), jobs=2, chunk_bytes=2048)

    assert outputs(tmp_path / "out") == outputs(serial[0])
    assert without_timing(report.to_json()) == without_timing(serial[1])
    assert set(markers(tmp_path / "out")) == set(markers(serial[0]))


def test_dask_local_cluster_with_two_worker_processes(
    corpus: Path, serial: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        assert len(cluster.workers) == 2
        status = main(
            [
                "corpus",
                str(corpus),
                "-o",
                str(out),
                "--isolated",
                "-q",
                "--scheduler",
                cluster.scheduler_address,
                "--report",
                str(report),
            ]
        )
    assert status == 0
    assert outputs(out) == outputs(serial[0])
    data = json.loads(report.read_text("utf-8"))
    workers = {shard["worker"] for shard in data["per_shard"]}
    assert len(workers) == 2, f"both worker processes mended shards: {workers}"
    assert all(w.split(":")[1] != str(os.getpid()) for w in workers)
    assert data["executor"] == "dask"
    assert without_timing(data) == without_timing(serial[1])


def test_run_killed_halfway_resumes_without_redoing_finished_shards(
    corpus: Path, serial: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "textmend",
            "corpus",
            str(corpus),
            "-o",
            str(out),
            "--isolated",
            "-q",
        ],
        env=env,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / STATE_DIR).exists() and len(markers(out)) >= 3:
                break
            time.sleep(0.005)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    before = markers(out)
    assert 3 <= len(before) < SHARDS, f"killed after {len(before)} of {SHARDS} shards"
    for name in before:
        # A marker is written only after its output is whole and in place.
        rel = name[len(STATE_DIR) + 1 : -len(".done")]
        assert (out / rel).read_bytes() == (serial[0] / rel).read_bytes()

    report = tmp_path / "report.json"
    assert (
        main(["corpus", str(corpus), "-o", str(out), "--isolated", "-q", "--report", str(report)])
        == 0
    )

    after = markers(out)
    assert {k: after[k] for k in before} == before, "finished shards were not redone"
    data = json.loads(report.read_text("utf-8"))
    assert data["shards"]["finished_earlier"] == len(before)
    assert data["shards"]["done"] == SHARDS - len(before)
    assert outputs(out) == outputs(serial[0])
    assert not list(out.rglob("*.textmend-tmp")), "a killed run's temporary files are cleared"
    data.pop("shards")
    assert without_timing(data) == {
        k: v for k, v in without_timing(serial[1]).items() if k != "shards"
    }, "the report covers every shard"


def test_force_redoes_and_a_changed_input_is_redone(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    (data / "a.jsonl").write_text('{"text": "指出,,发展"}\n', encoding="utf-8")
    (data / "b.jsonl").write_text('{"text": "clean"}\n', encoding="utf-8")
    out = tmp_path / "out"
    args = ["corpus", str(data), "-o", str(out), "--isolated", "-q"]
    assert main(args) == 0
    first = markers(out)

    assert main(args) == 0
    assert markers(out) == first
    assert main([*args, "--force"]) == 0
    forced = markers(out)
    assert all(forced[k] != first[k] for k in first)

    (data / "b.jsonl").write_text('{"text": "又一个,,文档"}\n', encoding="utf-8")
    assert main(args) == 0
    again = markers(out)
    assert again[f"{STATE_DIR}/a.jsonl.done"] == forced[f"{STATE_DIR}/a.jsonl.done"]
    assert again[f"{STATE_DIR}/b.jsonl.done"] != forced[f"{STATE_DIR}/b.jsonl.done"]
    assert (out / "b.jsonl").read_text("utf-8") == '{"text": "又一个，文档"}\n'
