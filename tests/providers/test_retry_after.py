"""Retry-After and rate-limit reset headers, as seconds to wait."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from microgate.providers.retry_after import (
    parse_duration,
    parse_retry_after,
    parse_timestamp,
    retry_after_seconds,
)

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "seconds"), [
    ("1s", 1.0), ("20ms", 0.02), ("6m0s", 360.0), ("1h2m3.5s", 3723.5), ("0.5s", 0.5),
    ("7", 7.0), ("2.5", 2.5), ("", None), ("soon", None), ("1x", None), ("s1", None),
    ("-3", 0.0), ("nan", None), ("inf", None),
])
def test_parse_duration(text: str, seconds: float | None) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0),
    ("1.5", 1.5),
    ("Wed, 01 May 2024 12:00:30 GMT", 30.0),
    ("Wed, 01 May 2024 11:59:00 GMT", 0.0),  # in the past: retry now
    ("Wednesday", None),
    ("", None),
])
def test_parse_retry_after(value: str, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize(("value", "seconds"), [
    ("2024-05-01T12:00:05Z", 5.0),
    ("2024-05-01T12:00:05.500+00:00", 5.5),
    ("2024-05-01T14:00:05+02:00", 5.0),
    ("2024-05-01T12:00:05", 5.0),  # naive: taken as UTC
    ("yesterday", None),
])
def test_parse_timestamp(value: str, seconds: float | None) -> None:
    assert parse_timestamp(value, NOW) == seconds


@pytest.mark.parametrize(("headers", "seconds"), [
    ({}, None),
    ({"Retry-After": "3"}, 3.0),
    ({"retry-after-ms": "250", "retry-after": "3"}, 0.25),
    ({"retry-after-ms": "junk", "retry-after": "3"}, 3.0),
    ({"retry-after": "junk", "x-ratelimit-reset-requests": "2s"}, 2.0),
    ({"x-ratelimit-reset-requests": "2s", "x-ratelimit-reset-tokens": "6m0s"}, 360.0),
    ({"x-ratelimit-reset-requests": "2s", "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-tokens": "6m0s", "x-ratelimit-remaining-tokens": "10"}, 2.0),
    ({"anthropic-ratelimit-tokens-reset": "2024-05-01T12:00:40Z",
      "anthropic-ratelimit-tokens-remaining": "0",
      "anthropic-ratelimit-requests-reset": "2024-05-01T12:01:00Z",
      "anthropic-ratelimit-requests-remaining": "5"}, 40.0),
    ({"anthropic-ratelimit-output-tokens-reset": "2024-05-01T12:00:10Z"}, 10.0),
    ({"retry-after": "4", "anthropic-ratelimit-requests-reset": "2024-05-01T12:01:00Z"}, 4.0),
])
def test_retry_after_seconds(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after_seconds(headers, NOW) == seconds
