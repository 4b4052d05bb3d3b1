"""What the registry hands to callers: frozen records, never database objects.

Example:
    >>> result_of(True), result_of(False), result_of(None)
    ('pass', 'fail', 'error')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Tier = Literal["high", "medium", "low"]
Result = Literal["pass", "fail", "error"]
Lifecycle = Literal["experimental", "production", "deprecated"]
ArtifactKind = Literal["manifest", "prompt", "circuit", "eval", "policy"]

TIERS: tuple[Tier, ...] = ("high", "medium", "low")
RESULTS: tuple[Result, ...] = ("pass", "fail", "error")
LIFECYCLES: tuple[Lifecycle, ...] = ("experimental", "production", "deprecated")
ARTIFACT_KINDS: tuple[ArtifactKind, ...] = ("manifest", "prompt", "circuit", "eval", "policy")


def result_of(passed: bool | None) -> Result:
    """``True`` -> pass, ``False`` -> fail, ``None`` (the run could not decide) -> error."""
    if passed is None:
        return "error"
    return "pass" if passed else "fail"


@dataclass(frozen=True)
class ArtifactVersion:
    """The version of one artifact a run saw: its content hash, and its declared version."""

    kind: ArtifactKind
    path: str  # relative to the app root, with forward slashes
    sha256: str
    version: str = ""


@dataclass(frozen=True)
class RunRecord:
    """One recorded run of a microgate command against an app."""

    id: int
    app: str
    kind: str
    subject: str
    result: Result
    exit_code: int
    tier: Tier | None
    started_at: datetime
    finished_at: datetime
    microgate_version: str
    summary: Mapping[str, Any] = field(default_factory=dict, hash=False)
    artifacts: tuple[ArtifactVersion, ...] = ()

    @property
    def passed(self) -> bool | None:
        """``True`` for pass, ``False`` for fail, ``None`` for error."""
        return None if self.result == "error" else self.result == "pass"


@dataclass(frozen=True)
class AppRecord:
    """An app's catalog entry and latest state."""

    name: str
    owner: str
    tier: Tier | None
    lifecycle: Lifecycle
    component_type: str
    description: str
    tags: tuple[str, ...]
    last_result: Result | None
    last_run_at: datetime | None
    manifest_sha256: str | None
    created_at: datetime
    updated_at: datetime
    annotations: Mapping[str, str] = field(default_factory=dict, hash=False)
    manifest: Mapping[str, Any] | None = field(default=None, hash=False)
