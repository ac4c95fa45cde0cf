"""The argument parser: every subcommand and option, and their help."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from textmend import PRESETS, __version__
from textmend.cli._config import OUTPUT_FORMATS, ZH_SCRIPTS, Options

__all__ = ["EPILOG", "build_parser", "cli_options"]

EPILOG = (
    "exit status: 0 clean (or everything fixed), 1 findings remain or files would change, "
    "2 usage, configuration, input or internal error"
)


def _list(value: str) -> list[str]:
    """Split one comma-separated option value; empty pieces are dropped."""
    return [piece.strip() for piece in value.split(",") if piece.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return jobs


def _flatten(chunks: list[list[str]] | None) -> tuple[str, ...] | None:
    if chunks is None:
        return None
    return tuple(item for chunk in chunks for item in chunk)


def cli_options(args: argparse.Namespace) -> Options:
    """The :class:`Options` the command line gives (``None`` where a flag was not used)."""
    given = vars(args)

    def strings(name: str) -> tuple[str, ...] | None:
        return _flatten(given.get(name))

    def text(name: str) -> str | None:
        value = given.get(name)
        return value if isinstance(value, str) else None

    def flag(name: str) -> bool | None:
        value = given.get(name)
        return value if isinstance(value, bool) else None

    return Options(
        select=strings("select"),
        ignore=strings("ignore"),
        extend_select=strings("extend_select"),
        preset=text("preset"),
        zh_script=text("zh_script"),
        exclude=strings("exclude"),
        extend_exclude=strings("extend_exclude"),
        force_exclude=flag("force_exclude"),
        respect_gitignore=flag("respect_gitignore"),
        output_format="json" if given.get("json") else text("output_format"),
        show_fixes=flag("show_fixes"),
        transcode_utf8=flag("transcode_utf8"),
        encoding=text("encoding"),
    )


_SELECTORS = (
    "comma-separated rule codes (TM401), code prefixes (TM4), names (doubled-comma) or ALL; "
    "may be repeated"
)


def _selection(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    group = parser.add_argument_group("rule selection (overrides the configuration file)")
    group.add_argument(
        "--select",
        action="append",
        type=_list,
        metavar="RULES",
        help=f"run exactly these rules, instead of the preset's choice (--select= runs none): "
        f"{_SELECTORS}",
    )
    group.add_argument(
        "--ignore", action="append", type=_list, metavar="RULES", help="do not run these rules"
    )
    group.add_argument(
        "--extend-select",
        action="append",
        type=_list,
        metavar="RULES",
        help="run these rules as well",
    )
    group.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        help="which rules run by default (default: default)",
    )
    return group


def _options(parser: argparse.ArgumentParser, *, many: bool = True) -> None:
    """The options every file-reading command shares."""
    selection = _selection(parser)
    selection.add_argument(
        "--zh-script",
        choices=ZH_SCRIPTS,
        help="Chinese script: auto restores text a converter made Traditional, keep leaves it, "
        "hans/hant convert (default: auto)",
    )
    config = parser.add_argument_group("configuration")
    config.add_argument(
        "--config",
        metavar="PATH",
        help="use this configuration file (pyproject.toml or textmend.toml) for every file, "
        "instead of the nearest one",
    )
    config.add_argument("--isolated", action="store_true", help="read no configuration file at all")
    encoding = parser.add_argument_group("encodings")
    encoding.add_argument(
        "--encoding",
        metavar="NAME",
        help="read the input as this encoding (a Python codec name such as gbk or cp1252) "
        "instead of detecting it",
    )
    encoding.add_argument(
        "--transcode-utf8",
        action="store_true",
        default=None,
        help="write mended files as UTF-8 whatever their encoding was (check reports files "
        "that are not UTF-8 yet)",
    )
    if not many:
        return
    files = parser.add_argument_group("file discovery")
    files.add_argument(
        "--exclude",
        action="append",
        type=_list,
        metavar="PATTERNS",
        help="gitignore-style patterns of paths to leave out, replacing the default list and "
        "the configuration's (comma-separated, may be repeated)",
    )
    files.add_argument(
        "--extend-exclude",
        action="append",
        type=_list,
        metavar="PATTERNS",
        help="more patterns of paths to leave out",
    )
    files.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        help="apply the excludes to files named on the command line too (for pre-commit)",
    )
    files.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        help="skip what .gitignore files rule out (default: on)",
    )
    files.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name of the file standard input stands for: shown in diagnostics and "
        "used for per-file ignores and excludes",
    )
    files.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="work on N files at once in N processes; 0: one per CPU (default: 1)",
    )


def _output(parser: argparse.ArgumentParser, *, formats: tuple[str, ...] = OUTPUT_FORMATS) -> None:
    out = parser.add_argument_group("output")
    out.add_argument(
        "--output-format",
        choices=formats,
        help="how findings are printed (default: text, path:line:col: CODE message)",
    )
    out.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output: auto colours on a terminal unless NO_COLOR is set "
        "(default: auto)",
    )
    out.add_argument(
        "-q", "--quiet", action="store_true", help="print no notes and no summary on stderr"
    )
    out.add_argument(
        "-v", "--verbose", action="store_true", help="also say which paths were skipped and why"
    )


def _findings_output(parser: argparse.ArgumentParser) -> None:
    out = parser.add_argument_group("findings")
    out.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule made, instead"
    )
    out.add_argument(
        "--show-fixes",
        action="store_true",
        default=None,
        help="show the fix of each finding (check), or list the fixes made (fix)",
    )
    out.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what fix would change and write nothing; exit 1 if a "
        "file would change",
    )


def build_parser(
    handlers: dict[str, Callable[[argparse.Namespace], int]],
) -> argparse.ArgumentParser:
    """The ``textmend`` parser; ``handlers`` maps each subcommand to its function."""
    parser = argparse.ArgumentParser(
        prog="textmend",
        description="Repair damaged text: mojibake, misaligned CJK bytes, converter "
        "artifacts, injected punctuation.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    paths_help = "files and folders (searched recursively), or - for standard input"

    check = commands.add_parser(
        "check",
        help="report what fix would change, as path:line:col: CODE message",
        description="Report what fix would change, without writing anything.",
        epilog=EPILOG,
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    _options(check)
    _output(check)
    _findings_output(check)
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (errors still exit 2)",
    )
    check.set_defaults(handler=handlers["check"])

    fix = commands.add_parser(
        "fix",
        help="mend files in place, or standard input to standard output",
        description="Mend files in place (atomically; encoding, line endings, byte order mark "
        "and permissions kept), or - from standard input to standard output.",
        epilog=EPILOG,
    )
    fix.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    _options(fix)
    _output(fix)
    _findings_output(fix)
    exits = fix.add_mutually_exclusive_group()
    exits.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 if any file was changed (a pre-commit hook's way to stop the commit)",
    )
    exits.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even under --diff when files would change"
    )
    fix.set_defaults(handler=handlers["fix"])

    detect = commands.add_parser(
        "detect",
        help="print each file's encoding, byte order mark and line endings",
        description="Print each file's encoding, confidence, byte order mark and line-ending "
        "style. Exit 1 if an encoding could not be determined.",
        epilog=EPILOG,
    )
    detect.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    _options(detect)
    _output(detect, formats=("text", "json", "jsonl"))
    detect.add_argument("--json", action="store_true", help="same as --output-format json")
    detect.set_defaults(handler=handlers["detect"])

    explain = commands.add_parser(
        "explain",
        help="show each rule's edits to a file, step by step",
        description="Show, step by step, which rule changed what in FILE. Positions are in the "
        "text as each step saw it. (To read about a rule, use `textmend rules CODE`.)",
        epilog=EPILOG,
    )
    explain.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    _options(explain, many=False)
    explain.add_argument(
        "--stdin-filename", metavar="PATH", help="the name of the file standard input stands for"
    )
    explain.set_defaults(handler=handlers["explain"])

    corpus = commands.add_parser(
        "corpus",
        help="mend a corpus (JSON Lines, Parquet, folders of text) into an output folder",
        description="Mend every document of the INPUT shards into OUTDIR, which mirrors them: "
        "JSON Lines (one document a line, the --field mended, every other field kept), "
        "Parquet (needs pyarrow) or plain-text files (one document each). Each shard is "
        "written atomically with a completion marker, so a rerun skips finished shards. "
        "Runs the corpus preset unless told otherwise.",
        epilog="exit status: 0 done, 1 documents would change (--dry-run), 2 usage, "
        "configuration, input or internal error (other shards are still finished)",
    )
    corpus.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="shard files, or folders of them (searched recursively; hidden names skipped)",
    )
    corpus.add_argument(
        "-o", "--output", required=True, metavar="OUTDIR", help="where the mended shards go"
    )
    corpus.add_argument(
        "--field",
        default="text",
        help="the JSON key or Parquet column that holds the text (default: text)",
    )
    corpus.add_argument(
        "--format",
        choices=("auto", "jsonl", "parquet", "text"),
        default="auto",
        help="what the shards are: auto tells by the name (.jsonl, .ndjson, .parquet; "
        "anything else is plain text) (default: auto)",
    )
    _options(corpus, many=False)
    run = corpus.add_argument_group("running")
    run.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="work in N processes (or N local Dask workers); 0: one per CPU (default: 1)",
    )
    run.add_argument(
        "--executor",
        choices=("process", "dask"),
        default=None,
        help="process: a pool on this machine; dask: a Dask cluster, local unless "
        "--scheduler names one (default: process)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to use, such as tcp://10.0.0.5:8786 (implies --executor "
        "dask); the input and output folders must be visible to every worker",
    )
    run.add_argument(
        "--chunk-size",
        type=_jobs,
        default=8,
        metavar="MB",
        help="with a process pool, share JSON Lines shards larger than this among the "
        "workers (default: 8)",
    )
    run.add_argument("--force", action="store_true", help="redo the shards an earlier run finished")
    run.add_argument(
        "--dry-run",
        action="store_true",
        help="read and count everything, write nothing; exit 1 if documents would change",
    )
    run.add_argument(
        "--report",
        metavar="PATH",
        help="write a JSON report: counts per rule, documents changed, data loss, per-shard timing",
    )
    run.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar and no summary on stderr (the bar shows only on a terminal)",
    )
    corpus.set_defaults(handler=handlers["corpus"])

    rules = commands.add_parser(
        "rules",
        help="list the rules, or explain the ones named",
        description="Without RULE: list the rules the selection runs (by default every rule): "
        "code, name, stage, on or off by default, summary. With RULE: why each named rule "
        "exists, which presets run it, and its examples.",
        epilog=EPILOG,
    )
    rules.add_argument(
        "rules", nargs="*", metavar="RULE", help="a rule code (TM401), prefix (TM4) or name"
    )
    _selection(rules)
    rules.add_argument(
        "--output-format", choices=("text", "json"), default="text", help="(default: text)"
    )
    rules.set_defaults(handler=handlers["rules"])
    return parser
