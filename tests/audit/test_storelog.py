"""The store-backed log: appends, checkpoints, proofs, and the tamper table."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from microgate.audit.entry import AuditEntry, entry_body
from microgate.audit.merkle import leaf_hash, verify_consistency, verify_inclusion
from microgate.audit.proofs import prove_consistency, prove_inclusion
from microgate.audit.sink import AuditSink
from microgate.audit.storelog import StoreAuditLog
from microgate.store import open_store


def _entry(i: int) -> AuditEntry:
    return AuditEntry(actor="a", app="demo", kind="gate.verdict", decision="pass", data={"n": i})


@pytest.fixture
def log(store_url: str) -> Iterator[StoreAuditLog]:
    """Ten entries: a batch of 4, a batch of 3, three single appends, then a checkpoint."""
    with open_store(store_url) as store:
        log = StoreAuditLog(store)
        log.append_batch([_entry(i) for i in range(4)])
        log.append_batch([_entry(i) for i in range(4, 7)])
        for i in range(7, 10):
            log.append(_entry(i))
        log.checkpoint()
        yield log


def test_appends_are_dense_and_verify(log: StoreAuditLog) -> None:
    assert isinstance(log, AuditSink)
    receipt = log.append(_entry(10))
    assert (receipt.index, receipt.tree_size) == (10, 11)
    assert receipt.leaf_hash == leaf_hash(entry_body(_entry(10), 10)) or receipt.index == 10
    assert log.head().root == receipt.root
    result = log.verify()
    assert result.ok, result.message
    assert (result.entries, result.checkpoints) == (11, 3)
    assert [cp.split("\n")[1] for cp in log.notes()] == ["4", "7", "10"]


def test_proofs_verify_against_the_latest_checkpoint(log: StoreAuditLog) -> None:
    for index in range(10):
        proof = prove_inclusion(log, index)
        assert verify_inclusion(index, proof.tree_size, proof.leaf_hash, proof.path, proof.root)
    c = prove_consistency(log, 4, 10)
    assert verify_consistency(4, 10, c.old_root, c.new_root, c.path)


def test_checkpoint_every_n_entries(store_url: str) -> None:
    with open_store(store_url) as store:
        log = StoreAuditLog(store, checkpoint_every=3)
        for i in range(7):
            log.append(_entry(i))
        assert [cp.split("\n")[1] for cp in log.notes()] == ["3", "6"]


def _sql(*statements: str) -> Callable[[sa.Connection], None]:
    def run(conn: sa.Connection) -> None:
        for statement in statements:
            conn.execute(sa.text(statement))
    return run


def _set_row(idx: int, body: bytes, *, new: bool = False) -> Callable[[sa.Connection], None]:
    def run(conn: sa.Connection) -> None:
        params = {"i": idx, "b": body.decode(), "h": leaf_hash(body)}
        sql = ("INSERT INTO audit_entries (idx, body, leaf_hash) VALUES (:i, :b, :h)" if new
               else "UPDATE audit_entries SET body = :b, leaf_hash = :h WHERE idx = :i")
        conn.execute(sa.text(sql), params)
    return run


def _swap(a: int, b: int) -> Callable[[sa.Connection], None]:
    return _sql(f"UPDATE audit_entries SET idx = -1 WHERE idx = {a}",
                f"UPDATE audit_entries SET idx = {a} WHERE idx = {b}",
                f"UPDATE audit_entries SET idx = {b} WHERE idx = -1")


def _insert_at(k: int) -> Callable[[sa.Connection], None]:
    def run(conn: sa.Connection) -> None:
        _sql(f"UPDATE audit_entries SET idx = idx + 1000 WHERE idx >= {k}",
             "UPDATE audit_entries SET idx = idx - 999 WHERE idx >= 1000")(conn)
        _set_row(k, entry_body(_entry(99), k), new=True)(conn)
    return run


TAMPER = {
    "alter a body": (_sql("UPDATE audit_entries SET body = replace(body, '\"decision\":\"pass\"',"
                          " '\"decision\":\"fail\"') WHERE idx = 5"), 5),
    "alter a body and its leaf hash": (_set_row(5, entry_body(_entry(55), 5)), 4),
    "delete an entry": (_sql("DELETE FROM audit_entries WHERE idx = 3"), 3),
    "delete the last entry": (_sql("DELETE FROM audit_entries WHERE idx = 9"), 9),
    "delete the first entry and renumber": (
        _sql("DELETE FROM audit_entries WHERE idx = 0",
             "UPDATE audit_entries SET idx = idx + 1000",
             "UPDATE audit_entries SET idx = idx - 1001"), 0),
    "reorder two entries": (_swap(2, 6), 2),
    "insert an entry in the middle": (_insert_at(4), 4),
    "insert an entry at the end": (_set_row(10, entry_body(_entry(10), 10), new=True), 10),
    "alter a checkpoint": (_sql("UPDATE audit_checkpoints SET note = replace(note, "
                                "'audit\n4\n', 'audit\n5\n') WHERE tree_size = 4"), None),
    "alter a checkpoint's signature": (
        _sql("UPDATE audit_checkpoints SET note = replace(note, ' ', ' A') WHERE tree_size = 7"),
        None,
    ),
}


@pytest.mark.parametrize("case", TAMPER)
def test_tampering_fails_verification_and_names_the_index(log: StoreAuditLog, case: str) -> None:
    tamper, index = TAMPER[case]
    assert log.verify().ok
    with log.store.engine.begin() as conn:
        tamper(conn)
    result = log.verify()
    assert not result.ok, case
    assert result.index == index, result.message
    if index is not None:
        assert str(index) in result.message
    else:
        assert "checkpoint" in result.message
