"""What the HTTP providers share: one pooled httpx client each (sync and async), timeouts,
request sending, SSE reading and the mapping of every failure to a typed error.

Subclasses say only where to post, which headers and body to send and how to read the
answer (see :mod:`~microgate.providers.openai_compat`, :mod:`~microgate.providers.anthropic`).
"""

from __future__ import annotations

import functools
import re
import ssl
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, Protocol

import httpx

from microgate.providers.errors import BadResponse
from microgate.providers.faults import decode_json, error_for_exception, error_for_status
from microgate.providers.secret import Secret
from microgate.providers.sse import SSEDecoder, SSEError
from microgate.providers.types import ChatRequest, ChatResponse, StreamEvent

_VERSIONED = re.compile(r"/v\d+$")


class StreamState(Protocol):
    def on_event(self, event: str, data: str) -> list[str]: ...

    def finish(self, latency_ms: float) -> ChatResponse: ...


def endpoint(base_url: str, path: str) -> str:
    """``base_url`` + ``path``, without doubling a version segment the base already has.

    >>> endpoint("http://localhost:11434/v1", "/v1/chat/completions")
    'http://localhost:11434/v1/chat/completions'
    >>> endpoint("https://api.example", "/v1/messages")
    'https://api.example/v1/messages'
    """
    base = base_url.rstrip("/")
    if _VERSIONED.search(base) and _VERSIONED.match(path[: path.find("/", 1)]):
        path = path[path.find("/", 1):]
    return base + path


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """One verifying TLS context per process (building one costs tens of milliseconds)."""
    return httpx.create_ssl_context()


class HTTPProvider:
    """Base of the HTTP providers. Thread-safe; clients are created on first use."""

    name = "http"
    path = "/"

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        *,
        name: str | None = None,
        timeout: float = 60.0,
        connect_timeout: float = 5.0,
        max_connections: int = 100,
        headers: dict[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.name = name or self.name
        self.base_url = base_url.rstrip("/")
        self.url = endpoint(self.base_url, self.path)
        self._key = Secret(api_key)
        self._timeout = timeout
        self._connect_timeout = connect_timeout
        self._limits = httpx.Limits(max_connections=max_connections,
                                    max_keepalive_connections=min(20, max_connections))
        self._extra_headers = dict(headers or {})
        self._transport = transport
        self._async_transport = async_transport
        self._trust_env = trust_env
        self._verify = verify
        self._lock = threading.Lock()
        self._client: httpx.Client | None = None
        self._aclient: httpx.AsyncClient | None = None

    def __repr__(self) -> str:
        key = "***" if self._key else "<none>"
        cls = type(self).__name__
        return f"{cls}(name={self.name!r}, base_url={self.base_url!r}, api_key={key})"

    # -- what subclasses define ------------------------------------------------------------
    def auth_headers(self, key: str) -> dict[str, str]:
        raise NotImplementedError

    def body(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        raise NotImplementedError

    def parse(self, data: Any, request: ChatRequest, latency_ms: float) -> ChatResponse:
        raise NotImplementedError

    def stream_state(self, request: ChatRequest) -> StreamState:
        raise NotImplementedError

    # -- clients ---------------------------------------------------------------------------
    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "timeout": httpx.Timeout(self._timeout, connect=self._connect_timeout),
            "limits": self._limits,
            "trust_env": self._trust_env,
            "follow_redirects": False,
            "verify": default_ssl_context() if self._verify is True else self._verify,
        }

    def sync_client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(transport=self._transport, **self._client_kwargs())
            return self._client

    def async_client(self) -> httpx.AsyncClient:
        with self._lock:
            if self._aclient is None:
                self._aclient = httpx.AsyncClient(
                    transport=self._async_transport, **self._client_kwargs()
                )
            return self._aclient

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    async def aclose(self) -> None:
        with self._lock:
            aclient, self._aclient = self._aclient, None
        if aclient is not None:
            await aclient.aclose()
        self.close()

    def __enter__(self) -> HTTPProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests --------------------------------------------------------------------------
    def _request_args(self, request: ChatRequest, stream: bool) -> dict[str, Any]:
        headers = {"content-type": "application/json", **self._extra_headers,
                   **self.auth_headers(self._key.reveal())}
        if stream:
            headers["accept"] = "text/event-stream"
        args: dict[str, Any] = {"json": self.body(request, stream=stream), "headers": headers}
        if request.timeout is not None:
            connect = min(self._connect_timeout, request.timeout)
            args["timeout"] = httpx.Timeout(request.timeout, connect=connect)
        return args

    def _status_error(self, response: httpx.Response, body: bytes) -> Exception:
        return error_for_status(self.name, response.status_code, response.headers, body,
                                self._key.reveal())

    def complete(self, request: ChatRequest) -> ChatResponse:
        client = self.sync_client()
        started = time.perf_counter()
        http_request = client.build_request("POST", self.url, **self._request_args(request, False))
        try:
            response = client.send(http_request, stream=True)
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=False) from exc
        try:
            body = response.read()
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=True) from exc
        finally:
            response.close()
        if not response.is_success:
            raise self._status_error(response, body)
        latency = (time.perf_counter() - started) * 1000.0
        return self.parse(decode_json(self.name, body), request, latency)

    async def acomplete(self, request: ChatRequest) -> ChatResponse:
        client = self.async_client()
        started = time.perf_counter()
        http_request = client.build_request("POST", self.url, **self._request_args(request, False))
        try:
            response = await client.send(http_request, stream=True)
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=False) from exc
        try:
            body = await response.aread()
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=True) from exc
        finally:
            await response.aclose()
        if not response.is_success:
            raise self._status_error(response, body)
        latency = (time.perf_counter() - started) * 1000.0
        return self.parse(decode_json(self.name, body), request, latency)

    def stream(self, request: ChatRequest) -> Iterator[StreamEvent]:
        client = self.sync_client()
        state = self.stream_state(request)
        started = time.perf_counter()
        http_request = client.build_request("POST", self.url, **self._request_args(request, True))
        try:
            response = client.send(http_request, stream=True)
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=False) from exc
        try:
            if not response.is_success:
                raise self._status_error(response, _read_quietly(response))
            decoder = SSEDecoder()
            for chunk in response.iter_bytes():
                for event in decoder.feed(chunk):
                    for delta in state.on_event(event.event, event.data):
                        yield StreamEvent(delta)
            for event in decoder.close():
                for delta in state.on_event(event.event, event.data):
                    yield StreamEvent(delta)
            yield StreamEvent(response=state.finish((time.perf_counter() - started) * 1000.0))
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=True) from exc
        except SSEError as exc:
            raise BadResponse(str(exc), provider=self.name) from exc
        finally:
            response.close()

    async def astream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        client = self.async_client()
        state = self.stream_state(request)
        started = time.perf_counter()
        http_request = client.build_request("POST", self.url, **self._request_args(request, True))
        try:
            response = await client.send(http_request, stream=True)
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=False) from exc
        try:
            if not response.is_success:
                raise self._status_error(response, await _aread_quietly(response))
            decoder = SSEDecoder()
            async for chunk in response.aiter_bytes():
                for event in decoder.feed(chunk):
                    for delta in state.on_event(event.event, event.data):
                        yield StreamEvent(delta)
            for event in decoder.close():
                for delta in state.on_event(event.event, event.data):
                    yield StreamEvent(delta)
            yield StreamEvent(response=state.finish((time.perf_counter() - started) * 1000.0))
        except httpx.HTTPError as exc:
            raise error_for_exception(self.name, exc, body_started=True) from exc
        except SSEError as exc:
            raise BadResponse(str(exc), provider=self.name) from exc
        finally:
            await response.aclose()


def _read_quietly(response: httpx.Response) -> bytes:
    try:
        return response.read()
    except httpx.HTTPError:
        return b""


async def _aread_quietly(response: httpx.Response) -> bytes:
    try:
        return await response.aread()
    except httpx.HTTPError:
        return b""
