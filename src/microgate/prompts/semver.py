"""Semantic versions (https://semver.org, 2.0.0): parse and order them.

Example:
    >>> is_semver("1.4.0-rc.1+build.7"), is_semver("1.0"), is_semver("v1.2.3")
    (True, False, False)
    >>> sorted(["1.0.0", "1.0.0-rc.1", "0.9.12", "1.0.0-alpha"], key=semver_key)
    ['0.9.12', '1.0.0-alpha', '1.0.0-rc.1', '1.0.0']
"""

from __future__ import annotations

import re

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)

# A release sorts after every pre-release of the same version; numeric identifiers sort
# before alphanumeric ones (semver.org, item 11).
_Key = tuple[int, int, int, int, tuple[tuple[int, int, str], ...]]


def is_semver(text: str) -> bool:
    """True when ``text`` is a semantic version MAJOR.MINOR.PATCH[-pre][+build]."""
    return bool(SEMVER.match(text))


def semver_key(text: str) -> _Key:
    """A sort key giving semantic-version precedence (build metadata is ignored).

    Raises ``ValueError`` when ``text`` is not a semantic version.
    """
    match = SEMVER.match(text)
    if match is None:
        raise ValueError(f"not a semantic version: {text!r}")
    major, minor, patch, pre, _build = match.groups()
    if pre is None:
        return int(major), int(minor), int(patch), 1, ()
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in pre.split("."))
    return int(major), int(minor), int(patch), 0, parts
