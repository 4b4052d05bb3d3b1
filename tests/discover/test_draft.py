"""Drafting a manifest, and its YAML round trip through the real loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from microgate.discover import draft_manifest, draft_yaml, review_notes, sanitise_name, scan
from microgate.manifest import load_manifest
from microgate.manifest.model import Manifest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
APPS = ["desk-agent", "js-bot", "quantum-lab", "tidy-app"]


def round_trip(manifest: Manifest, folder: Path, notes: list[str] | None = None) -> Manifest:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "microgate.yaml").write_text(draft_yaml(manifest, notes or []), encoding="utf-8")
    return load_manifest(folder)


@pytest.mark.parametrize("app", APPS)
def test_fixture_drafts_load_back_unchanged(fixtures: Path, tmp_path: Path, app: str) -> None:
    d = scan(fixtures / app)
    manifest = draft_manifest(d)
    assert round_trip(manifest, tmp_path / app, review_notes(d)) == manifest


@pytest.mark.parametrize("app", ["team-notes", "support-assistant", "route-optimizer"])
def test_example_drafts_load_back_unchanged(tmp_path: Path, app: str) -> None:
    if not (EXAMPLES / app).is_dir():
        pytest.skip(f"example {app} not present")
    manifest = draft_manifest(scan(EXAMPLES / app))
    assert round_trip(manifest, tmp_path / app) == manifest


def test_desk_agent_draft(fixtures: Path) -> None:
    m = draft_manifest(scan(fixtures / "desk-agent"))
    assert (m.name, m.owner, m.user_scope.value) == ("desk-agent", "unknown", "personal")
    assert [c.value for c in m.data_classes] == ["pii"]
    assert [(x.provider, x.family) for x in m.models] == [("openai", "gpt-4o-mini")]
    assert [i.host for i in m.integrations] == ["api.openai.com"]
    writes = {(f.path, f.mode.value) for f in m.access.filesystem}
    assert {("reports/summary.md", "write"), ("agent.log", "write"), ("*", "write")} <= writes
    assert m.access.commands == ["git", "notify-send"]
    assert m.packages == ["openai", "python-dotenv", "pyyaml"]
    assert [(s.name, s.ref) for s in m.secrets] == [("OPENAI_API_KEY", "env://OPENAI_API_KEY")]
    assert m.quantum is None


def test_js_bot_draft(fixtures: Path) -> None:
    m = draft_manifest(scan(fixtures / "js-bot"))
    assert [(x.provider, x.family, x.version) for x in m.models] == [
        ("anthropic", "claude-haiku", "3-5-20241022")
    ]
    assert {i.host for i in m.integrations} == {
        "api.anthropic.com",
        "api.weather.example",
        "hooks.chat.example",
    }
    assert [s.name for s in m.secrets] == ["ANTHROPIC_API_KEY"]  # CHANNEL_ID is not secret-like
    assert "@anthropic-ai/sdk" in m.packages


def test_quantum_draft_marks_hardware(fixtures: Path) -> None:
    q = draft_manifest(scan(fixtures / "quantum-lab")).quantum
    assert q is not None
    assert (q.backend, q.hardware, q.circuits, q.approval_required) == (
        "ibm_brisbane",
        True,
        ["circuits/bell.qasm"],
        True,
    )


def test_self_hosted_model_draft(make_app) -> None:
    src = (
        "from openai import OpenAI\nc = OpenAI(base_url='http://llm.internal.example:8000/v1')\n"
        "c.chat.completions.create(model='llama-3.1-8b-instruct', messages=[])\n"
    )
    m = draft_manifest(scan(make_app({"app.py": src})))
    (model,) = m.models
    assert (model.provider, model.family, model.version) == (
        "openai-compatible",
        "llama-3.1",
        "8b-instruct",
    )
    assert (model.base_url, model.endpoint.value) == (
        "http://llm.internal.example:8000/v1",
        "private",
    )
    assert [i.host for i in m.integrations] == ["llm.internal.example"]


def test_sdk_without_model_name_gets_unknown_family(make_app) -> None:
    m = draft_manifest(scan(make_app({"app.py": "import anthropic\n"})))
    assert [(x.provider, x.family) for x in m.models] == [("anthropic", "unknown")]
    assert "family 'unknown'" in draft_yaml(m)


def test_empty_app_drafts_a_minimal_valid_manifest(make_app, tmp_path: Path) -> None:
    root = make_app({}, name="Empty App!")
    m = draft_manifest(scan(root))
    assert m.name == "empty-app"
    assert round_trip(m, tmp_path / "out") == m


def test_name_argument_is_sanitised(fixtures: Path) -> None:
    assert draft_manifest(scan(fixtures / "js-bot"), name="My Bot_2").name == "my-bot-2"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Team Notes", "team-notes"),
        ("__x__", "x"),
        ("ÄÖÜ", "app"),
        ("a" * 80, "a" * 63),
        ("v1.2", "v1-2"),
    ],
)
def test_sanitise_name(text: str, name: str) -> None:
    assert sanitise_name(text) == name


def test_yaml_header_lists_what_to_review(fixtures: Path) -> None:
    d = scan(fixtures / "desk-agent")
    text = draft_yaml(draft_manifest(d), review_notes(d))
    header = text.split("apiVersion:")[0]
    assert all(line.startswith("#") for line in header.splitlines())
    for phrase in (
        "owner: 'unknown' is a placeholder",
        "'personal' is a guess",
        "dataClasses: pii",
        "writes to a path computed at run time",
    ):
        assert phrase in header
    assert "owner: unknown  # TODO" in text
    assert yaml.safe_load(text)["userScope"] == "personal"


def test_review_notes_name_hard_coded_secrets_without_values(make_app) -> None:
    token = "ghp_" + "x7Kq9mZ2pL4vN8rT1wY6bC3dF5gH0jK2sA9e"
    d = scan(make_app({"a.py": f"GH = {token!r}\n"}))
    notes = review_notes(d)
    assert notes == [
        "a.py:1:6: hard-coded GitHub Token in 'GH': move it out of the code and rotate it"
    ]
    assert token not in draft_yaml(draft_manifest(d), notes)


@pytest.mark.parametrize("app", APPS)
def test_a_draft_declares_everything_discovered(fixtures: Path, app: str) -> None:
    """Comparing an app with its own draft finds nothing undeclared (only always-on rules)."""
    from microgate.discover import undeclared

    d = scan(fixtures / app)
    left = [f.rule_id for f in undeclared(d, draft_manifest(d))]
    assert set(left) <= {"MG-D005", "MG-D010"}
