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
        name = variable_on(line, column or None)
        if not _plausible(str(secret.type), name, value):
            continue
        out.append(
            Observation(
                Kind.SECRET_LITERAL,
                str(secret.type),
                Location(rel, number or None, column or None),
                name,
                digest(value),
            )
        )
    return out + notes + fast
