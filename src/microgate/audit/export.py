"""Offline exports: ``entries.jsonl``, ``checkpoints/NNNNNNNN.note`` and ``verifier.pub``.

An export is verified with no database: every line's leaf hash is recomputed, the tree
rebuilt, and every checkpoint checked against the verifier key given separately (the copy
inside the export is for convenience, never trusted by itself).
"""

from __future__ import annotations

from pathlib import Path

from microgate.audit.note import Verifier
from microgate.audit.storelog import StoreAuditLog
from microgate.audit.verify import Row, VerifyResult, verify_log
from microgate.errors import InputError

ENTRIES = "entries.jsonl"
CHECKPOINTS = "checkpoints"
VERIFIER = "verifier.pub"


def export_log(log: StoreAuditLog, folder: Path) -> tuple[int, int]:
    """Publish a checkpoint of the current head, then write the export; (entries, checkpoints)."""
    log.checkpoint()
    (folder / CHECKPOINTS).mkdir(parents=True, exist_ok=True)
    entries = 0
    with (folder / ENTRIES).open("wb") as out:
        for _, body, _ in log.rows():
            out.write(body + b"\n")
            entries += 1
    notes = log.notes()
    for number, note in enumerate(notes, start=1):
        (folder / CHECKPOINTS / f"{number:08d}.note").write_text(note, encoding="utf-8")
    (folder / VERIFIER).write_text(log.signer.verifier_key + "\n", encoding="ascii")
    return entries, len(notes)


def read_export(folder: Path) -> tuple[list[Row], list[str]]:
    """The rows and checkpoint notes of an export folder."""
    path = folder / ENTRIES
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the export: {exc.strerror}") from None
    rows: list[Row] = [(i, line, None) for i, line in enumerate(data.splitlines())]
    notes = [p.read_text(encoding="utf-8") for p in sorted((folder / CHECKPOINTS).glob("*.note"))]
    return rows, notes


def verify_export(folder: Path, verifier: Verifier) -> VerifyResult:
    """Verify an export against ``verifier``; the last checkpoint must cover every entry."""
    rows, notes = read_export(folder)
    if rows and not notes:
        return VerifyResult(False, len(rows), 0, "entry 0 is not covered by any checkpoint", 0)
    return verify_log(rows, notes, verifier)
