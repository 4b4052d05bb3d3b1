"""Hosts: finding them in URLs, knowing which belong to model providers, matching patterns.

Example:
    >>> hosts_in_text("see https://API.Weather.example/v1?q=1 and http://localhost:11434/")
    ['api.weather.example', 'localhost:11434']
    >>> model_provider("my-team.openai.azure.com")
    'azure-openai'
    >>> host_matches("eu.api.example.com", "*.example.com")
    True
"""

from __future__ import annotations

import fnmatch
import ipaddress
import re

# scheme://[user@]host[:port] — the host part only; IPv6 literals in brackets.
_URL = re.compile(
    r"\b(?:https?|wss?)://(?:[^\s/@'\"`]+@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
    r"(?::(\d{1,5}))?(?=$|[/?#:'\"`\s),;\]}>])"
)

MODEL_HOSTS: tuple[tuple[str, str], ...] = (
    ("api.openai.com", "openai"),
    ("api.anthropic.com", "anthropic"),
    ("generativelanguage.googleapis.com", "google"),
    ("*-aiplatform.googleapis.com", "vertex"),
    ("aiplatform.googleapis.com", "vertex"),
    ("*.openai.azure.com", "azure-openai"),
    ("*.services.ai.azure.com", "azure-openai"),
    ("bedrock-runtime.*.amazonaws.com", "bedrock"),
    ("bedrock.*.amazonaws.com", "bedrock"),
    ("api.mistral.ai", "mistral"),
    ("api.cohere.ai", "cohere"),
    ("api.cohere.com", "cohere"),
    ("api.groq.com", "groq"),
    ("openrouter.ai", "openrouter"),
    ("api.together.xyz", "together"),
    ("api.together.ai", "together"),
    ("api.deepseek.com", "deepseek"),
    ("api.fireworks.ai", "fireworks"),
    ("api.perplexity.ai", "perplexity"),
    ("api-inference.huggingface.co", "huggingface"),
    ("api.x.ai", "xai"),
    ("localhost:11434", "ollama"),
    ("127.0.0.1:11434", "ollama"),
)
"""Known model API hosts (fnmatch patterns; ':port' only where the port identifies it)."""

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", "[::1]"})  # noqa: S104


def split_port(host: str) -> tuple[str, str]:
    """``'example.com:8443'`` -> ``('example.com', '8443')``; IPv6 in brackets kept whole."""
    if host.startswith("["):
        end = host.find("]")
        return host[: end + 1], host[end + 2 :] if end + 1 < len(host) else ""
    name, _, port = host.partition(":")
    return name, port


def bare(host: str) -> str:
    """The host name without a port, lower-case."""
    return split_port(host.lower())[0]


def is_loopback(host: str) -> bool:
    name = bare(host).strip("[]")
    if name in LOOPBACK or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_private(host: str) -> bool:
    """A loopback, private-network or internal-looking host (no public suffix)."""
    name = bare(host).strip("[]")
    if is_loopback(name):
        return True
    try:
        return ipaddress.ip_address(name).is_private
    except ValueError:
        pass
    labels = set(name.split("."))
    return "." not in name or bool(labels & {"internal", "local", "lan", "corp", "intranet"})


def _valid(name: str) -> bool:
    if name.startswith("["):
        return True
    labels = name.split(".")
    return (all(labels) and not name.replace(".", "").isdigit()) or _is_ip(name)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def host_of_url(url: str) -> str | None:
    """The host (':port' kept when explicit) of the first URL in ``url``, else None."""
    found = hosts_in_text(url)
    return found[0] if found else None


def hosts_in_text(text: str) -> list[str]:
    """Every URL host in ``text``, lower-case, in order (duplicates kept)."""
    hosts = []
    for match in _URL.finditer(text):
        name = match.group(1).lower()
        if not _valid(name):
            continue
        port = match.group(2)
        hosts.append(f"{name}:{port}" if port else name)
    return hosts


def host_matches(host: str, pattern: str) -> bool:
    """True when ``host`` is ``pattern``, or a subdomain of a ``*.domain`` pattern.

    ``*.example.com`` matches ``a.example.com`` and ``a.b.example.com``, not ``example.com``.
    Ports are compared only when the pattern has one.
    """
    host, pattern = host.lower(), pattern.lower()
    h_name, h_port = split_port(host)
    p_name, p_port = split_port(pattern)
    if p_port and p_port != h_port:
        return False
    if p_name.startswith("*."):
        return h_name.endswith(p_name[1:])
    return fnmatch.fnmatchcase(h_name, p_name)


def model_provider(host: str) -> str | None:
    """The model provider a host belongs to, or None for an ordinary host."""
    for pattern, provider in MODEL_HOSTS:
        if host_matches(host, pattern):
            return provider
    return None
