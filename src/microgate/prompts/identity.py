"""A prompt's identity: id + version + a hash of its content.

The content hash is the SHA-256 of a canonical JSON form of everything but the version (keys
sorted, defaults left out, no insignificant whitespace), so re-formatting the YAML, reordering
keys or spelling out a default keeps the hash, and any change a model would see (the template,
parameters, variables, target family, output schema) changes it — even when the version was
not bumped (lint rule MG-L007).

Example:
    >>> from microgate.prompts.model import PromptArtifact
    >>> a = PromptArtifact.model_validate(
    ...     {"id": "x.y", "version": "1.0.0", "modelFamily": "simulated", "template": "Hi"})
    >>> b = a.model_copy(update={"version": "2.0.0"})
    >>> identity_of(a).content_hash == identity_of(b).content_hash
    True
    >>> identity_of(a).short_hash == identity_of(a).content_hash[:12]
    True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from microgate.prompts.model import PromptArtifact


@dataclass(frozen=True, slots=True)
class PromptIdentity:
    """Which prompt, which declared version, which content."""

    id: str
    version: str | None
    content_hash: str

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    def render(self) -> str:
        """``id@version#hash12`` (``?`` when there is no version)."""
        return f"{self.id}@{self.version or '?'}#{self.short_hash}"


def canonical_content(prompt: PromptArtifact) -> str:
    """The canonical JSON of everything that identifies the prompt's content."""
    data: dict[str, Any] = prompt.model_dump(
        mode="json", by_alias=True, exclude={"version"}, exclude_defaults=True
    )
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(prompt: PromptArtifact) -> str:
    """SHA-256 (hex) of :func:`canonical_content`."""
    return hashlib.sha256(canonical_content(prompt).encode("utf-8")).hexdigest()


def identity_of(prompt: PromptArtifact) -> PromptIdentity:
    """The identity of ``prompt``."""
    return PromptIdentity(prompt.id, prompt.version, content_hash(prompt))
