"""Model names: which provider and family a name like ``gpt-4o-2024-08-06`` belongs to.

Families follow the manifest's convention (``gpt-4o``, ``claude-sonnet``, ``llama-3.1``);
the rest of the name (a snapshot date, a size) becomes the version.

Example:
    >>> infer_model("gpt-4o-mini-2024-07-18")
    ModelGuess(provider='openai', family='gpt-4o-mini', version='2024-07-18')
    >>> infer_model("claude-3-5-sonnet-20241022")
    ModelGuess(provider='anthropic', family='claude-sonnet', version='3-5-20241022')
    >>> infer_model("llama3.1:8b").family
    'llama-3.1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNKNOWN = "unknown"


@dataclass(frozen=True)
class ModelGuess:
    provider: str
    family: str
    version: str = ""


_DATE = re.compile(
    r"[-@](\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3}|latest|preview(?:-[\w-]+)?|v\d+(?::\d+)?)$"
)
_CLAUDE = re.compile(
    r"^claude-(?:(?P<pre>[\d.-]+?)-)?(?P<tier>opus|sonnet|haiku|instant)(?:-(?P<post>.+))?$"
)
_LLAMA = re.compile(r"^(?:meta-)?llama[-_]?(?P<ver>\d+(?:\.\d+)?)(?P<rest>.*)$")
_OPENAI = re.compile(
    r"^(gpt-|o\d(?:-|$)|text-embedding-|dall-e|whisper|tts-|chatgpt-|davinci|babbage)"
)
_PREFIXED = (
    ("gemini-", "google"),
    ("gemma", "google"),
    ("mistral", "mistral"),
    ("mixtral", "mistral"),
    ("codestral", "mistral"),
    ("command", "cohere"),
    ("deepseek", "deepseek"),
    ("qwen", "qwen"),
    ("phi-", "microsoft"),
    ("grok", "xai"),
)
_BEDROCK_VENDOR = re.compile(
    r"^(?:[a-z]{2}\.)?(anthropic|meta|amazon|cohere|mistral|ai21|stability)\.(.+)$"
)


def _split_version(name: str) -> tuple[str, str]:
    match = _DATE.search(name)
    if match and match.start() > 0:
        return name[: match.start()], match.group(1)
    return name, ""


def infer_model(raw: str, default_provider: str = UNKNOWN) -> ModelGuess:
    """Provider, family and version of a model name; the family is 'unknown' if unseen."""
    name = raw.strip().lower()
    provider_hint = ""
    bedrock = _BEDROCK_VENDOR.match(name)
    if bedrock:
        provider_hint, name = "bedrock", bedrock.group(2)
        name = re.sub(r"-v\d+(?::\d+)?$", "", name)
    if "/" in name:  # "anthropic/claude-3-haiku" (litellm, openrouter), "meta-llama/Llama-3.1-8B"
        vendor, _, name = name.rpartition("/")
        if vendor in ("openai", "anthropic", "gemini", "mistral", "groq", "ollama", "bedrock"):
            provider_hint = {"gemini": "google"}.get(vendor, vendor)
    name = name.replace(":", "-") if name.count(":") == 1 and not bedrock else name
    guess = _guess(name)
    provider = provider_hint or guess.provider
    if provider == UNKNOWN:
        provider = default_provider
    return ModelGuess(provider, guess.family, guess.version)


def _guess(name: str) -> ModelGuess:
    claude = _CLAUDE.match(name)
    if claude:
        rest = "-".join(p for p in (claude["pre"], claude["post"]) if p)
        return ModelGuess("anthropic", f"claude-{claude['tier']}", rest)
    llama = _LLAMA.match(name)
    if llama:
        return ModelGuess(UNKNOWN, f"llama-{llama['ver']}", llama["rest"].strip("-_:"))
    if _OPENAI.match(name):
        family, version = _split_version(name)
        return ModelGuess("openai", family, version)
    for prefix, provider in _PREFIXED:
        if name.startswith(prefix):
            family, version = _split_version(name)
            return ModelGuess(provider, family, version)
    return ModelGuess(UNKNOWN, UNKNOWN, "")


def looks_like_model(raw: str) -> bool:
    """True when a string is recognisably a model name (not just any text)."""
    return infer_model(raw).family != UNKNOWN


def family_matches(raw: str, declared: str) -> bool:
    """True when a model name used in code is covered by a declared family.

    >>> family_matches("gpt-4o-2024-08-06", "gpt-4o"), family_matches("gpt-4o-mini", "gpt-4o")
    (True, False)
    """
    used, declared = raw.strip().lower(), declared.strip().lower()
    if not declared or declared == UNKNOWN or used == declared:
        return True
    family = infer_model(used).family
    if family == UNKNOWN:
        return used.startswith(declared)
    return family in (declared, infer_model(declared).family)
