"""Choosing the answer text: canned answers, then facts (which may hallucinate), then a default.

Example:
    >>> from microgate.simulator.scenario import parse_scenario
    >>> kb = Knowledge(parse_scenario(
    ...     "answers: [{exact: ping, answer: pong}]\\n"
    ...     "facts: [{key: fr, questionRegex: 'capital of France',"
    ...     " answer: Paris, wrong: [Lyon]}]\\n"
    ...     "hallucination: {propensity: {q9: 1.0}}\\n"))
    >>> from microgate.simulator.draws import Draws
    >>> kb.resolve("ping", None, Draws(0, "k", 0)).text
    'pong'
    >>> r = kb.resolve("The capital of France?", "q9", Draws(0, "k", 0))
    >>> r.text, r.hallucinated, r.truth, r.wrong
    ('Lyon', True, 'Paris', 'Lyon')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from microgate.simulator.draws import Draws, case_random
from microgate.simulator.scenario import AnswerRule, Fact, Scenario

_PROPENSITY_CACHE_LIMIT = 100_000


@dataclass(frozen=True)
class Resolution:
    """The answer chosen for a request and, for a fact, the truth."""

    text: str
    source: str
    fact: str | None = None
    truth: str | None = None
    wrong: str | None = None
    hallucinated: bool = False


def _matcher(rule: AnswerRule) -> tuple[str, str | re.Pattern[str]]:
    if rule.case is not None:
        return "case", rule.case
    if rule.exact is not None:
        return "exact", rule.exact.strip()
    if rule.contains is not None:
        return "contains", rule.contains
    return "regex", re.compile(rule.regex or "")


class Knowledge:
    """The compiled answer rules and facts of one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._rules = [(_matcher(rule), rule.answer) for rule in scenario.answers]
        self._facts: list[tuple[re.Pattern[str], Fact]] = [
            (re.compile(fact.question_regex), fact) for fact in scenario.facts
        ]
        self._propensities: dict[str, float] = {}

    def resolve(self, prompt: str, case: str | None, draws: Draws) -> Resolution:
        """The answer to ``prompt`` (the last user message) for a request of ``case``."""
        stripped = prompt.strip()
        for index, ((kind, pattern), answer) in enumerate(self._rules):
            if (
                (kind == "case" and case == pattern)
                or (kind == "exact" and stripped == pattern)
                or (kind == "contains" and isinstance(pattern, str) and pattern in prompt)
                or (kind == "regex" and not isinstance(pattern, str) and pattern.search(prompt))
            ):
                return Resolution(answer, f"answers[{index}]")
        for pattern, fact in self._facts:
            if pattern.search(prompt):
                return self._fact_answer(fact, case or fact.key, draws)
        return Resolution(self.scenario.default_answer, "default")

    def _fact_answer(self, fact: Fact, case: str, draws: Draws) -> Resolution:
        hallucinated = draws.uniform("hallucination") < self.propensity(case)
        wrong = None
        if hallucinated:
            wrong = fact.wrong[
                min(int(draws.uniform("wrong") * len(fact.wrong)), len(fact.wrong) - 1)
            ]
        text = fact.template.replace("{answer}", wrong if hallucinated and wrong else fact.answer)
        return Resolution(text, f"fact:{fact.key}", fact.key, fact.answer, wrong, hallucinated)

    def propensity(self, case: str) -> float:
        """The probability that a fact answer for ``case`` hallucinates."""
        config = self.scenario.hallucination
        if case in config.propensity:
            return config.propensity[case]
        if config.mode == "independent":
            return config.rate
        cached = self._propensities.get(case)
        if cached is None:
            if config.beta is not None:
                alpha, beta = config.beta.alpha, config.beta.beta
            else:
                alpha = max(config.rate * config.concentration, 1e-9)
                beta = max((1.0 - config.rate) * config.concentration, 1e-9)
            cached = case_random(self.scenario.seed, "propensity", case).betavariate(alpha, beta)
            if len(self._propensities) >= _PROPENSITY_CACHE_LIMIT:
                self._propensities.clear()
            self._propensities[case] = cached
        return cached
