"""``lint_app``: every bundled example is clean; a broken copy of each reports exactly the
problems planted in it — nothing more, nothing less."""

from __future__ import annotations

import random
import shutil
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.lint.runner import CIRCUIT_PART, PROMPT_PART, lint_app, load_part
from microgate.policy import default_policy
from microgate.report.model import Outcome

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
APPS = ("team-notes", "support-assistant", "route-optimizer")
FAMILIES = list(default_policy().params["allowedModelFamilies"])


def _slack_token() -> str:
    rnd = random.Random(11)
    digits = "".join(rnd.choice(string.digits) for _ in range(12))
    tail = "".join(rnd.choice(string.ascii_lowercase + string.digits) for _ in range(24))
    return "xo" + "xb-" + digits + "-" + digits[::-1] + "-" + tail


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} no longer contains {old!r}: update the planted problem"
    path.write_text(text.replace(old, new))


def _break_team_notes(root: Path) -> set[tuple[str, str]]:
    (root / "notes_app" / "settings.yaml").write_text(
        f"notify:\n  channel: ops\n  slack_token: {_slack_token()}\n"
    )
    _append(
        root / "notes_app" / "summarise.py",
        "\n\ndef run_suggestion(client: OpenAI) -> object:\n"
        "    reply = client.chat.completions.create(model=MODEL, messages=[])\n"
        "    code = reply.choices[0].message.content\n"
        "    return eval(code)\n",
    )
    _replace(root / "prompts" / "summarise.yaml", "  maxTokens: 400\n", "")
    return {
        ("MG-S001", "notes_app/settings.yaml"),
        ("MG-S111", "notes_app/summarise.py"),
        ("MG-L008", "prompts/summarise.yaml"),
    }


def _break_support_assistant(root: Path) -> set[tuple[str, str]]:
    _append(
        root / "assistant" / "fallback.py",
        "\n\ndef ping_status_page(url: str) -> int:\n"
        "    import requests\n\n"
        "    return requests.get(url).status_code\n",
    )
    address = "maria.rossi" + "@" + "northwind-retail.com"
    prompt = root / "prompts" / "answer.yaml"
    _replace(prompt, "  </customer>\n", f"  </customer>\n  Escalations go to {address}.\n")
    _append(prompt, "  The customer last wrote: {{ message }}\n")
    return {
        ("MG-S107", "assistant/fallback.py"),
        ("MG-L005", "prompts/answer.yaml"),
        ("MG-L003", "prompts/answer.yaml"),
    }


def _break_route_optimizer(root: Path) -> set[tuple[str, str]]:
    _append(
        root / "optimizer" / "plan.py",
        "\n\ndef export_plan(command: str) -> None:\n"
        "    import subprocess\n\n"
        "    subprocess.run(command, shell=True, check=True)\n",
    )
    _replace(root / "circuits" / "bell.qasm", "measure q -> c;\n", "")
    return {("MG-S102", "optimizer/plan.py"), ("MG-Q007", "circuits/bell.qasm")}


BREAKERS: dict[str, Callable[[Path], set[tuple[str, str]]]] = {
    "team-notes": _break_team_notes,
    "support-assistant": _break_support_assistant,
    "route-optimizer": _break_route_optimizer,
}


def _copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLES / name, tmp_path / name))


def test_the_prompt_and_circuit_parts_are_wired() -> None:
    assert load_part(*PROMPT_PART) is not None
    assert load_part(*CIRCUIT_PART) is not None


@pytest.mark.parametrize("name", APPS)
def test_each_example_is_clean(name: str, tmp_path: Path) -> None:
    report = lint_app(_copy(name, tmp_path), allowed_families=FAMILIES)
    assert report.tool == "lint" and report.app == name
    assert [(f.rule_id, f.location) for f in report.findings] == []
    assert report.exit_code == 0
    assert report.summary["lintParts"]["secrets"] == "ran"


@pytest.mark.parametrize("name", APPS)
def test_a_broken_copy_reports_exactly_the_planted_problems(name: str, tmp_path: Path) -> None:
    root = _copy(name, tmp_path)
    planted = BREAKERS[name](root)
    report = lint_app(root, allowed_families=FAMILIES)
    found = {(f.rule_id, f.location.path) for f in report.findings if f.location}
    assert found == planted
    assert report.exit_code == 1


def _model_key() -> str:
    rnd = random.Random(5)
    return (
        "sk-"
        + "proj-"
        + "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(40))
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # detect-secrets reports the assignment; the AST rule would say the same: said once
        ("import openai\nopenai.api_key = '{key}'\n", {"MG-S001"}),
        # detect-secrets skips lines that look like `x = call(...)`: the AST rule catches it
        ("from openai import OpenAI\nc = OpenAI(api_key='{key}')\n", {"MG-S110"}),
    ],
    ids=["assignment", "constructor"],
)
def test_a_hard_coded_model_key_is_reported_once(
    tmp_path: Path, source: str, expected: set[str]
) -> None:
    (tmp_path / "bot.py").write_text(source.format(key=_model_key()))
    report = lint_app(tmp_path, allowed_families=FAMILIES)
    assert {f.rule_id for f in report.findings} == expected


def test_an_app_without_manifest_gets_secrets_and_python_parts(tmp_path: Path) -> None:
    (tmp_path / "tool.py").write_text("import os\nos.system('ls ' + input())\n")
    report = lint_app(tmp_path, allowed_families=FAMILIES)
    assert report.app == ""
    assert [f.rule_id for f in report.findings] == ["MG-S102"]
    parts = report.summary["lintParts"]
    assert parts["secrets"] == parts["python"] == "ran"
    assert parts["circuits"].startswith("skipped")


def test_every_rule_is_reported_once(tmp_path: Path) -> None:
    report = lint_app(_copy("team-notes", tmp_path), allowed_families=FAMILIES)
    ids = [r.rule.id for r in report.results]
    assert len(ids) == len(set(ids))
    assert {"MG-S001", "MG-S002", "MG-S100", "MG-S111"} <= set(ids)
    assert all(r.outcome in (Outcome.PASS, Outcome.SKIPPED) for r in report.results)


def test_update_baseline_accepts_the_planted_secret(tmp_path: Path) -> None:
    root = _copy("team-notes", tmp_path)
    _break_team_notes(root)
    report = lint_app(root, allowed_families=FAMILIES, update_baseline=True)
    assert report.summary["baseline"] == {
        "path": ".microgate/secrets.baseline", "kept": 0, "added": 1, "dropped": 0
    }  # fmt: skip
    assert "MG-S001" not in {f.rule_id for f in report.findings}


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        lint_app(tmp_path / "nope", allowed_families=FAMILIES)


def test_unavailable_parts_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import microgate.lint.runner as runner

    monkeypatch.setattr(runner, "PROMPT_PART", (("microgate.lint.no_such_part",), "lint"))
    report = lint_app(_copy("team-notes", tmp_path), allowed_families=FAMILIES)
    assert report.summary["lintParts"]["prompts"].startswith("unavailable")
