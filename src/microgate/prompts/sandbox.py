"""The Jinja2 environment prompts render in: sandboxed, immutable, strict, bounded.

- :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` refuses access to internals
  (``__class__``, ``__globals__``, ``mro``) and calls that change values (``list.append``);
- :class:`~jinja2.StrictUndefined` makes a missing name an error instead of empty text;
- autoescape is off: a prompt is text, not HTML;
- ``*`` and ``**`` are intercepted so ``{{ 'x' * 10**9 }}`` cannot exhaust memory.

Compiled templates are cached by their text.

Example:
    >>> compile_template("Hi {{ name }}").render(name="Ada")
    'Hi Ada'
"""

from __future__ import annotations

import functools
import operator
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_REPEAT = 100_000
"""Longest string or list a template may build with ``*``."""
MAX_EXPONENT = 1_000


class PromptEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with bounded repetition and exponentiation."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is larger than {MAX_EXPONENT}")
            return operator.pow(left, right)
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        sized = isinstance(sequence, str | list | tuple) and isinstance(count, int)
        if sized and len(sequence) * count > MAX_REPEAT:
            raise SecurityError(
                f"repetition would build {len(sequence) * count:,} items (limit {MAX_REPEAT:,})"
            )
        return operator.mul(left, right)


ENVIRONMENT = PromptEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
)


@functools.lru_cache(maxsize=512)
def compile_template(text: str) -> Template:
    """The compiled template for ``text`` (cached); raises ``TemplateSyntaxError``."""
    return ENVIRONMENT.from_string(text)


def template_line(traceback: TracebackType | None) -> int | None:
    """The template line an exception raised while rendering came from, if known."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
