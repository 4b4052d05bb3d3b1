"""The delivery graph: stops and how strongly two stops belong in different vans."""

from __future__ import annotations

import os
from dataclasses import dataclass

import requests

ROUTING_API = "https://routing.internal.example/api/v1"


@dataclass(frozen=True)
class Graph:
    nodes: int
    edges: tuple[tuple[int, int, float], ...]  # (u, v, weight)

    def cut_value(self, assignment: str) -> float:
        """Total weight of edges whose ends are in different vans ('0'/'1' per stop)."""
        return sum(w for u, v, w in self.edges if assignment[u] != assignment[v])


def fetch_graph(day: str) -> Graph:
    response = requests.get(
        f"{ROUTING_API}/stops",
        params={"day": day},
        headers={"Authorization": f"Bearer {os.environ['ROUTING_API_TOKEN']}"},
        timeout=10,
    )
    response.raise_for_status()
    data = response.json()
    edges = tuple((e["from"], e["to"], float(e["separation"])) for e in data["edges"])
    return Graph(nodes=len(data["stops"]), edges=edges)


SAMPLE = Graph(
    nodes=4,
    edges=((0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0), (0, 2, 0.5)),
)
