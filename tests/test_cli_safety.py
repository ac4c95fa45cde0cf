"""A file is never left damaged: killed runs, hard links, FIFOs, races, parallel runs."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textmend.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"
DAMAGED = "会议指出,,产业园区是主阵地\n"
MENDED = "会议指出，产业园区是主阵地\n"
TEMP_SUFFIX = ".textmend-tmp"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _temp_files(directory: Path) -> list[str]:
    return [name for name in os.listdir(directory) if name.endswith(TEMP_SUFFIX)]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    # About 4 MB: one damaged line, then clean ASCII. Only TM401 runs, so a run
    # takes well under a second and most of a trial is the rewrite itself.
    filler = "The quick brown fox jumps over the lazy dog, again and again and again.\n" * 60_000
    original = (DAMAGED + filler).encode()
    mended = (MENDED + filler).encode()
    path = tmp_path / "big.txt"
    argv = [sys.executable, "-m", "textmend", "fix", "-q", "--select", "TM401", str(path)]
    env = _env()

    # One full run, to know the new version and how long a run takes.
    path.write_bytes(original)
    started = time.monotonic()
    subprocess.run(argv, env=env, check=True, timeout=60)
    duration = time.monotonic() - started
    assert path.read_bytes() == mended
    assert _temp_files(tmp_path) == []

    rng = random.Random(20260601)
    outcomes: list[str] = []
    mid_rewrite = 0
    for trial in range(6):
        path.write_bytes(original)
        process = subprocess.Popen(argv, env=env)
        try:
            if trial % 2 == 0:
                # Aim at the rewrite: wait for the temporary file, then kill at
                # once or a little later.
                deadline = time.monotonic() + 30
                while not _temp_files(tmp_path) and process.poll() is None:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.0002)
                if trial:
                    time.sleep(rng.uniform(0, 0.03))
            else:
                time.sleep(rng.uniform(0, duration))
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=30)
        data = path.read_bytes()
        assert data in (original, mended), f"trial {trial}: a truncated or mixed file"
        leftovers = _temp_files(tmp_path)
        if leftovers:
            mid_rewrite += 1
            # Whatever the temporary file holds, the target was never touched.
            for name in leftovers:
                os.unlink(tmp_path / name)
        outcomes.append("old" if data == original else "new")
    print(f"outcomes: {outcomes}, killed mid-rewrite: {mid_rewrite}")
    assert mid_rewrite >= 1, f"no kill landed during a rewrite: {outcomes}"


def test_hard_linked_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    os.link(path, tmp_path / "b.txt")

    assert main(["fix", str(path)]) == 2

    assert path.read_text(encoding="utf-8") == DAMAGED
    assert (tmp_path / "b.txt").stat().st_ino == path.stat().st_ino
    assert "has 2 hard links" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_waiting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    assert main(["check", str(fifo)]) == 2

    assert "not a regular file" in capsys.readouterr().err


def test_file_changed_while_mending_is_left_as_it_now_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import textmend.cli._process as process

    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    real = process.fix_and_explain

    def meanwhile(text: str, **kwargs: object) -> object:
        # Another program saves the file while textmend is working on it.
        path.write_text(DAMAGED + "新的一行\n", encoding="utf-8")
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(process, "fix_and_explain", meanwhile)

    assert main(["fix", str(path)]) == 2

    assert path.read_text(encoding="utf-8") == DAMAGED + "新的一行\n"
    assert "changed on disk while textmend was working" in capsys.readouterr().err


def test_jobs_give_the_same_output_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for index in range(40):
        text = DAMAGED if index % 3 else "干净的文本。\n"
        (tmp_path / f"f{index:02}.txt").write_text(text * (1 + index % 4), encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02")
    monkeypatch.chdir(tmp_path)

    assert main(["check", "."]) == 1
    serial = capsys.readouterr()
    assert main(["check", ".", "--jobs", "3"]) == 1
    parallel = capsys.readouterr()

    assert parallel.out == serial.out
    assert parallel.err == serial.err

    assert main(["fix", ".", "--jobs", "0"]) == 0
    assert "26 files fixed, 14 unchanged, 1 skipped" in capsys.readouterr().err
    assert main(["check", ".", "-j", "2"]) == 0
