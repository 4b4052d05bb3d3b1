"""Wire formats through httpx.MockTransport: streams split at every byte, in-stream errors,
odd but valid answers. No sockets."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from microgate.providers import (
    AnthropicProvider,
    BadResponse,
    ChatRequest,
    ContentFiltered,
    OpenAICompatibleProvider,
    RateLimited,
    ServerError,
)
from microgate.providers.http_base import HTTPProvider, endpoint

REQUEST = ChatRequest.of("m", "hi")


def sse(*events: tuple[str | None, Any]) -> bytes:
    out = ""
    for name, data in events:
        text = data if isinstance(data, str) else json.dumps(data)
        out += (f"event: {name}\n" if name else "") + f"data: {text}\n\n"
    return out.encode()


def chunk(text: str | None = None, finish: str | None = None, **extra: Any) -> dict[str, Any]:
    delta = {} if text is None else {"content": text}
    return {"id": "c1", "model": "m1", "choices": [{"index": 0, "delta": delta,
                                                     "finish_reason": finish}], **extra}


OPENAI_STREAM = sse(
    (None, chunk("Hé")), (None, chunk("llo")), (None, chunk(finish="stop")),
    (None, {"id": "c1", "choices": [], "usage": {"prompt_tokens": 4, "completion_tokens": 2}}),
    (None, "[DONE]"),
)
ANTHROPIC_STREAM = sse(
    ("message_start", {"type": "message_start", "message": {
        "id": "msg", "model": "claude", "usage": {"input_tokens": 4, "output_tokens": 1,
                                                  "cache_read_input_tokens": 3}}}),
    ("content_block_delta", {"type": "content_block_delta", "delta": {"type": "text_delta",
                                                                      "text": "Hé"}}),
    ("content_block_delta", {"type": "content_block_delta", "delta": {"type": "text_delta",
                                                                      "text": "llo"}}),
    ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                       "usage": {"output_tokens": 2}}),
    ("message_stop", {"type": "message_stop"}),
)


def providers(
    body: bytes | Callable[[], Iterator[bytes]], status: int = 200,
    headers: dict[str, str] | None = None,
) -> tuple[Callable[[str], HTTPProvider], list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        content = body() if callable(body) else body
        return httpx.Response(status, headers=headers, content=content)

    async def arespond(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        content = body() if callable(body) else body
        if isinstance(content, bytes):
            return httpx.Response(status, headers=headers, content=content)
        parts = list(content)

        async def agen() -> AsyncIterator[bytes]:
            for part in parts:
                yield part

        return httpx.Response(status, headers=headers, content=agen())

    def make(dialect: str) -> HTTPProvider:
        cls = OpenAICompatibleProvider if dialect == "openai" else AnthropicProvider
        return cls("http://model.test", "k", transport=httpx.MockTransport(respond),
                   async_transport=httpx.MockTransport(arespond))

    return make, seen


def split(data: bytes, cut: int) -> Callable[[], Iterator[bytes]]:
    return lambda: iter([data[:cut], data[cut:]])


@pytest.mark.parametrize(("dialect", "data"), [("openai", OPENAI_STREAM),
                                                ("anthropic", ANTHROPIC_STREAM)])
def test_stream_split_at_every_byte_gives_the_same_answer(dialect: str, data: bytes) -> None:
    for cut in range(1, len(data)):
        make, _ = providers(split(data, cut))
        events = list(make(dialect).stream(REQUEST))
        final = events[-1].response
        assert final is not None, cut
        assert final.text == "Héllo" and "".join(e.delta for e in events) == "Héllo", cut
        assert final.usage.output_tokens == 2 and final.finish_reason == "stop", cut


def test_anthropic_cache_tokens_count_as_input() -> None:
    make, _ = providers(ANTHROPIC_STREAM)
    final = list(make("anthropic").stream(REQUEST))[-1].response
    assert final is not None and final.usage.input_tokens == 7


@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_async_stream_over_mock_transport(dialect: str) -> None:
    data = OPENAI_STREAM if dialect == "openai" else ANTHROPIC_STREAM
    make, _ = providers(lambda: iter([data[:7], data[7:50], data[50:]]))

    async def go() -> list[str]:
        provider = make(dialect)
        return [e.delta async for e in provider.astream(REQUEST)]

    assert "".join(asyncio.run(go())) == "Héllo"


@pytest.mark.parametrize(("dialect", "data", "error"), [
    ("openai", sse((None, chunk("a")), (None, {"error": {"type": "rate_limit_exceeded",
                                                         "message": "slow"}})), RateLimited),
    ("openai", sse((None, chunk("a")), (None, {"error": "plain text error"})), ServerError),
    ("openai", sse((None, chunk("a", finish="content_filter")), (None, "[DONE]")),
     ContentFiltered),
    ("openai", sse((None, {"choices": [{"index": 0, "delta": {"refusal": "no"}}]}),
                   (None, chunk(finish="stop")), (None, "[DONE]")), ContentFiltered),
    ("openai", sse((None, {"choices": "nope"})), BadResponse),
    ("openai", sse((None, "null")), BadResponse),
    ("anthropic", sse(("error", {"type": "error", "error": {"type": "rate_limit_error",
                                                            "message": "slow"}})), RateLimited),
    ("anthropic", sse(("error", {"type": "error", "error": {"type": "api_error"}})),
     ServerError),
    ("anthropic", sse(("message_start", {"type": "message_start", "message": "x"})),
     BadResponse),
    ("anthropic", sse(("message_delta", {"type": "message_delta",
                                         "delta": {"stop_reason": "refusal"}}),
                      ("message_stop", {"type": "message_stop"})), ContentFiltered),
])
def test_in_stream_faults(dialect: str, data: bytes, error: type[Exception]) -> None:
    make, _ = providers(data)
    with pytest.raises(error):
        list(make(dialect).stream(REQUEST))


def test_openai_ignores_other_choices_and_tolerates_trailing_events() -> None:
    data = sse((None, chunk("a")),
               (None, {"choices": [{"index": 1, "delta": {"content": "other"}}]}),
               (None, chunk(finish="length")), (None, "[DONE]"), (None, chunk("late")))
    make, _ = providers(data)
    final = list(make("openai").stream(REQUEST))[-1].response
    assert final is not None and (final.text, final.finish_reason) == ("a", "length")


@pytest.mark.parametrize(("dialect", "data", "text", "finish"), [
    ("openai", {"choices": [{"message": {"content": None}, "finish_reason": "tool_calls"}]},
     "", "tool_calls"),
    ("openai", {"choices": [{"message": {"content": "x"}}]}, "x", "unknown"),
    ("anthropic", {"content": [{"type": "text", "text": "a"}, {"type": "tool_use"},
                               {"type": "text", "text": "b"}], "stop_reason": "stop_sequence"},
     "ab", "stop"),
    ("anthropic", {"content": [], "stop_reason": "tool_use"}, "", "tool_calls"),
    ("anthropic", {"content": [], "stop_reason": "pause_turn"}, "", "pause_turn"),
])
def test_odd_but_valid_answers(dialect: str, data: dict[str, Any], text: str, finish: str) -> None:
    make, _ = providers(json.dumps(data).encode())
    response = make(dialect).complete(REQUEST)
    assert (response.text, response.finish_reason) == (text, finish)
    assert not response.usage.reported and response.model == "m"


@pytest.mark.parametrize(("dialect", "data"), [
    ("openai", {"choices": [{"message": {"content": 3}}]}),
    ("openai", {"choices": [{"message": "x"}]}),
    ("openai", {"choices": [{"message": {"content": "x"}}], "usage": {"prompt_tokens": "1"}}),
    ("openai", {"choices": [{"message": {"content": "x"}}], "usage": []}),
    ("anthropic", {"content": [{"type": "text", "text": 1}]}),
    ("anthropic", {"content": [], "usage": {"output_tokens": 1}}),
])
def test_malformed_answers_are_bad_responses(dialect: str, data: dict[str, Any]) -> None:
    make, _ = providers(json.dumps(data).encode())
    with pytest.raises(BadResponse):
        make(dialect).complete(REQUEST)


def test_per_request_timeout_is_applied() -> None:
    make, seen = providers(json.dumps({"choices": [{"message": {"content": "x"}}]}).encode())
    make("openai").complete(ChatRequest.of("m", "hi", timeout=2.5))
    assert seen[0].extensions["timeout"]["read"] == 2.5


@pytest.mark.parametrize(("base", "path", "url"), [
    ("http://h/v1", "/v1/chat/completions", "http://h/v1/chat/completions"),
    ("http://h/v1/", "/v1/chat/completions", "http://h/v1/chat/completions"),
    ("http://h", "/v1/chat/completions", "http://h/v1/chat/completions"),
    ("http://h/openai/v2", "/v1/chat/completions", "http://h/openai/v2/chat/completions"),
    ("http://h/api", "/v1/messages", "http://h/api/v1/messages"),
])
def test_endpoint(base: str, path: str, url: str) -> None:
    assert endpoint(base, path) == url


def test_client_is_shared_and_recreated_after_close() -> None:
    make, _ = providers(b"{}")
    provider = make("openai")
    first = provider.sync_client()
    assert provider.sync_client() is first
    provider.close()
    assert provider.sync_client() is not first
