"""Read one prompt file into a :class:`PromptFile`: the artifact plus where things are.

Every problem is an :class:`~microgate.errors.InputError` naming the file and line: YAML
syntax, unknown or mistyped keys (with "did you mean"), and Jinja2 syntax errors in the
template, located on the file's line (not the template's).

Example:
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "hello.yaml"
    >>> _ = path.write_text("id: demo.hello\\nversion: 1.0.0\\nmodelFamily: simulated\\n"
    ...     "variables:\\n  name: {type: string}\\ntemplate: |\\n  Hello {{ name }}\\n")
    >>> prompt = load_prompt(path)
    >>> prompt.artifact.id, prompt.file_line(1)
    ('demo.hello', 7)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jinja2 import TemplateSyntaxError

from microgate.errors import InputError
from microgate.prompts.identity import PromptIdentity, identity_of
from microgate.prompts.model import PromptArtifact
from microgate.prompts.sandbox import compile_template
from microgate.yamlio import Limits, LoadedYaml, load_yaml_text, read_text_file, validate_document

PROMPT_LIMITS = Limits(max_bytes=1_048_576, max_nodes=50_000, max_depth=32, max_aliases=100)


@dataclass(frozen=True)
class PromptFile:
    """A loaded prompt: the artifact, its file, and the positions of its keys."""

    artifact: PromptArtifact
    path: Path
    rel: str
    """The path shown in messages and findings (relative to the app root when known)."""
    doc: LoadedYaml
    lines: tuple[str, ...]

    @cached_property
    def identity(self) -> PromptIdentity:
        return identity_of(self.artifact)

    def line_of(self, *key_path: str | int, key: bool = False) -> int | None:
        """The file line of a key's value (or of the key itself), or of its closest parent."""
        return self.doc.position(key_path, key=key)[0]

    @cached_property
    def template_offset(self) -> int:
        """The file line of the template's first line, minus one.

        A block scalar (``template: |``) starts on the line after its indicator; a plain or
        quoted scalar on its own line.  Folded (``>``) and escaped quoted templates do not keep
        line breaks, so their lines are approximate.
        """
        line, column = self.doc.position(("template",))
        if line is None:
            return 0
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        indicator = text[column - 1 : column] if column else ""
        return line if indicator in ("|", ">") else line - 1

    def file_line(self, template_line: int | None) -> int | None:
        """The file line of line ``template_line`` (1-based) of the template."""
        if template_line is None:
            return self.line_of("template")
        return self.template_offset + template_line


def load_prompt(path: Path | str, *, rel: str | None = None) -> PromptFile:
    """Load, validate and compile one prompt file; raise :class:`InputError` on any problem.

    Errors name the file as given; ``rel`` (default: the path as given) is the name the
    :class:`PromptFile` carries into findings, usually relative to the app root.
    """
    path = Path(path)
    shown = str(path)
    text = read_text_file(path, max_bytes=PROMPT_LIMITS.max_bytes, what="prompt file")
    text = text.removeprefix("\ufeff")
    doc = load_yaml_text(text, source=shown, limits=PROMPT_LIMITS)
    artifact = validate_document(PromptArtifact, doc)
    prompt = PromptFile(artifact, path, rel or shown, doc, tuple(text.splitlines()))
    try:
        compile_template(artifact.template)
    except TemplateSyntaxError as exc:
        raise InputError(
            shown,
            f"template syntax error: {exc.message or exc}",
            line=prompt.file_line(exc.lineno),
            key_path="template",
        ) from None
    return prompt
