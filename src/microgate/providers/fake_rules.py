"""Rules of the fake provider: which canned reply (or error) answers which request.

A rule matches on the prompt text (exact string, or a compiled regex searched in it), on the
request's ``metadata["prompt_id"]``, on the model, or on any predicate; it answers with text,
a function of the request, or an error to raise; it may be limited to ``times`` uses.

Example:
    >>> import re
    >>> from microgate.providers.types import ChatRequest
    >>> rule = Rule(answer="4", when=re.compile(r"2\\s*\\+\\s*2"), times=1)
    >>> rule.matches(ChatRequest.of("m", "what is 2 + 2?")), rule.exhausted
    (True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

from microgate.providers.errors import ProviderError
from microgate.providers.types import ChatRequest

Matcher: TypeAlias = str | re.Pattern[str] | Callable[[ChatRequest], bool] | None
Answer: TypeAlias = str | Callable[[ChatRequest], str] | ProviderError

PROMPT_ID_KEY = "prompt_id"


class NoCannedReply(LookupError):
    """The fake received a request no rule answers and it has no default reply."""


def rendered(request: ChatRequest) -> str:
    """All messages of a request as one text, ``role: content`` per message."""
    return "\n".join(f"{m.role}: {m.content}" for m in request.messages)


def matcher_matches(when: Matcher, request: ChatRequest) -> bool:
    if when is None:
        return True
    if isinstance(when, str):
        return request.prompt == when
    if isinstance(when, re.Pattern):
        return when.search(request.prompt) is not None
    return bool(when(request))


def describe(when: Matcher) -> str:
    if when is None:
        return "any request"
    if isinstance(when, str):
        return f"prompt == {when[:60]!r}"
    if isinstance(when, re.Pattern):
        return f"prompt ~ /{when.pattern}/"
    return f"predicate {getattr(when, '__name__', 'function')}"


@dataclass
class Rule:
    """One canned behaviour. ``answers`` holds a scripted sequence (used in order)."""

    answer: Answer | None = None
    when: Matcher = None
    prompt_id: str | None = None
    model: str | None = None
    times: int | None = None
    latency_ms: float | None = None
    answers: list[Answer] = field(default_factory=list)
    used: int = 0

    @property
    def exhausted(self) -> bool:
        if self.answers:
            return self.used >= len(self.answers)
        return self.times is not None and self.used >= self.times

    def matches(self, request: ChatRequest) -> bool:
        if self.exhausted:
            return False
        if self.prompt_id is not None and request.metadata.get(PROMPT_ID_KEY) != self.prompt_id:
            return False
        if self.model is not None and request.model != self.model:
            return False
        return matcher_matches(self.when, request)

    def take(self) -> Answer:
        """The answer for this use (advances sequences and ``times`` counters)."""
        answer = self.answers[self.used] if self.answers else self.answer
        self.used += 1
        if answer is None:  # pragma: no cover - constructors always set one
            raise NoCannedReply("rule without an answer")
        return answer

    def __str__(self) -> str:
        parts = [describe(self.when)]
        if self.prompt_id is not None:
            parts.append(f"prompt_id={self.prompt_id!r}")
        if self.model is not None:
            parts.append(f"model={self.model!r}")
        return " and ".join(parts)
