from __future__ import annotations

import pytest

from microgate.findings import Finding, Level, Location
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo
from microgate.report.text import WIDTH, clean, render_text, summary_line


def test_two_apps(two_apps: list[Report]) -> None:
    lines = render_text(two_apps, tool_version="0.1.0").splitlines()
    assert lines[0] == "notes (examples/notes): FAIL"
    assert "ledger (examples/ledger/): PASS" in lines
    assert lines[-1] == "microgate 0.1.0 gate: 1 of 2 apps failed"
    assert "  summary: 1 passed, 3 failed (2 blocking), 1 error, 1 waived, 1 skipped" in lines
    assert "  summary: 2 passed, 1 skipped" in lines
    assert "  1 rule passed" in lines
    assert "  2 rules passed" in lines


def test_each_non_pass_result_shows_outcome_rule_location_and_fix(two_apps: list[Report]) -> None:
    out = render_text(two_apps, tool_version="0.1.0")
    assert "  FAIL   error   MG-L003 inline-secrets: 2 inline secrets\n" in out
    assert '      - app.py:12:5: secret literal <api_key> & "token"\n' in out
    assert "        second line: ünïcødé ✓ 100%\n" in out  # continuation indented
    assert "        fix: reference the secret: ${secret:OPENAI_KEY}\n" in out
    assert "      - prompts/summary.yaml:3: API key in a prompt template\n" in out
    assert "  FAIL   error   MG-P002 pii-redaction: PII declared but redaction is off\n" in out
    assert "      fix: Enable redaction.\n" in out  # the rule's help when findings give none
    assert "  WARN   warning MG-L001 prompt-version: prompt 'summary' has no version\n" in out
    assert "  ERROR  error   MG-P004 quantum-approval: CEL evaluation error" in out
    assert "MG-P005" not in out  # skipped rules are only counted (listed with verbose)
    assert "MG-P001" not in out  # passed rules are only counted
    verbose = render_text(two_apps, tool_version="0.1.0", verbose=True)
    assert "  SKIP   warning MG-P005 owner-declared" in verbose
    assert "      why: not applicable to tier low\n" in verbose


def test_reasons_that_restate_the_headline_are_not_repeated() -> None:

    rule = RuleInfo("MG-P010", "slo", "d", help="set it", level=Level.ERROR)
    finding = Finding("MG-P010", Level.ERROR, "no SLO", Location("microgate.yaml"), "set it")
    report = Report(tool="gate", subject="a", app="a")
    report.add(CheckResult(rule, Outcome.FAIL, "no SLO", (finding,), ("does not hold: no SLO",)))
    out = render_text([report])
    assert out.count("no SLO") == 1
    assert "      at microgate.yaml\n      fix: set it\n" in out


def test_waived_results_say_why(two_apps: list[Report]) -> None:
    out = render_text(two_apps, tool_version="0.1.0")
    assert "  WAIVED error   MG-P006 latency-slo: no latency SLO declared\n" in out
    assert (
        "      waived: waiver W-12 approved by alice until 2030-01-01; measured in staging\n"
    ) in out


def test_verbose_lists_passed_rules(two_apps: list[Report]) -> None:
    out = render_text(two_apps, tool_version="0.1.0", verbose=True)
    assert "  1 rule passed:\n    PASS   MG-P001 models-allowed\n" in out
    assert "    PASS   MG-P002 pii-redaction\n" in out


def test_no_ansi_and_no_raw_control_characters() -> None:
    rule = RuleInfo("R-1", "r", "d")
    report = Report(tool="gate", subject="a\x1b]0;title\x07", app="")
    finding = Finding("R-1", Level.ERROR, "red \x1b[31mtext\x1b[0m\x00", Location("a.py", 1))
    report.add(CheckResult(rule, Outcome.FAIL, "bad \x1b[2J", findings=(finding,)))
    out = render_text([report], tool_version="1")
    assert "\x1b" not in out
    assert "\x00" not in out
    assert "\x07" not in out
    assert "red \\x1b[31mtext\\x1b[0m\\x00" in out
    assert out.splitlines()[0] == "a\\x1b]0;title\\x07: FAIL"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain ünï ✓", "plain ünï ✓"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\x1b[1m", "\\x1b[1m"),
        ("del\x7f", "del\\x7f"),
        ("bidi\u202eevil", "bidi\\u202eevil"),
    ],
)
def test_clean(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_long_messages_wrap_to_the_width() -> None:
    rule = RuleInfo("R-1", "r", "d")
    report = Report(tool="gate", subject="a", app="a")
    long = " ".join(["word"] * 80)
    report.add(CheckResult(rule, Outcome.FAIL, long, findings=(Finding("R-1", Level.ERROR, long),)))
    lines = render_text([report], tool_version="1").splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    assert len(lines) > 6


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([], "no rules applied"),
        ([Outcome.PASS], "1 passed"),
        ([Outcome.PASS, Outcome.FAIL], "1 passed, 1 failed (1 blocking)"),
        ([Outcome.ERROR, Outcome.ERROR], "2 errors"),
        ([Outcome.WAIVED, Outcome.SKIPPED], "1 waived, 1 skipped"),
    ],
)
def test_summary_line(outcomes: list[Outcome], expected: str) -> None:
    report = Report(tool="gate", subject="a")
    for i, outcome in enumerate(outcomes):
        report.add(CheckResult(RuleInfo(f"R-{i}", "r", "d"), outcome))
    assert summary_line(report) == expected


def test_warning_failures_do_not_block() -> None:
    report = Report(tool="gate", subject="apps/a")
    rule = RuleInfo("R-1", "r", "d", level=Level.WARNING)
    report.add(CheckResult(rule, Outcome.FAIL, "meh"))
    out = render_text([report], tool_version="1")
    assert out.splitlines()[0] == "apps/a: PASS"
    assert "  WARN   warning R-1 r: meh" in out
    assert out.endswith("microgate 1 gate: 1 app passed")


def test_nothing_to_report() -> None:
    assert render_text([], tool_version="1") == "microgate 1: nothing to report"
