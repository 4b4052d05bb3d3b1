"""Reproducible randomness: every draw is a hash of (seed, stream key, repeat, purpose).

A request's *stream key* is its case id when it has one, else a hash of its content (API,
model, system prompt and messages); *repeat* counts earlier requests with the same key since
the last reset.  Each decision (fault, hallucination, wrong fact, latency) reads its own named
uniform, so adding a fault to a scenario does not move which requests hallucinate.  (The
common purposes are fixed 8-byte slots of one 64-byte BLAKE2b digest, which is computed once
per request; other purposes hash on their own.)

Because counters are per key, the outputs do not depend on how requests with *different*
keys interleave: two runs with the same seed give identical answers as long as, for every
key, the requests with that key arrive in the same order.  Identical requests sent
concurrently are interchangeable; which connection gets which of their replies is not
defined.  The one exception is ``everyNth`` fault injection, which counts all chat requests
in arrival order.

Example:
    >>> d = Draws(42, "case:q1", 0)
    >>> d.uniform("latency") == Draws(42, "case:q1", 0).uniform("latency")
    True
    >>> d.uniform("latency") == d.uniform("fault")
    False
"""

from __future__ import annotations

import hashlib
import random

_SCALE = 2.0**-53


SLOTS = {"fault": 0, "hallucination": 1, "wrong": 2, "latency": 3}
ID_BYTES = slice(32, 44)


class Draws:
    """Named uniform draws in [0, 1) for one request."""

    __slots__ = ("_digest", "_prefix")

    def __init__(self, seed: int, key: str, repeat: int) -> None:
        self._prefix = f"{seed}\x1f{key}\x1f{repeat}\x1f".encode()
        self._digest = b""

    def _slots(self) -> bytes:
        if not self._digest:
            self._digest = hashlib.blake2b(self._prefix, digest_size=64).digest()
        return self._digest

    def uniform(self, purpose: str) -> float:
        slot = SLOTS.get(purpose)
        if slot is None:
            digest = hashlib.blake2b(self._prefix + purpose.encode(), digest_size=8).digest()
        else:
            digest = self._slots()[slot * 8 : slot * 8 + 8]
        return (int.from_bytes(digest, "big") >> 11) * _SCALE

    def request_id(self) -> str:
        """A 24-hex-digit identifier derived from the same inputs (response ids)."""
        return self._slots()[ID_BYTES].hex()


def content_key(*parts: str) -> str:
    """A stable hash of a request's text parts (API, model, message texts)."""
    text = "\x1e".join(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def case_random(seed: int, purpose: str, case: str) -> random.Random:
    """A generator fixed by (seed, purpose, case), e.g. for a case's propensity."""
    return random.Random(f"{seed}\x1f{purpose}\x1f{case}")  # noqa: S311 - simulation, not security
