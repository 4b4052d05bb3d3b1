"""The Anthropic Messages API wire format: request bodies, answers, stream events.

System messages are hoisted into the top-level ``system`` field; ``max_tokens`` is required
by the API, so a default is filled in. Stop reasons are normalised (``end_turn`` and
``stop_sequence`` -> ``stop``, ``max_tokens`` -> ``length``, ``tool_use`` -> ``tool_calls``);
``refusal`` raises :class:`ContentFiltered`. ``response_format`` is not sent (the Messages
API has no such field). Input tokens include cache reads and writes.

Example:
    >>> from microgate.providers.types import ChatRequest
    >>> body = request_body(ChatRequest.of("claude", "hi", system="be brief"), stream=False)
    >>> body["system"], body["messages"], body["max_tokens"]
    ('be brief', [{'role': 'user', 'content': 'hi'}], 1024)
"""

from __future__ import annotations

import json
from typing import Any

from microgate.providers.errors import BadResponse, ContentFiltered
from microgate.providers.faults import error_for_payload
from microgate.providers.types import NO_USAGE, ChatRequest, ChatResponse, Usage

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 1024
_STOP = {"end_turn": "stop", "stop_sequence": "stop", "max_tokens": "length",
         "tool_use": "tool_calls"}


def request_body(
    request: ChatRequest, *, stream: bool, default_max_tokens: int = DEFAULT_MAX_TOKENS
) -> dict[str, Any]:
    system = [m.content for m in request.messages if m.role == "system"]
    body: dict[str, Any] = {
        "model": request.model,
        "max_tokens": request.max_tokens or default_max_tokens,
        "messages": [
            {"role": m.role, "content": m.content} for m in request.messages if m.role != "system"
        ],
    }
    if system:
        body["system"] = "\n\n".join(system)
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.stop:
        body["stop_sequences"] = list(request.stop)
    if stream:
        body["stream"] = True
    return body


def parse_usage(provider: str, data: Any) -> Usage:
    if data is None:
        return NO_USAGE
    if not isinstance(data, dict):
        raise BadResponse("'usage' is not an object", provider=provider)
    counts = [data.get(k) or 0 for k in ("input_tokens", "cache_creation_input_tokens",
                                          "cache_read_input_tokens", "output_tokens")]
    if not all(isinstance(c, int) for c in counts) or "input_tokens" not in data:
        raise BadResponse("'usage' lacks integer token counts", provider=provider)
    return Usage(counts[0] + counts[1] + counts[2], counts[3])


def finish_reason(provider: str, stop_reason: Any) -> str:
    if stop_reason == "refusal":
        raise ContentFiltered("stop_reason 'refusal'", provider=provider)
    if not stop_reason:
        return "unknown"
    return _STOP.get(str(stop_reason), str(stop_reason))


def parse_response(
    provider: str, data: Any, request: ChatRequest, latency_ms: float
) -> ChatResponse:
    """A non-streamed message, or a typed error for a malformed or refused one."""
    if not isinstance(data, dict):
        raise BadResponse("answer is not a JSON object", provider=provider)
    if data.get("type") == "error":
        raise error_for_payload(provider, data)
    content = data.get("content")
    if not isinstance(content, list):
        raise BadResponse("answer has no 'content' list", provider=provider)
    texts = [b.get("text") for b in content if isinstance(b, dict) and b.get("type") == "text"]
    if not all(isinstance(t, str) for t in texts):
        raise BadResponse("a text block has no 'text' string", provider=provider)
    return ChatResponse(
        text="".join(t for t in texts if isinstance(t, str)),
        model=str(data.get("model") or request.model),
        finish_reason=finish_reason(provider, data.get("stop_reason")),
        usage=parse_usage(provider, data.get("usage")),
        latency_ms=latency_ms,
        id=str(data.get("id") or ""),
        provider=provider,
    )


class StreamState:
    """Accumulates Messages API stream events until ``message_stop``."""

    def __init__(self, provider: str, request: ChatRequest) -> None:
        self.provider = provider
        self.parts: list[str] = []
        self.stop_reason: Any = None
        self.input_tokens: int | None = None
        self.output_tokens = 0
        self.id = ""
        self.model = request.model
        self.done = False

    def on_event(self, event: str, data: str) -> list[str]:
        """Text deltas carried by one event (raises on an ``error`` event)."""
        if self.done:
            return []
        try:
            payload = json.loads(data)
        except ValueError:
            raise BadResponse("malformed JSON in stream event", provider=self.provider) from None
        if not isinstance(payload, dict):
            raise BadResponse("stream event is not an object", provider=self.provider)
        kind = payload.get("type") or event
        if kind == "error":
            raise error_for_payload(self.provider, payload)
        if kind == "message_start":
            self._start(payload.get("message"))
        elif kind == "content_block_delta":
            delta = payload.get("delta") or {}
            if isinstance(delta, dict) and delta.get("type") == "text_delta":
                text = delta.get("text")
                if not isinstance(text, str):
                    raise BadResponse("text_delta without text", provider=self.provider)
                self.parts.append(text)
                return [text] if text else []
        elif kind == "message_delta":
            delta = payload.get("delta") or {}
            if isinstance(delta, dict) and delta.get("stop_reason"):
                self.stop_reason = delta["stop_reason"]
            usage = payload.get("usage") or {}
            if isinstance(usage, dict) and isinstance(usage.get("output_tokens"), int):
                self.output_tokens = usage["output_tokens"]
        elif kind == "message_stop":
            self.done = True
        return []

    def _start(self, message: Any) -> None:
        if not isinstance(message, dict):
            raise BadResponse("message_start without a message", provider=self.provider)
        self.id = str(message.get("id") or "")
        self.model = str(message.get("model") or self.model)
        usage = message.get("usage")
        if isinstance(usage, dict) and "input_tokens" in usage:
            start = parse_usage(self.provider, usage)
            self.input_tokens, self.output_tokens = start.input_tokens, start.output_tokens

    def finish(self, latency_ms: float) -> ChatResponse:
        if not self.done:
            raise BadResponse("stream ended before 'message_stop'", provider=self.provider)
        usage = (NO_USAGE if self.input_tokens is None
                 else Usage(self.input_tokens, self.output_tokens))
        return ChatResponse(
            text="".join(self.parts),
            model=self.model,
            finish_reason=finish_reason(self.provider, self.stop_reason),
            usage=usage,
            latency_ms=latency_ms,
            id=self.id,
            provider=self.provider,
        )
