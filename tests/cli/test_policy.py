"""``microgate policy rules|profiles`` list what the gate checks."""

from __future__ import annotations

import json

import pytest

from microgate.cli.main import run
from microgate.policy import default_policy


def test_rules_lists_every_default_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["policy", "rules", "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == list(default_policy().rule_ids)


def test_profiles_list_stages(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["policy", "profiles"]) == 0
    out = capsys.readouterr().out
    assert "default:" in out and "approval" in out
