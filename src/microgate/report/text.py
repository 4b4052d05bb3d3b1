"""Plain-text report for a person at a terminal: what failed, where, and how to fix it.

Written for a micro-app author who may not be a developer: one header line per app with its
verdict, then every result that did not pass (with file:line and a ``fix:`` hint), passed rules
as a count, and a summary line.  No ANSI colour (the CLI may add it), lines wrapped to
:data:`WIDTH`, and control characters from user input shown escaped so a hostile file cannot
drive the terminal.

Example:
    >>> from microgate.findings import Level
    >>> from microgate.report.model import CheckResult, Outcome, Report, RuleInfo
    >>> rule = RuleInfo("MG-P001", "models-allowed", "Only allowed model families")
    >>> r = Report(tool="gate", subject="examples/notes", app="notes")
    >>> r.add(CheckResult(rule, Outcome.PASS, "all models allowed"))
    >>> print(render_text([r], tool_version="0.1.0"))
    notes (examples/notes): PASS
      1 rule passed
      summary: 1 passed
    <BLANKLINE>
    microgate 0.1.0 gate: 1 app passed
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from microgate.findings import Finding
from microgate.report.model import CheckResult, Outcome, Report

WIDTH = 100
_KEEP = {"\n", "\t"}


def clean(text: str) -> str:
    """Show control characters (ANSI escapes, NUL, ...) as ``\\xNN`` so they do nothing.

    >>> clean("red \\x1b[31m!")
    'red \\\\x1b[31m!'
    """
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch.isprintable() or ch in _KEEP or ch == " "
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 0x100
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def _wrap(text: str, indent: str, hang: str = "") -> list[str]:
    """Wrap ``text`` (which may hold newlines) at WIDTH; continuation lines get ``hang``."""
    lines: list[str] = []
    first = True
    for para in clean(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        lead = indent if first else indent + hang
        lines.extend(
            textwrap.wrap(
                para,
                WIDTH,
                initial_indent=lead,
                subsequent_indent=indent + hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [lead.rstrip()]
        )
        first = False
    return lines


def outcome_label(result: CheckResult) -> str:
    """FAIL (blocks), WARN (failed, does not block), ERROR, WAIVED, SKIP or PASS."""
    if result.outcome is Outcome.FAIL:
        return "FAIL" if result.blocking else "WARN"
    return {Outcome.ERROR: "ERROR", Outcome.WAIVED: "WAIVED", Outcome.SKIPPED: "SKIP"}.get(
        result.outcome, "PASS"
    )


def _finding_lines(finding: Finding, rule_level: str) -> list[str]:
    where = f"{finding.location.render()}: " if finding.location else ""
    level = "" if finding.level.value == rule_level else f" [{finding.level.value}]"
    lines = _wrap(f"- {where}{finding.message}{level}", "      ", "  ")
    if finding.fix_hint:
        lines += _wrap(f"fix: {finding.fix_hint}", "        ", "     ")
    return lines


def _where_lines(finding: Finding) -> list[str]:
    lines = [f"      at {finding.location.render()}"] if finding.location else []
    if finding.fix_hint:
        lines += _wrap(f"fix: {finding.fix_hint}", "      ", "     ")
    return lines


def _result_lines(result: CheckResult) -> list[str]:
    rule = result.rule
    head = (
        f"{outcome_label(result):<6} {rule.level.value:<7} {rule.id} {rule.name}: {result.headline}"
    )
    lines = _wrap(head, "  ", "    ")
    if result.outcome is Outcome.WAIVED:
        why = "; ".join(result.reasons) or "no reason given"
        lines += _wrap(f"waived: {why}", "      ", "  ")
    else:
        # reasons that only restate the headline add nothing for the reader
        extra = [r for r in result.reasons if result.headline not in r]
        if extra:
            lines += _wrap(f"why: {'; '.join(extra)}", "      ", "  ")
    if result.outcome in (Outcome.SKIPPED,):
        return lines
    for finding in result.findings:
        if finding.message == result.headline:  # just say where, and how to fix
            lines += _where_lines(finding)
        else:
            lines += _finding_lines(finding, rule.level.value)
    hints = any(f.fix_hint for f in result.findings)
    if rule.help and not hints and result.outcome is not Outcome.WAIVED:
        lines += _wrap(f"fix: {rule.help}", "      ", "     ")
    return lines


def summary_line(report: Report) -> str:
    """``3 passed, 2 failed (1 blocking), 1 error`` — outcomes with a count above zero."""
    counts = report.counts()
    blocking = sum(1 for r in report.results if r.blocking and r.outcome is Outcome.FAIL)
    words = {"pass": "passed", "fail": "failed", "error": "error", "waived": "waived"}
    parts: list[str] = []
    for outcome in Outcome:
        n = counts[outcome.value]
        if not n:
            continue
        word = words.get(outcome.value, outcome.value)
        if outcome is Outcome.ERROR and n > 1:
            word = "errors"
        part = f"{n} {word}"
        if outcome is Outcome.FAIL and blocking:
            part += f" ({blocking} blocking)"
        parts.append(part)
    return ", ".join(parts) or "no rules applied"


def _report_lines(report: Report, verbose: bool) -> list[str]:
    verdict = "PASS" if report.passed else "FAIL"
    name = clean(report.label)
    if report.label != report.subject:
        name += f" ({clean(report.subject)})"
    lines = [f"{name}: {verdict}"]
    for result in report.results:
        if result.outcome is Outcome.PASS or (result.outcome is Outcome.SKIPPED and not verbose):
            continue
        lines += _result_lines(result)
    passed = [r for r in report.results if r.outcome is Outcome.PASS]
    if passed:
        noun = "rule" if len(passed) == 1 else "rules"
        lines.append(f"  {len(passed)} {noun} passed" + (":" if verbose else ""))
        if verbose:
            for result in passed:
                lines += _wrap(f"PASS   {result.rule.id} {result.rule.name}", "    ", "    ")
    lines.append(f"  summary: {summary_line(report)}")
    return lines


def render_text(reports: Sequence[Report], tool_version: str = "", *, verbose: bool = False) -> str:
    """Render reports as plain text; ``verbose`` also lists the rules that passed."""
    blocks = ["\n".join(_report_lines(report, verbose)) for report in reports]
    failed = sum(1 for r in reports if not r.passed)
    tools = sorted({r.tool for r in reports})
    who = " ".join(["microgate", tool_version, *tools]).replace("  ", " ").strip()
    if not reports:
        tail = f"{who}: nothing to report"
    elif failed:
        tail = f"{who}: {failed} of {len(reports)} app{'s' if len(reports) > 1 else ''} failed"
    else:
        tail = f"{who}: {len(reports)} app{'s' if len(reports) > 1 else ''} passed"
    return "\n\n".join([*blocks, tail])
