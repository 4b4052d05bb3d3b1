"""A small HTTP/1.1 server on asyncio: keep-alive, Content-Length and chunked (SSE) replies.

Why not Starlette on uvicorn: ``bench/simulated_server.py --starlette`` serves the same
simulator behind one Starlette route on uvicorn (pure-Python ``h11``; ``httptools`` and
``uvloop`` are not installed here).  On this 2-core machine that measured about 1,500
requests/s at ~560 us of server CPU per request, below the 2,000 req/s target; this module
measured about 4,500 requests/s at ~200 us per request (the simulation itself is ~90 us of
that).  It is a bare ``asyncio.Protocol`` made complete enough for HTTP clients: request
bodies by Content-Length or chunked encoding, ``Expect: 100-continue``, pipelined requests
served in order, HTTP/1.0, bounded headers and bodies, and replies that are written at once
(the fast path: no task, no timer) or, when they carry a delay, by a task that sleeps between
SSE chunks and can drop the connection mid-body to simulate a truncated stream.

The handler is a plain function ``HttpRequest -> Reply``; all waiting is described by the
reply's ``delay_s`` / ``part_delay_s`` and done here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from http import HTTPStatus

from microgate.simulator.httpmsg import HttpError, HttpRequest, Reply, json_reply, parse_request

_log = logging.getLogger(__name__)


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _head(reply: Reply, keep_alive: bool) -> bytes:
    lines = [
        f"HTTP/1.1 {reply.status} {_reason(reply.status)}",
        f"content-type: {reply.content_type}",
    ]
    if reply.parts is None:
        lines.append(f"content-length: {len(reply.body)}")
    else:
        lines += ["transfer-encoding: chunked", "cache-control: no-cache"]
    lines += [f"{name}: {value}" for name, value in reply.headers]
    if not keep_alive:
        lines.append("connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _chunk(part: bytes) -> bytes:
    return b"%x\r\n%b\r\n" % (len(part), part)


Handler = Callable[[HttpRequest], Reply]


class _Connection(asyncio.Protocol):
    def __init__(self, server: HttpServer) -> None:
        self._server = server
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self._continued = False
        self._writable = asyncio.Event()
        self._writable.set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self._server.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        self._server.connections.discard(self)
        self._writable.set()
        if self._task is not None:
            self._task.cancel()

    def pause_writing(self) -> None:
        self._writable.clear()

    def resume_writing(self) -> None:
        self._writable.set()

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if self._task is None:
            self._serve()

    def close(self) -> None:
        if not self._closed and self._transport is not None:
            self._closed = True
            self._transport.close()

    def _serve(self) -> None:
        transport = self._transport
        while not self._closed and self._task is None and transport is not None:
            try:
                parsed = parse_request(self._buffer)
            except HttpError as exc:
                error = json_reply(
                    exc.status, {"error": {"message": str(exc), "type": "http_error"}}
                )
                self._write(error, keep_alive=False)
                return
            if parsed is None:
                return
            request, consumed, keep_alive, expects = parsed
            if expects:
                if not self._continued:
                    self._continued = True
                    transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                return
            self._continued = False
            del self._buffer[:consumed]
            try:
                reply = self._server.handler(request)
            except Exception:  # a simulator bug must not kill the connection silently
                _log.exception("simulated model server: handler failed")
                reply = json_reply(500, {"error": {"message": "simulator bug", "type": "bug"}})
            if reply.immediate:
                self._write(reply, keep_alive)
            else:
                self._task = asyncio.get_running_loop().create_task(
                    self._deliver(reply, keep_alive)
                )

    def _write(self, reply: Reply, keep_alive: bool) -> None:
        assert self._transport is not None
        head = _head(reply, keep_alive)
        cut = reply.cut_after
        if reply.parts is None:
            self._transport.write(head + (reply.body if cut is None else reply.body[:cut]))
        else:
            chunks = b"".join(_chunk(p) for p in reply.parts[:cut])
            self._transport.write(head + chunks + (b"0\r\n\r\n" if cut is None else b""))
        if cut is not None or not keep_alive:
            self.close()

    async def _deliver(self, reply: Reply, keep_alive: bool) -> None:
        try:
            if reply.delay_s > 0:
                await asyncio.sleep(reply.delay_s)
            if reply.parts is None or self._transport is None:
                self._write(reply, keep_alive)
                return
            self._transport.write(_head(reply, keep_alive))
            for index, part in enumerate(reply.parts):
                if reply.cut_after is not None and index >= reply.cut_after:
                    self.close()
                    return
                if index and reply.part_delay_s > 0:
                    await asyncio.sleep(reply.part_delay_s)
                if self._closed:
                    return
                self._transport.write(_chunk(part))
                await self._writable.wait()
            self._transport.write(b"0\r\n\r\n")
            if not keep_alive:
                self.close()
        finally:
            self._task = None
            if not self._closed:
                asyncio.get_running_loop().call_soon(self._serve)


class HttpServer:
    """Serves ``handler`` on a host and port from the running event loop."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.connections: set[_Connection] = set()
        self._server: asyncio.Server | None = None

    async def start(self, host: str, port: int) -> int:
        """Listen; return the bound port (``port=0`` picks a free one)."""
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: _Connection(self), host, port, backlog=2048, reuse_address=True
        )
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        """Stop listening and drop every open connection (held requests included)."""
        if self._server is not None:
            self._server.close()
        for connection in list(self.connections):
            connection.close()
        if self._server is not None:
            await self._server.wait_closed()
