"""The bounded YAML loader: positions, limits and refusals."""

from __future__ import annotations

import pytest

from microgate.errors import InputError
from microgate.yamlio import Limits, load_yaml_file, load_yaml_text


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_positions_of_keys_and_values() -> None:
    doc = load_yaml_text("top:\n  items:\n    - one\n    - {k: v}\n", source="p.yaml")
    assert doc.data == {"top": {"items": ["one", {"k": "v"}]}}
    assert doc.position(("top", "items", 1, "k")) == (4, 11)
    assert doc.position(("top", "items"), key=True) == (2, 3)
    # an unknown path falls back to its closest known parent
    assert doc.position(("top", "items", 1, "missing")) == (4, 7)


@pytest.mark.parametrize(
    ("text", "limits", "expected"),
    [
        (_bomb(9), Limits(), "alias"),
        (_bomb(5), Limits(max_aliases=10_000, max_nodes=5_000), "expands to more than 5000"),
        ("a: " + "[" * 100 + "]" * 100, Limits(), "nesting deeper than 64"),
        ("a: 1\na: 2\n", Limits(), "duplicate key 'a'"),
        ("a: [1\nb: 2\n", Limits(), "YAML syntax error"),
        ("--- 1\n--- 2\n", Limits(), "YAML syntax error"),
        ("x" * 2000, Limits(max_bytes=1000), "1,000-byte limit"),
        ("a: !!python/object:os.system ls\n", Limits(), "cannot read this value"),
        ("? [a, b]\n: 1\n", Limits(), "mapping key must be a plain value"),
    ],
    ids=[
        "alias-bomb",
        "node-budget",
        "deep",
        "duplicate",
        "syntax",
        "multi-doc",
        "size",
        "python-tag",
        "complex-key",
    ],
)
def test_refusals(text: str, limits: Limits, expected: str) -> None:
    with pytest.raises(InputError) as info:
        load_yaml_text(text, source="bad.yaml", limits=limits)
    assert expected in str(info.value)
    assert str(info.value).startswith("bad.yaml")


def test_merge_keys_and_small_aliases_work() -> None:
    doc = load_yaml_text("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n")
    assert doc.data["derived"] == {"x": 1, "y": 3}


def test_file_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="not found"):
        load_yaml_file(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_yaml_file(tmp_path)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_yaml_file(bad)
    assert "not valid UTF-8" in str(info.value)
    assert ":1:10" in str(info.value)
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffa: 1\n".encode())
    assert load_yaml_file(bom).data == {"a": 1}


def test_empty_document_is_none() -> None:
    assert load_yaml_text("# nothing\n").data is None
