"""Running the simulated model server: in a background thread for tests, or in the foreground.

Example:
    >>> from microgate.simulator.scenario import parse_scenario
    >>> import httpx
    >>> with start_server(parse_scenario("answers: [{exact: ping, answer: pong}]")) as server:
    ...     reply = httpx.post(f"{server.url}/v1/chat/completions", json={
    ...         "model": "any", "messages": [{"role": "user", "content": "ping"}]})
    ...     reply.json()["choices"][0]["message"]["content"], server.stats()["chatRequests"]
    ('pong', 1)
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from microgate.simulator.app import SimulatorApp
from microgate.simulator.engine import Simulator
from microgate.simulator.http import HttpServer
from microgate.simulator.scenario import Scenario, default_scenario, load_scenario


def _scenario(scenario: Scenario | Path | str | None) -> Scenario:
    if scenario is None:
        return default_scenario()
    if isinstance(scenario, Scenario):
        return scenario
    return load_scenario(scenario)


class RunningServer:
    """A server running on its own event loop in a daemon thread; a context manager."""

    def __init__(self, simulator: Simulator, host: str) -> None:
        self.simulator = simulator
        self.host = host
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._http = HttpServer(SimulatorApp(simulator))
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="microgate-simulator", daemon=True)

    @property
    def url(self) -> str:
        """``http://host:port`` (OpenAI clients use ``url + "/v1"``, Anthropic ``url``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._main())
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()
        finally:
            self._loop.close()

    async def _main(self) -> None:
        self._stopped = asyncio.Event()
        self.port = await self._http.start(self.host, self.port)
        self._ready.set()
        await self._stopped.wait()
        await self._http.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def start(self, port: int) -> RunningServer:
        self.port = port
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        """Close every connection and stop the loop; safe to call twice."""
        if self._thread.is_alive() and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join(timeout=10)

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C in the calling thread interrupts the wait)."""
        while self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def log(self, since: int = 0) -> list[dict[str, Any]]:
        """The request log entries after ``since``."""
        return self.simulator.log.entries(since=since)

    def stats(self) -> dict[str, Any]:
        return self.simulator.log.stats()

    def reset(self) -> None:
        self.simulator.reset()

    def set_scenario(self, scenario: Scenario) -> None:
        self.simulator.set_scenario(scenario)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_server(
    scenario: Scenario | Path | str | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    log_capacity: int = 100_000,
) -> RunningServer:
    """Start a server for ``scenario`` (default: the bundled one) on ``host:port``.

    ``port=0`` picks a free port; read it from ``.port`` or ``.url``.  A bad scenario file
    raises :class:`~microgate.errors.InputError`; a port in use raises :class:`OSError`.
    """
    simulator = Simulator(_scenario(scenario), log_capacity=log_capacity)
    return RunningServer(simulator, host).start(port)
