"""Reading OpenAI- and Anthropic-shaped request bodies back into a :class:`ChatRequest`.

Used by the in-process transport that lets the official SDKs talk to a fake provider.

Example:
    >>> body = {"model": "m", "system": [{"type": "text", "text": "s"}],
    ...         "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}
    >>> request = chat_request("anthropic", body)
    >>> [(m.role, m.content) for m in request.messages]
    [('system', 's'), ('user', 'hi')]
"""

from __future__ import annotations

from typing import Any

from microgate.providers.types import ChatRequest, Message


class WireRequestError(ValueError):
    """The body is not a chat request this dialect understands."""


def text_of(content: Any) -> str:
    """Message content as text: a string, or the text parts of a list of blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(part.get("text", "")) for part in content
            if isinstance(part, dict) and part.get("type") in ("text", "input_text")
        )
    if content is None:
        return ""
    raise WireRequestError("message content must be a string or a list of blocks")


def chat_request(dialect: str, body: Any) -> ChatRequest:
    """The :class:`ChatRequest` an OpenAI (``openai``) or Anthropic body asks for."""
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        raise WireRequestError("body must be an object with a 'messages' list")
    messages: list[Message] = []
    if dialect == "anthropic" and body.get("system"):
        messages.append(Message(role="system", content=text_of(body["system"])))
    for raw in body["messages"]:
        if not isinstance(raw, dict):
            raise WireRequestError("each message must be an object")
        role = "system" if raw.get("role") == "developer" else raw.get("role")
        if role not in ("system", "user", "assistant"):
            raise WireRequestError(f"unsupported message role {role!r}")
        messages.append(Message(role=role, content=text_of(raw.get("content"))))
    stop = body.get("stop_sequences" if dialect == "anthropic" else "stop") or ()
    try:
        return ChatRequest(
            model=str(body.get("model") or ""),
            messages=tuple(messages),
            max_tokens=body.get("max_tokens") or body.get("max_completion_tokens"),
            temperature=body.get("temperature"),
            stop=(stop,) if isinstance(stop, str) else tuple(stop),
            response_format=body.get("response_format"),
        )
    except ValueError as exc:
        raise WireRequestError(str(exc).splitlines()[0]) from None


def wants_usage_in_stream(body: dict[str, Any]) -> bool:
    options = body.get("stream_options")
    return isinstance(options, dict) and bool(options.get("include_usage"))
