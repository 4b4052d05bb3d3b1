"""Plan tomorrow's routes: quantum first, classical when the quantum path falls short."""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.classical import best_cut
from optimizer.graph import SAMPLE, Graph

QUALITY_THRESHOLD = 0.95  # quantum answer must reach 95% of the exact optimum


@dataclass
class Plan:
    van_a: list[int]
    van_b: list[int]
    cut_value: float
    method: str


def plan_routes(graph: Graph = SAMPLE) -> Plan:
    exact, exact_value = best_cut(graph)
    method = "classical"
    assignment, value = exact, exact_value
    try:
        from optimizer.quantum import best_sampled_cut

        q_assignment, q_value = best_sampled_cut(graph)
        if q_value >= QUALITY_THRESHOLD * exact_value:
            assignment, value, method = q_assignment, q_value, "qaoa"
    except Exception:  # quantum path unavailable: keep the classical plan
        pass
    van_a = [i for i, bit in enumerate(assignment) if bit == "0"]
    van_b = [i for i, bit in enumerate(assignment) if bit == "1"]
    return Plan(van_a, van_b, value, method)
