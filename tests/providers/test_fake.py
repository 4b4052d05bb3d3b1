"""FakeLLMProvider: canned replies, scripts, injected faults, fake-clock latency, records."""

from __future__ import annotations

import asyncio
import re

import pytest

from microgate.providers import (
    BadResponse,
    ChatRequest,
    FakeClock,
    FakeLLMProvider,
    LLMProvider,
    NoCannedReply,
    RateLimited,
    ServerError,
)


def ask(fake: FakeLLMProvider, prompt: str, **kw: object) -> str:
    return fake.complete(ChatRequest.of("m", prompt, **kw)).text  # type: ignore[arg-type]


def test_is_an_llm_provider() -> None:
    assert isinstance(FakeLLMProvider(), LLMProvider)


@pytest.mark.parametrize(("when", "prompt", "hit"), [
    ("ping", "ping", True),
    ("ping", "ping!", False),
    (re.compile(r"\border\s+ORD-\d+"), "where is my order ORD-123?", True),
    (re.compile(r"^refund"), "no refund", False),
    (lambda r: r.model == "m", "anything", True),
    (None, "anything", True),
])
def test_matching(when: object, prompt: str, hit: bool) -> None:
    fake = FakeLLMProvider(default="(default)").reply("canned", when=when)  # type: ignore[arg-type]
    assert ask(fake, prompt) == ("canned" if hit else "(default)")


def test_by_prompt_id_and_model() -> None:
    fake = (FakeLLMProvider()
            .reply("by id", prompt_id="support.answer")
            .reply("by model", model="big"))
    request = ChatRequest.of("m", "x", metadata={"prompt_id": "support.answer"})
    assert fake.complete(request).text == "by id"
    assert fake.complete(ChatRequest.of("big", "x")).text == "by model"
    with pytest.raises(NoCannedReply, match="no canned reply for prompt 'x'"):
        fake.complete(ChatRequest.of("small", "x"))


def test_first_matching_rule_wins_and_times_runs_out() -> None:
    fake = FakeLLMProvider().reply("once", times=1).reply("always")
    assert [ask(fake, "q") for _ in range(3)] == ["once", "always", "always"]


def test_reply_can_be_computed_from_the_request() -> None:
    fake = FakeLLMProvider().reply(lambda r: r.prompt.upper())
    assert ask(fake, "shout") == "SHOUT"


def test_scripted_sequence_with_an_error_then_falls_through() -> None:
    fake = (FakeLLMProvider(default="after")
            .reply_sequence(["one", ServerError("down", provider="fake"), "three"]))
    assert ask(fake, "q") == "one"
    with pytest.raises(ServerError):
        ask(fake, "q")
    assert [ask(fake, "q"), ask(fake, "q")] == ["three", "after"]


def test_failures_come_before_replies_and_run_out() -> None:
    fake = FakeLLMProvider().reply("ok").fail(RateLimited(2.0), times=2)
    for _ in range(2):
        with pytest.raises(RateLimited) as caught:
            ask(fake, "q")
        assert caught.value.retry_after == 2.0
    assert ask(fake, "q") == "ok"
    assert [c.error is None for c in fake.calls] == [False, False, True]


def test_failure_forever_and_only_when_matching() -> None:
    fake = FakeLLMProvider(default="ok").fail(ServerError(), times=None, when="bad")
    for _ in range(3):
        with pytest.raises(ServerError):
            ask(fake, "bad")
    assert ask(fake, "good") == "ok"


def test_latency_moves_the_fake_clock_without_sleeping() -> None:
    clock = FakeClock()
    fake = FakeLLMProvider(clock=clock).reply("slow").latency(1500)
    fake.reply("fast", when="quick", latency_ms=5)
    response = fake.complete(ChatRequest.of("m", "x"))
    assert response.latency_ms == 1500 and clock.now() == 1.5
    assert fake.complete(ChatRequest.of("m", "quick")).text == "slow"  # first rule matches
    assert fake.calls[1].at == 1.5 and clock.now() == 3.0


def test_usage_is_counted_deterministically() -> None:
    fake = FakeLLMProvider().reply("12345678")
    response = fake.complete(ChatRequest.of("m", "abcd", system="efgh"))
    assert (response.usage.input_tokens, response.usage.output_tokens) == (2, 2)
    assert response.provider == "fake" and response.finish_reason == "stop"


def test_stream_yields_word_deltas_then_the_final_answer() -> None:
    fake = FakeLLMProvider().reply("Hello  big world")
    events = list(fake.stream(ChatRequest.of("m", "x")))
    assert [e.delta for e in events[:-1]] == ["Hello  ", "big ", "world"]
    assert events[-1].response is not None and events[-1].response.text == "Hello  big world"
    assert fake.calls[0].stream


def test_stream_cut_short_yields_the_partial_text_then_raises() -> None:
    fake = FakeLLMProvider().fail(BadResponse("truncated"), partial="Hel lo")
    seen = []
    with pytest.raises(BadResponse):
        for event in fake.stream(ChatRequest.of("m", "x")):
            seen.append(event.delta)
    assert seen == ["Hel ", "lo"]
    assert isinstance(fake.calls[0].error, BadResponse)


def test_async_paths() -> None:
    fake = FakeLLMProvider().reply("async").latency(20)

    async def go() -> tuple[str, str]:
        whole = await fake.acomplete(ChatRequest.of("m", "x"))
        streamed = "".join([e.delta async for e in fake.astream(ChatRequest.of("m", "x"))])
        await fake.aclose()
        return whole.text, streamed

    assert asyncio.run(go()) == ("async", "async")
    assert fake.clock.now() == pytest.approx(0.04)


def test_no_reply_is_recorded_and_raised_for_streams_too() -> None:
    fake = FakeLLMProvider()
    with pytest.raises(NoCannedReply):
        list(fake.stream(ChatRequest.of("m", "x")))
    assert isinstance(fake.calls[0].error, NoCannedReply)


def test_assert_called_with_prompt() -> None:
    fake = FakeLLMProvider(default="ok")
    ask(fake, "Summarise <notes>hello</notes>", system="You summarise.")
    call = fake.assert_called_with_prompt("<notes>hello</notes>")
    assert call.prompt == "Summarise <notes>hello</notes>"
    fake.assert_called_with_prompt(re.compile(r"system: You \w+"))
    with pytest.raises(AssertionError, match="no call had a prompt matching 'absent'"):
        fake.assert_called_with_prompt("absent")
    assert fake.prompts == ["Summarise <notes>hello</notes>"]


def test_reset_forgets_calls_and_rules() -> None:
    fake = FakeLLMProvider().reply("x")
    ask(fake, "q")
    fake.reset()
    assert fake.calls == []
    with pytest.raises(NoCannedReply):
        ask(fake, "q")


def test_the_same_error_object_can_be_raised_many_times() -> None:
    error = RateLimited(1.0, provider="fake")
    fake = FakeLLMProvider().fail(error, times=None)
    raised = []
    for _ in range(2):
        with pytest.raises(RateLimited) as caught:
            ask(fake, "q")
        raised.append(caught.value)
    assert raised[0] is not raised[1] and raised[0].retry_after == raised[1].retry_after == 1.0
