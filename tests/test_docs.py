"""Docs are part of the feature: undocumented keys, commands and rules fail here."""

from __future__ import annotations

import re
from pathlib import Path

from microgate.manifest.model import Manifest
from microgate.yamlio.validate import _unwrap

ROOT = Path(__file__).resolve().parent.parent


def _manifest_keys(model: type = Manifest, prefix: str = "") -> list[str]:
    keys = []
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        path = prefix + (info.alias or name)
        keys.append(path)
        for sub in _unwrap(info.annotation):
            keys += _manifest_keys(sub, path + ("[]." if "list" in str(info.annotation) else "."))
    return keys


def test_every_manifest_key_is_documented() -> None:
    text = (ROOT / "docs" / "manifest.md").read_text()
    missing = [k for k in _manifest_keys() if f"`{k}`" not in text]
    assert not missing, f"docs/manifest.md lacks: {missing}"


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_quick_start_has_exactly_two_one_line_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2, commands


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = _quick_start_commands()[1]
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()


def test_every_policy_rule_is_documented() -> None:
    from microgate.policy import default_policy

    text = (ROOT / "docs" / "policy.md").read_text()
    missing = [r.id for r in default_policy().rules if f"| {r.id} | `{r.name}` |" not in text]
    assert not missing, f"docs/policy.md lacks rows for {missing}"


def test_every_classification_rule_is_documented() -> None:
    from microgate.classify import RULES

    text = (ROOT / "docs" / "classification.md").read_text()
    missing = [r.id for r in RULES if f"| {r.id} | `{r.title}` | {r.tier.value} |" not in text]
    assert not missing, f"docs/classification.md lacks rows for {missing}"


def test_every_discovery_rule_is_documented() -> None:
    from microgate.discover import RULES

    text = (ROOT / "docs" / "discover.md").read_text()
    rules = RULES.values() if isinstance(RULES, dict) else RULES
    missing = [r.id for r in rules if f"| {r.id} | `{r.name}` |" not in text]
    assert not missing, f"docs/discover.md lacks rows for {missing}"


def _cli_commands() -> list[str]:
    from typer.main import get_command

    from microgate.cli.main import app

    group = get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names += [f"{name} {sub}" for sub in subcommands]
        else:
            names.append(name)
    return names


def test_every_cli_command_is_in_the_readme_reference() -> None:
    readme = (ROOT / "README.md").read_text()
    reference = readme.split("## CLI reference", 1)[1].split("\n## ", 1)[0]
    missing = []
    for name in _cli_commands():
        group, _, sub = name.partition(" ")
        pattern = rf"`microgate {re.escape(group)}" + (rf"[^`]*\b{re.escape(sub)}\b" if sub else "")
        if not re.search(pattern, reference):
            missing.append(name)
    assert not missing, f"README CLI reference lacks: {missing}"


def test_the_scenario_example_in_the_simulator_guide_loads() -> None:
    from microgate.simulator import parse_scenario

    text = (ROOT / "docs" / "simulator.md").read_text()
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    scenario = parse_scenario(block, "docs/simulator.md")
    assert scenario.seed == 7
