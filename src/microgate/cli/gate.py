"""``microgate gate PATH...``: policy decisions for every rule, in any report format."""

from __future__ import annotations

from pathlib import Path

from microgate import __version__
from microgate.cli.options import check_format, check_tier
from microgate.cli.output import emit
from microgate.pipeline import GateSettings, Runner, expand_apps
from microgate.report.render import render


def gate_command(
    paths: list[Path],
    settings: GateSettings,
    fmt: str,
    output: Path | None,
    record: bool = True,
) -> int:
    """Gate each app; exit 0 pass (warnings allowed), 1 when a deny rule fails."""
    check_format(fmt)
    check_tier(settings.tier)
    runner = Runner(settings)
    results = [runner.check(root, record=record) for root in expand_apps(paths)]
    emit(render([r.gate for r in results], fmt, tool_version=__version__), output)
    return max((r.gate.exit_code for r in results), default=0)
