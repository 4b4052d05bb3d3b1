"""Reading chat requests as clients send them: message text, case ids, request errors.

OpenAI and Anthropic messages carry ``content`` either as a string or as a list of parts
(``{"type": "text", "text": ...}``); only the text parts count.  A request's *case id* comes
from the ``X-Microgate-Case`` header, else from the first ``[case:ID]`` marker in its
messages; markers are removed from the prompt before answers are matched.

Example:
    >>> content_text([{"type": "text", "text": "Hi"}, {"type": "image_url"}, "there"])
    'Hi\\nthere'
    >>> find_case({}, ["[case:q-17] What is the capital of France?"])
    'q-17'
    >>> strip_markers("[case:q-17] What is the capital of France?")
    'What is the capital of France?'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

CASE_HEADER = "x-microgate-case"
_MARKER = re.compile(r"\[case:([A-Za-z0-9_.:/-]{1,200})\]")


class WireError(Exception):
    """A request the server rejects, with the HTTP status and the API's error type."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message


def content_text(content: Any) -> str:
    """The text of a message's ``content`` (string or list of parts)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                texts.append(part["text"])
        return "\n".join(texts)
    raise WireError(400, "invalid_request_error", "message content must be a string or a list")


def message_texts(messages: Any, field: str) -> list[tuple[str, str]]:
    """``(role, text)`` of each message; a :class:`WireError` when the list is malformed."""
    if not isinstance(messages, list) or not messages:
        raise WireError(400, "invalid_request_error", f"'{field}' must be a non-empty list")
    result = []
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise WireError(
                400, "invalid_request_error", f"{field}[{index}] must be an object with a 'role'"
            )
        result.append((message["role"], content_text(message.get("content"))))
    return result


def last_user_text(pairs: list[tuple[str, str]]) -> str:
    """The text of the last user message (of the last message when none is from the user)."""
    for role, text in reversed(pairs):
        if role == "user":
            return text
    return pairs[-1][1]


def find_case(headers: Mapping[str, str], texts: Iterable[str]) -> str | None:
    """The case id from the header, else from the first ``[case:ID]`` marker."""
    header = headers.get(CASE_HEADER, "").strip()
    if header:
        return header
    for text in texts:
        found = _MARKER.search(text)
        if found:
            return found.group(1)
    return None


def strip_markers(text: str) -> str:
    """``text`` without ``[case:ID]`` markers."""
    return _MARKER.sub("", text).strip() if "[case:" in text else text


def require(body: Mapping[str, Any], key: str, kind: type, what: str) -> Any:
    """``body[key]`` when it has type ``kind``, else a 400 :class:`WireError`."""
    value = body.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise WireError(400, "invalid_request_error", f"'{key}' is required: {what}")
    return value


def optional_int(body: Mapping[str, Any], *keys: str) -> int | None:
    """The first of ``keys`` present in ``body`` as a positive integer."""
    for key in keys:
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise WireError(400, "invalid_request_error", f"'{key}' must be a positive integer")
        return value
    return None
