"""Writing results: the markdown page, the plot, and the raw numbers as JSON."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.coldstart import ColdStart
from benchmarks.contenders import CONTENDERS
from benchmarks.linearity import LINEAR_LIMIT, Linearity
from benchmarks.memory import MemoryUse
from benchmarks.throughput import RuleShare, Throughput

__all__ = ["Results", "load_json", "write_json", "write_markdown", "write_plot"]

#: The bars issue 8 sets, as the acceptance section checks them.
CLEAN_SPEEDUP = 10.0
MOJIBAKE_SPEEDUP = 2.0
COLD_START_LIMIT = 0.3
CLEAN_CORPORA = ("en", "zh-hans", "zh-hant", "mixed")
MOJIBAKE_CORPORA = ("en-cp1252", "en-latin1", "zh-gbk", "founding")


@dataclass
class Results:
    """Everything one run of the harness measured."""

    mode: str
    machine: dict[str, str]
    settings: dict[str, Any]
    throughput: list[Throughput] = field(default_factory=list)
    rules: list[RuleShare] = field(default_factory=list)
    cold_start: ColdStart | None = None
    memory: list[MemoryUse] = field(default_factory=list)
    linearity: list[Linearity] = field(default_factory=list)


def write_json(results: Results, path: Path) -> None:
    """The raw numbers, every run included, for comparing two runs."""
    path.write_text(
        json.dumps(dataclasses.asdict(results), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def load_json(path: Path) -> Results:
    """Results written by :func:`write_json`, to render the page again without measuring."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cold = data.get("cold_start")
    return Results(
        mode=data["mode"],
        machine=data["machine"],
        settings=data["settings"],
        throughput=[Throughput(**entry) for entry in data.get("throughput", [])],
        rules=[RuleShare(**entry) for entry in data.get("rules", [])],
        cold_start=None if cold is None else ColdStart(**cold),
        memory=[MemoryUse(**entry) for entry in data.get("memory", [])],
        linearity=[
            Linearity(
                case=entry["case"],
                description=entry["description"],
                sizes=tuple(entry["sizes"]),
                seconds={name: tuple(pair) for name, pair in entry["seconds"].items()},
                round_ratios={
                    name: tuple(values) for name, values in entry.get("round_ratios", {}).items()
                },
            )
            for entry in data.get("linearity", [])
        ],
    )


def _mb(nbytes: float) -> str:
    return f"{nbytes / 1e6:.1f}" if nbytes >= 1e5 else f"{nbytes / 1e6:.3f}"


def _rate(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _times(value: float) -> str:
    return f"{value:.1f}\u00d7" if value < 100 else f"{value:.0f}\u00d7"


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%" if value in (0.0, 1.0) else f"{100 * value:.1f}%"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    aligns = align or "l" + "r" * (len(header) - 1)
    rule = ["---:" if a == "r" else "---" for a in aligns]
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(rule) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


_INTRO = """\
# Benchmarks

textmend against ftfy, measured side by side in one process run by the harness
in `benchmarks/` ({command}). Every number below was written by that run;
rerun it to refresh this page and `docs/benchmarks.png`.

- **Corpora** are generated from our own sentences (`benchmarks/_text.py`) and
  the lines of `fixtures/clean/`, with a seeded random generator, so they are
  the same on every machine. Damaged corpora are the clean ones damaged:
  UTF-8 read as Windows-1252 or Latin-1, UTF-8 Chinese read as GBK
  (`errors="replace"`), and the founding example's damage made by
  `tests/damage.py` (converter pinyin, doubled and injected commas, ASCII
  brackets, a lost GBK byte on a quarter of the lines).
- **Contenders**: `textmend.fix_text` with its defaults; `ftfy.fix_text` with
  its defaults; and `ftfy.fix_text` as NeMo Curator's `UnicodeReformatter`
  and datatrove's `FTFYFormatter` configure it (both: ligatures, character
  width, quote uncurling and line breaks off, no normalisation, every other
  fixer on, `explain` left on) — *ftfy-corpus* below.
- **Timing**: each corpus is a list of documents, each fixed with one call,
  as a corpus pipeline does. Contenders run in turn, round after round in a
  rotating order, after {warmup} warm-up round(s); the median of {rounds} rounds
  is kept. MB/s counts UTF-8 bytes of input; *× ftfy* is ftfy's median time
  over textmend's.
- **Correctness**: on clean text, the share of documents left byte-identical;
  on damaged text, the share of damaged lines that a fixer makes equal to what
  it makes of the clean original (so ftfy is not blamed for its own
  normalisations), where U+FFFD may stand for one lost character. *Broken*
  counts lines the damage left intact that the fixer then changed.
"""


def _machine(results: Results) -> list[str]:
    rows = [[key, f"`{value}`"] for key, value in results.machine.items()]
    return ["## Machine", "", *_table(["", ""], rows, "ll"), ""]


def _throughput(results: Results) -> list[str]:
    out: list[str] = []
    clean = [t for t in results.throughput if not t.damaged]
    damaged = [t for t in results.throughput if t.damaged]
    names = list(CONTENDERS)
    if clean:
        header = [
            "clean corpus",
            "MB",
            *(f"{n} MB/s" for n in names),
            "\u00d7 ftfy",
            "\u00d7 ftfy-corpus",
            *(f"unchanged: {n}" for n in names),
        ]
        rows = [
            [
                f"`{t.corpus}`",
                _mb(t.nbytes),
                *(_rate(t.mb_per_s[n]) for n in names),
                _times(t.speedup("ftfy")),
                _times(t.speedup("ftfy-corpus")),
                *(_pct(t.correct[n]) for n in names),
            ]
            for t in clean
        ]
        out += ["## Clean text", "", *_table(header, rows), ""]
        out += [f"- `{t.corpus}`: {t.description}, {t.docs} documents." for t in clean] + [""]
    if damaged:
        header = [
            "damaged corpus",
            "MB",
            *(f"{n} MB/s" for n in names),
            "\u00d7 ftfy",
            "\u00d7 ftfy-corpus",
            "repaired: input",
            *(f"repaired: {n}" for n in names),
            "broken: " + " / ".join(names),
        ]
        rows = [
            [
                f"`{t.corpus}`",
                _mb(t.nbytes),
                *(_rate(t.mb_per_s[n]) for n in names),
                _times(t.speedup("ftfy")),
                _times(t.speedup("ftfy-corpus")),
                _pct(t.correct["input"]),
                *(_pct(t.correct[n]) for n in names),
                " / ".join(str(t.broken[n]) for n in names),
            ]
            for t in damaged
        ]
        out += ["## Damaged text", "", *_table(header, rows), ""]
        out += [f"- `{t.corpus}`: {t.description}, {t.docs} documents." for t in damaged] + [""]
    return out


def _rules(results: Results) -> list[str]:
    if not results.rules:
        return []
    corpora = [share.corpus for share in results.rules]
    parts = list(results.rules[0].parts)
    rows = []
    for part in [*parts, "pipeline (the rest)"]:
        row = [part]
        for share in results.rules:
            if part in share.parts:
                seconds = share.parts[part]
            else:
                seconds = max(0.0, share.total - sum(share.parts.values()))
            row.append(_pct(seconds / share.total) if share.total else "-")
        rows.append(row)
    rows.append(
        [
            "**fix_text, MB/s**",
            *(
                _rate(t.nbytes / 1e6 / share.total)
                for share in results.rules
                for t in results.throughput
                if t.corpus == share.corpus
            ),
        ]
    )
    return [
        "## Where textmend's time goes",
        "",
        "Share of `fix_text` time spent in `analyze` (document evidence) and in each default "
        "rule's matcher, each timed alone on the input documents. In a real run a rule sees "
        "the text the rules before it mended, so on damaged text a share can pass 100% "
        "(TM201 on `zh-gbk` re-reads the raw mojibake alone, the text TM220 mended in a run); "
        "*the rest* is what the pipeline adds (passes, applying edits).",
        "",
        *_table(["stage", *(f"`{c}`" for c in corpora)], rows),
        "",
    ]


def _cold_start(results: Results) -> list[str]:
    cold = results.cold_start
    if cold is None:
        return []
    base = cold.seconds.get("python -c pass", 0.0)
    rows = [
        [name, f"`{cold.commands[name]}`", f"{seconds:.3f}", f"+{seconds - base:.3f}"]
        for name, seconds in cold.seconds.items()
    ]
    return [
        "## Cold start",
        "",
        "A fresh interpreter per run, wall time, median of "
        f"{len(next(iter(cold.runs.values())))} runs. textmend runs as `python -m textmend` "
        "with `src` on `PYTHONPATH` (what the installed `textmend` script does: import "
        "`textmend.cli` and call it); ftfy as its installed `ftfy` command. Files: "
        + ", ".join(f"{label} {size} bytes" for label, size in cold.file_bytes.items())
        + ".",
        "",
        *_table(["run", "command", "seconds", "over `python -c pass`"], rows, "llrr"),
        "",
    ]


def _memory(results: Results) -> list[str]:
    if not results.memory:
        return []
    rows = [
        [
            m.contender,
            _mb(m.input_bytes),
            f"{m.seconds:.0f}",
            _mb(m.after_import),
            _mb(m.after_read),
            _mb(m.peak),
            f"{m.peak / m.input_bytes:.2f}",
            "-" if m.held is None else _mb(m.held),
            "-" if m.fixing_peak is None or m.held is None else _mb(m.fixing_peak - m.held),
        ]
        for m in results.memory
    ]
    return [
        "## Peak memory",
        "",
        "One process per row fixes a whole file as one string "
        f"({results.settings.get('memory_corpus', '')}); peak resident set size from "
        "`os.wait4` (as `getrusage` reports it), and the child's own high-water mark after "
        "importing and after reading the file (reading holds the bytes and the decoded str "
        "at once). Because that mark never falls, the child then resets it (Linux "
        "`/proc/self/clear_refs`) with the input held, and reports what fixing added on top.",
        "",
        *_table(
            [
                "contender",
                "input MB",
                "seconds",
                "MB after import",
                "MB after read",
                "peak MB",
                "peak / input",
                "MB held before fixing",
                "MB added by fixing",
            ],
            rows,
        ),
        "",
    ]


def _linearity(results: Results) -> list[str]:
    if not results.linearity:
        return []
    names = list(results.linearity[0].seconds)
    header = ["case", "KB (n)"]
    for name in names:
        header += [f"{name} t(n) s", f"{name} t(2n)/t(n)", f"{name} MB/s"]
    header.append("linear")
    rows = []
    for case in results.linearity:
        row = [f"`{case.case}`", f"{case.sizes[0] / 1e3:.0f}"]
        for name in names:
            small, _large = case.seconds[name]
            row += [f"{small:.3f}", f"{case.ratio(name):.2f}", _rate(case.mb_per_s(name))]
        row.append("yes" if case.ratio("textmend") <= LINEAR_LIMIT else "**no**")
        rows.append(row)
    return [
        "## Linearity",
        "",
        "Each input is one string (one document) at a size n chosen so that textmend takes "
        "about a fixed time on it, capped, and at 2n. The two sizes run back to back in each "
        "round; the ratio is the median of the rounds' ratios, scaled to an exact doubling, "
        f"and is called linear up to {LINEAR_LIMIT}. MB/s is on the larger input.",
        "",
        *_table(header, rows),
        "",
        *(f"- `{case.case}`: {case.description}." for case in results.linearity),
        "",
    ]


def _acceptance(results: Results) -> list[str]:
    lines: list[str] = []

    def check(ok: bool, text: str) -> None:
        lines.append(f"- {'pass' if ok else '**FAIL**'}: {text}")

    by_name = {t.corpus: t for t in results.throughput}
    for name in CLEAN_CORPORA:
        if name in by_name:
            t = by_name[name]
            speedup = t.speedup("ftfy")
            check(
                speedup >= CLEAN_SPEEDUP,
                f"clean `{name}`: {_times(speedup)} ftfy's speed "
                f"(bar {CLEAN_SPEEDUP:.0f}\u00d7; {_times(t.speedup('ftfy-corpus'))} ftfy-corpus)",
            )
    for name in MOJIBAKE_CORPORA:
        if name in by_name:
            t = by_name[name]
            speedup = t.speedup("ftfy")
            right = t.correct["textmend"] >= max(t.correct["ftfy"], t.correct["ftfy-corpus"])
            check(
                speedup >= MOJIBAKE_SPEEDUP and right,
                f"damaged `{name}`: {_times(speedup)} ftfy's speed (bar "
                f"{MOJIBAKE_SPEEDUP:.0f}\u00d7), repaired {_pct(t.correct['textmend'])} "
                f"against ftfy's {_pct(t.correct['ftfy'])} / "
                f"{_pct(t.correct['ftfy-corpus'])}",
            )
    if results.cold_start is not None:
        for name, seconds in results.cold_start.seconds.items():
            if name.startswith("textmend"):
                check(
                    seconds < COLD_START_LIMIT,
                    f"{name}: {seconds:.3f} s (bar {COLD_START_LIMIT} s)",
                )
    for case in results.linearity:
        ratio = case.ratio("textmend")
        check(ratio <= LINEAR_LIMIT, f"linear on `{case.case}`: t(2n)/t(n) = {ratio:.2f}")
    if not lines:
        return []
    return [
        "## Against issue 8's bars",
        "",
        "Computed by the harness from the tables above"
        + (" (quick mode: sizes too small to mean anything)." if results.mode == "quick" else "."),
        "",
        *lines,
        "",
    ]


def write_markdown(results: Results, path: Path, *, plot: str | None) -> None:
    """The whole page: method, machine, every table, and the acceptance checks."""
    settings = results.settings
    lines = [
        _INTRO.format(
            command=f"`{settings['command']}`",
            warmup=settings["warmup"],
            rounds=settings["rounds"],
        )
    ]
    if plot:
        lines += [f"![Throughput, speed-up, linearity and cold start]({plot})", ""]
    lines += _machine(results)
    lines += _acceptance(results)
    lines += _throughput(results)
    lines += _rules(results)
    lines += _cold_start(results)
    lines += _memory(results)
    lines += _linearity(results)
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def write_plot(results: Results, path: Path) -> bool:
    """A PNG of the main results; ``False`` (and nothing written) without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    panels = [
        p
        for p in ("throughput", "speedup", "linearity", "cold")
        if (p in ("throughput", "speedup") and results.throughput)
        or (p == "linearity" and results.linearity)
        or (p == "cold" and results.cold_start is not None)
    ]
    if not panels:
        return False
    columns = 2 if len(panels) > 1 else 1
    rows = math.ceil(len(panels) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(7 * columns, 4.2 * rows), squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[len(panels) :]:
        ax.set_visible(False)
    names = list(CONTENDERS)
    colours = {"textmend": "#1b7837", "ftfy": "#762a83", "ftfy-corpus": "#af8dc3"}
    for ax, panel in zip(flat, panels, strict=False):
        if panel == "throughput":
            corpora = [t.corpus for t in results.throughput]
            width = 0.8 / len(names)
            for i, name in enumerate(names):
                ax.bar(
                    [x + i * width for x in range(len(corpora))],
                    [t.mb_per_s[name] for t in results.throughput],
                    width,
                    label=name,
                    color=colours[name],
                )
            ax.set_xticks([x + 0.4 - width / 2 for x in range(len(corpora))])
            ax.set_xticklabels(corpora, rotation=35, ha="right")
            ax.set_yscale("log")
            ax.set_ylabel("MB/s (log)")
            ax.set_title("Throughput per corpus")
            ax.legend(fontsize=8)
        elif panel == "speedup":
            corpora = [t.corpus for t in results.throughput]
            for i, ref in enumerate(("ftfy", "ftfy-corpus")):
                ax.bar(
                    [x + i * 0.4 for x in range(len(corpora))],
                    [t.speedup(ref) for t in results.throughput],
                    0.4,
                    label=f"vs {ref}",
                    color=colours[ref],
                )
            ax.axhline(CLEAN_SPEEDUP, color="grey", linestyle="--", linewidth=1)
            ax.axhline(MOJIBAKE_SPEEDUP, color="grey", linestyle=":", linewidth=1)
            ax.axhline(1, color="black", linewidth=0.8)
            ax.set_xticks([x + 0.2 for x in range(len(corpora))])
            ax.set_xticklabels(corpora, rotation=35, ha="right")
            ax.set_yscale("log")
            ax.set_ylabel("textmend speed-up (\u00d7, log)")
            ax.set_title("textmend speed-up over ftfy (bars: 10\u00d7 clean, 2\u00d7 damaged)")
            ax.legend(fontsize=8)
        elif panel == "linearity":
            cases = [c.case for c in results.linearity]
            lin_names = list(results.linearity[0].seconds)
            width = 0.8 / len(lin_names)
            for i, name in enumerate(lin_names):
                ax.bar(
                    [x + i * width for x in range(len(cases))],
                    [c.ratio(name) for c in results.linearity],
                    width,
                    label=name,
                    color=colours.get(name, "grey"),
                )
            ax.axhline(2.0, color="black", linewidth=0.8)
            ax.axhline(LINEAR_LIMIT, color="grey", linestyle="--", linewidth=1)
            ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cases))])
            ax.set_xticklabels(cases, rotation=45, ha="right", fontsize=8)
            ax.set_ylabel("t(2n) / t(n)")
            ax.set_title("Linearity: doubling the input (2 = linear)")
            ax.legend(fontsize=8)
        elif panel == "cold" and results.cold_start is not None:
            items = list(results.cold_start.seconds.items())
            ax.barh(
                [name for name, _ in items],
                [seconds for _, seconds in items],
                color=[
                    colours["textmend"]
                    if name.startswith("textmend")
                    else colours["ftfy"]
                    if name.startswith("ftfy")
                    else "grey"
                    for name, _ in items
                ],
            )
            ax.axvline(COLD_START_LIMIT, color="grey", linestyle="--", linewidth=1)
            ax.invert_yaxis()
            ax.set_xlabel("seconds (median)")
            ax.set_title("Cold start (bar: 0.3 s)")
            ax.tick_params(axis="y", labelsize=8)
    title = f"textmend benchmarks ({results.mode} mode, {results.machine.get('cpus', '?')} CPUs)"
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True
