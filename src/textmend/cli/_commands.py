"""``textmend detect``, ``explain`` and ``rules``: the commands that write nothing."""

from __future__ import annotations

import argparse
import os
import re
import textwrap
from typing import Any

from textmend import PRESETS, RULES, Rule, fix_and_explain, replay, select_rules
from textmend.cli import _console as console
from textmend.cli._args import cli_options
from textmend.cli._config import Resolver
from textmend.cli._console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from textmend.cli._decode import Source, decode
from textmend.cli._discover import STDIN, discover
from textmend.cli._io import BinaryFile, FileProblem, read_bytes
from textmend.cli._output import LineIndex, json_dumps, json_line
from textmend.decoding._sniff import line_ending

__all__ = ["cmd_detect", "cmd_explain", "cmd_rules"]


def _detect_one(path: str, data: bytes, encoding: str | None) -> dict[str, Any]:
    """What ``detect`` says of one input: a JSON-ready record.

    ``decodable`` tells whether check and fix would read the file as it is
    (without --encoding): a guess below the confidence threshold is reported
    here but refused there.
    """
    from textmend import decoding

    if encoding is not None:
        source = decode(data, path, encoding=encoding)
        return {
            "filename": path,
            "encoding": source.codec,
            "confidence": 1.0,
            "language": None,
            "bom": source.bom,
            "line_ending": line_ending(source.text),
            "segments": [],
            "decodable": True,
        }
    try:
        found = decoding.detect_encoding(data)
    except decoding.BinaryInputError as exc:
        raise BinaryFile(f"{path}: skipped: looks binary ({exc.kind})") from None
    except decoding.UndeterminedEncodingError as exc:
        # A refusal (UTF-8 cut short, a stray byte) is the file's problem, not a bug.
        raise FileProblem(f"{path}: {exc}") from None
    sure = found.confidence >= decoding.DEFAULT_MIN_CONFIDENCE
    segments = [
        {"start": seg.start, "end": seg.end, "encoding": seg.encoding} for seg in found.segments
    ]
    return {
        "filename": path,
        "encoding": found.encoding,
        "confidence": round(found.confidence, 4),
        "language": found.language,
        "bom": bool(found.bom),
        "line_ending": found.line_ending,
        "segments": segments if len(segments) > 1 else [],
        "decodable": found.encoding in ("utf-8", "ascii") or sure,
    }


def _detect_text(record: dict[str, Any]) -> str:
    parts = [f"{record['encoding']} (confidence {record['confidence']:.2f})"]
    if record["language"]:
        parts.append(f"language {record['language']}")
    if record["bom"]:
        parts.append("byte order mark")
    parts.append(f"{record['line_ending'].upper()} line endings")
    for segment in record["segments"]:
        parts.append(f"bytes {segment['start']}-{segment['end']} {segment['encoding']}")
    if not record["decodable"]:
        parts.append("too uncertain to mend without --encoding")
    return f"{record['filename']}: {', '.join(parts)}\n"


def cmd_detect(args: argparse.Namespace) -> int:
    """``textmend detect PATH...``: the encoding, BOM and line endings of each file."""
    resolver = Resolver(
        cli_options(args), cwd=os.getcwd(), config_path=args.config, isolated=args.isolated
    )
    found = discover(args.paths, resolver, stdin_filename=args.stdin_filename)
    output_format = "json" if args.json else args.output_format or "text"
    status = EXIT_OK
    for message in found.missing:
        console.error(message)
        status = EXIT_ERROR
    records: list[dict[str, Any]] = []
    for target in found.targets:
        shown = args.stdin_filename or STDIN if target.path == STDIN else target.path
        try:
            if target.path == STDIN:
                data = console.read_stdin()
            else:
                data, _ = read_bytes(target.path)
            record = _detect_one(shown, data, target.settings.options.encoding)
        except BinaryFile as problem:
            record = {"filename": shown, "encoding": None, "binary": True, "note": str(problem)}
        except FileProblem as problem:
            status = EXIT_ERROR
            console.error(str(problem))
            continue
        if record.get("decodable") is False and status == EXIT_OK:
            status = EXIT_FINDINGS
        records.append(record)
        if output_format == "text":
            line = _detect_text(record) if record["encoding"] else f"{record['note']}\n"
            console.write_lines([line])
        elif output_format == "jsonl":
            console.write_lines([json_line(record)])
    if output_format == "json":
        console.write_lines([json_dumps(records) + "\n"])
    return status


def _explain_source(args: argparse.Namespace, encoding: str | None) -> Source:
    name: str = args.file
    if name == STDIN:
        return decode(console.read_stdin(), args.stdin_filename or STDIN, encoding=encoding)
    data, status = read_bytes(name)
    return decode(data, name, encoding=encoding, status=status)


def _rule_named(name: str) -> Rule | None:
    for rule in RULES:
        if name.upper() == rule.code or name == rule.name:
            return rule
    return None


def cmd_explain(args: argparse.Namespace) -> int:
    """``textmend explain FILE``: every edit, rule by rule."""
    name: str = args.file
    if name != STDIN and not os.path.exists(name) and _rule_named(name):
        console.error(
            f"explain: no file {name!r}; to read about the rule, run `textmend rules {name}`"
        )
        return EXIT_ERROR
    resolver = Resolver(
        cli_options(args), cwd=os.getcwd(), config_path=args.config, isolated=args.isolated
    )
    shown = args.stdin_filename if name == STDIN and args.stdin_filename else name
    absolute = os.path.abspath(shown) if shown != STDIN else os.getcwd()
    settings = resolver.for_directory(os.path.dirname(absolute) if shown != STDIN else absolute)
    config = settings.config_for(absolute)
    try:
        source = _explain_source(args, settings.options.encoding)
    except BinaryFile as problem:
        console.note(str(problem))
        return EXIT_OK
    except FileProblem as problem:
        console.error(str(problem))
        return EXIT_ERROR
    fixed = fix_and_explain(source.text, config=config)
    lines: list[str] = []
    # Each step's edits are in the coordinates of the text that step saw, so
    # the text is replayed step by step to number its lines.
    current = source.text
    for step in fixed.steps:
        index = LineIndex(current)
        lines.append(f"{step.code} {step.name}\n")
        for edit in step.edits:
            line, column = index.position(edit.start)
            after = "(no fix)" if edit.replacement is None else repr(edit.replacement)
            lines.append(f"  {line}:{column}: {edit.original!r} -> {after}  {edit.message}\n")
        current = replay(current, (step,))
    console.write_lines(lines)
    if not fixed.steps:
        console.note(f"{shown}: nothing to mend")
    return EXIT_OK


def _presets_of(rule: Rule) -> list[str]:
    return [
        name for name in sorted(PRESETS) if rule.code in {r.code for r in select_rules(preset=name)}
    ]


def _rule_record(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "stage": rule.stage.value,
        "default": rule.default,
        "presets": _presets_of(rule),
        "summary": rule.summary,
        "why": rule.why,
        "examples": [{"input": before, "output": after} for before, after in rule.examples],
    }


def _wrap(text: str, indent: str = "") -> list[str]:
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend(
            line + "\n"
            for line in textwrap.wrap(
                " ".join(paragraph.split()),
                width=88,
                initial_indent=indent,
                subsequent_indent=indent,
            )
        )
        out.append("\n")
    return out


def _rule_details(rule: Rule) -> list[str]:
    state = "on" if rule.default else "off"
    presets = ", ".join(_presets_of(rule)) or "none (select it by name)"
    lines = [
        f"{rule.code} {rule.name}\n",
        f"stage: {rule.stage.value}; {state} by default; presets: {presets}\n",
        "\n",
    ]
    lines += _wrap(rule.summary)
    if rule.why:
        lines += _wrap(rule.why)
    if rule.examples:
        lines.append("examples:\n")
        for before, after in rule.examples:
            if before == after:
                lines.append(f"  {before!r}  (left as it is)\n")
            else:
                lines.append(f"  {before!r} -> {after!r}\n")
        lines.append("\n")
    return lines


def cmd_rules(args: argparse.Namespace) -> int:
    """``textmend rules [RULE...]``: the list, or the details of the rules named."""
    options = cli_options(args)
    if args.rules:
        chosen = select_rules(select=args.rules)
        if args.output_format == "json":
            console.write_lines([json_dumps([_rule_record(r) for r in chosen]) + "\n"])
            return EXIT_OK
        lines: list[str] = []
        for rule in chosen:
            lines += _rule_details(rule)
        console.write_lines(lines[:-1] if lines and lines[-1] == "\n" else lines)
        return EXIT_OK
    selected = (
        options.select is not None or options.preset or options.extend_select or options.ignore
    )
    rules = (
        select_rules(
            select=options.select,
            ignore=options.ignore or (),
            extend_select=options.extend_select or (),
            preset=options.preset or "default",
        )
        if selected
        else RULES
    )
    if args.output_format == "json":
        console.write_lines([json_dumps([_rule_record(r) for r in rules]) + "\n"])
        return EXIT_OK
    if not rules:
        return EXIT_OK
    width = max(len(rule.name) for rule in rules)
    stage_width = max(len(rule.stage.value) for rule in rules)
    console.write_lines(
        [
            f"{rule.code}  {rule.name:<{width}}  {rule.stage.value:<{stage_width}}  "
            f"{'on' if rule.default else 'off':<3}  {rule.summary}\n"
            for rule in rules
        ]
    )
    return EXIT_OK
