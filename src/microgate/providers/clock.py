"""A clock for fakes: time moves when a fake "waits", not while a test runs.

Example:
    >>> clock = FakeClock()
    >>> clock.sleep(1.5)
    >>> clock.now()
    1.5
"""

from __future__ import annotations

import asyncio
import time


class FakeClock:
    """Time that moves only when the fake 'waits' (or really, with ``real=True``)."""

    def __init__(self, start: float = 0.0, *, real: bool = False) -> None:
        self._now = start
        self.real = real

    def now(self) -> float:
        return self._now

    def sleep(self, seconds: float) -> None:
        self._now += seconds
        if self.real and seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        self._now += seconds
        await asyncio.sleep(seconds if self.real else 0)
