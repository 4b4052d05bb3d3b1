"""The simulator's decisions for one chat request, independent of HTTP and wire format.

:meth:`Simulator.plan` takes a parsed :class:`ChatRequest`, decides the fault, the answer
(with any hallucination), the latency, tokens and cost, records it all in the request log,
and returns a :class:`Plan` that a wire module renders.  Tests may call it directly.

Example:
    >>> from microgate.simulator.scenario import parse_scenario
    >>> sim = Simulator(parse_scenario("models: [{name: m, outputUsdPerMillion: 2}]\\n"
    ...                                "answers: [{exact: ping, answer: pong}]\\n"))
    >>> plan = sim.plan(ChatRequest(api="openai", model="m", prompt="ping", texts=("ping",)))
    >>> plan.text, plan.usage, plan.cost_usd
    ('pong', (8, 1), 2e-06)
    >>> sim.log.entries()[0]["answer"]["text"]
    'pong'
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from microgate.simulator.draws import Draws, content_key
from microgate.simulator.faults import FaultPicker
from microgate.simulator.knowledge import Knowledge, Resolution
from microgate.simulator.latency import LatencyModel
from microgate.simulator.requestlog import RequestLog, redact_headers
from microgate.simulator.scenario import Fault, Scenario
from microgate.simulator.tokens import answer_tokens, cost_usd, prompt_tokens, truncate_to_tokens

FAULT_STATUS = {"rate_limit": 429, "server_error": 500}
_COUNTER_LIMIT = 1_000_000


@dataclass(frozen=True)
class ChatRequest:
    """A chat request as the simulator sees it, whatever API it came through."""

    api: str
    model: str
    prompt: str
    texts: tuple[str, ...] = ()
    case: str | None = None
    stream: bool = False
    include_usage: bool = False
    max_tokens: int | None = None
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


@dataclass(frozen=True)
class Plan:
    """What the server answers: text and finish, or a fault; timing, usage and cost."""

    seq: int
    request_id: str
    model: str
    text: str
    finish: str
    fault: Fault | None
    latency_ms: float
    chunk_ms: float
    usage: tuple[int, int]
    cost_usd: float
    resolution: Resolution

    @property
    def status(self) -> int:
        return FAULT_STATUS.get(self.fault.kind, 200) if self.fault else 200


_second: list[Any] = [-1, ""]


def now_iso() -> str:
    """The time as ``2025-01-31T12:00:00.123Z`` (the second's text is cached)."""
    now = time.time()
    second = int(now)
    if second != _second[0]:
        _second[:] = [second, datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")]
    return f"{_second[1]}.{int((now - second) * 1000):03d}Z"


class _Compiled:
    """A scenario with its matchers compiled; swapped whole, never changed."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.knowledge = Knowledge(scenario)
        self.faults = FaultPicker(scenario.errors)
        self.latency = LatencyModel.from_config(scenario.latency)
        self.served = {m.name: m for m in scenario.models}


class Simulator:
    """One scenario's state: repeat counters per stream key and the request log."""

    def __init__(self, scenario: Scenario, log_capacity: int = 100_000) -> None:
        self.log = RequestLog(log_capacity)
        self._lock = threading.Lock()
        self._install(scenario)

    def _install(self, scenario: Scenario) -> None:
        self._state = _Compiled(scenario)
        self._repeats: Counter[str] = Counter()
        self._chat_count = 0

    @property
    def scenario(self) -> Scenario:
        return self._state.scenario

    @property
    def knowledge(self) -> Knowledge:
        return self._state.knowledge

    def set_scenario(self, scenario: Scenario) -> None:
        """Swap the scenario; counters restart, the log is kept."""
        with self._lock:
            self._install(scenario)

    def reset(self) -> None:
        """Clear the log and restart every counter (a fresh, reproducible run)."""
        with self._lock:
            self._install(self.scenario)
            self.log.clear()

    def _next(self, request: ChatRequest) -> tuple[_Compiled, int, str, int]:
        if request.case is not None:
            key = f"case:{request.case}"
        else:
            key = "content:" + content_key(request.api, request.model, *request.texts)
        with self._lock:  # one consistent scenario and counter for the whole request
            if len(self._repeats) >= _COUNTER_LIMIT:
                self._repeats.clear()
            repeat = self._repeats[key]
            self._repeats[key] = repeat + 1
            self._chat_count += 1
            return self._state, self._chat_count, key, repeat

    def plan(self, request: ChatRequest) -> Plan:
        """Decide the reply to ``request`` and record it in the log."""
        state, number, key, repeat = self._next(request)
        draws = Draws(state.scenario.seed, key, repeat)
        fault = state.faults.pick(number, request.case, request.model, draws.uniform("fault"))
        resolution = state.knowledge.resolve(request.prompt, request.case, draws)
        text, finish = resolution.text, "stop"
        if request.max_tokens is not None:
            text, cut = truncate_to_tokens(text, request.max_tokens)
            finish = "length" if cut else "stop"
        kind = fault.kind if fault is not None else None
        if kind in ("content_filter", "rate_limit", "server_error"):
            text, finish = "", "content_filter" if kind == "content_filter" else finish
            resolution = Resolution("", resolution.source)
        usage = (prompt_tokens(request.texts), answer_tokens(text))
        served = state.served.get(request.model)
        cost = 0.0
        if served is not None and kind not in FAULT_STATUS:
            cost = cost_usd(*usage, served.input_usd_per_million, served.output_usd_per_million)
        latency = round(state.latency.quantile(draws.uniform("latency")), 3)
        fields = (
            draws.request_id(),
            request.model,
            text,
            finish,
            fault,
            latency,
            state.latency.chunk_ms,
            usage,
            cost,
            resolution,
        )
        seq = self.log.append(self._entry(request, Plan(0, *fields), key, repeat))
        return Plan(seq, *fields)

    def _entry(self, request: ChatRequest, plan: Plan, key: str, repeat: int) -> dict[str, Any]:
        res = plan.resolution
        return {
            "time": now_iso(),
            "method": "POST",
            "path": request.path,
            "api": request.api,
            "headers": redact_headers(request.headers),
            "body": request.body,
            "model": request.model,
            "stream": request.stream,
            "case": request.case,
            "key": key,
            "repeat": repeat,
            "prompt": request.prompt,
            "status": plan.status,
            "requestId": plan.request_id,
            "answer": {
                "text": plan.text,
                "finishReason": plan.finish,
                "source": res.source,
                "fact": res.fact,
                "truth": res.truth,
                "wrong": res.wrong,
                "hallucinated": res.hallucinated,
            },
            "fault": plan.fault.kind if plan.fault else None,
            "latencyMs": plan.latency_ms,
            "usage": {
                "promptTokens": plan.usage[0],
                "completionTokens": plan.usage[1],
                "totalTokens": sum(plan.usage),
            },
            "costUsd": plan.cost_usd,
        }

    def record(
        self, method: str, path: str, headers: dict[str, str], status: int, **extra: Any
    ) -> int:
        """Log a request that was not a chat completion (model list, rejected requests)."""
        entry = {
            "time": now_iso(),
            "method": method,
            "path": path,
            "headers": redact_headers(headers),
            "status": status,
            **extra,
        }
        return self.log.append(entry)
