"""What known modules mean: LLM SDKs, quantum SDKs, secret stores, HTTP clients.

Tables are data; the scanners look names up here.  Keys are dotted module prefixes; the
longest matching prefix wins.

Example:
    >>> llm_provider("langchain_openai.chat_models")
    'openai'
    >>> quantum_sdk("qiskit_ibm_runtime")
    'qiskit'
"""

from __future__ import annotations

LLM_MODULES: dict[str, str] = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google.generativeai": "google",
    "google.genai": "google",
    "google.ai.generativelanguage": "google",
    "vertexai": "vertex",
    "google.cloud.aiplatform": "vertex",
    "litellm": "litellm",
    "langchain": "langchain",
    "langchain_core": "langchain",
    "langchain_community": "langchain",
    "langchain_openai": "openai",
    "langchain_anthropic": "anthropic",
    "langchain_google_genai": "google",
    "langchain_google_vertexai": "vertex",
    "langchain_aws": "bedrock",
    "langchain_mistralai": "mistral",
    "langchain_ollama": "ollama",
    "langchain_groq": "groq",
    "langchain_cohere": "cohere",
    "llama_index": "llama-index",
    "mistralai": "mistral",
    "cohere": "cohere",
    "groq": "groq",
    "ollama": "ollama",
    "together": "together",
}
"""Python modules -> provider ('langchain', 'litellm', 'llama-index' route to any provider)."""

GENERIC_PROVIDERS = frozenset({"langchain", "litellm", "llama-index"})
"""Frameworks that can call any provider; the model name tells which."""

OPENAI_COMPATIBLE = frozenset(
    {
        "openai",
        "azure-openai",
        "vllm",
        "ollama",
        "lmstudio",
        "lm-studio",
        "openai-compatible",
        "simulated",
        "together",
        "groq",
        "openrouter",
        "deepseek",
        "fireworks",
        "localai",
        "tgi",
        "llamacpp",
        "llama.cpp",
        "mistral",
        "perplexity",
        "xai",
    }
)
"""Providers an ``openai`` client can talk to by changing its base URL."""

PROVIDER_ALIASES: dict[str, frozenset[str]] = {
    "google": frozenset({"google", "gemini", "google-genai", "vertex", "vertex-ai"}),
    "vertex": frozenset({"vertex", "vertex-ai", "google"}),
    "azure-openai": frozenset({"azure-openai", "azure", "openai"}),
    "bedrock": frozenset({"bedrock", "aws-bedrock", "aws"}),
    "anthropic": frozenset({"anthropic"}),
}

JS_LLM_PACKAGES: dict[str, str] = {
    "openai": "openai",
    "@anthropic-ai/sdk": "anthropic",
    "@google/generative-ai": "google",
    "@google/genai": "google",
    "@google-cloud/vertexai": "vertex",
    "langchain": "langchain",
    "@langchain/openai": "openai",
    "@langchain/anthropic": "anthropic",
    "@langchain/google-genai": "google",
    "@langchain/core": "langchain",
    "@langchain/community": "langchain",
    "@aws-sdk/client-bedrock-runtime": "bedrock",
    "@aws-sdk/client-bedrock": "bedrock",
    "@mistralai/mistralai": "mistral",
    "cohere-ai": "cohere",
    "groq-sdk": "groq",
    "ollama": "ollama",
    "ai": "vercel-ai",
    "@ai-sdk/openai": "openai",
    "@ai-sdk/anthropic": "anthropic",
    "@ai-sdk/google": "google",
}

QUANTUM_MODULES: dict[str, str] = {
    "qiskit": "qiskit",
    "qiskit_aer": "qiskit",
    "qiskit_ibm_runtime": "qiskit",
    "qiskit_ibm_provider": "qiskit",
    "qiskit_algorithms": "qiskit",
    "qiskit_optimization": "qiskit",
    "qiskit_braket_provider": "braket",
    "braket": "braket",
    "cirq": "cirq",
    "cirq_google": "cirq",
    "cirq_ionq": "cirq",
    "pennylane": "pennylane",
    "pennylane_qiskit": "pennylane",
}

SECRET_STORE_MODULES: dict[str, str] = {
    "hvac": "vault",
    "keyring": "keyring",
    "azure.keyvault.secrets": "azure-keyvault",
    "google.cloud.secretmanager": "gcp-secret-manager",
    "google.cloud.secretmanager_v1": "gcp-secret-manager",
    "infisical_client": "infisical",
    "onepasswordconnectsdk": "1password",
}

BOTO3_SERVICES: dict[str, tuple[str, str]] = {
    "bedrock-runtime": ("llm", "bedrock"),
    "bedrock": ("llm", "bedrock"),
    "bedrock-agent-runtime": ("llm", "bedrock"),
    "secretsmanager": ("secret-store", "aws-secretsmanager"),
    "ssm": ("secret-store", "aws-ssm"),
    "braket": ("quantum", "braket"),
}
"""``boto3.client(NAME)`` -> what it means."""

HTTP_FUNCTIONS = frozenset(
    {
        f"{module}.{verb}"
        for module in ("requests", "httpx")
        for verb in (
            "get",
            "post",
            "put",
            "patch",
            "delete",
            "head",
            "options",
            "request",
            "stream",
        )
    }
    | {
        "urllib.request.urlopen",
        "urllib.request.Request",
        "urllib3.request",
        "http.client.HTTPSConnection",
        "http.client.HTTPConnection",
        "websockets.connect",
        "websocket.create_connection",
    }
)
HTTP_CLIENTS = frozenset(
    {
        "httpx.Client",
        "httpx.AsyncClient",
        "aiohttp.ClientSession",
        "requests.Session",
        "requests.session",
        "urllib3.PoolManager",
    }
)
HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}
)


def _lookup(table: dict[str, str], module: str) -> str | None:
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        found = table.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def llm_provider(module: str) -> str | None:
    """Provider of a Python module path, or None when it is not an LLM SDK."""
    return _lookup(LLM_MODULES, module)


def quantum_sdk(module: str) -> str | None:
    return _lookup(QUANTUM_MODULES, module)


def secret_store(module: str) -> str | None:
    return _lookup(SECRET_STORE_MODULES, module)


def provider_declared(used: str, declared: set[str]) -> bool:
    """True when a provider seen in code is covered by the providers a manifest declares.

    An ``openai`` client counts as declared by any OpenAI-compatible provider (vLLM, Ollama,
    Azure OpenAI, the simulated server...), because it talks to them by changing its base URL.
    A framework that routes to any provider (LangChain, LiteLLM) is declared by any model.

    >>> provider_declared("openai", {"vllm"}), provider_declared("anthropic", {"openai"})
    (True, False)
    """
    declared = {d.lower() for d in declared}
    if used in GENERIC_PROVIDERS or used == "unknown":
        return bool(declared)
    if used in declared or declared & PROVIDER_ALIASES.get(used, frozenset()):
        return True
    return used == "openai" and bool(declared & OPENAI_COMPATIBLE)
