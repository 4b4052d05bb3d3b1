"""The ``mock_llm`` fixture's object: a :class:`FakeLLMProvider` with test conveniences.

Besides the fake's fluent configuration (``reply``, ``reply_sequence``, ``fail``,
``latency``) and records (``calls``, ``assert_called_with_prompt``), it hands out clients
wired to itself: the official ``openai``/``anthropic`` SDK clients, raw httpx clients, or our
own HTTP providers, all in-process through :func:`provider_transport`.

Example:
    >>> mock = MockLLM().reply("Decisions:\\n- ship it", when="notes")
    >>> client = mock.provider("openai")
    >>> from microgate.providers.types import ChatRequest
    >>> client.complete(ChatRequest.of("m", "notes")).text
    'Decisions:\\n- ship it'
    >>> mock.assert_called(times=1)
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import httpx

from microgate.evals.sdk_http import http_lib_for
from microgate.evals.transport import provider_transport, provider_transport_for
from microgate.providers.anthropic import AnthropicProvider
from microgate.providers.fake import Call, FakeLLMProvider
from microgate.providers.fake_rules import NoCannedReply
from microgate.providers.http_base import HTTPProvider
from microgate.providers.openai_compat import OpenAICompatibleProvider

BASE_URL = "http://mock-llm.invalid"
MOCK_KEY = "mock-key"


class MockLLM(FakeLLMProvider):
    """A fake provider for tests. ``strict`` makes the fixture fail a test in which a request
    got no canned reply (even if the code under test swallowed the error)."""

    strict = True

    @property
    def unanswered(self) -> list[Call]:
        return [call for call in self.calls if isinstance(call.error, NoCannedReply)]

    def assert_called(self, times: int | None = None) -> None:
        count = len(self.calls)
        if times is None and count == 0:
            raise AssertionError("the mock LLM was never called")
        if times is not None and count != times:
            raise AssertionError(f"the mock LLM was called {count} time(s), expected {times}")

    def assert_not_called(self) -> None:
        self.assert_called(times=0)

    # -- clients wired to this mock --------------------------------------------------------
    def transport(self) -> httpx.MockTransport:
        return provider_transport(self)

    def http_client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(transport=self.transport(), **kwargs)

    def async_http_client(self, **kwargs: Any) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self.transport(), **kwargs)

    def provider(self, dialect: str = "openai", **kwargs: Any) -> HTTPProvider:
        """Our HTTP provider of ``dialect`` (``openai`` or ``anthropic``) talking to the mock."""
        cls = AnthropicProvider if dialect == "anthropic" else OpenAICompatibleProvider
        transport = self.transport()
        return cls(BASE_URL, MOCK_KEY, transport=transport, async_transport=transport, **kwargs)

    def sdk_http_client(self, sdk: ModuleType, *, asynchronous: bool = False) -> Any:
        """An HTTP client of the library ``sdk`` is built on (httpx or httpx2), wired here."""
        lib = http_lib_for(sdk)
        transport = provider_transport_for(self, lib)
        cls = lib.AsyncClient if asynchronous else lib.Client
        return cls(transport=transport)

    def openai_client(self, **kwargs: Any) -> Any:
        """An ``openai.OpenAI`` client answered by this mock (needs the ``openai`` package)."""
        import openai

        kwargs.setdefault("max_retries", 0)
        return openai.OpenAI(base_url=BASE_URL + "/v1", api_key=MOCK_KEY,
                             http_client=self.sdk_http_client(openai), **kwargs)

    def async_openai_client(self, **kwargs: Any) -> Any:
        import openai

        kwargs.setdefault("max_retries", 0)
        return openai.AsyncOpenAI(base_url=BASE_URL + "/v1", api_key=MOCK_KEY,
                                  http_client=self.sdk_http_client(openai, asynchronous=True),
                                  **kwargs)

    def anthropic_client(self, **kwargs: Any) -> Any:
        """An ``anthropic.Anthropic`` client answered by this mock (needs ``anthropic``)."""
        import anthropic

        kwargs.setdefault("max_retries", 0)
        return anthropic.Anthropic(base_url=BASE_URL, api_key=MOCK_KEY,
                                   http_client=self.sdk_http_client(anthropic), **kwargs)

    def async_anthropic_client(self, **kwargs: Any) -> Any:
        import anthropic

        kwargs.setdefault("max_retries", 0)
        return anthropic.AsyncAnthropic(
            base_url=BASE_URL, api_key=MOCK_KEY,
            http_client=self.sdk_http_client(anthropic, asynchronous=True), **kwargs)
