"""The :class:`Store`: an engine and its sessions, and :func:`open_store` to get one.

Example:
    >>> from sqlalchemy import text
    >>> with open_store("sqlite://") as store:
    ...     with store.session() as session:
    ...         session.execute(text("SELECT 1")).scalar()
    1
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from microgate import home
from microgate.errors import InputError
from microgate.store.engine import SQLITE_BEGIN_OPTION, create_store_engine, parse_url, sqlite_file
from microgate.store.migrate import upgrade

__all__ = ["Store", "open_store"]


class Store:
    """A database: the engine, and transactions as context-managed sessions.

    Sessions do not expire objects on commit; callers copy what they need into plain records
    before the ``with`` block ends.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._readers = sessionmaker(engine, expire_on_commit=False)
        writer_engine = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writers = sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error.

        On SQLite a transaction that may write takes the write lock when it begins (waiting
        up to the busy timeout for other writers); one that starts reading and writes later
        could fail at once with "database is locked".  Pass ``write=False`` for read-only
        work, which then never waits for writers.
        """
        maker = self._writers if write else self._readers
        with maker.begin() as session:
            yield session

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_store(url: str | None = None) -> Store:
    """Open (and migrate to the newest schema) the database at ``url``.

    Without a URL: ``MICROGATE_DATABASE_URL``, else SQLite in the state folder.  The folder
    of a SQLite file is created when missing.  A database that cannot be reached is an
    :class:`~microgate.errors.InputError` naming it, not a traceback.
    """
    parsed = parse_url(url or home.database_url())
    path = sqlite_file(parsed)
    if path is not None and not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise InputError(
                str(path.parent), f"cannot create the database folder: {exc.strerror}"
            ) from None
    engine = create_store_engine(parsed)
    try:
        upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        where = str(path) if path is not None else f"{parsed.get_backend_name()} database"
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "unreachable"
        raise InputError(where, f"cannot open the database: {reason}") from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
