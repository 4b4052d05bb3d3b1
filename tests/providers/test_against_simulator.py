"""Our providers against the bundled simulated model server: answers, streaming, usage, and
every injected fault surfacing as its typed error (the acceptance check of issue 4)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

simulator = pytest.importorskip("microgate.simulator")

from microgate.providers import (  # noqa: E402
    AnthropicProvider,
    BadResponse,
    ChatRequest,
    ContentFiltered,
    OpenAICompatibleProvider,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    ServerError,
)

SCENARIO = """
seed: 7
models:
  - {name: sim-gpt, inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6}
  - {name: sim-claude, inputUsdPerMillion: 3, outputUsdPerMillion: 15}
answers:
  - {exact: ping, answer: "pong from the simulator"}
errors:
  - {kind: rate_limit, cases: [rate-limit], retryAfterS: 2}
  - {kind: server_error, cases: [server-error]}
  - {kind: timeout, cases: [timeout], holdS: 3}
  - {kind: malformed_json, cases: [malformed-json]}
  - {kind: truncated_stream, cases: [truncated-stream], afterChunks: 1}
  - {kind: content_filter, cases: [content-filter]}
"""

FAULTS: list[tuple[str, type[ProviderError], set[str]]] = [
    ("rate-limit", RateLimited, {"complete", "acomplete", "stream", "astream"}),
    ("server-error", ServerError, {"complete", "acomplete", "stream", "astream"}),
    ("timeout", ProviderTimeout, {"complete", "acomplete", "stream", "astream"}),
    ("malformed-json", BadResponse, {"complete", "acomplete"}),
    ("truncated-stream", BadResponse, {"stream", "astream"}),
    ("content-filter", ContentFiltered, {"complete", "acomplete", "stream", "astream"}),
]
MODES = ["complete", "acomplete", "stream", "astream"]


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    with simulator.start_server(simulator.parse_scenario(SCENARIO)) as running:
        yield running


def provider(dialect: str, url: str) -> OpenAICompatibleProvider | AnthropicProvider:
    if dialect == "openai":
        return OpenAICompatibleProvider(url + "/v1", "sim-key", trust_env=False, timeout=1.0)
    return AnthropicProvider(url, "sim-key", trust_env=False, timeout=1.0)


def run(p: OpenAICompatibleProvider | AnthropicProvider, request: ChatRequest, mode: str) -> Any:
    async def go() -> Any:
        try:
            if mode == "acomplete":
                return await p.acomplete(request)
            return [e async for e in p.astream(request)][-1].response
        finally:
            await p.aclose()

    try:
        if mode == "complete":
            return p.complete(request)
        if mode == "stream":
            return list(p.stream(request))[-1].response
        return asyncio.run(go())
    finally:
        p.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dialect", ["openai", "anthropic"])
def test_answers_with_usage(server: Any, dialect: str, mode: str) -> None:
    model = "sim-gpt" if dialect == "openai" else "sim-claude"
    response = run(provider(dialect, server.url), ChatRequest.of(model, "ping"), mode)
    assert response.text == "pong from the simulator"
    assert response.finish_reason == "stop"
    assert response.usage.reported and response.usage.input_tokens > 0
    assert response.usage.output_tokens > 0


CASES = [
    pytest.param(dialect, case, expected, mode, id=f"{dialect}-{case}-{mode}")
    for case, expected, modes in FAULTS
    for dialect in ("openai", "anthropic")
    for mode in MODES
    if mode in modes
]


@pytest.mark.parametrize(("dialect", "case", "expected", "mode"), CASES)
def test_injected_fault_is_its_typed_error(
    server: Any, dialect: str, case: str, expected: type[ProviderError], mode: str
) -> None:
    request = ChatRequest.of("sim-gpt", f"[case:{case}] ping", timeout=0.5)
    with pytest.raises(ProviderError) as caught:
        run(provider(dialect, server.url), request, mode)
    assert type(caught.value) is expected
    if isinstance(caught.value, RateLimited):
        assert caught.value.retry_after == 2.0


def test_the_official_openai_client_agrees(server: Any) -> None:
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=server.url + "/v1", api_key="sim-key", max_retries=0)
    official = client.chat.completions.create(
        model="sim-gpt", messages=[{"role": "user", "content": "ping"}])
    ours = run(provider("openai", server.url), ChatRequest.of("sim-gpt", "ping"), "complete")
    assert official.choices[0].message.content == ours.text
