"""Requests are validated at the boundary; answers are plain frozen data."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from microgate.providers import ChatRequest, ChatResponse, Message, StreamEvent, Usage


@pytest.mark.parametrize("bad", [
    {"model": "", "messages": [{"role": "user", "content": "x"}]},
    {"model": "m", "messages": []},
    {"model": "m", "messages": [{"role": "robot", "content": "x"}]},
    {"model": "m", "messages": [{"role": "user", "content": "x"}], "max_tokens": 0},
    {"model": "m", "messages": [{"role": "user", "content": "x"}], "temperature": 3},
    {"model": "m", "messages": [{"role": "user", "content": "x"}], "timeout": 0},
    {"model": "m", "messages": [{"role": "user", "content": "x"}], "colour": "red"},
])
def test_invalid_requests_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ChatRequest(**bad)  # type: ignore[arg-type]


def test_request_is_frozen_and_prompt_is_the_last_user_message() -> None:
    request = ChatRequest(model="m", messages=[
        Message(role="system", content="s"), Message(role="user", content="first"),
        Message(role="assistant", content="a"), Message(role="user", content="second"),
    ])
    assert request.prompt == "second"
    with pytest.raises(ValidationError):
        request.model = "other"  # type: ignore[misc]
    assert ChatRequest(model="m", messages=[Message(role="system", content="s")]).prompt == ""


def test_of_builds_system_and_user() -> None:
    request = ChatRequest.of("m", "u", system="s", max_tokens=5)
    assert [(m.role, m.content) for m in request.messages] == [("system", "s"), ("user", "u")]
    assert request.max_tokens == 5


def test_stream_event_properties() -> None:
    response = ChatResponse("t", "m", "stop", Usage(1, 2), 1.0, "id", "p")
    assert not StreamEvent("x").done and StreamEvent("x").usage is None
    final = StreamEvent(response=response)
    assert final.done and final.usage == Usage(1, 2) and final.finish_reason == "stop"
    with pytest.raises(dataclasses.FrozenInstanceError):
        response.text = "other"  # type: ignore[misc]
