"""A canned HTTP server on loopback for provider tests.

``canned_server`` answers each request with the next queued :class:`Canned` response (the
last one repeats) and records what it received. Builders on the server queue
OpenAI- and Anthropic-shaped answers, SSE streams and faults: a stalled answer (for
timeouts), a body cut short, a connection dropped mid-stream.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Canned:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    chunks: list[bytes] | None = None  # sent with chunked transfer encoding
    cut: bool = False  # close the connection before the body is complete
    stall: bool = False  # wait until the test releases the server (client times out)
    drop: bool = False  # close the connection without any response


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client: tuple[str, int] = ("", 0)

    def json(self) -> Any:
        return json.loads(self.body)


def sse(*events: tuple[str | None, Any]) -> list[bytes]:
    """SSE frames: (event name or None, JSON-able data or a raw string)."""
    frames = []
    for name, data in events:
        text = data if isinstance(data, str) else json.dumps(data)
        head = f"event: {name}\n" if name else ""
        frames.append(f"{head}data: {text}\n\n".encode())
    return frames


class CannedServer:
    def __init__(self) -> None:
        self.queue: list[Canned] = []
        self.received: list[Received] = []
        self.release = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                server.received.append(
                    Received("POST", self.path, {k.lower(): v for k, v in self.headers.items()},
                             body, self.client_address)
                )
                server.answer(self, server.next())

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *args: None  # type: ignore[method-assign]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def next(self) -> Canned:
        with self._lock:
            if not self.queue:
                return Canned(500, body=b'{"error": "nothing queued"}')
            return self.queue.pop(0) if len(self.queue) > 1 else self.queue[0]

    def answer(self, handler: BaseHTTPRequestHandler, canned: Canned) -> None:
        if canned.stall:
            self.release.wait(10)
        if canned.drop:
            handler.close_connection = True
            return
        handler.send_response(canned.status)
        headers = {"content-type": "application/json", **canned.headers}
        if canned.chunks is not None:
            headers.setdefault("content-type", "text/event-stream")
            headers["transfer-encoding"] = "chunked"
        else:
            headers["content-length"] = str(len(canned.body) + (50 if canned.cut else 0))
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        if canned.chunks is None:
            handler.wfile.write(canned.body)
        else:
            for chunk in canned.chunks:
                handler.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                handler.wfile.flush()
            if not canned.cut:
                handler.wfile.write(b"0\r\n\r\n")
        handler.wfile.flush()
        if canned.cut:
            handler.close_connection = True

    # -- builders ---------------------------------------------------------------------------
    def make(self, status: int, headers: dict[str, str], body: bytes, **kw: Any) -> Canned:
        return Canned(status, headers, body, **kw)

    def push(self, canned: Canned) -> CannedServer:
        self.queue.append(canned)
        return self

    def json(self, data: Any, status: int = 200, **headers: str) -> CannedServer:
        return self.push(Canned(status, headers, json.dumps(data).encode()))

    def stream(self, frames: list[bytes], **kw: Any) -> CannedServer:
        return self.push(Canned(200, {"content-type": "text/event-stream"}, chunks=frames, **kw))

    def openai_reply(self, text: str = "Hello there", finish: str = "stop") -> CannedServer:
        return self.json(openai_body(text, finish))

    def openai_stream(self, deltas: list[str], finish: str = "stop", done: bool = True,
                      usage: bool = True) -> CannedServer:
        return self.stream(openai_frames(deltas, finish, done, usage))

    def anthropic_reply(self, text: str = "Hello there", stop: str = "end_turn") -> CannedServer:
        return self.json(anthropic_body(text, stop))

    def anthropic_stream(self, deltas: list[str], stop: str = "end_turn",
                         done: bool = True) -> CannedServer:
        return self.stream(anthropic_frames(deltas, stop, done))


def openai_body(text: str, finish: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "gpt-test",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                     "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17},
    }


def openai_frames(deltas: list[str], finish: str = "stop", done: bool = True,
                  usage: bool = True) -> list[bytes]:
    base = {"id": "chatcmpl-2", "object": "chat.completion.chunk", "created": 1,
            "model": "gpt-test"}
    events: list[tuple[str | None, Any]] = [
        (None, {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                     "finish_reason": None}]})
    ]
    events += [(None, {**base, "choices": [{"index": 0, "delta": {"content": d},
                                            "finish_reason": None}]}) for d in deltas]
    events.append((None, {**base, "choices": [{"index": 0, "delta": {},
                                               "finish_reason": finish}]}))
    if usage:
        events.append((None, {**base, "choices": [],
                              "usage": {"prompt_tokens": 12, "completion_tokens": len(deltas),
                                        "total_tokens": 12 + len(deltas)}}))
    if done:
        events.append((None, "[DONE]"))
    return sse(*events)


def anthropic_body(text: str, stop: str = "end_turn") -> dict[str, Any]:
    return {
        "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test",
        "content": [{"type": "text", "text": text}], "stop_reason": stop,
        "stop_sequence": None, "usage": {"input_tokens": 12, "output_tokens": 5},
    }


def anthropic_frames(deltas: list[str], stop: str = "end_turn",
                     done: bool = True) -> list[bytes]:
    events: list[tuple[str | None, Any]] = [
        ("message_start", {"type": "message_start", "message": {
            "id": "msg_2", "type": "message", "role": "assistant", "model": "claude-test",
            "content": [], "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": 12, "output_tokens": 1}}}),
        ("content_block_start", {"type": "content_block_start", "index": 0,
                                 "content_block": {"type": "text", "text": ""}}),
        ("ping", {"type": "ping"}),
    ]
    events += [("content_block_delta", {"type": "content_block_delta", "index": 0,
                                        "delta": {"type": "text_delta", "text": d}})
               for d in deltas]
    events += [
        ("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ("message_delta", {"type": "message_delta",
                           "delta": {"stop_reason": stop, "stop_sequence": None},
                           "usage": {"output_tokens": len(deltas)}}),
    ]
    if done:
        events.append(("message_stop", {"type": "message_stop"}))
    return sse(*events)


CannedServer.openai_body = staticmethod(openai_body)  # type: ignore[attr-defined]
CannedServer.openai_frames = staticmethod(openai_frames)  # type: ignore[attr-defined]
CannedServer.anthropic_body = staticmethod(anthropic_body)  # type: ignore[attr-defined]
CannedServer.anthropic_frames = staticmethod(anthropic_frames)  # type: ignore[attr-defined]
CannedServer.sse = staticmethod(sse)  # type: ignore[attr-defined]


@pytest.fixture
def canned_server() -> Iterator[CannedServer]:
    server = CannedServer()
    try:
        yield server
    finally:
        server.release.set()
        server.httpd.shutdown()
        server.httpd.server_close()
