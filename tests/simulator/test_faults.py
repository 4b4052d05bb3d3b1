"""Injected faults, as an HTTP client sees them, on both APIs; and how they are chosen."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from microgate.simulator import ChatRequest, RunningServer, Simulator, parse_scenario

Q = [{"role": "user", "content": "What is the capital of France?"}]
OPENAI = ("/v1/chat/completions", {"model": "sim-gpt", "messages": Q})
ANTHROPIC = ("/v1/messages", {"model": "sim-claude", "max_tokens": 100, "messages": Q})
APIS = pytest.mark.parametrize(("path", "body"), [OPENAI, ANTHROPIC], ids=["openai", "anthropic"])


def with_fault(server: RunningServer, fault: dict[str, Any]) -> None:
    """Every request of case 'bad' (header X-Microgate-Case) gets ``fault``."""
    scenario = server.simulator.scenario.model_dump(mode="json", by_alias=True)
    scenario["errors"] = [{**fault, "cases": ["bad"]}]
    server.set_scenario(parse_scenario(json.dumps(scenario)))


def post(client: httpx.Client, path: str, body: dict[str, Any], **extra: Any) -> httpx.Response:
    return client.post(path, json={**body, **extra}, headers={"X-Microgate-Case": "bad"})


@APIS
def test_rate_limit_is_429_with_retry_after(
    client: httpx.Client, server: RunningServer, path: str, body: dict[str, Any]
) -> None:
    with_fault(server, {"kind": "rate_limit", "retryAfterS": 2.5})
    reply = post(client, path, body)
    assert reply.status_code == 429 and reply.headers["retry-after"] == "3"
    error = reply.json()["error"]
    if path == OPENAI[0]:
        assert error["code"] == "rate_limit_exceeded" and reply.headers["retry-after-ms"] == "2500"
    else:
        assert reply.json()["type"] == "error" and error["type"] == "rate_limit_error"
    entry = server.log()[-1]
    assert (entry["fault"], entry["status"], entry["costUsd"]) == ("rate_limit", 429, 0.0)


@APIS
def test_server_error_is_500_with_an_error_body(
    client: httpx.Client, server: RunningServer, path: str, body: dict[str, Any]
) -> None:
    with_fault(server, {"kind": "server_error"})
    reply = post(client, path, body)
    assert reply.status_code == 500
    assert reply.json()["error"]["type"] in ("server_error", "api_error")


@APIS
def test_timeout_holds_the_request_past_the_client_timeout(
    client: httpx.Client, server: RunningServer, path: str, body: dict[str, Any]
) -> None:
    with_fault(server, {"kind": "timeout", "holdS": 30})
    with pytest.raises(httpx.ReadTimeout):
        client.post(path, json=body, headers={"X-Microgate-Case": "bad"}, timeout=0.2)
    assert client.post(path, json=body).status_code == 200  # others are not held up


@APIS
def test_malformed_json_is_a_200_that_does_not_parse(
    client: httpx.Client, server: RunningServer, path: str, body: dict[str, Any]
) -> None:
    with_fault(server, {"kind": "malformed_json"})
    reply = post(client, path, body)
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        json.loads(reply.content)
    streamed = post(client, path, body, stream=True)
    datas = [line[6:] for line in streamed.text.splitlines() if line.startswith("data: ")]
    broken = []
    for data in datas:
        try:
            json.loads(data)
        except json.JSONDecodeError:
            broken.append(data)
    assert broken and broken != ["[DONE]"]


@APIS
def test_truncated_stream_stops_before_the_end(
    client: httpx.Client, server: RunningServer, path: str, body: dict[str, Any]
) -> None:
    with_fault(server, {"kind": "truncated_stream", "afterChunks": 2})
    received: list[str] = []
    with (
        pytest.raises(httpx.RemoteProtocolError),
        client.stream(
            "POST", path, json={**body, "stream": True}, headers={"X-Microgate-Case": "bad"}
        ) as reply,
    ):
        assert reply.status_code == 200
        received.extend(reply.iter_lines())
    text = "\n".join(received)
    assert "[DONE]" not in text and "message_stop" not in text
    assert text.count('"content"') >= 1 or "text_delta" in text
    with pytest.raises(httpx.RemoteProtocolError):  # without streaming: a short body
        post(client, path, body)


@APIS
def test_content_filter(
    client: httpx.Client, server: RunningServer, path: str, body: dict[str, Any]
) -> None:
    with_fault(server, {"kind": "content_filter"})
    reply = post(client, path, body).json()
    if path == OPENAI[0]:
        assert reply["choices"][0]["finish_reason"] == "content_filter"
        assert reply["choices"][0]["message"]["content"] == ""
    else:
        assert reply["stop_reason"] == "refusal" and reply["content"] == []
    streamed = post(client, path, body, stream=True).text
    assert ('"finish_reason":"content_filter"' in streamed) or (
        '"stop_reason":"refusal"' in streamed
    )


def _faults(scenario: str, count: int, **request: Any) -> list[str | None]:
    sim = Simulator(parse_scenario(scenario))
    kinds = []
    for n in range(count):
        chat = ChatRequest(
            api="openai",
            model=request.get("model", "m"),
            prompt=f"q{n}",
            texts=(f"q{n}",),
            case=request.get("case"),
        )
        kinds.append(getattr(sim.plan(chat).fault, "kind", None))
    return kinds


def test_every_nth_request() -> None:
    kinds = _faults("errors: [{kind: server_error, everyNth: 3}]", 9)
    assert kinds == [None, None, "server_error"] * 3


def test_rates_are_realised_and_stack_in_order() -> None:
    kinds = _faults(
        "errors: [{kind: rate_limit, rate: 0.2}, {kind: server_error, rate: 0.1}]", 3000
    )
    assert 0.17 < kinds.count("rate_limit") / 3000 < 0.23
    assert 0.08 < kinds.count("server_error") / 3000 < 0.12


def test_faults_can_be_limited_to_models() -> None:
    scenario = "errors: [{kind: server_error, rate: 1.0, models: [sim-gpt]}]"
    assert set(_faults(scenario, 5, model="sim-gpt")) == {"server_error"}
    assert set(_faults(scenario, 5, model="sim-claude")) == {None}


def test_a_fault_does_not_change_which_requests_hallucinate() -> None:
    base = (
        "facts: [{key: k, questionRegex: q, answer: right, wrong: [wrong]}]\n"
        "hallucination: {rate: 0.3}\n"
    )

    def hallucinated(scenario: str) -> list[bool]:
        sim = Simulator(parse_scenario(scenario))
        return [
            sim.plan(
                ChatRequest(api="openai", model="m", prompt="q", texts=("q",))
            ).resolution.hallucinated
            for _ in range(200)
        ]

    clean = hallucinated(base)
    faulty = hallucinated(base + "errors: [{kind: timeout, rate: 0.5, holdS: 0}]")
    assert clean == faulty and any(clean)
