"""Every rule of the shipped default pack, case by case (manifest, findings, tier -> outcome)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from microgate.classify import Tier
from microgate.findings import Finding, Level, Location
from microgate.manifest.model import Manifest
from microgate.policy import default_policy, load_policy
from microgate.report.model import CheckResult, Outcome

# A high-tier app that meets every default rule.
BASE: dict[str, Any] = {
    "apiVersion": "microgate/v1",
    "name": "shop-bot",
    "owner": "team-shop",
    "userScope": "external",
    "dataClasses": ["pii", "financial"],
    "models": [
        {"provider": "anthropic", "family": "claude-sonnet",
         "version": "claude-sonnet-4-20250514", "endpoint": "approved", "redaction": True},
    ],
    "redaction": {"enabled": True, "detectors": ["email"]},
    "runtime": {"latencySloMs": 2000},
    "fallbacks": [{"kind": "static", "target": "shop.reply:sorry"}],
    "secrets": [{"name": "KEY", "ref": "env://KEY"}],
    "prompts": ["prompts/*.yaml"],
    "evals": ["evals/*.yaml"],
}

HW = {"backend": "ibm_brisbane", "hardware": True, "approvalRequired": True,
      "cost": {"perDayUsd": 20}}
OPENAI_PUBLIC = {"provider": "openai", "family": "gpt-4o", "version": "gpt-4o-2024-08-06",
                 "endpoint": "public", "redaction": True}


def manifest(**changes: Any) -> Manifest:
    """BASE with top-level keys replaced (a value of None removes the key)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Manifest.model_validate(data)


def finding(rule_id: str, message: str = "something undeclared", path: str = "app.py",
            line: int | None = 7, **properties: Any) -> Finding:
    return Finding(rule_id, Level.WARNING, message, Location(path, line), evidence=message,
                   properties=properties)


def result_for(rule_id: str, m: Manifest, findings: list[Finding], tier: str) -> CheckResult:
    results = default_policy().evaluate(m, findings=findings, tier=tier)
    return next(r for r in results if r.rule.id == rule_id)


# (rule, case id, manifest changes, findings, tier, outcome, text expected in the message)
CASES: list[tuple[str, str, dict[str, Any], list[Finding], str, Outcome, str]] = [
    # MG-P001 model-family-allowed
    ("MG-P001", "allowed", {}, [], "low", Outcome.PASS, ""),
    ("MG-P001", "no models", {"models": []}, [], "high", Outcome.PASS, ""),
    ("MG-P001", "unknown family", {"models": [{**BASE["models"][0], "family": "gpt-9"}]}, [],
     "low", Outcome.FAIL, "anthropic/gpt-9"),
    ("MG-P001", "one of two bad",
     {"models": [BASE["models"][0], {**BASE["models"][0], "provider": "x", "family": "yolo"}]},
     [], "high", Outcome.FAIL, "x/yolo"),
    # MG-P002 model-version-pinned
    ("MG-P002", "pinned", {}, [], "medium", Outcome.PASS, ""),
    ("MG-P002", "no version", {"models": [{**BASE["models"][0], "version": ""}]}, [], "low",
     Outcome.FAIL, "(no version)"),
    ("MG-P002", "latest", {"models": [{**BASE["models"][0], "version": "Latest"}]}, [], "high",
     Outcome.FAIL, "(Latest)"),
    # MG-P003 protected-data-redaction
    ("MG-P003", "redacted", {}, [], "high", Outcome.PASS, ""),
    ("MG-P003", "no protected data", {"dataClasses": ["internal"], "redaction": {}}, [], "high",
     Outcome.PASS, ""),
    ("MG-P003", "protected data but no models", {"models": [], "redaction": {}}, [], "high",
     Outcome.PASS, ""),
    ("MG-P003", "app redaction off", {"redaction": {"enabled": False}}, [], "low", Outcome.FAIL,
     "redaction.enabled is false"),
    ("MG-P003", "model redaction off", {"models": [{**BASE["models"][0], "redaction": False}]},
     [], "medium", Outcome.FAIL, "anthropic/claude-sonnet has redaction: false"),
    ("MG-P003", "health counts", {"dataClasses": ["health"], "redaction": {}}, [], "low",
     Outcome.FAIL, "data classes health"),
    # MG-P004 protected-data-trusted-endpoint
    ("MG-P004", "approved", {}, [], "high", Outcome.PASS, ""),
    ("MG-P004", "private", {"models": [{**BASE["models"][0], "endpoint": "private"}]}, [],
     "high", Outcome.PASS, ""),
    ("MG-P004", "public endpoint", {"models": [BASE["models"][0], OPENAI_PUBLIC]}, [], "low",
     Outcome.FAIL, "openai/gpt-4o"),
    ("MG-P004", "public but internal data",
     {"dataClasses": ["internal"], "models": [OPENAI_PUBLIC]}, [], "high", Outcome.PASS, ""),
    # MG-P005 no-inline-secrets
    ("MG-P005", "references only", {}, [], "low", Outcome.PASS, ""),
    ("MG-P005", "hard-coded secret", {}, [finding("MG-D005", "secret-like literal",
                                                  "bot/keys.py", 12)],
     "low", Outcome.FAIL, "1 hard-coded secret(s) at bot/keys.py:12"),
    ("MG-P005", "secret without location", {},
     [Finding("MG-D005", Level.ERROR, "secret-like literal", None)], "high", Outcome.FAIL,
     "(unknown place)"),
    ("MG-P005", "other findings do not count", {}, [finding("MG-D004")], "high", Outcome.PASS,
     ""),
    # MG-P006 quantum-hardware-approval
    ("MG-P006", "no quantum", {}, [], "high", Outcome.PASS, ""),
    ("MG-P006", "simulator", {"quantum": {"backend": "aer_simulator"}}, [], "low",
     Outcome.PASS, ""),
    ("MG-P006", "hardware with approval", {"quantum": HW}, [], "high", Outcome.PASS, ""),
    ("MG-P006", "hardware with approval threshold",
     {"quantum": {**HW, "approvalRequired": False, "approvalAboveUsd": 5}}, [], "high",
     Outcome.PASS, ""),
    ("MG-P006", "hardware without approval", {"quantum": {**HW, "approvalRequired": False}},
     [], "medium", Outcome.FAIL, "ibm_brisbane runs on hardware without approval"),
    # MG-P007 quantum-hardware-cost-limit
    ("MG-P007", "no quantum", {}, [], "high", Outcome.PASS, ""),
    ("MG-P007", "hardware with limit", {"quantum": HW}, [], "high", Outcome.PASS, ""),
    ("MG-P007", "simulator without limit", {"quantum": {"backend": "aer_simulator"}}, [], "high",
     Outcome.PASS, ""),
    ("MG-P007", "hardware without limit", {"quantum": {**HW, "cost": {"perDayUsd": 0}}}, [],
     "low", Outcome.FAIL, "cost.perDayUsd 0"),
    # MG-P008 high-tier-fallbacks
    ("MG-P008", "declared", {}, [], "high", Outcome.PASS, ""),
    ("MG-P008", "none on high", {"fallbacks": []}, [], "high", Outcome.FAIL,
     "no fallbacks declared"),
    ("MG-P008", "none on medium", {"fallbacks": []}, [], "medium", Outcome.SKIPPED, ""),
    # MG-P009 high-tier-owner
    ("MG-P009", "real owner", {}, [], "high", Outcome.PASS, ""),
    ("MG-P009", "placeholder", {"owner": "TODO"}, [], "high", Outcome.FAIL,
     'owner "TODO" is a placeholder'),
    ("MG-P009", "empty", {"owner": ""}, [], "high", Outcome.FAIL, "owner is empty"),
    ("MG-P009", "placeholder on low", {"owner": "tbd"}, [], "low", Outcome.SKIPPED, ""),
    # MG-P010 high-tier-latency-slo
    ("MG-P010", "declared", {}, [], "high", Outcome.PASS, ""),
    ("MG-P010", "missing", {"runtime": {}}, [], "high", Outcome.FAIL, "latencySloMs"),
    ("MG-P010", "missing on medium", {"runtime": {}}, [], "medium", Outcome.SKIPPED, ""),
    # MG-P011 undeclared-host-high-tier (deny on high)
    ("MG-P011", "no findings", {}, [], "high", Outcome.PASS, ""),
    ("MG-P011", "undeclared host", {},
     [finding("MG-D001", "calls host hooks.example.net", "bot/notify.py", 21,
              host="hooks.example.net"),
      finding("MG-D001", "calls host b.example", host="b.example")], "high",
     Outcome.FAIL, "undeclared outbound hosts: hooks.example.net, b.example"),
    ("MG-P011", "low tier", {}, [finding("MG-D001")], "low", Outcome.SKIPPED, ""),
    # MG-P012 undeclared-host (warn below high)
    ("MG-P012", "no findings", {}, [], "medium", Outcome.PASS, ""),
    ("MG-P012", "undeclared host on low", {},
     [finding("MG-D001", "undeclared host a.example", line=None)], "low", Outcome.FAIL,
     "undeclared outbound hosts: undeclared host a.example"),
    ("MG-P012", "high tier", {}, [finding("MG-D001")], "high", Outcome.SKIPPED, ""),
    # MG-P013 undeclared-dependencies
    ("MG-P013", "none", {}, [finding("MG-D001"), finding("MG-D010")], "medium", Outcome.PASS,
     ""),
    ("MG-P013", "one", {}, [finding("MG-D008", "package 'tenacity' not declared")], "low",
     Outcome.FAIL, "1 undeclared dependency: package 'tenacity' not declared"),
    ("MG-P013", "several", {}, [finding("MG-D002", "model a"), finding("MG-D007", "cmd b")],
     "high", Outcome.FAIL, "2 undeclared dependencies: model a; cmd b"),
    ("MG-P013", "secret is not a dependency", {}, [finding("MG-D005")], "high", Outcome.PASS,
     ""),
    # MG-P014 prompts-versioned (audit)
    ("MG-P014", "declared", {}, [], "low", Outcome.PASS, ""),
    ("MG-P014", "no models", {"models": [], "prompts": []}, [], "low", Outcome.PASS, ""),
    ("MG-P014", "models without prompts", {"prompts": []}, [], "high", Outcome.FAIL,
     "no prompt files"),
    # MG-P015 behavioural-suites
    ("MG-P015", "declared", {}, [], "high", Outcome.PASS, ""),
    ("MG-P015", "missing on medium", {"evals": []}, [], "medium", Outcome.FAIL,
     "no behavioural suite"),
    ("MG-P015", "missing on low", {"evals": []}, [], "low", Outcome.SKIPPED, ""),
    ("MG-P015", "no models", {"models": [], "evals": []}, [], "high", Outcome.PASS, ""),
]


@pytest.mark.parametrize(
    ("rule_id", "changes", "findings", "tier", "outcome", "text"),
    [pytest.param(*c[:1], *c[2:], id=f"{c[0]}-{c[1]}") for c in CASES],
)
def test_default_rule(
    rule_id: str, changes: dict[str, Any], findings: list[Finding], tier: str,
    outcome: Outcome, text: str,
) -> None:
    result = result_for(rule_id, manifest(**changes), findings, tier)
    assert result.outcome is outcome, result.reasons
    assert result.reasons, "every result says why"
    if text:
        assert text in result.message
    if outcome is Outcome.FAIL:
        assert result.findings and all(f.rule_id == rule_id for f in result.findings)
        assert result.reasons[0].startswith(f"condition does not hold on tier {tier}")


def test_every_default_rule_has_pass_and_fail_cases() -> None:
    ids = {r.id for r in default_policy().rules}
    seen: dict[str, set[Outcome]] = {}
    for rule_id, *_rest, outcome, _text in CASES:
        seen.setdefault(rule_id, set()).add(outcome)
    assert set(seen) == ids
    assert all({Outcome.PASS, Outcome.FAIL} <= outcomes for outcomes in seen.values()), seen


@pytest.mark.parametrize("tier", ["low", "medium", "high"])
def test_compliant_app_passes_every_applicable_rule(tier: str) -> None:
    results = default_policy().evaluate(manifest(), tier=tier)
    assert {r.outcome for r in results} <= {Outcome.PASS, Outcome.SKIPPED}
    assert len(results) == len(default_policy().rules)


def test_levels_follow_severity() -> None:
    for rule in default_policy().rules:
        expected = {"deny": Level.ERROR, "warn": Level.WARNING, "audit": Level.NOTE}
        assert rule.info.level is expected[rule.severity.value]
        assert rule.info.help, f"{rule.id} has no fix hint"
        assert rule.name and rule.name != rule.id.lower(), f"{rule.id} has no descriptive name"


def test_rule_ids_are_numbered_in_order() -> None:
    ids = [r.id for r in default_policy().rules]
    assert ids == [f"MG-P{i:03d}" for i in range(1, len(ids) + 1)]


def test_undeclared_host_is_deny_on_high_and_warn_below() -> None:
    policy = default_policy()
    assert policy.rule("MG-P011").severity.value == "deny"
    assert policy.rule("MG-P011").tiers == (Tier.HIGH,)
    assert policy.rule("MG-P012").severity.value == "warn"
    assert policy.rule("MG-P012").tiers == (Tier.LOW, Tier.MEDIUM)


def test_failure_findings_point_at_the_code_for_related_rules() -> None:
    found = finding("MG-D001", "undeclared host x.example", "bot/notify.py", 21)
    result = result_for("MG-P011", manifest(), [found], "high")
    assert [(f.location.path, f.location.line) for f in result.findings if f.location] == [
        ("bot/notify.py", 21)
    ]
    result = result_for("MG-P008", manifest(fallbacks=[]), [], "high")
    assert [f.location.path for f in result.findings if f.location] == ["microgate.yaml"]


def test_combined_and_per_rule_evaluation_agree() -> None:
    """The one-call fast path gives the same verdicts as evaluating each rule alone."""
    policy = default_policy()
    for rule_id, _case, changes, findings, tier, _outcome, _text in CASES:
        m = manifest(**changes)
        app = m.model_dump(mode="json", by_alias=True)
        level = Tier(tier)
        plan = policy.plan(level)
        fast_act = policy.activation(app, findings, {"tier": tier}, app_fields=plan.app_fields)
        fast = policy.verdicts(level, fast_act)
        slow = policy.verdicts(level, policy.activation(app, findings, {"tier": tier}),
                               combined=False)
        assert fast is not None and slow is not None, rule_id
        assert {k: v.value is True for k, v in fast.items()} == {
            k: v.value is True for k, v in slow.items()
        }, (rule_id, _case)


def test_bundled_examples_meet_every_deny_rule() -> None:
    from microgate.classify import classify
    from microgate.manifest.loader import load_manifest

    examples = Path(__file__).resolve().parents[2] / "examples"
    apps = sorted(p.parent for p in examples.glob("*/microgate.yaml"))
    if not apps:
        pytest.skip("no bundled examples in this checkout")
    policy = load_policy([])
    for app in apps:
        m = load_manifest(app)
        results = policy.evaluate(m, tier=classify(m).tier.value)
        assert not [r.rule.id for r in results if r.blocking], app.name


ERROR_PACK = """\
apiVersion: microgate/v1
kind: PolicyPack
name: broken-org
rules:
  - id: ORG-001
    description: reads a key the manifest does not have
    severity: {severity}
    condition: app.costCentre == 'cc-1'
    message: no cost centre
"""


@pytest.mark.parametrize(("severity", "blocking"), [("deny", True), ("warn", False)])
def test_evaluation_error_is_a_failure_never_a_pass(
    tmp_path: Path, severity: str, blocking: bool
) -> None:
    (tmp_path / "org.yaml").write_text(ERROR_PACK.format(severity=severity))
    policy = load_policy([tmp_path])
    results = {r.rule.id: r for r in policy.evaluate(manifest(), tier="high")}
    broken = results["ORG-001"]
    assert broken.outcome is Outcome.ERROR
    assert broken.blocking is blocking
    assert broken.message.startswith("could not evaluate: ")
    assert "costCentre" in broken.message
    assert broken.reasons[0] == broken.message
    # the other rules are still judged one by one, correctly
    assert {r.outcome for k, r in results.items() if k != "ORG-001"} <= {
        Outcome.PASS, Outcome.SKIPPED
    }
    failing = {r.rule.id: r for r in policy.evaluate(manifest(fallbacks=[]), tier="high")}
    assert failing["MG-P008"].outcome is Outcome.FAIL
    assert failing["ORG-001"].outcome is Outcome.ERROR


def _rules_reading_app() -> list[str]:
    from microgate.policy.celtext import fields_read

    ids = []
    for rule in default_policy().rules:
        if fields_read(rule.condition.text, "app"):
            ids.append(rule.id)
    return ids


@pytest.mark.parametrize("rule_id", _rules_reading_app())
def test_every_default_rule_fails_closed_when_its_data_is_missing(rule_id: str) -> None:
    """The evaluation-error row of each rule's table: a document lacking the keys the rule
    reads (as a hand-built or older document would) fails the rule; it never passes."""
    from microgate.policy.celtext import fields_read

    policy = default_policy()
    rule = policy.rule(rule_id)
    app = manifest(**{"quantum": HW}).model_dump(mode="json", by_alias=True)
    for key in fields_read(rule.condition.text, "app") or ():
        app.pop(key, None)
    results = policy.evaluate_document(app, app_name="shop-bot", tier="high")
    result = next(r for r in results if r.rule.id == rule_id)
    assert result.outcome is Outcome.ERROR, (rule_id, result.reasons)
    assert result.reasons[0].startswith("could not evaluate")
    assert result.blocking == (rule.severity.value == "deny")
