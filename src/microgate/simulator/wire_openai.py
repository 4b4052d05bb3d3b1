"""The OpenAI-compatible chat completions wire format: request parsing and replies.

Non-streaming replies are ``chat.completion`` objects; streaming replies are SSE
``data: {chat.completion.chunk}`` events ending with ``data: [DONE]``, the usage in a final
chunk with empty ``choices`` when ``stream_options.include_usage`` is set.  Faults:
429 with ``Retry-After`` (and ``retry-after-ms``), 500, a held request (timeout), a 200 whose
JSON is cut in half, a stream dropped before ``[DONE]``, and ``finish_reason:
"content_filter"``.  ``created`` is fixed so replies are byte-for-byte reproducible.
"""

from __future__ import annotations

import json
import math
from typing import Any

from microgate.simulator.engine import ChatRequest, Plan
from microgate.simulator.httpmsg import HttpRequest, Reply, json_reply
from microgate.simulator.messages import (
    WireError,
    find_case,
    last_user_text,
    message_texts,
    optional_int,
    require,
    strip_markers,
)
from microgate.simulator.tokens import stream_pieces

CREATED = 1_700_000_000
FINGERPRINT = "fp_microgate_sim"
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def parse(request: HttpRequest, body: dict[str, Any]) -> ChatRequest:
    """A :class:`ChatRequest` from a chat completions body; :class:`WireError` if invalid."""
    model = require(body, "model", str, "the model name")
    pairs = message_texts(body.get("messages"), "messages")
    texts = tuple(text for _, text in pairs)
    options = body.get("stream_options")
    return ChatRequest(
        api="openai",
        model=model,
        prompt=strip_markers(last_user_text(pairs)),
        texts=texts,
        case=find_case(request.headers, texts),
        stream=body.get("stream") is True,
        include_usage=isinstance(options, dict) and options.get("include_usage") is True,
        max_tokens=optional_int(body, "max_completion_tokens", "max_tokens"),
        path=request.path,
        headers=request.headers,
        body=body,
    )


def error_reply(
    status: int, kind: str, message: str, headers: tuple[tuple[str, str], ...] = ()
) -> Reply:
    """An error in OpenAI's shape: ``{"error": {"message", "type", "param", "code"}}``."""
    codes = {429: "rate_limit_exceeded", 404: "model_not_found", 500: "server_error"}
    error = {"message": message, "type": kind, "param": None, "code": codes.get(status)}
    return json_reply(status, {"error": error}, headers)


def _usage(plan: Plan) -> dict[str, int]:
    prompt, completion = plan.usage
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _completion(plan: Plan) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{plan.request_id}",
        "object": "chat.completion",
        "created": CREATED,
        "model": plan.model,
        "system_fingerprint": FINGERPRINT,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": plan.text, "refusal": None},
                "logprobs": None,
                "finish_reason": plan.finish,
            }
        ],
        "usage": _usage(plan),
    }


def _chunks(plan: Plan, include_usage: bool) -> list[bytes]:
    base = {
        "id": f"chatcmpl-{plan.request_id}",
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": plan.model,
        "system_fingerprint": FINGERPRINT,
    }
    extra = {"usage": None} if include_usage else {}

    def event(delta: dict[str, Any], finish: str | None) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return b"data: " + _DUMPS({**base, "choices": [choice], **extra}).encode() + b"\n\n"

    # content chunks share everything but the text: splice it into a prepared frame
    frame = event({"content": "\x00"}, None).split(_DUMPS("\x00").encode())
    events = [event({"role": "assistant", "content": ""}, None)]
    for piece in stream_pieces(plan.text):
        text = _DUMPS(piece).encode()
        events.append(text.join(frame) if len(frame) == 2 else event({"content": piece}, None))
    events.append(event({}, plan.finish))
    if include_usage:
        usage = {**base, "choices": [], "usage": _usage(plan)}
        events.append(b"data: " + _DUMPS(usage).encode() + b"\n\n")
    events.append(b"data: [DONE]\n\n")
    return events


def render(plan: Plan, request: ChatRequest) -> Reply:
    """The HTTP reply for ``plan`` in OpenAI's format, faults included."""
    headers = (("x-request-id", plan.request_id), ("x-microgate-seq", str(plan.seq)))
    fault = plan.fault.kind if plan.fault else None
    delay = plan.latency_ms / 1000.0
    if fault == "rate_limit" and plan.fault is not None:
        wait = plan.fault.retry_after_s
        retry = (("retry-after", str(math.ceil(wait))), ("retry-after-ms", str(round(wait * 1000))))
        message = "Rate limit reached (simulated)."
        return _delayed(error_reply(429, "requests", message, headers + retry), delay)
    if fault == "server_error":
        message = "The server had an error while processing your request (simulated)."
        return _delayed(error_reply(500, "server_error", message, headers), delay)
    if fault == "timeout" and plan.fault is not None:
        delay += plan.fault.hold_s
    if not request.stream:
        body = _DUMPS(_completion(plan)).encode()
        if fault == "malformed_json":
            return Reply(200, body[: len(body) // 2], headers=headers, delay_s=delay)
        cut = len(body) // 2 if fault == "truncated_stream" else None
        return Reply(200, body, headers=headers, delay_s=delay, cut_after=cut)
    events = _chunks(plan, request.include_usage)
    cut = None
    if fault == "truncated_stream" and plan.fault is not None:
        cut = min(1 + plan.fault.after_chunks, len(events) - 1)
    if fault == "malformed_json":
        events[1] = events[1][: len(events[1]) // 2] + b"\n\n"
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
    """A request error (bad body, unknown model) in OpenAI's shape."""
    return error_reply(error.status, error.kind, error.message)
