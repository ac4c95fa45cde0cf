"""Configuration files and how they combine with the command line.

A configuration is ``[tool.textmend]`` in ``pyproject.toml``, or the top level
of ``textmend.toml`` or ``.textmend.toml``.  For each file, the nearest folder
(the file's own, then its parents) that holds one of them decides; within one
folder ``.textmend.toml`` beats ``textmend.toml`` beats ``pyproject.toml``
(a ``pyproject.toml`` without a ``[tool.textmend]`` table does not count).
``--config PATH`` names one file for everything; ``--isolated`` reads none.
Command-line flags override the file (see :func:`_resolve_codes` for how rule
selection layers).  Unknown keys and wrong types are errors that list what is
valid.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, cast

from textmend import PRESETS, Config, ConfigError, ZhScript, select_rules
from textmend.cli._globs import Pattern, PatternSet, compile_pattern, parse_lines, relative_to

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_EXCLUDE",
    "OUTPUT_FORMATS",
    "Options",
    "Resolver",
    "Settings",
    "load_file",
]

#: Looked for in this order in each folder; the first that configures textmend wins.
CONFIG_NAMES: Final = (".textmend.toml", "textmend.toml", "pyproject.toml")

OUTPUT_FORMATS: Final = ("text", "json", "jsonl", "github", "sarif")
ZH_SCRIPTS: Final = ("auto", "keep", "hans", "hant")

#: Folders no one wants mended: virtual environments, dependencies, caches; and
#: textmend's own temporary files, should a killed run leave one behind.
#: (Version-control folders are skipped even when ``exclude`` replaces this list.)
DEFAULT_EXCLUDE: Final = (
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "*.textmend-tmp",
)


class Options(NamedTuple):
    """The settings one source gives: a configuration file or the command line.

    ``None`` means "not given here", so that layers can be told apart.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    preset: str | None = None
    zh_script: str | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] | None = None
    force_exclude: bool | None = None
    respect_gitignore: bool | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    output_format: str | None = None
    show_fixes: bool | None = None
    transcode_utf8: bool | None = None
    encoding: str | None = None


def _key(attribute: str) -> str:
    return attribute.replace("_", "-")


#: The keys a configuration file may hold, in the spelling it uses.
VALID_KEYS: Final = tuple(_key(name) for name in Options._fields)


def _string_list(where: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f'{where}: {key} must be a list of strings, like ["TM4"]')
    return tuple(value)


def _boolean(where: str, key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key} must be true or false, not {value!r}")
    return value


def _choice(where: str, key: str, value: object, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _text(where: str, key: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: {key} must be a non-empty string, not {value!r}")
    return value


def _per_file(where: str, key: str, value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(
            f'{where}: {key} must be a table of pattern = [selectors], like "docs/*.md" = ["TM4"]'
        )
    return tuple(
        (pattern, _string_list(where, f"{key}.{pattern!r}", selectors))
        for pattern, selectors in value.items()
    )


def _unknown_key(where: str, key: str) -> ConfigError:
    import difflib

    close = difflib.get_close_matches(key, VALID_KEYS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return ConfigError(
        f"{where}: unknown key {key!r}{hint}; valid keys are {', '.join(VALID_KEYS)}"
    )


def parse_table(table: Mapping[str, object], where: str) -> Options:
    """Validate one configuration table and turn it into :class:`Options`.

    >>> parse_table({"select": ["TM4"], "zh-script": "keep"}, "textmend.toml").select
    ('TM4',)
    """
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in VALID_KEYS:
            raise _unknown_key(where, key)
        attribute = key.replace("-", "_")
        if key in ("select", "ignore", "extend-select", "exclude", "extend-exclude"):
            values[attribute] = _string_list(where, key, value)
        elif key in ("force-exclude", "respect-gitignore", "show-fixes", "transcode-utf8"):
            values[attribute] = _boolean(where, key, value)
        elif key == "preset":
            values[attribute] = _choice(where, key, value, sorted(PRESETS))
        elif key == "zh-script":
            values[attribute] = _choice(where, key, value, ZH_SCRIPTS)
        elif key == "output-format":
            values[attribute] = _choice(where, key, value, OUTPUT_FORMATS)
        elif key == "encoding":
            values[attribute] = _text(where, key, value)
        else:
            values[attribute] = _per_file(where, key, value)
    return Options(**values)


def _toml_loads() -> Callable[[str], dict[str, Any]]:
    # Imported on first use: most runs read no configuration file, and the
    # command must start fast.  tomllib is in the standard library from 3.11.
    name = "tomllib" if sys.version_info >= (3, 11) else "tomli"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        raise ConfigError(
            "reading a configuration file on Python 3.10 needs tomli: pip install tomli"
        ) from None
    loads: Callable[[str], dict[str, Any]] = module.loads
    return loads


def load_file(path: str) -> Options | None:
    """Read the configuration in ``path``; ``None`` for a ``pyproject.toml`` without one."""
    try:
        with open(path, encoding="utf-8") as handle:
            content = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc}") from None
    try:
        document = _toml_loads()(content)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(f"{path}: is not valid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("textmend") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.textmend] must be a table")
        return parse_table(table, f"{path}: [tool.textmend]")
    return parse_table(document, path)


def _codes(selectors: Sequence[str], where: str) -> frozenset[str]:
    try:
        return frozenset(rule.code for rule in select_rules(select=selectors))
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _resolve_codes(file: Options, cli: Options, where: str) -> tuple[frozenset[str], str]:
    """Layer the rule selection of a configuration file and of the command line.

    * ``--select`` starts afresh: the file's select, extend-select, ignore and preset
      are set aside.
    * ``--preset`` replaces the file's preset and select; the file's extend-select and
      ignore still apply.
    * ``--extend-select`` and ``--ignore`` apply on top, ignore last.
    """
    preset = cli.preset or file.preset or "default"
    if cli.select is not None:
        base = select_rules(select=cli.select, preset=preset)
    else:
        try:
            base = select_rules(
                select=None if cli.preset is not None else file.select,
                extend_select=file.extend_select or (),
                ignore=file.ignore or (),
                preset=preset,
            )
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    codes = {rule.code for rule in base}
    codes |= _codes(cli.extend_select or (), "--extend-select")
    codes -= _codes(cli.ignore or (), "--ignore")
    return frozenset(codes), preset


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that governs the files under one configuration."""

    #: The folder relative patterns are relative to: the configuration file's, or
    #: the current folder when there is none.
    root: str
    #: The configuration file, or ``None``.
    source: str | None
    codes: frozenset[str]
    preset: str
    zh_script: ZhScript
    exclude: PatternSet
    force_exclude: bool
    respect_gitignore: bool
    per_file_ignores: tuple[tuple[Pattern, frozenset[str]], ...]
    options: Options
    _configs: dict[frozenset[str], Config] = field(default_factory=dict, compare=False)

    def config_for(self, path: str) -> Config:
        """The rules for the file at the absolute ``path`` (per-file ignores applied)."""
        ignored: frozenset[str] = frozenset()
        for pattern, codes in self.per_file_ignores:
            if _pattern_matches(pattern, path):
                ignored |= codes
        codes = self.codes - ignored
        config = self._configs.get(codes)
        if config is None:
            from textmend import RULES

            preset_codes = {rule.code for rule in select_rules(preset=self.preset)}
            if codes == preset_codes:
                # The plain preset: the core resolves one selector per call instead
                # of one per rule, which shows over thousands of small files.
                config = Config(preset=self.preset, zh_script=self.zh_script)
            else:
                ordered = tuple(rule.code for rule in RULES if rule.code in codes)
                config = Config(select=ordered, preset=self.preset, zh_script=self.zh_script)
            self._configs[codes] = config
        return config


def _pattern_matches(pattern: Pattern, path: str) -> bool:
    """Whether ``pattern`` matches ``path`` or one of its folders (under its base)."""
    rel = relative_to(path, pattern.base)
    if rel is None:
        return False
    parts = rel.split("/")
    for depth in range(len(parts), 0, -1):
        is_dir = depth < len(parts)
        if pattern.dir_only and not is_dir:
            continue
        if pattern.regex.match("/".join(parts[:depth])):
            return not pattern.negated
    return False


def _patterns(lines: Sequence[str], base: str) -> list[Pattern]:
    return parse_lines(lines, base)


class Resolver:
    """Finds and caches the settings that govern each folder."""

    def __init__(
        self,
        cli: Options,
        *,
        cwd: str,
        config_path: str | None = None,
        isolated: bool = False,
    ) -> None:
        self._cli = cli
        self._cwd = cwd
        self._isolated = isolated
        self._by_dir: dict[str, Settings] = {}
        self._by_source: dict[str | None, Settings] = {}
        self._sources: dict[str, tuple[str | None, Options | None]] = {}
        self._fixed: Settings | None = None
        if config_path is not None:
            path = os.path.abspath(config_path)
            options = load_file(path)
            if options is None:
                raise ConfigError(f"{config_path}: has no [tool.textmend] table")
            self._fixed = self._settings(options, path)
        elif isolated:
            self._fixed = self._settings(Options(), None)

    def _settings(self, file: Options, source: str | None) -> Settings:
        where = source or "the command line"
        root = os.path.dirname(source) if source else self._cwd
        codes, preset = _resolve_codes(file, self._cli, where)
        cli = self._cli
        exclude_lines = file.exclude if file.exclude is not None else DEFAULT_EXCLUDE
        patterns = _patterns(exclude_lines, root) + _patterns(file.extend_exclude or (), root)
        if cli.exclude is not None:
            # --exclude replaces the file's (and the default) list.
            patterns = _patterns(cli.exclude, self._cwd) + _patterns(
                file.extend_exclude or (), root
            )
        patterns += _patterns(cli.extend_exclude or (), self._cwd)
        per_file: list[tuple[Pattern, frozenset[str]]] = []
        for glob, selectors in file.per_file_ignores or ():
            pattern = compile_pattern(glob, root)
            if pattern is None:
                raise ConfigError(f"{where}: per-file-ignores has an empty pattern {glob!r}")
            per_file.append((pattern, _codes(selectors, f"{where}: per-file-ignores")))
        zh_script = cli.zh_script or file.zh_script or "auto"
        merged = file._replace(
            **{name: value for name, value in cli._asdict().items() if value is not None}
        )
        return Settings(
            root=root,
            source=source,
            codes=codes,
            preset=preset,
            zh_script=_zh(zh_script),
            exclude=PatternSet(tuple(patterns)),
            force_exclude=bool(merged.force_exclude),
            respect_gitignore=merged.respect_gitignore is not False,
            per_file_ignores=tuple(per_file),
            options=merged,
        )

    def _find_source(self, directory: str) -> tuple[str | None, Options | None]:
        """The nearest configuration at or above ``directory``; every folder on the way
        is remembered, so a walk over a tree asks the disk once per folder."""
        found = self._sources.get(directory)
        if found is not None:
            return found
        result: tuple[str | None, Options | None] = (None, None)
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                options = load_file(candidate)
                if options is not None:
                    result = (candidate, options)
                    break
        else:
            parent = os.path.dirname(directory)
            if parent != directory:
                result = self._find_source(parent)
        self._sources[directory] = result
        return result

    def for_directory(self, directory: str) -> Settings:
        """The settings for files in the absolute, normalised ``directory``."""
        if self._fixed is not None:
            return self._fixed
        settings = self._by_dir.get(directory)
        if settings is not None:
            return settings
        source, options = self._find_source(directory)
        settings = self._by_source.get(source)
        if settings is None:
            settings = self._settings(options or Options(), source)
            self._by_source[source] = settings
        self._by_dir[directory] = settings
        return settings


def _zh(value: str) -> ZhScript:
    # Validated against ZH_SCRIPTS by the parser (file) or argparse (flag).
    return cast(ZhScript, value)
