"""Checks on a prompt's declarations (MG-L006 .. L009, L011, L012).

MG-L007 compares with the registry's last record of each prompt id, given as
``previous: {id: (version, content_hash)}`` (empty when the app has no history; see
:mod:`microgate.lint.prompt.history`).  MG-L009 compares with the policy's allowed model
families, MG-L012 with the families the manifest declares under ``models``.
"""

from __future__ import annotations

from collections.abc import Iterator

from microgate.lint.prompt.rule import Hit, PromptContext
from microgate.prompts import is_semver, output_schema_problems, semver_key


def missing_version(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L006: no ``version``."""
    if ctx.artifact.version is None:
        yield Hit(f"prompt '{ctx.artifact.id}' has no version", ctx.prompt.line_of("id"))


def version_not_bumped(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L007: content changed under the same version, or the version went backwards."""
    artifact, identity = ctx.artifact, ctx.prompt.identity
    record = ctx.previous.get(artifact.id)
    if record is None or artifact.version is None:
        return
    before, before_hash = record
    line = ctx.prompt.line_of("version")
    if artifact.version == before:
        if identity.content_hash != before_hash:
            yield Hit(
                f"the content of '{artifact.id}' changed since the last recorded run "
                f"but its version is still {before}",
                line,
                evidence=f"{before}\x1f{identity.content_hash}",
            )
    elif is_semver(before) and semver_key(artifact.version) < semver_key(before):
        yield Hit(
            f"the version of '{artifact.id}' went backwards: {artifact.version} "
            f"is lower than the last recorded {before}",
            line,
            evidence=f"{before}\x1f{artifact.version}",
        )


def no_max_tokens(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L008: ``parameters.maxTokens`` is not set."""
    if ctx.artifact.parameters.max_tokens is None:
        yield Hit(
            f"prompt '{ctx.artifact.id}' does not bound its output (no maxTokens)",
            ctx.prompt.line_of("parameters", key=True),
        )


def family_not_allowed(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L009: the target model family is not allowed by policy."""
    family = ctx.artifact.model_family
    if family not in ctx.allowed_families:
        yield Hit(
            f"model family '{family}' is not allowed by policy",
            ctx.prompt.line_of("modelFamily"),
            evidence=family,
        )


def family_not_declared(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L012: the target model family is not among the manifest's models."""
    if ctx.manifest is None:
        return
    family = ctx.artifact.model_family
    declared = sorted({m.family for m in ctx.manifest.models})
    if family not in declared:
        listed = ", ".join(declared) if declared else "none"
        yield Hit(
            f"model family '{family}' is not declared under models in the manifest "
            f"(declared: {listed})",
            ctx.prompt.line_of("modelFamily"),
            evidence=family,
        )


def invalid_output_schema(ctx: PromptContext) -> Iterator[Hit]:
    """MG-L011: ``outputSchema`` is not a valid JSON Schema."""
    schema = ctx.artifact.output_schema
    if schema is None:
        return
    for path, message in output_schema_problems(schema):
        where = "outputSchema" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        line = ctx.prompt.line_of("outputSchema", *path)
        yield Hit(f"{where}: {message}", line, evidence=f"{where}\x1f{message}")
