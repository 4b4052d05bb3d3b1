"""The registry: every app with owner, tier, last result, artifact versions and history.

Example:
    >>> from microgate.store import open_store
    >>> registry = Registry(open_store("sqlite://"))
    >>> run = registry.record_run(None, app_name="notes", subject="./notes", kind="gate",
    ...     passed=True, exit_code=0, tier="low", summary={}, artifacts=[])
    >>> app = registry.get_app("notes")
    >>> app.tier, app.last_result, [r.kind for r in registry.history("notes")]
    ('low', 'pass', ['gate'])
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from microgate import __version__
from microgate.errors import InputError, UsageError
from microgate.manifest.model import Manifest
from microgate.registry import backstage, convert, documents, exchange
from microgate.registry.names import (
    NAME_RULE,
    RUN_KIND_RULE,
    is_valid_name,
    is_valid_run_kind,
    to_tags,
)
from microgate.registry.records import TIERS, AppRecord, ArtifactVersion, RunRecord, result_of
from microgate.store import Store
from microgate.store.models import UNKNOWN_OWNER, App, Artifact, Run
from microgate.store.types import utcnow

MAX_OWNER_LENGTH = 255


class Registry:
    """The app registry over a :class:`~microgate.store.Store`. Returns frozen records."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- recording -------------------------------------------------------------------------

    def record_run(
        self,
        manifest: Manifest | None,
        *,
        app_name: str,
        subject: str,
        kind: str,
        passed: bool | None,
        exit_code: int,
        tier: str | None,
        summary: Mapping[str, Any],
        artifacts: Sequence[ArtifactVersion],
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
    ) -> RunRecord:
        """Record one run; create or update the app (from ``manifest`` when given).

        ``passed`` is True (pass), False (fail) or None (the run ended in an error).  The
        app's tier is set when ``tier`` is given; its last result when this run is its newest.
        """
        _check_name(app_name)
        if manifest is not None and manifest.name != app_name:
            raise InputError(
                "app name", f"the manifest names app '{manifest.name}', not '{app_name}'"
            )
        if not is_valid_run_kind(kind):
            raise ValueError(f"run kind {kind!r}: expected {RUN_KIND_RULE}")
        if tier is not None and tier not in TIERS:
            raise ValueError(f"tier {tier!r}: expected one of {', '.join(TIERS)}")
        finished = finished_at or utcnow()
        started = started_at or finished
        result = result_of(passed)
        summary_doc = _json_object(summary)
        with self.store.session() as session:
            app = _ensure_app(session, app_name)
            if manifest is not None:
                _apply_manifest(app, manifest)
            if tier is not None:
                app.tier = tier
            if app.last_run_at is None or finished >= app.last_run_at:
                app.last_result, app.last_run_at = result, finished
            app.updated_at = utcnow()
            run = Run(
                app=app,
                kind=kind,
                subject=subject,
                result=result,
                exit_code=exit_code,
                tier=tier,
                summary=summary_doc,
                started_at=started,
                finished_at=finished,
                microgate_version=__version__,
            )
            run.artifacts = _artifacts(app, artifacts)
            session.add(run)
            session.flush()
            return convert.run_record(run, app.name)

    # -- reading ---------------------------------------------------------------------------

    def list_apps(self) -> list[AppRecord]:
        """Every app, by name."""
        with self.store.session(write=False) as session:
            apps = session.scalars(select(App).order_by(App.name)).all()
            return [convert.app_record(a) for a in apps]

    def get_app(self, name: str) -> AppRecord:
        """The app called ``name``; an unknown name is an :class:`InputError` with suggestions."""
        with self.store.session(write=False) as session:
            return convert.app_record(_find_app(session, name))

    def history(self, name: str, limit: int = 50) -> list[RunRecord]:
        """The app's runs, newest first, at most ``limit``."""
        if limit < 1:
            raise UsageError("--limit", f"expected a positive number, got {limit}")
        with self.store.session(write=False) as session:
            app = _find_app(session, name)
            runs = session.scalars(
                select(Run)
                .where(Run.app_id == app.id)
                .order_by(Run.finished_at.desc(), Run.id.desc())
                .limit(limit)
                .options(selectinload(Run.artifacts))
            ).all()
            return [convert.run_record(r, app.name) for r in runs]

    # -- exchange --------------------------------------------------------------------------

    def export_json(self) -> dict[str, Any]:
        """The whole registry — apps, manifests, history — as one JSON-ready mapping."""
        with self.store.session(write=False) as session:
            apps = session.scalars(
                select(App)
                .order_by(App.name)
                .options(selectinload(App.runs).selectinload(Run.artifacts))
            ).all()
            pairs = [
                (convert.app_record(a), [convert.run_record(r, a.name) for r in a.runs])
                for a in apps
            ]
        return documents.registry_document(pairs, exported_at=utcnow(), version=__version__)

    def export_backstage(self) -> str:
        """The apps as a multi-document Backstage ``catalog-info.yaml``."""
        return backstage.dump_catalog(self.list_apps())

    def import_json(self, data: str | Mapping[str, Any], source: str = "<json>") -> list[str]:
        """Import a :meth:`export_json` document (text or mapping); return the app names.

        All or nothing: a problem anywhere is an :class:`InputError` naming its location
        (e.g. ``apps[1].runs[0].result``) and nothing is written.  Runs already present
        (same kind, subject and times) are not added twice.
        """
        return self._import(exchange.parse_registry(data, source))

    def import_backstage(self, text: str, source: str = "<catalog>") -> list[str]:
        """Import the ``Component`` entities of a Backstage catalog file; return the names."""
        return self._import(backstage.parse_catalog(text, source))

    def _import(self, apps: list[documents.AppDoc]) -> list[str]:
        with self.store.session() as session:
            for doc in apps:
                _apply_document(session, doc)
        return [doc.name for doc in apps]


def _check_name(name: str) -> None:
    if not is_valid_name(name):
        raise InputError(
            "app name", f"'{name}' is not a valid app name", hint=f"expected {NAME_RULE}"
        )


def _json_object(summary: Mapping[str, Any]) -> dict[str, Any]:
    try:
        return dict(json.loads(json.dumps(dict(summary), allow_nan=False)))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a run summary must be plain JSON data: {exc}") from None


def _ensure_app(session: Session, name: str, created_at: datetime | None = None) -> App:
    """The app row for ``name``, inserted first when missing (safe against concurrent inserts)."""
    now = utcnow()
    values = {
        "name": name,
        "owner": UNKNOWN_OWNER,
        "lifecycle": "experimental",
        "component_type": "service",
        "description": "",
        "tags": [],
        "annotations": {},
        "created_at": created_at or now,
        "updated_at": now,
    }
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(App).values(**values).on_conflict_do_nothing(index_elements=["name"]))
    return session.scalars(select(App).where(App.name == name).with_for_update()).one()


def _find_app(session: Session, name: str) -> App:
    app = session.scalars(select(App).where(App.name == name)).one_or_none()
    if app is not None:
        return app
    names = list(session.scalars(select(App.name)).all())
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    if close:
        hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    elif names:
        hint = "see 'microgate registry list' for the apps it holds"
    else:
        hint = "the registry is empty: runs record apps, or import a catalog"
    raise InputError("registry", f"no app named '{name}'", hint=hint)


def _apply_manifest(app: App, manifest: Manifest) -> None:
    if len(manifest.owner) > MAX_OWNER_LENGTH:
        raise InputError(
            "microgate.yaml", f"longer than {MAX_OWNER_LENGTH} characters", key_path="owner"
        )
    app.owner = manifest.owner
    app.description = manifest.description
    app.lifecycle = manifest.lifecycle
    app.tags = to_tags(manifest.tags)
    app.component_type = convert.component_type(manifest)
    app.manifest = manifest.to_document()
    app.manifest_sha256 = convert.manifest_sha256(manifest)


def _artifacts(
    app: App, artifacts: Sequence[ArtifactVersion] | Sequence[documents.ArtifactDoc]
) -> list[Artifact]:
    unique = {(a.kind, a.path): a for a in artifacts}
    return [
        Artifact(app_id=app.id, kind=a.kind, path=a.path, version=a.version, sha256=a.sha256)
        for a in unique.values()
    ]


def _apply_document(session: Session, doc: documents.AppDoc) -> None:
    app = _ensure_app(session, doc.name, doc.created_at)
    if doc.manifest is not None:
        _apply_manifest(app, doc.manifest)
    app.owner = doc.owner or UNKNOWN_OWNER
    app.lifecycle = doc.lifecycle
    app.component_type = doc.type
    app.description = doc.description
    app.tags = list(doc.tags)
    app.annotations = dict(doc.annotations)
    if doc.manifest_sha256 is not None:
        app.manifest_sha256 = doc.manifest_sha256
    if doc.tier is not None:
        app.tier = doc.tier
    if doc.last_run_at is not None:
        if app.last_run_at is None or doc.last_run_at >= app.last_run_at:
            app.last_result, app.last_run_at = doc.last_result, doc.last_run_at
    elif doc.last_result is not None and app.last_result is None:
        app.last_result = doc.last_result
    app.updated_at = doc.updated_at or utcnow()
    seen = {(r.kind, r.subject, r.started_at, r.finished_at) for r in app.runs}
    for item in doc.runs:
        if (item.kind, item.subject, item.started_at, item.finished_at) in seen:
            continue
        run = Run(
            app=app,
            kind=item.kind,
            subject=item.subject,
            result=item.result,
            exit_code=item.exit_code,
            tier=item.tier,
            summary=item.summary,
            started_at=item.started_at,
            finished_at=item.finished_at,
            microgate_version=item.microgate_version,
        )
        run.artifacts = _artifacts(app, item.artifacts)
        session.add(run)
    session.flush()
