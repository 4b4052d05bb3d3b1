"""Answer selection: rules in order (exact, substring, regex, case), then facts, then default."""

from __future__ import annotations

import httpx
import pytest

from microgate.simulator import RunningServer, parse_scenario

SCENARIO = """
defaultAnswer: I do not know.
answers:
  - {case: vip, answer: case answer}
  - {exact: ping, answer: pong}
  - {contains: refund, answer: Refunds take 5 days.}
  - {regex: "(?i)^translate:", answer: Bonjour.}
facts:
  - {key: fr, questionRegex: "(?i)capital of france", answer: Paris, wrong: [Lyon]}
"""


@pytest.mark.parametrize(
    ("content", "headers", "answer"),
    [
        ("ping", {}, "pong"),
        ("  ping  ", {}, "pong"),
        ("ping please", {}, "I do not know."),
        ("Where is my refund?", {}, "Refunds take 5 days."),
        ("TRANSLATE: hello", {}, "Bonjour."),
        ("What is the capital of France?", {}, "Paris"),
        ("ping", {"X-Microgate-Case": "vip"}, "case answer"),
        ("[case:vip] anything", {}, "case answer"),
        ("[case:other] ping", {}, "pong"),  # markers are removed before matching
        ("something else", {}, "I do not know."),
    ],
)
def test_answer_selection(
    client: httpx.Client, server: RunningServer, content: str, headers: dict[str, str], answer: str
) -> None:
    server.set_scenario(parse_scenario(SCENARIO))
    reply = client.post(
        "/v1/chat/completions",
        headers=headers,
        json={"model": "sim-gpt", "messages": [{"role": "user", "content": content}]},
    )
    assert reply.json()["choices"][0]["message"]["content"] == answer


def test_last_user_message_is_matched_and_parts_are_read(
    client: httpx.Client, server: RunningServer
) -> None:
    server.set_scenario(parse_scenario(SCENARIO))
    messages = [
        {"role": "system", "content": "ping"},
        {"role": "user", "content": "ping"},
        {"role": "assistant", "content": "pong"},
        {"role": "user", "content": [{"type": "text", "text": "a refund"}, {"type": "image_url"}]},
    ]
    reply = client.post("/v1/chat/completions", json={"model": "sim-gpt", "messages": messages})
    assert reply.json()["choices"][0]["message"]["content"] == "Refunds take 5 days."
    assert server.log()[-1]["prompt"] == "a refund"


def test_case_id_from_the_system_prompt_on_anthropic(
    client: httpx.Client, server: RunningServer
) -> None:
    server.set_scenario(parse_scenario(SCENARIO))
    reply = client.post(
        "/v1/messages",
        json={
            "model": "sim-claude",
            "max_tokens": 50,
            "system": [{"type": "text", "text": "[case:vip]"}],
            "messages": [{"role": "user", "content": "hello"}],
        },
    )
    assert reply.json()["content"] == [{"type": "text", "text": "case answer"}]
    assert server.log()[-1]["case"] == "vip"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"messages": [{"role": "user", "content": "x"}]}, "'model' is required"),
        ({"model": "sim-gpt"}, "'messages' must be a non-empty list"),
        ({"model": "sim-gpt", "messages": []}, "'messages' must be a non-empty list"),
        ({"model": "sim-gpt", "messages": ["x"]}, "messages[0] must be an object"),
        ({"model": "sim-gpt", "messages": [{"role": "user", "content": 3}]}, "content must be"),
        ({"model": "sim-gpt", "messages": [{"role": "user"}], "max_tokens": 0}, "positive integer"),
    ],
)
def test_bad_requests_are_400_and_logged(
    client: httpx.Client,
    server: RunningServer,
    body: dict,
    message: str,  # type: ignore[type-arg]
) -> None:
    reply = client.post("/v1/chat/completions", json=body)
    assert reply.status_code == 400
    assert message in reply.json()["error"]["message"]
    assert server.log()[-1]["status"] == 400 and message in server.log()[-1]["error"]


def test_a_body_that_is_not_json_is_logged_raw(client: httpx.Client, server: RunningServer) -> None:
    reply = client.post("/v1/chat/completions", content=b"{not json")
    assert reply.status_code == 400
    assert server.log()[-1]["rawBody"] == "{not json"
