"""``microgate audit ...``: keygen, log, prove, consistency, verify and export.

Each function returns an exit code: 0 success, 1 a verification failure, and an
:class:`~microgate.errors.InputError` (exit 2) for bad input.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

from microgate.audit.export import export_log, verify_export
from microgate.audit.keys import DEFAULT_KEY_NAME, create_key, load_verifier
from microgate.audit.proofs import prove_consistency, prove_inclusion
from microgate.audit.storelog import StoreAuditLog
from microgate.audit.verify import VerifyResult
from microgate.cli.output import emit, error
from microgate.errors import UsageError
from microgate.store import open_store

FORMATS = ("text", "json")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError("--format", f"unknown format {fmt!r}", hint="one of: text, json")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def audit_keygen(name: str | None = None) -> int:
    """Create a signing key under the state folder; print only the verifier key."""
    emit(create_key(name or DEFAULT_KEY_NAME), None)
    return 0


def audit_log(limit: int, fmt: str) -> int:
    """The newest ``limit`` entries, newest first."""
    _check_format(fmt)
    if limit < 1:
        raise UsageError("--limit", "must be at least 1")
    with open_store() as store:
        entries = StoreAuditLog(store).recent(limit)
    if fmt == "json":
        emit(json.dumps([json.loads(body) for _, body in entries], indent=2), None)
    elif not entries:
        emit("The audit log is empty.", None)
    else:
        lines = []
        for idx, body in entries:
            doc = json.loads(body)
            lines.append(
                f"{idx:>8}  {doc['time']}  {doc['kind']:<18} {doc.get('app', '') or '-':<20} "
                f"{doc.get('decision', '-')}  by {doc['actor']}"
            )
        emit("\n".join(lines), None)
    return 0


def audit_prove(entry_index: int, fmt: str) -> int:
    """The inclusion proof of entry ``entry_index`` against the latest checkpoint."""
    _check_format(fmt)
    with open_store() as store:
        proof = prove_inclusion(StoreAuditLog(store), entry_index)
    doc: dict[str, Any] = {
        "index": proof.index,
        "treeSize": proof.tree_size,
        "leafHash": _b64(proof.leaf_hash),
        "rootHash": _b64(proof.root),
        "inclusionPath": [_b64(h) for h in proof.path],
        "checkpoint": proof.checkpoint,
    }
    _emit_doc(doc, fmt)
    return 0


def audit_consistency(old_size: int, new_size: int, fmt: str) -> int:
    """The consistency proof between the trees of ``old_size`` and ``new_size`` entries."""
    _check_format(fmt)
    with open_store() as store:
        proof = prove_consistency(StoreAuditLog(store), old_size, new_size)
    doc = {
        "oldSize": proof.old_size,
        "newSize": proof.new_size,
        "oldRootHash": _b64(proof.old_root),
        "newRootHash": _b64(proof.new_root),
        "consistencyPath": [_b64(h) for h in proof.path],
    }
    _emit_doc(doc, fmt)
    return 0


def _emit_doc(doc: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        emit(json.dumps(doc, indent=2), None)
        return
    lines = []
    for key, value in doc.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  {v}" for v in value]
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{key}:")
            lines += [f"  {v}" for v in value.rstrip("\n").split("\n")]
        else:
            lines.append(f"{key}: {value}")
    emit("\n".join(lines), None)


def audit_verify(offline_export: Path | None = None, key: Path | None = None) -> int:
    """Verify the store's log (or an export with ``--offline`` and ``--key``)."""
    if offline_export is not None:
        if key is None:
            raise UsageError("--key", "--offline needs the verifier key file (--key PUB)")
        if not offline_export.is_dir():
            raise UsageError(str(offline_export), "not an export folder")
        result = verify_export(offline_export, load_verifier(key))
    else:
        with open_store() as store:
            log = StoreAuditLog(store)
            verifier = load_verifier(key) if key is not None else None
            result = log.verify(verifier)
            if result.ok and log.checkpoint() is not None:  # sign only what verified
                result = VerifyResult(
                    True,
                    result.entries,
                    result.checkpoints + 1,
                    f"verified {result.entries} entries, "
                    f"{result.checkpoints} checkpoints; published checkpoint "
                    f"{result.checkpoints + 1}",
                )
    return _report(result)


def _report(result: VerifyResult) -> int:
    if not result.ok:
        error(f"audit log verification failed: {result.message}")
        return 1
    sys.stdout.write(result.message + "\n")
    return 0


def audit_export(output_dir: Path) -> int:
    """Write entries.jsonl, checkpoints/ and verifier.pub to ``output_dir``."""
    with open_store() as store:
        entries, checkpoints = export_log(StoreAuditLog(store), output_dir)
    emit(f"exported {entries} entries and {checkpoints} checkpoints to {output_dir}", None)
    return 0
