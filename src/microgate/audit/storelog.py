"""The audit log in the project's store (SQLite or PostgreSQL).

An append is one transaction holding the entries, their leaf hashes, the new tree head and
(when due) a signed checkpoint; it returns only after COMMIT.  On SQLite the transaction
takes the write lock when it begins and runs with ``synchronous = FULL``, so a commit is on
disk before it is acknowledged (``NORMAL`` in WAL mode may lose the last commits on power
loss).  On PostgreSQL the tree-head row is locked ``FOR UPDATE`` and the commit is durable
(``synchronous_commit`` on).  Indices are therefore dense across processes and replicas.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update

from microgate.audit.checkpoint import Checkpoint, sign_checkpoint
from microgate.audit.entry import AuditEntry, entry_body
from microgate.audit.keys import DEFAULT_KEY_NAME, load_signer
from microgate.audit.merkle import CompactRange, leaf_hash
from microgate.audit.note import Signer, Verifier
from microgate.audit.receipt import AppendReceipt
from microgate.audit.verify import Head, Row, VerifyResult, verify_log
from microgate.store import Store
from microgate.store.audit_models import AuditCheckpoint, AuditEntryRow, AuditTreeHead
from microgate.store.engine import SQLITE_BEGIN_OPTION

ENTRIES = cast(Table, AuditEntryRow.__table__)
HEAD = cast(Table, AuditTreeHead.__table__)
CHECKPOINTS = cast(Table, AuditCheckpoint.__table__)

# Built once: constructing a statement (and its cache key) per append cost more than the
# append's SQL itself (bench/audit.py).
_SELECT_HEAD = select(HEAD.c.size, HEAD.c.compact).where(HEAD.c.id == 1).with_for_update()
_UPDATE_HEAD = (
    update(HEAD)
    .where(HEAD.c.id == 1)
    .values(
        size=bindparam("new_size"), root=bindparam("new_root"), compact=bindparam("new_compact")
    )
)
_INSERT_ENTRIES = insert(ENTRIES)


class StoreAuditLog:
    """An :class:`~microgate.audit.sink.AuditSink` over a :class:`~microgate.store.Store`.

    Checkpoints are published on every :meth:`append_batch`, every ``checkpoint_every``
    entries, every ``checkpoint_interval_s`` seconds, and on :meth:`checkpoint`.
    """

    def __init__(
        self,
        store: Store,
        *,
        signer: Signer | None = None,
        key_name: str = DEFAULT_KEY_NAME,
        origin: str | None = None,
        checkpoint_every: int | None = None,
        checkpoint_interval_s: float | None = None,
        sqlite_synchronous: str = "FULL",
    ) -> None:
        self.store = store
        self._signer = signer
        self._key_name = key_name
        self._origin = origin
        self.checkpoint_every = checkpoint_every
        self.checkpoint_interval_s = checkpoint_interval_s
        self._last_checkpoint = time.monotonic()
        if sqlite_synchronous not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError(f"unknown SQLite synchronous mode {sqlite_synchronous!r}")
        self._synchronous = sqlite_synchronous  # NORMAL only for benchmarks: not durable

    @property
    def signer(self) -> Signer:
        if self._signer is None:
            self._signer = load_signer(self._key_name, create=True)
        return self._signer

    @property
    def origin(self) -> str:
        return self._origin or self.signer.name

    def append(self, entry: AuditEntry) -> AppendReceipt:
        """Append one entry; returns once it is durable."""
        return self._append([entry], batch=False)[0]

    def append_batch(self, entries: Sequence[AuditEntry]) -> list[AppendReceipt]:
        """Append entries in one transaction and publish a checkpoint with them."""
        return self._append(list(entries), batch=True) if entries else []

    def _append(self, entries: list[AuditEntry], *, batch: bool) -> list[AppendReceipt]:
        with self._writer() as conn, conn.begin():
            if conn.dialect.name == "sqlite":
                size, compact, leaves, root = _sqlite_append(conn, entries)
            else:
                size, compact = self._locked_head(conn)
                rows, leaves = [], []
                for offset, entry in enumerate(entries):
                    body = entry_body(entry, size + offset)
                    lh = leaf_hash(body)
                    compact.append(lh)
                    leaves.append(lh)
                    rows.append({"idx": size + offset, "body": body.decode(), "leaf_hash": lh})
                conn.execute(_INSERT_ENTRIES, rows)
                root = compact.root()
                self._write_head(conn, compact, root)
            if self._due(batch, size, compact.size):
                self._publish(conn, compact.size, root)
        return [AppendReceipt(size + i, lh, compact.size, root) for i, lh in enumerate(leaves)]

    def _due(self, batch: bool, old: int, new: int) -> bool:
        every, interval = self.checkpoint_every, self.checkpoint_interval_s
        return (
            batch
            or (every is not None and new // every > old // every)
            or (interval is not None and time.monotonic() - self._last_checkpoint >= interval)
        )

    def checkpoint(self) -> Checkpoint | None:
        """Publish a checkpoint of the current head unless the latest one has its size."""
        with self._writer() as conn, conn.begin():
            size, compact = self._locked_head(conn)
            latest = conn.execute(
                select(CHECKPOINTS.c.tree_size).order_by(CHECKPOINTS.c.id.desc()).limit(1)
            ).scalar()
            if latest == size:
                return None
            return self._publish(conn, size, compact.root())

    def _publish(self, conn: Connection, size: int, root: bytes) -> Checkpoint:
        cp = sign_checkpoint(self.origin, size, root, self.signer)
        conn.execute(insert(CHECKPOINTS), [{"tree_size": size, "root": root, "note": cp.note}])
        self._last_checkpoint = time.monotonic()
        return cp

    def _writer(self) -> Connection:
        conn = self.store.engine.connect()
        if conn.dialect.name == "sqlite":
            info = conn.connection.info
            if info.get("microgate_synchronous") != self._synchronous:
                raw = conn.connection.driver_connection
                assert raw is not None
                raw.execute(f"PRAGMA synchronous = {self._synchronous}")  # outside BEGIN
                info["microgate_synchronous"] = self._synchronous
            conn = conn.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        return conn

    @staticmethod
    def _locked_head(conn: Connection) -> tuple[int, CompactRange]:
        row = conn.execute(_SELECT_HEAD).one()
        return int(row.size), CompactRange.from_bytes(int(row.size), bytes(row.compact))

    @staticmethod
    def _write_head(conn: Connection, compact: CompactRange, root: bytes) -> None:
        conn.execute(
            _UPDATE_HEAD,
            {"new_size": compact.size, "new_root": root, "new_compact": compact.to_bytes()},
        )

    # Reading -----------------------------------------------------------------------------

    def head(self) -> Head:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(HEAD.c.size, HEAD.c.root).where(HEAD.c.id == 1)).one()
        return Head(int(row.size), bytes(row.root))

    def rows(self, start: int = 0, stop: int | None = None) -> Iterator[Row]:
        """(index, body, stored leaf hash) in index order, streamed."""
        query = select(ENTRIES.c.idx, ENTRIES.c.body, ENTRIES.c.leaf_hash).where(
            ENTRIES.c.idx >= start
        )
        if stop is not None:
            query = query.where(ENTRIES.c.idx < stop)
        with self.store.engine.connect() as conn:
            result = conn.execution_options(yield_per=20_000).execute(query.order_by(ENTRIES.c.idx))
            for idx, body, lh in result:
                yield int(idx), body.encode(), bytes(lh)

    def leaves(self, size: int) -> list[bytes]:
        """The stored leaf hashes of the first ``size`` entries."""
        query = select(ENTRIES.c.leaf_hash).where(ENTRIES.c.idx < size).order_by(ENTRIES.c.idx)
        with self.store.engine.connect() as conn:
            return [
                bytes(h) for h in conn.execution_options(yield_per=50_000).execute(query).scalars()
            ]

    def notes(self) -> list[str]:
        """Every checkpoint's signed note, oldest first."""
        with self.store.engine.connect() as conn:
            return list(
                conn.execute(select(CHECKPOINTS.c.note).order_by(CHECKPOINTS.c.id)).scalars()
            )

    def recent(self, limit: int) -> list[tuple[int, bytes]]:
        """The newest ``limit`` entries, newest first."""
        query = select(ENTRIES.c.idx, ENTRIES.c.body).order_by(ENTRIES.c.idx.desc()).limit(limit)
        with self.store.engine.connect() as conn:
            return [(int(i), b.encode()) for i, b in conn.execute(query)]

    def verify(self, verifier: Verifier | None = None) -> VerifyResult:
        """Verify every entry, the tree head and every checkpoint."""
        if verifier is None:
            verifier = Verifier(self.signer.verifier_key)
        return verify_log(self.rows(), self.notes(), verifier, self.head())


def _sqlite_append(
    conn: Connection, entries: Sequence[AuditEntry]
) -> tuple[int, CompactRange, list[bytes], bytes]:
    """The append's three statements on SQLite, on the DB-API connection of ``conn``'s open
    ``BEGIN IMMEDIATE`` transaction (SQLAlchemy still begins, commits and rolls back).

    SQLAlchemy's per-statement machinery cost more than the SQL here, and unbatched durable
    appends are bounded by it (bench/audit.py); the same rows reach the same tables.
    """
    raw = conn.connection.driver_connection
    assert raw is not None
    size, packed = raw.execute("SELECT size, compact FROM audit_tree_head WHERE id = 1").fetchone()
    compact = CompactRange.from_bytes(int(size), bytes(packed))
    rows, leaves = [], []
    for offset, entry in enumerate(entries):
        body = entry_body(entry, size + offset)
        lh = leaf_hash(body)
        compact.append(lh)
        leaves.append(lh)
        rows.append((size + offset, body.decode(), lh))
    raw.executemany("INSERT INTO audit_entries (idx, body, leaf_hash) VALUES (?, ?, ?)", rows)
    root = compact.root()
    raw.execute(
        "UPDATE audit_tree_head SET size = ?, root = ?, compact = ? WHERE id = 1",
        (compact.size, root, compact.to_bytes()),
    )
    return int(size), compact, leaves, root
