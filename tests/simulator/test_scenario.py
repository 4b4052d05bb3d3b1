"""Scenario files: the bundled default loads; every mistake names its file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.simulator import (
    DEFAULT_SCENARIO_PATH,
    default_scenario,
    load_scenario,
    parse_scenario,
)


def test_default_scenario_serves_two_priced_models_without_faults() -> None:
    scenario = default_scenario()
    assert [m.name for m in scenario.models] == ["sim-gpt", "sim-claude"]
    assert all(
        m.input_usd_per_million > 0 and m.output_usd_per_million > 0 for m in scenario.models
    )
    assert scenario.errors == ()
    assert scenario.facts and scenario.latency.p95 <= 50
    assert DEFAULT_SCENARIO_PATH.name == "default-scenario.yaml"


def test_snake_case_keys_are_accepted_like_the_camel_case_ones() -> None:
    scenario = parse_scenario(
        "facts: [{key: k, question_regex: q, answer: a, wrong: [b]}]\nlatency: {p50_ms: 3}\n"
    )
    assert scenario.facts[0].question_regex == "q" and scenario.latency.p50_ms == 3


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        ("seed: x\n", 1, "seed", "whole number"),
        ("models:\n  - name: a\n    price: 1\n", 3, "models[0].price", "unknown key"),
        ("answers:\n  - {exact: a, contains: b, answer: c}\n", 2, "answers[0]", "exactly one"),
        ("answers:\n  - {answer: c}\n", 2, "answers[0]", "exactly one"),
        ("answers:\n  - {regex: '(a', answer: c}\n", 2, "answers[0].regex", "regular expression"),
        (
            "facts:\n  - {key: k, questionRegex: q, answer: a, wrong: []}\n",
            2,
            "facts[0].wrong",
            "at least one wrong",
        ),
        (
            "facts:\n  - {key: k, questionRegex: q, answer: a, wrong: [b], template: x}\n",
            2,
            "facts[0].template",
            "{answer}",
        ),
        (
            "facts:\n  - {key: k, questionRegex: q, answer: a, wrong: [b]}\n"
            "  - {key: k, questionRegex: r, answer: a, wrong: [b]}\n",
            2,
            "facts",
            "used twice",
        ),
        ("hallucination:\n  rate: 1.5\n", 2, "hallucination.rate", "less than or equal"),
        ("hallucination:\n  mode: sometimes\n", 2, "hallucination.mode", "'independent'"),
        ("hallucination:\n  propensity: {q1: 2}\n", 2, "hallucination.propensity", "probability"),
        ("latency:\n  p50Ms: 10\n  p95Ms: 5\n", 2, "latency", "at least p50Ms"),
        ("latency: {distribution: uniform, p50Ms: 1, p95Ms: 100}\n", 1, "latency", "below zero"),
        ("latency: {distribution: lognormal, p50Ms: 0, p95Ms: 10}\n", 1, "latency", "p50Ms > 0"),
        ("latency:\n  p50ms: 10\n", 2, "latency.p50ms", "did you mean 'p50Ms'"),
        ("errors:\n  - kind: rate_limt\n", 2, "errors[0].kind", "'rate_limit'"),
        ("errors:\n  - kind: timeout\n    retryAfterS: 2\n", 2, "errors[0]", "rate_limit only"),
        (
            "errors:\n  - {kind: timeout, rate: 0.6}\n  - {kind: server_error, rate: 0.6}\n",
            2,
            "errors",
            "more than 1",
        ),
        ("errors:\n  - {kind: server_error, everyNth: 0}\n", 2, "errors[0].everyNth", "greater"),
    ],
)
def test_scenario_mistakes_are_located(text: str, line: int, key: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scenario(text, "scenario.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.key_path) == (line, key)
    assert message in problem.message + problem.hint
    assert str(caught.value).startswith(f"scenario.yaml:{line}:")


def test_every_problem_of_a_file_is_reported_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("seed: x\nerrors:\n  - kind: nope\n")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert len(caught.value.problems) == 2
    assert all(line.startswith(str(path)) for line in str(caught.value).splitlines())


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "not found"), ("a: [1\n", "YAML syntax error"), ("- 1\n", "mapping")],
)
def test_unreadable_scenario_files_are_input_errors(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "scenario.yaml"
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError, match=message):
        load_scenario(path)
