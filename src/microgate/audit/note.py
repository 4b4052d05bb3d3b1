"""Signed notes and Ed25519 note keys, as in C2SP signed-note (golang.org/x/mod/sumdb/note).

A signed note is UTF-8 text ending in a newline, a blank line, then one line per signature:
``"— <key name> <base64(key hash (4 bytes, big-endian) || signature)>"`` with the em dash
U+2014.  The key hash is the first four bytes of ``SHA-256(name || "\\n" || 0x01 || public
key)``, 0x01 being the Ed25519 algorithm byte.  Keys are text:
``PRIVATE+KEY+<name>+<hash hex>+<base64(0x01 || seed)>`` (the signer) and
``<name>+<hash hex>+<base64(0x01 || public key)>`` (the verifier).

Example:
    >>> skey, vkey = generate_key("example.com/log")
    >>> msg = sign_note("hello\\n", Signer(skey))
    >>> open_note(msg, Verifier(vkey))
    'hello\\n'
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ALG_ED25519 = 1
DASH = "\u2014"
_NAME = re.compile(r"^[^\s+]+$")


class NoteError(ValueError):
    """A malformed key or note, or a signature that does not verify."""


def valid_name(name: str) -> bool:
    """Non-empty, with no Unicode space and no ``+``."""
    return bool(_NAME.match(name))


def key_hash(name: str, public: bytes) -> int:
    """The 32-bit key id: SHA-256(name || 0x0A || 0x01 || public key), first four bytes."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([ALG_ED25519]) + public).digest()
    return int.from_bytes(digest[:4], "big")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise NoteError("bad base64") from None


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def verifier_key(name: str, public: bytes) -> str:
    """``<name>+<hash>+<base64(0x01 || public key)>``."""
    return f"{name}+{key_hash(name, public):08x}+{_b64(bytes([ALG_ED25519]) + public)}"


def generate_key(name: str) -> tuple[str, str]:
    """A new (signer key, verifier key) pair for ``name``."""
    if not valid_name(name):
        raise NoteError(f"key name {name!r} must be non-empty, without spaces or '+'")
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    public = _raw_public(private.public_key())
    h = key_hash(name, public)
    skey = f"PRIVATE+KEY+{name}+{h:08x}+{_b64(bytes([ALG_ED25519]) + seed)}"
    return skey, verifier_key(name, public)


def _parse_key(name: str, hash_hex: str, key64: str) -> tuple[int, bytes]:
    key = _unb64(key64)
    if not valid_name(name) or len(hash_hex) != 8 or len(key) != 33:
        raise NoteError("malformed key")
    if key[0] != ALG_ED25519:
        raise NoteError(f"unknown key algorithm {key[0]}")
    try:
        return int(hash_hex, 16), key[1:]
    except ValueError:
        raise NoteError("malformed key hash") from None


class Signer:
    """Signs notes with a ``PRIVATE+KEY+...`` signer key."""

    def __init__(self, skey: str) -> None:
        parts = skey.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("not a signer key (expected PRIVATE+KEY+<name>+<hash>+<key>)")
        self.name = parts[2]
        self.hash, seed = _parse_key(parts[2], parts[3], parts[4])
        self._private = Ed25519PrivateKey.from_private_bytes(seed)
        public = _raw_public(self._private.public_key())
        if key_hash(self.name, public) != self.hash:
            raise NoteError("signer key hash does not match its key")
        self.verifier_key = verifier_key(self.name, public)

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)


class Verifier:
    """Checks signatures made by one ``<name>+<hash>+<key>`` verifier key."""

    def __init__(self, vkey: str) -> None:
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("not a verifier key (expected <name>+<hash>+<key>)")
        self.name = parts[0]
        self.hash, public = _parse_key(parts[0], parts[1], parts[2])
        if key_hash(self.name, public) != self.hash:
            raise NoteError("verifier key hash does not match its key")
        self._public = Ed25519PublicKey.from_public_bytes(public)

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            self._public.verify(signature, message)
        except InvalidSignature:
            return False
        return True


def sign_note(text: str, signer: Signer) -> str:
    """``text`` (ending in a newline), a blank line and ``signer``'s signature line."""
    if not text.endswith("\n") or "\n\n" in text:
        raise NoteError("note text must end in one newline and hold no blank line")
    sig = signer.hash.to_bytes(4, "big") + signer.sign(text.encode("utf-8"))
    return f"{text}\n{DASH} {signer.name} {_b64(sig)}\n"


def open_note(message: str, verifier: Verifier) -> str:
    """The text of ``message`` if ``verifier``'s key signed it; :class:`NoteError` if not.

    Signatures by other keys are ignored; at least one must be by ``verifier``.
    """
    if any(ord(c) < 0x20 and c != "\n" for c in message) or not message.endswith("\n"):
        raise NoteError("malformed note")
    text, sep, sigs = message.rpartition("\n\n")
    if not sep:
        raise NoteError("malformed note: no signature block")
    text += "\n"
    found = False
    for line in sigs[:-1].split("\n"):
        prefix, _, rest = line.partition(" ")
        name, _, sig64 = rest.partition(" ")
        if prefix != DASH or not valid_name(name) or not sig64:
            raise NoteError("malformed signature line")
        sig = _unb64(sig64)
        if len(sig) < 5:
            raise NoteError("malformed signature")
        if name != verifier.name or int.from_bytes(sig[:4], "big") != verifier.hash:
            continue
        if not verifier.verify(text.encode("utf-8"), sig[4:]):
            raise NoteError(f"invalid signature by key {name}+{verifier.hash:08x}")
        found = True
    if not found:
        raise NoteError(f"not signed by key {verifier.name}+{verifier.hash:08x}")
    return text
