"""Turning HTTP responses, transport failures and error payloads into typed errors.

One function per source of failure, each returning exactly one :class:`ProviderError`:

>>> type(error_for_status("openai", 503, {}, b"")).__name__
'ServerError'
>>> error_for_status("openai", 429, {"retry-after": "2"}, b"").retry_after
2.0
>>> type(error_for_payload("anthropic", {"type": "overloaded_error"})).__name__
'ServerError'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from microgate.providers.errors import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    ConnectionFailed,
    ContentFiltered,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
    scrub_detail,
)
from microgate.providers.retry_after import retry_after_seconds

MAX_RAW = 400
_NOT_RETRYABLE_429 = {"insufficient_quota", "billing_hard_limit_reached"}
_PAYLOAD_TYPES: dict[str, tuple[type[ProviderError], int | None]] = {
    "rate_limit_error": (RateLimited, 429),
    "rate_limit_exceeded": (RateLimited, 429),
    "overloaded_error": (ServerError, 529),
    "api_error": (ServerError, 500),
    "server_error": (ServerError, 500),
    "timeout_error": (ProviderTimeout, 504),
    "authentication_error": (AuthenticationError, 401),
    "permission_error": (AuthenticationError, 403),
    "invalid_request_error": (BadRequest, 400),
    "not_found_error": (BadRequest, 404),
    "request_too_large": (BadRequest, 413),
    "content_filter": (ContentFiltered, None),
}


def error_detail(body: bytes | Any, secret: str = "") -> tuple[str, str]:
    """``(message, type-or-code)`` from an error body in OpenAI or Anthropic shape."""
    data = body
    if isinstance(body, bytes | bytearray):
        try:
            data = json.loads(body)
        except ValueError:
            return scrub_detail(body[:MAX_RAW].decode("utf-8", "replace"), secret), ""
    error = data.get("error", data) if isinstance(data, dict) else data
    if isinstance(error, str):
        return scrub_detail(error, secret), ""
    if not isinstance(error, dict):
        return "", ""
    message = error.get("message") or error.get("detail") or ""
    kind = error.get("code") or error.get("type") or ""
    return scrub_detail(str(message), secret), str(kind)


def error_for_status(
    provider: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes,
    secret: str = "",
) -> ProviderError:
    """The error for a non-2xx HTTP response."""
    detail, kind = error_detail(body, secret)
    if status == 429:
        retryable = kind not in _NOT_RETRYABLE_429
        return RateLimited(retry_after_seconds(headers), detail, provider=provider,
                           retryable=retryable)
    if status == 408:
        return ProviderTimeout(detail, provider=provider, status=status)
    if status in (401, 403):
        return AuthenticationError(detail, provider=provider, status=status)
    if status >= 500:
        return ServerError(detail, provider=provider, status=status)
    if 400 <= status < 500:
        if kind == "content_filter":
            return ContentFiltered(detail, provider=provider, status=status)
        return BadRequest(detail, provider=provider, status=status)
    return BadResponse(f"unexpected HTTP status {status}", provider=provider, status=status)


def error_for_payload(provider: str, error: Mapping[str, Any], secret: str = "") -> ProviderError:
    """The error for an error object sent inside a 200 response (typically mid-stream)."""
    inner = error.get("error", error)
    if not isinstance(inner, Mapping):
        inner = {"message": str(inner)}
    kind = str(inner.get("type") or inner.get("code") or "")
    detail = scrub_detail(str(inner.get("message") or kind), secret)
    cls, status = _PAYLOAD_TYPES.get(kind, (ServerError, None))
    if cls is RateLimited:
        return RateLimited(None, detail, provider=provider)
    return cls(detail, provider=provider, status=status)


def error_for_exception(provider: str, exc: Exception, *, body_started: bool) -> ProviderError:
    """The error for an httpx transport failure.

    A failure after the response status arrived (``body_started``) means the body was cut
    short: that is a :class:`BadResponse` (truncated), never a silent partial success.
    """
    name = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return ProviderTimeout(name, provider=provider)
    if body_started:
        return BadResponse(f"response body truncated ({name})", provider=provider)
    return ConnectionFailed(name, provider=provider)


def decode_json(provider: str, body: bytes) -> Any:
    """Parse a JSON body or raise :class:`BadResponse` (never echoing the body)."""
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise BadResponse(f"malformed JSON ({exc.msg} at {exc.pos})", provider=provider) from None
    except ValueError:
        raise BadResponse("malformed JSON (not UTF-8)", provider=provider) from None
