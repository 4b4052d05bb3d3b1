"""Checks on what the template does with its variables (MG-L001, L002, L003, L010).

Each is a generator of :class:`~microgate.lint.prompt.rule.Hit` over one prompt; lines are
file lines (the template's own line shifted by where the template starts in the file).
"""

from __future__ import annotations

from collections.abc import Iterator

from microgate.errors import InputError
from microgate.lint.prompt.delimit import inside, json_quoted
from microgate.lint.prompt.rule import Hit, PromptContext
from microgate.lint.prompt.samples import trial_values
from microgate.lint.prompt.scan import Expr, Text, aliases, first_line, read_names, segments
from microgate.lint.prompt.scan import undeclared as undeclared_names
from microgate.prompts import render_unchecked
from microgate.prompts.vartypes import TEXTUAL


def undefined_variables(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L001: the template reads a name that is not declared under ``variables``."""
    for name in sorted(undeclared_names(ctx.ast) - set(ctx.artifact.variables)):
        line = ctx.prompt.file_line(first_line(ctx.ast, name))
        yield Hit(
            f"the template uses '{name}', which is not declared under variables",
            line,
            evidence=name,
        )


def unused_variables(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L002: a declared variable the template never reads."""
    used = undeclared_names(ctx.ast)
    for name in ctx.artifact.variables:
        if name not in used:
            line = ctx.prompt.line_of("variables", name, key=True)
            yield Hit(
                f"variable '{name}' is declared but the template never uses it", line, evidence=name
            )


def undelimited_user_input(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L003: a user-controlled text variable interpolated outside any delimiter."""
    user = {
        name
        for name, var in ctx.artifact.variables.items()
        if var.user_controlled and var.type in TEXTUAL
    }
    if not user:
        return
    tainted = aliases(ctx.ast, user)
    parts = segments(ctx.ast)
    texts = ["\x00" if isinstance(p, Expr) else p.text for p in parts]
    reported: set[str] = set()
    for index, part in enumerate(parts):
        if isinstance(part, Text):
            continue
        names = read_names(part.node) & tainted
        if not names or json_quoted(part.node):
            continue
        if inside("".join(texts[:index]), "".join(texts[index + 1 :])):
            continue
        name = sorted(names)[0]
        if name in reported:
            continue
        reported.add(name)
        yield Hit(
            f"user-controlled '{name}' is interpolated without delimiters around it",
            ctx.prompt.file_line(part.line),
            evidence=name,
        )


def render_fails(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L010: the template raises when rendered with stand-in values of the declared types."""
    extra = undeclared_names(ctx.ast) - set(ctx.artifact.variables)
    try:
        render_unchecked(ctx.prompt, trial_values(ctx.artifact, extra))
    except InputError as exc:
        for problem in exc.problems:
            yield Hit(problem.message, problem.line, evidence=problem.message)
