"""SARIF 2.1.0 log for code-scanning UIs (GitHub code scanning, Azure DevOps, IDE viewers).

Shape: one ``run`` per :class:`Report`.  A run describes one tool over one analysis target;
``microgate gate`` over several apps is several analyses, and code-scanning services key
their alert sets on the run's category: GitHub accepts several runs in one upload only when
each has a distinct ``automationDetails.id``, and it then tracks (and closes) each app's
alerts separately.  So each run gets ``automationDetails.id = "microgate/<tool>/<app>/"``.

Every rule applied is listed in ``tool.driver.rules``.  Each failed or errored rule gives one
result per finding (or one result, on the app's manifest, when it has none); a waived rule
gives the same results carrying an external ``suppressions`` entry with the waiver's reasons.
Passed and skipped rules give no results.  Paths are relative to the directory the command
ran in (the app path as given plus the finding's app-relative path) under ``%SRCROOT%``;
``partialFingerprints["microgate/v1"]`` is the finding's content fingerprint, so alerts
survive edits that move lines.

Example:
    >>> import json
    >>> from microgate.report.model import Report
    >>> log = json.loads(render_sarif([Report(tool="gate", subject="apps/a", app="a")], "0.1.0"))
    >>> log["version"], log["runs"][0]["automationDetails"]["id"]
    ('2.1.0', 'microgate/gate/a/')
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from microgate.findings import Finding, Level
from microgate.report.json_format import jsonable
from microgate.report.markdown import escape_md
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo, manifest_path, repo_path

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "microgate/v1"
_REPORTED = (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED)


def _rule(rule: RuleInfo) -> dict[str, Any]:
    description = rule.description or rule.name or rule.id
    help_text = rule.help or description
    markdown = f"**{escape_md(rule.name or rule.id)}**\n\n{escape_md(description)}"
    if rule.help:
        markdown += f"\n\n{escape_md(rule.help)}"
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name or rule.id,
        "shortDescription": {"text": description},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": rule.level.value},
        "properties": {"tags": list(dict.fromkeys(("microgate", *rule.tags)))},
    }
    if rule.help_uri:
        entry["helpUri"] = rule.help_uri
    return entry


def _artifact(path: str) -> dict[str, Any]:
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    if "://" in path:
        return {"uri": path}
    if len(path) > 2 and path[1] == ":" and path[2] == "/":  # a Windows drive path
        return {"uri": "file:///" + quote(path, safe="/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _location(report: Report, finding: Finding | None) -> dict[str, Any]:
    if finding is None or finding.location is None:
        return {"physicalLocation": {"artifactLocation": _artifact(manifest_path(report.subject))}}
    where = finding.location
    artifact = _artifact(repo_path(report.subject, where.path))
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if where.line is not None and where.line >= 1:
        region: dict[str, int] = {"startLine": where.line}
        if where.column is not None and where.column >= 1:
            region["startColumn"] = where.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _fingerprint(report: Report, result: CheckResult, finding: Finding | None) -> str:
    if finding is not None:
        return finding.fingerprint
    basis = "\x1f".join((result.rule.id, manifest_path(report.subject)))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _result(
    report: Report, result: CheckResult, finding: Finding | None, index: int
) -> dict[str, Any]:
    level: Level = finding.level if finding is not None else result.rule.level
    properties: dict[str, Any] = {"outcome": result.outcome.value, "blocking": result.blocking}
    if result.reasons:
        properties["reasons"] = list(result.reasons)
    if finding is not None:
        if finding.fix_hint:
            properties["fixHint"] = finding.fix_hint
        if finding.rule_id != result.rule.id:
            properties["findingRuleId"] = finding.rule_id
        if finding.properties:
            properties["finding"] = jsonable(finding.properties)
    entry: dict[str, Any] = {
        "ruleId": result.rule.id,
        "ruleIndex": index,
        "level": level.value,
        "message": {"text": finding.message if finding is not None else result.headline},
        "locations": [_location(report, finding)],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(report, result, finding)},
        "properties": properties,
    }
    if result.outcome is Outcome.WAIVED:
        justification = "; ".join(result.reasons) or "waived"
        entry["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": justification}
        ]
    return entry


def _run(report: Report, tool_version: str, automation_id: str) -> dict[str, Any]:
    rules = report.rules
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [
        _result(report, result, finding, index[result.rule.id])
        for result in report.results
        if result.outcome in _REPORTED
        for finding in (result.findings or (None,))
    ]
    driver: dict[str, Any] = {
        "name": "microgate",
        "rules": [_rule(rule) for rule in rules],
    }
    if tool_version:
        driver["version"] = tool_version
    invocation: dict[str, Any] = {"executionSuccessful": True, "exitCode": report.exit_code}
    notes = [
        {
            "level": "error",
            "message": {"text": f"{result.rule.id} could not be evaluated: {result.headline}"},
            "associatedRule": {"id": result.rule.id, "index": index[result.rule.id]},
        }
        for result in report.results
        if result.outcome is Outcome.ERROR
    ]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return {
        "tool": {"driver": driver},
        "automationDetails": {"id": automation_id},
        "invocations": [invocation],
        "results": results,
        "properties": {
            "tool": report.tool,
            "subject": report.subject,
            "app": report.app,
            "passed": report.passed,
            "counts": report.counts(),
        },
    }


def _automation_ids(reports: Sequence[Report]) -> list[str]:
    """``microgate/<tool>/<app>/`` per report, made unique when an app appears twice."""
    ids: list[str] = []
    for report in reports:
        name = report.app or posixpath.normpath(report.subject.replace("\\", "/")).strip("/")
        base = f"microgate/{report.tool}/{name or '.'}/"
        candidate, n = base, 1
        while candidate in ids:
            n += 1
            candidate = f"{base}{n}/"
        ids.append(candidate)
    return ids


def sarif_log(reports: Sequence[Report], tool_version: str = "") -> dict[str, Any]:
    """The SARIF log as a dict (what :func:`render_sarif` serialises)."""
    runs = [
        _run(report, tool_version, automation_id)
        for report, automation_id in zip(reports, _automation_ids(reports), strict=True)
    ]
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": runs}


def render_sarif(reports: Sequence[Report], tool_version: str = "") -> str:
    """Render reports as a SARIF 2.1.0 log (one run per report)."""
    log = sarif_log(reports, tool_version)
    return json.dumps(log, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
