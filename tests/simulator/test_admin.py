"""Admin endpoints: the request log, stats, reset, scenario swap; credentials never logged."""

from __future__ import annotations

import json

import httpx
import pytest

from microgate.simulator import RunningServer, parse_scenario


def chat(client: httpx.Client, content: str = "ping", **headers: str) -> httpx.Response:
    return client.post(
        "/v1/chat/completions",
        headers=headers,
        json={"model": "sim-gpt", "messages": [{"role": "user", "content": content}]},
    )


def test_log_pages_with_since_and_limit(client: httpx.Client) -> None:
    for n in range(5):
        chat(client, f"message {n}")
    page = client.get("/_admin/log", params={"since": 2, "limit": 2}).json()
    assert [e["seq"] for e in page["entries"]] == [3, 4] and page["next"] == 4
    rest = client.get("/_admin/log", params={"since": page["next"]}).json()
    assert [e["prompt"] for e in rest["entries"]] == ["message 4"]
    assert client.get("/_admin/log", params={"since": 9}).json()["entries"] == []
    assert client.get("/_admin/log", params={"since": "x"}).status_code == 400


def test_log_entry_records_what_was_received_and_answered(
    client: httpx.Client, server: RunningServer
) -> None:
    reply = chat(client, "ping", **{"X-Trace": "t1"})
    entry = client.get("/_admin/log").json()["entries"][-1]
    assert entry["body"]["messages"] == [{"role": "user", "content": "ping"}]
    assert entry["headers"]["x-trace"] == "t1"
    assert entry["answer"]["text"] == "pong" and entry["status"] == 200
    assert entry["usage"] == {"promptTokens": 8, "completionTokens": 1, "totalTokens": 9}
    assert entry["costUsd"] == pytest.approx((8 * 1.0 + 1 * 2.0) / 1e6)
    assert entry["requestId"] == reply.headers["x-request-id"]
    assert str(entry["seq"]) == reply.headers["x-microgate-seq"]
    assert entry["time"].endswith("Z")


@pytest.mark.parametrize(
    "header", ["Authorization", "x-api-key", "api-key", "Cookie", "Proxy-Authorization"]
)
def test_credential_headers_are_redacted(client: httpx.Client, header: str) -> None:
    secret = "sk-live-0123456789abcdef"
    chat(client, **{header: secret})
    client.get("/v1/models", headers={header: secret})
    text = client.get("/_admin/log").text
    assert secret not in text
    assert json.loads(text)["entries"][-1]["headers"][header.lower()] == "[redacted]"


def test_stats(client: httpx.Client, server: RunningServer) -> None:
    server.set_scenario(
        parse_scenario(
            "models: [{name: sim-gpt, outputUsdPerMillion: 1}]\n"
            "facts: [{key: k, questionRegex: capital, answer: Paris, wrong: [Lyon]}]\n"
            "hallucination: {propensity: {bad: 1.0}}\n"
            "latency: {p50Ms: 1}\n"
            "errors: [{kind: server_error, cases: [down]}]\n"
        )
    )
    chat(client, "capital?")
    chat(client, "capital?", **{"X-Microgate-Case": "bad"})
    chat(client, "capital?", **{"X-Microgate-Case": "down"})
    client.get("/nowhere")
    stats = client.get("/_admin/stats").json()
    assert stats["requests"] == 4 and stats["chatRequests"] == 3
    assert stats["byStatus"] == {"200": 2, "500": 1, "404": 1}
    assert stats["faults"] == {"server_error": 1}
    assert (stats["factAnswers"], stats["hallucinated"], stats["hallucinationRate"]) == (2, 1, 0.5)
    assert stats["latencyMs"]["p50"] == 1.0
    assert stats["costUsd"] > 0 and stats["completionTokens"] > 0


def test_reset_clears_the_log_and_counters(client: httpx.Client) -> None:
    first = chat(client).headers["x-request-id"]
    assert chat(client).headers["x-request-id"] != first
    assert client.post("/_admin/reset").json() == {"ok": True}
    assert client.get("/_admin/log").json()["entries"] == []
    assert chat(client).headers["x-request-id"] == first


def test_put_scenario_swaps_behaviour(client: httpx.Client) -> None:
    reply = client.put(
        "/_admin/scenario", content="seed: 9\nanswers: [{exact: ping, answer: PONG}]\n"
    )
    assert reply.json() == {"ok": True, "seed": 9}
    assert chat(client).json()["choices"][0]["message"]["content"] == "PONG"
    assert client.get("/_admin/scenario").json()["seed"] == 9
    as_json = client.put("/_admin/scenario", json={"answers": [{"exact": "ping", "answer": "p"}]})
    assert as_json.status_code == 200


def test_get_scenario_round_trips(client: httpx.Client, server: RunningServer) -> None:
    dumped = client.get("/_admin/scenario").json()
    assert parse_scenario(json.dumps(dumped)) == server.simulator.scenario


def test_put_bad_scenario_is_400_with_located_problems(client: httpx.Client) -> None:
    reply = client.put("/_admin/scenario", content="seed: 1\nlatency:\n  p50: 3\n")
    assert reply.status_code == 400
    problem = reply.json()["problems"][0]
    assert (problem["line"], problem["key"]) == (3, "latency.p50")
    assert "did you mean 'p50Ms'" in problem["hint"]
    assert "PUT /_admin/scenario:3:" in reply.json()["error"]["message"]
    assert chat(client).json()["choices"][0]["message"]["content"] == "pong"  # unchanged


def test_admin_requests_are_not_logged_but_other_paths_are(client: httpx.Client) -> None:
    client.get("/_admin/stats")
    client.get("/_admin/health")
    client.get("/v1/models")
    client.get("/elsewhere")
    entries = client.get("/_admin/log").json()["entries"]
    assert [(e["path"], e["status"]) for e in entries] == [("/v1/models", 200), ("/elsewhere", 404)]


def test_in_process_helpers(server: RunningServer, client: httpx.Client) -> None:
    chat(client)
    assert server.log()[0]["answer"]["text"] == "pong"
    assert server.log(since=1) == []
    assert server.stats()["chatRequests"] == 1
    server.reset()
    assert server.log() == []
