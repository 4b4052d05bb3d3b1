"""An httpx transport that serves any :class:`LLMProvider` as OpenAI- and Anthropic-shaped
HTTP, in-process: the official SDKs (and our HTTP providers) can talk to a fake.

``POST .../chat/completions`` is answered in the OpenAI dialect, ``POST .../messages`` in the
Anthropic one, with or without streaming. A typed error from the provider becomes the fault a
real endpoint sends: 429 with ``retry-after``, 5xx, 401, 400, a read timeout, a refused
connection, a malformed body, a stream cut short, a content-filter finish reason.

Example:
    >>> import httpx
    >>> from microgate.providers.fake import FakeLLMProvider
    >>> client = httpx.Client(transport=provider_transport(FakeLLMProvider(default="hi")))
    >>> r = client.post("http://mock.invalid/v1/chat/completions",
    ...                 json={"model": "m", "messages": [{"role": "user", "content": "x"}]})
    >>> r.json()["choices"][0]["message"]["content"]
    'hi'
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx

from microgate.evals import wire_responses as out
from microgate.evals.wire_requests import WireRequestError, chat_request, wants_usage_in_stream
from microgate.providers.base import LLMProvider
from microgate.providers.errors import (
    BadResponse,
    ConnectionFailed,
    ContentFiltered,
    ProviderError,
    ProviderTimeout,
)
from microgate.providers.fake_rules import NoCannedReply
from microgate.providers.types import NO_USAGE, ChatRequest, ChatResponse

JSON = {"content-type": "application/json"}
SSE = {"content-type": "text/event-stream"}


def provider_transport(provider: LLMProvider) -> httpx.MockTransport:
    """A transport (sync and async) answering chat requests with ``provider``."""
    transport: httpx.MockTransport = provider_transport_for(provider, httpx)
    return transport


def provider_transport_for(provider: LLMProvider, lib: ModuleType) -> Any:
    """The same, for an httpx-compatible library ``lib`` (``httpx``, or ``httpx2`` that newer
    official SDKs use): its ``MockTransport``, ``Response`` and exceptions are used."""

    def handle(request: Any) -> Any:
        path = request.url.path.rstrip("/")
        dialect = ("anthropic" if path.endswith("/messages")
                   else "openai" if path.endswith("/chat/completions") else "")
        if request.method != "POST" or not dialect:
            return _json(lib, 404, out.error_body(dialect or "openai", "not_found_error",
                                             f"no route for {request.method} {path}"))
        try:
            body = json.loads(request.content or b"null")
            chat = chat_request(dialect, body)
        except (ValueError, WireRequestError) as exc:
            message = str(exc).splitlines()[0] if str(exc) else "invalid JSON body"
            return _json(lib, 400, out.error_body(dialect, "invalid_request_error", message))
        if body.get("stream"):
            return _streamed(lib, provider, request, dialect, chat, wants_usage_in_stream(body))
        return _whole(lib, provider, request, dialect, chat)

    return lib.MockTransport(handle)


def _json(lib: ModuleType, status: int, data: object) -> Any:
    return lib.Response(status, headers=JSON, content=json.dumps(data).encode())


def _empty(chat: ChatRequest, text: str = "") -> ChatResponse:
    return ChatResponse(text, chat.model, "content_filter", NO_USAGE, 0.0, "filtered", "mock")


def _fault(lib: ModuleType, request: Any, dialect: str, error: Exception) -> Any:
    if isinstance(error, ProviderTimeout):
        raise lib.ReadTimeout("mock provider timed out", request=request)
    if isinstance(error, ConnectionFailed):
        raise lib.ConnectError("mock provider refused the connection", request=request)
    if isinstance(error, NoCannedReply):
        return _json(lib, 400, out.error_body(dialect, "invalid_request_error", str(error)))
    if isinstance(error, ProviderError):
        status, headers, body = out.error_response(dialect, error)
        return lib.Response(status, headers=headers, content=body)
    raise error


def _whole(lib: ModuleType, provider: LLMProvider, request: Any, dialect: str,
           chat: ChatRequest) -> Any:
    try:
        response = provider.complete(chat)
    except ContentFiltered:
        return lib.Response(200, headers=JSON,
                            content=out.completion_body(dialect, _empty(chat), filtered=True))
    except BadResponse:
        return lib.Response(200, headers=JSON, content=b'{"id": "cut-sh')
    except Exception as exc:
        return _fault(lib, request, dialect, exc)
    return lib.Response(200, headers=JSON, content=out.completion_body(dialect, response))


def _streamed(lib: ModuleType, provider: LLMProvider, request: Any, dialect: str,
              chat: ChatRequest, include_usage: bool) -> Any:
    deltas: list[str] = []
    final: ChatResponse | None = None
    finish: str | None = None
    error: ProviderError | None = None
    try:
        for event in provider.stream(chat):
            if event.response is not None:
                final = event.response
            elif event.delta:
                deltas.append(event.delta)
    except ContentFiltered:
        final, finish = _empty(chat, "".join(deltas)), "filtered"
    except BadResponse:
        final = None  # cut short: no end marker
    except ProviderError as exc:
        if not deltas or isinstance(exc, ProviderTimeout | ConnectionFailed):
            return _fault(lib, request, dialect, exc)
        error = exc
    except Exception as exc:
        return _fault(lib, request, dialect, exc)
    if dialect == "anthropic":
        body = out.anthropic_stream(deltas, final, chat.model, error=error,
                                    finish="refusal" if finish else None)
    else:
        body = out.openai_stream(deltas, final, chat.model, include_usage=include_usage,
                                 error=error, finish="content_filter" if finish else None)
    return lib.Response(200, headers=SSE, content=body)
