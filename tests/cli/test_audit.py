"""``microgate audit`` command functions: keygen, log, prove, consistency, verify, export."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from microgate import home
from microgate.audit.entry import AuditEntry
from microgate.audit.merkle import verify_consistency, verify_inclusion
from microgate.audit.storelog import StoreAuditLog
from microgate.cli.audit import (
    audit_consistency,
    audit_export,
    audit_keygen,
    audit_log,
    audit_prove,
    audit_verify,
)
from microgate.errors import InputError
from microgate.store import open_store


def _b(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


@pytest.fixture
def filled() -> None:
    with open_store() as store:
        log = StoreAuditLog(store)
        log.append_batch([AuditEntry(actor="ci", app="demo", kind="gate.verdict",
                                     decision="pass", data={"n": i}) for i in range(6)])
        log.append(AuditEntry(actor="ci", app="demo", kind="waiver.applied"))


def test_keygen_writes_a_private_key_and_prints_only_the_verifier(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert audit_keygen("team-log") == 0
    out = capsys.readouterr().out
    private = home.state_dir() / "keys" / "team-log.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert out.startswith("team-log+") and "PRIVATE" not in out
    assert private.read_text().split("+")[-1].strip() not in out
    with pytest.raises(InputError, match="never replaced"):
        audit_keygen("team-log")
    with pytest.raises(InputError):
        audit_keygen("bad name")


def test_log_prove_and_consistency(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit_log(3, "json") == 0
    docs = json.loads(capsys.readouterr().out)
    assert [d["seq"] for d in docs] == [6, 5, 4]
    assert audit_log(2, "text") == 0
    assert "waiver.applied" in capsys.readouterr().out
    assert audit_prove(2, "json") == 0
    p = json.loads(capsys.readouterr().out)
    path = [_b(h) for h in p["inclusionPath"]]
    assert p["treeSize"] == 7
    assert verify_inclusion(2, 7, _b(p["leafHash"]), path, _b(p["rootHash"]))
    assert p["checkpoint"].split("\n")[1] == "7"
    assert audit_consistency(3, 7, "json") == 0
    c = json.loads(capsys.readouterr().out)
    proof = [_b(h) for h in c["consistencyPath"]]
    assert verify_consistency(3, 7, _b(c["oldRootHash"]), _b(c["newRootHash"]), proof)
    assert audit_prove(1, "text") == 0
    with pytest.raises(InputError, match="does not exist"):
        audit_prove(7, "text")
    with pytest.raises(InputError):
        audit_consistency(5, 3, "json")


def test_verify_export_and_offline_verify(
    filled: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert audit_verify() == 0
    assert "verified 7 entries" in capsys.readouterr().out
    assert audit_export(tmp_path / "export") == 0
    key = tmp_path / "export" / "verifier.pub"
    assert audit_verify(tmp_path / "export", key) == 0
    assert "verified 7 entries" in capsys.readouterr().out
    entries = tmp_path / "export" / "entries.jsonl"
    lines = entries.read_text().splitlines()
    entries.write_text("\n".join([lines[0], lines[2], lines[1], *lines[3:]]) + "\n")
    assert audit_verify(tmp_path / "export", key) == 1
    assert "entry 1" in capsys.readouterr().err
    with pytest.raises(InputError, match="--key"):
        audit_verify(tmp_path / "export", None)


def test_verify_names_a_tampered_entry(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as store, store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_entries WHERE idx = 4"))
    assert audit_verify() == 1
    assert "entry 4 was removed" in capsys.readouterr().err
