"""The registry's last record of each prompt, for rule MG-L007.

A lint run records ``prompt_versions(prompts)`` in its run summary under the key ``prompts``
(``{id: {"version": ..., "contentHash": ...}}``); the next run reads the app's history back
with :func:`previous_prompt_versions`.  An app without history gives ``{}``: nothing to compare,
MG-L007 passes.

Example:
    >>> from types import SimpleNamespace
    >>> new = SimpleNamespace(summary={"prompts": {"a.b": {"version": "1.1.0",
    ...                                                     "contentHash": "f00"}}})
    >>> old = SimpleNamespace(summary={"prompts": {"a.b": {"version": "1.0.0",
    ...     "contentHash": "e00"}, "c.d": {"version": "2.0.0", "contentHash": "d00"}}})
    >>> previous_prompt_versions([new, old])
    {'a.b': ('1.1.0', 'f00'), 'c.d': ('2.0.0', 'd00')}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from microgate.prompts import PromptFile

SUMMARY_KEY = "prompts"


class HasSummary(Protocol):
    """A recorded run (e.g. :class:`microgate.registry.RunRecord`)."""

    @property
    def summary(self) -> Mapping[str, Any]: ...


def prompt_versions(prompts: Sequence[PromptFile]) -> dict[str, dict[str, str]]:
    """What a run records about its prompts: id -> version and content hash."""
    return {
        p.artifact.id: {"version": p.artifact.version or "", "contentHash": p.identity.content_hash}
        for p in prompts
    }


def previous_prompt_versions(runs: Iterable[HasSummary]) -> dict[str, tuple[str, str]]:
    """id -> (version, content hash) from the newest run recording each prompt id.

    ``runs`` are newest first (as :meth:`Registry.history` returns them); malformed entries
    are skipped.
    """
    found: dict[str, tuple[str, str]] = {}
    for run in runs:
        recorded = run.summary.get(SUMMARY_KEY) if isinstance(run.summary, Mapping) else None
        if not isinstance(recorded, Mapping):
            continue
        for prompt_id, entry in recorded.items():
            if not isinstance(entry, Mapping) or prompt_id in found:
                continue
            version, digest = entry.get("version"), entry.get("contentHash")
            if isinstance(version, str) and version and isinstance(digest, str):
                found[str(prompt_id)] = (version, digest)
    return found
