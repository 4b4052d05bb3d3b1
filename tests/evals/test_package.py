"""The evals test kit: the plugin loads cheaply, and docstring examples hold."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import pytest

MODULES = [
    "microgate.evals", "microgate.evals.cassette", "microgate.evals.mock_llm",
    "microgate.evals.pii", "microgate.evals.prompts", "microgate.evals.scrub",
    "microgate.evals.sdk_http", "microgate.evals.transport", "microgate.evals.wire_requests",
    "microgate.evals.wire_responses",
]


def test_loading_the_plugin_imports_no_http_stack() -> None:
    code = ("import sys, microgate.evals.pytest_plugin\n"
            "print(sorted({'httpx', 'yaml', 'openai', 'anthropic'} & set(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
