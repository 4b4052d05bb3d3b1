"""Markdown summary sized for a pull-request comment.

Per app: a heading with a **PASS**/**FAIL** marker, the counts, a table of the rules that
failed, errored or were waived (one row per finding), and the passed rules folded in a
``<details>`` block.  Long tables end in "... and N more", and the whole comment stays under
:data:`MAX_CHARS` (GitHub refuses comments over 65,536 characters).

Everything taken from a report is escaped: pipes and newlines cannot break a table row, HTML
is shown as text, ``*_[]``, ``$`` (math) and backticks do not format, and ``@name`` does
not ping anyone.

Example:
    >>> escape_md("a|b <i>x</i> @bob")
    'a\\\\|b &lt;i&gt;x&lt;/i&gt; &#64;bob'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from microgate.findings import Finding
from microgate.report.model import CheckResult, Outcome, Report
from microgate.report.text import clean, outcome_label, summary_line

MAX_CHARS = 60_000
MAX_ROWS = 50  # table rows per app before "... and N more"
MAX_CELL = 300  # characters of one message cell

_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|~$])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}


def escape_md(text: str) -> str:
    """Escape ``text`` for one line of Markdown (a table cell, a list item or a heading)."""
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPECIAL.sub(r"\\\1", text)
    text = "".join(_HTML.get(ch, ch) for ch in text)
    return text.replace("\n", "<br>").replace("\t", " ")


def _clip(text: str, limit: int = MAX_CELL) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _rows(report: Report) -> list[str]:
    rows: list[str] = []
    for result in report.results:
        if result.outcome not in (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED):
            continue
        findings: Sequence[Finding | None] = result.findings or (None,)
        for finding in findings:
            rows.append(_row(result, finding))
    return rows


def _row(result: CheckResult, finding: Finding | None) -> str:
    rule = result.rule
    message = finding.message if finding else result.headline
    if result.outcome is Outcome.WAIVED:
        message = f"{message} (waived: {'; '.join(result.reasons) or 'no reason given'})"
    elif finding and finding.fix_hint:
        message = f"{message} (fix: {finding.fix_hint})"
    location = finding.location.render() if finding and finding.location else ""
    level = finding.level.value if finding else rule.level.value
    cells = [
        f"{escape_md(rule.id)} {escape_md(rule.name)}",
        level,
        outcome_label(result),
        escape_md(_clip(message)),
        escape_md(_clip(location, 200)),
    ]
    return "| " + " | ".join(cells) + " |"


def _section(report: Report, budget: int) -> str:
    verdict = "**PASS**" if report.passed else "**FAIL**"
    lines = [
        f"### {escape_md(report.label)}: {verdict}",
        "",
        f"{escape_md(report.subject)} ({escape_md(report.tool)}): {summary_line(report)}",
    ]
    rows = _rows(report)
    if rows:
        lines += ["", "| Rule | Level | Outcome | Message | Location |", "|---|---|---|---|---|"]
        used = sum(len(line) + 1 for line in lines)
        shown = 0
        for row in rows[:MAX_ROWS]:
            if used + len(row) + 1 > budget // 2:
                break
            lines.append(row)
            used += len(row) + 1
            shown += 1
        if shown < len(rows):
            lines += ["", f"... and {len(rows) - shown} more"]
    passed = [r for r in report.results if r.outcome is Outcome.PASS]
    lines += ["", f"Passed: {len(passed)} rule{'' if len(passed) == 1 else 's'}"]
    if passed:
        items = [f"- {escape_md(r.rule.id)} {escape_md(r.rule.name)}" for r in passed]
        if len(items) > MAX_ROWS:
            items = [*items[:MAX_ROWS], f"- ... and {len(items) - MAX_ROWS} more"]
        lines += ["", "<details><summary>Passed rules</summary>", "", *items, "", "</details>"]
    return "\n".join(lines)


def render_markdown(reports: Sequence[Report], tool_version: str = "") -> str:
    """Render reports as one Markdown comment of at most :data:`MAX_CHARS` characters."""
    failed = sum(1 for r in reports if not r.passed)
    version = f" {escape_md(tool_version)}" if tool_version else ""
    if not reports:
        title = "nothing to report"
    elif failed:
        title = f"**FAIL**: {failed} of {len(reports)} app{'s' if len(reports) > 1 else ''} failed"
    else:
        title = f"**PASS**: {len(reports)} app{'s' if len(reports) > 1 else ''} passed"
    parts = [f"## microgate{version}: {title}"]
    used = len(parts[0])
    for index, report in enumerate(reports):
        budget = MAX_CHARS - used - 200
        section = _section(report, budget)
        if len(section) > budget:
            parts.append(f"... and {len(reports) - index} more apps (comment size limit)")
            break
        parts.append(section)
        used += len(section) + 2
    return "\n\n".join(parts) + "\n"
