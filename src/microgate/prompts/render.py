"""Render a prompt with type-checked variables, in the sandbox.

Before rendering, every value is checked against its declared type (no coercion), defaults
are filled in, and a missing required variable or an unknown one is an error.  A template that
fails while rendering — a sandbox refusal (``{{ ''.__class__ }}``), a missing attribute, a
division by zero — is an :class:`~microgate.errors.InputError` naming the prompt file and the
file line of the template line at fault; nothing of the template's internals leaks.

Example:
    >>> from microgate.prompts.model import PromptArtifact
    >>> p = PromptArtifact.model_validate({"id": "x.hello", "modelFamily": "simulated",
    ...     "variables": {"n": {"type": "integer", "default": 2}},
    ...     "template": "{{ 'hi ' * n }}"})
    >>> render(p, {})
    'hi hi '
    >>> render(p, {"n": "3"})
    Traceback (most recent call last):
    ...
    microgate.errors.InputError: variables: at 'n': expected integer, got str '3'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError

from microgate.errors import InputError, Problem
from microgate.prompts.loader import PromptFile
from microgate.prompts.model import PromptArtifact
from microgate.prompts.sandbox import compile_template, template_line
from microgate.prompts.vartypes import type_problem

_RENDER_ERRORS = (ArithmeticError, LookupError, TypeError, ValueError, AttributeError)


def check_values(
    prompt: PromptArtifact, values: Mapping[str, Any], *, source: str = "variables"
) -> dict[str, Any]:
    """``values`` checked against the declared variables, with defaults filled in.

    Raises one :class:`InputError` (named ``source``) listing every problem.
    """
    problems: list[Problem] = []
    declared = prompt.variables
    for name in sorted(set(values) - set(declared), key=str):
        close = difflib.get_close_matches(str(name), list(declared), n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else (f"declared: {', '.join(sorted(declared))}" if declared else "it declares none")
        )
        problems.append(
            Problem(f"prompt '{prompt.id}' has no variable '{name}'", key_path=str(name), hint=hint)
        )
    checked: dict[str, Any] = {}
    for name, var in declared.items():
        if name in values and values[name] is not None:
            problem = type_problem(var.type, values[name], enum=var.enum, max_length=var.max_length)
            if problem:
                problems.append(Problem(problem, key_path=name))
            checked[name] = values[name]
        elif var.default is not None:
            checked[name] = var.default
        elif var.required:
            problems.append(
                Problem(f"required variable of type {var.type.value} is missing", key_path=name)
            )
    if problems:
        raise InputError(source, problems=problems)
    return checked


def render(
    prompt: PromptArtifact | PromptFile,
    variables: Mapping[str, Any],
    *,
    source: str = "variables",
) -> str:
    """The prompt's text for ``variables`` (checked first; ``source`` names where they came
    from in errors). Raises :class:`InputError` for bad values or a failing template."""
    artifact = prompt.artifact if isinstance(prompt, PromptFile) else prompt
    values = check_values(artifact, variables, source=source)
    return render_unchecked(prompt, values)


def _where(prompt: PromptArtifact | PromptFile, line: int | None) -> tuple[str, int | None]:
    if isinstance(prompt, PromptFile):
        return str(prompt.path), prompt.file_line(line)
    return f"prompt {prompt.id}", line


def render_unchecked(prompt: PromptArtifact | PromptFile, values: Mapping[str, Any]) -> str:
    """Render with ``values`` as given (no type check); template failures are
    :class:`InputError`. Used by :func:`render` and the trial render of lint rule MG-L010."""
    artifact = prompt.artifact if isinstance(prompt, PromptFile) else prompt
    try:
        template = compile_template(artifact.template)
    except TemplateSyntaxError as exc:
        source, line = _where(prompt, exc.lineno)
        raise InputError(
            source, f"template syntax error: {exc.message or exc}", line=line, key_path="template"
        ) from None
    try:
        return template.render(dict(values))
    except SecurityError as exc:
        message = f"the template was refused by the sandbox: {exc}"
        hint = "templates may only read variables, not Python internals or mutating methods"
        failure: Exception = exc
    except UndefinedError as exc:
        message, hint, failure = f"the template uses something undefined: {exc}", "", exc
    except (*_RENDER_ERRORS, RecursionError, TemplateError) as exc:
        message = f"the template failed while rendering: {type(exc).__name__}: {exc}"
        hint, failure = "", exc
    source, line = _where(prompt, template_line(failure.__traceback__))
    raise InputError(source, message[:500], line=line, key_path="template", hint=hint) from None
