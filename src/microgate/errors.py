"""Errors a user can cause, and how they are told.

Every mistake in user input (a manifest, a policy pack, a command-line argument) raises an
:class:`InputError`.  The CLI turns it into a one-paragraph message and exit code 2; it never
prints a traceback for one.

Example:
    >>> err = InputError("microgate.yaml", "expected a mapping", line=3, column=5)
    >>> str(err)
    'microgate.yaml:3:5: expected a mapping'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, and what was expected."""

    message: str
    line: int | None = None
    column: int | None = None
    key_path: str = ""
    hint: str = ""

    def render(self, source: str) -> str:
        where = source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.key_path:
            text += f"at '{self.key_path}': "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class InputError(Exception):
    """A user's input is wrong. ``source`` names the file (or argument) at fault."""

    source: str
    message: str = ""
    line: int | None = None
    column: int | None = None
    key_path: str = ""
    hint: str = ""
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.problems:
            self.problems = [
                Problem(self.message, self.line, self.column, self.key_path, self.hint)
            ]
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(p.render(self.source) for p in self.problems)


class UsageError(InputError):
    """A command was called wrongly (bad option value, missing path)."""
