"""Same seed, same requests: identical replies and logs; order across keys does not matter."""

from __future__ import annotations

from typing import Any

import httpx

from microgate.simulator import ChatRequest, Simulator, parse_scenario, start_server

SCENARIO = """
seed: {seed}
models: [{{name: sim-gpt, inputUsdPerMillion: 1, outputUsdPerMillion: 2}},
         {{name: sim-claude, inputUsdPerMillion: 3, outputUsdPerMillion: 15}}]
facts:
  - {{key: fr, questionRegex: "(?i)capital of france", answer: Paris, wrong: [Lyon, Marseille, Nice]}}
  - {{key: jp, questionRegex: "(?i)capital of japan", answer: Tokyo, wrong: [Kyoto, Osaka]}}
hallucination: {{rate: 0.3, mode: concentrated, concentration: 2}}
latency: {{distribution: lognormal, p50Ms: 0.5, p95Ms: 2}}
errors:
  - {{kind: rate_limit, rate: 0.1}}
  - {{kind: server_error, rate: 0.1}}
  - {{kind: content_filter, rate: 0.05}}
"""
QUESTIONS = ["What is the capital of France?", "And the capital of Japan?", "Hello there"]


def _requests() -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    plan = []
    for n in range(45):
        messages = [{"role": "user", "content": QUESTIONS[n % 3]}]
        headers = {"X-Microgate-Case": f"c{n % 4}"} if n % 5 == 0 else {}
        if n % 2:
            body = {
                "model": "sim-claude",
                "max_tokens": 64,
                "messages": messages,
                "stream": n % 3 == 0,
            }
            plan.append(("/v1/messages", body, headers))
        else:
            body = {
                "model": "sim-gpt",
                "messages": messages,
                "stream": n % 4 == 0,
                "stream_options": {"include_usage": True},
            }
            plan.append(("/v1/chat/completions", body, headers))
    return plan


def _run(seed: int) -> tuple[list[tuple[int, bytes, str]], list[dict[str, Any]]]:
    replies = []
    with (
        start_server(parse_scenario(SCENARIO.format(seed=seed))) as server,
        httpx.Client(base_url=server.url, timeout=10) as http,
    ):
        for path, body, headers in _requests():
            reply = http.post(path, json=body, headers=headers)
            replies.append((reply.status_code, reply.content, reply.headers.get("retry-after", "")))
        log = server.log()
    for entry in log:  # only the wall-clock time and the port in Host may differ
        entry.pop("time")
        entry["headers"].pop("host")
    return replies, log


def test_two_fresh_servers_with_the_same_seed_give_identical_replies_and_logs() -> None:
    first, second = _run(seed=5), _run(seed=5)
    assert first == second
    replies, log = first
    statuses = {status for status, _, _ in replies}
    assert {200, 429, 500} <= statuses  # the run exercised faults
    assert any(e["answer"]["hallucinated"] for e in log)


def test_another_seed_gives_other_outcomes() -> None:
    assert _run(seed=5)[1] != _run(seed=6)[1]


def _answers(order: list[str], seed: int = 1) -> dict[str, list[tuple[str, float, bool]]]:
    sim = Simulator(parse_scenario(SCENARIO.format(seed=seed)))
    seen: dict[str, list[tuple[str, float, bool]]] = {}
    for prompt in order:
        plan = sim.plan(ChatRequest(api="openai", model="sim-gpt", prompt=prompt, texts=(prompt,)))
        seen.setdefault(prompt, []).append(
            (plan.text, plan.latency_ms, plan.resolution.hallucinated)
        )
    return seen


def test_interleaving_of_different_requests_does_not_change_outcomes() -> None:
    """What concurrency can change (the order across keys) changes nothing per key."""
    france, japan = QUESTIONS[0], QUESTIONS[1]
    one = _answers([france, japan] * 20)
    other = _answers([japan] * 20 + [france] * 20)
    assert one == other


def test_reset_restarts_the_sequence() -> None:
    sim = Simulator(parse_scenario(SCENARIO.format(seed=3)))
    request = ChatRequest(api="openai", model="sim-gpt", prompt="Hello", texts=("Hello",))
    before = [sim.plan(request).request_id for _ in range(5)]
    sim.reset()
    assert [sim.plan(request).request_id for _ in range(5)] == before
    assert len(set(before)) == 5
