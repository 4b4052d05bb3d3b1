"""Audit signing keys on disk: ``<state dir>/keys/<name>.key`` (0600) and ``<name>.pub``.

Example:
    >>> import os, tempfile
    >>> os.environ["MICROGATE_HOME"] = tempfile.mkdtemp()
    >>> vkey = create_key("doc-log")
    >>> load_signer("doc-log").verifier_key == vkey
    True
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from microgate import home
from microgate.audit.note import NoteError, Signer, Verifier, generate_key, valid_name
from microgate.errors import InputError

DEFAULT_KEY_NAME = "microgate-audit"


def keys_dir() -> Path:
    return home.state_dir() / "keys"


def key_paths(name: str) -> tuple[Path, Path]:
    """(private key file, verifier key file) for ``name``."""
    if not valid_name(name) or "/" in name or name.startswith("."):
        raise InputError(
            "--name", f"key name {name!r} must be non-empty, without spaces, '+' or '/'"
        )
    return keys_dir() / f"{name}.key", keys_dir() / f"{name}.pub"


def create_key(name: str = DEFAULT_KEY_NAME) -> str:
    """Write a new key pair; return the verifier key.  An existing key is never replaced."""
    private_path, public_path = key_paths(name)
    home.state_dir(create=True)
    private_path.parent.mkdir(mode=0o700, exist_ok=True)
    skey, vkey = generate_key(name)
    try:
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(
            str(private_path), "a key with this name exists; it is never replaced"
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(skey + "\n")
        f.flush()
        os.fsync(f.fileno())
    public_path.write_text(vkey + "\n", encoding="ascii")
    return vkey


def load_signer(name: str = DEFAULT_KEY_NAME, *, create: bool = False) -> Signer:
    """The signer stored under ``name``; created first when missing and ``create``."""
    private_path, _ = key_paths(name)
    if create and not private_path.exists():
        with contextlib.suppress(InputError):  # another process created it first
            create_key(name)
    try:
        text = private_path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise InputError(
            str(private_path), "no audit key", hint="create one with 'microgate audit keygen'"
        ) from None
    try:
        return Signer(text)
    except NoteError as exc:
        raise InputError(str(private_path), str(exc)) from None


def load_verifier(path: Path) -> Verifier:
    """A verifier key (``<name>+<hash>+<key>``) read from ``path``."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the verifier key: {exc}") from None
    try:
        return Verifier(text.strip())
    except NoteError as exc:
        raise InputError(str(path), str(exc)) from None
