"""Tamper-evident audit log: RFC 6962 Merkle tree, C2SP signed checkpoints, proofs.

Example:
    >>> sink = MemoryAuditSink()
    >>> receipt = sink.append(AuditEntry(actor="ci", app="demo", kind="gate.verdict",
    ...                                  decision="pass"))
    >>> receipt.index, receipt.tree_size
    (0, 1)
"""

from microgate.audit.entry import KINDS, AuditEntry, entry_body
from microgate.audit.filelog import FileAuditLog
from microgate.audit.receipt import AppendReceipt, ConsistencyProof, InclusionProof
from microgate.audit.sink import AuditSink, MemoryAuditSink, NoopAuditSink, default_sink
from microgate.audit.verify import VerifyResult

__all__ = [
    "KINDS",
    "AppendReceipt",
    "AuditEntry",
    "AuditSink",
    "ConsistencyProof",
    "FileAuditLog",
    "InclusionProof",
    "MemoryAuditSink",
    "NoopAuditSink",
    "VerifyResult",
    "default_sink",
    "entry_body",
]
