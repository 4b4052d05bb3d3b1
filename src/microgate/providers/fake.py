"""An in-process provider for tests and demos: canned replies, scripts, faults, latency.

Nothing leaves the process and nothing sleeps unless asked: latency advances a
:class:`FakeClock` (``real_sleep=True`` makes it sleep for real). Every call is recorded.
Failures configured with :meth:`FakeLLMProvider.fail` take precedence over replies; among
replies the first registered rule that matches (and is not used up) answers, then the
default reply; with none, :class:`NoCannedReply` is raised naming the prompt.

Example:
    >>> from microgate.providers.errors import RateLimited
    >>> fake = FakeLLMProvider().reply("Paris", when="Capital of France?")
    >>> _ = fake.fail(RateLimited(1.0), times=1)
    >>> req = ChatRequest.of("m", "Capital of France?")
    >>> try:
    ...     fake.complete(req)
    ... except RateLimited as err:
    ...     print("first call:", err.retry_after)
    first call: 1.0
    >>> fake.complete(req).text, len(fake.calls)
    ('Paris', 2)
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Self

from microgate.providers.clock import FakeClock
from microgate.providers.errors import ProviderError
from microgate.providers.fake_rules import (
    Answer,
    Matcher,
    NoCannedReply,
    Rule,
    matcher_matches,
    rendered,
)
from microgate.providers.types import ChatRequest, ChatResponse, StreamEvent, Usage

_CHUNK = re.compile(r"\s*\S+\s*|\s+")


def estimate_tokens(text: str) -> int:
    """About four characters per token (the fake's deterministic token count)."""
    return (len(text) + 3) // 4


@dataclass(frozen=True)
class Call:
    """One request the fake received and what it did with it."""

    request: ChatRequest
    response: ChatResponse | None
    error: BaseException | None
    stream: bool
    at: float

    @property
    def prompt(self) -> str:
        return self.request.prompt

    @property
    def rendered(self) -> str:
        return rendered(self.request)


class FakeLLMProvider:
    """A configurable in-process :class:`~microgate.providers.base.LLMProvider`."""

    name = "fake"

    def __init__(
        self,
        *,
        default: str | None = None,
        latency_ms: float = 0.0,
        clock: FakeClock | None = None,
        real_sleep: bool = False,
    ) -> None:
        self.clock = clock or FakeClock(real=real_sleep)
        self._default = default
        self._latency_ms = latency_ms
        self._faults: list[tuple[Rule, str]] = []
        self._rules: list[Rule] = []
        self._calls: list[Call] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FakeLLMProvider(rules={len(self._rules)}, calls={len(self._calls)})"

    # -- configuration (fluent) ------------------------------------------------------------
    def reply(
        self,
        answer: str | Callable[[ChatRequest], str],
        when: Matcher = None,
        *,
        prompt_id: str | None = None,
        model: str | None = None,
        times: int | None = None,
        latency_ms: float | None = None,
    ) -> Self:
        """Answer matching requests with ``answer`` (text, or a function of the request)."""
        self._rules.append(Rule(answer, when, prompt_id, model, times, latency_ms))
        return self

    def reply_sequence(
        self,
        answers: Iterable[str | ProviderError],
        when: Matcher = None,
        *,
        prompt_id: str | None = None,
        model: str | None = None,
    ) -> Self:
        """Answer successive matching requests with successive items (errors are raised)."""
        items: list[Answer] = list(answers)
        self._rules.append(Rule(None, when, prompt_id, model, answers=items))
        return self

    def fail(
        self,
        error: ProviderError,
        times: int | None = 1,
        when: Matcher = None,
        *,
        prompt_id: str | None = None,
        model: str | None = None,
        partial: str = "",
    ) -> Self:
        """Raise ``error`` for the next ``times`` matching calls (``None``: always).

        A stream yields ``partial`` as deltas before raising (a stream cut short)."""
        self._faults.append((Rule(error, when, prompt_id, model, times), partial))
        return self

    def latency(self, ms: float) -> Self:
        """Each call takes ``ms`` on the fake clock (reported as ``latency_ms``)."""
        self._latency_ms = ms
        return self

    def default_reply(self, text: str | None) -> Self:
        self._default = text
        return self

    # -- inspection ------------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    @property
    def prompts(self) -> list[str]:
        return [call.prompt for call in self.calls]

    def reset(self) -> None:
        """Forget calls and rules (keep the clock)."""
        with self._lock:
            self._calls.clear()
            self._rules.clear()
            self._faults.clear()

    def assert_called_with_prompt(self, expected: str | re.Pattern[str]) -> Call:
        """The first call whose rendered messages contain ``expected`` (text or regex)."""
        for call in self.calls:
            if matcher_matches(_contains(expected), call.request):
                return call
        seen = "\n".join(f"  - {c.rendered[:200]!r}" for c in self.calls) or "  (no calls)"
        shown = expected.pattern if isinstance(expected, re.Pattern) else expected
        raise AssertionError(f"no call had a prompt matching {shown!r}; calls:\n{seen}")

    # -- the provider interface ------------------------------------------------------------
    def _decide(self, request: ChatRequest) -> tuple[Answer, str, float]:
        with self._lock:
            for rule, partial in self._faults:
                if rule.matches(request):
                    return rule.take(), partial, self._latency(rule)
            for rule in self._rules:
                if rule.matches(request):
                    return rule.take(), "", self._latency(rule)
        if self._default is not None:
            return self._default, "", self._latency_ms
        raise NoCannedReply(f"no canned reply for prompt {request.prompt[:200]!r}; "
                            "configure one with .reply(...) or default=")

    def _latency(self, rule: Rule) -> float:
        return self._latency_ms if rule.latency_ms is None else rule.latency_ms

    def _answer(self, request: ChatRequest, answer: Answer, latency: float) -> ChatResponse:
        if isinstance(answer, ProviderError):
            raise copy.copy(answer)
        text = answer if isinstance(answer, str) else answer(request)
        with self._lock:
            number = len(self._calls) + 1
        return ChatResponse(
            text=text,
            model=request.model,
            finish_reason="stop",
            usage=Usage(sum(estimate_tokens(m.content) for m in request.messages),
                        estimate_tokens(text)),
            latency_ms=latency,
            id=f"fake-{number}",
            provider=self.name,
        )

    def _record(self, request: ChatRequest, response: ChatResponse | None,
                error: BaseException | None, stream: bool, at: float) -> None:
        with self._lock:
            self._calls.append(Call(request, response, error, stream, at))

    def complete(self, request: ChatRequest) -> ChatResponse:
        at = self.clock.now()
        try:
            answer, _, latency = self._decide(request)
            self.clock.sleep(latency / 1000.0)
            response = self._answer(request, answer, latency)
        except Exception as exc:
            self._record(request, None, exc, False, at)
            raise
        self._record(request, response, None, False, at)
        return response

    async def acomplete(self, request: ChatRequest) -> ChatResponse:
        at = self.clock.now()
        try:
            answer, _, latency = self._decide(request)
            await self.clock.asleep(latency / 1000.0)
            response = self._answer(request, answer, latency)
        except Exception as exc:
            self._record(request, None, exc, False, at)
            raise
        self._record(request, response, None, False, at)
        return response

    def _stream_events(self, request: ChatRequest, answer: Answer, partial: str,
                       latency: float, at: float) -> Iterator[StreamEvent]:
        try:
            response = self._answer(request, answer, latency)
        except Exception as exc:
            self._record(request, None, exc, True, at)
            yield from (StreamEvent(chunk) for chunk in _CHUNK.findall(partial))
            raise
        self._record(request, response, None, True, at)
        yield from (StreamEvent(chunk) for chunk in _CHUNK.findall(response.text))
        yield StreamEvent(response=response)

    def stream(self, request: ChatRequest) -> Iterator[StreamEvent]:
        at = self.clock.now()
        try:
            answer, partial, latency = self._decide(request)
        except Exception as exc:
            self._record(request, None, exc, True, at)
            raise
        self.clock.sleep(latency / 1000.0)
        yield from self._stream_events(request, answer, partial, latency, at)

    async def astream(self, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        at = self.clock.now()
        try:
            answer, partial, latency = self._decide(request)
        except Exception as exc:
            self._record(request, None, exc, True, at)
            raise
        await self.clock.asleep(latency / 1000.0)
        for event in self._stream_events(request, answer, partial, latency, at):
            yield event

    def close(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


def _contains(expected: str | re.Pattern[str]) -> Callable[[ChatRequest], bool]:
    if isinstance(expected, re.Pattern):
        return lambda request: expected.search(rendered(request)) is not None
    return lambda request: expected in rendered(request)
