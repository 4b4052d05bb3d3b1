"""Quantum component: circuit loading and statistics, backend target descriptions, limits.

Nothing heavy is imported here: qiskit, pyqasm and qiskit-ibm-runtime (the ``quantum``
extra) are imported by the functions that need them, so ``microgate`` imports without them.
Modules: :mod:`~microgate.quantum.circuits` (``circuit_stats``, ``parse_qasm``),
:mod:`~microgate.quantum.qasmtext` (the text scan that runs before any parser),
:mod:`~microgate.quantum.limits` (memory arithmetic), :mod:`~microgate.quantum.targets`.
"""
