"""Secrets scan (MG-S001): fixtures found, baseline suppresses, moving a line keeps it so.

Every credential-shaped string is assembled at run time from a seeded generator, so nothing
credential-like is committed.  The autouse fixture in conftest blocks outbound network: a
scanner that tried to verify a secret online would fail these tests.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from microgate.lint.appfiles import read_app
from microgate.lint.secrets import scan_app_secrets
from microgate.lint.secrets_baseline import BASELINE_PATH
from microgate.report.model import Outcome, Report
from microgate.report.render import FORMATS, render

_RND = random.Random(20240501)
B64 = string.ascii_letters + string.digits + "+/"
ALNUM = string.ascii_letters + string.digits


def _r(alphabet: str, n: int) -> str:
    return "".join(_RND.choice(alphabet) for _ in range(n))


def make_secrets() -> dict[str, str]:
    """Fresh credential-shaped values (never real)."""
    return {
        "aws_id": "AK" + "IA" + _r(string.ascii_uppercase + "234567", 16),
        "aws_secret": _r(B64, 40),
        "github": "gh" + "p_" + _r(ALNUM, 36),
        "slack": "xo" + "xb-" + _r(string.digits, 12) + "-" + _r(string.digits, 12) + "-"
        + _r(ALNUM, 24),
        "pem_body": "\n".join(_r(B64, 64) for _ in range(4)),
        "entropy": _r(B64, 48),
    }  # fmt: skip


def plant(root: Path, s: dict[str, str]) -> dict[str, str]:
    """Write one secret per file; returns file -> expected secret type."""
    (root / "config").mkdir(parents=True, exist_ok=True)
    (root / "config" / "aws.ini").write_text(
        f"[default]\naws_access_key_id = {s['aws_id']}\naws_secret_access_key = {s['aws_secret']}\n"
    )
    (root / "deploy.py").write_text(f'import os\n\nGITHUB = "{s["github"]}"\n')
    (root / ".env").write_text(f"SLACK_BOT_TOKEN={s['slack']}\n")
    begin, end = "-----BEGIN RSA " + "PRIVATE KEY-----", "-----END RSA " + "PRIVATE KEY-----"
    (root / "config" / "deploy_key.pem").write_text(f"{begin}\n{s['pem_body']}\n{end}\n")
    (root / "config" / "settings.yaml").write_text(
        f'service:\n  name: notes\n  signing: "{s["entropy"]}"\n'
    )
    return {
        "config/aws.ini": "AWS Access Key",
        "deploy.py": "GitHub Token",
        ".env": "Slack Token",
        "config/deploy_key.pem": "Private Key",
        "config/settings.yaml": "Base64 High Entropy String",
    }


def _found(root: Path, *, update: bool = False) -> set[tuple[str, int | None, str]]:
    outcome = scan_app_secrets(read_app(root), update=update)
    return {
        (f.location.path, f.location.line, f.properties["secretType"])
        for r in outcome.results
        for f in r.findings
        if f.rule_id == "MG-S001" and f.location
    }


@pytest.fixture
def app(tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    secrets = make_secrets()
    return tmp_path, secrets, plant(tmp_path, secrets)


def test_every_planted_secret_is_found(app: tuple[Path, dict[str, str], dict[str, str]]) -> None:
    root, _, expected = app
    assert _found(root) == {
        ("config/aws.ini", 2, "AWS Access Key"),
        ("config/aws.ini", 3, "AWS Access Key"),
        ("deploy.py", 3, "GitHub Token"),
        (".env", 1, "Slack Token"),
        ("config/deploy_key.pem", 1, "Private Key"),
        ("config/settings.yaml", 3, "Base64 High Entropy String"),
    }
    assert {path for path, _, _ in _found(root)} == set(expected)


NEGATIVE = [
    ("placeholder.py", 'API_KEY = "your-api-key-here"\n'),
    ("config.yaml", "password: changeme\n"),
    ("checksums.txt", "sha256 = 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"),
    ("ids.json", '{"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}\n'),
    ("refs.env", "OPENAI_API_KEY=${OPENAI_API_KEY}\n"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text"), NEGATIVE, ids=[n for n, _ in NEGATIVE])
def test_look_alikes_are_not_secrets(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    assert _found(tmp_path) == set()


def test_baseline_suppresses_and_moving_lines_keeps_it_so(
    app: tuple[Path, dict[str, str], dict[str, str]],
) -> None:
    root, secrets, _ = app
    assert len(_found(root, update=True)) == 0  # everything accepted at once
    data = json.loads((root / BASELINE_PATH).read_text())
    assert len(data["entries"]) == 6
    assert _found(root) == set()
    # move every secret down by a few lines: still accepted
    for path in ("deploy.py", ".env", "config/settings.yaml", "config/aws.ini"):
        target = root / path
        target.write_text("# moved\n\n\n" + target.read_text())
    assert _found(root) == set()
    # a new value in an accepted file is a new finding
    fresh = make_secrets()["github"]
    (root / "deploy.py").write_text(f'GITHUB = "{secrets["github"]}"\nOTHER = "{fresh}"\n')
    assert _found(root) == {("deploy.py", 2, "GitHub Token")}


def test_same_secret_in_another_file_is_not_accepted(
    app: tuple[Path, dict[str, str], dict[str, str]],
) -> None:
    root, secrets, _ = app
    _found(root, update=True)
    (root / "copy.env").write_text(f"SLACK_BOT_TOKEN={secrets['slack']}\n")
    assert _found(root) == {("copy.env", 1, "Slack Token")}


def test_update_counts_kept_added_dropped(
    app: tuple[Path, dict[str, str], dict[str, str]],
) -> None:
    root, _, _ = app
    first = scan_app_secrets(read_app(root), update=True)
    assert first.changes is not None and vars(first.changes) == {
        "kept": 0,
        "added": 6,
        "dropped": 0,
    }
    (root / ".env").unlink()
    (root / "more.env").write_text(f"GH_TOKEN={make_secrets()['github']}\n")
    second = scan_app_secrets(read_app(root), update=True)
    assert second.changes is not None
    assert vars(second.changes) == {"kept": 5, "added": 1, "dropped": 1}
    assert second.summary["baseline"]["added"] == 1


def test_secret_values_never_reach_reports_or_the_baseline(
    app: tuple[Path, dict[str, str], dict[str, str]],
) -> None:
    root, secrets, _ = app
    outcome = scan_app_secrets(read_app(root))
    report = Report(tool="lint", subject=str(root), app="x", results=outcome.results)
    texts = [render([report], fmt, tool_version="0") for fmt in FORMATS]
    scan_app_secrets(read_app(root), update=True)
    texts.append((root / BASELINE_PATH).read_text())
    values = [v for k, v in secrets.items() if k != "pem_body"] + secrets["pem_body"].split("\n")
    for text in texts:
        for value in values:
            assert value not in text


def test_the_baseline_file_itself_is_not_scanned(
    app: tuple[Path, dict[str, str], dict[str, str]],
) -> None:
    root, _, _ = app
    scan_app_secrets(read_app(root), update=True)
    assert BASELINE_PATH not in read_app(root).texts


def test_a_result_per_rule_and_pass_message_counts_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.env").write_text(f"SLACK_BOT_TOKEN={make_secrets()['slack']}\n")
    outcome = scan_app_secrets(read_app(tmp_path), update=True)
    [secret, unscanned] = outcome.results
    assert (secret.rule.id, secret.outcome) == ("MG-S001", Outcome.PASS)
    assert "1 accepted" in secret.message
    assert (unscanned.rule.id, unscanned.outcome) == ("MG-S002", Outcome.PASS)


def test_binary_and_non_utf8_code_files_are_noted(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_bytes(b"x = '\xff'\n")
    outcome = scan_app_secrets(read_app(tmp_path))
    notes = [f for r in outcome.results for f in r.findings if f.rule_id == "MG-S002"]
    assert [(n.location.path if n.location else "") for n in notes] == ["bad.py"]
