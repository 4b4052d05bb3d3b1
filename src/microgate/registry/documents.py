"""The registry's interchange document (JSON export and import), as pydantic models.

An export is ``{"apiVersion": "microgate/v1", "kind": "Registry", "apps": [...]}``; each app
carries its catalog entry, its manifest and its run history with artifact versions.  Keys
are camelCase, like the manifest.  Import validates with these models, so a bad file gets
located problems such as ``apps[1].runs[0].result``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

from microgate.manifest.model import Manifest
from microgate.registry.names import RUN_KIND_RULE, AppName, TagList, is_valid_run_kind
from microgate.registry.records import (
    AppRecord,
    ArtifactKind,
    ArtifactVersion,
    Lifecycle,
    Result,
    RunRecord,
    Tier,
)

API_VERSION = "microgate/v1"
KIND = "Registry"
_SHA256 = r"^[0-9a-f]{64}$"


class _Doc(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class ArtifactDoc(_Doc):
    kind: ArtifactKind
    path: str = Field(min_length=1, max_length=1024)
    version: str = Field("", max_length=64)
    sha256: str = Field(pattern=_SHA256)


class RunDoc(_Doc):
    kind: str
    subject: str = ""
    result: Result
    exit_code: int
    tier: Tier | None = None
    summary: dict[str, Any] = Field(default_factory=dict)
    started_at: AwareDatetime
    finished_at: AwareDatetime
    microgate_version: str = Field("", max_length=32)
    artifacts: list[ArtifactDoc] = Field(default_factory=list)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if not is_valid_run_kind(value):
            raise ValueError(f"expected {RUN_KIND_RULE}")
        return value


class AppDoc(_Doc):
    """One app as exchanged: its catalog entry, and (JSON only) manifest and history."""

    name: AppName
    owner: str = Field("", max_length=255)
    tier: Tier | None = None
    lifecycle: Lifecycle = "experimental"
    type: str = Field("service", min_length=1, max_length=63)
    description: str = ""
    tags: TagList = Field(default_factory=list)
    annotations: dict[str, str] = Field(default_factory=dict)
    manifest: Manifest | None = None
    manifest_sha256: str | None = Field(None, pattern=_SHA256)
    last_result: Result | None = None
    last_run_at: AwareDatetime | None = None
    created_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None
    runs: list[RunDoc] = Field(default_factory=list)

    @model_validator(mode="after")
    def _manifest_name(self) -> AppDoc:
        if self.manifest is not None and self.manifest.name != self.name:
            raise ValueError(f"the manifest names app {self.manifest.name!r}, not {self.name!r}")
        return self


class RegistryDoc(_Doc):
    api_version: Literal["microgate/v1"]
    kind: Literal["Registry"]
    exported_at: AwareDatetime | None = None
    microgate_version: str = ""
    apps: list[AppDoc] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> RegistryDoc:
        seen: set[str] = set()
        for app in self.apps:
            if app.name in seen:
                raise ValueError(f"app {app.name!r} appears twice")
            seen.add(app.name)
        return self


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def artifact_document(artifact: ArtifactVersion) -> dict[str, Any]:
    return {
        "kind": artifact.kind,
        "path": artifact.path,
        "version": artifact.version,
        "sha256": artifact.sha256,
    }


def run_document(run: RunRecord) -> dict[str, Any]:
    """A run as a JSON-ready mapping (camelCase keys)."""
    return {
        "kind": run.kind,
        "subject": run.subject,
        "result": run.result,
        "exitCode": run.exit_code,
        "tier": run.tier,
        "summary": dict(run.summary),
        "startedAt": _time(run.started_at),
        "finishedAt": _time(run.finished_at),
        "microgateVersion": run.microgate_version,
        "artifacts": [artifact_document(a) for a in run.artifacts],
    }


def app_document(app: AppRecord, runs: list[RunRecord] | None = None) -> dict[str, Any]:
    """An app as a JSON-ready mapping; with ``runs`` (oldest first) for a full export."""
    doc: dict[str, Any] = {
        "name": app.name,
        "owner": app.owner,
        "tier": app.tier,
        "lifecycle": app.lifecycle,
        "type": app.component_type,
        "description": app.description,
        "tags": list(app.tags),
        "annotations": dict(app.annotations),
        "manifest": dict(app.manifest) if app.manifest is not None else None,
        "manifestSha256": app.manifest_sha256,
        "lastResult": app.last_result,
        "lastRunAt": _time(app.last_run_at),
        "createdAt": _time(app.created_at),
        "updatedAt": _time(app.updated_at),
    }
    if runs is not None:
        doc["runs"] = [run_document(r) for r in runs]
    return doc


def registry_document(
    apps: list[tuple[AppRecord, list[RunRecord]]], *, exported_at: datetime, version: str
) -> dict[str, Any]:
    """The whole registry as one JSON-ready mapping."""
    return {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "exportedAt": exported_at.isoformat(),
        "microgateVersion": version,
        "apps": [app_document(app, runs) for app, runs in apps],
    }
