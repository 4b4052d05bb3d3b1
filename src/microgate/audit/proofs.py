"""Inclusion and consistency proofs from the stored leaf hashes.

Proofs are computed from the leaf hashes stored beside the entries: one pass builds every
level of the tree (n hashes), then a proof is O(log n) lookups.  See ``bench/audit.py`` for
the cost at a million entries.
"""

from __future__ import annotations

from microgate.audit.checkpoint import open_checkpoint
from microgate.audit.merkle import Tree
from microgate.audit.note import Verifier
from microgate.audit.receipt import ConsistencyProof, InclusionProof
from microgate.audit.storelog import StoreAuditLog
from microgate.errors import InputError


def prove_inclusion(log: StoreAuditLog, index: int) -> InclusionProof:
    """Entry ``index``'s audit path against the latest checkpoint (published if needed)."""
    log.checkpoint()
    notes = log.notes()
    if not notes:
        raise InputError("ENTRY", "the audit log is empty")
    cp = open_checkpoint(notes[-1], Verifier(log.signer.verifier_key))
    if not 0 <= index < cp.size:
        raise InputError("ENTRY", f"entry {index} does not exist; the log has {cp.size} entries")
    tree = Tree(log.leaves(cp.size))
    path = tuple(tree.inclusion_proof(index, cp.size))
    return InclusionProof(index, cp.size, tree.levels[0][index], cp.root, path, cp.note)


def prove_consistency(log: StoreAuditLog, old: int, new: int) -> ConsistencyProof:
    """That the tree of ``new`` entries extends the tree of ``old`` entries."""
    size = log.head().size
    if not 0 <= old <= new:
        raise InputError("OLD", f"old size {old} must be between 0 and the new size {new}")
    if new > size:
        raise InputError("NEW", f"new size {new} exceeds the log's {size} entries")
    tree = Tree(log.leaves(new))
    path = tuple(tree.consistency_proof(old, new))
    return ConsistencyProof(old, new, tree.root(old), tree.root(new), path)
