"""Static security of Python: every MG-S1xx rule with positive and negative fixtures."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from microgate.findings import Level
from microgate.lint.appfiles import read_app
from microgate.lint.pysec import RULES, python_findings, python_results
from microgate.report.model import Outcome

# A key-shaped value assembled at run time, so no credential-like literal is committed.
KEY = "sk-" + "proj-" + "Zq8w" * 6

CASES: list[tuple[str, str, set[tuple[str, int]]]] = [
    # (case id, source, expected {(rule id, line)})
    ("eval-input", "def f(x):\n    return eval(x)\n", {("MG-S101", 2)}),
    ("exec-input", "def f(x):\n    exec(x)\n", {("MG-S101", 2)}),
    ("literal-eval", "import ast\ndef f(x):\n    return ast.literal_eval(x)\n", set()),
    ("shell-true", "import subprocess\nsubprocess.run(cmd, shell=True)\n", {("MG-S102", 2)}),
    ("os-system", "import os\nos.system(cmd)\n", {("MG-S102", 2)}),
    ("arg-list", "import subprocess\nsubprocess.run(['ls', '-l'], check=True)\n", set()),
    ("pickle-loads", "import pickle\npickle.loads(b)\n", {("MG-S104", 1), ("MG-S103", 2)}),
    ("yaml-load", "import yaml\nyaml.load(text)\n", {("MG-S103", 2)}),
    ("yaml-safe", "import yaml\nyaml.safe_load(text)\n", set()),
    ("marshal", "import marshal\nmarshal.loads(b)\n", {("MG-S103", 2)}),
    ("verify-off", "import requests\nrequests.get(u, verify=False, timeout=3)\n",
     {("MG-S105", 2)}),
    ("verify-on", "import requests\nrequests.get(u, timeout=3)\n", set()),
    ("bind-all", "app.run(host='0.0.0.0')\n", {("MG-S106", 1)}),
    ("bind-local", "app.run(host='127.0.0.1')\n", set()),
    ("requests-no-timeout", "import requests\nrequests.post(u, json={})\n", {("MG-S107", 2)}),
    ("httpx-no-timeout", "import httpx\nhttpx.get(u)\n", {("MG-S107", 2)}),
    ("httpx-client-none", "import httpx\nc = httpx.Client(timeout=None)\n", {("MG-S107", 2)}),
    ("httpx-client-ok", "import httpx\nc = httpx.Client(timeout=5.0)\n", set()),
    ("httpx-kwargs", "import httpx\nhttpx.get(u, **opts)\n", set()),
    ("urlopen-none", "from urllib.request import urlopen\nurlopen(u)\n", {("MG-S107", 2)}),
    ("urlopen-positional", "from urllib.request import urlopen\nurlopen(u, None, 5)\n", set()),
    ("aiohttp-session", "import aiohttp\ns = aiohttp.ClientSession()\n", {("MG-S107", 2)}),
    ("aiohttp-ok", "import aiohttp\ns = aiohttp.ClientSession(timeout=t)\n", set()),
    ("tmp-path", "open('/tmp/cache.txt', 'w')\n", {("MG-S108", 1)}),
    ("tempfile", "import tempfile\ntempfile.mkstemp()\n", set()),
    ("md5", "import hashlib\nhashlib.md5(data)\n", {("MG-S109", 2)}),
    ("md5-not-security", "import hashlib\nhashlib.md5(data, usedforsecurity=False)\n", set()),
    ("sha256", "import hashlib\nhashlib.sha256(data)\n", set()),
    ("openai-literal", f"from openai import OpenAI\nc = OpenAI(api_key='{KEY}')\n",
     {("MG-S110", 2)}),
    ("anthropic-literal", "import anthropic as a\nc = a.Anthropic(api_key='k3y9Rz7Qw1')\n",
     {("MG-S110", 2)}),
    ("openai-env", "import os, openai\nc = openai.OpenAI(api_key=os.environ['OPENAI_API_KEY'])\n",
     set()),
    ("local-server-key", "from openai import OpenAI\nc = OpenAI(api_key='EMPTY')\n", set()),
    ("placeholder-key", "from openai import OpenAI\nc = OpenAI(api_key='your-api-key')\n", set()),
    ("module-key", f"import openai\nopenai.api_key = '{KEY}'\n", {("MG-S110", 2)}),
    ("environ-set", f"import os\nos.environ['OPENAI_API_KEY'] = '{KEY}'\n", {("MG-S110", 2)}),
    ("environ-setdefault", "import os\nos.environ.setdefault('NOTES_TOKEN', 'q7Wz9Lk2Pm')\n",
     {("MG-S110", 2)}),
    ("environ-plain", "import os\nos.environ['LOG_LEVEL'] = 'debug-verbose'\n", set()),
    ("llm-eval",
     "def f(c):\n    r = c.chat.completions.create()\n    code = r.choices[0].message.content\n"
     "    return eval(code)\n", {("MG-S111", 4)}),
    ("llm-shell-derived",
     "import subprocess\ndef f(m):\n    text = m.content[0].text\n    cmd = text.strip()\n"
     "    subprocess.run(cmd, shell=True)\n", {("MG-S111", 5)}),
    ("llm-direct", "import os\ndef f(r):\n    os.system(r.output_text)\n", {("MG-S111", 3)}),
    ("llm-json", "import json\ndef f(r):\n    return json.loads(r.choices[0].message.content)\n",
     set()),
    ("llm-other-scope",
     "def f(r):\n    code = r.choices[0].message.content\n    return code\n"
     "def g(code):\n    return len(code)\n", set()),
]  # fmt: skip


def _lint(tmp_path: Path, source: str) -> set[tuple[str, int]]:
    (tmp_path / "app.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return {
        (f.rule_id, f.location.line or 0) for f in python_findings(read_app(tmp_path)) if f.location
    }


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_table(tmp_path: Path, source: str, expected: set[tuple[str, int]]) -> None:
    assert _lint(tmp_path, source) == expected


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    positive = {rule for _, _, found in CASES for rule, _ in found}
    assert positive >= {r.info.id for r in RULES}
    assert any(not found for _, _, found in CASES)


def test_findings_carry_level_fix_hint_and_bandit_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\nos.system(x)\n")
    [finding] = python_findings(read_app(tmp_path))
    assert finding.level is Level.ERROR
    assert finding.fix_hint
    assert finding.properties["banditTest"] == "B605"
    assert finding.properties["severity"] == "HIGH"


def test_nosec_comment_is_honoured(tmp_path: Path) -> None:
    assert _lint(tmp_path, "import os\nos.system(x)  # nosec B605\n") == set()


def test_syntax_error_is_a_located_note_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("def f(:\n")
    findings = python_findings(read_app(tmp_path))
    assert [(f.rule_id, f.level, f.location.path if f.location else "") for f in findings] == [
        ("MG-S100", Level.NOTE, "broken.py")
    ]


def test_results_have_one_entry_per_rule(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("eval(x)\n")
    results = python_results(python_findings(read_app(tmp_path)))
    assert len(results) == len(RULES) + 1
    failed = [r.rule.id for r in results if r.outcome is Outcome.FAIL]
    assert failed == ["MG-S101"]
    assert [r.blocking for r in results if r.outcome is Outcome.FAIL] == [True]


def test_without_bandit_the_ast_rules_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "bandit", None)
    monkeypatch.setitem(sys.modules, "bandit.core", None)
    (tmp_path / "a.py").write_text("import os, httpx\nos.system(x)\nhttpx.get(u)\n")
    found = {(f.rule_id, f.location.line if f.location else None) for f in python_findings(
        read_app(tmp_path))}  # fmt: skip
    assert found == {("MG-S100", None), ("MG-S107", 3)}
