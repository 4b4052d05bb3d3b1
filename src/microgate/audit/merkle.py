"""RFC 6962 Merkle tree hashing, proofs, and their verification.

Hashes follow RFC 6962 §2.1: a leaf is ``SHA-256(0x00 || entry)``, an interior node
``SHA-256(0x01 || left || right)``, and the tree head of ``n`` leaves splits at the largest
power of two smaller than ``n``.  Proofs are the audit paths and consistency proofs of
RFC 6962 §2.1.1 and §2.1.2; they are checked with the algorithms of RFC 9162 §2.1.3.2 and
§2.1.4.2, which need only the proof, the sizes and the roots.

Example:
    >>> leaves = [leaf_hash(bytes([i])) for i in range(5)]
    >>> tree = Tree(leaves)
    >>> verify_inclusion(2, 5, leaves[2], tree.inclusion_proof(2, 5), tree.root(5))
    True
    >>> verify_consistency(3, 5, tree.root(3), tree.root(5), tree.consistency_proof(3, 5))
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import sha256

EMPTY_ROOT = sha256(b"").digest()
HASH_SIZE = 32


def leaf_hash(entry: bytes) -> bytes:
    """``SHA-256(0x00 || entry)``."""
    return sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``."""
    return sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class Tree:
    """Every level of the tree over ``leaves`` (leaf hashes), built once in O(n) hashes.

    Level ``L`` holds, at position ``j``, the hash of leaves ``[j*2^L, min((j+1)*2^L, n))``;
    a node without a right sibling is carried up unchanged, which is exactly RFC 6962's
    split at the largest power of two.  Roots of smaller trees and proofs are then
    O(log n) lookups.
    """

    def __init__(self, leaves: Sequence[bytes]) -> None:
        level = list(leaves)
        self.size = len(level)
        self.levels: list[list[bytes]] = [level]
        while len(level) > 1:
            nxt = [
                sha256(b"\x01" + level[i] + level[i + 1]).digest()
                for i in range(0, len(level) - 1, 2)
            ]
            if len(level) % 2:
                nxt.append(level[-1])
            self.levels.append(nxt)
            level = nxt

    def _check(self, size: int) -> None:
        if not 0 <= size <= self.size:
            raise ValueError(f"tree size {size} outside 0..{self.size}")

    def subtree(self, start: int, end: int) -> bytes:
        """MTH of leaves ``[start, end)`` (``start < end``)."""
        width = end - start
        level = (width - 1).bit_length()
        if start % (1 << level) == 0 and (end == self.size or width == 1 << level):
            return self.levels[level][start >> level]
        k = _split(width)
        return node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        """MTH of the first ``size`` leaves (all by default)."""
        size = self.size if size is None else size
        self._check(size)
        return EMPTY_ROOT if size == 0 else self.subtree(0, size)

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """PATH(index, D[0:size]) of RFC 6962 §2.1.1, leaf to root."""
        self._check(size)
        if not 0 <= index < size:
            raise ValueError(f"leaf index {index} outside a tree of size {size}")
        return self._path(index, 0, size)

    def _path(self, m: int, start: int, end: int) -> list[bytes]:
        n = end - start
        if n == 1:
            return []
        k = _split(n)
        if m < k:
            return [*self._path(m, start, start + k), self.subtree(start + k, end)]
        return [*self._path(m - k, start + k, end), self.subtree(start, start + k)]

    def consistency_proof(self, old: int, new: int) -> list[bytes]:
        """PROOF(old, D[0:new]) of RFC 6962 §2.1.2 (empty when old is 0 or equals new)."""
        self._check(new)
        if not 0 <= old <= new:
            raise ValueError(f"old size {old} outside 0..{new}")
        if old in (0, new):
            return []
        return self._subproof(old, 0, new, True)

    def _subproof(self, m: int, start: int, end: int, complete: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if complete else [self.subtree(start, end)]
        k = _split(n)
        if m <= k:
            return [*self._subproof(m, start, start + k, complete), self.subtree(start + k, end)]
        return [*self._subproof(m - k, start + k, end, False), self.subtree(start, start + k)]


def root_of(leaves: Sequence[bytes]) -> bytes:
    """MTH of a list of leaf hashes."""
    return Tree(leaves).root()


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` place ``leaf`` at ``index`` under ``root``?"""
    if not 0 <= index < size or any(len(p) != HASH_SIZE for p in proof):
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old: int, new: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: is the tree of size ``new`` an extension of the one of ``old``?"""
    if not 0 <= old <= new or any(len(p) != HASH_SIZE for p in proof):
        return False
    if old == new:
        return not proof and old_root == new_root
    if old == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if old & (old - 1) == 0:  # an exact power of two: the old root is a node of the proof
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root


class CompactRange:
    """The tree head kept incrementally: the roots of the perfect subtrees, left to right.

    Their heights are the set bits of ``size``, so appending a leaf merges at most
    log2(n) nodes and the root folds at most log2(n) hashes.

    Example:
        >>> c = CompactRange()
        >>> for i in range(5):
        ...     c.append(leaf_hash(bytes([i])))
        >>> c.root() == root_of([leaf_hash(bytes([i])) for i in range(5)])
        True
    """

    def __init__(self, size: int = 0, nodes: Sequence[bytes] = ()) -> None:
        if len(nodes) != bin(size).count("1"):
            raise ValueError("a compact range needs one node per set bit of its size")
        self.size = size
        self.nodes = list(nodes)

    def append(self, leaf: bytes) -> None:
        """Add one leaf hash."""
        self.nodes.append(leaf)
        carry = self.size
        while carry & 1:
            right = self.nodes.pop()
            self.nodes[-1] = node_hash(self.nodes[-1], right)
            carry >>= 1
        self.size += 1

    def root(self) -> bytes:
        """MTH of every leaf appended so far."""
        if not self.nodes:
            return EMPTY_ROOT
        r = self.nodes[-1]
        for node in reversed(self.nodes[:-1]):
            r = node_hash(node, r)
        return r

    def to_bytes(self) -> bytes:
        return b"".join(self.nodes)

    @classmethod
    def from_bytes(cls, size: int, data: bytes) -> CompactRange:
        nodes = [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
        return cls(size, nodes)
