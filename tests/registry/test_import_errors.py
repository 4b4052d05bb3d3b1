"""Bad import files: an InputError naming the file, the document or app, the key and line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from microgate.errors import InputError
from microgate.registry import Registry
from microgate.store import open_store

GOOD_ENTITY = """\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: first-app
spec:
  type: service
  lifecycle: production
  owner: team-a
"""


def annotated(line: str) -> str:
    """The second entity with one microgate.dev/ annotation line."""
    name = "  name: second-app\n"
    return entity(**{name: f"{name}  annotations:\n    microgate.dev/{line}\n"})


def entity(**changes: str) -> str:
    text = GOOD_ENTITY.replace("first-app", "second-app")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (entity(production="prod"), "x.yaml:16:14: at 'document 2: spec.lifecycle': got 'prod'"),
        (entity(**{"  owner: team-a\n": ""}), "at 'document 2: spec.owner': required key"),
        (entity(**{"second-app": "Bad Name!"}), "at 'document 2: metadata.name'"),
        (
            entity(**{"  name: second-app\n": "  name: second-app\n  tags: [Upper]\n"}),
            "x.yaml:14:9: at 'document 2: metadata.tags': tag 'Upper': expected lower-case",
        ),
        (
            annotated("tier: extreme"),
            "x.yaml:15:25: at 'document 2: metadata.annotations.microgate.dev/tier': got 'extreme'",
        ),
        (
            annotated("teir: low"),
            "did you mean 'microgate.dev/tier'?",
        ),
        (
            annotated("last-run-at: yesterday"),
            "document 2: metadata.annotations.microgate.dev/last-run-at",
        ),
        (entity(**{"backstage.io/v1alpha1": "microgate/v1"}), "document 2: apiVersion"),
        (
            entity(**{"second-app": "first-app"}),
            "x.yaml:13:9: at 'document 2: metadata.name': app 'first-app' already described in "
            "document 1",
        ),
        ("- just\n- a list\n", "x.yaml:10:1: at 'document 2': expected a mapping"),
        ("key: [unclosed\n", "x.yaml:11:1: YAML syntax error"),
        ("a: &a [1]\nb: !!python/object:os.system x\n", "x.yaml:11:4: cannot read this value"),
    ],
)
def test_bad_backstage_documents(second: str, expected: str) -> None:
    text = GOOD_ENTITY + "---\n" + second
    with open_store("sqlite://") as store:
        registry = Registry(store)
        with pytest.raises(InputError) as caught:
            registry.import_backstage(text, "x.yaml")
        assert registry.list_apps() == []
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "no Backstage 'Component' entity"),
        (
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\n",
            "no Backstage 'Component' entity",
        ),
    ],
)
def test_catalog_without_components(text: str, expected: str) -> None:
    with open_store("sqlite://") as store, pytest.raises(InputError, match=expected):
        Registry(store).import_backstage(text, "x.yaml")


def good_registry() -> dict[str, Any]:
    return {
        "apiVersion": "microgate/v1",
        "kind": "Registry",
        "apps": [
            {"name": "first-app", "owner": "team-a"},
            {
                "name": "second-app",
                "owner": "team-b",
                "runs": [
                    {
                        "kind": "gate",
                        "result": "pass",
                        "exitCode": 0,
                        "startedAt": "2024-01-01T00:00:00Z",
                        "finishedAt": "2024-01-01T00:00:01Z",
                        "artifacts": [{"kind": "prompt", "path": "p.yaml", "sha256": "a" * 64}],
                    },
                ],
            },
        ],
    }


def _set(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    target: Any = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("apps", 1, "runs", 0, "result"), "ok", "at 'apps[1].runs[0].result': got 'ok'"),
        (
            ("apps", 1, "runs", 0, "startedAt"),
            "2024-01-01T00:00:00",
            "at 'apps[1].runs[0].startedAt'",
        ),
        (
            ("apps", 1, "runs", 0, "artifacts", 0, "sha256"),
            "nothex",
            "at 'apps[1].runs[0].artifacts[0].sha256'",
        ),
        (
            ("apps", 1, "runs", 0, "artifacts", 0, "kind"),
            "secret",
            "at 'apps[1].runs[0].artifacts[0].kind'",
        ),
        (("apps", 0, "ownr"), "x", "at 'apps[0].ownr': unknown key (did you mean 'owner'?)"),
        (("apps", 0, "tier"), "extreme", "at 'apps[0].tier'"),
        (
            ("apps", 0, "manifest"),
            {"apiVersion": "microgate/v1", "name": "first-app"},
            "at 'apps[0].manifest.owner': required key is missing",
        ),
        (
            ("apps", 0, "manifest"),
            {"apiVersion": "microgate/v1", "name": "other", "owner": "o", "userScope": "team"},
            "the manifest names app 'other'",
        ),
        (("apps", 1, "name"), "first-app", "app 'first-app' appears twice"),
        (("kind",), "Catalog", "at 'kind': got 'Catalog'"),
    ],
)
def test_bad_json_exports_name_the_app_and_key(
    path: tuple[Any, ...], value: Any, expected: str
) -> None:
    text = json.dumps(_set(good_registry(), path, value), indent=2)
    with open_store("sqlite://") as store:
        registry = Registry(store)
        with pytest.raises(InputError) as caught:
            registry.import_json(text, "reg.json")
        assert registry.list_apps() == []
    message = str(caught.value)
    assert expected in message
    assert message.startswith("reg.json:")


def test_json_errors_carry_a_line_number() -> None:
    text = json.dumps(_set(good_registry(), ("apps", 1, "runs", 0, "result"), "ok"), indent=2)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"ok"' in t)
    with open_store("sqlite://") as store, pytest.raises(InputError) as caught:
        Registry(store).import_json(text, "reg.json")
    assert caught.value.problems[0].line == line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"apiVersion": "microgate/v1",\n "kind": }', "reg.json:2:10: invalid JSON"),
        ("[1, 2]", "expected a mapping of keys to values at the top"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
    ],
)
def test_malformed_json(text: str, expected: str) -> None:
    with open_store("sqlite://") as store, pytest.raises(InputError) as caught:
        Registry(store).import_json(text, "reg.json")
    assert expected in str(caught.value)


def test_a_good_json_export_imports() -> None:
    with open_store("sqlite://") as store:
        registry = Registry(store)
        assert registry.import_json(json.dumps(good_registry()), "reg.json") == [
            "first-app",
            "second-app",
        ]
        assert registry.history("second-app")[0].artifacts[0].path == "p.yaml"
