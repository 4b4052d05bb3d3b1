"""The simulated model server: OpenAI-compatible and Anthropic APIs on loopback, for tests.

It answers from a scenario (canned answers, a small knowledge base with a configurable
hallucination rate, latency, injected faults, prices), reproducibly from a seed, and logs
every request it received at ``/_admin/log`` so a test can check what left the gateway.

Example:
    >>> from microgate.simulator import start_server
    >>> with start_server() as server:          # the bundled default scenario
    ...     server.url.startswith("http://127.0.0.1:")
    True
"""

from microgate.simulator.engine import ChatRequest, Plan, Simulator
from microgate.simulator.latency import LatencyModel
from microgate.simulator.scenario import (
    DEFAULT_SCENARIO_PATH,
    FAULT_KINDS,
    Scenario,
    default_scenario,
    load_scenario,
    parse_scenario,
)
from microgate.simulator.server import RunningServer, start_server
from microgate.simulator.tokens import count_tokens

__all__ = [
    "DEFAULT_SCENARIO_PATH",
    "FAULT_KINDS",
    "ChatRequest",
    "LatencyModel",
    "Plan",
    "RunningServer",
    "Scenario",
    "Simulator",
    "count_tokens",
    "default_scenario",
    "load_scenario",
    "parse_scenario",
    "start_server",
]
