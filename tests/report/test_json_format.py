from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import PurePosixPath
from typing import Any

import pytest

from microgate.findings import Level
from microgate.report.json_format import jsonable, render_json
from microgate.report.model import Report


def _doc(reports: list[Report]) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(render_json(reports, tool_version="0.1.0"))
    return doc


def test_top_level(two_apps: list[Report]) -> None:
    doc = _doc(two_apps)
    assert doc["tool"] == "microgate"
    assert doc["version"] == "0.1.0"
    assert doc["schemaVersion"] == 1
    assert doc["passed"] is False
    assert doc["exitCode"] == 1
    assert [r["app"] for r in doc["reports"]] == ["notes", "ledger"]


def test_report_structure(two_apps: list[Report]) -> None:
    notes, ledger = _doc(two_apps)["reports"]
    assert list(notes) == [
        "tool",
        "subject",
        "app",
        "passed",
        "exitCode",
        "counts",
        "summary",
        "results",
    ]
    assert (notes["tool"], notes["subject"], notes["passed"], notes["exitCode"]) == (
        "gate",
        "examples/notes",
        False,
        1,
    )
    assert notes["counts"] == {
        "pass": 1,
        "fail": 3,
        "error": 1,
        "waived": 1,
        "skipped": 1,
        "blocking": 3,
    }
    assert notes["summary"] == {"tier": "high"}
    assert (ledger["passed"], ledger["exitCode"]) == (True, 0)


def test_results_and_findings(two_apps: list[Report]) -> None:
    results = _doc(two_apps)["reports"][0]["results"]
    assert [r["outcome"] for r in results] == [
        "pass",
        "fail",
        "fail",
        "fail",
        "error",
        "waived",
        "skipped",
    ]
    secrets = results[1]
    assert list(secrets) == [
        "ruleId",
        "name",
        "level",
        "outcome",
        "blocking",
        "message",
        "reasons",
        "findings",
    ]
    assert secrets["ruleId"] == "MG-L003"
    assert secrets["blocking"] is True
    assert secrets["findings"] == [f.to_dict() for f in two_apps[0].results[1].findings]
    assert secrets["findings"][0]["message"].startswith('secret literal <api_key> & "token"\n')
    assert results[3]["blocking"] is False  # warning level
    assert results[5]["reasons"] == [
        "waiver W-12 approved by alice until 2030-01-01",
        "measured in staging",
    ]


def test_unicode_is_written_as_is(two_apps: list[Report]) -> None:
    assert "ünïcødé ✓" in render_json(two_apps, tool_version="1")


class _Colour(Enum):
    RED = "red"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": (1, 2)}, {"a": [1, 2]}),
        ({3: "x"}, {"3": "x"}),
        (Level.ERROR, "error"),
        (_Colour.RED, "red"),
        ({"b", "a"}, ["a", "b"]),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (1.5, 1.5),
        (date(2030, 1, 1), "2030-01-01"),
        (PurePosixPath("a/b"), "a/b"),
        (None, None),
    ],
)
def test_jsonable(value: Any, expected: Any) -> None:
    assert jsonable(value) == expected


def test_free_form_summary_is_made_json_safe() -> None:
    report = Report(tool="gate", subject="a", summary={"when": date(2030, 1, 1), "n": float("nan")})
    doc = json.loads(render_json([report], tool_version="1"))
    assert doc["reports"][0]["summary"] == {"when": "2030-01-01", "n": "nan"}


def test_no_reports() -> None:
    doc = _doc([])
    assert (doc["passed"], doc["exitCode"], doc["reports"]) == (True, 0, [])
