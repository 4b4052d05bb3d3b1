"""open_store: URLs, folders, SQLite settings, sessions and UTC timestamps."""

from __future__ import annotations

import os
import stat
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from microgate.errors import InputError
from microgate.store import App, open_store
from microgate.store.engine import create_store_engine, parse_url, sqlite_file


def test_default_url_is_sqlite_in_the_state_folder(_private_home: Path) -> None:
    with open_store() as store:
        assert store.dialect == "sqlite"
    assert (_private_home / "microgate.db").is_file()


def test_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "elsewhere" / "x.db"
    monkeypatch.setenv("MICROGATE_DATABASE_URL", f"sqlite:///{target}")
    open_store().close()
    assert target.is_file()


def test_missing_sqlite_folder_is_created_private(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "microgate.db"
    open_store(f"sqlite:///{target}").close()
    assert target.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(target.parent.stat().st_mode) & 0o077 == 0


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'm.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 1000


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@127.0.0.1/db", "unsupported database 'mysql'"),
        ("oracle+cx_oracle://u@127.0.0.1/db", "unsupported database 'oracle'"),
    ],
)
def test_bad_urls_are_input_errors(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        open_store(url)


def test_unreachable_postgres_is_an_input_error_without_the_password() -> None:
    url = "postgresql+psycopg://someone:s3cr3t-pw@127.0.0.1:9/nowhere?connect_timeout=2"
    with pytest.raises(InputError, match="cannot open the database") as caught:
        open_store(url)
    assert "s3cr3t-pw" not in str(caught.value)


def test_plain_postgresql_scheme_uses_psycopg3() -> None:
    assert parse_url("postgresql://u@127.0.0.1/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("url", "expected"),
    [("sqlite://", None), ("sqlite:///:memory:", None), ("sqlite:///x/y.db", Path("x/y.db"))],
)
def test_sqlite_file(url: str, expected: Path | None) -> None:
    assert sqlite_file(parse_url(url)) == expected


def test_in_memory_store_keeps_its_data_across_sessions() -> None:
    with open_store("sqlite://") as store:
        with store.session(write=True) as session:
            session.add(App(name="mem"))
        with store.session() as session:
            assert session.scalars(sa.select(App.name)).all() == ["mem"]


def test_session_rolls_back_on_error(store_url: str) -> None:
    with open_store(store_url) as store:
        with pytest.raises(RuntimeError), store.session(write=True) as session:
            session.add(App(name="lost"))
            session.flush()
            raise RuntimeError("boom")
        with store.session() as session:
            assert session.scalars(sa.select(App)).all() == []


def test_foreign_keys_are_enforced(store_url: str) -> None:
    with (
        open_store(store_url) as store,
        pytest.raises(sa.exc.IntegrityError),
        store.engine.begin() as conn,
    ):
        conn.execute(
            sa.text(
                "INSERT INTO artifacts (run_id, app_id, kind, path, version, sha256)"
                " VALUES (999, 999, 'prompt', 'p.yaml', '', 'x')"
            )
        )


def test_timestamps_come_back_aware_in_utc(store_url: str) -> None:
    paris = timezone(timedelta(hours=2))
    written = datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=paris)
    with open_store(store_url) as store:
        with store.session(write=True) as session:
            session.add(App(name="t", created_at=written, updated_at=written))
        with store.session() as session:
            app = session.scalars(sa.select(App)).one()
    assert app.created_at == written
    assert app.created_at.tzinfo == UTC
    assert app.created_at.hour == 10


def test_naive_timestamps_are_refused() -> None:
    with (
        open_store("sqlite://") as store,
        pytest.raises(sa.exc.StatementError, match="naive"),
        store.session(write=True) as session,
    ):
        session.add(App(name="naive", created_at=datetime(2024, 1, 1)))


def test_json_columns_hold_nested_data(store_url: str) -> None:
    manifest = {"name": "j", "nested": {"list": [1, "two", None, True], "é": "ünïcode"}}
    with open_store(store_url) as store:
        with store.session(write=True) as session:
            session.add(App(name="j", tags=["a", "b"], manifest=manifest))
        with store.session() as session:
            app = session.scalars(sa.select(App)).one()
    assert app.manifest == manifest
    assert app.tags == ["a", "b"]


def test_engine_refuses_unknown_sqlite_begin_mode() -> None:
    engine = create_store_engine("sqlite://")
    with (
        pytest.raises(ValueError, match="unknown SQLite transaction mode"),
        engine.connect() as conn,
    ):
        conn.execution_options(sqlite_begin="WHATEVER").begin()
    engine.dispose()


def test_connections_racing_to_switch_a_new_file_to_wal_all_succeed(tmp_path: Path) -> None:
    """SQLite refuses all but one concurrent WAL switch at once; the engine retries."""
    failures: list[str] = []
    for round_ in range(40):
        url = f"sqlite:///{tmp_path / f'race{round_}.db'}"
        engines = [create_store_engine(url) for _ in range(4)]
        barrier = threading.Barrier(len(engines))

        def connect(engine: sa.Engine, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                with engine.connect() as conn:
                    mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
                    if mode != "wal":
                        failures.append(f"journal mode {mode}")
            except sa.exc.OperationalError as exc:
                failures.append(str(exc.orig))

        threads = [threading.Thread(target=connect, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for engine in engines:
            engine.dispose()
    assert failures == []


def test_a_reader_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'rw.db'}") as store:
        with store.session() as writer:
            writer.add(App(name="pending"))
            writer.flush()  # the write lock is held until the block ends
            with store.session(write=False) as reader:
                assert reader.scalars(sa.select(App)).all() == []
        with store.session(write=False) as reader:
            assert reader.scalars(sa.select(App.name)).all() == ["pending"]
