"""What looks like a secret: names (``OPENAI_API_KEY``), known token shapes, placeholders.

Used for environment variables (should they be declared under ``secrets``?) and for string
literals in code (a hard-coded secret).  Nothing here stores or prints a value.

Example:
    >>> secret_name("OPENAI_API_KEY"), secret_name("MAX_TOKENS"), secret_name("cache_key")
    (True, False, False)
    >>> known_token("gh" + "p_" + "a1B2" * 9)
    'GitHub Token'
    >>> literal_secret("password", "changeme"), literal_secret("api_key", "sk-" + "9fQ2x7Lm" * 3)
    (None, 'OpenAI API Key')
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_STRONG = ("TOKEN", "SECRET", "PASSWORD", "PASSWD", "APIKEY", "PASSPHRASE")
_EXACT = frozenset({"PWD", "CREDENTIAL", "CREDENTIALS", "AUTHORIZATION", "DSN", "PAT"})
_KEY_QUALIFIERS = frozenset(
    {
        "API",
        "ACCESS",
        "SECRET",
        "PRIVATE",
        "AUTH",
        "CLIENT",
        "SIGNING",
        "ENCRYPTION",
        "MASTER",
        "SERVICE",
        "ACCOUNT",
        "SUBSCRIPTION",
        "LICENSE",
        "WEBHOOK",
        "APP",
        "SESSION",
        "HMAC",
    }
)

_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Anthropic API Key", re.compile(r"\bsk-ant-[A-Za-z0-9_-]{20,}")),
    ("OpenAI API Key", re.compile(r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}")),
    ("GitHub Token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})")),
    ("GitLab Token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("AWS Access Key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b")),
    ("Slack Token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("Google API Key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("Stripe Access Key", re.compile(r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}")),
    ("Hugging Face Token", re.compile(r"\bhf_[A-Za-z0-9]{30,}")),
    ("Private Key", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
)

_PLACEHOLDER = re.compile(
    r"(your|example|changeme|change[-_ ]me|placeholder|dummy|fake|redacted|replace|"
    r"xxxx|\*\*\*|<[^>]*>|\$\{|\{\{|%\(|todo|insert|^test$|^secret$|^password$)",
    re.IGNORECASE,
)


def words(name: str) -> list[str]:
    """``'openaiApiKey'`` -> ``['OPENAI', 'API', 'KEY']`` (upper-case words of an identifier)."""
    return [w.upper() for w in _WORDS.findall(name.replace("-", "_"))]


def secret_name(name: str, *, env: bool = False) -> bool:
    """True when a variable, key or environment variable name says it holds a secret.

    Any ``*_KEY`` environment variable counts (``STRIPE_KEY``); in code, a ``key`` needs a
    qualifier (``api_key``, ``access_key``) because ``cache_key`` and ``sort_key`` are common.
    """
    parts = words(name)
    for index, part in enumerate(parts):
        if part in _EXACT or part.endswith(_STRONG):
            return True
        if part == "KEY" and index > 0 and (env or parts[index - 1] in _KEY_QUALIFIERS):
            return True
        if part.endswith("KEY") and part != "KEY" and part[:-3] in _KEY_QUALIFIERS:
            return True
    return False


def known_token(text: str) -> str | None:
    """The kind of a well-known credential found in ``text``, or None."""
    for kind, pattern in _TOKENS:
        if pattern.search(text):
            return kind
    return None


def find_tokens(text: str) -> Iterator[tuple[str, int, str]]:
    """Each well-known credential in ``text``: (kind, offset, the matched text)."""
    for kind, pattern in _TOKENS:
        for match in pattern.finditer(text):
            yield kind, match.start(), match.group(0)


def is_placeholder(value: str) -> bool:
    stripped = value.strip()
    return (
        not stripped
        or len(set(stripped)) <= 2
        or bool(_PLACEHOLDER.search(stripped))
        or (
            "_" in stripped and stripped.upper() == stripped and stripped.replace("_", "").isalpha()
        )
    )


def literal_secret(name: str, value: str) -> str | None:
    """The kind of secret when ``name = value`` hard-codes one, else None.

    A known token shape counts under any name.  Otherwise the name must say "secret" and the
    value must look like one: no spaces, not a placeholder, long enough, and for ``*_key``
    names a mix of letters and digits.
    """
    token = known_token(value)
    if token:
        return token
    if not secret_name(name):
        return None
    candidate = re.sub(r"^(?:Bearer|Basic|Token)\s+", "", value.strip(), flags=re.IGNORECASE)
    if " " in candidate or "\n" in candidate or is_placeholder(candidate) or len(candidate) < 6:
        return None
    parts = words(name)
    if any(p.endswith(("PASSWORD", "PASSWD", "PWD", "PASSPHRASE")) for p in parts):
        return "Password"
    has_mix = any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate)
    if not has_mix or len(candidate) < 12:
        return None
    return "Token" if any(p.endswith("TOKEN") for p in parts) else "API Key or Secret"
