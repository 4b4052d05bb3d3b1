"""Run the schema migrations programmatically: no ``alembic.ini`` is needed by users.

:func:`upgrade` brings a database to the newest schema this microgate knows.  It is
idempotent and safe when several processes (CLI runs, control-plane replicas) start at
once: SQLite serialises it with an immediate (write-locked) transaction, PostgreSQL with a
transaction-scoped advisory lock; the second process then finds the schema current.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from microgate.errors import InputError
from microgate.store.engine import SQLITE_BEGIN_OPTION

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The PostgreSQL advisory lock that serialises migrations across processes.
ADVISORY_LOCK_KEY = zlib.crc32(b"microgate.store.migrate")


def alembic_config(connection: Connection | None = None, *, url: str | None = None) -> Config:
    """An Alembic configuration for microgate's migrations, bound to ``connection`` or ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration this microgate ships."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to :func:`head_revision`, under a lock."""
    head = head_revision()
    with engine.connect() as conn:
        found = current_revision(conn)
        conn.rollback()
    if found == head:
        return
    _check_known(found)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn = conn.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            _check_known(current_revision(conn))
            command.upgrade(alembic_config(conn), "head")


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(revision)
    except CommandError:
        raise InputError(
            "database",
            f"its schema is at revision '{revision}', which this microgate does not know",
            hint="a newer microgate has migrated it; upgrade microgate",
        ) from None


def revision(message: str, url: str) -> None:  # pragma: no cover - a development tool
    """Write a new migration by comparing the models with the database at ``url``."""
    command.revision(alembic_config(url=url), message=message, autogenerate=True)
