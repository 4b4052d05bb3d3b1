"""The official clients and ours read the same text out of the same canned server answer."""

from __future__ import annotations

from typing import Any

import pytest

from microgate.providers import AnthropicProvider, ChatRequest, OpenAICompatibleProvider

KEY = "sk-" + "cmp" + "0" * 24
TEXT = "Café ☕ — line one\nline two"
DELTAS = ["Caf", "é ☕", " — line", " one\nline", " two"]
MESSAGES = [{"role": "user", "content": "Say it"}]


def test_openai_client_and_ours_agree(canned_server: Any) -> None:
    openai = pytest.importorskip("openai")
    canned_server.openai_reply(TEXT)
    canned_server.openai_reply(TEXT)
    canned_server.openai_stream(DELTAS)
    canned_server.openai_stream(DELTAS)
    client = openai.OpenAI(base_url=canned_server.url + "/v1", api_key=KEY, max_retries=0)
    ours = OpenAICompatibleProvider(canned_server.url + "/v1", KEY, trust_env=False)
    request = ChatRequest(model="gpt-test", messages=MESSAGES)

    official = client.chat.completions.create(model="gpt-test", messages=MESSAGES)
    mine = ours.complete(request)
    official_stream = "".join(
        chunk.choices[0].delta.content or ""
        for chunk in client.chat.completions.create(model="gpt-test", messages=MESSAGES,
                                                    stream=True)
        if chunk.choices
    )
    my_stream = "".join(e.delta for e in ours.stream(request))
    ours.close()
    client.close()

    assert official.choices[0].message.content == mine.text == TEXT
    assert official.usage is not None
    assert (official.usage.prompt_tokens, official.usage.completion_tokens) == (
        mine.usage.input_tokens, mine.usage.output_tokens)
    assert official_stream == my_stream == TEXT


def test_anthropic_client_and_ours_agree(canned_server: Any) -> None:
    anthropic = pytest.importorskip("anthropic")
    canned_server.anthropic_reply(TEXT)
    canned_server.anthropic_reply(TEXT)
    canned_server.anthropic_stream(DELTAS)
    canned_server.anthropic_stream(DELTAS)
    client = anthropic.Anthropic(base_url=canned_server.url, api_key=KEY, max_retries=0)
    ours = AnthropicProvider(canned_server.url, KEY, trust_env=False)
    request = ChatRequest(model="claude-test", messages=MESSAGES, max_tokens=100)

    official = client.messages.create(model="claude-test", max_tokens=100, messages=MESSAGES)
    mine = ours.complete(request)
    parts = []
    for event in client.messages.create(model="claude-test", max_tokens=100, messages=MESSAGES,
                                        stream=True):
        if event.type == "content_block_delta" and event.delta.type == "text_delta":
            parts.append(event.delta.text)
    my_stream = "".join(e.delta for e in ours.stream(request))
    ours.close()
    client.close()

    official_text = "".join(b.text for b in official.content if b.type == "text")
    assert official_text == mine.text == TEXT
    assert official.usage.input_tokens == mine.usage.input_tokens
    assert "".join(parts) == my_stream == TEXT
    assert official.stop_reason == "end_turn" and mine.finish_reason == "stop"
