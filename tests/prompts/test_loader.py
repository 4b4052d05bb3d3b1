"""Loading prompt files: every problem names the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.prompts import VarType, load_prompt

GOOD = """\
id: demo.ask
version: 1.2.3
description: Ask a question
modelFamily: simulated
parameters: {maxTokens: 50, temperature: 0.5, topP: 0.9, stop: ["END"]}
variables:
  question: {type: string, userControlled: true, maxLength: 500, description: The question}
  tone: {type: enum, enum: [plain, formal], default: plain}
  count: {type: integer, required: false}
template: |
  <q>{{ question }}</q> {{ tone }} {{ count }}
outputSchema: {type: object}
tags: [demo]
"""


def test_a_complete_prompt_loads(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(GOOD)
    prompt = load_prompt(path)
    art = prompt.artifact
    assert (art.id, art.version, art.model_family) == ("demo.ask", "1.2.3", "simulated")
    assert art.parameters.max_tokens == 50 and art.parameters.stop == ["END"]
    assert art.variables["tone"].type is VarType.ENUM and art.variables["tone"].optional
    assert art.variables["question"].user_controlled and not art.variables["count"].required
    assert art.output_schema == {"type": "object"}
    assert prompt.file_line(1) == 11 and prompt.rel == str(path)


@pytest.mark.parametrize(
    ("replace", "by", "line", "key", "words"),
    [
        ("modelFamily:", "modelFamilly:", 4, "modelFamilly", "did you mean 'modelFamily'"),
        ("temperature: 0.5", "temperature: 3", 5, "parameters.temperature", "less than or equal"),
        ("version: 1.2.3", "version: 1.2", 2, "version", "semantic version"),
        ("type: string,", "type: text,", 7, "variables.question.type", "expected 'string'"),
        ("id: demo.ask", "id: Demo", 1, "id", "dotted lower-case"),
        ("  count:", "  class:", 9, "variables.class", "cannot be used in a template"),
        ("default: plain", "default: loud", 8, "variables.tone", "does not fit"),
        ("type: integer,", "type: integer, enum: [1],", 9, "variables.count", "only allowed"),
        ("{{ count }}", "{{ count }", 11, "template", "template syntax error"),
        ("outputSchema: {type: object}", "outputSchema: [1]", 12, "outputSchema", "mapping"),
    ],
)
def test_problems_are_located(
    tmp_path: Path, replace: str, by: str, line: int, key: str, words: str
) -> None:
    assert replace in GOOD
    path = tmp_path / "p.yaml"
    path.write_text(GOOD.replace(replace, by))
    with pytest.raises(InputError) as info:
        load_prompt(path)
    located = {(p.line, p.key_path) for p in info.value.problems}
    assert (line, key) in located, str(info.value)
    assert words in str(info.value)
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "expected a mapping"),
        (b"- a\n- b\n", "expected a mapping"),
        (b"id: x\ntemplate: \xff\n", "not valid UTF-8"),
        (b"a: &a [*a, *a]\n", "nesting deeper"),
        (b"id: [\n", "YAML syntax error"),
    ],
)
def test_bad_files_are_input_errors(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=words):
        load_prompt(path)


def test_missing_version_loads(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(GOOD.replace("version: 1.2.3\n", ""))
    assert load_prompt(path).artifact.version is None


def test_template_lines_of_a_plain_scalar(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("id: a\nmodelFamily: x\ntemplate: 'Hi {{ name }'\n")
    with pytest.raises(InputError) as info:
        load_prompt(path)
    assert info.value.problems[0].line == 3
