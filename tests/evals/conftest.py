"""Fixtures for the evals tests: the plugin's fixtures, and a loopback model server to record.

The plugin's fixtures are imported here (not loaded with ``pytest_plugins``, which pytest only
allows in the rootdir conftest); with the ``pytest11`` entry point installed they are the same
functions. The plugin's command-line options are exercised in subprocess runs instead.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from microgate.evals.pytest_plugin import llm_cassette, mock_llm

__all__ = ["llm_cassette", "loopback_model", "mock_llm"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    received: list[dict[str, Any]]

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
        key = self.headers.get("x-api-key") or self.headers.get("authorization", "")
        self.server.received.append({"path": self.path, "body": body, "key": key})  # type: ignore[attr-defined]
        anthropic = self.path.rstrip("/").endswith("/messages")
        if body.get("model") == "echo-key":
            status, ctype = 401, "application/json"
            payload = json.dumps({"error": {"message": f"Incorrect API key provided: {key}",
                                            "type": "invalid_request_error"}}).encode()
        elif body.get("stream"):
            status, ctype, payload = 200, "text/event-stream", _stream(anthropic, body)
        else:
            status, ctype, payload = 200, "application/json", _whole(anthropic, body)
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(payload)))
        self.send_header("set-cookie", "session=abc123def456; Path=/")
        self.send_header("x-request-id", "req_1")
        self.end_headers()
        self.wfile.write(payload)


def _answer(body: dict[str, Any]) -> str:
    last = body["messages"][-1]["content"]
    return f"echo: {last}"


def _whole(anthropic: bool, body: dict[str, Any]) -> bytes:
    text = _answer(body)
    if anthropic:
        data: dict[str, Any] = {"id": "msg_1", "type": "message", "role": "assistant",
                                "model": body["model"], "stop_reason": "end_turn",
                                "content": [{"type": "text", "text": text}],
                                "usage": {"input_tokens": 3, "output_tokens": 2}}
    else:
        data = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1,
                "model": body["model"],
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}
    return json.dumps(data).encode()


def _stream(anthropic: bool, body: dict[str, Any]) -> bytes:
    text = _answer(body)
    if anthropic:
        events = [
            ("message_start", {"type": "message_start", "message": {
                "id": "msg_2", "model": body["model"], "usage": {"input_tokens": 3,
                                                                 "output_tokens": 0}}}),
            ("content_block_delta", {"type": "content_block_delta",
                                     "delta": {"type": "text_delta", "text": text}}),
            ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                               "usage": {"output_tokens": 2}}),
            ("message_stop", {"type": "message_stop"}),
        ]
        return b"".join(f"event: {n}\ndata: {json.dumps(d)}\n\n".encode() for n, d in events)
    chunks = [
        {"id": "c", "model": body["model"], "choices": [{"index": 0, "delta": {"content": text},
                                                         "finish_reason": None}]},
        {"id": "c", "model": body["model"], "choices": [{"index": 0, "delta": {},
                                                         "finish_reason": "stop"}]},
        {"id": "c", "choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2}},
    ]
    return b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks) + b"data: [DONE]\n\n"


@pytest.fixture
def loopback_model() -> Iterator[Any]:
    """A tiny OpenAI/Anthropic-shaped server on 127.0.0.1 that echoes the last message.

    ``.url`` is its base URL, ``.received`` what it got (path, body, key)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.received = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
