"""Undocumented dependencies: code vs manifest, one table row per rule behaviour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from microgate.discover import scan, undeclared
from microgate.findings import Finding
from microgate.manifest.model import Manifest

BRAKET_QPU = (
    "from braket.aws import AwsDevice\n"
    "AwsDevice('arn:aws:braket:us-east-1::device/qpu/ionq/Aria-1')"
)


def manifest(**extra: Any) -> Manifest:
    base = {"apiVersion": "microgate/v1", "name": "app", "owner": "team", "userScope": "team"}
    return Manifest.model_validate({**base, **extra})


def findings(make_app, src: str, **extra: Any) -> list[Finding]:
    return undeclared(scan(make_app({"app.py": src})), manifest(**extra))


CASES = [
    # MG-D001 hosts
    pytest.param(
        "import requests\nrequests.get('https://api.weather.example/v1')",
        {},
        [("MG-D001", "add under integrations: - host: api.weather.example")],
        id="host-undeclared",
    ),
    pytest.param(
        "import requests\nrequests.get('https://api.weather.example/v1')",
        {"integrations": [{"host": "api.weather.example"}]},
        [],
        id="host-declared",
    ),
    pytest.param(
        "U = 'https://eu.api.weather.example:8443/x'",
        {"integrations": [{"host": "*.weather.example"}]},
        [],
        id="host-wildcard",
    ),
    pytest.param(
        "U = 'https://weather.example/x'",
        {"integrations": [{"host": "*.weather.example"}]},
        [("MG-D001", "add under integrations: - host: weather.example")],
        id="wildcard-not-apex",
    ),
    pytest.param(
        "U = 'http://localhost:8080/x'\nV = 'http://127.0.0.1:9/'", {}, [], id="loopback-ignored"
    ),
    pytest.param(
        "U = 'https://api.openai.com/v1'",
        {"models": [{"provider": "openai", "family": "gpt-4o"}]},
        [],
        id="model-host-declared-by-models",
    ),
    pytest.param(
        "U = 'https://api.openai.com/v1'",
        {
            "integrations": [{"host": "api.openai.com"}],
            "models": [{"provider": "openai", "family": "gpt-4o"}],
        },
        [],
        id="model-host-in-integrations",
    ),
    pytest.param(
        "U = 'https://api.openai.com/v1'",
        {},
        [("MG-D002", "add under models: - {provider: openai, family: <model family>}")],
        id="model-host-reported-once-as-d002",
    ),
    pytest.param(
        "U = 'http://llm.internal.example:8000/v1'",
        {
            "models": [
                {
                    "provider": "vllm",
                    "family": "llama-3.1",
                    "baseUrl": "http://llm.internal.example:8000/v1",
                }
            ]
        },
        [],
        id="host-in-base-url",
    ),
    # MG-D002 models
    pytest.param(
        "import anthropic",
        {},
        [("MG-D002", "add under models: - {provider: anthropic, family: <model family>}")],
        id="sdk-undeclared",
    ),
    pytest.param(
        "import anthropic\nanthropic.Anthropic().messages.create(model='claude-3-5-haiku-latest')",
        {},
        [("MG-D002", "add under models: - {provider: anthropic, family: claude-haiku}")],
        id="sdk-undeclared-with-family",
    ),
    pytest.param(
        "import openai",
        {"models": [{"provider": "vllm", "family": "llama-3.1"}]},
        [],
        id="openai-client-for-compatible-provider",
    ),
    pytest.param(
        "import openai",
        {"models": [{"provider": "anthropic", "family": "claude-sonnet"}]},
        [("MG-D002", "add under models: - {provider: openai, family: <model family>}")],
        id="wrong-provider",
    ),
    pytest.param(
        "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-2024-08-06')",
        {"models": [{"provider": "openai", "family": "gpt-4o"}]},
        [],
        id="family-declared",
    ),
    pytest.param(
        "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4.1')",
        {"models": [{"provider": "openai", "family": "gpt-4o"}]},
        [("MG-D002", "add under models: - {provider: openai, family: gpt-4.1}")],
        id="family-undeclared",
    ),
    pytest.param(
        "from langchain_community.llms import Ollama",
        {"models": [{"provider": "ollama", "family": "x"}]},
        [],
        id="framework-declared-by-any-model",
    ),
    # MG-D003 quantum
    pytest.param(
        "from qiskit_aer import AerSimulator\nAerSimulator()",
        {},
        [
            (
                "MG-D003",
                "add a quantum section: quantum: {backend: aer_simulator, "
                "hardware: false, circuits: []}",
            )
        ],
        id="quantum-undeclared",
    ),
    pytest.param(
        "from qiskit_aer import AerSimulator\nAerSimulator()",
        {"quantum": {"backend": "aer_simulator"}},
        [],
        id="quantum-declared",
    ),
    pytest.param(
        BRAKET_QPU,
        {"quantum": {"backend": "braket_local"}},
        [("MG-D003", "set quantum.hardware: true, with approvalRequired: true and a cost budget")],
        id="hardware-not-declared",
    ),
    pytest.param(
        BRAKET_QPU,
        {"quantum": {"backend": "ionq", "hardware": True}},
        [],
        id="hardware-declared",
    ),
    # MG-D004 secrets
    pytest.param(
        "import os\nos.environ['WEATHER_API_TOKEN']\nos.getenv('LOG_LEVEL')",
        {},
        [
            (
                "MG-D004",
                "add under secrets: - {name: WEATHER_API_TOKEN, ref: env://WEATHER_API_TOKEN}",
            )
        ],
        id="secret-env-undeclared",
    ),
    pytest.param(
        "import os\nos.environ['OPENAI_API_KEY']",
        {"secrets": [{"name": "OPENAI_API_KEY", "ref": "vault://kv/app#openai"}]},
        [],
        id="secret-by-name",
    ),
    pytest.param(
        "import os\nos.environ['OPENAI_API_KEY']",
        {"secrets": [{"name": "openai", "ref": "env://OPENAI_API_KEY"}]},
        [],
        id="secret-by-ref",
    ),
    # MG-D006 file writes
    pytest.param(
        "open('out/report.txt', 'w')",
        {},
        [("MG-D006", "add under access.filesystem: - {path: out/report.txt, mode: write}")],
        id="write",
    ),
    pytest.param(
        "open('out/report.txt', 'w')",
        {"access": {"filesystem": [{"path": "out/"}]}},
        [("MG-D006", "add under access.filesystem: - {path: out/report.txt, mode: write}")],
        id="write-declared-read-only",
    ),
    pytest.param(
        "open('out/report.txt', 'w')",
        {"access": {"filesystem": [{"path": "out", "mode": "write"}]}},
        [],
        id="write-under-declared-folder",
    ),
    pytest.param(
        "open('./logs/a.log', 'a')",
        {"access": {"filesystem": [{"path": "logs/*.log", "mode": "write"}]}},
        [],
        id="write-glob",
    ),
    pytest.param("open('in.txt')", {}, [], id="read-not-reported"),
    pytest.param(
        "def f(p):\n    open(p, 'w')",
        {},
        [("MG-D006", "add under access.filesystem: - {path: <path>, mode: write}")],
        id="dynamic-write",
    ),
    pytest.param(
        "def f(p):\n    open(p, 'w')",
        {"access": {"filesystem": [{"path": "exports/", "mode": "write"}]}},
        [],
        id="dynamic-write-with-some-write-access",
    ),
    # MG-D007 commands
    pytest.param(
        "import subprocess\nsubprocess.run(['git', 'pull'])",
        {},
        [("MG-D007", "add under access.commands: - git")],
        id="command",
    ),
    pytest.param(
        "import subprocess\nsubprocess.run(['/usr/bin/git', 'pull'])",
        {"access": {"commands": ["git"]}},
        [],
        id="command-declared",
    ),
    pytest.param(
        "import subprocess\ndef f(c):\n    subprocess.run(c, shell=True)",
        {"access": {"commands": ["git"]}},
        [("MG-D007", "add under access.commands: - <command>")],
        id="dynamic-command",
    ),
    # MG-D008 packages
    pytest.param(
        "import yaml\nimport requests",
        {"packages": ["PyYAML>=6"]},
        [("MG-D008", "add under packages: - requests")],
        id="package",
    ),
    # MG-D009 data classes
    pytest.param(
        "customer_email = ''\nsalary = 1",
        {"dataClasses": ["pii"]},
        [("MG-D009", "add under dataClasses: - financial")],
        id="data-class",
    ),
]


@pytest.mark.parametrize(("src", "extra", "expected"), CASES)
def test_undeclared(
    make_app, src: str, extra: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    packages_too = any(rule == "MG-D008" for rule, _ in expected)  # else imports are not the point
    got = [(f.rule_id, f.fix_hint) for f in findings(make_app, src, **extra)]
    assert [g for g in got if packages_too or g[0] != "MG-D008"] == expected


def test_finding_shape(make_app) -> None:
    (f,) = findings(
        make_app, "import os\n\nimport subprocess\nsubprocess.run('ls -la', shell=True)"
    )
    assert (f.rule_id, f.level.value) == ("MG-D007", "warning")
    expected = "runs 'ls' through a shell (shell=True) (subprocess.run)"
    assert f.message == expected + " not declared under access.commands"
    assert f.location is not None and (f.location.path, f.location.line) == ("app.py", 4)
    assert f.evidence == "ls" and f.properties == {"command": "ls"}


def test_levels(make_app) -> None:
    src = "import os, requests\nrequests.get('https://x.example/')\nos.environ['A_TOKEN']\n"
    levels = {f.rule_id: f.level.value for f in findings(make_app, src)}
    assert levels == {"MG-D001": "warning", "MG-D004": "warning", "MG-D008": "note"}


def test_one_finding_per_thing_at_first_place(make_app) -> None:
    src = "import requests\nA = 'https://x.example/a'\nB = 'https://x.example/b'\n"
    (f,) = [f for f in findings(make_app, src, packages=["requests"]) if f.rule_id == "MG-D001"]
    assert f.location is not None and f.location.line == 2


def test_data_class_findings_group_hints_per_file(make_app) -> None:
    root = make_app({"a.py": "email = phone = ''\n", "b.py": "ssn = ''\n"})
    got = [
        (f.location.path if f.location else "", f.message)
        for f in undeclared(scan(root), manifest())
    ]
    assert got == [
        (
            "a.py",
            "code suggests pii data (email ('email'), phone "
            "('phone')) but dataClasses does not list it",
        ),
        ("b.py", "code suggests pii data (ssn ('ssn')) but dataClasses does not list it"),
    ]


def test_fully_declared_fixture_has_no_findings(fixtures: Path) -> None:
    from microgate.manifest import load_manifest

    root = fixtures / "tidy-app"
    assert undeclared(scan(root), load_manifest(root)) == []


def test_imports_in_test_code_are_development_dependencies(make_app) -> None:  # type: ignore[no-untyped-def]
    from microgate.discover import scan, undeclared
    from microgate.manifest.model import Manifest

    root = make_app({
        "app.py": "import requests\n",
        "tests/test_app.py": "import pytest\nimport hypothesis\n",
        "conftest.py": "import freezegun\n",
        "web.test.ts": "import { vi } from 'vitest'\n",
    })
    manifest = Manifest.model_validate({
        "apiVersion": "microgate/v1", "name": "a", "owner": "o", "userScope": "team",
        "packages": ["requests"],
    })
    packages = [f for f in undeclared(scan(root), manifest) if f.rule_id == "MG-D008"]
    assert packages == []
