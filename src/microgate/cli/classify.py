"""``microgate classify PATH...``: the risk tier of each app and every rule that fired."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from microgate.cli.options import check_format
from microgate.cli.output import emit
from microgate.pipeline import GateSettings, Runner, expand_apps, record_run


def classify_command(paths: list[Path], fmt: str, output: Path | None, record: bool = True) -> int:
    """Classify each app (discovery findings included); print text or JSON; exit 0."""
    check_format(fmt, ("text", "json"))
    runner = Runner(GateSettings())
    documents = []
    lines = []
    for root in expand_apps(paths):
        started = datetime.now(UTC)
        manifest, _, findings, _ = runner.discover(root)
        result = runner.classify(manifest, findings)
        documents.append({"app": manifest.name, "path": str(root), **result.to_dict()})
        lines.append(f"{manifest.name}: {result.tier.value.upper()} tier  ({root})")
        lines += [f"  {reason}" for reason in result.reasons]
        if record:
            record_run(
                root,
                manifest,
                kind="classify",
                subject=str(root),
                exit_code=0,
                tier=result.tier.value,
                started=started,
                summary=result.to_dict(),
            )
    if fmt == "json":
        emit(json.dumps({"tool": "microgate", "classifications": documents}, indent=2), output)
    else:
        emit("\n".join(lines), output)
    return 0
