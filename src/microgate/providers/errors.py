"""Typed provider errors: every fault a model endpoint can produce maps to exactly one.

=====================  ==============================================  =========
error                  fault                                           retryable
=====================  ==============================================  =========
RateLimited            HTTP 429 (``retry_after`` seconds when known)   yes
ProviderTimeout        connect/read/write/pool timeout, HTTP 408       yes
ServerError            HTTP 5xx (incl. Anthropic 529 overloaded)       yes
ConnectionFailed       connection refused/reset, DNS, protocol error   yes
BadResponse            malformed JSON, missing fields, truncated       yes
                       stream (no ``[DONE]`` / ``message_stop``)
ContentFiltered        OpenAI ``content_filter``, Anthropic ``refusal``  no
AuthenticationError    HTTP 401, 403                                    no
BadRequest             HTTP 400, 404, 422 and any other 4xx             no
=====================  ==============================================  =========

Messages never carry the API key or the prompt: they name the provider, the status and the
provider's own (scrubbed, truncated) error text.

Example:
    >>> err = RateLimited(2.0, provider="openai")
    >>> err.status, err.retryable, err.retry_after
    (429, True, 2.0)
    >>> str(err)
    'openai: rate limited (HTTP 429), retry after 2s'
"""

from __future__ import annotations

import re

_KEYLIKE = re.compile(r"\b(?:(sk|pk|rk)-[A-Za-z0-9_*\-.]{8,}|[A-Za-z0-9_\-]{32,})")
MAX_DETAIL = 200


def scrub_detail(text: str, secret: str = "") -> str:
    """Provider error text made safe to log: no key, nothing key-like, bounded length."""
    if secret:
        text = text.replace(secret, "***")
    text = _KEYLIKE.sub(lambda m: f"{m.group(1)}-***" if m.group(1) else "***", text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


class ProviderError(Exception):
    """Base of all provider errors: which provider, which HTTP status, retry or not."""

    default_retryable = False
    summary = "provider error"

    def __init__(
        self,
        detail: str = "",
        *,
        provider: str = "",
        status: int | None = None,
        retryable: bool | None = None,
    ) -> None:
        self.detail = detail
        self.provider = provider
        self.status = status
        self.retryable = self.default_retryable if retryable is None else retryable
        super().__init__(self._render())

    def _render(self) -> str:
        text = f"{self.provider}: {self.summary}" if self.provider else self.summary
        if self.status is not None:
            text += f" (HTTP {self.status})"
        if self.detail:
            text += f": {self.detail}"
        return text

    def __reduce__(self) -> tuple[object, ...]:  # keep keyword-only fields through pickling
        return (_rebuild, (type(self), dict(self.__dict__)))


def _rebuild(cls: type[ProviderError], state: dict[str, object]) -> ProviderError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error._render())
    return error


class RateLimited(ProviderError):
    """HTTP 429. ``retry_after`` is in seconds, ``None`` when the provider did not say."""

    default_retryable = True
    summary = "rate limited"

    def __init__(
        self,
        retry_after: float | None = None,
        detail: str = "",
        *,
        provider: str = "",
        status: int | None = 429,
        retryable: bool | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(detail, provider=provider, status=status, retryable=retryable)

    def _render(self) -> str:
        text = super()._render()
        if self.retry_after is not None:
            text += f", retry after {self.retry_after:g}s"
        return text


class ProviderTimeout(ProviderError):
    default_retryable = True
    summary = "timed out"


class ServerError(ProviderError):
    default_retryable = True
    summary = "server error"


class ConnectionFailed(ProviderError):
    default_retryable = True
    summary = "connection failed"


class BadResponse(ProviderError):
    default_retryable = True
    summary = "bad response"


class ContentFiltered(ProviderError):
    summary = "content filtered"


class AuthenticationError(ProviderError):
    summary = "authentication failed"


class BadRequest(ProviderError):
    summary = "bad request"


ALL_ERRORS: tuple[type[ProviderError], ...] = (
    RateLimited,
    ProviderTimeout,
    ServerError,
    ConnectionFailed,
    BadResponse,
    ContentFiltered,
    AuthenticationError,
    BadRequest,
)
