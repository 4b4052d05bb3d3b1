"""``microgate simulate-model``'s command function: serves until interrupted; bad input is 2."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from microgate.cli.simulate import simulate_model_command

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serves_until_interrupted_and_prints_client_settings(stop: signal.Signals) -> None:
    code = "from microgate.cli.simulate import simulate_model_command as c; raise SystemExit(c(0, '127.0.0.1', None))"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        url = first.rsplit(" ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:")
        banner = "".join(proc.stdout.readline() for _ in range(7))
        assert f'base_url="{url}/v1"' in banner and f'base_url="{url}"' in banner
        assert "sim-gpt, sim-claude" in banner and "Ctrl-C" in banner
        reply = httpx.post(
            f"{url}/v1/chat/completions",
            json={"model": "sim-gpt", "messages": [{"role": "user", "content": "ping"}]},
        )
        assert reply.json()["choices"][0]["message"]["content"] == "pong"
        proc.send_signal(stop)
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
        proc.wait()


def test_bad_scenario_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("seed: 1\nlatency: {p50Ms: -1}\n")
    assert simulate_model_command(0, "127.0.0.1", path) == 2
    assert f"{path}:2:" in capsys.readouterr().err


def test_port_in_use_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert simulate_model_command(port, "127.0.0.1", None) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
