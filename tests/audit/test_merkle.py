"""RFC 6962 hashing and proofs against the Certificate Transparency reference vectors.

Leaf inputs, roots and node hashes: transparency-dev/merkle, ``testonly/constants.go``
(``LeafInputs``, ``RootHashes``, ``NodeHashes``).  Inclusion and consistency proofs:
transparency-dev/merkle, ``proof/verify_test.go`` (``inclusionProofs``,
``consistencyProofs``; their leaf numbers are 1-based, ours are 0-based indices).
"""

from __future__ import annotations

from hashlib import sha256

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microgate.audit.merkle import (
    EMPTY_ROOT,
    CompactRange,
    Tree,
    leaf_hash,
    root_of,
    verify_consistency,
    verify_inclusion,
)

LEAF_INPUTS = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
)]
ROOTS = [bytes.fromhex(h) for h in (
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
)]
H = bytes.fromhex
INCLUSION = [  # (0-based index, tree size, audit path)
    (0, 8, [H("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            H("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]),
    (5, 8, [H("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            H("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            H("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
    (2, 3, [H("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (1, 5, [H("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            H("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]),
    (0, 1, []),
]
CONSISTENCY = [  # (old size, new size, proof)
    (1, 1, []),
    (1, 8, [H("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            H("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]),
    (6, 8, [H("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            H("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            H("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
    (2, 5, [H("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            H("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]),
    (6, 7, [H("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            H("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            H("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]),
]
LEAVES = [leaf_hash(x) for x in LEAF_INPUTS]
TREE = Tree(LEAVES)


def test_the_empty_root_is_sha256_of_nothing() -> None:
    assert EMPTY_ROOT == sha256(b"").digest() == ROOTS[0] == TREE.root(0) == root_of([])


@pytest.mark.parametrize("size", range(9))
def test_roots_match_the_reference(size: int) -> None:
    assert TREE.root(size) == ROOTS[size]
    compact = CompactRange()
    for leaf in LEAVES[:size]:
        compact.append(leaf)
    assert compact.root() == ROOTS[size]
    assert CompactRange.from_bytes(size, compact.to_bytes()).root() == ROOTS[size]


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_inclusion_proofs_match_the_reference(index: int, size: int, path: list[bytes]) -> None:
    assert TREE.inclusion_proof(index, size) == path
    assert verify_inclusion(index, size, LEAVES[index], path, ROOTS[size])


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY)
def test_consistency_proofs_match_the_reference(old: int, new: int, path: list[bytes]) -> None:
    assert TREE.consistency_proof(old, new) == path
    assert verify_consistency(old, new, ROOTS[old], ROOTS[new], path)


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION[:4])
def test_corrupted_inclusion_proofs_fail(index: int, size: int, path: list[bytes]) -> None:
    root, leaf = ROOTS[size], LEAVES[index]
    probes = [
        (index + 1, size, leaf, path, root),
        (index, size * 2, leaf, path, root),
        (index, size, leaf_hash(b"wrong"), path, root),
        (index, size, leaf, path, EMPTY_ROOT),
        (index, size, leaf, [*path, root], root),
        (index, size, leaf, [root, *path], root),
        (index, size, leaf, path[:-1], root),
        *[(index, size, leaf, [bytes([p[0] ^ 8]) + p[1:] if j == i else p
                               for j, p in enumerate(path)], root) for i in range(len(path))],
    ]
    assert not any(verify_inclusion(*p) for p in probes)


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY[1:])
def test_corrupted_consistency_proofs_fail(old: int, new: int, path: list[bytes]) -> None:
    r1, r2 = ROOTS[old], ROOTS[new]
    probes = [
        (old - 1, new, r1, r2, path), (old + 1, new, r1, r2, path),
        (old, new * 2, r1, r2, path), (old, new, r2, r1, path),
        (old, new, r1, r2, []), (old, new, r1, r2, path[:-1]),
        (old, new, r1, r2, [*path, r2]), (old, new, r1, r2, [r1, *path]),
    ]
    assert not any(verify_consistency(*p) for p in probes)


def test_trivial_consistency_cases() -> None:
    assert verify_consistency(0, 5, EMPTY_ROOT, ROOTS[5], [])
    assert not verify_consistency(0, 5, EMPTY_ROOT, ROOTS[5], [ROOTS[1]])
    assert not verify_consistency(3, 3, ROOTS[3], ROOTS[4], [])
    assert not verify_consistency(4, 3, ROOTS[4], ROOTS[3], [])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 200).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_every_proof_verifies_for_random_sizes(sizes: tuple[int, int]) -> None:
    m, n = sizes
    leaves = [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]
    tree = Tree(leaves)
    compact = CompactRange()
    for leaf in leaves:
        compact.append(leaf)
    assert compact.root() == tree.root()
    assert Tree(leaves[:m]).root() == tree.root(m)
    proof = tree.consistency_proof(m, n)
    assert verify_consistency(m, n, tree.root(m), tree.root(n), proof)
    for i in range(n):
        assert verify_inclusion(i, n, leaves[i], tree.inclusion_proof(i, n), tree.root(n))
    if m:
        for i in range(m):
            assert verify_inclusion(i, m, leaves[i], tree.inclusion_proof(i, m), tree.root(m))
    if 0 < m < n:
        assert not verify_consistency(m, n, tree.root(m), leaf_hash(b"x"), proof)
