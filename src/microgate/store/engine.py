"""Engines for the two supported databases, set up the same way everywhere.

SQLite (the zero-set-up default) gets write-ahead logging, foreign keys and a busy timeout,
and proper transactions: Python's ``sqlite3`` module would otherwise run schema changes
outside any transaction.  A connection with the execution option ``sqlite_begin="IMMEDIATE"``
takes SQLite's write lock when its transaction begins, which serialises writers (and
migrations) across processes instead of failing half-way.

Example:
    >>> engine = create_store_engine("sqlite://")
    >>> with engine.connect() as conn:
    ...     conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    1
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from microgate.errors import InputError

#: How long SQLite waits for another process's lock before giving up, in seconds.
SQLITE_BUSY_TIMEOUT_S = 30.0
SQLITE_BEGIN_OPTION = "sqlite_begin"
SUPPORTED = ("sqlite", "postgresql")


def parse_url(url: str) -> URL:
    """Parse a database URL; a malformed or unsupported one is an :class:`InputError`."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError("database URL", "not a database URL", hint=_EXAMPLES) from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise InputError(
            "database URL",
            f"unsupported database '{parsed.get_backend_name()}'",
            hint=_EXAMPLES,
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    return parsed


_EXAMPLES = "expected e.g. 'sqlite:///path/to/microgate.db' or 'postgresql+psycopg://user@host/db'"


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for an in-memory database."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database)


def create_store_engine(url: str | URL) -> Engine:
    """An engine for ``url`` with microgate's connection settings."""
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S}}
    in_memory = sqlite_file(parsed) is None
    if in_memory:  # one shared connection, or every session would see its own empty database
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    engine = create_engine(parsed, **kwargs)
    _configure_sqlite(engine, wal=not in_memory)
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    busy_ms = int(SQLITE_BUSY_TIMEOUT_S * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, see below
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if wal:
                _switch_to_wal(cursor)
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        if mode not in ("DEFERRED", "IMMEDIATE", "EXCLUSIVE"):
            raise ValueError(f"unknown SQLite transaction mode {mode!r}")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _switch_to_wal(cursor: Any) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another connection converts the file.

    SQLite answers "database is locked" at once, without waiting for the busy timeout, to
    all but one of several connections that switch a new file to WAL at the same moment.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    delay = 0.002
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
