"""The official openai and anthropic Python clients accept the server's replies."""

from __future__ import annotations

import anthropic
import openai
import pytest

from microgate.simulator import RunningServer, parse_scenario

QUESTION = [{"role": "user", "content": "What is the capital of France?"}]


@pytest.fixture
def oai(server: RunningServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server.url}/v1", api_key="test-key", max_retries=0)


@pytest.fixture
def claude(server: RunningServer) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=server.url, api_key="test-key", max_retries=0)


def test_openai_chat_completion(oai: openai.OpenAI, server: RunningServer) -> None:
    reply = oai.chat.completions.create(model="sim-gpt", messages=QUESTION)  # type: ignore[arg-type]
    assert reply.choices[0].message.content == "The capital of France is Paris."
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.prompt_tokens == 15
    assert reply.usage.completion_tokens == 8 and reply.model == "sim-gpt"
    entry = server.log()[-1]
    assert entry["body"]["messages"] == QUESTION
    assert entry["headers"]["authorization"] == "[redacted]"
    assert entry["costUsd"] == pytest.approx((15 * 1.0 + 8 * 2.0) / 1e6)


def test_openai_streaming_with_usage(oai: openai.OpenAI) -> None:
    stream = oai.chat.completions.create(
        model="sim-gpt",
        messages=QUESTION,
        stream=True,  # type: ignore[arg-type]
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "The capital of France is Paris."
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.total_tokens == 23
    assert all(c.usage is None for c in chunks[:-1])


def test_openai_streaming_without_usage_and_max_tokens(oai: openai.OpenAI) -> None:
    stream = oai.chat.completions.create(
        model="sim-gpt",
        messages=QUESTION,
        stream=True,
        max_tokens=3,  # type: ignore[arg-type]
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "The capital"
    assert chunks[-1].choices[0].finish_reason == "length"


def test_openai_lists_models(oai: openai.OpenAI) -> None:
    assert [m.id for m in oai.models.list()] == ["sim-gpt", "sim-claude"]


def test_openai_unknown_model_is_a_not_found_error(oai: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="does not exist"):
        oai.chat.completions.create(model="gpt-x", messages=QUESTION)  # type: ignore[arg-type]


def test_anthropic_message(claude: anthropic.Anthropic, server: RunningServer) -> None:
    reply = claude.messages.create(
        model="sim-claude",
        max_tokens=100,
        system="Be brief.",
        messages=QUESTION,  # type: ignore[arg-type]
    )
    assert reply.content[0].type == "text"
    assert reply.content[0].text == "The capital of France is Paris."
    assert reply.stop_reason == "end_turn"
    assert (reply.usage.input_tokens, reply.usage.output_tokens) == (7 + 15, 8)
    entry = server.log()[-1]
    assert entry["api"] == "anthropic" and entry["body"]["system"] == "Be brief."
    assert "test-key" not in str(entry)


def test_anthropic_streaming(claude: anthropic.Anthropic) -> None:
    with claude.messages.stream(model="sim-claude", max_tokens=100, messages=QUESTION) as stream:  # type: ignore[arg-type]
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "The capital of France is Paris."
    assert final.stop_reason == "end_turn" and final.usage.output_tokens == 8


def test_anthropic_raw_event_sequence(claude: anthropic.Anthropic) -> None:
    events = list(
        claude.messages.create(
            model="sim-claude",
            max_tokens=2,
            messages=QUESTION,
            stream=True,  # type: ignore[arg-type]
        )
    )
    kinds = [e.type for e in events]
    assert kinds[:2] == ["message_start", "content_block_start"]
    assert kinds[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert set(kinds[2:-3]) == {"content_block_delta"}
    delta = events[-2]
    assert delta.type == "message_delta" and delta.delta.stop_reason == "max_tokens"


def test_anthropic_count_tokens_and_models(claude: anthropic.Anthropic) -> None:
    counted = claude.messages.count_tokens(model="sim-claude", messages=QUESTION)  # type: ignore[arg-type]
    assert counted.input_tokens == 15
    assert [m.id for m in claude.models.list()] == ["sim-gpt", "sim-claude"]


def test_anthropic_requires_max_tokens_like_the_real_api(server: RunningServer) -> None:
    import httpx

    reply = httpx.post(
        f"{server.url}/v1/messages", json={"model": "sim-claude", "messages": QUESTION}
    )
    assert reply.status_code == 400
    assert reply.json()["error"]["type"] == "invalid_request_error"


def test_official_clients_see_injected_faults_as_their_errors(server: RunningServer) -> None:
    server.set_scenario(
        server.simulator.scenario.model_copy(
            update={"errors": parse_scenario("errors: [{kind: rate_limit, rate: 1.0}]").errors}
        )
    )
    oai = openai.OpenAI(base_url=f"{server.url}/v1", api_key="k", max_retries=0)
    with pytest.raises(openai.RateLimitError) as caught:
        oai.chat.completions.create(model="sim-gpt", messages=QUESTION)  # type: ignore[arg-type]
    assert caught.value.response.headers["retry-after"] == "1"
    claude = anthropic.Anthropic(base_url=server.url, api_key="k", max_retries=0)
    with pytest.raises(anthropic.RateLimitError):
        claude.messages.create(model="sim-claude", max_tokens=5, messages=QUESTION)  # type: ignore[arg-type]
