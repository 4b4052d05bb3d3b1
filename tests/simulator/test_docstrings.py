"""The examples in the simulator's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import microgate.simulator

MODULES = sorted(
    name
    for _, name, _ in pkgutil.iter_modules(microgate.simulator.__path__, "microgate.simulator.")
)


@pytest.mark.parametrize("name", ["microgate.simulator", *MODULES])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
