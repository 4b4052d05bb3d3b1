"""Hard-coded secrets found by detect-secrets, used as a library (never its network checks).

detect-secrets scans each file with its default plugins, with paths relative to the app root
(so its results compare with a baseline), and with verification switched off: nothing leaves
the machine.  Each hit becomes a ``SECRET_LITERAL`` observation holding the secret's type, the
variable name on that line when there is one, and a hash of the value — never the value.

Two of its plugins are noisy in ordinary code, so their hits are kept only when they look
real: a "Secret Keyword" hit needs a value that passes :func:`literal_secret` (not a
placeholder, not a plain word), and a "Hex High Entropy String" (checksums, digests) needs a
secret-like variable name.  Placeholders (``your-api-key``, ``changeme``) are dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

from microgate.discover.observations import Kind, Observation, digest
from microgate.discover.secretlike import find_tokens, is_placeholder, literal_secret, secret_name
from microgate.discover.walk import is_code_or_packages, note
from microgate.findings import Location

_VERIFY_FILTER = "detect_secrets.filters.common.is_ignored_due_to_verification_policies"
_BEFORE_VALUE = re.compile(
    r"""([A-Za-z_][\w.-]*)["']?\s*(?::\s*[^=:'"]+?)?\s*(?:=|:|=>|:=)\s*(?:[frbuFRBU]{1,2})?(?:Bearer\s+)?["'`]?$"""
)


def variable_on(line: str, column: int | None = None) -> str:
    """The name a value at ``column`` is assigned to on ``line``, or ''.

    >>> variable_on('    c = Client(api_key="sk-x")', 24), variable_on('TOKEN: str = "x"', 15)
    ('api_key', 'TOKEN')
    >>> variable_on('export DB_PASSWORD=s3cr3t', 20)
    'DB_PASSWORD'
    """
    prefix = (line[: column - 1] if column else line)[-200:]  # bounded: minified lines are long
    match = _BEFORE_VALUE.search(prefix)
    return match.group(1).rsplit(".", 1)[-1] if match else ""


def _plausible(kind: str, name: str, value: str) -> bool:
    if is_placeholder(value):
        return False
    if kind == "Secret Keyword":
        return literal_secret(name or "secret", value) is not None
    if kind == "Hex High Entropy String":
        return secret_name(name)
    return True


GENERIC_TYPES = frozenset(
    {
        "Secret Keyword",
        "Base64 High Entropy String",
        "Hex High Entropy String",
        "API Key or Secret",
        "Token",
        "Password",
    }
)
"""Secret types that say little; a specific type (``AWS Access Key``) found at the same place
is preferred over them."""


def distinct_secrets(observations: list[Observation]) -> list[Observation]:
    """One ``SECRET_LITERAL`` per file, line and value hash, with the most specific type.

    Several detect-secrets plugins often report one value (an AWS key is also a high-entropy
    string); two different values on one line stay two.
    """
    best: dict[tuple[str, int | None, str], Observation] = {}
    for obs in observations:
        key = (obs.location.path, obs.location.line, obs.evidence)
        current = best.get(key)
        if current is None or (current.value in GENERIC_TYPES and obs.value not in GENERIC_TYPES):
            best[key] = obs
    return list(best.values())


def whole_value(lines: list[str], number: int, column: int | None, value: str) -> str:
    """The whole secret where detect-secrets keeps only part of it, so its hash tells two
    secrets apart: a known token shape starting at ``column`` (its GitHub plugin captures
    just ``ghp``), or a PEM private key block from its BEGIN line to its END line.

    >>> token = "gh" + "p_" + "a1B2" * 9
    >>> whole_value([f"T = '{token}'"], 1, 6, "ghp") == token
    True
    """
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if "PRIVATE KEY" in value and "-----BEGIN" in line:
        end = next((i for i in range(number, len(lines)) if "-----END" in lines[i]), None)
        return "\n".join(lines[number - 1 : end + 1]) if end is not None else value
    if column is not None:
        for _kind, offset, token in find_tokens(line):
            if offset == column - 1 and len(token) > len(value):
                return token
    return value


LONG_LINE = 4_000
"""Files with a longer line (minified, generated) get the fast known-token check only."""


def _token_scan(rel: str, text: str) -> list[Observation]:
    """Known token shapes only; code files say so in a note (data files stay quiet)."""
    why = f"a line longer than {LONG_LINE:,} characters (minified or generated?); "
    why += "checked for well-known token shapes only"
    out = [note(rel, why)] if is_code_or_packages(Path(rel).name) else []
    for number, line in enumerate(text.splitlines(), start=1):
        for kind, offset, value in find_tokens(line):
            where = Location(rel, number, offset + 1)
            out.append(Observation(Kind.SECRET_LITERAL, kind, where, "", digest(value)))
    return out


def scan_secrets(root: Path, texts: Mapping[str, str]) -> list[Observation]:
    """detect-secrets over the files in ``texts`` (relative path -> content already read)."""
    long_files = {
        rel for rel, text in texts.items() if any(len(x) > LONG_LINE for x in text.splitlines())
    }
    fast = [o for rel in sorted(long_files) for o in _token_scan(rel, texts[rel])]
    texts = {rel: text for rel, text in texts.items() if rel not in long_files}
    try:
        from detect_secrets import SecretsCollection  # type: ignore[attr-defined]
        from detect_secrets.settings import default_settings
    except ImportError:  # the scanner is optional; the AST check still runs
        return []
    collection = SecretsCollection(root=str(root))
    notes: list[Observation] = []
    logging.getLogger("detect-secrets").setLevel(logging.ERROR)
    with default_settings() as settings:
        settings.disable_filters(_VERIFY_FILTER)
        for rel in sorted(texts):
            try:
                collection.scan_file(rel)
            except Exception as exc:  # a third-party scanner must not stop discovery
                notes.append(note(rel, f"secret scanner failed ({type(exc).__name__})"))
    out: list[Observation] = []
    for filename, secret in collection:
        rel = Path(filename).as_posix()
        lines = texts.get(rel, "").splitlines()
        number = int(secret.line_number or 0)
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        value = secret.secret_value or secret.secret_hash
        column = line.find(value) + 1 if value and value in line else None
        value = whole_value(lines, number, column, value)
        kind = str(secret.type)
        if kind in GENERIC_TYPES:  # a known token shape says more than "high entropy"
            kind = next((k for k, _, token in find_tokens(line) if token == value), kind)
        name = variable_on(line, column or None)
        if not _plausible(kind, name, value):
            continue
        out.append(
            Observation(
                Kind.SECRET_LITERAL,
                kind,
                Location(rel, number or None, column or None),
                name,
                digest(value),
            )
        )
    return out + notes + fast
