"""Building providers by the names manifests use."""

from __future__ import annotations

import pytest

from microgate.errors import InputError
from microgate.providers import (
    PROVIDERS,
    AnthropicProvider,
    FakeLLMProvider,
    LLMProvider,
    OpenAICompatibleProvider,
    create_provider,
)


@pytest.mark.parametrize("kind", sorted(PROVIDERS))
def test_every_kind_builds_a_provider(kind: str) -> None:
    provider = create_provider(kind, base_url="http://127.0.0.1:9/v1" if kind ==
                               "openai-compatible" else "")
    assert isinstance(provider, LLMProvider)
    provider.close()


@pytest.mark.parametrize(("kind", "cls", "name"), [
    ("vllm", OpenAICompatibleProvider, "vllm"),
    ("Anthropic", AnthropicProvider, "anthropic"),
    ("fake", FakeLLMProvider, "fake"),
])
def test_kind_picks_class_and_name(kind: str, cls: type, name: str) -> None:
    provider = create_provider(kind)
    assert type(provider) is cls and provider.name == name


def test_base_url_and_key_are_passed() -> None:
    provider = create_provider("openai", base_url="http://127.0.0.1:1/v1", api_key="sk-abcdefgh")
    assert isinstance(provider, OpenAICompatibleProvider)
    assert provider.url == "http://127.0.0.1:1/v1/chat/completions"
    assert "sk-abcdefgh" not in repr(provider)


def test_unknown_kind_is_an_input_error_with_a_suggestion() -> None:
    with pytest.raises(InputError, match="did you mean 'anthropic'") as caught:
        create_provider("antropic", source="microgate.yaml")
    assert caught.value.source == "microgate.yaml"


def test_generic_openai_compatible_needs_a_base_url() -> None:
    with pytest.raises(InputError, match="needs a base URL"):
        create_provider("openai-compatible")
