"""Which httpx-compatible library an official SDK builds its clients on.

Recent ``openai`` and ``anthropic`` SDKs use ``httpx2`` (same API as httpx, different
classes; anthropic rejects an ``httpx.Client``), older ones ``httpx``. Transports handed to an
SDK must come from the same library.

Example:
    >>> import types
    >>> http_lib_for(types.ModuleType("some_sdk")).__name__ in ("httpx", "httpx2")
    True
"""

from __future__ import annotations

import sys
from types import ModuleType

import httpx


def http_lib_for(sdk: ModuleType) -> ModuleType:
    base = getattr(sdk, "_base_client", None)
    for name in ("httpx2", "httpx"):
        candidate = getattr(base, name, None)
        if isinstance(candidate, ModuleType):
            return candidate
    return sys.modules.get("httpx2") or httpx
