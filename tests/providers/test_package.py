"""The providers package: light to import, and its docstring examples hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys

import pytest

import microgate.providers

MODULES = sorted(m.name for m in pkgutil.iter_modules(microgate.providers.__path__,
                                                      "microgate.providers."))


def test_imports_with_only_httpx_and_pydantic() -> None:
    code = (
        "import sys, microgate.providers\n"
        "heavy = {'yaml', 'sqlalchemy', 'openai', 'anthropic', 'typer', 'jinja2', 'fastapi',"
        " 'detect_secrets', 'pytest', 'httpx2'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
