"""``microgate check PATH...``: the main job — discover, classify and gate every app.

Each app's run is recorded in the registry; one report folder receives the gate and
discovery results in every format (SARIF and JUnit for CI, Markdown for a pull request,
JSON for machines, text for people), and a summary table is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from microgate import __version__
from microgate.cli.options import check_tier
from microgate.errors import UsageError
from microgate.home import database_url
from microgate.pipeline import AppResult, GateSettings, Runner, expand_apps
from microgate.report.model import Outcome, Report
from microgate.report.render import render

REPORT_FILES = {
    "text": "gate.txt",
    "json": "gate.json",
    "sarif": "gate.sarif",
    "junit": "gate.junit.xml",
    "markdown": "gate.md",
}


def write_reports(folder: Path, results: list[AppResult]) -> list[Path]:
    """Write every format of the gate and discovery reports into ``folder``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(str(folder), f"cannot create the report folder: {exc.strerror}") from None
    written = []
    gates: list[Report] = [r.gate for r in results]
    discoveries: list[Report] = [r.discover for r in results]
    for fmt, name in REPORT_FILES.items():
        target = folder / name
        target.write_text(render(gates, fmt, tool_version=__version__), encoding="utf-8")
        written.append(target)
    target = folder / "discover.sarif"
    target.write_text(render(discoveries, "sarif", tool_version=__version__), encoding="utf-8")
    written.append(target)
    return written


def _verdict(result: AppResult) -> str:
    if result.exit_code:
        return "[bold red]FAIL[/]"
    if result.gate.count(Outcome.FAIL) or result.discover.findings:
        return "[yellow]PASS with warnings[/]"
    return "[green]PASS[/]"


def summary_table(results: list[AppResult]) -> Table:
    table = Table(title="microgate check", title_justify="left")
    for column in ("app", "tier", "risk rules fired", "undeclared", "gate", "verdict"):
        table.add_column(column, overflow="fold")
    for r in results:
        counts = r.gate.counts()
        fired = ", ".join(f.id for f in r.classification.fired) or "-"
        gate = f"{counts['pass']} pass, {counts['fail'] + counts['error']} fail"
        if counts["waived"]:
            gate += f", {counts['waived']} waived"
        table.add_row(r.manifest.name, r.tier, fired, str(len(r.findings)), gate, _verdict(r))
    return table


def details(result: AppResult) -> list[str]:
    """The lines a reader needs under the table: why this tier, what failed, what comes next."""
    lines = [f"{result.manifest.name} ({result.subject})"]
    lines += [f"  risk: {reason}" for reason in result.classification.reasons]
    for check in result.gate.results:
        if check.outcome in (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED):
            level = (
                check.outcome.value
                if check.outcome is Outcome.WAIVED
                else ("deny" if check.blocking else check.rule.level.value)
            )
            lines.append(f"  {check.rule.id} ({level}): {check.headline}")
    lines.append(f"  stages the {result.tier} tier requires: {' > '.join(result.stages)}")
    return lines


def check_command(
    paths: list[Path], settings: GateSettings, output: Path, record: bool = True
) -> int:
    """Run discover -> classify -> gate on every app; exit 1 if any app fails its gate."""
    check_tier(settings.tier)
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 110)
    runner = Runner(settings)
    roots = expand_apps(paths)
    results = []
    for root in roots:
        with console.status(f"checking {root} ..."):
            results.append(runner.check(root, record=record))
    console.print(summary_table(results))
    for r in results:
        console.print("\n".join(details(r)), markup=False)
    written = write_reports(output, results)
    console.print(f"\nReports: {output}/ ({', '.join(p.name for p in written)})", markup=False)
    if record:
        console.print(f"Registry: {database_url()}  (see: microgate registry list)", markup=False)
    code = max((r.exit_code for r in results), default=0)
    sys.stdout.flush()
    return code
