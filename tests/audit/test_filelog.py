"""The local audit file: appends, verification, tampering and recovery from a torn write."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.audit.entry import AuditEntry
from microgate.audit.filelog import ENTRIES, FileAuditLog
from microgate.audit.sink import AuditSink, MemoryAuditSink, NoopAuditSink


def _entry(i: int) -> AuditEntry:
    return AuditEntry(actor="sdk", kind="model.call", data={"n": i})


def test_file_log_appends_and_verifies(tmp_path: Path) -> None:
    log = FileAuditLog(tmp_path)
    assert isinstance(log, AuditSink)
    log.append(_entry(0))
    receipts = log.append_batch([_entry(i) for i in range(1, 5)])
    assert [r.index for r in receipts] == [1, 2, 3, 4]
    memory = MemoryAuditSink()
    assert memory.append_batch([_entry(0)])[0].index == 0
    result = log.verify()
    assert result.ok and result.entries == 5
    assert log.head().root == receipts[-1].root


def test_a_torn_write_is_dropped_and_never_acknowledged(tmp_path: Path) -> None:
    log = FileAuditLog(tmp_path)
    log.append_batch([_entry(i) for i in range(3)])
    with (tmp_path / ENTRIES).open("ab") as f:
        f.write(b'{"half written')  # a crash after writing, before the head moved
    assert log.verify().ok
    assert log.append(_entry(3)).index == 3
    assert log.verify().entries == 4


@pytest.mark.parametrize(
    ("edit", "index"),
    [
        (lambda lines: [lines[0], lines[2], lines[1], lines[3]], 1),
        (lambda lines: [lines[0], lines[1], lines[3], lines[3]], 2),
        (lambda lines: [lines[0].replace(b"sdk", b"SDK"), *lines[1:]], 0),
    ],
)
def test_edits_to_the_file_are_named(tmp_path: Path, edit, index: int) -> None:  # type: ignore[no-untyped-def]
    log = FileAuditLog(tmp_path)
    log.append_batch([_entry(i) for i in range(4)])
    path = tmp_path / ENTRIES
    lines = path.read_bytes().splitlines()
    path.write_bytes(b"\n".join(edit(lines)) + b"\n")
    result = log.verify()
    assert not result.ok
    assert result.index == index, result.message


def test_noop_sink_records_nothing() -> None:
    receipt = NoopAuditSink().append(_entry(0))
    assert receipt.index == -1 and receipt.tree_size == 0
