"""Rendering: values are type-checked first, and the sandbox refuses internals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from microgate.errors import InputError
from microgate.prompts import PromptArtifact, load_prompt, render

PROMPT = PromptArtifact.model_validate(
    {
        "id": "demo.all",
        "modelFamily": "simulated",
        "variables": {
            "text": {"type": "string", "maxLength": 10},
            "n": {"type": "integer"},
            "x": {"type": "number", "required": False},
            "flag": {"type": "boolean", "default": False},
            "items": {"type": "list", "default": []},
            "meta": {"type": "object", "required": False},
            "lang": {"type": "enum", "enum": ["en", "de"], "default": "en"},
        },
        "template": "{{ text }}|{{ n }}|{{ x is defined }}|{{ flag }}|{{ items|length }}|{{ lang }}",
    }
)


def test_defaults_are_applied() -> None:
    assert render(PROMPT, {"text": "hi", "n": 2}) == "hi|2|False|False|0|en"
    assert render(PROMPT, {"text": "hi", "n": 2, "x": 1}) == "hi|2|True|False|0|en"


@pytest.mark.parametrize(
    ("values", "key", "words"),
    [
        ({"text": "hi", "n": "2"}, "n", "expected integer, got str '2'"),
        ({"text": "hi", "n": True}, "n", "expected integer, got bool"),
        ({"text": 5, "n": 1}, "text", "expected string"),
        ({"text": "x" * 11, "n": 1}, "text", "at most 10 characters"),
        ({"text": "hi", "n": 1, "x": "1.5"}, "x", "expected number"),
        ({"text": "hi", "n": 1, "flag": "yes"}, "flag", "expected boolean"),
        ({"text": "hi", "n": 1, "items": "a,b"}, "items", "expected list"),
        ({"text": "hi", "n": 1, "meta": [1]}, "meta", "expected object"),
        ({"text": "hi", "n": 1, "lang": "fr"}, "lang", "expected one of 'en', 'de'"),
        ({"n": 1}, "text", "required variable of type string is missing"),
        ({"text": "hi", "n": 1, "txet": "x"}, "txet", "did you mean 'text'?"),
    ],
)
def test_values_are_checked(values: dict[str, Any], key: str, words: str) -> None:
    with pytest.raises(InputError) as info:
        render(PROMPT, values, source="vars.yaml")
    assert str(info.value).startswith("vars.yaml")
    assert any(p.key_path == key for p in info.value.problems)
    assert words in str(info.value)


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(InputError) as info:
        render(PROMPT, {"n": "one", "extra": 1})
    assert {p.key_path for p in info.value.problems} == {"n", "text", "extra"}


SANDBOX_ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ q.__class__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ namespace.__init__ }}",
    "{% set l = [] %}{{ l.append(1) }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 99999 }}",
    "{{ range(10000000) | list }}",
]


@pytest.mark.parametrize("template", SANDBOX_ESCAPES)
def test_the_sandbox_refuses_and_says_where(tmp_path: Path, template: str) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(
        "id: evil.one\nmodelFamily: x\nvariables:\n  q: {type: string}\n"
        f"template: |\n  Hello\n  {template}\n"
    )
    prompt = load_prompt(path)
    with pytest.raises(InputError) as info:
        render(prompt, {"q": "hi"})
    problem = info.value.problems[0]
    assert info.value.source == str(path)
    assert problem.line == 7 and problem.key_path == "template"
    assert "<class" not in str(info.value) and "Traceback" not in str(info.value)


def test_a_failing_template_names_the_prompt_when_there_is_no_file() -> None:
    prompt = PromptArtifact.model_validate(
        {"id": "a.b", "modelFamily": "x", "template": "one\n{{ 1 / 0 }}"}
    )
    with pytest.raises(InputError, match=r"^prompt a\.b:2: .*ZeroDivisionError"):
        render(prompt, {})


def test_user_input_is_not_evaluated_as_a_template() -> None:
    prompt = PromptArtifact.model_validate(
        {
            "id": "a.b",
            "modelFamily": "x",
            "variables": {"q": {"type": "string"}},
            "template": "<q>{{ q }}</q>",
        }
    )
    assert render(prompt, {"q": "{{ 7 * 7 }}"}) == "<q>{{ 7 * 7 }}</q>"
