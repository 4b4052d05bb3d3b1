"""The lookup tables: model names, hosts, sensitive words, secret names, distributions."""

from __future__ import annotations

import pytest

from microgate.discover.distributions import distribution_for, normalise
from microgate.discover.hosts import host_matches, hosts_in_text, is_private, model_provider
from microgate.discover.models import family_matches, infer_model
from microgate.discover.sdks import provider_declared
from microgate.discover.secretlike import is_placeholder, secret_name
from microgate.discover.sensitive import hints_in_identifier, hints_in_literal


@pytest.mark.parametrize(
    ("name", "provider", "family", "version"),
    [
        ("gpt-4o", "openai", "gpt-4o", ""),
        ("gpt-4o-mini-2024-07-18", "openai", "gpt-4o-mini", "2024-07-18"),
        ("gpt-3.5-turbo-0125", "openai", "gpt-3.5-turbo", "0125"),
        ("o3-mini", "openai", "o3-mini", ""),
        ("claude-3-5-sonnet-20241022", "anthropic", "claude-sonnet", "3-5-20241022"),
        ("claude-sonnet-4-20250514", "anthropic", "claude-sonnet", "4-20250514"),
        ("claude-3-haiku-20240307", "anthropic", "claude-haiku", "3-20240307"),
        ("gemini-1.5-pro-002", "google", "gemini-1.5-pro", "002"),
        ("mistral-large-latest", "mistral", "mistral-large", "latest"),
        ("llama3.1:8b", "unknown", "llama-3.1", "8b"),
        ("meta-llama/Llama-3.1-8B-Instruct", "unknown", "llama-3.1", "8b-instruct"),
        ("anthropic.claude-3-sonnet-20240229-v1:0", "bedrock", "claude-sonnet", "3-20240229"),
        ("anthropic/claude-3-haiku", "anthropic", "claude-haiku", "3"),
        ("my-finetune", "unknown", "unknown", ""),
    ],
)
def test_infer_model(name: str, provider: str, family: str, version: str) -> None:
    guess = infer_model(name)
    assert (guess.provider, guess.family, guess.version) == (provider, family, version)


@pytest.mark.parametrize(
    ("used", "declared", "ok"),
    [
        ("gpt-4o-2024-08-06", "gpt-4o", True),
        ("gpt-4o-mini", "gpt-4o", False),
        ("claude-sonnet-4-20250514", "claude-sonnet", True),
        ("claude-3-5-sonnet-latest", "claude-3-5-sonnet", True),
        ("llama-3.1-8b-instruct", "llama-3.1", True),
        ("my-finetune-v2", "my-finetune", True),
        ("gpt-4o", "claude-sonnet", False),
        ("anything", "unknown", True),
    ],
)
def test_family_matches(used: str, declared: str, ok: bool) -> None:
    assert family_matches(used, declared) is ok


@pytest.mark.parametrize(
    ("used", "declared", "ok"),
    [
        ("openai", {"openai"}, True),
        ("openai", {"vllm"}, True),
        ("openai", {"anthropic"}, False),
        ("anthropic", {"openai"}, False),
        ("google", {"vertex"}, True),
        ("bedrock", {"aws-bedrock"}, True),
        ("langchain", {"anthropic"}, True),
        ("langchain", set(), False),
    ],
)
def test_provider_declared(used: str, declared: set[str], ok: bool) -> None:
    assert provider_declared(used, declared) is ok


def test_hosts_in_text() -> None:
    text = "a https://API.Example.com/x b http://10.0.0.5:8080 'wss://s.example.io' https://{h}/ x://no"
    assert hosts_in_text(text) == ["api.example.com", "10.0.0.5:8080", "s.example.io"]


@pytest.mark.parametrize(
    ("host", "pattern", "ok"),
    [
        ("a.example.com", "*.example.com", True),
        ("a.b.example.com", "*.example.com", True),
        ("example.com", "*.example.com", False),
        ("badexample.com", "*.example.com", False),
        ("API.example.com", "api.example.com", True),
        ("api.example.com:8443", "api.example.com:443", False),
    ],
)
def test_host_matches(host: str, pattern: str, ok: bool) -> None:
    assert host_matches(host, pattern) is ok


@pytest.mark.parametrize(
    ("host", "provider"),
    [
        ("api.openai.com", "openai"),
        ("team.openai.azure.com", "azure-openai"),
        ("bedrock-runtime.us-west-2.amazonaws.com", "bedrock"),
        ("localhost:11434", "ollama"),
        ("localhost:8000", None),
        ("api.example.com", None),
    ],
)
def test_model_provider(host: str, provider: str | None) -> None:
    assert model_provider(host) == provider


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("llm.internal.example", True),
        ("internalx.example", False),
        ("llm.corp", True),
        ("10.1.2.3", True),
        ("localhost", True),
        ("vllm", True),
        ("api.openai.com", False),
    ],
)
def test_is_private(host: str, private: bool) -> None:
    assert is_private(host) is private


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("customer_email", [("pii", "email")]),
        ("emailAddresses", [("pii", "email")]),
        ("cardNumber", [("financial", "card number")]),
        ("patient_diagnoses", [("health", "diagnoses"), ("health", "patient")]),
        ("iban", [("financial", "iban")]),
        ("card", []),
        ("process", []),
    ],
)
def test_hints_in_identifier(identifier: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(hints_in_identifier(identifier)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jane@corp.example now", [("pii", "e-mail address")]),
        ("4111-1111-1111-1111", [("financial", "card number")]),
        ("4111-1111-1111-1112", []),
        ("DE89 3704 0044 0532 0130 00", [("financial", "IBAN")]),
        ("DE00 3704 0044 0532 0130 00", []),
        ("order 1234567890123", []),
    ],
)
def test_hints_in_literal(text: str, expected: list[tuple[str, str]]) -> None:
    assert hints_in_literal(text) == expected


@pytest.mark.parametrize(
    ("name", "env", "secret"),
    [
        ("OPENAI_API_KEY", False, True),
        ("GITHUB_TOKEN", False, True),
        ("DB_PASSWORD", False, True),
        ("clientSecret", False, True),
        ("STRIPE_KEY", True, True),
        ("STRIPE_KEY", False, False),
        ("cache_key", False, False),
        ("MAX_TOKENS", True, False),
        ("NOTES_CHANNEL", True, False),
        ("BASE_URL", True, False),
    ],
)
def test_secret_name(name: str, env: bool, secret: bool) -> None:
    assert secret_name(name, env=env) is secret


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("your-api-key", True),
        ("<token>", True),
        ("${TOKEN}", True),
        ("xxxxxxxx", True),
        ("OPENAI_API_KEY", True),
        ("q8Zm2pL4vN8rT1", False),
    ],
)
def test_is_placeholder(value: str, placeholder: bool) -> None:
    assert is_placeholder(value) is placeholder


@pytest.mark.parametrize(
    ("module", "dist"),
    [
        ("yaml", "pyyaml"),
        ("sklearn.linear_model", "scikit-learn"),
        ("PIL.Image", "pillow"),
        ("dotenv", "python-dotenv"),
        ("bs4", "beautifulsoup4"),
        ("google.generativeai", "google-generativeai"),
        ("google.genai.types", "google-genai"),
        ("google.cloud.storage", "google-cloud-storage"),
        ("azure.identity", "azure-identity"),
        ("qiskit_ibm_runtime", "qiskit-ibm-runtime"),
        ("braket.aws", "amazon-braket-sdk"),
        ("Flask_Login", "flask-login"),
    ],
)
def test_distribution_for(module: str, dist: str) -> None:
    assert distribution_for(module) == dist


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Flask_SQLAlchemy>=3", "flask-sqlalchemy"),
        ("requests[socks]==2", "requests"),
        ("zope.interface", "zope-interface"),
        ("@Scope/Pkg", "@scope/pkg"),
        ("-e .", ""),
    ],
)
def test_normalise(text: str, name: str) -> None:
    assert normalise(text) == name
