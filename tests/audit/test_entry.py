"""Audit entries: what they hold, what they refuse, and their canonical bytes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from microgate.audit.entry import AuditEntry, body_seq, entry_body

T = datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)


def test_the_body_is_canonical_and_carries_its_position() -> None:
    entry = AuditEntry(actor="ci", app="demo", kind="model.call", model_version="m-1",
                       decision="allow", payload_sha256={"prompt": "a" * 64},
                       data={"tokens": 12, "cost": 0.5, "cached": False, "seq": 3}, time=T)
    body = entry_body(entry, 41)
    assert body.decode() == (
        '{"actor":"ci","app":"demo","data":{"cached":false,"cost":0.5,"seq":3,"tokens":12},'
        '"decision":"allow","kind":"model.call","model_version":"m-1",'
        '"payload_sha256":{"prompt":"' + "a" * 64 + '"},"seq":41,'
        '"time":"2026-01-02T03:04:05.000006Z","v":1}'
    )
    assert body_seq(body) == 41


@pytest.mark.parametrize("key", ["prompt", "response", "secret", "api_key", "user_prompt",
                                 "OPENAI_API_KEY", "password", "raw_response"])
def test_keys_naming_raw_payloads_are_refused(key: str) -> None:
    with pytest.raises(ValidationError, match="raw payload"):
        AuditEntry(actor="a", kind="model.call", data={key: "x"})


@pytest.mark.parametrize("key", ["prompt_sha256", "response_sha256", "prompt_id", "secret_ref_count"])
def test_hash_and_id_keys_are_allowed(key: str) -> None:
    AuditEntry(actor="a", kind="model.call", data={key: "x"})


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"data": {"note": "x" * 257}}, "at most 256"),
        ({"payload_sha256": {"prompt": "not-a-hash"}}, "hex digits"),
        ({"kind": "Gate Verdict"}, "dotted lower-case"),
        ({"time": datetime(2026, 1, 1)}, "timezone-aware"),
        ({"prompt": "hello"}, "Extra inputs"),
        ({"data": {"nested": {"a": 1}}}, "data.nested"),
    ],
)
def test_bad_entries_are_refused(fields: dict[str, object], match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        AuditEntry.model_validate({"actor": "a", "kind": "approval", **fields})


@pytest.mark.parametrize("data", [{"x": 1.5, "y": 1e21}, {"n": 2**40}, {"s": "é€😀"}, {}])
def test_the_fast_path_agrees_with_the_canonicaliser(data: dict[str, object]) -> None:
    from microgate.audit.entry import entry_document
    from microgate.audit.jcs import canonical

    entry = AuditEntry(actor="a", kind="approval", data=data, time=T)  # type: ignore[arg-type]
    assert entry_body(entry, 3) == canonical(entry_document(entry, 3))
