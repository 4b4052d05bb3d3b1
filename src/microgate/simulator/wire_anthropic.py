"""The Anthropic Messages API wire format: request parsing and replies.

Non-streaming replies are ``message`` objects; streaming replies are the SSE sequence
``message_start``, ``content_block_start``, ``ping``, ``content_block_delta`` (``text_delta``)
..., ``content_block_stop``, ``message_delta`` (stop reason and usage), ``message_stop``.
Errors use ``{"type": "error", "error": {"type", "message"}}``; a content-filter fault is
``stop_reason: "refusal"`` with no content.  ``max_tokens`` is required, as by the real API.
"""

from __future__ import annotations

import json
import math
from typing import Any

from microgate.simulator.engine import ChatRequest, Plan
from microgate.simulator.httpmsg import HttpRequest, Reply, json_reply
from microgate.simulator.messages import (
    WireError,
    content_text,
    find_case,
    last_user_text,
    message_texts,
    optional_int,
    require,
    strip_markers,
)
from microgate.simulator.tokens import stream_pieces

STOP_REASONS = {"stop": "end_turn", "length": "max_tokens", "content_filter": "refusal"}
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_ERROR_TYPES = {
    400: "invalid_request_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "api_error",
}


def parse(request: HttpRequest, body: dict[str, Any]) -> ChatRequest:
    """A :class:`ChatRequest` from a Messages API body; :class:`WireError` if invalid."""
    model = require(body, "model", str, "the model name")
    pairs = message_texts(body.get("messages"), "messages")
    max_tokens = optional_int(body, "max_tokens")
    if max_tokens is None:
        raise WireError(400, "invalid_request_error", "'max_tokens' is required")
    system = content_text(body.get("system"))
    texts = ((system,) if system else ()) + tuple(text for _, text in pairs)
    return ChatRequest(
        api="anthropic",
        model=model,
        prompt=strip_markers(last_user_text(pairs)),
        texts=texts,
        case=find_case(request.headers, texts),
        stream=body.get("stream") is True,
        max_tokens=max_tokens,
        path=request.path,
        headers=request.headers,
        body=body,
    )


def error_reply(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    """An error in Anthropic's shape."""
    kind = _ERROR_TYPES.get(status, "api_error")
    return json_reply(
        status, {"type": "error", "error": {"type": kind, "message": message}}, headers
    )


def _message(plan: Plan) -> dict[str, Any]:
    content = [{"type": "text", "text": plan.text}] if plan.finish != "content_filter" else []
    return {
        "id": f"msg_{plan.request_id}",
        "type": "message",
        "role": "assistant",
        "model": plan.model,
        "content": content,
        "stop_reason": STOP_REASONS[plan.finish],
        "stop_sequence": None,
        "usage": {"input_tokens": plan.usage[0], "output_tokens": plan.usage[1]},
    }


def _event(name: str, data: dict[str, Any]) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + _DUMPS(data).encode() + b"\n\n"


def _events(plan: Plan) -> list[bytes]:
    start = {
        **_message(plan),
        "content": [],
        "stop_reason": None,
        "usage": {"input_tokens": plan.usage[0], "output_tokens": 1},
    }
    events = [_event("message_start", {"type": "message_start", "message": start})]
    if plan.finish != "content_filter":
        block = {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "text", "text": ""},
        }
        events += [_event("content_block_start", block), _event("ping", {"type": "ping"})]
        delta = {"type": "text_delta", "text": "\x00"}
        frame = _event(
            "content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}
        )
        parts = frame.split(_DUMPS("\x00").encode())  # splice each piece into one frame
        assert len(parts) == 2  # the frame holds no client-controlled text
        events += [_DUMPS(piece).encode().join(parts) for piece in stream_pieces(plan.text)]
        events.append(_event("content_block_stop", {"type": "content_block_stop", "index": 0}))
    stop = {"stop_reason": STOP_REASONS[plan.finish], "stop_sequence": None}
    events.append(
        _event(
            "message_delta",
            {"type": "message_delta", "delta": stop, "usage": {"output_tokens": plan.usage[1]}},
        )
    )
    events.append(_event("message_stop", {"type": "message_stop"}))
    return events


def render(plan: Plan, request: ChatRequest) -> Reply:
    """The HTTP reply for ``plan`` in Anthropic's format, faults included."""
    headers = (("request-id", plan.request_id), ("x-microgate-seq", str(plan.seq)))
    fault = plan.fault.kind if plan.fault else None
    delay = plan.latency_ms / 1000.0
    if fault == "rate_limit" and plan.fault is not None:
        retry = (("retry-after", str(math.ceil(plan.fault.retry_after_s))),)
        return _delayed(error_reply(429, "Rate limited (simulated).", headers + retry), delay)
    if fault == "server_error":
        return _delayed(error_reply(500, "Internal server error (simulated).", headers), delay)
    if fault == "timeout" and plan.fault is not None:
        delay += plan.fault.hold_s
    if not request.stream:
        body = _DUMPS(_message(plan)).encode()
        if fault == "malformed_json":
            return Reply(200, body[: len(body) // 2], headers=headers, delay_s=delay)
        cut = len(body) // 2 if fault == "truncated_stream" else None
        return Reply(200, body, headers=headers, delay_s=delay, cut_after=cut)
    events = _events(plan)
    cut = None
    if fault == "truncated_stream" and plan.fault is not None:
        cut = min(3 + plan.fault.after_chunks, len(events) - 1)
    if fault == "malformed_json":
        index = 3 if len(events) > 4 else 0
        events[index] = events[index][: len(events[index]) // 2] + b"\n\n"
    return Reply(
        200,
        content_type="text/event-stream",
        headers=headers,
        parts=tuple(events),
        delay_s=delay,
        part_delay_s=plan.chunk_ms / 1000.0,
        cut_after=cut,
    )


def _delayed(reply: Reply, delay: float) -> Reply:
    return Reply(reply.status, reply.body, headers=reply.headers, delay_s=delay)


def reject(error: WireError) -> Reply:
    """A request error (bad body, unknown model) in Anthropic's shape."""
    return error_reply(error.status, error.message)
