"""The examples in the quantum package's and circuit lint's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import microgate.lint.circuit
import microgate.quantum

MODULES = sorted(
    name
    for package in (microgate.quantum, microgate.lint.circuit)
    for _, name, _ in pkgutil.iter_modules(package.__path__, package.__name__ + ".")
)


@pytest.mark.parametrize("name", ["microgate.quantum", "microgate.lint.circuit", *MODULES])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_importing_microgate_quantum_loads_no_quantum_sdk() -> None:
    import subprocess
    import sys

    code = (
        "import sys, microgate.quantum, microgate.lint.circuit, microgate.quantum.targets;"
        "print(sorted(m for m in ('qiskit', 'pyqasm', 'qiskit_ibm_runtime') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
