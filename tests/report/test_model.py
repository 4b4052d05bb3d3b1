"""The small helpers renderers share: paths, counts, headlines."""

from __future__ import annotations

import pytest

from microgate.findings import Finding, Level
from microgate.report.model import (
    CheckResult,
    Outcome,
    Report,
    RuleInfo,
    manifest_path,
    repo_path,
)

RULE = RuleInfo("R-1", "r", "the description")


@pytest.mark.parametrize(
    ("subject", "path", "expected"),
    [
        ("examples/notes", "app.py", "examples/notes/app.py"),
        ("examples/notes/", "./src/../app.py", "examples/notes/app.py"),
        ("./examples/notes", "app.py", "examples/notes/app.py"),
        (".", "app.py", "app.py"),
        ("", "app.py", "app.py"),
        ("examples/notes/microgate.yaml", "app.py", "examples/notes/app.py"),
        ("microgate.yml", "app.py", "app.py"),
        ("examples\\notes", "src\\a.py", "examples/notes/src/a.py"),
        ("examples/notes", "/abs/app.py", "/abs/app.py"),
        ("examples/notes", "C:/w/app.py", "C:/w/app.py"),
        ("examples/notes", "C:\\w\\app.py", "C:/w/app.py"),
        ("examples/notes", "file:///abs/app.py", "file:///abs/app.py"),
        ("/abs/apps/a", "app.py", "/abs/apps/a/app.py"),
        ("examples/notes", "app/main.py", "examples/notes/app/main.py"),
    ],
)
def test_repo_path(subject: str, path: str, expected: str) -> None:
    assert repo_path(subject, path) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("examples/notes", "examples/notes/microgate.yaml"),
        ("examples/notes/", "examples/notes/microgate.yaml"),
        ("examples/notes/microgate.yml", "examples/notes/microgate.yml"),
        ("./microgate.yaml", "microgate.yaml"),
        (".", "microgate.yaml"),
    ],
)
def test_manifest_path(subject: str, expected: str) -> None:
    assert manifest_path(subject) == expected


@pytest.mark.parametrize(
    ("message", "findings", "expected"),
    [
        ("own message", (), "own message"),
        ("", (Finding("R-1", Level.ERROR, "from finding"),), "from finding"),
        ("  ", (), "the description"),
    ],
)
def test_headline(message: str, findings: tuple[Finding, ...], expected: str) -> None:
    assert CheckResult(RULE, Outcome.FAIL, message, findings=findings).headline == expected


def test_headline_is_never_empty() -> None:
    rule = RuleInfo("R-9", "r", "")
    assert CheckResult(rule, Outcome.ERROR).headline == "R-9 error"


def test_counts_and_label(two_apps: list[Report]) -> None:
    notes, ledger = two_apps
    assert notes.counts() == {
        "pass": 1,
        "fail": 3,
        "error": 1,
        "waived": 1,
        "skipped": 1,
        "blocking": 3,
    }
    assert ledger.counts()["blocking"] == 0
    assert notes.label == "notes"
    assert Report(tool="gate", subject="apps/x").label == "apps/x"
