"""The Anthropic Messages API provider.

Posts to ``{base_url}/v1/messages`` with ``x-api-key`` and ``anthropic-version: 2023-06-01``;
system messages go to the top-level ``system`` field; streaming reads the SSE event stream
(``message_start`` ... ``message_stop``).

Example:
    >>> provider = AnthropicProvider("http://127.0.0.1:8000", "sk-ant-example")
    >>> provider.url
    'http://127.0.0.1:8000/v1/messages'
    >>> "sk-ant" in repr(provider)
    False
"""

from __future__ import annotations

from typing import Any

from microgate.providers import anthropic_wire
from microgate.providers.http_base import HTTPProvider, StreamState
from microgate.providers.types import ChatRequest, ChatResponse


class AnthropicProvider(HTTPProvider):
    """Messages API over HTTP. ``default_max_tokens`` fills the required ``max_tokens``
    when the request has none; ``version`` is the ``anthropic-version`` header."""

    name = "anthropic"
    path = "/v1/messages"

    def __init__(
        self,
        base_url: str = "https://api.anthropic.com",
        api_key: str = "",
        *,
        version: str = anthropic_wire.API_VERSION,
        default_max_tokens: int = anthropic_wire.DEFAULT_MAX_TOKENS,
        **options: Any,
    ) -> None:
        super().__init__(base_url, api_key, **options)
        self.version = version
        self.default_max_tokens = default_max_tokens

    def auth_headers(self, key: str) -> dict[str, str]:
        headers = {"anthropic-version": self.version}
        if key:
            headers["x-api-key"] = key
        return headers

    def body(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        return anthropic_wire.request_body(request, stream=stream,
                                           default_max_tokens=self.default_max_tokens)

    def parse(self, data: Any, request: ChatRequest, latency_ms: float) -> ChatResponse:
        return anthropic_wire.parse_response(self.name, data, request, latency_ms)

    def stream_state(self, request: ChatRequest) -> StreamState:
        return anthropic_wire.StreamState(self.name, request)
