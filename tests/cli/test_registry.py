"""The registry commands: list, show, history, export, import."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from microgate.cli.registry import (
    registry_export,
    registry_history,
    registry_import,
    registry_list,
    registry_show,
)
from microgate.errors import InputError, UsageError
from microgate.manifest.model import Manifest
from microgate.registry import ArtifactVersion, Registry
from microgate.store import open_store

T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def populated() -> None:
    """Two apps in the default store (the test's private MICROGATE_HOME)."""
    m = Manifest.model_validate(
        {
            "apiVersion": "microgate/v1",
            "name": "expense-helper",
            "owner": "team-finance",
            "userScope": "org",
            "description": "Files \x1b[31mexpenses\x1b[0m.",
            "tags": ["finance"],
        }
    )
    with open_store() as store:
        registry = Registry(store)
        for i, passed in enumerate([True, False]):
            registry.record_run(
                m,
                app_name="expense-helper",
                subject="./expense",
                kind="pipeline",
                passed=passed,
                exit_code=0 if passed else 1,
                tier="high",
                summary={"i": i},
                artifacts=[ArtifactVersion("prompt", "prompts/a.yaml", "c" * 64, "1.0.0")],
                finished_at=T0 + timedelta(hours=i),
            )
        registry.record_run(
            None,
            app_name="notes",
            subject="./notes",
            kind="gate",
            passed=True,
            exit_code=0,
            tier="low",
            summary={},
            artifacts=[],
            finished_at=T0,
        )


def test_list_text(populated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert registry_list("text") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "NAME",
        "TIER",
        "LAST",
        "LAST",
        "RUN",
        "(UTC)",
        "OWNER",
        "LIFECYCLE",
    ]
    assert lines[1].split() == [
        "expense-helper",
        "high",
        "fail",
        "2024-05-01",
        "11:00",
        "team-finance",
        "experimental",
    ]
    assert lines[2].split()[:3] == ["notes", "low", "pass"]


def test_list_json(populated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert registry_list("json") == 0
    apps = json.loads(capsys.readouterr().out)
    assert [(a["name"], a["tier"], a["lastResult"]) for a in apps] == [
        ("expense-helper", "high", "fail"),
        ("notes", "low", "pass"),
    ]


def test_list_of_an_empty_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert registry_list("text") == 0
    assert "empty" in capsys.readouterr().out
    assert registry_list("json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_show_text_shows_latest_artifacts_and_strips_escapes(
    populated: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert registry_show("expense-helper", "text") == 0
    out = capsys.readouterr().out
    assert "owner:       team-finance" in out
    assert "prompts/a.yaml" in out and "1.0.0" in out
    assert "\x1b" not in out


def test_show_json(populated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert registry_show("expense-helper", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["name"] == "expense-helper"
    assert doc["latestRun"]["result"] == "fail"
    assert doc["latestRun"]["artifacts"][0]["path"] == "prompts/a.yaml"


def test_history(populated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert registry_history("expense-helper", 1, "json") == 0
    runs = json.loads(capsys.readouterr().out)
    assert [(r["result"], r["summary"]) for r in runs] == [("fail", {"i": 1})]
    assert registry_history("expense-helper", 10, "text") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[4] for line in lines[1:]] == ["fail", "pass"]


def test_unknown_app_is_an_input_error(populated: None) -> None:
    with pytest.raises(InputError, match="did you mean 'expense-helper'"):
        registry_show("expense-helpr", "text")
    with pytest.raises(InputError, match="no app named 'nope'"):
        registry_history("nope", 5, "text")


@pytest.mark.parametrize(
    "call",
    [
        lambda: registry_list("yaml"),
        lambda: registry_show("notes", "xml"),
        lambda: registry_history("notes", 3, "csv"),
        lambda: registry_export("sarif", None),  # type: ignore[arg-type]
        lambda: registry_import(Path("x.json"), "csv"),
    ],
)
def test_unknown_formats_are_usage_errors(populated: None, call: object) -> None:
    with pytest.raises(UsageError, match="unknown format"):
        call()  # type: ignore[operator]


@pytest.mark.parametrize("fmt", ["json", "backstage"])
def test_export_then_import_into_a_fresh_home(
    populated: None,
    fmt: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out" / f"registry.{fmt}"
    assert registry_export(fmt, out) == 0  # type: ignore[arg-type]
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["kind"] == "Registry"
    else:
        assert [e["kind"] for e in yaml.safe_load_all(text)] == ["Component", "Component"]
    monkeypatch.setenv("MICROGATE_HOME", str(tmp_path / "fresh-home"))
    assert registry_import(out, None) == 0  # format told by content
    assert "Imported 2 apps" in capsys.readouterr().out
    assert registry_list("json") == 0
    apps = json.loads(capsys.readouterr().out)
    assert [(a["name"], a["tier"], a["lastResult"]) for a in apps] == [
        ("expense-helper", "high", "fail"),
        ("notes", "low", "pass"),
    ]


def test_export_to_stdout(populated: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert registry_export("backstage", None) == 0
    assert "kind: Component" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "fmt", "expected"),
    [
        (
            '{"apiVersion": "microgate/v1", "kind": "Registry", "apps": [{"name": 1}]}',
            None,
            "apps[0].name",
        ),
        ("apiVersion: backstage.io/v1alpha1\nkind: Component\n", None, "metadata"),
        ("apiVersion: backstage.io/v1alpha1\n", "json", "invalid JSON"),
        (b"\xff\xfe bad", None, "not valid UTF-8"),
    ],
)
def test_bad_import_files(
    tmp_path: Path, content: str | bytes, fmt: str | None, expected: str
) -> None:
    path = tmp_path / "import.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        registry_import(path, fmt)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        registry_import(tmp_path / "missing.json", None)
