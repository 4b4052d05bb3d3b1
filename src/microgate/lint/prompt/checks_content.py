"""Checks on literal text in the template: secrets (MG-L004) and personal data (MG-L005).

Secrets: detect-secrets' plugins run as a library over the template text (written to a
private temporary file, the only way its filters apply; verification stays off, nothing
leaves the machine), plus well-known provider key shapes (``sk-``, ``sk-ant-``, ``AKIA``,
``ghp_``, ``xoxb-``/``xoxp-``...).  Placeholders (``your-api-key``, ``{{ token }}``) and keyword
hits without a secret-looking value are dropped; hex strings alone (ids, digests) are not
reported.

Personal data: :func:`microgate.evals.pii.find_pii` (e-mail, phone, card with Luhn, IBAN
with mod 97, US SSN).  E-mail addresses at reserved example domains (``example.com``,
``*.example``, ``*.test``, ``*.invalid``) are documentation, not PII.

Messages name the kind of value, never the value.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

from microgate.discover.secretlike import find_tokens, is_placeholder, literal_secret
from microgate.evals.pii import find_pii
from microgate.lint.prompt.rule import Hit, PromptContext

_VERIFY_FILTER = "detect_secrets.filters.common.is_ignored_due_to_verification_policies"
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_EXAMPLE_TLDS = (".example", ".test", ".invalid", ".localhost")
_SKIPPED_TYPES = frozenset({"Hex High Entropy String"})


def _detect_secrets(text: str) -> list[tuple[int, str, str]]:
    """(template line, type, value) for each detect-secrets hit in ``text``."""
    try:
        from detect_secrets.core.scan import scan_file
        from detect_secrets.settings import default_settings
    except ImportError:  # pragma: no cover - detect-secrets is a dependency
        return []
    logging.getLogger("detect-secrets").setLevel(logging.ERROR)
    found = []
    with tempfile.TemporaryDirectory(prefix="microgate-prompt-") as folder:
        path = Path(folder) / "template.txt"
        path.write_text(text, encoding="utf-8")
        with default_settings() as settings:
            settings.disable_filters(_VERIFY_FILTER)
            for secret in scan_file(str(path)):
                value = secret.secret_value or ""
                found.append((int(secret.line_number or 0), str(secret.type), value))
    return found


def _plausible(kind: str, value: str) -> bool:
    if not value or "{{" in value or "{%" in value or is_placeholder(value):
        return False
    if kind in _SKIPPED_TYPES:
        return False
    if kind == "Secret Keyword":
        return literal_secret("secret", value) is not None
    return True


def secrets_in_template(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L004: secret-like literals in the template."""
    template = ctx.artifact.template
    found: list[tuple[int, str, str]] = []
    for number, line in enumerate(template.splitlines(), start=1):
        found += [(number, kind, value) for kind, _offset, value in find_tokens(line)]
    found += _detect_secrets(template)
    by_line: dict[int, tuple[set[str], set[str]]] = {}
    for number, kind, value in found:
        if _plausible(kind, value):
            kinds, values = by_line.setdefault(number, (set(), set()))
            kinds.add(kind)
            values.add(value)
    for number, (kinds, values) in sorted(by_line.items()):
        listed = ", ".join(sorted(kinds))
        evidence = max(values, key=lambda v: (len(v), v))
        yield Hit(
            f"secret-like literal in the template ({listed})",
            ctx.prompt.file_line(number),
            evidence=evidence,
        )


def _example_address(value: str) -> bool:
    domain = value.rsplit("@", 1)[-1].lower()
    return domain in _EXAMPLE_DOMAINS or domain.endswith(
        tuple("." + d for d in _EXAMPLE_DOMAINS) + _EXAMPLE_TLDS
    )


def pii_in_template(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L005: personal data literals in the template."""
    for number, line in enumerate(ctx.artifact.template.splitlines(), start=1):
        for match in find_pii(line):
            if match.kind == "email" and _example_address(match.value):
                continue
            yield Hit(
                f"{match.kind} literal in the template",
                ctx.prompt.file_line(number),
                evidence=match.value,
                column=None,
            )
