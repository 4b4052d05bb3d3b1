"""Pick a report format by name: the one entry point the CLI and the pipeline call.

Example:
    >>> from microgate.report.model import Report
    >>> render([Report(tool="gate", subject="apps/a", app="a")], "text", tool_version="0.1.0")
    'a (apps/a): PASS\\n  summary: no rules applied\\n\\nmicrogate 0.1.0 gate: 1 app passed'
    >>> try:
    ...     render([], "yaml", tool_version="0.1.0")
    ... except UsageError as exc:
    ...     print(exc)
    --format: unknown format 'yaml' (choose one of: text, json, sarif, junit, github, markdown)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from microgate.errors import UsageError
from microgate.report.github import render_github
from microgate.report.json_format import render_json
from microgate.report.junit import render_junit
from microgate.report.markdown import render_markdown
from microgate.report.model import Report
from microgate.report.sarif import render_sarif
from microgate.report.text import render_text

Renderer = Callable[[Sequence[Report], str], str]

_RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "markdown": render_markdown,
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The names ``--format`` accepts, in the order help text lists them."""


def render(reports: Sequence[Report], fmt: str, *, tool_version: str, verbose: bool = False) -> str:
    """Render ``reports`` in format ``fmt``; ``verbose`` lists passed rules in text output.

    Raises :class:`~microgate.errors.UsageError` naming ``--format`` and the valid choices
    when ``fmt`` is not one of :data:`FORMATS`.
    """
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError(
            "--format", f"unknown format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}"
        )
    if fmt == "text":
        return render_text(reports, tool_version, verbose=verbose)
    return renderer(reports, tool_version)
