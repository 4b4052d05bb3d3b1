"""Fixtures for the simulated model server's tests: a running server and its HTTP client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from microgate.simulator import RunningServer, parse_scenario, start_server

BASE_SCENARIO = """
seed: 11
models:
  - {name: sim-gpt, inputUsdPerMillion: 1.0, outputUsdPerMillion: 2.0}
  - {name: sim-claude, inputUsdPerMillion: 3.0, outputUsdPerMillion: 15.0}
answers:
  - {exact: ping, answer: pong}
facts:
  - key: capital_of_france
    questionRegex: "(?i)capital of france"
    answer: Paris
    wrong: [Lyon, Marseille]
    template: "The capital of France is {answer}."
"""


@pytest.fixture(scope="module")
def sim_server() -> Iterator[RunningServer]:
    """One server per test module; each test gets it reset to ``BASE_SCENARIO``."""
    with start_server(parse_scenario(BASE_SCENARIO, "base.yaml")) as server:
        yield server


@pytest.fixture
def server(sim_server: RunningServer) -> RunningServer:
    sim_server.set_scenario(parse_scenario(BASE_SCENARIO, "base.yaml"))
    sim_server.reset()
    return sim_server


@pytest.fixture
def client(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        yield http
