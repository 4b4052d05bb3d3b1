"""``microgate check``: the main job over the bundled examples, recorded in the registry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import junitparser
import pytest

from microgate.cli.main import run
from microgate.registry import Registry
from microgate.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_check_examples_writes_reports_and_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "report"
    code = run(["check", str(EXAMPLES), "-o", str(out_dir)])
    out = capsys.readouterr().out
    assert code == 0
    for app, tier in [("team-notes", "low"), ("support-assistant", "high"), ("route-optimizer", "medium")]:
        assert app in out and tier in out
    assert "chat.internal.example" in out
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["discover.sarif", "gate.json", "gate.junit.xml", "gate.md", "gate.sarif", "gate.txt"]
    doc = json.loads((out_dir / "gate.json").read_text())
    assert doc["passed"] is True
    suites = list(junitparser.JUnitXml.fromfile(str(out_dir / "gate.junit.xml")))
    assert len(suites) == 3

    store = open_store()
    try:
        registry = Registry(store)
        apps = {a.name: a for a in registry.list_apps()}
        assert {a: apps[a].tier for a in apps} == {
            "team-notes": "low", "support-assistant": "high", "route-optimizer": "medium",
        }
        history = registry.history("route-optimizer")
        assert history[0].kind == "gate"
        kinds = {a.kind for a in history[0].artifacts}
        assert {"manifest", "circuit"} <= kinds
    finally:
        store.close()


def test_main_job_as_a_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "microgate", "check", str(EXAMPLES), "-o", str(tmp_path / "r")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Reports:" in proc.stdout


def test_app_without_manifest_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "app.py").write_text("print('hi')\n")
    code = run(["check", str(tmp_path), "-o", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 2
    assert "no manifest" in err and "discover" in err
