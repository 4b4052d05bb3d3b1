"""Model calls: Claude first, GPT-4o mini as the fallback model."""

from __future__ import annotations

import anthropic
import openai

PRIMARY_MODEL = "claude-sonnet-4-20250514"
FALLBACK_MODEL = "gpt-4o-mini-2024-07-18"


class ModelUnavailable(Exception):
    pass


def ask_primary(system: str, question: str, client: anthropic.Anthropic | None = None) -> str:
    client = client or anthropic.Anthropic(timeout=10.0, max_retries=1)
    message = client.messages.create(
        model=PRIMARY_MODEL,
        max_tokens=500,
        system=system,
        messages=[{"role": "user", "content": question}],
    )
    return "".join(block.text for block in message.content if block.type == "text")


def ask_fallback(system: str, question: str, client: openai.OpenAI | None = None) -> str:
    client = client or openai.OpenAI(timeout=10.0, max_retries=1)
    response = client.chat.completions.create(
        model=FALLBACK_MODEL,
        max_tokens=500,
        messages=[{"role": "system", "content": system}, {"role": "user", "content": question}],
    )
    return response.choices[0].message.content or ""


def answer(
    system: str,
    question: str,
    *,
    primary_client: anthropic.Anthropic | None = None,
    fallback_client: openai.OpenAI | None = None,
) -> tuple[str, str]:
    """Answer with the primary model, then the fallback model; say which one answered."""
    try:
        return ask_primary(system, question, primary_client), PRIMARY_MODEL
    except (anthropic.APIError, anthropic.APITimeoutError):
        pass
    try:
        return ask_fallback(system, question, fallback_client), FALLBACK_MODEL
    except (openai.APIError, openai.APITimeoutError) as exc:
        raise ModelUnavailable(str(exc)) from exc
