"""Registry fixtures: ``new_store_url()`` gives URLs of empty databases, on SQLite and on
PostgreSQL (the PostgreSQL param is marked ``postgres``)."""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

POSTGRES_ENV = "MICROGATE_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], str]]:
    """A factory of URLs to empty databases (SQLite files, or PostgreSQL schemas)."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("db")
        counter = itertools.count()
        yield lambda: f"sqlite:///{folder / f'store{next(counter)}.db'}"
        return
    first: str = request.getfixturevalue("postgres_url")  # skips, or fails under CI, without PG
    base = os.environ[POSTGRES_ENV]
    admin = sa.create_engine(base)
    schemas: list[str] = []

    def new() -> str:
        if not schemas:
            schemas.append("")
            return first
        schema = f"mg_test_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}options=-csearch_path%3D{schema}"

    try:
        yield new
    finally:
        with admin.begin() as conn:
            for schema in filter(None, schemas):
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store_url(new_store_url: Callable[[], str]) -> str:
    """A URL to one empty database (SQLite, and PostgreSQL when configured)."""
    return new_store_url()
