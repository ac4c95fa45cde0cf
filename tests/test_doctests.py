"""Every docstring example in the package runs as a test."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import textmend

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(textmend.__path__, prefix="textmend.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", ["textmend", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
