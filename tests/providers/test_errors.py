"""Typed errors: messages, retryability, pickling, scrubbing of provider error text."""

from __future__ import annotations

import pickle

import pytest

from microgate.providers.errors import (
    ALL_ERRORS,
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
from microgate.providers.faults import error_for_payload, error_for_status

RETRYABLE = {RateLimited, ProviderTimeout, ServerError, ConnectionFailed, BadResponse}


@pytest.mark.parametrize("cls", ALL_ERRORS)
def test_each_error_is_a_provider_error_with_a_default_retry_policy(
    cls: type[ProviderError],
) -> None:
    error = cls(provider="p") if cls is not RateLimited else RateLimited(None, provider="p")
    assert isinstance(error, ProviderError)
    assert error.retryable is (cls in RETRYABLE)
    assert str(error).startswith("p: ")


@pytest.mark.parametrize("error", [
    RateLimited(1.5, "slow", provider="openai", retryable=False),
    ServerError("down", provider="anthropic", status=503),
    BadResponse("cut", provider="x"),
])
def test_errors_survive_pickling(error: ProviderError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert (copy.provider, copy.status, copy.retryable) == (
        error.provider, error.status, error.retryable)


def test_rate_limited_message() -> None:
    assert str(RateLimited(0.5, provider="openai")) == (
        "openai: rate limited (HTTP 429), retry after 0.5s")
    assert str(RateLimited()) == "rate limited (HTTP 429)"


@pytest.mark.parametrize(("text", "secret", "expected"), [
    ("Incorrect API key provided: sk-proj-abcdefgh1234", "", "Incorrect API key provided: sk-***"),
    ("key abc is wrong", "abc", "key *** is wrong"),
    ("token " + "A" * 40, "", "token ***"),
    ("line\n  two", "", "line two"),
    ("ab " * 100, "", ("ab " * 100)[:199] + "…"),
])
def test_scrub_detail(text: str, secret: str, expected: str) -> None:
    assert scrub_detail(text, secret) == expected


@pytest.mark.parametrize(("status", "cls"), [
    (400, BadRequest), (401, AuthenticationError), (403, AuthenticationError),
    (404, BadRequest), (408, ProviderTimeout), (409, BadRequest), (413, BadRequest),
    (422, BadRequest), (429, RateLimited), (500, ServerError), (502, ServerError),
    (503, ServerError), (504, ServerError), (529, ServerError), (301, BadResponse),
    (304, BadResponse),
])
def test_every_status_maps_to_one_type(status: int, cls: type[ProviderError]) -> None:
    error = error_for_status("p", status, {}, b"")
    assert type(error) is cls
    assert [t for t in ALL_ERRORS if isinstance(error, t)] == [cls]


def test_status_error_detail_is_scrubbed_of_the_key() -> None:
    key = "sk-" + "abc" * 10
    body = b'{"error": {"message": "Incorrect API key provided: ' + key.encode() + b'"}}'
    error = error_for_status("openai", 401, {}, body, key)
    assert key not in str(error) and "Incorrect API key" in str(error)


@pytest.mark.parametrize(("payload", "cls"), [
    ({"type": "error", "error": {"type": "overloaded_error"}}, ServerError),
    ({"error": {"type": "rate_limit_error"}}, RateLimited),
    ({"error": {"code": "rate_limit_exceeded"}}, RateLimited),
    ({"error": {"type": "invalid_request_error"}}, BadRequest),
    ({"error": {"type": "authentication_error"}}, AuthenticationError),
    ({"error": {"type": "timeout_error"}}, ProviderTimeout),
    ({"error": {"type": "something_new"}}, ServerError),
    ({"error": "text"}, ServerError),
    ({"error": {"code": "content_filter"}}, ContentFiltered),
])
def test_payload_errors(payload: dict[str, object], cls: type[ProviderError]) -> None:
    assert type(error_for_payload("p", payload)) is cls
