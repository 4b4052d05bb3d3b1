"""What one audit entry records, and its canonical bytes (the Merkle leaf).

An entry holds facts about a decision — when, who, which app, what kind, the hashes of any
payloads, the model version and the decision — never the payloads themselves.  Keys that
name a raw payload (``prompt``, ``response``, ``secret``, ``api_key``, ``password``,
``token`` and keys ending in ``_<one of those>``) are refused unless they end in
``_sha256``, and string values are bounded, so a prompt cannot slip in as a "fact".

Example:
    >>> e = AuditEntry(actor="ci", app="demo", kind="gate.verdict", decision="pass",
    ...                time=datetime(2026, 1, 2, tzinfo=UTC))
    >>> entry_body(e, 7).decode()
    '{"actor":"ci","app":"demo","data":{},"decision":"pass","kind":"gate.verdict","payload_sha256":{},"seq":7,"time":"2026-01-02T00:00:00.000000Z","v":1}'
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from microgate.audit.jcs import MAX_SAFE_INTEGER, CanonicalJSONError, canonical

FORMAT_VERSION = 1
#: Kinds the project writes; any dotted lower-case name is accepted for new writers.
KINDS = (
    "gate.verdict",
    "lint.verdict",
    "waiver.applied",
    "approval",
    "model.call",
    "quantum.job",
    "governance.action",
    "rollout.step",
)
MAX_STRING = 256
MAX_DATA_KEYS = 64
RAW_PAYLOAD_WORDS = ("prompt", "response", "completion", "secret", "api_key", "password", "token")
_KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

Scalar = str | int | float | bool | None


def names_raw_payload(key: str) -> bool:
    """True when ``key`` looks like it holds a raw prompt, response or secret.

    >>> [names_raw_payload(k) for k in ("prompt", "user_prompt", "prompt_sha256", "prompt_id")]
    [True, True, False, False]
    """
    low = key.lower()
    if low.endswith("_sha256"):
        return False
    return any(low == w or low.endswith("_" + w) for w in RAW_PAYLOAD_WORDS)


def _check_key(key: str, where: str) -> None:
    if not _KEY.match(key):
        raise ValueError(f"{where} key {key!r} must be an identifier of at most 64 characters")
    if names_raw_payload(key):
        raise ValueError(
            f"{where} key {key!r} names a raw payload: record its hash as '{key}_sha256' "
            "in payload_sha256 instead"
        )


class AuditEntry(BaseModel):
    """One decision worth recording; ``time`` defaults to now (UTC)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str = Field(min_length=1, max_length=MAX_STRING)
    app: str = Field(default="", max_length=MAX_STRING)
    kind: str = Field(min_length=1, max_length=64)
    decision: str | None = Field(default=None, max_length=MAX_STRING)
    model_version: str | None = Field(default=None, max_length=MAX_STRING)
    payload_sha256: dict[str, str] = Field(default_factory=dict)
    data: dict[str, Scalar] = Field(default_factory=dict)
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if not _KIND.match(value):
            raise ValueError(f"kind {value!r} must be dotted lower-case words, e.g. gate.verdict")
        return value

    @field_validator("payload_sha256")
    @classmethod
    def _hashes(cls, value: dict[str, str]) -> dict[str, str]:
        for name, digest in value.items():
            if not _KEY.match(name):
                raise ValueError(f"payload name {name!r} must be an identifier")
            if not _SHA256.match(digest):
                raise ValueError(f"payload {name!r}: expected 64 lower-case hex digits of SHA-256")
        return value

    @field_validator("data")
    @classmethod
    def _data(cls, value: dict[str, Scalar]) -> dict[str, Scalar]:
        if len(value) > MAX_DATA_KEYS:
            raise ValueError(f"data holds {len(value)} keys; at most {MAX_DATA_KEYS}")
        for key, item in value.items():
            _check_key(key, "data")
            if isinstance(item, str) and len(item) > MAX_STRING:
                raise ValueError(
                    f"data[{key!r}] is {len(item)} characters; at most {MAX_STRING} "
                    "(hash long payloads into payload_sha256)"
                )
        return value

    @field_validator("time")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("time must be timezone-aware")
        return value.astimezone(UTC)


def rfc3339(moment: datetime) -> str:
    """``2026-01-02T03:04:05.000006Z``: UTC, microseconds, always the same width."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def entry_document(entry: AuditEntry, seq: int) -> dict[str, Any]:
    """The JSON object stored for ``entry`` at position ``seq`` (None fields left out)."""
    doc: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "seq": seq,
        "time": rfc3339(entry.time),
        "actor": entry.actor,
        "app": entry.app,
        "kind": entry.kind,
        "payload_sha256": dict(entry.payload_sha256),
        "data": dict(entry.data),
    }
    if entry.decision is not None:
        doc["decision"] = entry.decision
    if entry.model_version is not None:
        doc["model_version"] = entry.model_version
    return doc


def entry_body(entry: AuditEntry, seq: int) -> bytes:
    """The RFC 8785 bytes of the entry at ``seq``: what the Merkle leaf hashes.

    Every key is ASCII (validated), so without floats or huge integers in ``data``
    ``json.dumps(sort_keys=True)`` already writes the JCS form; otherwise the full
    canonicaliser runs.
    """
    doc = entry_document(entry, seq)
    if any(
        type(v) is float or (type(v) is int and abs(v) > MAX_SAFE_INTEGER)
        for v in entry.data.values()
    ):
        return canonical(doc)
    try:
        return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise CanonicalJSONError("a string holds a lone surrogate") from None


_SEQ = b',"seq":'


def body_seq(body: bytes) -> int | None:
    """The ``seq`` of a stored body, without parsing all of it (None when absent).

    Keys are sorted, so only ``time`` and ``v`` (no nested objects) follow the top-level
    ``seq``, and JCS escapes quotes inside strings: the last ``,"seq":`` is the member.
    """
    at = body.rfind(_SEQ)
    if at < 0:
        return None
    start = at + len(_SEQ)
    end = body.find(b",", start)
    try:
        return int(body[start : end if end >= 0 else len(body) - 1])
    except ValueError:
        return None
