"""The OpenAI-compatible and Anthropic providers over real HTTP on loopback: what they
send, what they read back (text, usage, finish reason), streaming, keep-alive, secrets."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from microgate.providers import (
    AnthropicProvider,
    ChatRequest,
    Message,
    OpenAICompatibleProvider,
    StreamEvent,
)

FAKE_KEY = "sk-" + "live" + "R4nd0mL00k1ng" * 3


def openai(url: str, **kw: Any) -> OpenAICompatibleProvider:
    return OpenAICompatibleProvider(url, FAKE_KEY, trust_env=False, **kw)


def anthropic(url: str, **kw: Any) -> AnthropicProvider:
    return AnthropicProvider(url, FAKE_KEY, trust_env=False, **kw)


REQUEST = ChatRequest(
    model="model-x",
    messages=[Message(role="system", content="Be brief."), Message(role="user", content="Hi?")],
    max_tokens=50,
    temperature=0.2,
    stop=("END",),
    metadata={"prompt_id": "greet"},
)


def test_openai_request_and_answer(canned_server: Any) -> None:
    canned_server.openai_reply("Hello there")
    with openai(canned_server.url + "/v1") as provider:
        response = provider.complete(REQUEST)

    sent = canned_server.received[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {FAKE_KEY}"
    assert sent.json() == {
        "model": "model-x",
        "messages": [{"role": "system", "content": "Be brief."},
                     {"role": "user", "content": "Hi?"}],
        "max_tokens": 50, "temperature": 0.2, "stop": ["END"],
    }
    assert (response.text, response.model, response.finish_reason) == ("Hello there", "gpt-test",
                                                                       "stop")
    assert (response.usage.input_tokens, response.usage.output_tokens) == (12, 5)
    assert response.usage.reported
    assert (response.id, response.provider) == ("chatcmpl-1", "openai")
    assert response.latency_ms > 0


def test_openai_base_url_without_version_gets_v1(canned_server: Any) -> None:
    canned_server.openai_reply()
    with openai(canned_server.url) as provider:
        provider.complete(REQUEST)
    assert canned_server.received[0].path == "/v1/chat/completions"


def test_openai_stream_asks_for_usage_and_reports_it(canned_server: Any) -> None:
    canned_server.openai_stream(["Hel", "lo", " there"])
    with openai(canned_server.url) as provider:
        events = list(provider.stream(REQUEST))

    body = canned_server.received[0].json()
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert canned_server.received[0].headers["accept"] == "text/event-stream"
    assert [e.delta for e in events[:-1]] == ["Hel", "lo", " there"]
    final = events[-1]
    assert final.done and final.delta == "" and not any(e.done for e in events[:-1])
    assert final.response is not None and final.response.text == "Hello there"
    assert final.usage is not None and (final.usage.input_tokens, final.usage.output_tokens) == (12, 3)
    assert final.finish_reason == "stop"


def test_openai_stream_without_usage_chunk_says_usage_was_not_reported(
    canned_server: Any,
) -> None:
    canned_server.openai_stream(["a"], usage=False)
    with openai(canned_server.url) as provider:
        final = list(provider.stream(REQUEST))[-1]
    assert final.usage is not None and not final.usage.reported


def test_anthropic_request_hoists_system_and_sends_version(canned_server: Any) -> None:
    canned_server.anthropic_reply("Hello there", stop="max_tokens")
    with anthropic(canned_server.url) as provider:
        response = provider.complete(REQUEST)

    sent = canned_server.received[0]
    assert sent.path == "/v1/messages"
    assert sent.headers["x-api-key"] == FAKE_KEY
    assert sent.headers["anthropic-version"] == "2023-06-01"
    assert "authorization" not in sent.headers
    assert sent.json() == {
        "model": "model-x", "max_tokens": 50, "system": "Be brief.",
        "messages": [{"role": "user", "content": "Hi?"}],
        "temperature": 0.2, "stop_sequences": ["END"],
    }
    assert (response.text, response.finish_reason, response.provider) == (
        "Hello there", "length", "anthropic")
    assert (response.usage.input_tokens, response.usage.output_tokens) == (12, 5)


def test_anthropic_fills_required_max_tokens(canned_server: Any) -> None:
    canned_server.anthropic_reply()
    with anthropic(canned_server.url, default_max_tokens=333) as provider:
        provider.complete(ChatRequest.of("m", "hi"))
    body = canned_server.received[0].json()
    assert body["max_tokens"] == 333 and "system" not in body


def test_anthropic_stream(canned_server: Any) -> None:
    canned_server.anthropic_stream(["Hel", "lo"])
    with anthropic(canned_server.url) as provider:
        events = list(provider.stream(REQUEST))
    assert canned_server.received[0].json()["stream"] is True
    assert [e.delta for e in events] == ["Hel", "lo", ""]
    final = events[-1].response
    assert final is not None
    assert (final.text, final.finish_reason, final.id, final.model) == (
        "Hello", "stop", "msg_2", "claude-test")
    assert (final.usage.input_tokens, final.usage.output_tokens) == (12, 2)


@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_async_paths_match_sync(canned_server: Any, dialect: str) -> None:
    make = openai if dialect == "openai" else anthropic
    reply = canned_server.openai_reply if dialect == "openai" else canned_server.anthropic_reply
    stream = canned_server.openai_stream if dialect == "openai" else canned_server.anthropic_stream
    reply("whole")
    stream(["str", "eamed"])

    async def go() -> tuple[str, list[StreamEvent]]:
        provider = make(canned_server.url)
        try:
            whole = await provider.acomplete(REQUEST)
            events = [e async for e in provider.astream(REQUEST)]
            return whole.text, events
        finally:
            await provider.aclose()

    text, events = asyncio.run(go())
    assert text == "whole"
    assert "".join(e.delta for e in events) == "streamed"
    assert events[-1].response is not None and events[-1].response.text == "streamed"


@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_one_pooled_connection_is_kept_alive(canned_server: Any, dialect: str) -> None:
    (canned_server.openai_reply if dialect == "openai" else canned_server.anthropic_reply)()
    make = openai if dialect == "openai" else anthropic
    with make(canned_server.url) as provider:
        for _ in range(3):
            provider.complete(REQUEST)
    ports = {r.client for r in canned_server.received}
    assert len(canned_server.received) == 3 and len(ports) == 1


@pytest.mark.parametrize("cls", [OpenAICompatibleProvider, AnthropicProvider])
def test_repr_and_logs_hide_the_key(
    canned_server: Any, cls: type, caplog: pytest.LogCaptureFixture
) -> None:
    if cls is OpenAICompatibleProvider:
        canned_server.openai_reply()
    else:
        canned_server.anthropic_reply()
    provider = cls(canned_server.url, FAKE_KEY, trust_env=False)
    assert FAKE_KEY not in repr(provider) and "***" in repr(provider)
    assert FAKE_KEY not in str(vars(provider))
    with caplog.at_level(logging.DEBUG):
        provider.complete(REQUEST)
    provider.close()
    assert FAKE_KEY not in caplog.text


def test_without_a_key_no_auth_header_is_sent(canned_server: Any) -> None:
    canned_server.openai_reply()
    with OpenAICompatibleProvider(canned_server.url, trust_env=False) as provider:
        provider.complete(REQUEST)
    assert "authorization" not in canned_server.received[0].headers
    assert "api_key=<none>" in repr(provider)


def test_extra_headers_and_max_completion_tokens(canned_server: Any) -> None:
    canned_server.openai_reply()
    with openai(canned_server.url, headers={"x-tenant": "t1"},
                max_tokens_field="max_completion_tokens") as provider:
        provider.complete(REQUEST)
    sent = canned_server.received[0]
    assert sent.headers["x-tenant"] == "t1"
    assert sent.json()["max_completion_tokens"] == 50 and "max_tokens" not in sent.json()


def test_response_format_is_passed_to_openai_only(canned_server: Any) -> None:
    canned_server.openai_reply()
    canned_server.anthropic_reply()
    request = ChatRequest.of("m", "json please", response_format={"type": "json_object"})
    with openai(canned_server.url) as first, anthropic(canned_server.url) as second:
        first.complete(request)
        second.complete(request)
    assert canned_server.received[0].json()["response_format"] == {"type": "json_object"}
    assert "response_format" not in canned_server.received[1].json()
