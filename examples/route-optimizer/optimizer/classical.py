"""Exact classical max-cut by enumeration: the fallback and the quality baseline."""

from __future__ import annotations

from itertools import product

from optimizer.graph import Graph

MAX_EXACT_NODES = 20


def best_cut(graph: Graph) -> tuple[str, float]:
    if graph.nodes > MAX_EXACT_NODES:
        raise ValueError(f"exact search is limited to {MAX_EXACT_NODES} stops")
    best, best_value = "0" * graph.nodes, -1.0
    for bits in product("01", repeat=graph.nodes - 1):
        assignment = "0" + "".join(bits)  # fix stop 0 in van A: halves the search
        value = graph.cut_value(assignment)
        if value > best_value:
            best, best_value = assignment, value
    return best, best_value
