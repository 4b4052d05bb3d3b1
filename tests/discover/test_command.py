"""``discover_command`` (src/microgate/cli/discover.py): drafts, writes, reports, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from microgate.cli.discover import discover_command
from microgate.errors import InputError, UsageError
from microgate.manifest import load_manifest


def copy(fixtures: Path, app: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(fixtures / app, tmp_path / app))


def test_prints_a_draft_without_writing(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(fixtures, "desk-agent", tmp_path)
    assert discover_command([root], write=False, fmt="text", output=None) == 0
    out = capsys.readouterr().out
    assert out.startswith("# microgate.yaml drafted by 'microgate discover'")
    assert "name: desk-agent" in out
    assert not (root / "microgate.yaml").exists()


def test_write_creates_a_loadable_manifest(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(fixtures, "js-bot", tmp_path)
    assert discover_command([root], write=True, fmt="json", output=None) == 0
    captured = capsys.readouterr()
    assert "wrote" in captured.err
    assert load_manifest(root).name == "js-bot"
    assert json.loads(captured.out)  # the report of always-on rules, in the asked format


def test_write_never_overwrites(
    fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy(fixtures, "quantum-lab", tmp_path)
    before = (root / "microgate.yaml").read_bytes()
    assert discover_command([root], write=True, fmt="text", output=None) == 0
    assert (root / "microgate.yaml").read_bytes() == before
    captured = capsys.readouterr()
    assert "not overwritten" in captured.err
    assert "MG-D003" in captured.out


def test_report_to_output_file(fixtures: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "discover.sarif"
    assert (
        discover_command([fixtures / "quantum-lab"], write=False, fmt="sarif", output=target) == 0
    )
    sarif = json.loads(target.read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "MG-D003"


def test_manifest_file_path_is_accepted(fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert discover_command([fixtures / "tidy-app" / "microgate.yaml"], False, "text", None) == 0
    assert "tidy-app" in capsys.readouterr().out


def test_hard_coded_secret_exits_1(make_app, capsys: pytest.CaptureFixture[str]) -> None:
    token = "ghp_" + "x7Kq9mZ2pL4vN8rT1wY6bC3dF5gH0jK2sA9e"
    root = make_app({"a.py": f"GH = {token!r}\n"})
    assert discover_command([root], write=False, fmt="text", output=None) == 1
    out = capsys.readouterr().out
    assert "hard-coded GitHub Token in 'GH'" in out and token not in out


def test_several_apps_drafts_and_reports(
    fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = discover_command([fixtures / "tidy-app", fixtures / "js-bot"], False, "text", None)
    assert code == 0
    out = capsys.readouterr().out
    assert "tidy-app" in out and "name: js-bot" in out


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        discover_command([tmp_path / "no-such-app"], False, "text", None)
    assert "no-such-app" in str(err.value)


def test_plain_file_is_an_input_error(fixtures: Path) -> None:
    with pytest.raises(InputError, match="expected an app folder"):
        discover_command([fixtures / "tidy-app" / "requirements.txt"], False, "text", None)


def test_unknown_format_is_a_usage_error(fixtures: Path) -> None:
    with pytest.raises(UsageError, match="--format"):
        discover_command([fixtures / "tidy-app"], False, "yaml", None)


def test_invalid_manifest_propagates(make_app) -> None:
    root = make_app({"microgate.yaml": "apiVersion: microgate/v1\nname: Bad Name\n"})
    with pytest.raises(InputError, match=r"microgate\.yaml"):
        discover_command([root], False, "text", None)
