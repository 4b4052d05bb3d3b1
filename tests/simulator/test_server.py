"""Starting and stopping the server in-process; the bounded request log."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from microgate.errors import InputError
from microgate.simulator import DEFAULT_SCENARIO_PATH, parse_scenario, start_server
from microgate.simulator.requestlog import RequestLog


def test_start_from_a_path_on_an_ephemeral_port_and_stop_twice() -> None:
    server = start_server(DEFAULT_SCENARIO_PATH)
    assert server.port > 0 and server.url == f"http://127.0.0.1:{server.port}"
    assert httpx.get(f"{server.url}/_admin/health").json() == {"ok": True}
    server.stop()
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/_admin/health")


def test_a_bad_scenario_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        start_server(tmp_path / "missing.yaml")


def test_a_port_in_use_is_an_os_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            start_server(port=taken.getsockname()[1])


def test_stop_does_not_wait_for_held_requests() -> None:
    scenario = parse_scenario("errors: [{kind: timeout, rate: 1.0, holdS: 60}]")
    with start_server(scenario) as server, httpx.Client(base_url=server.url) as http:
        with pytest.raises(httpx.ReadTimeout):
            http.post(
                "/v1/chat/completions",
                timeout=0.1,
                json={"model": "m", "messages": [{"role": "user", "content": "x"}]},
            )
        started = time.perf_counter()
        server.stop()
        assert time.perf_counter() - started < 5


def test_request_log_is_a_bounded_ring() -> None:
    log = RequestLog(capacity=3)
    for n in range(5):
        log.append({"n": n})
    assert [e["n"] for e in log.entries()] == [2, 3, 4]
    assert [e["seq"] for e in log.entries(since=4)] == [5]
    assert log.entries(since=0, limit=1)[0]["seq"] == 3
    log.clear()
    assert log.entries() == [] and log.append({}) == 1


def test_server_log_capacity_is_configurable() -> None:
    with start_server(parse_scenario("seed: 1"), log_capacity=2) as server:
        for _ in range(4):
            httpx.get(f"{server.url}/v1/models")
        assert [e["seq"] for e in server.log()] == [3, 4]
