"""Checks on option values shared by several commands."""

from __future__ import annotations

from microgate.errors import UsageError
from microgate.report.render import FORMATS


def check_format(fmt: str, choices: tuple[str, ...] = FORMATS) -> str:
    if fmt not in choices:
        raise UsageError(
            "--format", f"unknown format {fmt!r}", hint=f"choose one of: {', '.join(choices)}"
        )
    return fmt


def check_tier(tier: str | None) -> str | None:
    if tier is not None and tier not in ("low", "medium", "high"):
        raise UsageError(
            "--tier", f"unknown tier {tier!r}", hint="choose one of: low, medium, high"
        )
    return tier
