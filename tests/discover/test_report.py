"""Discovery as a Report: one result per MG-D rule."""

from __future__ import annotations

from pathlib import Path

from microgate.discover import RULE_IDS, RULES, discovery_report, scan
from microgate.manifest import load_manifest
from microgate.report.model import Outcome


def test_rule_ids_and_metadata() -> None:
    assert tuple(f"MG-D{n:03d}" for n in range(1, 11)) == RULE_IDS
    for rule in RULES.values():
        assert rule.name and rule.description and rule.help
        assert "discover" in rule.tags
    levels = {rule_id: rule.level.value for rule_id, rule in RULES.items()}
    assert levels["MG-D005"] == "error"
    assert levels["MG-D008"] == levels["MG-D010"] == "note"
    assert {
        levels[r]
        for r in ("MG-D001", "MG-D002", "MG-D003", "MG-D004", "MG-D006", "MG-D007", "MG-D009")
    } == {"warning"}


def test_fully_declared_app_passes(fixtures: Path) -> None:
    root = fixtures / "tidy-app"
    report = discovery_report(root, scan(root), load_manifest(root))
    assert (report.tool, report.app, report.subject) == ("discover", "tidy-app", str(root))
    assert [r.rule.id for r in report.results] == list(RULE_IDS)
    assert {r.outcome for r in report.results} == {Outcome.PASS}
    assert report.exit_code == 0
    assert report.summary["manifest"] is True
    assert report.summary["observed"]["host"] == 1


def test_warnings_fail_their_rule_but_do_not_block(fixtures: Path) -> None:
    root = fixtures / "quantum-lab"
    report = discovery_report(root, scan(root), load_manifest(root))
    outcomes = {r.rule.id: r.outcome for r in report.results}
    assert outcomes["MG-D003"] is Outcome.FAIL
    assert sum(o is Outcome.FAIL for o in outcomes.values()) == 1
    assert report.passed and report.exit_code == 0


def test_without_manifest_only_always_rules_run(fixtures: Path) -> None:
    root = fixtures / "desk-agent"
    report = discovery_report(root, scan(root), None)
    outcomes = {r.rule.id: r.outcome for r in report.results}
    assert outcomes.pop("MG-D005") is Outcome.PASS
    assert outcomes.pop("MG-D010") is Outcome.PASS
    assert set(outcomes.values()) == {Outcome.SKIPPED}
    assert report.app == "desk-agent"
