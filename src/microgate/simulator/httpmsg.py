"""HTTP/1.1 messages for the simulated model server: parsing requests, describing replies.

Example:
    >>> raw = b"POST /v1/x?a=1 HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 2\\r\\n\\r\\n{}"
    >>> buffer = bytearray(raw)
    >>> request, consumed, keep_alive, _ = parse_request(buffer)
    >>> request.path, request.query, request.headers["host"], request.body, keep_alive
    ('/v1/x', {'a': '1'}, 'h', b'{}', True)
    >>> consumed == len(buffer)
    True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

MAX_HEAD = 65_536
MAX_BODY = 16 * 1_048_576


@dataclass(frozen=True)
class HttpRequest:
    """One request: header names are lower-case."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Reply:
    """A response, with optional waits and an optional cut.

    ``parts`` makes a chunked body (one chunk per part, e.g. one SSE event each).
    ``cut_after`` sends only that many body bytes (or parts) and then drops the connection.
    """

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    parts: tuple[bytes, ...] | None = None
    delay_s: float = 0.0
    part_delay_s: float = 0.0
    cut_after: int | None = None

    @property
    def immediate(self) -> bool:
        return self.delay_s <= 0 and (self.parts is None or self.part_delay_s <= 0)


def json_reply(status: int, data: Any, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    """A JSON reply."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Reply(status, body, headers=headers)


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _chunked_body(buffer: bytearray, start: int) -> tuple[bytes, int] | None:
    """Decode a chunked request body from ``start``; None while incomplete."""
    body = bytearray()
    pos = start
    while True:
        eol = buffer.find(b"\r\n", pos)
        if eol < 0:
            return None
        try:
            size = int(bytes(buffer[pos:eol]).split(b";")[0], 16)
        except ValueError:
            raise HttpError(400, "bad chunk size") from None
        if size == 0:
            end = buffer.find(b"\r\n\r\n", eol)
            return (bytes(body), end + 4) if end >= 0 else None
        if len(body) + size > MAX_BODY:
            raise HttpError(413, "request body too large")
        if len(buffer) < eol + 2 + size + 2:
            return None
        body += buffer[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2


def parse_request(buffer: bytearray) -> tuple[HttpRequest, int, bool, bool] | None:
    """(request, bytes consumed, keep-alive, expects-100) from ``buffer``; None if incomplete.

    An incomplete request that asked for ``100 Continue`` comes back with ``consumed == 0``.
    """
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        if len(buffer) > MAX_HEAD:
            raise HttpError(431, "request header too large")
        return None
    lines = bytes(buffer[:end]).decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise HttpError(400, "malformed request line")
    method, target, version = parts
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise HttpError(400, "malformed header line")
        name = name.lower()
        headers[name] = f"{headers[name]}, {value.strip()}" if name in headers else value.strip()
    connection = headers.get("connection", "").lower()
    keep_alive = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
    start = end + 4
    if "chunked" in headers.get("transfer-encoding", "").lower():
        decoded = _chunked_body(buffer, start)
        if decoded is None:
            return _waiting(headers)
        body, consumed = decoded
    else:
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            raise HttpError(400, "bad content-length") from None
        if length < 0 or length > MAX_BODY:
            raise HttpError(413, "request body too large")
        if len(buffer) < start + length:
            return _waiting(headers)
        body, consumed = bytes(buffer[start : start + length]), start + length
    path, _, query = target.partition("?")
    request = HttpRequest(method, unquote(path), dict(parse_qsl(query)), headers, body)
    return request, consumed, keep_alive, False


def _waiting(headers: dict[str, str]) -> tuple[HttpRequest, int, bool, bool] | None:
    if headers.get("expect", "").lower() == "100-continue":
        return HttpRequest("", ""), 0, True, True
    return None
