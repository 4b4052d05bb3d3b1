"""Backstage names and tags."""

from __future__ import annotations

import pytest

from microgate.registry.names import is_valid_name, is_valid_run_kind, is_valid_tag, to_tag, to_tags


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("finance", "finance"),
        ("Data Science", "data-science"),
        ("C++", "c++"),
        ("c#", "c#"),
        ("lang:python", "lang:python"),
        ("  LLM / Agent  ", "llm-agent"),
        ("éàü", None),
        ("---", None),
        ("", None),
        ("x" * 80, "x" * 63),
        ("a" * 62 + " b", "a" * 62),
    ],
)
def test_to_tag(text: str, tag: str | None) -> None:
    assert to_tag(text) == tag
    if tag is not None:
        assert is_valid_tag(tag)


def test_to_tags_drops_empties_and_repeats() -> None:
    assert to_tags(["Finance", "finance", "!!", "ops"]) == ["finance", "ops"]


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("expense-helper", True),
        ("Expense_Helper.v2", True),
        ("a", True),
        ("a" * 63, True),
        ("a" * 64, False),
        ("-a", False),
        ("a-", False),
        ("a--b", False),
        ("a b", False),
        ("", False),
    ],
)
def test_is_valid_name(name: str, valid: bool) -> None:
    assert is_valid_name(name) is valid


@pytest.mark.parametrize(
    ("kind", "valid"),
    [("pipeline", True), ("gate", True), ("eval.stochastic", True), ("Gate", False), ("", False)],
)
def test_is_valid_run_kind(kind: str, valid: bool) -> None:
    assert is_valid_run_kind(kind) is valid
