"""The latency model: a quantile function of one uniform draw.

Example:
    >>> from microgate.simulator.scenario import Latency
    >>> model = LatencyModel.from_config(Latency(distribution="lognormal", p50Ms=40, p95Ms=120))
    >>> round(model.quantile(0.5), 6), round(model.quantile(0.95), 3)
    (40.0, 120.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from microgate.simulator.draws import Draws
from microgate.simulator.scenario import Latency

Z95 = 1.6448536269514722
_NORMAL = NormalDist()
_EDGE = 1e-12


@dataclass(frozen=True)
class LatencyModel:
    """Milliseconds before the first byte, as the quantile of a uniform draw."""

    distribution: str
    p50_ms: float
    p95_ms: float
    chunk_ms: float = 0.0

    @classmethod
    def from_config(cls, config: Latency) -> LatencyModel:
        return cls(config.distribution, config.p50_ms, config.p95, config.chunk_ms)

    @property
    def zero(self) -> bool:
        return self.p95_ms == 0

    def quantile(self, u: float) -> float:
        """The latency at probability ``u`` of the fitted distribution (ms)."""
        if self.zero or self.distribution == "constant":
            return self.p50_ms
        u = min(max(u, _EDGE), 1.0 - _EDGE)
        if self.distribution == "uniform":
            width = (self.p95_ms - self.p50_ms) / 0.45
            return self.p50_ms - width / 2 + u * width
        mu = math.log(self.p50_ms)
        sigma = (math.log(self.p95_ms) - mu) / Z95
        return math.exp(mu + sigma * _NORMAL.inv_cdf(u))

    def sample(self, seed: int, count: int) -> list[float]:
        """``count`` draws the way the server makes them (for tests of the distribution)."""
        return [
            self.quantile(Draws(seed, "latency-sample", i).uniform("latency")) for i in range(count)
        ]
