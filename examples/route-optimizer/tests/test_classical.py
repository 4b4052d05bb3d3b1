"""The exact classical max-cut (the fallback and the quality baseline); no Qiskit needed."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("requests")  # optimizer.graph imports it at module level

from optimizer.classical import MAX_EXACT_NODES, best_cut
from optimizer.graph import SAMPLE, Graph
from optimizer.plan import plan_routes


def test_best_cut_on_the_sample_graph() -> None:
    assert best_cut(SAMPLE) == ("0101", 4.0)


@pytest.mark.parametrize(("assignment", "value"), [
    ("0000", 0.0), ("0101", 4.0), ("0110", 2.5), ("0100", 2.0), ("1010", 4.0),
])
def test_cut_value(assignment: str, value: float) -> None:
    assert SAMPLE.cut_value(assignment) == value


def test_best_cut_is_optimal_by_brute_force_on_a_weighted_graph() -> None:
    graph = Graph(5, ((0, 1, 3.0), (1, 2, 1.0), (2, 3, 2.0), (3, 4, 0.5), (4, 0, 1.5),
                      (1, 3, 2.5)))
    assignment, value = best_cut(graph)
    every = max(graph.cut_value(format(i, "05b")) for i in range(2 ** 5))
    assert value == every == graph.cut_value(assignment)
    assert assignment[0] == "0"  # stop 0 is fixed in van A


def test_too_many_stops_for_exact_search() -> None:
    big = Graph(MAX_EXACT_NODES + 1, ())
    with pytest.raises(ValueError, match="limited to 20 stops"):
        best_cut(big)


def test_plan_falls_back_to_classical_without_the_quantum_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "optimizer.quantum", None)  # import now fails
    plan = plan_routes()
    assert (plan.van_a, plan.van_b, plan.cut_value, plan.method) == ([0, 2], [1, 3], 4.0,
                                                                     "classical")
