from __future__ import annotations

import re

import pytest

from microgate.findings import Finding, Level, Location
from microgate.report.github import command, escape_data, escape_property, render_github
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain text", "plain text", "plain text"),
        ("100%", "100%25", "100%25"),
        ("%0A literal", "%250A literal", "%250A literal"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("key: value", "key: value", "key%3A value"),
        ("a,b", "a,b", "a%2Cb"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
        ('<&"> ünï', '<&"> ünï', '<&"> ünï'),
    ],
)
def test_escaping_table(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "::error::m"),
        ({"file": "a.py"}, "::error file=a.py::m"),
        ({"file": "a.py", "line": 3}, "::error file=a.py,line=3::m"),
        ({"file": "a.py", "line": 3, "col": 7}, "::error file=a.py,line=3,col=7::m"),
        ({"file": "a.py", "line": 0, "col": 7}, "::error file=a.py::m"),
        ({"file": "a.py", "col": 7}, "::error file=a.py::m"),
        ({"title": "T: x, y"}, "::error title=T%3A x%2C y::m"),
        ({"file": "d,1/a:b.py", "title": "t"}, "::error file=d%2C1/a%3Ab.py,title=t::m"),
    ],
)
def test_command_properties(kwargs: dict[str, object], expected: str) -> None:
    assert command("error", "m", **kwargs) == expected  # type: ignore[arg-type]


def test_two_apps_annotations(two_apps: list[Report]) -> None:
    lines = render_github(two_apps, tool_version="0.1.0").splitlines()
    assert lines == [
        "::error file=examples/notes/app.py,line=12,col=5,title=MG-L003 inline-secrets"
        '::secret literal <api_key> & "token"%0Asecond line: ünïcødé ✓ 100%25'
        "%0Afix: reference the secret: ${secret:OPENAI_KEY}",
        "::error file=examples/notes/prompts/summary.yaml,line=3,title=MG-L003 inline-secrets"
        "::API key in a prompt template%0Afix: move it to the secret store",
        "::error file=examples/notes/microgate.yaml,title=MG-P002 pii-redaction"
        "::PII declared but redaction is off%0Afix: Enable redaction.",
        "::warning file=examples/notes/microgate.yaml,title=MG-L001 prompt-version"
        "::prompt 'summary' has no version",
        "::error file=examples/notes/microgate.yaml,title=MG-P004 quantum-approval"
        "::could not be evaluated: CEL evaluation error: no such key 'quantum'",
        "::notice file=examples/notes/microgate.yaml,title=MG-P006 latency-slo (waived)"
        "::no latency SLO declared%0Awaived: waiver W-12 approved by alice until 2030-01-01;"
        " measured in staging",
        "microgate gate notes: FAIL (1 passed, 3 failed (2 blocking), 1 error, 1 waived,"
        " 1 skipped)",
        "microgate gate ledger: PASS (2 passed, 1 skipped)",
    ]


@pytest.mark.parametrize(
    ("subject", "path", "expected"),
    [
        ("examples/notes", "app.py", "examples/notes/app.py"),
        ("./examples/notes/", "src/x.py", "examples/notes/src/x.py"),
        (".", "app.py", "app.py"),
        ("examples/notes/microgate.yaml", "app.py", "examples/notes/app.py"),
        ("examples/notes", "/abs/app.py", "/abs/app.py"),
        ("apps\\win", "sub\\a.py", "apps/win/sub/a.py"),
    ],
)
def test_file_paths_are_relative_to_the_repository(subject: str, path: str, expected: str) -> None:
    rule = RuleInfo("R-1", "r", "d", level=Level.NOTE)
    report = Report(tool="lint", subject=subject, app="a")
    finding = Finding("R-1", Level.NOTE, "m", Location(path, 1))
    report.add(CheckResult(rule, Outcome.FAIL, "m", findings=(finding,)))
    first = render_github([report], tool_version="1").splitlines()[0]
    assert first == f"::notice file={escape_property(expected)},line=1,title=R-1 r::m"


def test_a_message_cannot_inject_a_second_command() -> None:
    rule = RuleInfo("R-1", "r", "d")
    evil = "harmless\n::error file=x.py::injected\r\n::add-mask::x"
    report = Report(tool="gate", subject="a", app="a")
    report.add(CheckResult(rule, Outcome.FAIL, evil))
    lines = render_github([report], tool_version="1").splitlines()
    assert len(lines) == 2  # one annotation, one summary
    assert len(re.findall(r"^::", "\n".join(lines), flags=re.MULTILINE)) == 1


def test_passing_reports_print_only_summaries() -> None:
    report = Report(tool="gate", subject="a", app="a")
    report.add(CheckResult(RuleInfo("R-1", "r", "d"), Outcome.PASS, "ok"))
    assert render_github([report], tool_version="1") == "microgate gate a: PASS (1 passed)\n"
    assert render_github([], tool_version="1") == ""
