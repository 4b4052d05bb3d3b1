"""discover on the bundled examples: every LLM and quantum use, and the one undeclared host.

Expectations come from reading the example code:
- team-notes: openai client (notes_app/summarise.py) against the self-hosted
  llm.internal.example, model llama-3.1-8b-instruct; notes_app/notify.py posts to
  chat.internal.example, which its manifest does not declare (the only finding).
- support-assistant: anthropic (primary, claude-sonnet-4-20250514) and openai (fallback,
  gpt-4o-mini-2024-07-18) in assistant/models.py; the payments host is declared.
- route-optimizer: qiskit + qiskit_aer (AerSimulator) in optimizer/quantum.py, two circuits;
  routing.internal.example is declared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.discover import Kind, discovery_report, draft_manifest, scan
from microgate.discover.result import Discovery
from microgate.manifest import load_manifest
from microgate.report.model import Report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def app(name: str) -> tuple[Discovery, Report]:
    root = EXAMPLES / name
    assert (root / "microgate.yaml").is_file(), f"bundled example {name} is missing"
    d = scan(root)
    return d, discovery_report(root, d, load_manifest(root))


def places(d: Discovery, kind: Kind) -> set[tuple[str, str]]:
    return {(o.value, o.location.path) for o in d.of(kind)}


def rule_hits(report: Report, rule_id: str) -> list[str]:
    return [f.message for f in report.findings if f.rule_id == rule_id]


def test_team_notes() -> None:
    d, report = app("team-notes")
    assert places(d, Kind.LLM_SDK) == {("openai", "notes_app/summarise.py")}
    assert d.values(Kind.MODEL) == ["llama-3.1-8b-instruct"]
    assert d.values(Kind.LLM_ENDPOINT) == ["http://llm.internal.example:8000/v1"]
    assert not d.of(Kind.QUANTUM_SDK)
    d001 = [f for f in report.findings if f.rule_id == "MG-D001"]
    assert [(f.evidence, f.location.path if f.location else "") for f in d001] == [
        ("chat.internal.example", "notes_app/notify.py")
    ]
    assert d001[0].fix_hint == "add under integrations: - host: chat.internal.example"
    for rule_id in ("MG-D002", "MG-D003", "MG-D004", "MG-D005"):
        assert rule_hits(report, rule_id) == [], rule_id
    assert report.exit_code == 0


def test_support_assistant() -> None:
    d, report = app("support-assistant")
    assert places(d, Kind.LLM_SDK) == {
        ("anthropic", "assistant/models.py"),
        ("openai", "assistant/models.py"),
    }
    models = {(o.value, o.detail) for o in d.of(Kind.MODEL)}
    assert models == {
        ("claude-sonnet-4-20250514", "anthropic"),
        ("gpt-4o-mini-2024-07-18", "openai"),
    }
    assert "api.payments.example" in d.values(Kind.HOST)
    assert {"pii", "financial"} <= set(d.values(Kind.SENSITIVE))
    for rule_id in ("MG-D001", "MG-D002", "MG-D004", "MG-D005", "MG-D009"):
        assert rule_hits(report, rule_id) == [], rule_id


def test_route_optimizer() -> None:
    d, report = app("route-optimizer")
    assert places(d, Kind.QUANTUM_SDK) == {("qiskit", "optimizer/quantum.py")}
    assert [(o.value, o.detail) for o in d.of(Kind.QUANTUM_BACKEND)] == [
        ("aer_simulator", "simulator")
    ]
    assert d.values(Kind.CIRCUIT) == ["circuits/bell.qasm", "circuits/maxcut_qaoa.qasm"]
    assert not d.of(Kind.LLM_SDK)
    for rule_id in ("MG-D001", "MG-D003", "MG-D004", "MG-D005"):
        assert rule_hits(report, rule_id) == [], rule_id


@pytest.mark.parametrize("name", ["team-notes", "support-assistant", "route-optimizer"])
def test_drafts_cover_the_declared_manifest(name: str) -> None:
    """A draft from code alone declares every model provider, host and quantum backend seen."""
    d, _ = app(name)
    declared = load_manifest(EXAMPLES / name)
    draft = draft_manifest(d)
    assert {i.host for i in declared.integrations} <= {i.host for i in draft.integrations}
    assert (draft.quantum is None) == (declared.quantum is None)
    assert {m.family for m in declared.models} <= {m.family for m in draft.models}
    assert {s.name for s in declared.secrets if s.ref.startswith("env://")} <= {
        s.name for s in draft.secrets
    }
