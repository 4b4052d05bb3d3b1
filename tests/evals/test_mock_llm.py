"""The mock_llm fixture: fluent configuration, records, and the clients wired to it —
our providers and the official SDKs see realistic answers and faults."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from microgate.evals.mock_llm import MockLLM
from microgate.providers import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    ChatRequest,
    ConnectionFailed,
    ContentFiltered,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
)


def test_fixture_is_fluent_and_records(mock_llm: MockLLM) -> None:
    (mock_llm.reply("Paris", when=re.compile("capital of France"))
     .reply("4", when="2+2?")
     .latency(250))
    assert mock_llm.complete(ChatRequest.of("m", "What is the capital of France?")).text == "Paris"
    response = mock_llm.complete(ChatRequest.of("m", "2+2?", system="Be exact."))
    assert (response.text, response.latency_ms) == ("4", 250)
    mock_llm.assert_called(times=2)
    mock_llm.assert_called_with_prompt("system: Be exact.")
    assert mock_llm.prompts == ["What is the capital of France?", "2+2?"]


def test_assert_called_fails_when_it_should(mock_llm: MockLLM) -> None:
    mock_llm.assert_not_called()
    with pytest.raises(AssertionError, match="never called"):
        mock_llm.assert_called()
    mock_llm.reply("x")
    mock_llm.complete(ChatRequest.of("m", "q"))
    with pytest.raises(AssertionError, match="called 1 time"):
        mock_llm.assert_called(times=2)


def test_unanswered_requests_are_listed(mock_llm: MockLLM) -> None:
    mock_llm.strict = False  # this test provokes one on purpose
    with pytest.raises(LookupError):
        mock_llm.complete(ChatRequest.of("m", "nobody answers this"))
    assert [c.prompt for c in mock_llm.unanswered] == ["nobody answers this"]


ERRORS: list[tuple[ProviderError, type[ProviderError]]] = [
    (RateLimited(3.0), RateLimited),
    (ServerError(status=503), ServerError),
    (AuthenticationError(), AuthenticationError),
    (BadRequest(status=422), BadRequest),
    (ProviderTimeout(), ProviderTimeout),
    (ConnectionFailed(), ConnectionFailed),
    (BadResponse("truncated"), BadResponse),
    (ContentFiltered(), ContentFiltered),
]


@pytest.mark.parametrize("streaming", [False, True])
@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
@pytest.mark.parametrize(("error", "expected"), ERRORS, ids=[e.__name__ for _, e in ERRORS])
def test_a_fake_fault_reaches_our_http_provider_as_the_same_type(
    mock_llm: MockLLM, dialect: str, streaming: bool, error: ProviderError,
    expected: type[ProviderError],
) -> None:
    mock_llm.fail(error).reply("fine")
    provider = mock_llm.provider(dialect)
    request = ChatRequest.of("m", "q")
    with pytest.raises(ProviderError) as caught:
        if streaming:
            list(provider.stream(request))
        else:
            provider.complete(request)
    assert type(caught.value) is expected
    if isinstance(error, RateLimited):
        assert isinstance(caught.value, RateLimited) and caught.value.retry_after == 3.0
    assert provider.complete(request).text == "fine"  # the fault was used up


@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_a_fault_mid_stream_arrives_after_the_partial_text(
    mock_llm: MockLLM, dialect: str
) -> None:
    mock_llm.fail(ServerError("overloaded"), partial="Hello wor")
    seen: list[str] = []
    with pytest.raises(ServerError):
        for event in mock_llm.provider(dialect).stream(ChatRequest.of("m", "q")):
            seen.append(event.delta)
    assert "".join(seen) == "Hello wor"


def test_async_provider_through_the_mock(mock_llm: MockLLM) -> None:
    mock_llm.reply("async answer")
    provider = mock_llm.provider("anthropic")

    async def go() -> tuple[str, str]:
        whole = await provider.acomplete(ChatRequest.of("m", "q"))
        streamed = "".join([e.delta async for e in provider.astream(ChatRequest.of("m", "q"))])
        await provider.aclose()
        return whole.text, streamed

    assert asyncio.run(go()) == ("async answer", "async answer")


def test_official_openai_client(mock_llm: MockLLM) -> None:
    openai = pytest.importorskip("openai")
    mock_llm.reply("Decisions:\n- ship it", prompt_id=None, when=re.compile("notes"))
    mock_llm.fail(RateLimited(0.0), times=1, when="limit me")
    client = mock_llm.openai_client()
    messages: Any = [{"role": "system", "content": "Summarise."},
                     {"role": "user", "content": "<notes>we ship</notes>"}]

    whole = client.chat.completions.create(model="llama", messages=messages, max_tokens=50)
    streamed = "".join(
        chunk.choices[0].delta.content or ""
        for chunk in client.chat.completions.create(model="llama", messages=messages,
                                                    stream=True)
        if chunk.choices
    )
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model="llama",
                                       messages=[{"role": "user", "content": "limit me"}])

    assert whole.choices[0].message.content == streamed == "Decisions:\n- ship it"
    assert whole.usage is not None and whole.usage.completion_tokens > 0
    call = mock_llm.assert_called_with_prompt("<notes>we ship</notes>")
    assert call.request.max_tokens == 50 and call.request.messages[0].role == "system"


def test_official_async_openai_client(mock_llm: MockLLM) -> None:
    pytest.importorskip("openai")
    mock_llm.reply("hi")

    async def go() -> str:
        client = mock_llm.async_openai_client()
        answer = await client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "x"}])
        await client.close()
        return str(answer.choices[0].message.content)

    assert asyncio.run(go()) == "hi"


def test_official_anthropic_client(mock_llm: MockLLM) -> None:
    anthropic = pytest.importorskip("anthropic")
    mock_llm.reply("Bonjour", model="claude-x")
    mock_llm.fail(ServerError(status=529), when="busy")
    client = mock_llm.anthropic_client()

    message = client.messages.create(model="claude-x", max_tokens=20, system="French only.",
                                     messages=[{"role": "user", "content": "Hello"}])
    with pytest.raises(anthropic.APIStatusError) as caught:
        client.messages.create(model="claude-x", max_tokens=20,
                               messages=[{"role": "user", "content": "busy"}])

    assert [b.text for b in message.content if b.type == "text"] == ["Bonjour"]
    assert caught.value.status_code == 529
    assert mock_llm.calls[0].request.messages[0].content == "French only."


def test_bad_wire_requests_are_400s(mock_llm: MockLLM) -> None:
    client = mock_llm.http_client()
    base = "http://mock-llm.invalid/v1"
    assert client.post(f"{base}/chat/completions", content=b"{nope").status_code == 400
    assert client.post(f"{base}/chat/completions", json={"model": "m"}).status_code == 400
    assert client.post(f"{base}/chat/completions", json={
        "model": "m", "messages": [{"role": "tool", "content": "x"}]}).status_code == 400
    assert client.post(f"{base}/embeddings", json={}).status_code == 404
    assert client.get(f"{base}/chat/completions").status_code == 404
    mock_llm.assert_not_called()
