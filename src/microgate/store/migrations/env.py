"""Alembic environment: run migrations on the connection microgate hands over.

microgate always calls Alembic programmatically with an open connection in
``config.attributes["connection"]`` (see :mod:`microgate.store.migrate`); the URL fallback
only serves development tools.  Importing this module outside Alembic does nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from microgate.store.engine import create_store_engine
from microgate.store.models import Base
from microgate.store.types import UTCDateTime

target_metadata = Base.metadata


def _render_item(kind: str, obj: Any, _context: AutogenContext) -> str | Literal[False]:
    """Write our column types as plain SQLAlchemy types, so migrations stay self-contained."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_item=_render_item,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline(url: str) -> None:
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online(connection: Connection | None, url: str) -> None:
    if connection is not None:
        _run(connection)
        return
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


def main() -> None:
    config = context.config
    url = config.get_main_option("sqlalchemy.url") or ""
    if context.is_offline_mode():
        run_migrations_offline(url)
    else:
        run_migrations_online(config.attributes.get("connection"), url)


def _inside_alembic() -> bool:
    try:
        return context.config is not None
    except AttributeError:
        return False


if _inside_alembic():
    main()
