"""Finding prompt files: globs relative to the app root, never outside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.prompts import load_prompts

PROMPT = "id: {id}\nversion: 1.0.0\nmodelFamily: simulated\ntemplate: hi\n"


def _app(tmp_path: Path, *names: str) -> Path:
    root = tmp_path / "app"
    (root / "prompts").mkdir(parents=True)
    for name in names:
        (root / "prompts" / name).write_text(PROMPT.format(id=name.split(".")[0]))
    return root


def test_default_patterns_and_relative_names(tmp_path: Path) -> None:
    root = _app(tmp_path, "b.yaml", "a.yml", "notes.txt")
    assert [p.rel for p in load_prompts(root)] == ["prompts/b.yaml", "prompts/a.yml"]


def test_patterns_overlap_once(tmp_path: Path) -> None:
    root = _app(tmp_path, "a.yaml")
    found = load_prompts(root, ["prompts/*.yaml", "prompts/a.yaml"])
    assert [p.artifact.id for p in found] == ["a"]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("/etc/passwd", "absolute path"),
        ("../outside/*.yaml", "leaves the app folder"),
        ("prompts/../../x.yaml", "leaves the app folder"),
        ("prompts/missing.yaml", "not found"),
        ("prompts", "is a folder"),
        ("", "empty path"),
    ],
)
def test_bad_patterns(tmp_path: Path, pattern: str, words: str) -> None:
    root = _app(tmp_path, "a.yaml")
    with pytest.raises(InputError, match=words) as info:
        load_prompts(root, ["prompts/a.yaml", pattern])
    assert info.value.problems[0].key_path == "prompts[1]"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
@pytest.mark.parametrize("target", ["file", "folder"])
def test_links_out_of_the_app_are_refused(tmp_path: Path, target: str) -> None:
    root = _app(tmp_path)
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "x.yaml").write_text(PROMPT.format(id="x"))
    if target == "file":
        (root / "prompts" / "x.yaml").symlink_to(outside / "x.yaml")
        pattern = "prompts/*.yaml"
    else:
        (root / "linked").symlink_to(outside)
        pattern = "linked/*.yaml"
    with pytest.raises(InputError, match="link to a file outside the app folder"):
        load_prompts(root, [pattern])


def test_a_link_inside_the_app_is_followed(tmp_path: Path) -> None:
    root = _app(tmp_path, "a.yaml")
    (root / "alias").symlink_to(root / "prompts")
    assert [p.artifact.id for p in load_prompts(root, ["alias/*.yaml"])] == ["a"]


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    root = _app(tmp_path, "a.yaml")
    (root / "prompts" / "b.yaml").write_text(PROMPT.format(id="a"))
    with pytest.raises(InputError, match=r"also defined in prompts/a\.yaml") as info:
        load_prompts(root)
    assert info.value.problems[0].line == 1
