"""``microgate classify`` prints each tier with every rule that fired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microgate.cli.main import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_tiers_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["classify", str(EXAMPLES), "-f", "json", "--no-record"]) == 0
    doc = json.loads(capsys.readouterr().out)
    tiers = {c["app"]: c["tier"] for c in doc["classifications"]}
    assert tiers == {"team-notes": "low", "support-assistant": "high", "route-optimizer": "medium"}
    fired = {c["app"]: [f["id"] for f in c["fired"]] for c in doc["classifications"]}
    assert fired["support-assistant"][:1] == ["MG-C001"]
    assert fired["team-notes"] == []


def test_text_names_each_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["classify", str(EXAMPLES / "support-assistant"), "--no-record"]) == 0
    out = capsys.readouterr().out
    assert "support-assistant: HIGH tier" in out
    assert "MG-C001 external-users" in out and "user scope external" in out
