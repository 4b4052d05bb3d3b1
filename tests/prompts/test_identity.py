"""A prompt's identity: the content hash ignores formatting and the version, not content."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.prompts import load_prompt
from microgate.prompts.semver import is_semver, semver_key

BASE = """\
id: demo.ask
version: 1.0.0
modelFamily: simulated
parameters:
  maxTokens: 100
  temperature: 0.2
variables:
  q: {type: string, userControlled: true}
template: |
  <q>{{ q }}</q>
"""

SAME_CONTENT = {
    "flow style, reordered keys, comments": """\
# a comment
template: "<q>{{ q }}</q>\\n"
variables: {q: {userControlled: true, type: string, required: true}}
parameters: {temperature: 0.20, maxTokens: 100}
modelFamily: simulated
version: 1.0.0
id: demo.ask
""",
    "another version": BASE.replace("1.0.0", "1.0.1"),
    "no version": BASE.replace("version: 1.0.0\n", ""),
}

OTHER_CONTENT = {
    "template text": BASE.replace("<q>{{ q }}</q>", "<q>{{ q }} </q>"),
    "a parameter": BASE.replace("maxTokens: 100", "maxTokens: 101"),
    "a variable flag": BASE.replace("userControlled: true", "userControlled: false"),
    "the family": BASE.replace("simulated", "gpt-4o"),
    "an output schema": BASE + "outputSchema: {type: object}\n",
}


def _identity(tmp_path: Path, text: str, name: str = "p.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text)
    return load_prompt(path).identity


@pytest.mark.parametrize("text", SAME_CONTENT.values(), ids=SAME_CONTENT.keys())
def test_hash_survives_formatting_and_version(tmp_path: Path, text: str) -> None:
    assert (
        _identity(tmp_path, text).content_hash == _identity(tmp_path, BASE, "b.yaml").content_hash
    )


@pytest.mark.parametrize("text", OTHER_CONTENT.values(), ids=OTHER_CONTENT.keys())
def test_hash_changes_with_content(tmp_path: Path, text: str) -> None:
    assert (
        _identity(tmp_path, text).content_hash != _identity(tmp_path, BASE, "b.yaml").content_hash
    )


def test_identity_renders_id_version_and_short_hash(tmp_path: Path) -> None:
    identity = _identity(tmp_path, BASE)
    assert identity.render() == f"demo.ask@1.0.0#{identity.content_hash[:12]}"
    assert len(identity.content_hash) == 64


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.0.0", "1.0.1"),
        ("1.9.0", "1.10.0"),
        ("1.0.0-rc.1", "1.0.0"),
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.2", "1.0.0-alpha.10"),
        ("1.0.0-2", "1.0.0-alpha"),
        ("0.9.9", "1.0.0-alpha"),
    ],
)
def test_semver_precedence(lower: str, higher: str) -> None:
    assert semver_key(lower) < semver_key(higher)


@pytest.mark.parametrize("text", ["1", "1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.0+"])
def test_not_semver(text: str) -> None:
    assert not is_semver(text)
    with pytest.raises(ValueError):
        semver_key(text)
