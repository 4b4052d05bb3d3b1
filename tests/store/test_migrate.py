"""Migrations: from empty on SQLite and PostgreSQL, models == head, concurrent start-up."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from microgate.errors import InputError
from microgate.store import Base, open_store
from microgate.store.migrate import alembic_config, current_revision, head_revision

TABLES = {"apps", "runs", "artifacts", "alembic_version"}


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_open_store_migrates_an_empty_database_to_head(store_url: str) -> None:
    with open_store(store_url) as store:
        assert _tables(store.engine) >= TABLES
        with store.engine.connect() as conn:
            assert current_revision(conn) == head_revision()


def test_open_store_twice_is_a_no_op(store_url: str) -> None:
    with open_store(store_url) as store, store.session(write=True) as session:
        session.execute(
            sa.text(
                "INSERT INTO apps (name, owner, lifecycle, component_type, description, tags,"
                " annotations, created_at, updated_at) VALUES ('kept', 'o', 'experimental',"
                " 'service', '', '[]', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    with open_store(store_url) as store, store.session() as session:
        assert session.execute(sa.text("SELECT name FROM apps")).scalars().all() == ["kept"]


def test_models_agree_with_the_migration_head(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_upgrade_again(store_url: str) -> None:
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert _tables(store.engine) <= {"alembic_version"}
    with open_store(store_url) as store:
        assert _tables(store.engine) >= TABLES


def test_a_schema_from_a_newer_microgate_is_refused(store_url: str) -> None:
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(InputError, match="9999_future"):
        open_store(store_url)


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from microgate.registry import Registry
    from microgate.store import open_store
    url, folder, me = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    (folder / f"ready-{me}").touch()
    deadline = time.monotonic() + 60
    while not (folder / "go").exists():
        if time.monotonic() > deadline:
            sys.exit("never told to go")
        time.sleep(0.002)
    with open_store(url) as store:
        Registry(store).record_run(None, app_name="shared", subject=me, kind="gate",
            passed=True, exit_code=0, tier="low", summary={}, artifacts=[])
    """
)


def _wait_for(paths: list[Path], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not all(p.exists() for p in paths):
        if time.monotonic() > deadline:
            pytest.fail("child processes did not start")
        time.sleep(0.01)


@pytest.mark.slow
def test_processes_opening_one_new_database_at_once_all_succeed(
    store_url: str, tmp_path: Path
) -> None:
    names = [f"child-{i}" for i in range(4)]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, store_url, str(tmp_path), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    try:
        _wait_for([tmp_path / f"ready-{n}" for n in names], 60)
        (tmp_path / "go").touch()  # every child has imported everything: they start together
        outcomes = [(c.wait(timeout=120), c.stderr.read() if c.stderr else "") for c in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert [code for code, _ in outcomes] == [0] * len(names), outcomes
    with open_store(store_url) as store, store.session() as session:
        subjects = session.execute(sa.text("SELECT subject FROM runs")).scalars().all()
    assert sorted(subjects) == names
