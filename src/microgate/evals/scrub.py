"""Scrubbing secrets out of recorded HTTP traffic, before anything is written.

Three layers: known secret headers (``Authorization``, ``x-api-key``...) and secret-named
query parameters and JSON fields (``api_key``, ``token``... plus configured ``fields``) are
replaced by :data:`REDACTED`; every secret *value* seen in those places is then also replaced
wherever else it appears (a key echoed in an error message); and key-shaped strings
(``sk-...``) are masked in all recorded text.

Example:
    >>> scrubber = Scrubber(fields=["customer_email"])
    >>> scrubber.headers({"Authorization": "Bearer sk-abcdefghijkl", "Accept": "*/*"})
    {'authorization': '<REDACTED>', 'accept': '*/*'}
    >>> scrubber.text("echo: Bearer sk-abcdefghijkl")
    'echo: <REDACTED>'
    >>> scrubber.json({"api_key": "k1", "customer_email": "a@b.example", "n": 1})
    {'api_key': '<REDACTED>', 'customer_email': '<REDACTED>', 'n': 1}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "<REDACTED>"
SECRET_HEADERS = frozenset({
    "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie",
    "x-goog-api-key", "openai-organization", "openai-project", "x-auth-token",
})
SECRET_FIELDS = frozenset({
    "api_key", "apikey", "key", "token", "access_token", "refresh_token", "id_token",
    "secret", "client_secret", "password", "authorization", "auth", "bearer", "session",
})
_KEY_SHAPED = re.compile(r"\b(?:sk|pk|rk)-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_\-]{12,}")
_MIN_SECRET = 6
_AUTH_SCHEMES = frozenset({"bearer", "basic", "digest", "token", "negotiate"})


def _norm(name: str) -> str:
    return name.lower().replace("-", "_")


class Scrubber:
    """Scrubs one cassette's traffic; remembers the secret values it has seen."""

    def __init__(self, fields: Iterable[str] = ()) -> None:
        self.fields = frozenset(_norm(f) for f in fields) | SECRET_FIELDS
        self.seen: set[str] = set()

    def _remember(self, value: str) -> None:
        for part in (value, *value.split()):
            if len(part) >= _MIN_SECRET and part.lower() not in _AUTH_SCHEMES:
                self.seen.add(part)

    def headers(self, headers: Mapping[str, str], drop: Iterable[str] = ()) -> dict[str, str]:
        dropped = {d.lower() for d in drop}
        out: dict[str, str] = {}
        for name, value in headers.items():
            key = name.lower()
            if key in dropped or any(key.startswith(d[:-1]) for d in dropped if d.endswith("*")):
                continue
            if key in SECRET_HEADERS or _norm(key) in self.fields:
                self._remember(value)
                out[key] = REDACTED
            else:
                out[key] = value
        return out

    def url(self, url: str) -> str:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, host = netloc.rpartition("@")
            self._remember(userinfo.partition(":")[2] or userinfo)
            netloc = f"{REDACTED}@{host}"
        query = []
        for name, value in sorted(parse_qsl(parts.query, keep_blank_values=True)):
            if _norm(name) in self.fields:
                self._remember(value)
                value = REDACTED
            query.append((name, value))
        return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), ""))

    def json(self, value: Any) -> Any:
        if isinstance(value, dict):
            out = {}
            for name, item in value.items():
                if _norm(str(name)) in self.fields and item not in (None, "", [], {}):
                    if isinstance(item, str):
                        self._remember(item)
                    out[name] = REDACTED
                else:
                    out[name] = self.json(item)
            return out
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def text(self, text: str) -> str:
        for secret in sorted(self.seen, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return _KEY_SHAPED.sub(REDACTED, text)
