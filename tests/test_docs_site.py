"""The documentation site builds, and what its hand-written pages show is true.

* ``mkdocs build --strict`` passes (broken links and anchors, pages missing from
  the nav and API docstrings that do not resolve all fail it);
* the built site names every rule code, preset and command-line option string;
* every ``pycon`` example on a page runs as a doctest; every ``python`` recipe
  runs (those whose third-party library is not installed are only compiled); and
  every ``console`` session runs the shown ``textmend`` commands, in order, on the
  files the page shows (code blocks titled with a file name), and prints exactly
  the output shown.
"""

from __future__ import annotations

import argparse
import doctest
import html
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import textmend
from textmend.cli import _HANDLERS, main
from textmend.cli._args import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Pages written by hand whose examples are checked here (the generated pages
#: are checked against their generators elsewhere).
PAGES = ("index.md", "getting-started.md", "recipes.md")
#: Libraries a recipe may need that the test environment need not have.
OPTIONAL = {"pandas", "datasets", "datatrove", "ray"}

_FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _blocks(page: str, language: str) -> list[tuple[str, str]]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return [(m.group(2), m.group(3)) for m in _FENCE.finditer(text) if m.group(1) == language]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "", "HOME": str(target)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return target


def _page_text(site: Path, name: str) -> str:
    return html.unescape((site / name / "index.html").read_text(encoding="utf-8"))


def test_site_names_every_rule_and_preset(site: Path) -> None:
    rules = _page_text(site, "rules")
    for rule in textmend.RULES:
        assert rule.code in rules and rule.name in rules, rule.code
    for preset in textmend.PRESETS:
        assert f"<code>{preset}</code>" in rules, preset


def test_site_names_every_option_of_every_command(site: Path) -> None:
    options = _page_text(site, "cli-options")
    parser = build_parser(_HANDLERS)
    subparsers = next(
        a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    for name, sub in subparsers.items():
        assert f"textmend {name}" in options
        for action in sub._actions:
            for option in action.option_strings:
                assert f"<code>{option}</code>" in options, f"textmend {name} {option}"


def test_api_reference_renders_the_public_functions(site: Path) -> None:
    api = _page_text(site, "api")
    for name in ("fix_text", "check_text", "fix_and_explain", "replay", "pipeline", "decode"):
        assert f"textmend.{name}" in api or f"textmend.decoding.{name}" in api, name
    # Doctest sessions are rendered as highlighted code (docs/_hooks/doctest_fences.py),
    # not as nested block quotes with links in them.
    raw = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert '<span class="gp">&gt;&gt;&gt; </span>' in raw
    assert "<blockquote" not in raw


@pytest.mark.parametrize("page", PAGES)
def test_pycon_examples_run(page: str) -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}
    report: list[str] = []
    for index, (_, body) in enumerate(_blocks(page, "pycon")):
        test = parser.get_doctest(body, globs, f"{page}[{index}]", page, 0)
        test.globs = globs  # one session per page, as a reader would type it
        runner.run(test, out=report.append, clear_globs=False)
    assert runner.failures == 0, "".join(report)


def _python_blocks() -> list[object]:
    return [
        pytest.param(page, index, body, id=f"{page}[{index}]")
        for page in PAGES
        for index, (_, body) in enumerate(_blocks(page, "python"))
    ]


@pytest.mark.parametrize(("page", "index", "body"), _python_blocks())
def test_python_recipes_run(page: str, index: int, body: str, tmp_path: Path) -> None:
    code = compile(body, f"{page}[{index}]", "exec")
    imported = set(re.findall(r"^(?:from|import) (\w+)", body, re.MULTILINE))
    missing = []
    for module in sorted(imported & OPTIONAL):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        pytest.skip(f"compiled only: {', '.join(missing)} not installed")
    # A page's blocks share one namespace, in order, as a reader would run them.
    namespace: dict[str, object] = {"__name__": "__main__"}
    for _, earlier in _blocks(page, "python")[:index]:
        if not set(re.findall(r"^(?:from|import) (\w+)", earlier, re.MULTILINE)) & OPTIONAL:
            exec(compile(earlier, page, "exec"), namespace)
    exec(code, namespace)


@pytest.mark.parametrize("page", [page for page in PAGES if _blocks(page, "console")])
def test_console_sessions_print_what_the_page_shows(
    page: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    files = [
        (m.group(1), body)
        for info, body in _blocks(page, "text")
        if (m := re.search(r'title="([^"]+)"', info))
    ]
    sessions = [body for _, body in _blocks(page, "console")]
    for name, body in files:
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for session in sessions:
        commands = re.split(r"^\$ ", session, flags=re.MULTILINE)[1:]
        for command in commands:
            line, _, shown = command.partition("\n")
            argv = shlex.split(line)
            assert argv[0] == "textmend", line
            main([*argv[1:], "--isolated"] if argv[1] != "rules" else argv[1:])
            printed = capsysbinary.readouterr().out.decode("utf-8")
            assert printed == shown, f"$ {line}"
