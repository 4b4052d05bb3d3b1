"""Benchmark: circuit lint of one generated 100k-gate OpenQASM 2 file.

Generates a QASM 2 circuit on 20 qubits with ``gates`` random gates (40% ``h``, 30% ``cx``,
30% ``rz``, seeded) plus a final measurement, writes it into a temporary app whose manifest
targets ``aer_simulator``, and times:

* ``scan``    the text scan (header, registers, pragmas) that runs before any parser;
* ``parse``   qiskit's QASM 2 parser plus stats (depth, gate counts);
* ``lint``    the whole ``lint_circuits`` of the app (scan + memory guard + parse + checks),
              the figure the issue asks for.

The qiskit import (about 1 s) is paid once, before timing.  Run:
``python bench/lint_circuits.py [--gates N] [--rounds R]``; ``bench/lint.py`` calls
:func:`bench_qasm`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from microgate.lint.circuit import lint_circuits
from microgate.manifest.model import Manifest
from microgate.quantum.circuits import parse_qasm
from microgate.quantum.qasmtext import scan_qasm

QUBITS = 20


def generate_qasm2(gates: int, qubits: int = QUBITS, seed: int = 7) -> str:
    """A QASM 2 program with ``gates`` random h/cx/rz gates and a final measurement."""
    rng = random.Random(seed)
    lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', f"qreg q[{qubits}];", f"creg c[{qubits}];"]
    for _ in range(gates):
        draw = rng.random()
        if draw < 0.4:
            lines.append(f"h q[{rng.randrange(qubits)}];")
        elif draw < 0.7:
            a, b = rng.sample(range(qubits), 2)
            lines.append(f"cx q[{a}],q[{b}];")
        else:
            lines.append(f"rz({rng.uniform(0, 6.283):.4f}) q[{rng.randrange(qubits)}];")
    lines.append("measure q -> c;")
    return "\n".join(lines) + "\n"


def _best(samples: list[float]) -> dict[str, float]:
    return {"best_s": min(samples), "median_s": statistics.median(samples)}


def bench_qasm(gates: int = 100_000, rounds: int = 3) -> dict[str, object]:
    """Time scan, parse + stats, and the whole circuit lint of a ``gates``-gate QASM 2 file."""
    text = generate_qasm2(gates)
    parse_qasm(generate_qasm2(10), 2)  # import qiskit before timing
    manifest = Manifest.model_validate(
        {
            "apiVersion": "microgate/v1",
            "name": "bench-circuits",
            "owner": "bench",
            "userScope": "team",
            "quantum": {"backend": "aer_simulator", "circuits": ["circuits/*.qasm"]},
        }
    )
    timings: dict[str, list[float]] = {"scan": [], "parse": [], "lint": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "circuits").mkdir()
        (root / "circuits" / "big.qasm").write_text(text, encoding="utf-8")
        for _ in range(rounds):
            start = time.perf_counter()
            scan_qasm(text)
            timings["scan"].append(time.perf_counter() - start)
            start = time.perf_counter()
            stats = parse_qasm(text, 2)
            timings["parse"].append(time.perf_counter() - start)
            start = time.perf_counter()
            results = lint_circuits(root, manifest)
            timings["lint"].append(time.perf_counter() - start)
    failed = [r.rule.id for r in results if r.findings]
    return {
        "gates": gates,
        "qubits": QUBITS,
        "bytes": len(text.encode()),
        "depth": stats.depth,
        "findings": failed,
        **{step: _best(samples) for step, samples in timings.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gates", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    result = bench_qasm(args.gates, args.rounds)
    print(
        f"QASM 2 file: {result['gates']:,} gates on {result['qubits']} qubits, "
        f"{result['bytes']:,} bytes, depth {result['depth']:,}, rules failing: "
        f"{result['findings'] or 'none'}"
    )
    print(f"{'step':<8}{'best s':>10}{'median s':>10}   ({args.rounds} rounds)")
    for step in ("scan", "parse", "lint"):
        figures = result[step]
        assert isinstance(figures, dict)
        print(f"{step:<8}{figures['best_s']:>10.3f}{figures['median_s']:>10.3f}")


if __name__ == "__main__":
    main()
