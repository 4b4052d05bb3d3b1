"""Export the registry (JSON, Backstage) and import it into an empty store: same apps."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import yaml

from microgate.errors import InputError
from microgate.manifest.model import Manifest
from microgate.registry import AppRecord, ArtifactVersion, Registry
from microgate.store import open_store

T0 = datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)
CATALOG_FIELDS = (
    "name",
    "owner",
    "tier",
    "lifecycle",
    "component_type",
    "description",
    "tags",
    "last_result",
    "last_run_at",
    "manifest_sha256",
    "annotations",
)


def _manifest(name: str, **extra: Any) -> Manifest:
    doc = {
        "apiVersion": "microgate/v1",
        "name": name,
        "owner": f"team-{name}",
        "userScope": "team",
        "description": f"The {name} app — ünïcode.",
        **extra,
    }
    return Manifest.model_validate(doc)


def populate(registry: Registry) -> None:
    """Two apps with manifests and history, one bare app."""
    prompt = ArtifactVersion("prompt", "prompts/summary.yaml", "b" * 64, "1.0.0")
    registry.record_run(
        _manifest(
            "expense-helper",
            lifecycle="production",
            tags=["Finance", "c++"],
            entryPoints=[{"kind": "http", "target": "app:main"}],
        ),
        app_name="expense-helper",
        subject="./expense",
        kind="classify",
        passed=True,
        exit_code=0,
        tier="high",
        summary={"reasons": ["pii"]},
        artifacts=[ArtifactVersion("manifest", "microgate.yaml", "a" * 64)],
        started_at=T0 - timedelta(seconds=3),
        finished_at=T0,
    )
    registry.record_run(
        _manifest(
            "expense-helper",
            lifecycle="production",
            tags=["Finance", "c++"],
            entryPoints=[{"kind": "http", "target": "app:main"}],
        ),
        app_name="expense-helper",
        subject="./expense",
        kind="pipeline",
        passed=False,
        exit_code=1,
        tier="high",
        summary={"failed": "stochastic", "pass_rate": 0.91},
        artifacts=[ArtifactVersion("manifest", "microgate.yaml", "a" * 64), prompt],
        started_at=T0 + timedelta(minutes=1),
        finished_at=T0 + timedelta(minutes=2),
    )
    registry.record_run(
        _manifest("notes", userScope="personal", tags=["Notes"]),
        app_name="notes",
        subject="./notes",
        kind="gate",
        passed=True,
        exit_code=0,
        tier="low",
        summary={},
        artifacts=[],
        finished_at=T0 + timedelta(hours=1),
    )
    registry.record_run(
        None,
        app_name="loose-script",
        subject="./loose",
        kind="discover",
        passed=None,
        exit_code=2,
        tier=None,
        summary={"error": "no manifest"},
        artifacts=[],
        finished_at=T0 + timedelta(hours=2),
    )


def catalog(apps: list[AppRecord]) -> list[dict[str, Any]]:
    return [{k: v for k, v in asdict(a).items() if k in CATALOG_FIELDS} for a in apps]


def history(registry: Registry) -> dict[str, list[tuple[Any, ...]]]:
    return {
        app.name: [
            (
                r.kind,
                r.subject,
                r.result,
                r.exit_code,
                r.tier,
                dict(r.summary),
                r.started_at,
                r.finished_at,
                r.microgate_version,
                r.artifacts,
            )
            for r in registry.history(app.name)
        ]
        for app in registry.list_apps()
    }


def test_json_round_trip_keeps_apps_manifests_and_history(
    new_store_url: Callable[[], str],
) -> None:
    with open_store(new_store_url()) as store:
        source = Registry(store)
        populate(source)
        exported = json.loads(json.dumps(source.export_json()))  # through real JSON text
        before_apps, before_history = source.list_apps(), history(source)
    with open_store(new_store_url()) as store:
        target = Registry(store)
        names = target.import_json(exported, "export.json")
        assert names == ["expense-helper", "loose-script", "notes"]
        after_apps = target.list_apps()
        assert [asdict(a) for a in after_apps] == [asdict(a) for a in before_apps]
        assert history(target) == before_history
        # importing the same export again adds nothing
        target.import_json(json.dumps(exported), "export.json")
        assert history(target) == before_history


def test_backstage_round_trip_keeps_catalog_entries(new_store_url: Callable[[], str]) -> None:
    with open_store(new_store_url()) as store:
        source = Registry(store)
        populate(source)
        text = source.export_backstage()
        before = catalog(source.list_apps())
    with open_store(new_store_url()) as store:
        target = Registry(store)
        assert target.import_backstage(text, "catalog-info.yaml") == [
            "expense-helper",
            "loose-script",
            "notes",
        ]
        assert catalog(target.list_apps()) == before
        assert target.export_backstage() == text


def test_backstage_entities_have_the_catalog_info_shape(store_url: str) -> None:
    with open_store(store_url) as store:
        registry = Registry(store)
        populate(registry)
        entities = list(yaml.safe_load_all(registry.export_backstage()))
    by_name = {e["metadata"]["name"]: e for e in entities}
    expense = by_name["expense-helper"]
    assert expense["apiVersion"] == "backstage.io/v1alpha1"
    assert expense["kind"] == "Component"
    assert expense["spec"] == {
        "type": "service",
        "lifecycle": "production",
        "owner": "team-expense-helper",
    }
    assert expense["metadata"]["tags"] == ["finance", "c++"]
    notes = expense["metadata"]["annotations"]
    assert notes["microgate.dev/tier"] == "high"
    assert notes["microgate.dev/last-result"] == "fail"
    assert notes["microgate.dev/last-run-at"] == (T0 + timedelta(minutes=2)).isoformat()
    assert len(notes["microgate.dev/manifest-sha256"]) == 64
    assert by_name["notes"]["spec"]["type"] == "tool"
    assert "tags" not in by_name["loose-script"]["metadata"]
    assert by_name["loose-script"]["spec"]["owner"] == "unknown"


def test_export_json_shape(store_url: str) -> None:
    with open_store(store_url) as store:
        registry = Registry(store)
        populate(registry)
        doc = registry.export_json()
    assert (doc["apiVersion"], doc["kind"]) == ("microgate/v1", "Registry")
    expense = doc["apps"][0]
    assert expense["name"] == "expense-helper"
    assert [r["kind"] for r in expense["runs"]] == ["classify", "pipeline"]  # oldest first
    assert expense["runs"][1]["artifacts"][1] == {
        "kind": "prompt",
        "path": "prompts/summary.yaml",
        "version": "1.0.0",
        "sha256": "b" * 64,
    }
    assert expense["manifest"]["owner"] == "team-expense-helper"


def test_backstage_import_keeps_foreign_annotations_and_skips_other_kinds(
    store_url: str,
) -> None:
    text = """\
apiVersion: backstage.io/v1alpha1
kind: System
metadata: {name: payments}
spec: {owner: team-pay}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: invoice-bot
  title: Invoice bot
  links: [{url: 'https://example.com', title: docs}]
  annotations:
    github.com/project-slug: acme/invoice-bot
    microgate.dev/tier: medium
spec:
  type: website
  lifecycle: experimental
  owner: group:default/team-pay
  system: payments
---
"""
    with open_store(store_url) as store:
        registry = Registry(store)
        assert registry.import_backstage(text, "catalog-info.yaml") == ["invoice-bot"]
        app = registry.get_app("invoice-bot")
        assert (app.tier, app.owner, app.component_type) == (
            "medium",
            "group:default/team-pay",
            "website",
        )
        assert dict(app.annotations) == {"github.com/project-slug": "acme/invoice-bot"}
        exported = yaml.safe_load(registry.export_backstage())
    assert exported["metadata"]["annotations"] == {
        "github.com/project-slug": "acme/invoice-bot",
        "microgate.dev/tier": "medium",
    }


def test_backstage_import_updates_catalog_fields_but_keeps_history(store_url: str) -> None:
    with open_store(store_url) as store:
        registry = Registry(store)
        populate(registry)
        text = registry.export_backstage().replace("owner: team-notes", "owner: team-new")
        registry.import_backstage(text, "catalog-info.yaml")
        notes = registry.get_app("notes")
        assert notes.owner == "team-new"
        assert notes.manifest is not None  # the manifest is not in the catalog; it is kept
        assert len(registry.history("notes")) == 1


def test_export_of_an_empty_registry(store_url: str) -> None:
    with open_store(store_url) as store:
        registry = Registry(store)
        assert registry.export_backstage() == ""
        assert registry.export_json()["apps"] == []


@pytest.mark.parametrize("fmt", ["json", "backstage"])
def test_a_failed_import_writes_nothing(store_url: str, fmt: str) -> None:
    with open_store(store_url) as store:
        registry = Registry(store)
        populate(registry)
        before_apps, before_history = registry.list_apps(), history(registry)
        if fmt == "json":
            doc = registry.export_json()
            doc["apps"][0]["owner"] = "someone-else"  # a valid change before the bad one
            doc["apps"][2]["runs"][0]["result"] = "great"
            with pytest.raises(InputError, match=r"apps\[2\]\.runs\[0\]\.result"):
                registry.import_json(json.dumps(doc), "x.json")
        else:
            text = registry.export_backstage().replace("owner: team-expense-helper", "owner: x")
            text = text.replace("lifecycle: experimental", "lifecycle: x")
            with pytest.raises(InputError, match=r"spec\.lifecycle"):
                registry.import_backstage(text, "x.yaml")
        assert registry.list_apps() == before_apps
        assert history(registry) == before_history
