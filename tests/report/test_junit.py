from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

from microgate.findings import Finding, Level, Location
from microgate.report.junit import render_junit, xml_text
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo


def _parse(reports: list[Report]) -> JUnitXml:
    xml = JUnitXml.fromstring(render_junit(reports, tool_version="0.1.0"))
    assert isinstance(xml, JUnitXml)
    return xml


def test_parses_as_junit_with_exact_counts(two_apps: list[Report]) -> None:
    xml = _parse(two_apps)
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (10, 3, 1, 3)
    suites = list(xml)
    assert [s.name for s in suites] == ["microgate.gate.notes", "microgate.gate.ledger"]
    counts = [(s.tests, s.failures, s.errors, s.skipped) for s in suites]
    assert counts == [(7, 3, 1, 2), (3, 0, 0, 1)]


def test_one_testcase_per_rule_with_the_right_result(two_apps: list[Report]) -> None:
    notes = next(iter(_parse(two_apps)))
    cases = list(notes)
    assert len(cases) == len(two_apps[0].results)
    assert {c.classname for c in cases} == {"microgate.gate.notes"}
    assert [c.name for c in cases] == [
        "MG-P001 models-allowed",
        "MG-L003 inline-secrets",
        "MG-P002 pii-redaction",
        "MG-L001 prompt-version",
        "MG-P004 quantum-approval",
        "MG-P006 latency-slo",
        "MG-P005 owner-declared",
    ]
    kinds = [type(c.result[0]).__name__ if c.result else "pass" for c in cases]
    assert kinds == ["pass", "Failure", "Failure", "Failure", "Error", "Skipped", "Skipped"]


def test_failure_carries_type_message_and_findings(two_apps: list[Report]) -> None:
    secrets = list(next(iter(_parse(two_apps))))[1]
    failure = secrets.result[0]
    assert isinstance(failure, Failure)
    assert failure.type == "MG-L003"
    assert failure.message == "2 inline secrets"
    text = failure.text
    assert 'app.py:12:5: secret literal <api_key> & "token"\nsecond line: ünïcødé ✓' in text
    assert "fix: reference the secret: ${secret:OPENAI_KEY}" in text
    assert "prompts/summary.yaml:3: API key in a prompt template" in text


def test_error_and_skipped_messages(two_apps: list[Report]) -> None:
    cases = list(next(iter(_parse(two_apps))))
    error = cases[4].result[0]
    assert isinstance(error, Error)
    assert error.type == "MG-P004"
    waived, skipped = cases[5].result[0], cases[6].result[0]
    assert isinstance(waived, Skipped)
    assert isinstance(skipped, Skipped)
    assert waived.message.startswith("waived: waiver W-12 approved by alice")
    assert skipped.message == "skipped: not applicable to tier low"


def test_attribute_text_round_trips_quotes_newlines_and_markup() -> None:
    rule = RuleInfo('X-1 "q" <b>', "n&m", "d")
    message = 'a < b & "c"\nline two \x1b[31m'
    report = Report(tool="gate", subject="s", app='app<&">')
    report.add(
        CheckResult(
            rule, Outcome.FAIL, message, findings=(Finding("X-1", Level.ERROR, "m", Location("f")),)
        )
    )
    xml = _parse([report])
    suite = next(iter(xml))
    assert suite.name == 'microgate.gate.app<&">'
    case = next(iter(suite))
    assert case.name == 'X-1 "q" <b> n&m'
    assert case.result[0].message == 'a < b & "c"\nline two \ufffd[31m'


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("plain", "plain"),
        ("tab\tnew\nline\rcr", "tab\tnew\nline\rcr"),
        ("nul\x00bell\x07esc\x1b", "nul\ufffdbell\ufffdesc\ufffd"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
        ("emoji \U0001f600 é", "emoji \U0001f600 é"),
    ],
)
def test_xml_text_drops_what_xml_cannot_hold(raw: str, safe: str) -> None:
    assert xml_text(raw) == safe


def test_empty_input_is_an_empty_testsuites() -> None:
    root = ET.fromstring(render_junit([], tool_version="0.1.0"))
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "0"
    assert list(root) == []
