"""``microgate validate PATH...``: check manifests against the schema."""

from __future__ import annotations

import sys
from pathlib import Path

from microgate.cli.output import report_input_error
from microgate.errors import InputError
from microgate.manifest import find_manifest, load_manifest


def validate_command(paths: list[Path]) -> int:
    """Validate each app's manifest; report every bad one, exit 2 if any was bad."""
    worst = 0
    for path in paths:
        try:
            manifest = load_manifest(path)
        except InputError as exc:
            worst = report_input_error(exc)
            continue
        where = find_manifest(path) or path
        sys.stdout.write(f"ok  {where}  ({manifest.name}, owner {manifest.owner})\n")
    return worst
