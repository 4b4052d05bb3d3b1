"""Hard-coded secrets: detect-secrets as a library plus the AST check; values never leak.

The secrets below are fakes assembled from pieces so that this file holds no credential-shaped
literal; the autouse fixture blocks the network, so a verification attempt would show up as a
"secret scanner failed" note (asserted absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microgate.discover import (
    Kind,
    discovery_report,
    draft_manifest,
    draft_yaml,
    review_notes,
    scan,
)
from microgate.discover.secrets import scan_secrets, variable_on
from microgate.manifest.model import Manifest
from microgate.report.render import render

AWS_ID = "AKIA" + "QWERTYUIOPASDFGH"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzq8Kp2Lm3N"
GITHUB = "ghp_" + "x7Kq9mZ2pL4vN8rT1wY6bC3dF5gH0jK2sA9e"
OPENAI = "sk-" + "proj-" + "Tq8mZ2pL4vN8rT1wY6bC3dF5gH0j"
SECRETS = (AWS_ID, AWS_SECRET, GITHUB, OPENAI)

APP = f"""\
import boto3

AWS_ACCESS_KEY_ID = "{AWS_ID}"
AWS_SECRET_ACCESS_KEY = "{AWS_SECRET}"
GH = "{GITHUB}"
client = make(api_key="{OPENAI}")
s3 = boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID)
"""


@pytest.fixture
def leaky(make_app) -> Path:
    return make_app({"app.py": APP, "config/.env": f"GITHUB_TOKEN={GITHUB}\n"}, name="leaky")


def test_secret_kinds_and_places(leaky: Path) -> None:
    d = scan(leaky)
    found = {
        (o.location.path, o.location.line): (o.value, o.detail) for o in d.of(Kind.SECRET_LITERAL)
    }
    assert found == {
        ("app.py", 3): ("AWS Access Key", "AWS_ACCESS_KEY_ID"),
        ("app.py", 4): ("AWS Access Key", "AWS_SECRET_ACCESS_KEY"),
        ("app.py", 5): ("GitHub Token", "GH"),
        ("app.py", 6): ("OpenAI API Key", "api_key"),
        ("config/.env", 1): ("GitHub Token", "GITHUB_TOKEN"),
    }
    assert not d.of(Kind.UNSCANNED)  # the scanner never tried the network


def test_values_never_leave_as_text(leaky: Path) -> None:
    d = scan(leaky)
    report = discovery_report(leaky, d, None)
    draft = draft_yaml(draft_manifest(d), review_notes(d))
    texts = [
        repr(d),
        draft,
        render([report], "json", tool_version="0"),
        render([report], "sarif", tool_version="0"),
    ]
    texts += [f.message + f.fix_hint + f.evidence for f in report.findings]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_hard_coded_secrets_are_errors_with_or_without_manifest(leaky: Path) -> None:
    d = scan(leaky)
    bare = discovery_report(leaky, d, None)
    manifest = Manifest.model_validate(
        {"apiVersion": "microgate/v1", "name": "leaky", "owner": "o", "userScope": "team"}
    )
    full = discovery_report(leaky, d, manifest)
    for report in (bare, full):
        d005 = [f for f in report.findings if f.rule_id == "MG-D005"]
        assert len(d005) == 5
        assert {f.level.value for f in d005} == {"error"}
        assert report.exit_code == 1
    message = next(f.message for f in bare.findings if f.location and f.location.line == 4)
    assert message == "hard-coded AWS Access Key in 'AWS_SECRET_ACCESS_KEY'"


def test_fingerprints_follow_content_not_lines(make_app) -> None:
    first = discovery_report("a", scan(make_app({"a.py": f'GH = "{GITHUB}"\n'})), None).findings
    moved = discovery_report(
        "a", scan(make_app({"a.py": f'\n\n\nGH = "{GITHUB}"\n'})), None
    ).findings
    assert [f.fingerprint for f in first] == [f.fingerprint for f in moved]


def test_detect_secrets_reports_relative_paths(leaky: Path) -> None:
    texts = {"app.py": (leaky / "app.py").read_text()}
    found = scan_secrets(leaky, texts)
    assert {o.location.path for o in found} == {"app.py"}
    assert all(o.evidence and len(o.evidence) == 24 for o in found)


@pytest.mark.parametrize(
    "line",
    [
        'password = "your-password-here"',
        'SECRET_STORE = "secret-store"',
        'checksum_sha = "3f786850e387550fdab836ed7e6dc881de23001b"',
    ],
)
def test_noisy_detector_hits_are_dropped(make_app, line: str) -> None:
    assert not scan(make_app({"a.py": line + "\n"})).of(Kind.SECRET_LITERAL)


@pytest.mark.parametrize(
    ("line", "column", "name"),
    [
        ('    c = Client(api_key="sk-x")', 24, "api_key"),
        ('TOKEN: str = "x"', 15, "TOKEN"),
        ("export DB_PASSWORD=s3cr3t", 20, "DB_PASSWORD"),
        ('  "auth": "abc"', 11, "auth"),
        ("plain text", None, ""),
    ],
)
def test_variable_on(line: str, column: int | None, name: str) -> None:
    assert variable_on(line, column) == name


def test_report_json_names_kind_not_value(leaky: Path) -> None:
    data = json.loads(
        render([discovery_report(leaky, scan(leaky), None)], "json", tool_version="0")
    )
    assert "AWS Access Key" in json.dumps(data)


def test_minified_files_get_the_fast_token_check(make_app) -> None:
    line = "var a='" + "x1" * 3000 + f"';var t='{GITHUB}';"
    d = scan(make_app({"bundle.js": line + "\n"}))
    assert [(o.value, o.location.line) for o in d.of(Kind.SECRET_LITERAL)] == [("GitHub Token", 1)]
    (note,) = d.of(Kind.UNSCANNED)
    assert note.location.path == "bundle.js" and "minified" in note.value
