"""The server's own record of every request it received and what it answered.

Entries are JSON-ready dicts kept in a bounded ring (oldest dropped first) and numbered from 1
by ``seq``; ``entries(since=N)`` returns those after N.  Credentials never enter the log:
``Authorization``, ``x-api-key`` and similar headers are replaced by ``"[redacted]"``.

Example:
    >>> log = RequestLog(capacity=2)
    >>> for n in range(3):
    ...     _ = log.append({"path": f"/p{n}"})
    >>> [e["seq"] for e in log.entries()], [e["path"] for e in log.entries(since=2)]
    ([2, 3], ['/p2'])
    >>> redact_headers({"Authorization": "Bearer sk-1", "X-Trace": "t"})
    {'Authorization': '[redacted]', 'X-Trace': 't'}
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Mapping
from typing import Any

REDACTED = "[redacted]"
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "x-goog-api-key"}
)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with credential headers replaced by ``[redacted]``."""
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


def _percentile(ordered: list[float], q: float) -> float | None:
    if not ordered:
        return None
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 3)


class RequestLog:
    """A thread-safe bounded ring of log entries."""

    def __init__(self, capacity: int = 100_000) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=capacity)
        self._seq = 0
        self._lock = threading.Lock()

    def append(self, entry: dict[str, Any]) -> int:
        """Number ``entry`` (sets its ``seq``), keep it, and return the number."""
        with self._lock:
            self._seq += 1
            entry["seq"] = self._seq
            self._entries.append(entry)
            return self._seq

    @property
    def last_seq(self) -> int:
        return self._seq

    def clear(self) -> None:
        """Drop every entry; numbering restarts at 1."""
        with self._lock:
            self._entries.clear()
            self._seq = 0

    def entries(self, since: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        """Entries with ``seq`` greater than ``since``, oldest first, at most ``limit``."""
        with self._lock:
            first = self._entries[0]["seq"] if self._entries else 1
            start = max(0, since - first + 1)
            chosen = [self._entries[i] for i in range(start, len(self._entries))]
        return chosen if limit is None else chosen[:limit]

    def stats(self) -> dict[str, Any]:
        """Counts, the realised hallucination rate, latency percentiles, tokens and cost."""
        entries = self.entries()
        chat = [e for e in entries if "answer" in e]
        clean_facts = [e for e in chat if e["fault"] is None and e["answer"]["fact"] is not None]
        hallucinated = sum(1 for e in clean_facts if e["answer"]["hallucinated"])
        latencies = sorted(e["latencyMs"] for e in chat)
        return {
            "requests": len(entries),
            "chatRequests": len(chat),
            "byStatus": dict(Counter(str(e["status"]) for e in entries)),
            "byModel": dict(Counter(e["model"] for e in chat)),
            "faults": dict(Counter(e["fault"] for e in chat if e["fault"])),
            "factAnswers": len(clean_facts),
            "hallucinated": hallucinated,
            "hallucinationRate": hallucinated / len(clean_facts) if clean_facts else None,
            "latencyMs": {
                "p50": _percentile(latencies, 0.50),
                "p95": _percentile(latencies, 0.95),
                "p99": _percentile(latencies, 0.99),
            },
            "promptTokens": sum(e["usage"]["promptTokens"] for e in chat),
            "completionTokens": sum(e["usage"]["completionTokens"] for e in chat),
            "costUsd": round(sum(e["costUsd"] for e in chat), 10),
        }
