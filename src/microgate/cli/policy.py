"""``microgate policy rules|profiles``: what the gate will check, for reviewers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from microgate.cli.options import check_format
from microgate.cli.output import emit
from microgate.policy import load_policy, load_profiles


def policy_rules_command(dirs: list[Path], fmt: str) -> int:
    check_format(fmt, ("text", "json"))
    policy = load_policy(dirs)
    rows: list[dict[str, Any]] = [
        {
            "id": r.id,
            "name": r.name,
            "enabled": r.enabled,
            "severity": r.severity.value,
            "tiers": [str(t) for t in r.tiers],
            "description": r.description,
            "pack": r.pack,
        }
        for r in policy.rules
    ]
    if fmt == "json":
        emit(json.dumps(rows, indent=2), None)
        return 0
    lines = [f"{'id':<10} {'severity':<8} {'tiers':<18} name"]
    for row in rows:
        tiers = ",".join(row["tiers"])
        lines.append(f"{row['id']:<10} {row['severity']:<8} {tiers:<18} {row['name']}")
        lines.append(f"{'':<10} {row['description']}")
    emit("\n".join(lines), None)
    return 0


def policy_profiles_command(dirs: list[Path]) -> int:
    profiles = load_profiles(dirs)
    lines = []
    for name in profiles.names:
        lines.append(f"{name}:")
        for tier in ("low", "medium", "high"):
            stages = profiles.stages_for(name, tier, has_quantum=True)
            lines.append(f"  {tier:<7} {' > '.join(stages)}")
    emit("\n".join(lines), None)
    return 0
