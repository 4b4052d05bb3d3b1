"""The explicit list of provider kinds, and how to build one from its name.

Names are those a manifest's ``models[].provider`` uses. OpenAI-compatible servers share one
implementation and differ only in their default base URL.

Example:
    >>> provider = create_provider("ollama")
    >>> type(provider).__name__, provider.url
    ('OpenAICompatibleProvider', 'http://localhost:11434/v1/chat/completions')
    >>> create_provider("olama")
    Traceback (most recent call last):
    ...
    microgate.errors.InputError: provider: unknown provider 'olama' (did you mean 'ollama'?)
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from microgate.errors import InputError
from microgate.providers.anthropic import AnthropicProvider
from microgate.providers.base import LLMProvider
from microgate.providers.fake import FakeLLMProvider
from microgate.providers.openai_compat import OpenAICompatibleProvider

#: kind -> (factory, default base URL; "" when the kind needs none)
PROVIDERS: dict[str, tuple[Callable[..., LLMProvider], str]] = {
    "openai": (OpenAICompatibleProvider, "https://api.openai.com/v1"),
    "openai-compatible": (OpenAICompatibleProvider, ""),
    "vllm": (OpenAICompatibleProvider, "http://localhost:8000/v1"),
    "ollama": (OpenAICompatibleProvider, "http://localhost:11434/v1"),
    "lmstudio": (OpenAICompatibleProvider, "http://localhost:1234/v1"),
    "simulated": (OpenAICompatibleProvider, "http://127.0.0.1:8088/v1"),
    "anthropic": (AnthropicProvider, "https://api.anthropic.com"),
    "fake": (FakeLLMProvider, ""),
}


def create_provider(
    kind: str,
    *,
    base_url: str = "",
    api_key: str = "",
    source: str = "provider",
    **options: Any,
) -> LLMProvider:
    """A provider of ``kind``; ``source`` names the input (file, key) in error messages."""
    entry = PROVIDERS.get(kind.lower())
    if entry is None:
        close = difflib.get_close_matches(kind.lower(), PROVIDERS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(PROVIDERS))
        raise InputError(source, f"unknown provider {kind!r}", hint=hint)
    factory, default_url = entry
    if factory is FakeLLMProvider:
        return FakeLLMProvider(**options)
    url = base_url or default_url
    if not url:
        raise InputError(source, f"provider {kind!r} needs a base URL", key_path="base_url")
    return factory(url, api_key, name=options.pop("name", kind.lower()), **options)
