"""artifact_versions: hashes and versions of an app's files, never outside the app folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from microgate.errors import InputError
from microgate.manifest.model import Manifest
from microgate.registry import artifact_versions

needs_symlinks = pytest.mark.skipif(os.name != "posix", reason="symlinks need a POSIX system")


def manifest(**extra: Any) -> Manifest:
    doc = {"apiVersion": "microgate/v1", "name": "demo", "owner": "me", "userScope": "team"}
    return Manifest.model_validate({**doc, **extra})


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def app(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    (root / "prompts").mkdir(parents=True)
    (root / "evals").mkdir()
    (root / "circuits").mkdir()
    (root / "microgate.yaml").write_bytes(b"name: demo\n")
    (root / "prompts" / "summary.yaml").write_bytes(b"id: summary\nversion: 1.2.0\ntemplate: hi\n")
    (root / "prompts" / "plain.yaml").write_bytes(b"id: plain\ntemplate: hi\n")
    (root / "prompts" / "broken.yaml").write_bytes(b"id: [unclosed\n")
    (root / "evals" / "suite.yaml").write_bytes(b"version: 3\ncases: []\n")
    (root / "circuits" / "bell.qasm").write_bytes(b"OPENQASM 2.0;\n")
    return root


def test_hashes_and_versions_of_referenced_files(app: Path) -> None:
    m = manifest(
        prompts=["prompts/*.yaml", "prompts/summary.yaml"],
        evals=["evals/suite.yaml"],
        quantum={"backend": "aer_simulator", "circuits": ["circuits/*.qasm"]},
    )
    found = {(a.kind, a.path): (a.version, a.sha256) for a in artifact_versions(app, m)}
    assert found == {
        ("circuit", "circuits/bell.qasm"): ("", sha(b"OPENQASM 2.0;\n")),
        ("eval", "evals/suite.yaml"): ("3", sha(b"version: 3\ncases: []\n")),
        ("manifest", "microgate.yaml"): ("", sha(b"name: demo\n")),
        ("prompt", "prompts/broken.yaml"): ("", sha(b"id: [unclosed\n")),
        ("prompt", "prompts/plain.yaml"): ("", sha(b"id: plain\ntemplate: hi\n")),
        ("prompt", "prompts/summary.yaml"): (
            "1.2.0",
            sha(b"id: summary\nversion: 1.2.0\ntemplate: hi\n"),
        ),
    }


def test_result_is_sorted_by_kind_and_path(app: Path) -> None:
    m = manifest(prompts=["prompts/*.yaml"], evals=["evals/*.yaml"])
    found = [(a.kind, a.path) for a in artifact_versions(app, m)]
    assert found == sorted(found)


def test_a_glob_that_matches_nothing_is_fine(app: Path) -> None:
    assert [a.kind for a in artifact_versions(app, manifest(prompts=["nothing/*.yaml"]))] == [
        "manifest"
    ]


def test_a_changed_file_changes_its_hash(app: Path) -> None:
    m = manifest(prompts=["prompts/summary.yaml"])
    before = artifact_versions(app, m)
    (app / "prompts" / "summary.yaml").write_bytes(b"id: summary\nversion: 1.2.1\n")
    after = artifact_versions(app, m)
    assert before[1].sha256 != after[1].sha256
    assert after[1].version == "1.2.1"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("prompts", ["../secrets.yaml"], "leaves the app folder"),
        ("prompts", ["prompts/../../secrets.yaml"], "leaves the app folder"),
        ("prompts", ["prompts/*/../../../*"], "leaves the app folder"),
        ("evals", ["..\\evals\\x.yaml"], "leaves the app folder"),
        ("prompts", ["/etc/passwd"], "absolute path"),
        ("evals", ["C:\\Windows\\win.ini"], "absolute path"),
        ("prompts", ["prompts/missing.yaml"], "not found"),
        ("prompts", ["prompts"], "is a folder"),
        ("prompts", ["  "], "empty path"),
    ],
)
def test_bad_references_are_refused(app: Path, field: str, value: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        artifact_versions(app, manifest(**{field: value}))
    assert caught.value.problems[0].key_path == f"{field}[0]"
    assert caught.value.source.endswith("microgate.yaml")


def test_circuit_references_are_checked_too(app: Path) -> None:
    m = manifest(quantum={"backend": "aer_simulator", "circuits": ["ok.qasm", "../x.qasm"]})
    (app / "ok.qasm").write_text("OPENQASM 2.0;\n")
    with pytest.raises(InputError, match="leaves the app folder") as caught:
        artifact_versions(app, m)
    assert caught.value.problems[0].key_path == "quantum.circuits[1]"


@needs_symlinks
@pytest.mark.parametrize("pattern", ["prompts/leak.yaml", "prompts/*.yaml", "**/leak.yaml"])
def test_a_symlink_to_a_file_outside_is_refused(app: Path, tmp_path: Path, pattern: str) -> None:
    outside = tmp_path / "outside-secret.yaml"
    outside.write_text("token: not-for-you\n")
    (app / "prompts" / "leak.yaml").symlink_to(outside)
    with pytest.raises(InputError, match="outside the app folder"):
        artifact_versions(app, manifest(prompts=[pattern]))


@needs_symlinks
def test_a_symlinked_folder_pointing_outside_is_refused(app: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("version: 1\n")
    (app / "linked").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="outside the app folder"):
        artifact_versions(app, manifest(evals=["linked/x.yaml"]))


@needs_symlinks
def test_a_symlink_inside_the_app_is_followed(app: Path) -> None:
    (app / "prompts" / "alias.yaml").symlink_to(app / "prompts" / "summary.yaml")
    found = artifact_versions(app, manifest(prompts=["prompts/alias.yaml"]))
    assert [(a.path, a.version) for a in found if a.kind == "prompt"] == [
        ("prompts/alias.yaml", "1.2.0")
    ]


@needs_symlinks
def test_an_app_root_reached_through_a_symlink_works(app: Path, tmp_path: Path) -> None:
    link = tmp_path / "app-link"
    link.symlink_to(app, target_is_directory=True)
    found = artifact_versions(link, manifest(prompts=["prompts/summary.yaml"]))
    assert [a.path for a in found] == ["microgate.yaml", "prompts/summary.yaml"]


def test_without_a_manifest_file_only_references_are_listed(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("version: '2'\n")
    found = artifact_versions(tmp_path, manifest(prompts=["p.yaml"]))
    assert [(a.kind, a.path, a.version) for a in found] == [("prompt", "p.yaml", "2")]
