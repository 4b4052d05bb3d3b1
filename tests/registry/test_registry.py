"""Recording runs, reading apps and history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from microgate.errors import InputError
from microgate.manifest.model import Manifest
from microgate.registry import ArtifactVersion, Registry
from microgate.store import open_store

T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def manifest(name: str = "expense-helper", **extra: Any) -> Manifest:
    doc: dict[str, Any] = {
        "apiVersion": "microgate/v1",
        "name": name,
        "owner": "team-finance",
        "userScope": "org",
        "description": "Files expense reports.",
        "lifecycle": "production",
        "tags": ["Finance", "LLM Agent", "finance", "!!!"],
        "entryPoints": [{"kind": "http", "target": "app:serve"}],
    }
    doc.update(extra)
    return Manifest.model_validate(doc)


@pytest.fixture
def registry(store_url: str) -> Iterator[Registry]:
    with open_store(store_url) as store:
        yield Registry(store)


def record(registry: Registry, name: str = "expense-helper", **kw: Any) -> Any:
    args: dict[str, Any] = {
        "app_name": name,
        "subject": f"./apps/{name}",
        "kind": "pipeline",
        "passed": True,
        "exit_code": 0,
        "tier": "high",
        "summary": {"stages": 3},
        "artifacts": [],
    }
    args.update(kw)
    m = args.pop("manifest", None)
    return registry.record_run(m, **args)


def test_record_run_creates_the_app_from_its_manifest(registry: Registry) -> None:
    art = ArtifactVersion("prompt", "prompts/a.yaml", "a" * 64, "1.2.0")
    run = record(registry, manifest=manifest(), artifacts=[art, art], finished_at=T0)
    assert (run.app, run.kind, run.result, run.passed, run.tier) == (
        "expense-helper",
        "pipeline",
        "pass",
        True,
        "high",
    )
    assert run.artifacts == (art,)
    app = registry.get_app("expense-helper")
    assert app.owner == "team-finance"
    assert app.lifecycle == "production"
    assert app.component_type == "service"
    assert app.tags == ("finance", "llm-agent")
    assert app.tier == "high"
    assert (app.last_result, app.last_run_at) == ("pass", T0)
    assert app.manifest is not None and app.manifest["name"] == "expense-helper"
    assert app.manifest_sha256 is not None and len(app.manifest_sha256) == 64


def test_a_run_without_manifest_creates_a_bare_entry(registry: Registry) -> None:
    record(registry, "loose-script", tier=None, passed=None, exit_code=2)
    app = registry.get_app("loose-script")
    assert (app.owner, app.tier, app.last_result, app.manifest) == ("unknown", None, "error", None)


@pytest.mark.parametrize(("passed", "result"), [(True, "pass"), (False, "fail"), (None, "error")])
def test_result_follows_passed(registry: Registry, passed: bool | None, result: str) -> None:
    run = record(registry, passed=passed)
    assert run.result == result
    assert run.passed is passed
    assert registry.get_app("expense-helper").last_result == result


def test_an_older_run_does_not_replace_the_last_result(registry: Registry) -> None:
    record(registry, passed=True, finished_at=T0)
    record(registry, passed=False, finished_at=T0 - timedelta(days=1))
    app = registry.get_app("expense-helper")
    assert (app.last_result, app.last_run_at) == ("pass", T0)


def test_a_later_manifest_updates_the_entry(registry: Registry) -> None:
    record(registry, manifest=manifest())
    record(registry, manifest=manifest(owner="team-ops", lifecycle="deprecated", tags=[]))
    app = registry.get_app("expense-helper")
    assert (app.owner, app.lifecycle, app.tags) == ("team-ops", "deprecated", ())


def test_history_is_newest_first_and_limited(registry: Registry) -> None:
    for i in range(5):
        record(registry, subject=f"run-{i}", finished_at=T0 + timedelta(minutes=i))
    record(registry, "other")
    history = registry.history("expense-helper", limit=3)
    assert [r.subject for r in history] == ["run-4", "run-3", "run-2"]
    assert all(r.app == "expense-helper" for r in history)


def test_list_apps_is_sorted_by_name(registry: Registry) -> None:
    for name in ("zeta", "alpha", "mid"):
        record(registry, name)
    assert [a.name for a in registry.list_apps()] == ["alpha", "mid", "zeta"]


@pytest.mark.parametrize(
    ("known", "asked", "hint"),
    [
        (["expense-helper", "notes"], "expense-helpr", "did you mean 'expense-helper'?"),
        (["notes"], "zzz", "registry list"),
        ([], "anything", "the registry is empty"),
    ],
)
def test_unknown_app_is_an_input_error_with_a_hint(
    registry: Registry, known: list[str], asked: str, hint: str
) -> None:
    for name in known:
        record(registry, name)
    for call in (registry.get_app, registry.history):
        with pytest.raises(InputError, match=f"no app named '{asked}'") as caught:
            call(asked)
        assert hint in str(caught.value)


@pytest.mark.parametrize("name", ["", "Has Space", "-dash", "a" * 64, "a..b"])
def test_invalid_app_names_are_refused(registry: Registry, name: str) -> None:
    with pytest.raises(InputError, match="not a valid app name"):
        record(registry, name)


def test_manifest_and_app_name_must_agree(registry: Registry) -> None:
    with pytest.raises(InputError, match="names app 'other'"):
        record(registry, "expense-helper", manifest=manifest("other"))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"kind": "Not A Kind"}, "run kind"),
        ({"tier": "extreme"}, "tier 'extreme'"),
        ({"summary": {"when": datetime.now(UTC)}}, "plain JSON"),
        ({"summary": {"x": float("nan")}}, "plain JSON"),
    ],
)
def test_programming_errors_are_value_errors(
    registry: Registry, kw: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        record(registry, **kw)
    assert registry.list_apps() == []


def test_history_limit_must_be_positive(registry: Registry) -> None:
    record(registry)
    with pytest.raises(InputError, match="positive"):
        registry.history("expense-helper", limit=0)


def test_records_are_frozen(registry: Registry) -> None:
    run = record(registry)
    with pytest.raises(AttributeError):
        run.result = "fail"


def test_an_overlong_owner_is_an_input_error(registry: Registry) -> None:
    with pytest.raises(InputError, match="longer than 255") as caught:
        record(registry, manifest=manifest(owner="x" * 256))
    assert caught.value.problems[0].key_path == "owner"
    assert registry.list_apps() == []
