"""The pruned fast path decides exactly as each rule alone on the whole manifest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microgate.classify import Tier
from microgate.findings import Finding, Level, Location
from microgate.manifest import Manifest, load_manifest
from microgate.policy import default_policy
from microgate.policy.view import finding_views, include_spec, names_in

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2026, 6, 1)


def _slow(manifest: Manifest, findings: list[Finding], tier: str) -> list[tuple[str, str, str]]:
    policy = default_policy()
    level = Tier(tier)
    plan = policy.plan(level)
    app = manifest.model_dump(mode="json", by_alias=True)
    context = policy._context(level, "default", TODAY)
    results = policy._alone(plan, level, app, findings, context, "microgate.yaml")
    return [(r.rule.id, r.outcome.value, r.message) for r in results]


def _fast(manifest: Manifest, findings: list[Finding], tier: str) -> list[tuple[str, str, str]]:
    """The one-call path on the pruned dump, with no fallback: it must decide on its own."""
    policy = default_policy()
    level = Tier(tier)
    plan = policy.plan(level)
    assert plan.include is not None
    view = manifest.model_dump(mode="json", by_alias=True, include=plan.include)
    context = policy._context(level, "default", TODAY)
    results = policy._fast(plan, level, view, findings, context, "microgate.yaml")
    assert results is not None, "the fast path fell back: a pruned key was needed"
    public = policy.evaluate(manifest, findings=findings, tier=tier, today=TODAY)
    assert [(r.rule.id, r.outcome.value) for r in public] == [
        (r.rule.id, r.outcome.value) for r in results
    ]
    return [(r.rule.id, r.outcome.value, r.message) for r in results]


def _finding(rule_id: str) -> Finding:
    return Finding(rule_id, Level.WARNING, f"{rule_id} here", Location("app.py", 3), evidence=rule_id)


@pytest.mark.parametrize("app", ["team-notes", "support-assistant", "route-optimizer"])
@pytest.mark.parametrize("tier", ["low", "medium", "high"])
def test_examples_agree(app: str, tier: str) -> None:
    manifest = load_manifest(EXAMPLES / app)
    findings = [_finding("MG-D001"), _finding("MG-D005")]
    assert _fast(manifest, findings, tier) == _slow(manifest, findings, tier)


MODELS = st.lists(
    st.fixed_dictionaries(
        {
            "provider": st.sampled_from(["openai", "anthropic", "vllm"]),
            "family": st.sampled_from(["gpt-4o", "claude-sonnet", "gpt-9", "llama-3.1"]),
            "version": st.sampled_from(["", "latest", "2024-08-06"]),
            "endpoint": st.sampled_from(["public", "approved", "private"]),
            "redaction": st.booleans(),
        }
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(
    models=MODELS,
    data=st.lists(st.sampled_from(["public", "internal", "pii", "financial", "health"]), unique=True),
    owner=st.sampled_from(["team-a", "unknown", "todo"]),
    slo=st.one_of(st.none(), st.integers(1, 5000)),
    redaction=st.booleans(),
    hardware=st.one_of(st.none(), st.booleans()),
    fallbacks=st.booleans(),
    findings=st.lists(st.sampled_from(["MG-D001", "MG-D004", "MG-D005", "MG-D008"]), max_size=3),
    tier=st.sampled_from(["low", "medium", "high"]),
)
def test_random_manifests_agree(
    models: list[dict[str, object]],
    data: list[str],
    owner: str,
    slo: int | None,
    redaction: bool,
    hardware: bool | None,
    fallbacks: bool,
    findings: list[str],
    tier: str,
) -> None:
    doc: dict[str, object] = {
        "apiVersion": "microgate/v1", "name": "x", "owner": owner, "userScope": "team",
        "models": models, "dataClasses": data, "redaction": {"enabled": redaction},
        "runtime": {"latencySloMs": slo},
    }
    if hardware is not None:
        doc["quantum"] = {"backend": "ibm_brisbane", "hardware": hardware}
    if fallbacks:
        doc["fallbacks"] = [{"kind": "static", "target": "a:b"}]
    manifest = Manifest.model_validate(doc)
    found = [_finding(f) for f in findings]
    assert _fast(manifest, found, tier) == _slow(manifest, found, tier)


def test_include_spec_keeps_only_named_nested_keys() -> None:
    names = names_in(["app.models.all(m, m.family in ['a'])", "has(app.runtime.latencySloMs)"])
    spec = include_spec(Manifest, ("models", "runtime"), names)
    assert spec == {"models": {"__all__": {"family": True}}, "runtime": {"latency_slo_ms": True}}
    assert include_spec(Manifest, None, names) is None


def test_finding_views_match_to_dict_on_named_keys() -> None:
    finding = _finding("MG-D001")
    full = finding.to_dict()
    assert finding_views([finding], None) == [full]
    assert finding_views([finding], frozenset({"ruleId", "location"})) == [
        {"ruleId": "MG-D001", "location": full["location"]}
    ]
