"""Verification of a whole log: entries, tree head and checkpoints, naming the first fault.

The same code checks the store, a local audit file and an offline export.  It recomputes
every leaf hash from the stored bodies, checks that positions are dense and that each body's
``seq`` is its position (so a removed, reordered or inserted entry is named by index),
rebuilds the tree, checks every checkpoint's signature and root at its size, and the RFC 6962
consistency proof between successive checkpoints.

Example:
    >>> from microgate.audit.entry import AuditEntry, entry_body
    >>> bodies = [entry_body(AuditEntry(actor="a", kind="approval"), i) for i in range(3)]
    >>> verify_log([(i, b, None) for i, b in enumerate(bodies)], [], None).ok
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from microgate.audit.checkpoint import Checkpoint, open_checkpoint
from microgate.audit.entry import body_seq
from microgate.audit.merkle import Tree, leaf_hash, verify_consistency
from microgate.audit.note import NoteError, Verifier


@dataclass(frozen=True)
class Head:
    """A tree head recorded beside the entries (store row or file), unsigned."""

    size: int
    root: bytes


@dataclass(frozen=True)
class VerifyResult:
    """The outcome: ``ok``, counts, and for a failure the first bad index and why."""

    ok: bool
    entries: int
    checkpoints: int
    message: str
    index: int | None = None


Row = tuple[int, bytes, bytes | None]  # (position, canonical body, stored leaf hash or None)


def _fail(entries: int, checkpoints: int, message: str, index: int | None) -> VerifyResult:
    return VerifyResult(False, entries, checkpoints, message, index)


def check_entries(rows: Iterable[Row]) -> tuple[list[bytes], VerifyResult | None]:
    """Leaf hashes of dense, self-consistent rows, or the first problem found."""
    leaves: list[bytes] = []
    for expected, (idx, body, stored) in enumerate(rows):
        if idx != expected:
            return leaves, _fail(expected, 0, f"entry {expected} was removed", expected)
        lh = leaf_hash(body)
        if stored is not None and stored != lh:
            return leaves, _fail(idx, 0, f"entry {idx} was altered (its leaf hash differs)", idx)
        seq = body_seq(body)
        if seq is None:
            return leaves, _fail(idx, 0, f"entry {idx} was altered (no sequence number)", idx)
        if seq != idx:
            first = min(seq, idx)
            why = "inserted or reordered" if seq < idx else "removed or reordered"
            msg = f"entry {first}: entries were {why} (position {idx} holds entry {seq})"
            return leaves, _fail(first, 0, msg, first)
        leaves.append(lh)
    return leaves, None


def verify_log(
    rows: Iterable[Row],
    notes: Sequence[str],
    verifier: Verifier | None,
    head: Head | None = None,
) -> VerifyResult:
    """Verify rows in position order, the recorded ``head`` and signed checkpoint ``notes``."""
    leaves, problem = check_entries(rows)
    if problem is not None:
        return problem
    n = len(leaves)
    tree = Tree(leaves)
    if head is not None:
        if n > head.size:
            return _fail(n, 0, f"entry {head.size} was inserted (beyond the tree head)", head.size)
        if n < head.size:
            return _fail(n, 0, f"entry {n} was removed (the tree head has {head.size})", n)
    if notes and verifier is None:
        return _fail(n, 0, "checkpoints found but no verifier key to check them", None)
    previous: Checkpoint | None = None
    for number, note in enumerate(notes, start=1):
        assert verifier is not None
        try:
            cp = open_checkpoint(note, verifier)
        except NoteError as exc:
            return _fail(n, number - 1, f"checkpoint {number}: {exc}", None)
        if previous is not None and cp.origin != previous.origin:
            return _fail(n, number - 1, f"checkpoint {number}: origin changed", None)
        if cp.size > n:
            msg = f"entry {n} was removed (checkpoint {number} covers {cp.size} entries)"
            return _fail(n, number - 1, msg, n)
        if tree.root(cp.size) != cp.root:
            start = previous.size if previous is not None else 0
            msg = (
                f"checkpoint {number} (size {cp.size}) does not match the entries: "
                f"an entry in {start}..{cp.size - 1} was altered"
            )
            return _fail(n, number - 1, msg, start)
        if previous is not None:
            if cp.size < previous.size:
                return _fail(n, number - 1, f"checkpoint {number}: the tree shrank", cp.size)
            proof = tree.consistency_proof(previous.size, cp.size)
            if not verify_consistency(previous.size, cp.size, previous.root, cp.root, proof):
                return _fail(n, number - 1, f"checkpoint {number} is inconsistent", previous.size)
        previous = cp
    if head is not None and tree.root() != head.root:
        start = previous.size if previous is not None else 0
        msg = f"the tree head does not match the entries: an entry in {start}..{n - 1} was altered"
        return _fail(n, len(notes), msg, start)
    if head is None and previous is not None and n > previous.size:
        msg = f"entry {previous.size} was inserted (no checkpoint covers it)"
        return _fail(n, len(notes), msg, previous.size)
    return VerifyResult(True, n, len(notes), f"verified {n} entries, {len(notes)} checkpoints")
