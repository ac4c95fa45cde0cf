"""textmend.corpus: records, the JSON Lines splice, shards, reports and the command.

The fixtures in ``fixtures/corpus/`` are documents in many scripts, clean and
damaged in known ways (``expected.json`` holds the clean original where
textmend restores it exactly, ``null`` where bytes were lost for good); the
executors, resume and Dask are in ``test_corpus_runs.py``.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import textmend
from textmend import Config, fix_and_explain
from textmend.cli import main
from textmend.corpus import CORPUS_CONFIG, Counters, Mender, fix_records, mend_corpus
from textmend.corpus._formats import field_span, mend_line

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "corpus"
EXPECTED: dict[str, str | None] = json.loads((FIXTURES / "expected.json").read_text("utf-8"))


def jsonl_records(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(folder.rglob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def fixture_documents() -> list[str]:
    return [r["text"] for r in jsonl_records(FIXTURES / "jsonl") if isinstance(r.get("text"), str)]


# --- one document, one record ------------------------------------------------------


def test_fix_records_mends_the_field_and_keeps_the_rest() -> None:
    records = [
        {"id": 1, "text": "会议指出,,产业园区", "meta": {"lang": "zh"}},
        {"id": 2, "title": "no text field"},
        {"id": 3, "text": None},
    ]
    counters = Counters()

    out = list(fix_records(records, counters=counters))

    assert out == [
        {"id": 1, "text": "会议指出，产业园区", "meta": {"lang": "zh"}},
        {"id": 2, "title": "no text field"},
        {"id": 3, "text": None},
    ]
    assert records[0]["text"] == "会议指出,,产业园区", "the input records are not modified"
    assert (counters.documents, counters.changed, counters.without_text) == (1, 1, 2)
    assert counters.edits == {"TM401": 1}


def test_fix_records_is_lazy_and_takes_another_field_and_config() -> None:
    def endless() -> Any:
        n = 0
        while True:
            n += 1
            yield {"body": "指出,,发展", "n": n}

    mended = fix_records(endless(), field="body", config=Config(select=["TM2"]))
    first = next(mended)

    assert first == {"body": "指出,,发展", "n": 1}, "TM401 was not selected"


def test_corpus_default_is_the_corpus_preset() -> None:
    assert Config(preset="corpus") == CORPUS_CONFIG
    for text in fixture_documents():
        assert next(fix_records([{"text": text}]))["text"] == textmend.fix_text(
            text, config=Config(preset="corpus")
        )


def test_mender_is_picklable_hashable_and_deterministic() -> None:
    mender = Mender(field="body", config=Config(preset="corpus", zh_script="keep"))
    copy = pickle.loads(pickle.dumps(mender))

    assert copy == mender and hash(copy) == hash(mender)
    assert hash(Mender()) == hash(Mender(field="text", config=Config(preset="corpus")))
    docs = fixture_documents()
    assert [copy.text(d) for d in docs] == [mender.text(d) for d in docs]
    # A bound method pickles too: pandas' Series.map(mender.text) in a process pool.
    assert pickle.loads(pickle.dumps(mender.text))("指出,,发展") == "指出，发展"


def test_mender_pickles_to_the_same_bytes_in_every_process() -> None:
    # datasets fingerprints a map function by hashing its pickled bytes: the
    # same callback must give the same bytes in a fresh interpreter.
    code = (
        "import pickle, sys; from textmend.corpus import Mender; "
        "m = Mender(field='body'); sys.stdout.write(pickle.dumps((m, m.batch, m.text), 4).hex())"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    mender = Mender(field="body")
    assert runs == {pickle.dumps((mender, mender.batch, mender.text), 4).hex()}


def test_mender_as_datasets_map_and_batched_callback() -> None:
    mender = Mender()

    assert mender({"id": 7, "text": "指出,,发展"}) == {"text": "指出，发展"}
    assert mender({"id": 8}) == {"text": None}
    assert mender.batch({"text": ["指出,,发展", None, "clean"], "id": [1, 2, 3]}) == {
        "text": ["指出，发展", None, "clean"]
    }


def test_counts_come_from_the_one_fix_and_data_loss_from_the_mended_text() -> None:
    counters = Counters()
    docs = fixture_documents()
    for doc in docs:
        next(fix_records([{"text": doc}], counters=counters))

    edits: Counter[str] = Counter()
    changed = 0
    lost = 0
    for doc in docs:
        fixed = fix_and_explain(doc, config=CORPUS_CONFIG)
        changed += fixed.text != doc
        for step in fixed.steps:
            edits[step.code] += len(step.edits)
        lost += any(f.code == "TM290" for f in textmend.check_text(fixed.text, select=["TM290"]))
    assert counters.documents == len(docs)
    assert counters.changed == changed > 0
    assert counters.edits == edits
    assert counters.lost_documents == lost > 0
    assert set(counters.lost_findings) == {"TM290"}


def test_counters_merge_by_addition() -> None:
    a = Counters(documents=2, changed=1, edits=Counter({"TM401": 2}))
    b = Counters(documents=1, lost_documents=1, lost_findings=Counter({"TM290": 3}))
    a += b
    assert (a.documents, a.changed, a.lost_documents) == (3, 1, 1)
    assert a.to_json() == Counters.from_json(json.loads(json.dumps(a.to_json()))).to_json()


# --- the JSON Lines splice ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '{"id": 1, "text": "指出,,发展", "n": 1.50}\n',
            '{"id": 1, "text": "指出，发展", "n": 1.50}\n',
        ),
        (
            '{"text":"指出,,发展","z":[1,{"text":"x,,y"}]}\r\n',
            '{"text":"指出，发展","z":[1,{"text":"x,,y"}]}\r\n',
        ),
        (
            '{"text": "\\u6307\\u51fa,,\\u53d1\\u5c55"}\n',
            '{"text": "\\u6307\\u51fa\\uff0c\\u53d1\\u5c55"}\n',
        ),
        ('  { "text" :  "指出,,发展" }  ', '  { "text" :  "指出，发展" }  '),
        ('{"text": "x", "text": "指出,,发展"}\n', '{"text": "x", "text": "指出，发展"}\n'),
    ],
    ids=["spacing-and-numbers", "compact-crlf-nested", "escaped-style", "odd-whitespace", "dup"],
)
def test_changed_line_keeps_every_other_byte(line: str, expected: str) -> None:
    assert mend_line(line.encode(), "text", CORPUS_CONFIG, Counters()).decode() == expected
    assert json.loads(expected)["text"] == "指出，发展"


@pytest.mark.parametrize(
    "line",
    [
        '{"id": 1.0, "text": "clean text", "x": 1e5}\n',
        '{"id":2,"text":"\\u00e9t\\u00e9"}\n',
        '{"title": "no text"}\n',
        '{"text": null}\n',
        "\n",
        "   \r\n",
    ],
)
def test_unchanged_line_is_written_back_byte_for_byte(line: str) -> None:
    assert mend_line(line.encode(), "text", CORPUS_CONFIG, Counters()) == line.encode()


@pytest.mark.parametrize(
    "line",
    ['["text", "a"]', '{"text": "a",}', '{"text": "a"} x', '{"text" "a"}', '{text: "a"}', "{"],
)
def test_field_span_refuses_what_is_not_one_json_object(line: str) -> None:
    with pytest.raises(ValueError):
        field_span(line, "text")


def test_field_span_agrees_with_json_loads_on_the_fixtures() -> None:
    for path in sorted((FIXTURES / "jsonl").rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            span = field_span(line, "text")
            record = json.loads(line)
            if "text" not in record:
                assert span is None
                continue
            assert span is not None
            assert span[2] == record["text"]
            assert json.loads(line[span[0] : span[1]]) == record["text"]


def test_lone_surrogate_stays_escaped() -> None:
    line = b'{"text": "\\ud800 caf\xc3\x83\xc2\xa9"}\n'
    out = mend_line(line, "text", CORPUS_CONFIG, Counters())
    assert json.loads(out)["text"] == "\ud800 café"


# --- the command, in-process -------------------------------------------------------


def run_corpus(tmp_path: Path, *args: str) -> tuple[int, Path]:
    out = tmp_path / "out"
    status = main(["corpus", str(FIXTURES / "jsonl"), "-o", str(out), "--isolated", *args])
    return status, out


def test_cli_mends_the_jsonl_fixtures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report_path = tmp_path / "report.json"
    status, out = run_corpus(tmp_path, "--report", str(report_path))

    assert status == 0
    inputs = sorted(
        p.relative_to(FIXTURES / "jsonl") for p in (FIXTURES / "jsonl").rglob("*.jsonl")
    )
    assert sorted(p.relative_to(out) for p in out.rglob("*.jsonl")) == inputs
    for rel in inputs:
        source = (FIXTURES / "jsonl" / rel).read_bytes().splitlines(keepends=True)
        mended = (out / rel).read_bytes().splitlines(keepends=True)
        assert len(source) == len(mended), "one line out for each line in"
        for before, after in zip(source, mended, strict=True):
            if not before.strip():
                assert after == before
                continue
            old, new = json.loads(before), json.loads(after)
            assert {k: v for k, v in old.items() if k != "text"} == {
                k: v for k, v in new.items() if k != "text"
            }
            if not isinstance(old.get("text"), str):
                assert after == before
                continue
            assert new["text"] == textmend.fix_text(old["text"], config=CORPUS_CONFIG)
            clean = EXPECTED[old["id"]]
            if clean is not None:
                # The damage is undone: what is left is what the preset's
                # normalisation makes of the clean original.
                assert new["text"] == textmend.fix_text(clean, config=CORPUS_CONFIG), old["id"]
                assert textmend.fix_text(old["text"], preset="safe") == clean, old["id"]
            if new["text"] == old["text"]:
                assert after == before, "an unchanged document is written back byte for byte"

    report = json.loads(report_path.read_text("utf-8"))
    records = jsonl_records(FIXTURES / "jsonl")
    texts = [r for r in records if isinstance(r.get("text"), str)]
    assert report["documents"] == len(texts)
    assert report["records_without_text"] == len(records) - len(texts)
    assert report["documents_changed"] == sum(
        textmend.fix_text(r["text"], config=CORPUS_CONFIG) != r["text"] for r in texts
    )
    assert report["shards"] == {
        "total": 3,
        "done": 3,
        "finished_earlier": 0,
        "skipped": 0,
        "errors": 0,
    }
    assert {"TM210", "TM220", "TM301", "TM401"} <= set(report["rules"])
    assert report["rules"]["TM401"]["name"] == "doubled-comma"
    assert report["data_loss"]["documents"] > 0
    assert [s["name"] for s in report["per_shard"]] == [str(p) for p in inputs]
    assert all(s["seconds"] > 0 for s in report["per_shard"])
    err = capsys.readouterr().err
    assert "textmend corpus: 3 shards (3 done)" in err
    assert "\r" not in err, "no progress bar when stderr is not a terminal"


def test_cli_quiet_dry_run_writes_nothing_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run_corpus(tmp_path, "--dry-run", "-q")

    assert status == 1
    assert not out.exists()
    assert capsys.readouterr().err == ""


def test_cli_bad_line_fails_its_shard_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "in"
    data.mkdir()
    (data / "a.jsonl").write_text('{"text": "指出,,发展"}\n', encoding="utf-8")
    (data / "b.jsonl").write_text('{"text": "ok"}\n{"text": broken}\n', encoding="utf-8")

    status = main(["corpus", str(data), "-o", str(tmp_path / "out"), "--isolated"])

    assert status == 2
    assert (tmp_path / "out" / "a.jsonl").read_text("utf-8") == '{"text": "指出，发展"}\n'
    assert not (tmp_path / "out" / "b.jsonl").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".textmend-corpus", "a.jsonl"]
    err = capsys.readouterr().err
    assert "b.jsonl:2: not a JSON object in UTF-8" in err
    assert "1 failed" in err


def test_cli_refuses_missing_input_and_overlapping_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", str(tmp_path / "nope"), "-o", str(tmp_path / "o")]) == 2
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for d in ("x", "y"):
        (tmp_path / d / "s.jsonl").write_text("{}\n")
    assert (
        main(["corpus", str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(tmp_path / "o")]) == 2
    )
    assert (
        main(
            [
                "corpus",
                str(tmp_path / "x"),
                "-o",
                "o",
                "--executor",
                "process",
                "--scheduler",
                "tcp://h:1",
            ]
        )
        == 2
    )
    file_as_output = str(tmp_path / "x" / "s.jsonl")
    assert main(["corpus", str(tmp_path / "y"), "-o", file_as_output]) == 2
    err = capsys.readouterr().err
    assert "no such file or folder" in err
    assert "would both be written to s.jsonl" in err
    assert "cannot go with --executor process" in err
    assert "s.jsonl: is a file; the output (-o) must be a folder" in err


def test_cli_text_folder_keeps_each_files_encoding(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (tmp_path / "in").mkdir()
    for path in (FIXTURES / "text").iterdir():
        (tmp_path / "in" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "in" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))

    assert main(["corpus", str(tmp_path / "in"), "-o", str(out), "--isolated", "-q"]) == 0

    gbk = (FIXTURES / "text" / "legacy-gbk.txt").read_bytes().decode("gbk")
    assert (out / "legacy-gbk.txt").read_bytes() == textmend.fix_text(
        gbk, config=CORPUS_CONFIG
    ).encode("gbk")
    assert "，" in (out / "legacy-gbk.txt").read_bytes().decode("gbk")
    notes = (FIXTURES / "text" / "notes-fr.txt").read_bytes()
    assert (out / "notes-fr.txt").read_bytes() == textmend.fix_text(
        notes.decode(), config=CORPUS_CONFIG
    ).encode()
    assert (out / "notes-fr.txt").read_bytes().endswith(b"heures.\r\n")
    clean = FIXTURES / "text" / "clean-ja.txt"
    assert textmend.fix_text(clean.read_text("utf-8"), config=CORPUS_CONFIG) == clean.read_text(
        "utf-8"
    )
    assert (out / "clean-ja.txt").read_bytes() == clean.read_bytes()
    assert (out / "article-zh.txt").read_text("utf-8").startswith("会议指出，产业园区")
    assert not (out / "image.png").exists(), "binary files are skipped, with a note"


def test_cli_reads_tool_textmend_and_flags_override_the_preset(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "s.jsonl").write_text('{"text": "指出,,发展(高新区)党委"}\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.textmend]\nignore = ["TM401"]\n')

    def mended(*args: str) -> str:
        out = tmp_path / f"out{len(list(tmp_path.glob('out*')))}"
        assert main(["corpus", str(data), "-o", str(out), "-q", *args]) == 0
        return str(json.loads((out / "s.jsonl").read_text("utf-8"))["text"])

    text = "指出,,发展(高新区)党委"
    from_file = mended()
    assert from_file == textmend.fix_text(text, config=Config(preset="corpus", ignore=["TM401"]))
    assert "（高新区）" in from_file, "the rest of the corpus preset runs"
    isolated = mended("--isolated")
    assert isolated == textmend.fix_text(text, config=CORPUS_CONFIG) != from_file
    assert mended("--isolated", "--select", "TM401") == "指出，发展(高新区)党委"


def test_parquet_shards_keep_schema_row_groups_and_other_columns(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = jsonl_records(FIXTURES / "jsonl")
    table = pa.table(
        {
            "id": [str(r["id"]) for r in records],
            "text": [r.get("text") for r in records],
            "n": list(range(len(records))),
        }
    )
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "p.parquet", row_group_size=20, compression="zstd")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["corpus", str(tmp_path / "in"), "-o", str(out), "-j", jobs, "-q"]) == 0
        outputs.append((out / "p.parquet").read_bytes())
    assert outputs[0] == outputs[1]

    mended = pq.ParquetFile(tmp_path / "out1" / "p.parquet")
    assert mended.schema_arrow == table.schema
    assert mended.metadata.num_row_groups == 3
    assert mended.metadata.row_group(0).column(0).compression == "ZSTD"
    result = mended.read()
    assert result.column("id").to_pylist() == table.column("id").to_pylist()
    assert result.column("n").to_pylist() == table.column("n").to_pylist()
    assert result.column("text").to_pylist() == [
        None if t is None else textmend.fix_text(t, config=CORPUS_CONFIG)
        for t in table.column("text").to_pylist()
    ]


def test_api_mend_corpus_report_merges_finished_shards(tmp_path: Path) -> None:
    first = mend_corpus([str(FIXTURES / "jsonl")], str(tmp_path / "out"))
    second = mend_corpus([str(FIXTURES / "jsonl")], str(tmp_path / "out"))

    assert second.count("finished") == 3 and second.count("done") == 0
    assert second.total.to_json() == first.total.to_json()
    assert second.to_json()["rules"] == first.to_json()["rules"]


def test_importing_textmend_loads_no_corpus_dependency() -> None:
    code = (
        "import sys, textmend, textmend.cli, textmend.corpus; "
        "print(sorted(m for m in ('tqdm', 'pyarrow', 'dask', 'distributed') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_progress_bar_shows_shards_documents_and_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    from textmend.cli._corpus import _Progress

    progress = _Progress(enabled=True)
    report = mend_corpus(
        [str(FIXTURES / "jsonl")],
        str(tmp_path / "out"),
        tick=progress.tick,
        on_result=progress.result,
        on_plan=progress.plan,
    )
    progress.close()

    err = capsys.readouterr().err
    assert "textmend corpus" in err
    assert f"shards 3/3, {report.total.documents} docs, {report.total.changed} changed" in err
    assert "B/s" in err


def test_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "指出,,发展"}\n', encoding="utf-8")
    out = tmp_path / "mended"

    for _ in range(2):
        report = mend_corpus([str(tmp_path)], str(out))
        assert [r.name for r in report.shards] == ["a.jsonl"]
    with pytest.raises(textmend.TextmendError, match="would overwrite the input"):
        mend_corpus([str(tmp_path)], str(tmp_path))
