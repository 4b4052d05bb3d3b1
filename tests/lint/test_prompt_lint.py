"""``lint_prompts`` over whole apps: examples clean, broken copies report exactly what was
planted, load errors do not stop the rest, history feeds MG-L007."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from microgate.findings import Level
from microgate.lint.prompt import (
    RULE_IDS,
    Hit,
    PromptContext,
    PromptRule,
    lint_prompts,
    previous_prompt_versions,
    prompt_versions,
)
from microgate.lint.prompt.check import collect_prompts
from microgate.manifest import load_manifest
from microgate.policy import default_policy
from microgate.report.model import Outcome

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WITH_PROMPTS = ["team-notes", "support-assistant"]


def _allowed() -> list[str]:
    return list(default_policy().params["allowedModelFamilies"])


def _found(results: list) -> list[tuple[str, str, int | None]]:  # type: ignore[type-arg]
    return sorted(
        (f.rule_id, f.location.path, f.location.line) for r in results for f in r.findings
    )


@pytest.mark.parametrize("name", [*WITH_PROMPTS, "route-optimizer"])
def test_bundled_examples_are_clean(name: str) -> None:
    app = EXAMPLES / name
    results = lint_prompts(app, load_manifest(app), allowed_families=_allowed())
    assert [r.rule.id for r in results] == list(RULE_IDS)
    assert _found(results) == []
    expected = Outcome.PASS if name in WITH_PROMPTS else Outcome.SKIPPED
    assert {r.outcome for r in results} == {expected}


BREAKAGES = {
    "team-notes": (
        "prompts/summarise.yaml",
        [
            ("<notes>\n  {{ notes }}\n  </notes>", "Notes: {{ notes }} for {{ team }}"),
            ("  maxTokens: 400\n", ""),
        ],
        [("MG-L001", 11), ("MG-L003", 11), ("MG-L008", 4)],
    ),
    "support-assistant": (
        "prompts/answer.yaml",
        [
            ("version: 2.1.0\n", ""),
            ("claude-sonnet", "claude-2"),
            ("online shop.", "online shop (escalations: help@shop-support.net)."),
        ],
        [("MG-L005", 10), ("MG-L006", 1), ("MG-L009", 2), ("MG-L012", 2)],
    ),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_broken_copies_report_exactly_the_planted_problems(tmp_path: Path, name: str) -> None:
    rel, edits, expected = BREAKAGES[name]
    app = tmp_path / name
    shutil.copytree(EXAMPLES / name, app)
    text = (app / rel).read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    (app / rel).write_text(text)
    results = lint_prompts(app, load_manifest(app), allowed_families=_allowed())
    assert _found(results) == sorted((rule, rel, line) for rule, line in expected)
    assert all(r.outcome is Outcome.FAIL for r in results if r.findings)


def test_a_file_that_does_not_load_does_not_stop_the_others(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(EXAMPLES / "team-notes", app)
    (app / "prompts" / "broken.yaml").write_text("id: x.y\nmodelFamly: llama-3.1\ntemplate: hi\n")
    (app / "prompts" / "twin.yaml").write_text((app / "prompts" / "summarise.yaml").read_text())
    results = lint_prompts(app, load_manifest(app), allowed_families=_allowed())
    assert _found(results) == [
        ("MG-L000", "prompts/broken.yaml", 1),  # modelFamily missing
        ("MG-L000", "prompts/broken.yaml", 2),  # unknown key modelFamly
        ("MG-L000", "prompts/twin.yaml", 1),  # duplicate id
    ]
    messages = [f.message for r in results for f in r.findings]
    assert any("did you mean 'modelFamily'" in m for m in messages)
    assert results[0].blocking


def test_a_pattern_leaving_the_app_is_a_finding_on_the_manifest(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(EXAMPLES / "team-notes", app)
    manifest = load_manifest(app).model_copy(update={"prompts": ["../*.yaml", "prompts/*.yaml"]})
    results = lint_prompts(app, manifest, allowed_families=_allowed())
    assert _found(results) == [("MG-L000", "microgate.yaml", None)]
    assert "prompts[0]" in results[0].findings[0].message


def test_history_round_trip_feeds_version_not_bumped(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(EXAMPLES / "team-notes", app)
    prompts, _ = collect_prompts(app, ["prompts/*.yaml"])
    runs = [
        SimpleNamespace(summary={"prompts": prompt_versions(prompts)}),
        SimpleNamespace(
            summary={"prompts": {"notes.summarise": {"version": "0.1.0", "contentHash": "x"}}}
        ),
        SimpleNamespace(summary={"unrelated": 1}),
    ]
    previous = previous_prompt_versions(runs)
    assert previous == {"notes.summarise": ("1.0.0", prompts[0].identity.content_hash)}
    manifest = load_manifest(app)
    assert _found(lint_prompts(app, manifest, allowed_families=_allowed(), previous=previous)) == []
    path = app / "prompts" / "summarise.yaml"
    path.write_text(path.read_text().replace("two sections", "three sections"))
    assert _found(lint_prompts(app, manifest, allowed_families=_allowed(), previous=previous)) == [
        ("MG-L007", "prompts/summarise.yaml", 2)
    ]


def test_a_user_rule_uses_the_same_interface(tmp_path: Path) -> None:
    def shouting(ctx: PromptContext) -> Iterator[Hit]:
        if "ONLY" in ctx.artifact.template:
            yield Hit("the template shouts", ctx.prompt.line_of("template"))

    rule = PromptRule(
        "ORG-P001", "no-shouting", Level.WARNING, "Template shouts", "Write calmly.", shouting
    )
    app = tmp_path / "app"
    shutil.copytree(EXAMPLES / "team-notes", app)
    path = app / "prompts" / "summarise.yaml"
    path.write_text(path.read_text().replace("Use only", "Use ONLY"))
    results = lint_prompts(app, load_manifest(app), allowed_families=_allowed(), rules=[rule])
    assert [r.rule.id for r in results] == ["MG-L000", "ORG-P001"]
    finding = results[1].findings[0]
    assert finding.location is not None
    assert (finding.location.path, finding.location.line) == ("prompts/summarise.yaml", 9)
    assert finding.fix_hint == "Write calmly." and not results[1].blocking


def test_secret_values_never_reach_messages(tmp_path: Path) -> None:
    token = "sk-ant-api03-" + "Zq8xV2mN7pL4rT9w" * 2
    app = tmp_path / "app"
    shutil.copytree(EXAMPLES / "team-notes", app)
    path = app / "prompts" / "summarise.yaml"
    path.write_text(path.read_text().replace("Use only", f"Key {token}. Use only"))
    results = lint_prompts(app, load_manifest(app), allowed_families=_allowed())
    findings = [f for r in results for f in r.findings]
    assert [f.rule_id for f in findings] == ["MG-L004"]
    assert token not in repr(findings[0]) and token not in str(findings[0].to_dict())
