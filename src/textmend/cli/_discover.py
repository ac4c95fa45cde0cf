"""Turning the paths on the command line into the files to read.

Files named on the command line are taken as they are (a symlink is followed);
folders are walked recursively in name order, skipping what the excludes and,
by default, ``.gitignore`` rule out.  A symlink met inside a folder is not
followed: it might lead out of the tree or round in a loop, and the file it
points to is mended through its real path if that is in the tree.  With
``force-exclude`` the excludes also apply to paths named on the command line,
which is what a pre-commit hook needs (pre-commit names every staged file).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import NamedTuple

from textmend import Config
from textmend.cli._config import Resolver, Settings
from textmend.cli._globs import PatternSet, parse_lines, relative_to

__all__ = ["STDIN", "Discovery", "Target", "discover"]

STDIN = "-"

#: Version-control internals are never walked, whatever ``exclude`` says: a
#: mended object or index file would be a damaged repository.
_VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", ".jj"})


class Target(NamedTuple):
    """One file to read: ``path`` as shown to the user (``-`` for standard input)."""

    path: str
    config: Config
    settings: Settings
    #: The resolved path, so that a file named twice (or through a link) is read once.
    real: str = ""


class Discovery:
    """The files found, and what to tell the user about the paths that gave none."""

    __slots__ = ("missing", "skipped", "targets")

    def __init__(self) -> None:
        self.targets: list[Target] = []
        #: Paths that do not exist: an error, reported before anything is read.
        self.missing: list[str] = []
        #: Paths skipped on purpose (excluded, symlinks in folders), for --verbose.
        self.skipped: list[str] = []


def _read_ignore_file(path: str, base: str) -> PatternSet:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            return PatternSet(tuple(parse_lines(handle, base)))
    except OSError:
        return PatternSet()


def _repo_root(directory: str) -> str | None:
    current = directory
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class _GitIgnores:
    """The ``.gitignore`` patterns in force in each folder, cached."""

    def __init__(self) -> None:
        self._cache: dict[str, PatternSet] = {}

    def below(self, inherited: PatternSet, directory: str) -> PatternSet:
        """The patterns in force in ``directory``, given those of its parent folder.

        A folder with its own ``.git`` is another repository (a submodule, a nested
        clone): its parent's patterns stop there, as they do for git.
        """
        cached = self._cache.get(directory)
        if cached is not None:
            return cached
        if os.path.exists(os.path.join(directory, ".git")):
            inherited = _read_ignore_file(
                os.path.join(directory, ".git", "info", "exclude"), directory
            )
        result = inherited.extend(
            _read_ignore_file(os.path.join(directory, ".gitignore"), directory).patterns
        )
        self._cache[directory] = result
        return result

    def for_directory(self, directory: str) -> PatternSet:
        """Patterns that apply to the entries of ``directory``: its repository's
        ``info/exclude`` and every ``.gitignore`` from the repository root down.  Outside
        a repository, only the folder's own ``.gitignore`` (a walk adds those below)."""
        cached = self._cache.get(directory)
        if cached is not None:
            return cached
        parent = os.path.dirname(directory)
        in_repo = parent != directory and _repo_root(parent) is not None
        inherited = self.for_directory(parent) if in_repo else PatternSet()
        return self.below(inherited, directory)

    def ignores(self, path: str, is_dir: bool) -> bool:
        """Whether ``path`` or one of its folders (inside its repository) is ignored."""
        root = _repo_root(os.path.dirname(path))
        if root is None:
            return False
        rel = relative_to(path, root)
        if not rel:
            return False
        parts = rel.split("/")
        current = root
        for depth, part in enumerate(parts):
            patterns = self.for_directory(current)
            current = os.path.join(current, part)
            last = depth == len(parts) - 1
            if patterns.matches(current, is_dir or not last):
                return True
        return False


def _excluded(settings: Settings, path: str, is_dir: bool) -> bool:
    """Whether ``path`` or a folder of it under the settings' root is excluded."""
    if settings.exclude.matches(path, is_dir):
        return True
    rel = relative_to(os.path.dirname(path), settings.root)
    if not rel:
        return False
    current = settings.root
    for part in rel.split("/"):
        current = os.path.join(current, part)
        if settings.exclude.matches(current, True):
            return True
    return False


def _walk(
    directory: str,
    real: str,
    shown: str,
    resolver: Resolver,
    gitignores: _GitIgnores,
    found: Discovery,
    inherited: PatternSet,
) -> Iterator[Target]:
    settings = resolver.for_directory(directory)
    in_force = gitignores.below(inherited, directory)
    ignored = in_force if settings.respect_gitignore else None
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        found.missing.append(f"{shown}: cannot list the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = os.path.join(directory, entry.name)
        # `textmend check .` shows a.txt, not ./a.txt, as linters do.
        child = entry.name if shown in (".", "./") else os.path.join(shown, entry.name)
        if entry.name in _VCS_DIRS:
            continue
        if entry.is_symlink():
            found.skipped.append(f"{child}: a symbolic link inside a folder, not followed")
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file(follow_symlinks=False)
        except OSError:
            continue
        if not (is_dir or is_file):
            found.skipped.append(f"{child}: not a regular file")
            continue
        if settings.exclude.matches(path, is_dir):
            found.skipped.append(f"{child}: excluded")
            continue
        if ignored is not None and ignored.matches(path, is_dir):
            found.skipped.append(f"{child}: ignored by .gitignore")
            continue
        if is_dir:
            yield from _walk(
                path, os.path.join(real, entry.name), child, resolver, gitignores, found, in_force
            )
        else:
            # No symlink is followed inside a walk, so the real path is a join away.
            yield Target(child, settings.config_for(path), settings, os.path.join(real, entry.name))


def discover(
    paths: list[str], resolver: Resolver, *, stdin_filename: str | None = None
) -> Discovery:
    """Expand ``paths`` into the files to read, in order, each once.

    ``-`` stands for standard input; its settings are those of ``stdin_filename``
    (for per-file ignores and force-exclude) or of the current folder.
    """
    found = Discovery()
    gitignores = _GitIgnores()
    seen: set[str] = set()
    for shown in paths:
        if shown == STDIN:
            named = os.path.abspath(stdin_filename) if stdin_filename else None
            directory = os.path.dirname(named) if named else os.getcwd()
            settings = resolver.for_directory(directory)
            if named and settings.force_exclude and _force_excluded(settings, named, gitignores):
                found.skipped.append(f"{stdin_filename}: excluded")
                continue
            config = settings.config_for(named) if named else settings.config_for(directory)
            found.targets.append(Target(STDIN, config, settings))
            continue
        path = os.path.normpath(os.path.abspath(shown))
        if not os.path.lexists(path):
            found.missing.append(f"{shown}: no such file or folder")
            continue
        is_dir = os.path.isdir(path)
        settings = resolver.for_directory(path if is_dir else os.path.dirname(path))
        if settings.force_exclude and _force_excluded(settings, path, gitignores, is_dir):
            found.skipped.append(f"{shown}: excluded")
            continue
        if is_dir:
            # A folder named twice, or inside another named one, is walked once
            # per naming; the seen set then drops its files the second time.
            parent = os.path.dirname(path)
            inherited = gitignores.for_directory(parent) if _repo_root(parent) else PatternSet()
            targets: Iterator[Target] = _walk(
                path, os.path.realpath(path), shown, resolver, gitignores, found, inherited
            )
        else:
            real = os.path.realpath(path)
            targets = iter((Target(shown, settings.config_for(path), settings, real),))
        for target in targets:
            if target.real in seen:
                continue
            seen.add(target.real)
            found.targets.append(target)
    return found


def _force_excluded(
    settings: Settings, path: str, gitignores: _GitIgnores, is_dir: bool = False
) -> bool:
    if _excluded(settings, path, is_dir):
        return True
    return settings.respect_gitignore and gitignores.ignores(path, is_dir)
