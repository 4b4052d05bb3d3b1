"""Summaries: parsing the model's answer, the extractive fallback, and summarise() against
microgate's mock LLM through the real ``openai`` client."""

from __future__ import annotations

import pytest

pytest.importorskip("openai")  # notes_app.summarise imports it at module level

from notes_app.summarise import (
    MODEL,
    SYSTEM,
    Summary,
    extractive_summary,
    parse_summary,
    summarise,
)

from microgate.evals import MockLLM
from microgate.evals.prompts import assert_delimited
from microgate.providers import RateLimited, ServerError

NOTES = """Weekly ops sync
- We agreed to move the release to Thursday.
- Decided: on-call rota switches to weekly.
- Priya will update the runbook.
- TODO: Sam to order new badges
- Coffee machine is broken again
"""
ANSWER = """## Decisions
- Move the release to Thursday
- On-call rota switches to weekly

## Action items:
- Priya: update the runbook
* Sam: order new badges
"""


@pytest.mark.parametrize(("text", "decisions", "actions"), [
    (ANSWER, ["Move the release to Thursday", "On-call rota switches to weekly"],
     ["Priya: update the runbook", "Sam: order new badges"]),
    ("Decisions:\n- a\nAction items\n- b", ["a"], ["b"]),
    ("- before any heading", ["before any heading"], []),
    ("Decisions\nprose without bullets\nAction items\n", [], []),
    ("", [], []),
])
def test_parse_summary(text: str, decisions: list[str], actions: list[str]) -> None:
    assert parse_summary(text) == (decisions, actions)


def test_extractive_summary_picks_decisions_and_tasks() -> None:
    summary = extractive_summary(NOTES)
    assert summary.source == "fallback"
    assert summary.decisions == ["We agreed to move the release to Thursday.",
                                 "Decided: on-call rota switches to weekly."]
    assert summary.actions == ["Priya will update the runbook.",
                               "TODO: Sam to order new badges"]


def test_summarise_with_the_model(mock_llm: MockLLM) -> None:
    mock_llm.reply(ANSWER, model=MODEL)
    summary = summarise(NOTES, client=mock_llm.openai_client())

    assert summary == Summary(
        ["Move the release to Thursday", "On-call rota switches to weekly"],
        ["Priya: update the runbook", "Sam: order new badges"], source="model")
    call = mock_llm.calls[0]
    assert call.request.messages[0].content == SYSTEM
    assert (call.request.max_tokens, call.request.temperature) == (400, 0.2)
    assert_delimited(call.request.prompt, NOTES, open="<notes>", close="</notes>")


@pytest.mark.parametrize("error", [ServerError(status=503), RateLimited(2.0)],
                         ids=["server-error", "rate-limited"])
def test_summarise_falls_back_when_the_model_fails(mock_llm: MockLLM, error: Exception) -> None:
    mock_llm.fail(error)  # type: ignore[arg-type]
    summary = summarise(NOTES, client=mock_llm.openai_client())
    assert summary == extractive_summary(NOTES)
    mock_llm.assert_called(times=1)


def test_summarise_of_an_answer_without_bullets_is_empty_not_an_error(
    mock_llm: MockLLM,
) -> None:
    mock_llm.reply("I could not find any decisions.")
    summary = summarise(NOTES, client=mock_llm.openai_client())
    assert summary == Summary([], [], source="model")
