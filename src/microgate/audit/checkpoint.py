"""C2SP tlog-checkpoint bodies: ``<origin>\\n<tree size>\\n<base64 root hash>\\n``, signed.

Example:
    >>> from microgate.audit.merkle import EMPTY_ROOT
    >>> checkpoint_text("example.com/log", 0, EMPTY_ROOT)
    'example.com/log\\n0\\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\\n'
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from microgate.audit.note import NoteError, Signer, Verifier, open_note, sign_note


@dataclass(frozen=True)
class Checkpoint:
    """A verified checkpoint: the log's origin, tree size and root hash, and the note."""

    origin: str
    size: int
    root: bytes
    note: str


def checkpoint_text(origin: str, size: int, root: bytes) -> str:
    """The unsigned checkpoint body."""
    if not origin or "\n" in origin:
        raise NoteError("a checkpoint origin is one non-empty line")
    return f"{origin}\n{size}\n{base64.b64encode(root).decode('ascii')}\n"


def sign_checkpoint(origin: str, size: int, root: bytes, signer: Signer) -> Checkpoint:
    """A signed checkpoint for the tree of ``size`` leaves with ``root``."""
    note = sign_note(checkpoint_text(origin, size, root), signer)
    return Checkpoint(origin, size, root, note)


def open_checkpoint(note: str, verifier: Verifier) -> Checkpoint:
    """Verify ``note``'s signature and parse its body; :class:`NoteError` when either fails."""
    text = open_note(note, verifier)
    lines = text.split("\n")
    if len(lines) < 4:
        raise NoteError("a checkpoint has an origin, a size and a root hash")
    origin, size_text, root64 = lines[0], lines[1], lines[2]
    if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise NoteError(f"bad checkpoint tree size {size_text!r}")
    try:
        root = base64.b64decode(root64, validate=True)
    except binascii.Error:
        raise NoteError("bad checkpoint root hash") from None
    if len(root) != 32:
        raise NoteError("a checkpoint root hash is 32 bytes")
    return Checkpoint(origin, int(size_text), root, note)
