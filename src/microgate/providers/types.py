"""The data a provider takes and gives: one chat request, its answer, its stream events.

Requests are validated at the boundary (pydantic, frozen); answers are plain frozen
dataclasses built by the providers themselves.

Example:
    >>> req = ChatRequest(model="m", messages=[{"role": "user", "content": "hi"}])
    >>> req.messages[0].role, req.max_tokens
    ('user', None)
    >>> ChatResponse(text="hello", model="m", finish_reason="stop",
    ...              usage=Usage(3, 1), latency_ms=1.0, id="r1", provider="fake").usage.total
    4
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["system", "user", "assistant"]

#: Normalised finish reasons. Provider-specific values are mapped onto these.
FINISH_REASONS = ("stop", "length", "tool_calls", "content_filter")


class Message(BaseModel):
    """One chat message."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Role
    content: str


class ChatRequest(BaseModel):
    """A chat completion request, independent of any provider's wire format.

    ``metadata`` never leaves the process (prompt id, app name...); ``timeout`` (seconds)
    overrides the provider's default read timeout for this request only.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(min_length=1)
    messages: tuple[Message, ...] = Field(min_length=1)
    max_tokens: int | None = Field(None, gt=0)
    temperature: float | None = Field(None, ge=0.0, le=2.0)
    stop: tuple[str, ...] = ()
    response_format: Mapping[str, Any] | None = None
    metadata: Mapping[str, str] = Field(default_factory=dict)
    timeout: float | None = Field(None, gt=0.0)

    @classmethod
    def of(cls, model: str, user: str, *, system: str | None = None, **kw: Any) -> ChatRequest:
        """A request with one user message and an optional system message."""
        messages = [Message(role="system", content=system)] if system is not None else []
        messages.append(Message(role="user", content=user))
        return cls(model=model, messages=tuple(messages), **kw)

    @property
    def prompt(self) -> str:
        """The text of the last user message (what canned replies usually match on)."""
        for message in reversed(self.messages):
            if message.role == "user":
                return message.content
        return ""


@dataclass(frozen=True)
class Usage:
    """Token counts. ``reported`` is False when the provider sent none (counts are 0)."""

    input_tokens: int = 0
    output_tokens: int = 0
    reported: bool = True

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens


NO_USAGE = Usage(0, 0, reported=False)


@dataclass(frozen=True)
class ChatResponse:
    """A finished answer. ``id`` is the provider's own response id."""

    text: str
    model: str
    finish_reason: str
    usage: Usage
    latency_ms: float
    id: str
    provider: str


@dataclass(frozen=True)
class StreamEvent:
    """A piece of a streamed answer: a text ``delta``, or the final event.

    The final event has an empty delta and carries the assembled ``response`` (full text,
    usage, finish reason, latency to the last byte).
    """

    delta: str = ""
    response: ChatResponse | None = None

    @property
    def done(self) -> bool:
        return self.response is not None

    @property
    def usage(self) -> Usage | None:
        return self.response.usage if self.response else None

    @property
    def finish_reason(self) -> str | None:
        return self.response.finish_reason if self.response else None
