"""GitHub Actions workflow commands: findings become annotations on the pull request.

One ``::error`` / ``::warning`` / ``::notice`` line per finding of a failed or errored rule
(one per rule when it has no findings, placed on the app's manifest), and a ``::notice`` per
waived rule, followed by one plain summary line per app.  File paths are relative to the
directory the command ran in (normally the repository root): the app path as given plus the
finding's app-relative path.  Values are escaped as the runner expects, so a message cannot
end its command early or start another.

Example:
    >>> escape_data("50% done\\nnext"), escape_property("a,b: c")
    ('50%25 done%0Anext', 'a%2Cb%3A c')
"""

from __future__ import annotations

from collections.abc import Sequence

from microgate.findings import Finding, Level
from microgate.report.model import CheckResult, Outcome, Report, manifest_path, repo_path
from microgate.report.text import summary_line

_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (``file=``, ``title=``, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(
    name: str,
    message: str,
    *,
    file: str = "",
    line: int | None = None,
    col: int | None = None,
    title: str = "",
) -> str:
    """One workflow command line, e.g. ``::error file=a.py,line=3,title=T::message``."""
    props: list[str] = []
    if file:
        props.append(f"file={escape_property(file)}")
        if line is not None and line >= 1:
            props.append(f"line={line}")
            if col is not None and col >= 1:
                props.append(f"col={col}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{name} {','.join(props)}" if props else f"::{name}"
    return f"{head}::{escape_data(message)}"


def _annotation(report: Report, result: CheckResult, finding: Finding | None) -> str:
    rule = result.rule
    title = f"{rule.id} {rule.name}".strip()
    if finding is None:
        message, level = result.headline, rule.level
        hint = rule.help
    else:
        message, level = finding.message, finding.level
        hint = finding.fix_hint or rule.help
    if result.outcome is Outcome.ERROR:
        message = f"could not be evaluated: {message}"
    if hint:
        message = f"{message}\nfix: {hint}"
    if finding is not None and finding.location is not None:
        where = finding.location
        return command(
            _COMMAND[level],
            message,
            file=repo_path(report.subject, where.path),
            line=where.line,
            col=where.column,
            title=title,
        )
    return command(_COMMAND[level], message, file=manifest_path(report.subject), title=title)


def _lines(report: Report) -> list[str]:
    lines: list[str] = []
    for result in report.results:
        if result.outcome in (Outcome.FAIL, Outcome.ERROR):
            for finding in result.findings or (None,):
                lines.append(_annotation(report, result, finding))
        elif result.outcome is Outcome.WAIVED:
            why = "; ".join(result.reasons) or "no reason given"
            lines.append(
                command(
                    "notice",
                    f"{result.headline}\nwaived: {why}",
                    file=manifest_path(report.subject),
                    title=f"{result.rule.id} {result.rule.name} (waived)",
                )
            )
    verdict = "PASS" if report.passed else "FAIL"
    lines.append(f"microgate {report.tool} {report.label}: {verdict} ({summary_line(report)})")
    return lines


def render_github(reports: Sequence[Report], tool_version: str = "") -> str:
    """Render reports as GitHub Actions workflow commands, one per line."""
    lines = [line for report in reports for line in _lines(report)]
    return "\n".join(lines) + "\n" if lines else ""
