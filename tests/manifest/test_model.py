"""Manifest schema: valid documents, located errors, JSON Schema export."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from microgate.errors import InputError
from microgate.manifest import Manifest, json_schema, load_manifest
from microgate.yamlio import load_yaml_text, validate_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MINIMAL = "apiVersion: microgate/v1\nname: demo\nowner: me\nuserScope: personal\n"


def _errors(text: str) -> str:
    with pytest.raises(InputError) as info:
        validate_document(Manifest, load_yaml_text(text, source="m.yaml"))
    return str(info.value)


@pytest.mark.parametrize("app", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_examples_load(app: str) -> None:
    manifest = load_manifest(EXAMPLES / app)
    assert manifest.name == app


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL + "userscope: team\n",
            "m.yaml:5:1: at 'userscope': unknown key (did you mean 'userScope'?)",
        ),
        (
            MINIMAL.replace("personal", "everyone"),
            "at 'userScope': got 'everyone'; expected 'personal', 'team', 'org' or 'external'",
        ),
        (
            MINIMAL + "runtime:\n  latencySloMs: fast\n",
            "m.yaml:6:17: at 'runtime.latencySloMs': expected a whole number",
        ),
        (
            MINIMAL + "models:\n  - provider: openai\n    famly: gpt-4o\n",
            "at 'models[0].famly': unknown key (did you mean 'family'?)",
        ),
        (
            MINIMAL + "models:\n  - provider: openai\n",
            "at 'models[0].family': required key is missing",
        ),
        (
            MINIMAL + "secrets:\n  - name: K\n    ref: sk-live-123\n",
            "expected a reference 'env://NAME' or 'vault://path#key'",
        ),
        (
            MINIMAL.replace("microgate/v1", "microgate/v2"),
            "at 'apiVersion': got 'microgate/v2'; expected 'microgate/v1'",
        ),
        (MINIMAL.replace("demo", "My App"), "at 'name': expected lower-case letters"),
        (MINIMAL + "integrations:\n  - host: https://api.x.example/v1\n", "not a URL"),
        (MINIMAL + "cadence: scheduled\n", "needs a 'schedule'"),
        ("- just\n- a list\n", "expected a mapping of keys to values at the top, got a list"),
    ],
    ids=[
        "unknown-key",
        "bad-enum",
        "wrong-type",
        "nested-unknown",
        "missing",
        "inline-secret",
        "api-version",
        "bad-name",
        "url-as-host",
        "schedule",
        "not-a-mapping",
    ],
)
def test_located_errors(text: str, expected: str) -> None:
    assert expected in _errors(text)


def test_every_problem_is_reported_at_once() -> None:
    message = _errors("apiVersion: microgate/v1\nname: x\nownr: me\nuserScope: nobody\n")
    assert "at 'owner': required key is missing" in message
    assert "at 'ownr': unknown key (did you mean 'owner'?)" in message
    assert "at 'userScope'" in message


def test_json_schema_accepts_examples_and_rejects_unknown_keys() -> None:
    schema = json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for app in EXAMPLES.iterdir():
        if (app / "microgate.yaml").exists():
            data = load_yaml_text((app / "microgate.yaml").read_text()).data
            assert not list(validator.iter_errors(json.loads(json.dumps(data, default=str))))
    assert list(validator.iter_errors({**load_yaml_text(MINIMAL).data, "bogus": 1}))


def test_document_round_trip() -> None:
    manifest = load_manifest(EXAMPLES / "support-assistant")
    again = Manifest.model_validate(manifest.to_document())
    assert again == manifest
