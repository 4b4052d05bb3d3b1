"""``microgate schema``: print the manifest's JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

from microgate.cli.output import emit
from microgate.manifest import json_schema


def schema_command(output: Path | None) -> int:
    emit(json.dumps(json_schema(), indent=2, sort_keys=False), output)
    return 0
