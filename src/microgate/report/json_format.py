"""JSON report: the whole result model, for scripts and dashboards.

The structure is stable; new keys may be added, none is renamed or removed without a new
``schemaVersion``::

    {
      "tool": "microgate", "version": "<microgate version>", "schemaVersion": 1,
      "passed": bool,          # every report passed
      "exitCode": 0 | 1,       # the highest exit code of the reports
      "reports": [{
        "tool": "gate", "subject": "<app path as given>", "app": "<app name>",
        "passed": bool, "exitCode": 0 | 1,
        "counts": {"pass": n, "fail": n, "error": n, "waived": n, "skipped": n, "blocking": n},
        "summary": {...},      # Report.summary, free-form, made JSON-safe
        "results": [{
          "ruleId", "name", "level", "outcome", "blocking", "message", "reasons": [...],
          "findings": [Finding.to_dict(), ...]
        }]
      }]
    }

Output is deterministic: the same reports give the same text (insertion order, no clock).

Example:
    >>> import json
    >>> from microgate.report.model import Report
    >>> doc = json.loads(render_json([Report(tool="gate", subject="apps/a", app="a")], "0.1.0"))
    >>> doc["reports"][0]["exitCode"], doc["version"]
    (0, '0.1.0')
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

from microgate.report.model import CheckResult, Report

SCHEMA_VERSION = 1


def jsonable(value: Any) -> Any:
    """Turn ``value`` into plain JSON data: enums to values, sets sorted, others to ``str``."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def result_dict(result: CheckResult) -> dict[str, Any]:
    """One rule's result as the JSON report shows it."""
    return {
        "ruleId": result.rule.id,
        "name": result.rule.name,
        "level": result.rule.level.value,
        "outcome": result.outcome.value,
        "blocking": result.blocking,
        "message": result.message,
        "reasons": list(result.reasons),
        "findings": [jsonable(f.to_dict()) for f in result.findings],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """One report as the JSON report shows it."""
    return {
        "tool": report.tool,
        "subject": report.subject,
        "app": report.app,
        "passed": report.passed,
        "exitCode": report.exit_code,
        "counts": report.counts(),
        "summary": jsonable(report.summary),
        "results": [result_dict(r) for r in report.results],
    }


def render_json(reports: Sequence[Report], tool_version: str = "") -> str:
    """Render reports as one JSON document (indented, UTF-8 text, no ASCII escaping)."""
    doc = {
        "tool": "microgate",
        "version": tool_version,
        "schemaVersion": SCHEMA_VERSION,
        "passed": all(r.passed for r in reports),
        "exitCode": max((r.exit_code for r in reports), default=0),
        "reports": [report_dict(r) for r in reports],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
