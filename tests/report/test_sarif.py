"""SARIF output, validated against the official OASIS SARIF 2.1.0 JSON Schema.

``fixtures/sarif-schema-2.1.0.json`` is the OASIS TC's published schema (errata01,
``Schemata/sarif-schema-2.1.0.json`` in the oasis-tcs/sarif-spec repository), copied verbatim.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from microgate.findings import Finding, Level, Location
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo
from microgate.report.sarif import FINGERPRINT_KEY, SCHEMA_URI, render_sarif

SCHEMA_PATH = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"
RULE = RuleInfo("MG-X001", "odd-paths", "Paths with odd characters", tags=("x", "x"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator  # the schema declares draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _empty_report() -> list[Report]:
    return [Report(tool="gate", subject="examples/empty", app="empty")]


def _odd_paths() -> list[Report]:
    findings = (
        Finding("MG-X001", Level.NOTE, "space", Location("my dir/a file.py", 1, 1)),
        Finding("MG-X001", Level.WARNING, "hash", Location("src/#x%.py", 0, 0)),
        Finding("MG-X001", Level.ERROR, "absolute", Location("/abs/app.py", 7)),
        Finding("MG-X001", Level.ERROR, "windows", Location("C:\\apps\\x.py", 2, 3)),
        Finding("MG-X001", Level.ERROR, "unicode", Location("données/é.py", 4)),
    )
    report = Report(tool="lint", subject="./apps/weird app/", app="")
    report.add(CheckResult(RULE, Outcome.FAIL, "odd", findings=findings))
    return [report]


def _same_app_twice() -> list[Report]:
    return [Report(tool="gate", subject="a", app="a"), Report(tool="gate", subject="a", app="a")]


def _only_waived() -> list[Report]:
    report = Report(tool="gate", subject="apps/w", app="w")
    report.add(CheckResult(RULE, Outcome.WAIVED, "waived without a reason"))
    return [report]


SHAPES: dict[str, Callable[[], list[Report]]] = {
    "no-reports": list,
    "one-app-no-results": _empty_report,
    "odd-paths": _odd_paths,
    "same-app-twice": _same_app_twice,
    "only-waived": _only_waived,
}


def _sarif(reports: list[Report]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render_sarif(reports, tool_version="0.1.0"))
    return log


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_shapes_validate_against_the_official_schema(
    shape: str, validator: jsonschema.protocols.Validator
) -> None:
    validator.validate(_sarif(SHAPES[shape]()))


def test_two_apps_validate(
    two_apps: list[Report], validator: jsonschema.protocols.Validator
) -> None:
    validator.validate(_sarif(two_apps))


def test_the_validator_rejects_a_broken_log(
    two_apps: list[Report], validator: jsonschema.protocols.Validator
) -> None:
    log = _sarif(two_apps)
    for breakage in ("level", "message", "ruleIndex"):
        broken = copy.deepcopy(log)
        result = broken["runs"][0]["results"][0]
        if breakage == "level":
            result["level"] = "fatal"
        elif breakage == "message":
            del result["message"]
        else:
            result["ruleIndex"] = -5
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(broken)


def test_log_header_and_one_run_per_report(two_apps: list[Report]) -> None:
    log = _sarif(two_apps)
    assert log["$schema"] == SCHEMA_URI
    assert log["version"] == "2.1.0"
    ids = [run["automationDetails"]["id"] for run in log["runs"]]
    assert ids == ["microgate/gate/notes/", "microgate/gate/ledger/"]
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "microgate"
    assert driver["version"] == "0.1.0"
    assert "informationUri" not in driver  # optional in SARIF 2.1.0; we have no public URL


def test_rules_carry_metadata(two_apps: list[Report]) -> None:
    rules = _sarif(two_apps)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [
        "MG-P001",
        "MG-L003",
        "MG-P002",
        "MG-L001",
        "MG-P004",
        "MG-P006",
        "MG-P005",
    ]
    models = rules[0]
    assert models["name"] == "models-allowed"
    assert models["shortDescription"]["text"] == "Only allowed model families"
    assert models["fullDescription"]["text"] == "Only allowed model families"
    assert models["help"]["text"] == "Use a family listed in the policy."
    assert "**models-allowed**" in models["help"]["markdown"]
    assert models["helpUri"] == "https://example.org/rules/MG-P001"
    assert models["defaultConfiguration"] == {"level": "error"}
    assert models["properties"]["tags"] == ["microgate", "policy", "models"]
    assert rules[3]["defaultConfiguration"] == {"level": "warning"}


def test_results_for_fail_error_and_waived_only(two_apps: list[Report]) -> None:
    notes, ledger = _sarif(two_apps)["runs"]
    assert ledger["results"] == []
    results = notes["results"]
    assert [r["ruleId"] for r in results] == [
        "MG-L003",
        "MG-L003",
        "MG-P002",
        "MG-L001",
        "MG-P004",
        "MG-P006",
    ]
    rules = notes["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert FINGERPRINT_KEY in result["partialFingerprints"]
    assert [r["level"] for r in results] == ["error", "error", "error", "warning", "error", "error"]


def test_finding_location_and_fingerprint(two_apps: list[Report]) -> None:
    first = _sarif(two_apps)["runs"][0]["results"][0]
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "examples/notes/app.py",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"] == {"startLine": 12, "startColumn": 5}
    finding = two_apps[0].results[1].findings[0]
    assert first["partialFingerprints"] == {FINGERPRINT_KEY: finding.fingerprint}
    assert first["message"]["text"] == finding.message  # <, &, ", newline and unicode kept


def test_failed_rule_without_findings_points_at_the_manifest(two_apps: list[Report]) -> None:
    pii = _sarif(two_apps)["runs"][0]["results"][2]
    assert pii["message"]["text"] == "PII declared but redaction is off"
    assert pii["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "examples/notes/microgate.yaml", "uriBaseId": "%SRCROOT%"}
    }
    again = _sarif(two_apps)["runs"][0]["results"][2]
    assert again["partialFingerprints"] == pii["partialFingerprints"]


def test_waived_result_is_suppressed_with_the_reasons(two_apps: list[Report]) -> None:
    waived = _sarif(two_apps)["runs"][0]["results"][5]
    assert waived["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "waiver W-12 approved by alice until 2030-01-01; measured in staging",
        }
    ]
    others = _sarif(two_apps)["runs"][0]["results"][:5]
    assert all("suppressions" not in r for r in others)


def test_error_outcome_is_also_a_tool_notification(two_apps: list[Report]) -> None:
    invocation = _sarif(two_apps)["runs"][0]["invocations"][0]
    assert invocation["exitCode"] == 1
    notes = invocation["toolExecutionNotifications"]
    assert [n["associatedRule"]["id"] for n in notes] == ["MG-P004"]


@pytest.mark.parametrize(
    ("index", "uri", "base", "region"),
    [
        (0, "apps/weird%20app/my%20dir/a%20file.py", True, {"startLine": 1, "startColumn": 1}),
        (1, "apps/weird%20app/src/%23x%25.py", True, None),
        (2, "file:///abs/app.py", False, {"startLine": 7}),
        (3, "file:///C:/apps/x.py", False, {"startLine": 2, "startColumn": 3}),
        (4, "apps/weird%20app/donn%C3%A9es/%C3%A9.py", True, {"startLine": 4}),
    ],
)
def test_uris_are_encoded_and_regions_only_when_known(
    index: int, uri: str, base: bool, region: dict[str, int] | None
) -> None:
    run = _sarif(_odd_paths())["runs"][0]
    physical = run["results"][index]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == uri
    assert ("uriBaseId" in physical["artifactLocation"]) is base
    assert physical.get("region") == region
    assert run["automationDetails"]["id"] == "microgate/lint/apps/weird app/"
    assert run["tool"]["driver"]["rules"][0]["properties"]["tags"] == ["microgate", "x"]


def test_automation_ids_stay_distinct() -> None:
    ids = [run["automationDetails"]["id"] for run in _sarif(_same_app_twice())["runs"]]
    assert ids == ["microgate/gate/a/", "microgate/gate/a/2/"]
