"""Backstage ``catalog-info.yaml``: the registry's apps as ``Component`` entities, and back.

Each app becomes one entity::

    apiVersion: backstage.io/v1alpha1
    kind: Component
    metadata:
      name: expense-helper
      description: ...
      tags: [finance]
      annotations:
        microgate.dev/tier: high
        microgate.dev/last-result: pass
        microgate.dev/last-run-at: '2024-05-01T10:00:00+00:00'
        microgate.dev/manifest-sha256: 3f2a...
    spec: {type: service, lifecycle: production, owner: team-finance}

Import reads every ``Component`` of a (multi-document) catalog file, skips other kinds
(``System``, ``API``, ``Group``, ...), keeps foreign annotations, and names the document
and key of any problem.
"""

from __future__ import annotations

import difflib
from typing import Any

import yaml
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from microgate.errors import InputError, Problem
from microgate.registry.documents import AppDoc
from microgate.registry.names import AppName, TagList
from microgate.registry.records import AppRecord, Lifecycle, Result, Tier
from microgate.registry.yamldocs import load_yaml_documents
from microgate.yamlio import validate_document

API_VERSION = "backstage.io/v1alpha1"
PREFIX = "microgate.dev/"
TIER = PREFIX + "tier"
LAST_RESULT = PREFIX + "last-result"
LAST_RUN_AT = PREFIX + "last-run-at"
MANIFEST_SHA256 = PREFIX + "manifest-sha256"
KNOWN_ANNOTATIONS = (TIER, LAST_RESULT, LAST_RUN_AT, MANIFEST_SHA256)


def entity(app: AppRecord) -> dict[str, Any]:
    """The Backstage ``Component`` entity of one app."""
    annotations = {k: v for k, v in sorted(app.annotations.items()) if not k.startswith(PREFIX)}
    ours = {
        TIER: app.tier,
        LAST_RESULT: app.last_result,
        LAST_RUN_AT: app.last_run_at.isoformat() if app.last_run_at else None,
        MANIFEST_SHA256: app.manifest_sha256,
    }
    annotations.update({k: v for k, v in ours.items() if v is not None})
    metadata: dict[str, Any] = {"name": app.name}
    if app.description:
        metadata["description"] = app.description
    if app.tags:
        metadata["tags"] = list(app.tags)
    if annotations:
        metadata["annotations"] = annotations
    return {
        "apiVersion": API_VERSION,
        "kind": "Component",
        "metadata": metadata,
        "spec": {"type": app.component_type, "lifecycle": app.lifecycle, "owner": app.owner},
    }


def dump_catalog(apps: list[AppRecord]) -> str:
    """A multi-document ``catalog-info.yaml`` with one entity per app."""
    if not apps:
        return ""
    return yaml.safe_dump_all(
        [entity(a) for a in apps], sort_keys=False, allow_unicode=True, explicit_start=True
    )


class _Header(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    api_version: str = Field(alias="apiVersion")
    kind: str

    @field_validator("api_version")
    @classmethod
    def _api_version(cls, value: str) -> str:
        if not value.startswith("backstage.io/"):
            raise ValueError(f"expected a Backstage entity ('{API_VERSION}'), got {value!r}")
        return value


class _Annotations(BaseModel):
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, str]

    tier: Tier | None = Field(None, alias=TIER)
    last_result: Result | None = Field(None, alias=LAST_RESULT)
    last_run_at: AwareDatetime | None = Field(None, alias=LAST_RUN_AT)
    manifest_sha256: str | None = Field(None, alias=MANIFEST_SHA256, pattern=r"^[0-9a-f]{64}$")

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                if isinstance(key, str) and key.startswith(PREFIX) and key not in KNOWN_ANNOTATIONS:
                    close = difflib.get_close_matches(key, KNOWN_ANNOTATIONS, n=1)
                    hint = (
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"known: {', '.join(KNOWN_ANNOTATIONS)}"
                    )
                    raise ValueError(f"unknown annotation '{key}' ({hint})")
        return data

    def foreign(self) -> dict[str, str]:
        return dict(self.__pydantic_extra__ or {})


class _Metadata(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: AppName
    description: str = ""
    tags: TagList = Field(default_factory=list)
    annotations: _Annotations = Field(default_factory=_Annotations)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: str = Field(min_length=1, max_length=63)
    lifecycle: Lifecycle
    owner: str = Field(min_length=1, max_length=255)


class _Component(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    api_version: str = Field(alias="apiVersion")
    kind: str
    metadata: _Metadata
    spec: _Spec

    def to_app(self) -> AppDoc:
        notes = self.metadata.annotations
        return AppDoc(
            name=self.metadata.name,
            owner=self.spec.owner,
            tier=notes.tier,
            lifecycle=self.spec.lifecycle,
            type=self.spec.type,
            description=self.metadata.description,
            tags=self.metadata.tags,
            annotations=notes.foreign(),
            manifest_sha256=notes.manifest_sha256,
            last_result=notes.last_result,
            last_run_at=notes.last_run_at,
        )


def parse_catalog(text: str, source: str) -> list[AppDoc]:
    """The apps described by the ``Component`` entities of a catalog file."""
    apps: list[AppDoc] = []
    first_seen: dict[str, int] = {}
    for number, doc in enumerate(load_yaml_documents(text, source=source), start=1):
        if doc.data is None:
            continue
        try:
            header = validate_document(_Header, doc)
            if header.kind != "Component":
                continue
            app = validate_document(_Component, doc).to_app()
        except InputError as exc:
            raise _in_document(exc, number, doc.position(())) from None
        if app.name in first_seen:
            line, column = doc.position(("metadata", "name"))
            raise InputError(
                source,
                f"app '{app.name}' already described in document {first_seen[app.name]}",
                line=line,
                column=column,
                key_path=f"document {number}: metadata.name",
            )
        first_seen[app.name] = number
        apps.append(app)
    if not apps:
        raise InputError(source, "no Backstage 'Component' entity in this file")
    return apps


def _in_document(exc: InputError, number: int, start: tuple[int | None, int | None]) -> InputError:
    """The same problems, each naming the document they are in (at its start if no line)."""
    problems = [
        Problem(
            p.message,
            p.line if p.line is not None else start[0],
            p.column if p.line is not None else start[1],
            f"document {number}: {p.key_path}" if p.key_path else f"document {number}",
            p.hint,
        )
        for p in exc.problems
    ]
    return InputError(exc.source, problems=problems)
