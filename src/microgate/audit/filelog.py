"""A local, append-only audit file for the runtime SDK when there is no store.

A folder holds ``entries.jsonl`` (one canonical entry per line) and ``tree-head.json``
(size, root, compact range and the byte length of the acknowledged entries).  An append
locks the folder, first cuts the file back to the recorded length (dropping what a crash
left half-written), writes and fsyncs the entries, then replaces the head atomically
(write, fsync, rename, fsync the folder).  Only then is it acknowledged.

Example:
    >>> import tempfile
    >>> log = FileAuditLog(Path(tempfile.mkdtemp()))
    >>> log.append(AuditEntry(actor="sdk", kind="model.call")).tree_size
    1
    >>> log.verify().ok
    True
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from microgate.audit.entry import AuditEntry, entry_body
from microgate.audit.merkle import CompactRange, leaf_hash
from microgate.audit.receipt import AppendReceipt
from microgate.audit.verify import Head, Row, VerifyResult, verify_log

ENTRIES = "entries.jsonl"
HEAD = "tree-head.json"


class FileAuditLog:
    """An :class:`~microgate.audit.sink.AuditSink` in a local folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def append(self, entry: AuditEntry) -> AppendReceipt:
        return self.append_batch([entry])[0]

    def append_batch(self, entries: Sequence[AuditEntry]) -> list[AppendReceipt]:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with (self.folder / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            compact, length = self._read_head()
            start, leaves, lines = compact.size, [], []
            for entry in entries:
                body = entry_body(entry, compact.size)
                leaves.append(leaf_hash(body))
                compact.append(leaves[-1])
                lines.append(body + b"\n")
            fd = os.open(self.folder / ENTRIES, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                os.ftruncate(fd, length)
                os.lseek(fd, length, os.SEEK_SET)
                data = b"".join(lines)
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            root = compact.root()
            self._write_head(compact, root, length + len(data))
        return [AppendReceipt(start + i, h, compact.size, root) for i, h in enumerate(leaves)]

    def _read_head(self) -> tuple[CompactRange, int]:
        try:
            doc = json.loads((self.folder / HEAD).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return CompactRange(), 0
        nodes = base64.b64decode(doc["compact"])
        return CompactRange.from_bytes(int(doc["size"]), nodes), int(doc["bytes"])

    def _write_head(self, compact: CompactRange, root: bytes, length: int) -> None:
        doc = {
            "size": compact.size,
            "root": base64.b64encode(root).decode(),
            "compact": base64.b64encode(compact.to_bytes()).decode(),
            "bytes": length,
        }
        tmp = self.folder / (HEAD + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(doc).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(self.folder / HEAD)
        dir_fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def head(self) -> Head:
        compact, _ = self._read_head()
        return Head(compact.size, compact.root())

    def rows(self) -> Iterator[Row]:
        """The acknowledged entries (bytes past the head's length were never acknowledged)."""
        _, length = self._read_head()
        try:
            data = (self.folder / ENTRIES).read_bytes()[:length]
        except FileNotFoundError:
            return
        for idx, line in enumerate(data.splitlines()):
            yield idx, line, None

    def verify(self) -> VerifyResult:
        return verify_log(self.rows(), [], None, self.head())
