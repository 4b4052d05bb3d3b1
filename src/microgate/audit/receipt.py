"""Small result types shared by every audit sink and by the proof commands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppendReceipt:
    """An acknowledged (durable) append: the entry's index and leaf hash, and the tree
    (size and root) that includes it."""

    index: int
    leaf_hash: bytes
    tree_size: int
    root: bytes


@dataclass(frozen=True)
class InclusionProof:
    """Where entry ``index`` sits in the tree of ``tree_size`` with ``root``, and the path."""

    index: int
    tree_size: int
    leaf_hash: bytes
    root: bytes
    path: tuple[bytes, ...]
    checkpoint: str


@dataclass(frozen=True)
class ConsistencyProof:
    """That the tree of ``new_size`` extends the tree of ``old_size``."""

    old_size: int
    new_size: int
    old_root: bytes
    new_root: bytes
    path: tuple[bytes, ...]
