"""The OpenAI-compatible chat completions wire format: request bodies, answers, stream chunks.

Pure functions over JSON-shaped data; no I/O. Shared by OpenAI, vLLM, Ollama and LM Studio.

Example:
    >>> from microgate.providers.types import ChatRequest
    >>> body = request_body(ChatRequest.of("m", "hi", max_tokens=5), stream=True)
    >>> body["stream_options"], body["max_tokens"]
    ({'include_usage': True}, 5)
"""

from __future__ import annotations

import json
from typing import Any

from microgate.providers.errors import BadResponse, ContentFiltered
from microgate.providers.faults import error_for_payload
from microgate.providers.types import NO_USAGE, ChatRequest, ChatResponse, Usage

DONE = "[DONE]"


def request_body(
    request: ChatRequest, *, stream: bool, max_tokens_field: str = "max_tokens"
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": request.model,
        "messages": [{"role": m.role, "content": m.content} for m in request.messages],
    }
    if request.max_tokens is not None:
        body[max_tokens_field] = request.max_tokens
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.stop:
        body["stop"] = list(request.stop)
    if request.response_format is not None:
        body["response_format"] = dict(request.response_format)
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body


def parse_usage(provider: str, data: Any) -> Usage:
    if data is None:
        return NO_USAGE
    if not isinstance(data, dict):
        raise BadResponse("'usage' is not an object", provider=provider)
    prompt, completion = data.get("prompt_tokens"), data.get("completion_tokens", 0)
    if not isinstance(prompt, int) or not isinstance(completion, int):
        raise BadResponse("'usage' lacks integer token counts", provider=provider)
    return Usage(prompt, completion)


def parse_response(
    provider: str, data: Any, request: ChatRequest, latency_ms: float
) -> ChatResponse:
    """A non-streamed answer, or a typed error for a malformed or filtered one."""
    if not isinstance(data, dict):
        raise BadResponse("answer is not a JSON object", provider=provider)
    if "error" in data and "choices" not in data:
        raise error_for_payload(provider, data)
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise BadResponse("answer has no 'choices'", provider=provider)
    message = choices[0].get("message")
    if not isinstance(message, dict):
        raise BadResponse("answer has no 'choices[0].message'", provider=provider)
    content = message.get("content")
    if content is not None and not isinstance(content, str):
        raise BadResponse("'message.content' is not a string", provider=provider)
    finish = _finish(provider, choices[0].get("finish_reason"), message.get("refusal"))
    return ChatResponse(
        text=content or "",
        model=str(data.get("model") or request.model),
        finish_reason=finish,
        usage=parse_usage(provider, data.get("usage")),
        latency_ms=latency_ms,
        id=str(data.get("id") or ""),
        provider=provider,
    )


def _finish(provider: str, reason: Any, refusal: Any = None) -> str:
    if reason == "content_filter":
        raise ContentFiltered("finish_reason 'content_filter'", provider=provider)
    if refusal:
        raise ContentFiltered("the model refused", provider=provider)
    return str(reason) if reason else "unknown"


class StreamState:
    """Accumulates ``chat.completion.chunk`` events until ``data: [DONE]``."""

    def __init__(self, provider: str, request: ChatRequest) -> None:
        self.provider = provider
        self.request = request
        self.parts: list[str] = []
        self.finish_reason: Any = None
        self.refusal = ""
        self.usage = NO_USAGE
        self.id = ""
        self.model = request.model
        self.done = False

    def on_event(self, event: str, data: str) -> list[str]:
        """Text deltas carried by one event (raises on an in-stream error)."""
        if self.done:
            return []
        if data.strip() == DONE:
            self.done = True
            return []
        try:
            chunk = json.loads(data)
        except ValueError:
            raise BadResponse("malformed JSON in stream chunk", provider=self.provider) from None
        if not isinstance(chunk, dict):
            raise BadResponse("stream chunk is not an object", provider=self.provider)
        if "error" in chunk:
            raise error_for_payload(self.provider, chunk)
        self.id = str(chunk.get("id") or self.id)
        self.model = str(chunk.get("model") or self.model)
        if chunk.get("usage") is not None:
            self.usage = parse_usage(self.provider, chunk["usage"])
        choices = chunk.get("choices") or []
        if not isinstance(choices, list):
            raise BadResponse("stream chunk 'choices' is not a list", provider=self.provider)
        deltas: list[str] = []
        for choice in choices:
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            text = delta.get("content") if isinstance(delta, dict) else None
            if text is not None and not isinstance(text, str):
                raise BadResponse("'delta.content' is not a string", provider=self.provider)
            if text:
                deltas.append(text)
            if isinstance(delta, dict) and delta.get("refusal"):
                self.refusal += str(delta["refusal"])
            if choice.get("finish_reason"):
                self.finish_reason = choice["finish_reason"]
        self.parts.extend(deltas)
        return deltas

    def finish(self, latency_ms: float) -> ChatResponse:
        if not self.done:
            raise BadResponse("stream ended before 'data: [DONE]'", provider=self.provider)
        return ChatResponse(
            text="".join(self.parts),
            model=self.model,
            finish_reason=_finish(self.provider, self.finish_reason, self.refusal),
            usage=self.usage,
            latency_ms=latency_ms,
            id=self.id,
            provider=self.provider,
        )
