"""How long a rate-limited caller should wait, from the response headers.

Order of preference: ``retry-after-ms``; ``retry-after`` (seconds or an HTTP-date); then the
providers' reset headers for the exhausted limit: OpenAI's ``x-ratelimit-reset-{requests,
tokens}`` (durations such as ``6m0s``, ``20ms``) and Anthropic's
``anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset`` (RFC 3339 times).
When no limit says it is exhausted (``remaining: 0``) the longest reset is used.

Example:
    >>> retry_after_seconds({"Retry-After": "3"})
    3.0
    >>> retry_after_seconds({"x-ratelimit-reset-tokens": "1m30.5s"})
    90.5
    >>> retry_after_seconds({}) is None
    True
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_OPENAI_LIMITS = ("requests", "tokens")
_ANTHROPIC_LIMITS = ("requests", "tokens", "input-tokens", "output-tokens")


def parse_duration(text: str) -> float | None:
    """OpenAI-style duration (``1h2m3.5s``, ``20ms``, ``7``) in seconds, or None."""
    text = text.strip()
    if not text:
        return None
    try:
        return _non_negative(float(text))
    except ValueError:
        pass
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            return None
        total += float(match.group(1)) * _UNIT[match.group(2)]
        pos = match.end()
    return total if pos == len(text) else None


def parse_retry_after(value: str, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds (``120``, ``1.5``) or an HTTP-date, in seconds from now."""
    value = value.strip()
    try:
        return _non_negative(float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return _until(when, now)


def parse_timestamp(value: str, now: datetime | None = None) -> float | None:
    """An RFC 3339 reset time (``2024-05-01T12:00:05Z``) as seconds from now."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return _until(when, now)


def retry_after_seconds(
    headers: Mapping[str, str], now: datetime | None = None
) -> float | None:
    """Seconds to wait before retrying, from any of the known headers; None if unknown."""
    lower = {k.lower(): v for k, v in headers.items()}
    if "retry-after-ms" in lower:
        millis = parse_duration(lower["retry-after-ms"])
        if millis is not None:
            return millis / 1000.0
    if "retry-after" in lower:
        seconds = parse_retry_after(lower["retry-after"], now)
        if seconds is not None:
            return seconds
    openai = _resets(lower, "x-ratelimit-reset-{}", "x-ratelimit-remaining-{}",
                     _OPENAI_LIMITS, parse_duration)
    anthropic = _resets(lower, "anthropic-ratelimit-{}-reset", "anthropic-ratelimit-{}-remaining",
                        _ANTHROPIC_LIMITS, lambda v: parse_timestamp(v, now))
    return _pick(openai + anthropic)


def _resets(
    headers: Mapping[str, str],
    reset_name: str,
    remaining_name: str,
    limits: tuple[str, ...],
    parse: Callable[[str], float | None],
) -> list[tuple[bool, float]]:
    found: list[tuple[bool, float]] = []
    for limit in limits:
        raw = headers.get(reset_name.format(limit))
        seconds = parse(raw) if raw is not None else None
        if seconds is not None:
            exhausted = headers.get(remaining_name.format(limit), "").strip() == "0"
            found.append((exhausted, seconds))
    return found


def _pick(resets: list[tuple[bool, float]]) -> float | None:
    exhausted = [s for hit, s in resets if hit]
    candidates = exhausted or [s for _, s in resets]
    return max(candidates) if candidates else None


def _until(when: datetime, now: datetime | None) -> float:
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def _non_negative(value: float) -> float | None:
    if math.isnan(value) or math.isinf(value):
        return None
    return max(0.0, value)
