"""The shape of a prompt lint rule, and what a rule sees of one prompt.

A rule is data plus one function: an id, a name, a level, a one-line message, a fix hint, and
``check``, a generator of :class:`Hit` for one :class:`PromptContext`.  The rule turns its hits
into :class:`~microgate.findings.Finding` objects located in the prompt file.  Built-in rules
(:mod:`microgate.lint.prompt.table`) and a user's own use exactly this interface.

Example:
    >>> def shouting(ctx):
    ...     if ctx.artifact.template.isupper():
    ...         yield Hit("the template is all capitals", ctx.prompt.line_of("template"))
    >>> rule = PromptRule("X-001", "shouting", Level.NOTE, "Template in capitals",
    ...                   "Write in sentence case.", shouting)
    >>> rule.info.help
    'Write in sentence case.'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from jinja2 import nodes

from microgate.findings import Finding, Level, Location
from microgate.manifest.model import Manifest
from microgate.prompts import PromptArtifact, PromptFile
from microgate.prompts.sandbox import ENVIRONMENT
from microgate.report.model import RuleInfo


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a check found: what, on which file line, and the content it is about
    (``evidence`` is hashed into the finding's fingerprint and never printed)."""

    message: str
    line: int | None = None
    evidence: str = ""
    column: int | None = None


@dataclass(frozen=True)
class PromptContext:
    """One loaded prompt and the app-level inputs rules compare it with."""

    prompt: PromptFile
    manifest: Manifest | None = None
    allowed_families: frozenset[str] = frozenset()
    previous: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Prompt id -> (version, content hash) of the registry's last record."""

    @property
    def artifact(self) -> PromptArtifact:
        return self.prompt.artifact

    @cached_property
    def ast(self) -> nodes.Template:
        """The template's syntax tree (the loader has already checked it parses)."""
        return ENVIRONMENT.parse(self.artifact.template)


Check = Callable[[PromptContext], Iterable[Hit]]


@dataclass(frozen=True)
class PromptRule:
    """A prompt lint rule: metadata and a check."""

    id: str
    name: str
    level: Level
    message: str
    fix: str
    check: Check
    tags: tuple[str, ...] = ()

    @property
    def info(self) -> RuleInfo:
        return rule_info(self.id, self.name, self.message, self.fix, self.level, *self.tags)

    def findings(self, ctx: PromptContext) -> Iterator[Finding]:
        """The check's hits for ``ctx`` as findings in the prompt's file."""
        for hit in self.check(ctx):
            yield Finding(
                self.id,
                self.level,
                hit.message,
                Location(ctx.prompt.rel, hit.line, hit.column),
                fix_hint=self.fix,
                evidence=hit.evidence or f"{ctx.artifact.id}\x1f{hit.message}",
                properties={"promptId": ctx.artifact.id},
            )


def rule_info(
    rule_id: str, name: str, message: str, fix: str, level: Level, *tags: str
) -> RuleInfo:
    """The report metadata of a prompt rule."""
    return RuleInfo(rule_id, name, message, help=fix, level=level, tags=("lint", "prompt", *tags))
