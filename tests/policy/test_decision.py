"""The gate decision and report."""

from __future__ import annotations

from datetime import date

from microgate.findings import Finding, Level, Location
from microgate.manifest.model import Manifest
from microgate.policy import Waiver, decide, default_policy, gate_report
from microgate.report.model import Outcome

SHOP = Manifest.model_validate({
    "apiVersion": "microgate/v1", "name": "shop-bot", "owner": "team-shop",
    "userScope": "external", "models": [{"provider": "openai", "family": "gpt-4o"}],
    "prompts": ["p.yaml"],
})


def test_gate_report_blocks_on_deny_and_summarises() -> None:
    found = Finding("MG-D001", Level.WARNING, "undeclared host x.example", Location("a.py", 3))
    report = gate_report(SHOP, default_policy(), tier="high", findings=[found],
                         subject="apps/shop", profile="strict")
    assert (report.tool, report.subject, report.app) == ("gate", "apps/shop", "shop-bot")
    assert report.exit_code == 1
    assert report.summary["blocking"] == ["MG-P008", "MG-P010", "MG-P011"]
    assert report.summary["warnings"] == ["MG-P002", "MG-P015"]
    assert report.summary["allowed"] is False
    assert report.summary["profile"] == "strict"
    assert report.summary["counts"]["skipped"] == 1
    assert sum(report.summary["counts"].values()) == len(default_policy().rules)
    assert {r.id for r in report.rules} == set(default_policy().rule_ids)
    assert any(f.location and f.location.path == "a.py" for f in report.findings)


def test_waivers_unblock_and_are_listed() -> None:
    waivers = [Waiver(rule, "shop-bot", "agreed", "sec", date(2025, 12, 31))
               for rule in ("MG-P008", "MG-P010")]
    report = gate_report(SHOP, default_policy(), tier="high", waivers=waivers,
                         today=date(2025, 6, 1))
    assert report.exit_code == 0
    assert report.summary["waived"] == ["MG-P008", "MG-P010"]
    decision = decide(report.results)
    assert decision.allowed and decision.reasons[0].startswith("no deny rule failed; warnings:")
    expired = gate_report(SHOP, default_policy(), tier="high", waivers=waivers,
                          today=date(2026, 1, 1))
    assert expired.exit_code == 1
    assert decide(expired.results).reasons == ["blocked by MG-P008, MG-P010"]


def test_low_tier_app_passes_with_warnings_only() -> None:
    report = gate_report(SHOP, default_policy(), tier="low")
    decision = decide(report.results)
    assert report.exit_code == 0 and decision.allowed
    assert decision.warnings == ("MG-P002",)
    assert decision.errors == () and decision.blocking == ()
    assert report.count(Outcome.FAIL) == 1
