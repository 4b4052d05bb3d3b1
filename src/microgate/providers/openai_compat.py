"""The OpenAI-compatible provider: OpenAI, vLLM, Ollama, LM Studio, the simulated server.

Posts to ``{base_url}/v1/chat/completions`` (a base URL that already ends in ``/v1`` is not
doubled), with ``Authorization: Bearer <key>`` when a key is given; streams over SSE with
``stream_options.include_usage`` so the final event carries token usage.

Example:
    >>> provider = OpenAICompatibleProvider("http://127.0.0.1:8000/v1", "sk-example-key")
    >>> provider.url
    'http://127.0.0.1:8000/v1/chat/completions'
    >>> provider
    OpenAICompatibleProvider(name='openai', base_url='http://127.0.0.1:8000/v1', api_key=***)
"""

from __future__ import annotations

from typing import Any

from microgate.providers import openai_wire
from microgate.providers.http_base import HTTPProvider, StreamState
from microgate.providers.types import ChatRequest, ChatResponse


class OpenAICompatibleProvider(HTTPProvider):
    """Chat completions over HTTP. ``max_tokens_field`` may be ``max_completion_tokens``
    for OpenAI models that reject ``max_tokens``; other keyword arguments are those of
    :class:`~microgate.providers.http_base.HTTPProvider` (timeouts, transports, headers)."""

    name = "openai"
    path = "/v1/chat/completions"

    def __init__(
        self,
        base_url: str = "https://api.openai.com/v1",
        api_key: str = "",
        *,
        max_tokens_field: str = "max_tokens",
        **options: Any,
    ) -> None:
        super().__init__(base_url, api_key, **options)
        self.max_tokens_field = max_tokens_field

    def auth_headers(self, key: str) -> dict[str, str]:
        return {"authorization": f"Bearer {key}"} if key else {}

    def body(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        return openai_wire.request_body(request, stream=stream,
                                        max_tokens_field=self.max_tokens_field)

    def parse(self, data: Any, request: ChatRequest, latency_ms: float) -> ChatResponse:
        return openai_wire.parse_response(self.name, data, request, latency_ms)

    def stream_state(self, request: ChatRequest) -> StreamState:
        return openai_wire.StreamState(self.name, request)
