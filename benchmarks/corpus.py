"""``python -m benchmarks.corpus``: ``textmend corpus`` at scale, against ftfy.

Two measurements, each of a real ``textmend corpus`` command in a fresh process:

* throughput (default): documents per second over JSON Lines shards, serial
  and ``--jobs 2``, and ftfy with NeMo Curator's settings (``ftfy-corpus`` in
  :mod:`benchmarks.contenders`) over the same shards, reading and writing the
  lines the same way, serial and in two processes.  The serial and ``--jobs 2``
  outputs are compared byte for byte.
* ``--memory``: peak resident memory of ``textmend corpus`` on one shard of
  10 MB and of 200 MB (``--memory-sizes``), serial and ``--jobs 2``.  The peak
  is the kernel's ``ru_maxrss`` for the command's process tree, read with
  ``os.wait4`` by a small wrapper process (a child's ``ru_maxrss`` on Linux starts
  from the size of whatever forked it, so the harness does not fork it itself).

The corpus is the seeded documents of :mod:`benchmarks.corpora`: mostly clean
text in several scripts, 15% of it damaged (Latin and CJK mojibake, the
founding example's damage).  A large shard repeats the documents of the
small one, so the two differ only in size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpora import ROOT, make_corpora

__all__ = ["main"]

#: The corpus mix: mostly clean text in several scripts, and a share of it damaged.
CLEAN = ("en-ascii", "en", "zh-hans", "zh-hant", "ja", "mixed")
DAMAGED = ("en-cp1252", "zh-gbk", "founding")
DAMAGED_SHARE = 0.15


def _log(message: str) -> None:
    print(f"benchmarks.corpus: {message}", file=sys.stderr, flush=True)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH")) if p
    )
    return env


def _documents(size: int) -> list[str]:
    """About ``size`` bytes of documents, the kinds shuffled together (seeded)."""
    clean = int(size * (1 - DAMAGED_SHARE)) // len(CLEAN)
    damaged = int(size * DAMAGED_SHARE) // len(DAMAGED)
    docs = [
        doc
        for names, each in ((CLEAN, clean), (DAMAGED, damaged))
        for corpus in make_corpora(max(1, each), names=names)
        for doc in corpus.docs
    ]
    random.Random(11).shuffle(docs)
    return docs


def _lines(docs: Sequence[str], start: int) -> list[str]:
    return [
        json.dumps({"id": start + i, "text": doc, "source": "bench"}, ensure_ascii=False) + "\n"
        for i, doc in enumerate(docs)
    ]


def write_shards(folder: Path, size: int, shards: int) -> int:
    """``shards`` JSON Lines files of about ``size`` bytes in all; return the documents."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = _documents(size)
    per = -(-len(docs) // shards)
    for n in range(shards):
        part = docs[n * per : (n + 1) * per]
        (folder / f"shard-{n:03}.jsonl").write_text(
            "".join(_lines(part, n * per)), encoding="utf-8"
        )
    return len(docs)


def write_big_shard(path: Path, size: int, base: Sequence[str]) -> int:
    """One shard of about ``size`` bytes, repeating the lines ``base``; return documents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = documents = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < size:
            for line in base:
                handle.write(line)
                written += len(line.encode("utf-8"))
                documents += 1
                if written >= size:
                    break
    return documents


# -- running a command and reading its peak ------------------------------------------


def _maxrss_bytes(usage: resource.struct_rusage) -> int:
    return usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024


def _wrap(command: Sequence[str]) -> int:
    """Run ``command``; print its wall time and the peak RSS of its process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    # ru_maxrss from wait4 covers the child and the descendants it waited for
    # (pool workers): the largest single process, not the sum.
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak": _maxrss_bytes(usage),
                "cpu": usage.ru_utime + usage.ru_stime,
                "status": os.waitstatus_to_exitcode(status),
            }
        )
    )
    return 0


def measure(command: Sequence[str]) -> dict[str, Any]:
    """Wall time and peak memory of ``command``, through the wrapper."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.corpus", "wrap", "--", *command],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    if result["status"] != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result['status']}: {done.stderr}")
    return result


def _textmend_command(inputs: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "textmend",
        "corpus",
        str(inputs),
        "-o",
        str(out),
        "--isolated",
        "-q",
        *extra,
    ]


# -- ftfy, the way a corpus pipeline runs it ------------------------------------------


def _ftfy_shard(task: tuple[str, str]) -> int:
    from benchmarks.contenders import contender

    fix = contender("ftfy-corpus")
    source, target = task
    documents = 0
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            record["text"] = fix(record["text"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            documents += 1
    return documents


def _ftfy(inputs: str, out: str, jobs: int) -> int:
    """ftfy with NeMo Curator's settings over every shard of ``inputs`` into ``out``."""
    os.makedirs(out, exist_ok=True)
    tasks = [
        (os.path.join(inputs, name), os.path.join(out, name)) for name in sorted(os.listdir(inputs))
    ]
    if jobs <= 1:
        documents = sum(map(_ftfy_shard, tasks))
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            documents = sum(pool.imap_unordered(_ftfy_shard, tasks))
    print(documents)
    return 0


# -- the measurements ---------------------------------------------------------------


def _same_bytes(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.jsonl"))
    return names == sorted(p.name for p in b.glob("*.jsonl")) and all(
        (a / n).read_bytes() == (b / n).read_bytes() for n in names
    )


def throughput(work: Path, size: int, shards: int) -> dict[str, Any]:
    inputs = work / "in"
    _log(f"writing {shards} shards, {size / 1e6:.0f} MB")
    documents = write_shards(inputs, size, shards)
    nbytes = sum(p.stat().st_size for p in inputs.iterdir())
    runs: dict[str, dict[str, Any]] = {}
    commands = {
        "textmend corpus (serial)": _textmend_command(inputs, work / "serial"),
        "textmend corpus --jobs 2": _textmend_command(inputs, work / "jobs2", "--jobs", "2"),
        "ftfy, NeMo Curator settings (serial)": [
            sys.executable,
            "-m",
            "benchmarks.corpus",
            "ftfy",
            str(inputs),
            str(work / "ftfy1"),
            "1",
        ],
        "ftfy, NeMo Curator settings (2 processes)": [
            sys.executable,
            "-m",
            "benchmarks.corpus",
            "ftfy",
            str(inputs),
            str(work / "ftfy2"),
            "2",
        ],
    }
    for name, command in commands.items():
        _log(f"throughput: {name}")
        result = measure(command)
        runs[name] = {
            "seconds": round(result["seconds"], 2),
            "documents_per_second": round(documents / result["seconds"]),
            "mb_per_second": round(nbytes / result["seconds"] / 1e6, 2),
            # CPU time of the whole process tree: on a shared machine the wall
            # clock says as much about the neighbours as about the run.
            "cpu_seconds": round(result["cpu"], 2),
            "peak_mb": round(result["peak"] / 1e6, 1),
        }
    identical = _same_bytes(work / "serial", work / "jobs2")
    return {
        "documents": documents,
        "bytes": nbytes,
        "shards": shards,
        "runs": runs,
        "serial_equals_jobs_2": identical,
    }


def memory(work: Path, sizes_mb: Sequence[int]) -> dict[str, Any]:
    base = _lines(_documents(2_000_000), 0)
    results: dict[str, Any] = {}
    for size in sizes_mb:
        shard = work / f"mem-{size}" / "in" / "shard.jsonl"
        _log(f"memory: writing one {size} MB shard")
        documents = write_big_shard(shard, size * 1_000_000, base)
        for label, extra in (("serial", ()), ("--jobs 2", ("--jobs", "2"))):
            _log(f"memory: {size} MB, {label}")
            out = work / f"mem-{size}" / label.replace(" ", "").replace("-", "")
            result = measure(_textmend_command(shard.parent, out, *extra))
            results[f"{size} MB, {label}"] = {
                "documents": documents,
                "seconds": round(result["seconds"], 1),
                "peak_mb": round(result["peak"] / 1e6, 1),
            }
            shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(shard.parent.parent, ignore_errors=True)
    return results


def _table(title: str, rows: dict[str, dict[str, Any]]) -> str:
    columns = list(next(iter(rows.values())))
    lines = [
        f"{title}",
        "",
        "| run | " + " | ".join(columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    lines += [
        f"| {name} | " + " | ".join(str(v) for v in row.values()) + " |"
        for name, row in rows.items()
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["wrap"]:
        return _wrap(args[2:] if args[1:2] == ["--"] else args[1:])
    if args[:1] == ["ftfy"]:
        return _ftfy(args[1], args[2], int(args[3]))
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--memory", action="store_true", help="measure peak memory instead")
    parser.add_argument(
        "--memory-sizes", default="10,200", help="shard sizes in MB (default: 10,200)"
    )
    parser.add_argument(
        "--size", type=float, default=8, help="throughput corpus in MB (default: 8)"
    )
    parser.add_argument("--shards", type=int, default=8, help="throughput shards (default: 8)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: keeps the script working")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    options = parser.parse_args(args)
    with tempfile.TemporaryDirectory(prefix="textmend-bench-corpus-") as tmp:
        work = Path(tmp)
        if options.memory:
            sizes = [1, 2] if options.quick else [int(s) for s in options.memory_sizes.split(",")]
            results: dict[str, Any] = {"memory": memory(work, sizes)}
            print(
                _table(
                    "Peak memory of `textmend corpus` on one JSON Lines shard", results["memory"]
                )
            )
        else:
            size = 200_000 if options.quick else int(options.size * 1e6)
            results = {"throughput": throughput(work, size, 4 if options.quick else options.shards)}
            t = results["throughput"]
            print(
                _table(
                    f"Throughput on {t['documents']:,} documents, {t['bytes'] / 1e6:.1f} MB in "
                    f"{t['shards']} JSON Lines shards (serial = --jobs 2 byte for byte: "
                    f"{t['serial_equals_jobs_2']})",
                    t["runs"],
                )
            )
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
