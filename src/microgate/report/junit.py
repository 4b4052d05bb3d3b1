"""JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

``<testsuites>`` holds one ``<testsuite name="microgate.<tool>.<app>">`` per report and one
``<testcase>`` per rule result.  A failed rule has a ``<failure>`` (its findings, with
file:line and fix hints, as the element's text), a rule that could not be evaluated has an
``<error>``, and skipped or waived rules have a ``<skipped>`` with the reason.  Built with
ElementTree, so ``<``, ``&`` and quotes are escaped; characters XML 1.0 cannot carry (most
control characters) are replaced by U+FFFD.  No timestamps: output is deterministic.

Example:
    >>> from microgate.report.model import Report
    >>> print(render_junit([Report(tool="gate", subject="apps/a", app="a")], "0.1.0"))
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="microgate" tests="0" failures="0" errors="0" skipped="0" time="0">
      <testsuite name="microgate.gate.a" tests="0" failures="0" errors="0" skipped="0" time="0">
        <properties>
          <property name="microgate.version" value="0.1.0" />
          <property name="subject" value="apps/a" />
        </properties>
      </testsuite>
    </testsuites>
    <BLANKLINE>
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from microgate.report.model import CheckResult, Outcome, Report

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TALLY = ("tests", "failures", "errors", "skipped")


def xml_text(text: str) -> str:
    """Replace characters XML 1.0 cannot hold with U+FFFD.

    >>> xml_text("bell\\x07 ok")
    'bell\\ufffd ok'
    """
    return _NOT_XML.sub("\ufffd", text)


def suite_name(report: Report) -> str:
    """``microgate.<tool>.<app>``: the testsuite name and every testcase's classname."""
    return f"microgate.{report.tool}.{report.label}"


def _details(result: CheckResult) -> str:
    lines = [f"{result.rule.id} {result.rule.name} ({result.rule.level.value}): {result.headline}"]
    lines += [f"why: {reason}" for reason in result.reasons]
    for finding in result.findings:
        where = f"{finding.location.render()}: " if finding.location else ""
        lines.append(f"- {where}{finding.message} [{finding.level.value}]")
        if finding.fix_hint:
            lines.append(f"  fix: {finding.fix_hint}")
    if result.rule.help and not any(f.fix_hint for f in result.findings):
        lines.append(f"fix: {result.rule.help}")
    return xml_text("\n".join(lines))


def _testcase(suite: ET.Element, classname: str, result: CheckResult) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": xml_text(classname),
            "name": xml_text(f"{result.rule.id} {result.rule.name}"),
            "time": "0",
        },
    )
    rule_id = xml_text(result.rule.id)
    message = xml_text(result.headline)
    if result.outcome is Outcome.FAIL:
        element = ET.SubElement(case, "failure", {"message": message, "type": rule_id})
        element.text = _details(result)
    elif result.outcome is Outcome.ERROR:
        element = ET.SubElement(case, "error", {"message": message, "type": rule_id})
        element.text = _details(result)
    elif result.outcome is Outcome.WAIVED:
        why = "; ".join(result.reasons) or "no reason given"
        ET.SubElement(case, "skipped", {"message": xml_text(f"waived: {why}")})
    elif result.outcome is Outcome.SKIPPED:
        why = "; ".join(result.reasons) or result.message or "not applicable"
        ET.SubElement(case, "skipped", {"message": xml_text(f"skipped: {why}")})


def _tally(report: Report) -> dict[str, int]:
    return {
        "tests": len(report.results),
        "failures": report.count(Outcome.FAIL),
        "errors": report.count(Outcome.ERROR),
        "skipped": report.count(Outcome.SKIPPED) + report.count(Outcome.WAIVED),
    }


def render_junit(reports: Sequence[Report], tool_version: str = "") -> str:
    """Render reports as one JUnit XML document (UTF-8 declaration, indented)."""
    totals = dict.fromkeys(_TALLY, 0)
    root = ET.Element("testsuites", {"name": "microgate"})
    for report in reports:
        tally = _tally(report)
        name = suite_name(report)
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(name)})
        suite.attrib.update({key: str(tally[key]) for key in _TALLY} | {"time": "0"})
        props = ET.SubElement(suite, "properties")
        for key, value in (("microgate.version", tool_version), ("subject", report.subject)):
            ET.SubElement(props, "property", {"name": key, "value": xml_text(value)})
        for result in report.results:
            _testcase(suite, name, result)
        for key in _TALLY:
            totals[key] += tally[key]
    root.attrib.update({key: str(totals[key]) for key in _TALLY} | {"time": "0"})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
