"""Rendering answers and provider errors as OpenAI- or Anthropic-shaped HTTP responses.

The inverse of the providers' parsing: a fake's typed error becomes the HTTP fault a real
endpoint would send, so code using the official SDKs sees realistic failures.

Example:
    >>> from microgate.providers.errors import RateLimited
    >>> status, headers, body = error_response("openai", RateLimited(3.0))
    >>> status, headers["retry-after"]
    (429, '3')
"""

from __future__ import annotations

import json
import time
from typing import Any

from microgate.providers.errors import (
    AuthenticationError,
    BadRequest,
    ProviderError,
    RateLimited,
    ServerError,
)
from microgate.providers.types import ChatResponse

_ANTHROPIC_STOP = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}
_ERROR_TYPES: list[tuple[type[ProviderError], int, str]] = [
    (RateLimited, 429, "rate_limit_error"),
    (AuthenticationError, 401, "authentication_error"),
    (BadRequest, 400, "invalid_request_error"),
    (ServerError, 500, "api_error"),
]


def sse(data: Any, event: str | None = None) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data)
    return ((f"event: {event}\n" if event else "") + f"data: {text}\n\n").encode()


def error_body(dialect: str, kind: str, message: str) -> dict[str, Any]:
    if dialect == "anthropic":
        return {"type": "error", "error": {"type": kind, "message": message}}
    return {"error": {"message": message, "type": kind, "code": kind, "param": None}}


def error_response(dialect: str, error: ProviderError) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the HTTP response that carries ``error``."""
    status, kind = 500, "api_error"
    for cls, default_status, name in _ERROR_TYPES:
        if isinstance(error, cls):
            status, kind = error.status or default_status, name
    headers = {"content-type": "application/json"}
    if isinstance(error, RateLimited):
        if not error.retryable:
            kind = "insufficient_quota"
        if error.retry_after is not None:
            headers["retry-after"] = f"{error.retry_after:g}"
    body = json.dumps(error_body(dialect, kind, error.detail or error.summary)).encode()
    return status, headers, body


def completion_body(dialect: str, response: ChatResponse, *, filtered: bool = False) -> bytes:
    usage = response.usage
    if dialect == "anthropic":
        stop = "refusal" if filtered else _ANTHROPIC_STOP.get(response.finish_reason, "end_turn")
        data: dict[str, Any] = {
            "id": response.id, "type": "message", "role": "assistant", "model": response.model,
            "content": [{"type": "text", "text": response.text}], "stop_reason": stop,
            "stop_sequence": None,
            "usage": {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens},
        }
    else:
        data = {
            "id": response.id, "object": "chat.completion", "created": int(time.time()),
            "model": response.model,
            "choices": [{"index": 0, "logprobs": None,
                         "message": {"role": "assistant", "content": response.text},
                         "finish_reason": "content_filter" if filtered
                         else response.finish_reason}],
            "usage": {"prompt_tokens": usage.input_tokens,
                      "completion_tokens": usage.output_tokens, "total_tokens": usage.total},
        }
    return json.dumps(data).encode()


def openai_stream(deltas: list[str], final: ChatResponse | None, model: str, *,
                  include_usage: bool, finish: str | None = None,
                  error: ProviderError | None = None) -> bytes:
    """A chat.completion.chunk stream; without ``final`` it stops short (no ``[DONE]``)."""
    base = {"id": final.id if final else "chatcmpl-mock", "object": "chat.completion.chunk",
            "created": int(time.time()), "model": model}
    out = sse({**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                    "finish_reason": None}]})
    for delta in deltas:
        out += sse({**base, "choices": [{"index": 0, "delta": {"content": delta},
                                         "finish_reason": None}]})
    if error is not None:
        _, _, body = error_response("openai", error)
        return out + sse(json.loads(body))
    if final is None:
        return out
    out += sse({**base, "choices": [{"index": 0, "delta": {},
                                     "finish_reason": finish or final.finish_reason}]})
    if include_usage:
        u = final.usage
        out += sse({**base, "choices": [], "usage": {
            "prompt_tokens": u.input_tokens, "completion_tokens": u.output_tokens,
            "total_tokens": u.total}})
    return out + sse("[DONE]")


def anthropic_stream(deltas: list[str], final: ChatResponse | None, model: str, *,
                     finish: str | None = None, error: ProviderError | None = None) -> bytes:
    """A Messages API event stream; without ``final`` it stops short (no ``message_stop``)."""
    start: dict[str, Any] = {
        "id": final.id if final else "msg_mock", "type": "message", "role": "assistant",
        "model": model, "content": [], "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": final.usage.input_tokens if final else 0, "output_tokens": 0},
    }
    out = sse({"type": "message_start", "message": start}, "message_start")
    out += sse({"type": "content_block_start", "index": 0,
                "content_block": {"type": "text", "text": ""}}, "content_block_start")
    for delta in deltas:
        out += sse({"type": "content_block_delta", "index": 0,
                    "delta": {"type": "text_delta", "text": delta}}, "content_block_delta")
    if error is not None:
        _, _, body = error_response("anthropic", error)
        return out + sse(json.loads(body), "error")
    if final is None:
        return out
    stop = finish or _ANTHROPIC_STOP.get(final.finish_reason, "end_turn")
    out += sse({"type": "content_block_stop", "index": 0}, "content_block_stop")
    out += sse({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": {"output_tokens": final.usage.output_tokens}}, "message_delta")
    return out + sse({"type": "message_stop"}, "message_stop")
