"""``microgate simulate-model``: run the simulated model server in the foreground."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from microgate.cli.output import error, report_input_error
from microgate.errors import InputError
from microgate.simulator import DEFAULT_SCENARIO_PATH, load_scenario, start_server


def simulate_model_command(port: int, host: str, scenario: Path | None) -> int:
    """Serve ``scenario`` (default: the bundled one) on ``host:port`` until Ctrl-C.

    Exit codes: 0 after Ctrl-C, 2 for a bad scenario file or a port that cannot be bound.
    """
    try:
        loaded = load_scenario(scenario or DEFAULT_SCENARIO_PATH)
    except InputError as exc:
        return report_input_error(exc)
    try:
        server = start_server(loaded, host=host, port=port)
    except OSError as exc:
        error(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
        return 2
    models = ", ".join(m.name for m in loaded.models) or "any model name"
    sys.stdout.write(
        f"microgate simulated model server on {server.url}\n"
        f"  scenario:  {scenario or 'bundled default'} (seed {loaded.seed}; models: {models})\n"
        f'  OpenAI:    OpenAI(base_url="{server.url}/v1", api_key="test")\n'
        f"             OPENAI_BASE_URL={server.url}/v1 OPENAI_API_KEY=test\n"
        f'  Anthropic: Anthropic(base_url="{server.url}", api_key="test")\n'
        f"             ANTHROPIC_BASE_URL={server.url} ANTHROPIC_API_KEY=test\n"
        f"  admin:     GET {server.url}/_admin/log?since=0   GET /_admin/stats   "
        "POST /_admin/reset   PUT /_admin/scenario\n"
        "Press Ctrl-C to stop.\n"
    )
    sys.stdout.flush()
    previous = _stop_on_sigterm()
    try:
        server.wait()
    except KeyboardInterrupt:
        sys.stdout.write("\nstopping\n")
    finally:
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """Treat SIGTERM like Ctrl-C (a service manager's stop); return the previous handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)
