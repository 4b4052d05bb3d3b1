"""The plugin as users load it: a separate pytest run with ``-p microgate.evals.pytest_plugin``
(``-p no:microgate`` first, so an installed entry point does not load it twice)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.slow  # each test starts a pytest run (about 2 s each)

TEST_FILE = '''
import os
import pytest
from microgate.providers import ChatRequest

KEY = "sk-" + "Ab3dE6gH9jK2mN5pQ8sT" + "T3Blbk" + "FJ" + "uV1wX4yZ7aB0cD3eF6gH"


def test_chat(llm_cassette):
    provider = llm_cassette.provider("openai", base_url=os.environ["LOOPBACK_URL"], api_key=KEY)
    assert provider.complete(ChatRequest.of("m", "hello")).text == "echo: hello"


@pytest.mark.llm_cassette(name="shared-name", scrub_fields=["customer_email"])
def test_marker(llm_cassette):
    client = llm_cassette.http_client()
    client.post(os.environ["LOOPBACK_URL"] + "/v1/chat/completions",
                json={"model": "m", "customer_email": "jane@corp.example",
                      "order_note": "fragile",
                      "messages": [{"role": "user", "content": "x"}]})


def test_unanswered(mock_llm):
    try:
        mock_llm.complete(ChatRequest.of("m", "nobody configured this"))
    except LookupError:
        pass  # code under test that swallows errors must not hide the gap
'''


def run_pytest(folder: Path, *args: str, url: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOOPBACK_URL": url}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:microgate", "-p",
         "microgate.evals.pytest_plugin", "-p", "no:cacheprovider", "-q", "-rA", *args],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def make_project(tmp_path: Path, ini: str = "") -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n" + textwrap.dedent(ini))
    (tmp_path / "test_app.py").write_text(TEST_FILE)
    return tmp_path


def test_replay_only_by_default_and_a_missing_cassette_says_how_to_record(
    tmp_path: Path, loopback_model: Any
) -> None:
    project = make_project(tmp_path)
    result = run_pytest(project, "test_app.py::test_chat", url=loopback_model.url)
    assert result.returncode == 1, result.stdout
    expected = project / "cassettes" / "test_chat.yaml"
    assert f"cassette {expected} does not exist" in result.stdout
    assert "pytest --llm-record=once test_app.py::test_chat" in result.stdout
    assert loopback_model.received == []


def test_record_once_then_replay_without_calls(tmp_path: Path, loopback_model: Any) -> None:
    project = make_project(tmp_path, "llm_scrub_fields =\n    order_note\n")
    first = run_pytest(project, "--llm-record=once", "-k", "chat or marker",
                       url=loopback_model.url)
    assert first.returncode == 0, first.stdout + first.stderr
    assert len(loopback_model.received) == 2
    chat = (project / "cassettes" / "test_chat.yaml").read_text()
    named = yaml.safe_load((project / "cassettes" / "shared-name.yaml").read_text())
    assert "T3Blbk" not in chat and "<REDACTED>" in chat
    body = named["interactions"][0]["request"]["json"]
    assert body["customer_email"] == body["order_note"] == "<REDACTED>"

    second = run_pytest(project, "-k", "chat or marker", url=loopback_model.url)
    assert second.returncode == 0, second.stdout
    assert len(loopback_model.received) == 2  # replayed, not called

    third = run_pytest(project, "--llm-record=all", "-k", "chat", url=loopback_model.url)
    assert third.returncode == 0 and len(loopback_model.received) == 3


def test_changed_request_fails_the_test_in_replay(tmp_path: Path, loopback_model: Any) -> None:
    project = make_project(tmp_path)
    assert run_pytest(project, "--llm-record=once", "-k", "chat",
                      url=loopback_model.url).returncode == 0
    (project / "test_app.py").write_text(TEST_FILE.replace('"hello")).text', '"bye")).text'))
    result = run_pytest(project, "-k", "chat", url=loopback_model.url)
    assert result.returncode == 1
    assert "has no unused recording" in result.stdout


def test_unanswered_mock_request_fails_at_teardown(tmp_path: Path) -> None:
    result = run_pytest(make_project(tmp_path), "-k", "unanswered")
    assert result.returncode == 1
    assert "mock_llm had no canned reply for: 'nobody configured this'" in result.stdout


def test_bad_record_mode_is_a_usage_error(tmp_path: Path) -> None:
    result = run_pytest(make_project(tmp_path), "--llm-record=sometimes")
    assert result.returncode == 4
    assert "invalid choice" in result.stderr


def test_option_is_documented_in_help(tmp_path: Path) -> None:
    result = run_pytest(make_project(tmp_path), "--help")
    assert "--llm-record={none,once,all}" in result.stdout
