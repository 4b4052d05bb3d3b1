"""The simulated model server's scenario: what it answers, how it fails, how fast it is.

A scenario is a YAML file (keys camelCase; unknown keys are errors) validated into the frozen
:class:`Scenario`.  Everything random in the server derives from ``seed`` (see
:mod:`microgate.simulator.draws`).

Example:
    >>> s = parse_scenario(
    ...     "seed: 7\\n"
    ...     "models: [{name: sim-gpt, inputUsdPerMillion: 0.5, outputUsdPerMillion: 1.5}]\\n"
    ...     "facts:\\n"
    ...     "  - {key: capital_of_france, questionRegex: '(?i)capital of france',\\n"
    ...     "     answer: Paris, wrong: [Lyon, Marseille]}\\n"
    ...     "hallucination: {rate: 0.05}\\n"
    ...     "errors: [{kind: rate_limit, rate: 0.01, retryAfterS: 2}]\\n"
    ... )
    >>> s.seed, s.facts[0].wrong, s.errors[0].retry_after_s
    (7, ('Lyon', 'Marseille'), 2.0)
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

from microgate.yamlio import Limits, load_yaml_file, load_yaml_text, validate_document

DEFAULT_SCENARIO_PATH = Path(__file__).resolve().parent / "data" / "default-scenario.yaml"
SCENARIO_LIMITS = Limits(max_bytes=4_194_304, max_nodes=400_000, max_depth=32, max_aliases=1_000)

FaultKind = Literal[
    "rate_limit", "server_error", "timeout", "malformed_json", "truncated_stream", "content_filter"
]
FAULT_KINDS: tuple[str, ...] = FaultKind.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True
    )


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


class ServedModel(_Model):
    """A model name the server answers for, with its price in USD per million tokens."""

    name: str = Field(min_length=1, description="Model name clients send, e.g. 'sim-gpt'.")
    input_usd_per_million: float = Field(0.0, ge=0, description="USD per 1M prompt tokens.")
    output_usd_per_million: float = Field(0.0, ge=0, description="USD per 1M completion tokens.")


class AnswerRule(_Model):
    """A canned answer, chosen by exactly one of: exact text, substring, regex, or case id.

    ``exact``/``contains``/``regex`` look at the last user message (case markers removed);
    ``case`` matches the request's case id (header ``X-Microgate-Case`` or ``[case:ID]``).
    """

    exact: str | None = None
    contains: str | None = None
    regex: str | None = None
    case: str | None = None
    answer: str

    @field_validator("regex")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return None if value is None else _check_regex(value)

    @model_validator(mode="after")
    def _one_matcher(self) -> AnswerRule:
        given = [k for k in ("exact", "contains", "regex", "case") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of 'exact', 'contains', 'regex' or 'case'"
                + (f" (got {', '.join(given)})" if given else "")
            )
        return self


class Fact(_Model):
    """A small knowledge-base entry: a question pattern, the right answer and wrong ones."""

    key: str = Field(min_length=1)
    question_regex: str = Field(description="Searched in the last user message.")
    answer: str = Field(description="The true fact.")
    wrong: tuple[str, ...] = Field(description="Wrong facts a hallucination uses.")
    template: str = Field("{answer}", description="Reply text; '{answer}' is replaced.")

    @field_validator("question_regex")
    @classmethod
    def _regex(cls, value: str) -> str:
        return _check_regex(value)

    @field_validator("wrong")
    @classmethod
    def _wrong(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("give at least one wrong answer for a hallucination to use")
        return value

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        if "{answer}" not in value:
            raise ValueError("a template must contain '{answer}'")
        return value


class BetaPropensity(_Model):
    """Per-case hallucination propensity ~ Beta(alpha, beta); its mean is alpha/(alpha+beta)."""

    alpha: float = Field(gt=0)
    beta: float = Field(gt=0)


class Hallucination(_Model):
    """How often a fact answer substitutes a wrong fact.

    ``independent``: every request hallucinates with probability ``rate``.
    ``concentrated``: each case gets its own propensity, drawn once from ``beta`` (default
    Beta(rate*concentration, (1-rate)*concentration)), so some questions fail repeatedly.
    ``propensity`` pins the probability of named cases in either mode.
    """

    rate: float = Field(0.0, ge=0, le=1)
    mode: Literal["independent", "concentrated"] = "independent"
    propensity: dict[str, float] = Field(default_factory=dict)
    beta: BetaPropensity | None = None
    concentration: float = Field(1.0, gt=0, description="alpha + beta when 'beta' is not given.")

    @field_validator("propensity")
    @classmethod
    def _probabilities(cls, value: dict[str, float]) -> dict[str, float]:
        bad = [k for k, p in value.items() if not 0.0 <= p <= 1.0]
        if bad:
            raise ValueError(f"a propensity is a probability between 0 and 1 (see {bad[0]!r})")
        return value


class Latency(_Model):
    """Time to first byte, fitted from its median and 95th percentile, plus a per-chunk delay.

    ``lognormal``: mu = ln p50, sigma = (ln p95 - ln p50) / 1.6449.  ``uniform``: the interval
    whose midpoint is p50 and 95% point is p95.  ``constant``: always p50.
    """

    distribution: Literal["lognormal", "constant", "uniform"] = "constant"
    p50_ms: float = Field(0.0, ge=0)
    p95_ms: float | None = Field(None, ge=0, description="Defaults to p50Ms.")
    chunk_ms: float = Field(0.0, ge=0, description="Delay between streamed chunks.")

    @model_validator(mode="after")
    def _consistent(self) -> Latency:
        p95 = self.p50_ms if self.p95_ms is None else self.p95_ms
        if p95 < self.p50_ms:
            raise ValueError("p95Ms must be at least p50Ms")
        if self.distribution == "lognormal" and self.p50_ms == 0 and p95 > 0:
            raise ValueError("a lognormal latency needs p50Ms > 0 (or both zero)")
        if self.distribution == "uniform" and self.p50_ms - (p95 - self.p50_ms) / 0.9 < 0:
            raise ValueError("a uniform latency with this p50Ms/p95Ms would go below zero")
        return self

    @property
    def p95(self) -> float:
        return self.p50_ms if self.p95_ms is None else self.p95_ms


class Fault(_Model):
    """An injected fault: by rate, for named cases, or on every Nth chat request."""

    kind: FaultKind
    rate: float = Field(0.0, ge=0, le=1, description="Probability per request.")
    cases: tuple[str, ...] = Field((), description="Case ids that always get this fault.")
    every_nth: int | None = Field(None, ge=1, description="Every Nth chat request (global).")
    models: tuple[str, ...] = Field((), description="Only for these models (empty: all).")
    retry_after_s: float = Field(1.0, ge=0, description="rate_limit: the Retry-After value.")
    hold_s: float = Field(30.0, ge=0, description="timeout: how long to hold the request.")
    after_chunks: int = Field(1, ge=0, description="truncated_stream: content chunks sent.")

    @model_validator(mode="after")
    def _kind_options(self) -> Fault:
        own = {
            "retry_after_s": "rate_limit",
            "hold_s": "timeout",
            "after_chunks": "truncated_stream",
        }
        for option, kind in own.items():
            if option in self.model_fields_set and self.kind != kind:
                raise ValueError(f"'{to_camel(option)}' applies to kind {kind} only")
        return self


class Scenario(_Model):
    """A whole scenario file. An empty ``models`` list serves any model name at zero price."""

    seed: int = 0
    description: str = ""
    models: tuple[ServedModel, ...] = ()
    default_answer: str = "This is a simulated answer."
    answers: tuple[AnswerRule, ...] = ()
    facts: tuple[Fact, ...] = ()
    hallucination: Hallucination = Hallucination()
    latency: Latency = Latency()
    errors: tuple[Fault, ...] = ()

    @field_validator("models")
    @classmethod
    def _unique_models(cls, value: tuple[ServedModel, ...]) -> tuple[ServedModel, ...]:
        names = [m.name for m in value]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"model {dupes[0]!r} is listed twice")
        return value

    @field_validator("facts")
    @classmethod
    def _unique_facts(cls, value: tuple[Fact, ...]) -> tuple[Fact, ...]:
        keys = [f.key for f in value]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"fact key {dupes[0]!r} is used twice")
        return value

    @field_validator("errors")
    @classmethod
    def _rates_sum(cls, value: tuple[Fault, ...]) -> tuple[Fault, ...]:
        if not math.fsum(f.rate for f in value) <= 1.0 + 1e-9:
            raise ValueError("the fault rates add up to more than 1")
        return value

    def serves(self, name: str) -> bool:
        """Whether the server answers for model ``name`` (any name when none are listed)."""
        return not self.models or any(m.name == name for m in self.models)


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    """Validate scenario YAML (or JSON) text; raise InputError naming ``source`` and line."""
    return validate_document(Scenario, load_yaml_text(text, source=source, limits=SCENARIO_LIMITS))


def load_scenario(path: Path | str) -> Scenario:
    """Load and validate a scenario file; every mistake is an InputError with its line."""
    doc = load_yaml_file(path, limits=SCENARIO_LIMITS, what="scenario file")
    return validate_document(Scenario, doc)


def default_scenario() -> Scenario:
    """The bundled scenario: two models, a few facts, no faults, small latency."""
    return load_scenario(DEFAULT_SCENARIO_PATH)
