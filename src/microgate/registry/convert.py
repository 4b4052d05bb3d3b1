"""Copies of database rows as frozen records, so no ORM object leaves the registry."""

from __future__ import annotations

import hashlib
import json
from typing import Any, cast

from microgate.manifest.model import Manifest
from microgate.registry.records import (
    AppRecord,
    ArtifactKind,
    ArtifactVersion,
    Lifecycle,
    Result,
    RunRecord,
    Tier,
)
from microgate.store.models import App, Artifact, Run


def app_record(app: App) -> AppRecord:
    return AppRecord(
        name=app.name,
        owner=app.owner,
        tier=cast("Tier | None", app.tier),
        lifecycle=cast("Lifecycle", app.lifecycle),
        component_type=app.component_type,
        description=app.description,
        tags=tuple(app.tags or ()),
        last_result=cast("Result | None", app.last_result),
        last_run_at=app.last_run_at,
        manifest_sha256=app.manifest_sha256,
        created_at=app.created_at,
        updated_at=app.updated_at,
        annotations=dict(app.annotations or {}),
        manifest=dict(app.manifest) if app.manifest is not None else None,
    )


def artifact_version(artifact: Artifact) -> ArtifactVersion:
    return ArtifactVersion(
        kind=cast("ArtifactKind", artifact.kind),
        path=artifact.path,
        sha256=artifact.sha256,
        version=artifact.version,
    )


def run_record(run: Run, app_name: str) -> RunRecord:
    return RunRecord(
        id=run.id,
        app=app_name,
        kind=run.kind,
        subject=run.subject,
        result=cast("Result", run.result),
        exit_code=run.exit_code,
        tier=cast("Tier | None", run.tier),
        started_at=run.started_at,
        finished_at=run.finished_at,
        microgate_version=run.microgate_version,
        summary=dict(run.summary or {}),
        artifacts=tuple(artifact_version(a) for a in run.artifacts),
    )


def canonical_json(value: Any) -> str:
    """``value`` as compact JSON with sorted keys: equal data, equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def manifest_sha256(manifest: Manifest) -> str:
    """The SHA-256 of the manifest's canonical JSON document (formatting and comments aside)."""
    return hashlib.sha256(canonical_json(manifest.to_document()).encode("utf-8")).hexdigest()


def component_type(manifest: Manifest) -> str:
    """Backstage ``spec.type`` guessed from the manifest: website, service or tool.

    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "a", "owner": "o",
    ...     "userScope": "personal", "entryPoints": [{"kind": "command", "target": "a.py"}]})
    >>> component_type(m)
    'tool'
    """
    tags = {t.lower() for t in manifest.tags}
    kinds = {e.kind for e in manifest.entry_points}
    if tags & {"website", "web", "webapp", "web-app", "frontend", "ui"}:
        return "website"
    if "http" in kinds or manifest.cadence.value in ("continuous", "scheduled"):
        return "service"
    if kinds or manifest.access.commands or manifest.access.filesystem:
        return "tool"
    return "tool" if manifest.user_scope.value == "personal" else "service"
