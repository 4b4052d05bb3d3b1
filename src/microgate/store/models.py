"""The database schema as SQLAlchemy 2 models: apps, the runs recorded for them, and the
versions of the artifacts each run saw.

The schema is created and changed only by the Alembic migrations in
``microgate/store/migrations``; ``tests/store/test_migrations.py`` fails when these models and
the migration head disagree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from microgate.store.types import PortableJSON, UTCDateTime, utcnow

#: Constraint names are fixed so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The owner of an app recorded before its manifest said who owns it (Backstage needs one).
UNKNOWN_OWNER = "unknown"


class Base(DeclarativeBase):
    """Declarative base of every microgate table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class App(Base):
    """A micro-app in the registry: its catalog entry and its latest state."""

    __tablename__ = "apps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(63), unique=True)
    owner: Mapped[str] = mapped_column(String(255), default=UNKNOWN_OWNER)
    tier: Mapped[str | None] = mapped_column(String(16))
    lifecycle: Mapped[str] = mapped_column(String(32), default="experimental")
    component_type: Mapped[str] = mapped_column(String(63), default="service")
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(PortableJSON, default=list)
    annotations: Mapped[dict[str, str]] = mapped_column(PortableJSON, default=dict)
    manifest: Mapped[dict[str, Any] | None] = mapped_column(PortableJSON)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    last_result: Mapped[str | None] = mapped_column(String(16))
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    runs: Mapped[list[Run]] = relationship(
        back_populates="app",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: (Run.finished_at, Run.id),
    )


class Run(Base):
    """One command run against an app (discover, classify, gate, lint, pipeline, ...)."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_app_id_finished_at", "app_id", "finished_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    app_id: Mapped[int] = mapped_column(ForeignKey("apps.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(16))
    exit_code: Mapped[int] = mapped_column(Integer)
    tier: Mapped[str | None] = mapped_column(String(16))
    summary: Mapped[dict[str, Any]] = mapped_column(PortableJSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime)
    microgate_version: Mapped[str] = mapped_column(String(32))

    app: Mapped[App] = relationship(back_populates="runs")
    artifacts: Mapped[list[Artifact]] = relationship(
        back_populates="run",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: (Artifact.kind, Artifact.path),
    )


class Artifact(Base):
    """The version of one artifact (manifest, prompt, circuit, eval, policy) a run saw."""

    __tablename__ = "artifacts"
    __table_args__ = (
        UniqueConstraint("run_id", "kind", "path", name="uq_artifacts_run_kind_path"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    app_id: Mapped[int] = mapped_column(ForeignKey("apps.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(1024))
    version: Mapped[str] = mapped_column(String(64), default="")
    sha256: Mapped[str] = mapped_column(String(64))

    run: Mapped[Run] = relationship(back_populates="artifacts")
