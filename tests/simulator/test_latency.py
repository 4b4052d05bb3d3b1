"""The latency model: fitted quantiles, and the server actually waits that long."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from microgate.simulator import LatencyModel, RunningServer, parse_scenario
from microgate.simulator.scenario import Latency


@pytest.mark.parametrize(
    ("distribution", "p50", "p95"), [("lognormal", 40, 120), ("uniform", 40, 60)]
)
def test_sampled_p50_and_p95_are_within_10_percent_of_configured(
    distribution: str, p50: float, p95: float
) -> None:
    model = LatencyModel.from_config(Latency(distribution=distribution, p50Ms=p50, p95Ms=p95))
    draws = model.sample(seed=3, count=2_000)
    cuts = statistics.quantiles(draws, n=20)
    assert cuts[9] == pytest.approx(p50, rel=0.10)
    assert cuts[18] == pytest.approx(p95, rel=0.10)
    assert min(draws) >= 0


def test_quantiles_are_exact_and_constant_is_constant() -> None:
    lognormal = LatencyModel.from_config(Latency(distribution="lognormal", p50Ms=40, p95Ms=120))
    assert lognormal.quantile(0.5) == pytest.approx(40)
    assert lognormal.quantile(0.95) == pytest.approx(120)
    constant = LatencyModel.from_config(Latency(distribution="constant", p50Ms=7))
    assert {constant.quantile(u) for u in (0.0, 0.5, 0.999)} == {7}
    assert LatencyModel.from_config(Latency()).zero


def test_samples_are_reproducible_from_the_seed() -> None:
    model = LatencyModel.from_config(Latency(distribution="lognormal", p50Ms=40, p95Ms=120))
    assert model.sample(5, 50) == model.sample(5, 50)
    assert model.sample(5, 50) != model.sample(6, 50)


def test_real_requests_wait_about_the_configured_latency(server: RunningServer) -> None:
    """~200 requests over HTTP, 20 at a time: a loose check that the server really waits."""
    server.set_scenario(parse_scenario("latency: {distribution: lognormal, p50Ms: 20, p95Ms: 60}"))

    def call(index: int) -> float:
        start = time.perf_counter()
        reply = http.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": f"question {index}"}]},
        )
        assert reply.status_code == 200
        return (time.perf_counter() - start) * 1000

    with (
        httpx.Client(
            base_url=server.url, timeout=10, limits=httpx.Limits(max_keepalive_connections=20)
        ) as http,
        ThreadPoolExecutor(20) as pool,
    ):
        measured = list(pool.map(call, range(200)))
    planned = [e["latencyMs"] for e in server.log()]
    assert len(planned) == 200
    assert min(measured) >= min(planned) * 0.9  # nobody is answered before the plan
    assert statistics.median(measured) >= 20 * 0.8
    assert statistics.median(measured) <= 20 * 4  # loose: a busy machine adds queueing
    assert statistics.median(planned) == pytest.approx(20, rel=0.25)
    assert server.stats()["latencyMs"]["p50"] == pytest.approx(statistics.median(planned), abs=0.01)
