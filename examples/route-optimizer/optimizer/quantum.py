"""QAOA (depth 1) for max-cut on Qiskit Aer."""

from __future__ import annotations

import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit_aer import AerSimulator

from optimizer.graph import Graph

SHOTS = 2048


def qaoa_circuit(graph: Graph, gamma: float, beta: float) -> QuantumCircuit:
    qc = QuantumCircuit(graph.nodes, graph.nodes)
    qc.h(range(graph.nodes))
    for u, v, w in graph.edges:
        qc.rzz(2 * gamma * w, u, v)
    qc.rx(2 * beta, range(graph.nodes))
    qc.measure(range(graph.nodes), range(graph.nodes))
    return qc


def sample_cuts(
    graph: Graph, gamma: float = 0.8, beta: float = 0.4, seed: int = 7
) -> dict[str, int]:
    backend = AerSimulator(seed_simulator=seed)
    compiled = transpile(qaoa_circuit(graph, gamma, beta), backend)
    counts = backend.run(compiled, shots=SHOTS).result().get_counts()
    # Qiskit prints bit 0 last; flip so that assignment[i] is stop i.
    return {bits[::-1]: n for bits, n in counts.items()}


def best_sampled_cut(graph: Graph, grid: int = 6) -> tuple[str, float]:
    best, best_value = "0" * graph.nodes, -1.0
    for gamma in np.linspace(0.1, np.pi / 2, grid):
        for beta in np.linspace(0.1, np.pi / 4, grid):
            for bits in sample_cuts(graph, float(gamma), float(beta)):
                value = graph.cut_value(bits)
                if value > best_value:
                    best, best_value = bits, value
    return best, best_value
