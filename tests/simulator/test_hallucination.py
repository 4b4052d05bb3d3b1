"""Hallucinations: the realised rate matches the configured one, the log knows the truth."""

from __future__ import annotations

import math
import statistics

import httpx

from microgate.simulator import ChatRequest, RunningServer, Simulator, parse_scenario

FACTS = """
seed: 2024
facts:
  - key: capital_of_france
    questionRegex: "(?i)capital of france"
    answer: Paris
    wrong: [Lyon, Marseille]
    template: "The capital of France is {answer}."
"""
QUESTION = "What is the capital of France?"


def binomial_interval(n: int, p: float, alpha: float = 0.001) -> tuple[int, int]:
    """The central (1 - alpha) interval of Binomial(n, p), exactly."""
    log_pmf = [
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
        for k in range(n + 1)
    ]
    cdf, low, high = 0.0, 0, n
    for k, value in enumerate(log_pmf):
        cdf += math.exp(value)
        if cdf <= alpha / 2:
            low = k + 1
        if cdf >= 1 - alpha / 2:
            high = k
            break
    return low, high


def ask(sim: Simulator, case: str | None = None, prompt: str = QUESTION) -> dict:  # type: ignore[type-arg]
    sim.plan(ChatRequest(api="openai", model="m", prompt=prompt, texts=(prompt,), case=case))
    return sim.log.entries()[-1]["answer"]  # type: ignore[no-any-return]


def test_binomial_interval_helper() -> None:
    low, high = binomial_interval(2_000, 0.05)
    assert low < 100 < high and (low, high) == (binomial_interval(2_000, 0.05))
    assert low > 60 and high < 140


def test_realised_rate_over_2000_calls_is_within_binomial_tolerance(server: RunningServer) -> None:
    """1,700 calls through the request handler's engine and 300 over real HTTP."""
    scenario = parse_scenario(FACTS + "hallucination: {rate: 0.05, mode: independent}\n")
    server.set_scenario(scenario)
    with httpx.Client(base_url=server.url, timeout=10) as http:
        for _ in range(300):
            reply = http.post(
                "/v1/chat/completions",
                json={"model": "m", "messages": [{"role": "user", "content": QUESTION}]},
            )
            assert reply.status_code == 200
    for _ in range(1_700):
        ask(server.simulator)
    answers = [e["answer"] for e in server.log()]
    assert len(answers) == 2_000
    hallucinated = [a for a in answers if a["hallucinated"]]
    low, high = binomial_interval(2_000, 0.05)
    assert low <= len(hallucinated) <= high
    assert server.stats()["hallucinationRate"] == len(hallucinated) / 2_000
    for answer in answers:
        assert answer["truth"] == "Paris" and answer["fact"] == "capital_of_france"
        if answer["hallucinated"]:
            assert answer["wrong"] in ("Lyon", "Marseille")
            assert answer["text"] == f"The capital of France is {answer['wrong']}."
        else:
            assert answer["wrong"] is None and answer["text"] == "The capital of France is Paris."


def test_concentrated_mode_makes_some_cases_fail_repeatedly() -> None:
    scenario = parse_scenario(
        FACTS + "hallucination: {rate: 0.2, mode: concentrated, concentration: 0.5}\n"
    )
    sim = Simulator(scenario)
    repeats = 20
    per_case = [
        sum(ask(sim, case=f"q{c}")["hallucinated"] for _ in range(repeats)) for c in range(100)
    ]
    overall = sum(per_case) / (100 * repeats)
    assert 0.1 <= overall <= 0.3
    binomial_variance = repeats * overall * (1 - overall)
    assert statistics.pvariance(per_case) > 5 * binomial_variance  # clustered by case
    assert sum(1 for n in per_case if n >= repeats * 0.8) >= 5  # some fail nearly always
    assert sum(1 for n in per_case if n == 0) >= 40  # most never do


def test_independent_mode_is_not_clustered() -> None:
    sim = Simulator(parse_scenario(FACTS + "hallucination: {rate: 0.2}\n"))
    per_case = [sum(ask(sim, case=f"q{c}")["hallucinated"] for _ in range(20)) for c in range(100)]
    assert statistics.pvariance(per_case) < 2 * 20 * 0.2 * 0.8


def test_pinned_propensity_and_explicit_beta() -> None:
    sim = Simulator(
        parse_scenario(
            FACTS + "hallucination:\n  mode: concentrated\n  beta: {alpha: 1, beta: 1}\n"
            "  propensity: {always: 1.0, never: 0.0}\n"
        )
    )
    assert all(ask(sim, case="always")["hallucinated"] for _ in range(50))
    assert not any(ask(sim, case="never")["hallucinated"] for _ in range(50))
    assert sim.knowledge.propensity("other") == sim.knowledge.propensity("other")
    assert 0.0 <= sim.knowledge.propensity("other") <= 1.0


def test_only_fact_answers_hallucinate() -> None:
    sim = Simulator(
        parse_scenario(
            FACTS + "hallucination: {rate: 1.0}\nanswers: [{exact: ping, answer: pong}]\n"
        )
    )
    assert ask(sim, prompt="ping") == {
        "text": "pong",
        "finishReason": "stop",
        "source": "answers[0]",
        "fact": None,
        "truth": None,
        "wrong": None,
        "hallucinated": False,
    }
    assert ask(sim, prompt="hello")["source"] == "default"
    assert ask(sim)["hallucinated"] is True
