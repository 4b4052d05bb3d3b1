"""``microgate prompts list`` and ``prompts render`` as command functions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from microgate.cli.prompts import prompts_list_command, prompts_render_command
from microgate.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert prompts_list_command(EXAMPLES / "support-assistant", "text") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["ID", "VERSION", "HASH", "FILE"]
    row = out[1].split()
    assert row[:2] == ["support.answer", "2.1.0"] and len(row[2]) == 12
    assert row[3] == "prompts/answer.yaml"


def test_list_json_from_the_manifest_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert prompts_list_command(EXAMPLES / "team-notes" / "microgate.yaml", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["version"], r["file"]) for r in rows] == [
        ("notes.summarise", "1.0.0", "prompts/summarise.yaml")
    ]
    assert len(rows[0]["contentHash"]) == 64


def test_list_rejects_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown format"):
        prompts_list_command(EXAMPLES / "team-notes", "xml")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_render_to_stdout(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / f"vars{suffix}"
    values.write_text('{"order_facts": "order 42 shipped", "message": "where is it?"}')
    assert (
        prompts_render_command(EXAMPLES / "support-assistant", "support.answer", values, None) == 0
    )
    out = capsys.readouterr().out
    assert "<order>order 42 shipped</order>" in out and "where is it?\n</customer>" in out


def test_render_to_a_file(tmp_path: Path) -> None:
    values = tmp_path / "vars.yaml"
    values.write_text("notes: |\n  Decided: ship friday\n")
    target = tmp_path / "out" / "prompt.txt"
    assert prompts_render_command(EXAMPLES / "team-notes", "notes.summarise", values, target) == 0
    assert "<notes>\nDecided: ship friday\n\n</notes>" in target.read_text()


def test_unknown_id_suggests_the_closest(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"did you mean 'notes\.summarise'"):
        prompts_render_command(EXAMPLES / "team-notes", "notes.summarize", None, None)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("notes: 3\n", "expected string"),
        ("- a\n", "expected a mapping of variable names"),
        ("notes: [\n", "YAML syntax error"),
        ("{}\n", "required variable of type string is missing"),
    ],
)
def test_bad_values_name_the_vars_file(tmp_path: Path, content: str, words: str) -> None:
    values = tmp_path / "vars.yaml"
    values.write_text(content)
    with pytest.raises(InputError, match=words) as info:
        prompts_render_command(EXAMPLES / "team-notes", "notes.summarise", values, None)
    assert info.value.source == str(values)


def test_app_without_manifest_uses_default_patterns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(EXAMPLES / "team-notes" / "prompts", tmp_path / "prompts")
    assert prompts_list_command(tmp_path, "text") == 0
    assert "notes.summarise" in capsys.readouterr().out


def test_missing_app_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        prompts_list_command(tmp_path / "nope", "text")
