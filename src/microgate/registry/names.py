"""Names and tags the way Backstage accepts them.

An entity name is ``[a-zA-Z0-9]`` runs separated by one of ``-_.``, at most 63 characters.
A tag is ``[a-z0-9:+#]`` runs separated by ``-``, at most 63 characters; :func:`to_tag`
turns a free-form manifest tag into one (or None when nothing is left).

Example:
    >>> to_tag("Data Science"), to_tag("C++"), to_tag("--"), is_valid_name("expense-helper")
    ('data-science', 'c++', None, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator

MAX_LENGTH = 63
_NAME = re.compile(r"^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$")
_TAG = re.compile(r"^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")
_RUN_KIND = re.compile(r"^[a-z][a-z0-9_.-]{0,31}$")
NAME_RULE = "letters, digits and single '-', '_' or '.' between them, at most 63 characters"
TAG_RULE = (
    "lower-case letters, digits, '+', '#' or ':' in runs joined by single '-', "
    "at most 63 characters"
)
RUN_KIND_RULE = "a lower-case word such as 'pipeline' or 'gate', at most 32 characters"


def is_valid_name(name: str) -> bool:
    """Whether ``name`` is a valid Backstage entity name."""
    return len(name) <= MAX_LENGTH and bool(_NAME.match(name))


def is_valid_tag(tag: str) -> bool:
    """Whether ``tag`` is a valid Backstage tag."""
    return 0 < len(tag) <= MAX_LENGTH and bool(_TAG.match(tag))


def is_valid_run_kind(kind: str) -> bool:
    """Whether ``kind`` can name a run (``discover``, ``gate``, ``pipeline``, ...)."""
    return bool(_RUN_KIND.match(kind))


def to_tag(text: str) -> str | None:
    """A valid Backstage tag made from ``text``, or None when it has no usable characters."""
    if is_valid_tag(text):
        return text
    cleaned = re.sub(r"[^a-z0-9+#]+", "-", text.strip().lower())
    cleaned = cleaned.strip("-")[:MAX_LENGTH].rstrip("-")
    return cleaned or None


def to_tags(texts: Iterable[str]) -> list[str]:
    """:func:`to_tag` over ``texts``, without empties or repeats, in their first order."""
    seen: dict[str, None] = {}
    for text in texts:
        tag = to_tag(text)
        if tag is not None:
            seen.setdefault(tag, None)
    return list(seen)


def _checked_name(value: str) -> str:
    if not is_valid_name(value):
        raise ValueError(f"expected {NAME_RULE}")
    return value


def _checked_tags(value: list[str]) -> list[str]:
    for tag in value:
        if not is_valid_tag(tag):
            raise ValueError(f"tag {tag!r}: expected {TAG_RULE}")
    return value


#: An app name field of an exchanged document (JSON export, Backstage entity).
AppName = Annotated[str, AfterValidator(_checked_name)]
#: A list of registry tags, each checked against :data:`TAG_RULE`.
TagList = Annotated[list[str], AfterValidator(_checked_tags)]
