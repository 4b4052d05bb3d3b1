"""Lint an app's prompts: one :class:`CheckResult` per rule (MG-L000 .. MG-L012).

A prompt file that does not load does not stop the lint: each of its problems becomes a
MG-L000 finding at its line and the other files are still checked.  When the app has no
prompt files every rule is ``SKIPPED``.

Example:
    >>> from pathlib import Path
    >>> from microgate.manifest import load_manifest
    >>> app = Path("examples/team-notes")
    >>> results = lint_prompts(app, load_manifest(app), allowed_families=["llama-3.1"])
    >>> {r.outcome.value for r in results}
    {'pass'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from microgate.errors import InputError, Problem
from microgate.findings import Finding, Location
from microgate.lint.outcomes import check_results
from microgate.lint.prompt.rule import PromptContext, PromptRule
from microgate.lint.prompt.table import INVALID, PROMPT_RULES
from microgate.manifest.model import Manifest
from microgate.prompts import DEFAULT_PATTERNS, PromptFile, load_prompt, prompt_paths
from microgate.prompts.files import manifest_source
from microgate.report.model import CheckResult


def _invalid(rel: str, problem: Problem) -> Finding:
    text = f"at '{problem.key_path}': {problem.message}" if problem.key_path else problem.message
    if problem.hint:
        text += f" ({problem.hint})"
    return Finding(
        INVALID.id,
        INVALID.level,
        text,
        Location(rel, problem.line, problem.column),
        fix_hint=INVALID.help,
        evidence=f"{problem.key_path}\x1f{problem.message}",
    )


def _invalid_all(rel: str, exc: InputError) -> list[Finding]:
    return [_invalid(rel, p) for p in exc.problems]


def collect_prompts(
    app_root: Path, patterns: Sequence[str]
) -> tuple[list[PromptFile], list[Finding]]:
    """Every prompt that loads, and a MG-L000 finding for each problem of those that do not."""
    base = app_root.resolve()
    source = manifest_source(app_root)
    manifest_rel = Path(source).name
    key = "prompts" if patterns else "default prompt pattern"
    findings: list[Finding] = []
    paths: dict[str, None] = {}
    for index, pattern in enumerate(patterns or DEFAULT_PATTERNS):
        try:
            found = prompt_paths(app_root, pattern, source=source, where=f"{key}[{index}]")
        except InputError as exc:
            findings += _invalid_all(manifest_rel, exc)
            continue
        paths.update((p.relative_to(base).as_posix(), None) for p in found)
    prompts: list[PromptFile] = []
    by_id: dict[str, str] = {}
    for rel in paths:
        try:
            prompt = load_prompt(app_root / rel, rel=rel)
        except InputError as exc:
            findings += _invalid_all(rel, exc)
            continue
        first = by_id.setdefault(prompt.artifact.id, rel)
        if first != rel:
            problem = Problem(
                f"prompt id '{prompt.artifact.id}' is also defined in {first}",
                prompt.line_of("id"),
                key_path="id",
            )
            findings.append(_invalid(rel, problem))
            continue
        prompts.append(prompt)
    return prompts, findings


def lint_prompts(
    app_root: Path,
    manifest: Manifest | None,
    *,
    allowed_families: Iterable[str],
    previous: Mapping[str, tuple[str, str]] | None = None,
    rules: Sequence[PromptRule] = PROMPT_RULES,
) -> list[CheckResult]:
    """Lint the prompts ``manifest.prompts`` names (default ``prompts/*.yaml``) under
    ``app_root``.

    ``allowed_families`` are the model families policy allows (MG-L009); ``previous`` maps
    prompt ids to the (version, content hash) of the registry's last record (MG-L007; empty
    or ``None`` when the app has no history).  ``rules`` defaults to the built-in table.
    """
    patterns = list(manifest.prompts) if manifest is not None else []
    prompts, findings = collect_prompts(Path(app_root), patterns)
    allowed = frozenset(allowed_families)
    for prompt in prompts:
        ctx = PromptContext(prompt, manifest, allowed, dict(previous or {}))
        for rule in rules:
            findings.extend(rule.findings(ctx))
    infos = [INVALID, *(r.info for r in rules)]
    skipped = None
    if not prompts and not findings:
        skipped = {r.id: "the app has no prompt files" for r in infos}
    return check_results(infos, findings, skipped=skipped)
