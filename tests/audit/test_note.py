"""Signed notes and checkpoints, against the example of golang.org/x/mod/sumdb/note.

The key pair and signature are the package documentation's ``PeterNeumann`` example
(golang/mod, ``sumdb/note/note.go``); Ed25519 is deterministic, so our signature must be
byte-identical.
"""

from __future__ import annotations

import pytest

from microgate.audit.checkpoint import checkpoint_text, open_checkpoint, sign_checkpoint
from microgate.audit.merkle import EMPTY_ROOT
from microgate.audit.note import NoteError, Signer, Verifier, generate_key, open_note, sign_note

SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
TEXT = ("If you think cryptography is the answer to your problem,\n"
        "then you don't know what your problem is.\n")
SIGNED = TEXT + ("\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2p"
                 "ZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")


def test_signing_matches_the_go_reference() -> None:
    signer = Signer(SKEY)
    assert signer.verifier_key == VKEY
    assert sign_note(TEXT, signer) == SIGNED
    assert open_note(SIGNED, Verifier(VKEY)) == TEXT


@pytest.mark.parametrize(
    "tampered",
    [
        SIGNED.replace("problem,", "problem;"),
        SIGNED.replace("x08go", "x08gp"),
        SIGNED.replace("\u2014", "-"),
        TEXT,
    ],
)
def test_tampered_notes_fail(tampered: str) -> None:
    with pytest.raises(NoteError):
        open_note(tampered, Verifier(VKEY))


def test_another_key_does_not_verify() -> None:
    _, other = generate_key("PeterNeumann")
    with pytest.raises(NoteError, match="not signed"):
        open_note(SIGNED, Verifier(other))


def test_checkpoint_round_trip() -> None:
    skey, vkey = generate_key("example.com/log")
    cp = sign_checkpoint("example.com/log", 0, EMPTY_ROOT, Signer(skey))
    assert cp.note.startswith(checkpoint_text("example.com/log", 0, EMPTY_ROOT) + "\n\u2014 ")
    assert open_checkpoint(cp.note, Verifier(vkey)) == cp


@pytest.mark.parametrize("key", ["", "name+zz+AAAA", "PRIVATE+KEY+x+00000000+AAAA", "a b+1+2"])
def test_malformed_verifier_keys_are_refused(key: str) -> None:
    with pytest.raises(NoteError):
        Verifier(key)
