"""The one interface every model provider satisfies.

Anything that talks to a model (the gateway, the behavioural runner, the proxy, tests) holds
an :class:`LLMProvider`. Providers do not retry: retries, fallbacks and budgets belong to the
gateway, which sees the typed errors of :mod:`microgate.providers.errors`.

Example:
    >>> from microgate.providers.fake import FakeLLMProvider
    >>> provider: LLMProvider = FakeLLMProvider().reply("pong", when="ping")
    >>> provider.complete(ChatRequest.of("m", "ping")).text
    'pong'
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Protocol, runtime_checkable

from microgate.providers.types import ChatRequest, ChatResponse, StreamEvent

__all__ = ["ChatRequest", "ChatResponse", "LLMProvider", "StreamEvent"]


@runtime_checkable
class LLMProvider(Protocol):
    """Chat completion, sync and async, whole or streamed.

    ``stream``/``astream`` yield text deltas, then exactly one final event whose
    ``response`` holds the full answer with usage and finish reason. A stream that ends
    without its end marker raises :class:`~microgate.providers.errors.BadResponse` after the
    deltas it did receive: never a silent partial success.
    """

    name: str

    def complete(self, request: ChatRequest) -> ChatResponse: ...

    async def acomplete(self, request: ChatRequest) -> ChatResponse: ...

    def stream(self, request: ChatRequest) -> Iterator[StreamEvent]: ...

    def astream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]: ...

    def close(self) -> None: ...

    async def aclose(self) -> None: ...
