"""The HTTP/1.1 layer, spoken to over raw sockets: keep-alive, pipelining, bodies, limits."""

from __future__ import annotations

import json
import socket
import threading
import time

import httpx
import pytest

from microgate.simulator import RunningServer, parse_scenario

BODY = json.dumps({"model": "sim-gpt", "messages": [{"role": "user", "content": "ping"}]}).encode()


def request(body: bytes = BODY, extra: str = "", version: str = "HTTP/1.1") -> bytes:
    head = (
        f"POST /v1/chat/completions {version}\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n{extra}\r\n"
    )
    return head.encode() + body


def exchange(
    server: RunningServer, data: bytes, until_closed: bool = False, replies: int = 1
) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(data)
        received = b""
        while True:
            chunk = sock.recv(65536)
            received += chunk
            if not chunk or (
                not until_closed
                and received.count(b"HTTP/1.1 ") >= replies
                and received.rstrip().endswith(b"}")
            ):
                return received


def test_pipelined_requests_are_answered_in_order_on_one_connection(server: RunningServer) -> None:
    ping = request()
    other = request(
        json.dumps(
            {"model": "sim-gpt", "messages": [{"role": "user", "content": "hello"}]}
        ).encode()
    )
    received = exchange(server, ping + other + ping, replies=3)
    assert received.count(b"HTTP/1.1 200 OK") == 3
    answers = [
        part.split(b'"content":"')[1].split(b'"')[0] for part in received.split(b"HTTP/1.1")[1:]
    ]
    assert answers == [b"pong", b"This is a simulated answer.", b"pong"]


def test_chunked_request_body(server: RunningServer) -> None:
    chunked = b"".join(b"%x\r\n%b\r\n" % (len(p), p) for p in (BODY[:10], BODY[10:])) + b"0\r\n\r\n"
    head = b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert b'"content":"pong"' in exchange(server, head + chunked)


def test_expect_100_continue(server: RunningServer) -> None:
    head = request(b"", "Expect: 100-continue\r\n").replace(
        b"Content-Length: 0", b"Content-Length: %d" % len(BODY)
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(head)
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(BODY)
        assert b'"content":"pong"' in sock.recv(65536)


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"NONSENSE\r\n\r\n", b"400"),
        (b"GET / HTTP/1.1\r\nno colon here\r\n\r\n", b"400"),
        (b"POST /v1/chat/completions HTTP/1.1\r\nContent-Length: x\r\n\r\n", b"400"),
        (b"POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n", b"413"),
        (b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000, b"431"),
    ],
)
def test_malformed_requests_are_refused_and_the_connection_closed(
    server: RunningServer, data: bytes, status: bytes
) -> None:
    received = exchange(server, data, until_closed=True)
    assert received.startswith(b"HTTP/1.1 " + status)
    assert b"connection: close" in received


def test_http_1_0_closes_after_the_reply(server: RunningServer) -> None:
    received = exchange(server, request(version="HTTP/1.0"), until_closed=True)
    assert received.startswith(b"HTTP/1.1 200") and b'"pong"' in received


def test_connection_close_is_honoured(server: RunningServer) -> None:
    received = exchange(server, request(extra="Connection: close\r\n"), until_closed=True)
    assert b"connection: close" in received


def test_slow_streams_do_not_block_other_connections(server: RunningServer) -> None:
    server.set_scenario(parse_scenario("latency: {chunkMs: 50}\ndefaultAnswer: a b c d e"))
    body = {"model": "m", "stream": True, "messages": [{"role": "user", "content": "x"}]}
    chunks_seen: list[float] = []

    def slow() -> None:
        with (
            httpx.Client(base_url=server.url) as http,
            http.stream("POST", "/v1/chat/completions", json=body) as reply,
        ):
            for _ in reply.iter_lines():
                chunks_seen.append(time.perf_counter())

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        while not chunks_seen:
            time.sleep(0.005)
        quick = httpx.get(f"{server.url}/_admin/health", timeout=5)
        assert quick.status_code == 200 and thread.is_alive()  # answered while streaming
    finally:
        thread.join(timeout=10)
    assert chunks_seen[-1] - chunks_seen[0] >= 0.15  # the chunks were spread out


def test_unknown_paths_and_methods(client: httpx.Client) -> None:
    assert client.get("/v1/nothing").status_code == 404
    assert client.get("/v1/chat/completions").status_code == 405
