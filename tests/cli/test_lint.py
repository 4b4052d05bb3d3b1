"""``microgate lint``: formats, exit codes 0/1/2, baseline updates, registry runs, and the
pre-commit hook definitions."""

from __future__ import annotations

import json
import random
import shutil
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from microgate.cli.lint import lint_command, previous_prompts
from microgate.errors import InputError, UsageError
from microgate.report.render import FORMATS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _token() -> str:
    rnd = random.Random(3)
    return (
        "gh" + "p_" + "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(36))
    )


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    """A copy of team-notes with a token in a config file."""
    app = Path(shutil.copytree(EXAMPLES / "team-notes", tmp_path / "team-notes"))
    (app / "deploy.yaml").write_text(f"deploy:\n  github_token: {_token()}\n")
    return app


def _lint(capsys: pytest.CaptureFixture[str], paths: list[Path], fmt: str = "json",
          **kw: object) -> tuple[int, str, str]:  # fmt: skip
    code = lint_command(
        paths,
        fmt,
        kw.get("output"),  # type: ignore[arg-type]
        bool(kw.get("update", False)),
        list(kw.get("policy", [])),  # type: ignore[call-overload]
        record=bool(kw.get("record", False)),
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lint(capsys, [EXAMPLES])
    assert code == 0
    doc = json.loads(out)
    assert sorted(r["app"] for r in doc["reports"]) == sorted(
        ["route-optimizer", "support-assistant", "team-notes"]
    )
    assert all(r["tool"] == "lint" for r in doc["reports"])


def test_a_secret_exits_1_and_never_prints_the_value(
    leaky: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _lint(capsys, [leaky], "text")
    assert code == 1
    assert "MG-S001" in out and "deploy.yaml" in out
    assert _token() not in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders(leaky: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lint(capsys, [leaky], fmt)
    assert code == 1
    assert "MG-S001" in out
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "junit":
        ET.fromstring(out)


def test_output_file(leaky: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "lint.sarif"
    code, out, _ = _lint(capsys, [leaky], "sarif", output=target)
    assert code == 1 and out == ""
    sarif = json.loads(target.read_text())
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["MG-S001"]


def test_update_baseline_says_counts_then_passes(
    leaky: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _lint(capsys, [leaky], update=True)
    assert code == 0
    assert "secrets.baseline: 0 kept, 1 added, 0 dropped" in err
    assert (leaky / ".microgate" / "secrets.baseline").is_file()
    code, _, _ = _lint(capsys, [leaky])
    assert code == 0
    code, _, err = _lint(capsys, [leaky], update=True)
    assert "1 kept, 0 added, 0 dropped" in err


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"fmt": "yaml"}, UsageError, "--format"),
        ({"policy": ["missing-dir"]}, UsageError, "not a folder"),
    ],
    ids=["format", "policy-dir"],
)
def test_usage_errors(
    kwargs: dict[str, object], error: type[Exception], text: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    fmt = str(kwargs.pop("fmt", "json"))
    if "policy" in kwargs:
        kwargs["policy"] = [tmp_path / "missing-dir"]
    with pytest.raises(error, match=text):
        _lint(capsys, [EXAMPLES / "team-notes"], fmt, **kwargs)


def test_a_broken_baseline_is_an_input_error(
    leaky: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (leaky / ".microgate").mkdir()
    (leaky / ".microgate" / "secrets.baseline").write_text('{"version": 1, "entries": 3}\n')
    with pytest.raises(InputError, match=r"secrets\.baseline:1:\d+: at 'entries'"):
        _lint(capsys, [leaky])


def test_the_cli_exits_2_on_input_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from microgate.cli.main import run

    assert run(["lint", str(tmp_path / "nope")]) == 2
    assert "nope: not found" in capsys.readouterr().err


def test_a_lint_run_is_recorded_with_its_prompts(
    leaky: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from microgate.registry import Registry
    from microgate.store import open_store

    code, _, _ = _lint(capsys, [leaky], record=True)
    assert code == 1
    store = open_store()
    try:
        [run] = Registry(store).history("team-notes")
    finally:
        store.close()
    assert (run.kind, run.exit_code) == ("lint", 1)
    assert run.summary["blocking"] == ["MG-S001"]
    if run.summary.get("prompts"):  # prompt lint installed: the next run compares versions
        assert set(previous_prompts("team-notes")) == {"notes.summarise"}


def test_unknown_app_has_no_previous_prompts() -> None:
    assert previous_prompts("never-recorded") == {}


def test_pre_commit_hooks_define_lint_and_gate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hooks, list)
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"microgate-lint", "microgate-gate"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert by_id["microgate-lint"]["entry"] == "microgate lint"
    assert by_id["microgate-gate"]["entry"] == "microgate gate"


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("microgate.yaml", True),
        ("apps/notes/prompts/summarise.yaml", True),
        ("circuits/bell.qasm", True),
        ("notes_app/web.py", True),
        (".env", True),
        ("README.md", False),
        ("static/logo.png", False),
    ],
)
def test_lint_hook_runs_for_app_files(path: str, matches: bool) -> None:
    import re

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = next(h for h in hooks if h["id"] == "microgate-lint")["files"]
    assert bool(re.search(pattern, path)) is matches
