"""Every fault an endpoint can produce surfaces as exactly one typed error, for both HTTP
providers, sync and async, whole and streamed, over real HTTP on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from microgate.providers import (
    AnthropicProvider,
    AuthenticationError,
    BadRequest,
    BadResponse,
    ChatRequest,
    ConnectionFailed,
    ContentFiltered,
    OpenAICompatibleProvider,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
)
from microgate.providers.errors import ALL_ERRORS

# Assembled at run time so no scanner mistakes it for a leaked key.
FAKE_KEY = "sk-" + "test" + "Q7xW2mZ9" * 4

MODES = ["complete", "acomplete", "stream", "astream"]
WHOLE = {"complete", "acomplete"}
STREAMED = {"stream", "astream"}


def _error(dialect: str, kind: str, message: str) -> bytes:
    if dialect == "anthropic":
        return json.dumps({"type": "error", "error": {"type": kind, "message": message}}).encode()
    return json.dumps({"error": {"message": message, "type": kind, "code": kind}}).encode()


def status(code: int, kind: str = "api_error", **headers: str) -> Callable[..., None]:
    def setup(server: Any, dialect: str, streaming: bool) -> None:
        message = f"HTTP {code} for key {FAKE_KEY}"
        server.push(server.make(code, headers, _error(dialect, kind, message)))

    return setup


def body(openai: bytes, anthropic: bytes, stream_openai: str | None = None,
         stream_anthropic: tuple[str, str] | None = None) -> Callable[..., None]:
    def setup(server: Any, dialect: str, streaming: bool) -> None:
        if streaming:
            if dialect == "openai":
                assert stream_openai is not None
                server.stream(server.sse((None, stream_openai)))
            else:
                assert stream_anthropic is not None
                server.stream(server.sse(stream_anthropic))
        else:
            server.push(server.make(200, {}, openai if dialect == "openai" else anthropic))

    return setup


def rate_reset(server: Any, dialect: str, streaming: bool) -> None:
    if dialect == "openai":
        headers = {"x-ratelimit-reset-requests": "1.5s", "x-ratelimit-remaining-requests": "0",
                   "x-ratelimit-reset-tokens": "6m0s", "x-ratelimit-remaining-tokens": "900"}
    else:
        soon = (datetime.now(UTC) + timedelta(seconds=30)).isoformat().replace("+00:00", "Z")
        headers = {"anthropic-ratelimit-requests-reset": soon,
                   "anthropic-ratelimit-requests-remaining": "0"}
    server.push(server.make(429, headers, _error(dialect, "rate_limit_error", "slow down")))


def rate_date(server: Any, dialect: str, streaming: bool) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    server.push(server.make(429, {"retry-after": when}, b""))


def stall(server: Any, dialect: str, streaming: bool) -> None:
    server.push(server.make(200, {}, b"{}", stall=True))


def drop(server: Any, dialect: str, streaming: bool) -> None:
    server.push(server.make(200, {}, b"", drop=True))


def cut(server: Any, dialect: str, streaming: bool) -> None:
    if streaming:
        frames = (server.openai_frames(["Hel", "lo"]) if dialect == "openai"
                  else server.anthropic_frames(["Hel", "lo"]))
        server.stream(frames[:3], cut=True)
    else:
        data = server.openai_body("Hello") if dialect == "openai" else server.anthropic_body("Hi")
        server.push(server.make(200, {}, json.dumps(data).encode()[:40], cut=True))


def no_end_marker(server: Any, dialect: str, streaming: bool) -> None:
    if dialect == "openai":
        server.openai_stream(["Hel", "lo"], done=False)
    else:
        server.anthropic_stream(["Hel", "lo"], done=False)


def filtered(server: Any, dialect: str, streaming: bool) -> None:
    if dialect == "openai":
        (server.openai_stream(["x"], finish="content_filter") if streaming
         else server.openai_reply("", finish="content_filter"))
    else:
        (server.anthropic_stream(["x"], stop="refusal") if streaming
         else server.anthropic_reply("", stop="refusal"))


def refused(server: Any, dialect: str, streaming: bool) -> None:
    """Point the provider at a port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        server.url = f"http://127.0.0.1:{sock.getsockname()[1]}"


def html_502(server: Any, dialect: str, streaming: bool) -> None:
    server.push(server.make(502, {"content-type": "text/html"}, b"<html>Bad gateway</html>"))


def redirect(server: Any, dialect: str, streaming: bool) -> None:
    server.push(server.make(302, {"location": "http://127.0.0.1:1/"}, b""))


ANTHROPIC_OVERLOADED = json.dumps({"type": "error", "error": {"type": "overloaded_error",
                                                               "message": "Overloaded"}})
OPENAI_STREAM_ERROR = json.dumps({"error": {"message": "boom", "type": "server_error"}})

FAULTS: list[tuple[str, Callable[..., None], type[ProviderError], set[str]]] = [
    ("429-retry-after-seconds", status(429, "rate_limit_error", **{"retry-after": "7"}),
     RateLimited, set(MODES)),
    ("429-retry-after-date", rate_date, RateLimited, set(MODES)),
    ("429-reset-headers", rate_reset, RateLimited, set(MODES)),
    ("429-insufficient-quota", status(429, "insufficient_quota"), RateLimited, set(MODES)),
    ("500", status(500), ServerError, set(MODES)),
    ("503", status(503), ServerError, set(MODES)),
    ("529-overloaded", status(529, "overloaded_error"), ServerError, set(MODES)),
    ("502-html", html_502, ServerError, set(MODES)),
    ("401", status(401, "authentication_error"), AuthenticationError, set(MODES)),
    ("403", status(403, "permission_error"), AuthenticationError, set(MODES)),
    ("400", status(400, "invalid_request_error"), BadRequest, set(MODES)),
    ("404", status(404, "not_found_error"), BadRequest, set(MODES)),
    ("422", status(422, "invalid_request_error"), BadRequest, set(MODES)),
    ("400-content-filter-code", status(400, "content_filter"), ContentFiltered, set(MODES)),
    ("408", status(408), ProviderTimeout, set(MODES)),
    ("read-timeout", stall, ProviderTimeout, set(MODES)),
    ("connection-refused", refused, ConnectionFailed, set(MODES)),
    ("dropped-without-response", drop, ConnectionFailed, set(MODES)),
    ("redirect", redirect, BadResponse, set(MODES)),
    ("malformed-json", body(b"{not json", b"{not json", "{not json",
                            ("content_block_delta", "{not json")), BadResponse, set(MODES)),
    ("invalid-utf8", body(b"\xff\xfe{", b"\xff\xfe{"), BadResponse, WHOLE),
    ("missing-fields", body(b'{"id": "x"}', b'{"id": "x", "type": "message"}',
                            '{"choices": [{"index": 0, "delta": {"content": 5}}]}',
                            ("content_block_delta", '{"type": "content_block_delta", '
                             '"delta": {"type": "text_delta"}}')), BadResponse, set(MODES)),
    ("json-not-object", body(b"[1, 2]", b'"text"', "[1, 2]", ("message_start", "[1]")),
     BadResponse, set(MODES)),
    ("body-cut-short", cut, BadResponse, set(MODES)),
    ("stream-without-end-marker", no_end_marker, BadResponse, STREAMED),
    ("content-filtered", filtered, ContentFiltered, set(MODES)),
    ("error-object-in-200", body(OPENAI_STREAM_ERROR.encode(), ANTHROPIC_OVERLOADED.encode(),
                                 OPENAI_STREAM_ERROR, ("error", ANTHROPIC_OVERLOADED)),
     ServerError, set(MODES)),
]

CASES = [
    pytest.param(dialect, setup, expected, mode, id=f"{dialect}-{fault}-{mode}")
    for fault, setup, expected, modes in FAULTS
    for dialect in ("openai", "anthropic")
    for mode in MODES
    if mode in modes
]


def make_provider(dialect: str, url: str) -> OpenAICompatibleProvider | AnthropicProvider:
    cls = OpenAICompatibleProvider if dialect == "openai" else AnthropicProvider
    return cls(url, FAKE_KEY, timeout=0.5, connect_timeout=0.5, trust_env=False)


def run(provider: OpenAICompatibleProvider | AnthropicProvider, mode: str) -> Any:
    request = ChatRequest.of("model-x", "Hello?", system="Be brief.", timeout=0.3)

    async def collect() -> Any:
        try:
            if mode == "acomplete":
                return await provider.acomplete(request)
            return [event async for event in provider.astream(request)]
        finally:
            await provider.aclose()

    try:
        if mode == "complete":
            return provider.complete(request)
        if mode == "stream":
            return list(provider.stream(request))
        return asyncio.run(collect())
    finally:
        provider.close()


@pytest.mark.parametrize(("dialect", "setup", "expected", "mode"), CASES)
def test_fault_maps_to_exactly_one_typed_error(
    canned_server: Any, dialect: str, setup: Callable[..., None],
    expected: type[ProviderError], mode: str,
) -> None:
    setup(canned_server, dialect, mode in STREAMED)
    provider = make_provider(dialect, canned_server.url)

    with pytest.raises(ProviderError) as caught:
        run(provider, mode)

    error = caught.value
    assert type(error) is expected
    assert [t for t in ALL_ERRORS if isinstance(error, t)] == [expected]
    assert error.provider == dialect
    assert FAKE_KEY not in str(error) and FAKE_KEY[3:20] not in str(error)
    if isinstance(error, RateLimited):
        assert error.status == 429
    if expected in (ServerError, AuthenticationError, BadRequest):
        assert error.status is not None


@pytest.mark.parametrize(("headers", "expected"), [
    ({"retry-after": "7"}, 7.0),
    ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
])
@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_rate_limit_carries_retry_after(
    canned_server: Any, dialect: str, headers: dict[str, str], expected: float
) -> None:
    canned_server.push(canned_server.make(429, headers, b"{}"))
    with pytest.raises(RateLimited) as caught:
        run(make_provider(dialect, canned_server.url), "complete")
    assert caught.value.retry_after == expected
    assert caught.value.retryable


@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_reset_headers_give_the_exhausted_limits_wait(canned_server: Any, dialect: str) -> None:
    rate_reset(canned_server, dialect, False)
    with pytest.raises(RateLimited) as caught:
        run(make_provider(dialect, canned_server.url), "complete")
    assert caught.value.retry_after is not None
    assert 0 < caught.value.retry_after <= 31  # the exhausted limit, not the 6-minute one


def test_quota_exhaustion_is_rate_limited_but_not_retryable(canned_server: Any) -> None:
    status(429, "insufficient_quota")(canned_server, "openai", False)
    with pytest.raises(RateLimited) as caught:
        run(make_provider("openai", canned_server.url), "complete")
    assert not caught.value.retryable


@pytest.mark.parametrize("mode", sorted(STREAMED))
@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_truncated_stream_yields_what_arrived_then_raises(
    canned_server: Any, dialect: str, mode: str
) -> None:
    no_end_marker(canned_server, dialect, True)
    provider = make_provider(dialect, canned_server.url)
    seen: list[str] = []

    async def consume() -> None:
        async for event in provider.astream(ChatRequest.of("m", "hi")):
            seen.append(event.delta)

    with pytest.raises(BadResponse, match="stream ended before"):
        if mode == "stream":
            for event in provider.stream(ChatRequest.of("m", "hi")):
                seen.append(event.delta)
        else:
            asyncio.run(consume())
    assert seen == ["Hel", "lo"]
