"""The one small interface every writer appends through, and its simple implementations.

Writers (gate and lint verdicts, waivers, approvals, gateway calls, governance actions,
rollout steps) call ``sink.append(AuditEntry(...))``.  The CLI and control plane use the
store-backed log (:func:`default_sink`); the runtime SDK defaults to :class:`NoopAuditSink`
or a local :class:`~microgate.audit.filelog.FileAuditLog`; tests use
:class:`MemoryAuditSink`.

Example:
    >>> sink = MemoryAuditSink()
    >>> sink.append(AuditEntry(actor="ci", kind="gate.verdict")).index
    0
    >>> [e.kind for e in sink.entries]
    ['gate.verdict']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from microgate.audit.entry import AuditEntry, entry_body
from microgate.audit.merkle import EMPTY_ROOT, CompactRange, leaf_hash
from microgate.audit.receipt import AppendReceipt

if TYPE_CHECKING:
    from microgate.audit.storelog import StoreAuditLog


@runtime_checkable
class AuditSink(Protocol):
    """Where audit entries go.  ``append`` returns once the entry is durable."""

    def append(self, entry: AuditEntry) -> AppendReceipt: ...

    def append_batch(self, entries: Sequence[AuditEntry]) -> list[AppendReceipt]: ...


class NoopAuditSink:
    """Records nothing (the runtime SDK's default until a log is configured)."""

    def append(self, entry: AuditEntry) -> AppendReceipt:
        return AppendReceipt(-1, leaf_hash(entry_body(entry, -1)), 0, EMPTY_ROOT)

    def append_batch(self, entries: Sequence[AuditEntry]) -> list[AppendReceipt]:
        return [self.append(e) for e in entries]


class MemoryAuditSink:
    """Keeps entries in memory with a real tree head: the fake for tests."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []
        self.bodies: list[bytes] = []
        self._tree = CompactRange()

    def append(self, entry: AuditEntry) -> AppendReceipt:
        return self.append_batch([entry])[0]

    def append_batch(self, entries: Sequence[AuditEntry]) -> list[AppendReceipt]:
        start, leaves = self._tree.size, []
        for entry in entries:
            body = entry_body(entry, self._tree.size)
            leaves.append(leaf_hash(body))
            self._tree.append(leaves[-1])
            self.entries.append(entry)
            self.bodies.append(body)
        root = self._tree.root()
        return [AppendReceipt(start + i, h, self._tree.size, root) for i, h in enumerate(leaves)]


_DEFAULT: dict[str, StoreAuditLog] = {}


def default_sink() -> StoreAuditLog:
    """The audit log in the database named by ``MICROGATE_DATABASE_URL`` (one per URL)."""
    from microgate import home
    from microgate.audit.storelog import StoreAuditLog
    from microgate.store import open_store

    url = home.database_url()
    if url not in _DEFAULT:
        _DEFAULT[url] = StoreAuditLog(open_store(url))
    return _DEFAULT[url]
