"""Declared dependencies from each kind of dependency file, through scan()."""

from __future__ import annotations

import json

import pytest

from microgate.discover import Kind, scan

PYPROJECT = """\
[project]
name = "Notes_App"
dependencies = ["Flask>=3.0", "requests[socks]>=2.31 ; python_version >= '3.11'"]

[project.optional-dependencies]
llm = ["openai>=1.40", "notes-app[extra]"]

[dependency-groups]
dev = ["pytest>=8", {include-group = "lint"}]

[tool.poetry.dependencies]
python = "^3.11"
PyYAML = "^6.0"

[tool.poetry.group.docs.dependencies]
mkdocs = "*"
"""

PACKAGE_LOCK_V3 = {
    "name": "bot",
    "lockfileVersion": 3,
    "packages": {
        "": {"dependencies": {"openai": "^4"}, "devDependencies": {"vitest": "^1"}},
        "node_modules/openai": {"version": "4.0.0"},
        "node_modules/undici": {"version": "6.0.0"},
    },
}

CASES = [
    pytest.param(
        {
            "requirements.txt": "# top\nFlask>=3\n\n-r requirements/base.txt\n"
            "--index-url https://pypi.example/simple\n"
            "-e .\nhttps://files.example/pkg.whl\nrequests==2.32.3  # pinned\n",
            "requirements/base.txt": "PyYAML>=6\nqiskit_aer\n",
        },
        {"flask", "requests", "pyyaml", "qiskit-aer"},
        id="requirements-with-include",
    ),
    pytest.param(
        {"requirements-dev.txt": "pytest\nruff\n"}, {"pytest", "ruff"}, id="requirements-dev"
    ),
    pytest.param(
        {"pyproject.toml": PYPROJECT},
        {"flask", "requests", "openai", "pytest", "pyyaml", "mkdocs"},
        id="pyproject",
    ),
    pytest.param(
        {
            "Pipfile": "[packages]\nrequests = '*'\nfastapi "
            "= '>=0.110'\n[dev-packages]\npytest = '*'\n"
        },
        {"requests", "fastapi", "pytest"},
        id="pipfile",
    ),
    pytest.param(
        {
            "package.json": json.dumps(
                {
                    "dependencies": {"@anthropic-ai/sdk": "^0.30", "axios": "^1"},
                    "devDependencies": {"typescript": "^5"},
                }
            )
        },
        {"@anthropic-ai/sdk", "axios", "typescript"},
        id="package-json",
    ),
    pytest.param(
        {"package-lock.json": json.dumps(PACKAGE_LOCK_V3)},
        {"openai", "vitest"},
        id="package-lock-v3",
    ),
    pytest.param(
        {"package-lock.json": json.dumps({"lockfileVersion": 1, "dependencies": {"left-pad": {}}})},
        {"left-pad"},
        id="package-lock-v1",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_declared_packages(make_app, files: dict[str, str], expected: set[str]) -> None:
    d = scan(make_app(files))
    assert set(d.values(Kind.PACKAGE)) == expected
    assert not d.of(Kind.UNSCANNED)


def test_package_locations(make_app) -> None:
    d = scan(make_app({"pyproject.toml": PYPROJECT}))
    flask = d.first(Kind.PACKAGE, "flask")
    assert flask is not None and (flask.location.path, flask.location.line) == ("pyproject.toml", 3)
    pyyaml = d.first(Kind.PACKAGE, "pyyaml")
    assert pyyaml is not None and pyyaml.location.line == 13


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "poetry.lock",
            '[[package]]\nname = "Requests"\nversion = "2.32.3"\n\n'
            '[[package]]\nname = "urllib3"\nversion = "2.2.0"\n',
        ),
        (
            "uv.lock",
            'version = 1\n[[package]]\nname = "me"\nversion '
            '= "0.1"\nsource = { editable = "." }\n\n'
            '[[package]]\nname = "requests"\nversion = "2.32.3"\n\n'
            '[[package]]\nname = "urllib3"\nversion = "2.2.0"\n',
        ),
    ],
)
def test_lock_files_are_recorded_as_locked_not_declared(make_app, name: str, text: str) -> None:
    d = scan(make_app({name: text}))
    assert d.values(Kind.LOCKED_PACKAGE) == ["requests", "urllib3"]
    assert d.first(Kind.LOCKED_PACKAGE, "requests").detail == "2.32.3"  # type: ignore[union-attr]
    assert not d.of(Kind.PACKAGE)


@pytest.mark.parametrize(
    ("files", "why"),
    [
        ({"pyproject.toml": "[project\nname = 1"}, "TOML syntax error"),
        ({"package.json": "{ not json"}, "JSON syntax error"),
        ({"requirements.txt": "-r ../outside.txt\n"}, "outside the app folder"),
        ({"requirements.txt": "-r missing.txt\n"}, "not found"),
    ],
)
def test_unreadable_dependency_files_are_noted(make_app, files: dict[str, str], why: str) -> None:
    d = scan(make_app(files))
    notes = d.of(Kind.UNSCANNED)
    assert len(notes) == 1 and why in notes[0].value


def test_requirement_include_cycles_terminate(make_app) -> None:
    d = scan(
        make_app(
            {
                "requirements.txt": "-r requirements-b.txt\nflask\n",
                "requirements-b.txt": "-r requirements.txt\nhttpx\n",
            }
        )
    )
    assert set(d.values(Kind.PACKAGE)) == {"flask", "httpx"}


def test_imports_exclude_stdlib_and_local_modules(make_app) -> None:
    root = make_app(
        {
            "app/main.py": "import json, typing\nimport helpers\n"
            "from app import util\nimport numpy as np\n",
            "app/util.py": "",
            "helpers.py": "import sklearn\n",
        }
    )
    assert set(scan(root).values(Kind.IMPORT)) == {"numpy", "scikit-learn"}
