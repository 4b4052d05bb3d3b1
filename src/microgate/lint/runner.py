"""Run every lint part on one app: prompts, circuits, secrets, static security of Python.

The prompt and circuit parts live in their own modules and are imported lazily (their
dependencies — Jinja2, qiskit, pyqasm — come with extras); a part that cannot be imported is
left out and named in the report summary under ``lintParts``.  The secrets and Python parts
read the app's files once (:func:`microgate.lint.appfiles.read_app`).

Example:
    >>> report = lint_app(Path("examples/team-notes"), allowed_families=["llama-3.1"])
    >>> report.tool, report.app, report.exit_code
    ('lint', 'team-notes', 0)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from microgate.errors import InputError
from microgate.lint.appfiles import read_app
from microgate.lint.pysec import python_findings, python_results
from microgate.lint.secrets import scan_app_secrets
from microgate.manifest import Manifest, find_manifest, load_manifest
from microgate.report.model import CheckResult, Report

PROMPT_PART = (("microgate.lint.prompt", "microgate.lint.prompts"), "lint_prompts")
CIRCUIT_PART = (("microgate.lint.circuit", "microgate.lint.circuits"), "lint_circuits")


def load_part(modules: Sequence[str], name: str) -> Callable[..., list[CheckResult]] | None:
    """The lint function ``name`` of the first of ``modules`` that has it, or None when that
    part is not installed."""
    for module in modules:
        try:
            loaded = importlib.import_module(module)
        except ImportError:
            continue
        function = getattr(loaded, name, None)
        if callable(function):
            return function  # type: ignore[no-any-return]
    return None


def _run_parts(
    root: Path,
    manifest: Manifest | None,
    allowed_families: Sequence[str],
    previous_prompts: Mapping[str, Any],
) -> tuple[list[CheckResult], dict[str, str]]:
    results: list[CheckResult] = []
    parts: dict[str, str] = {}
    prompts, circuits = load_part(*PROMPT_PART), load_part(*CIRCUIT_PART)
    if prompts is None:
        parts["prompts"] = "unavailable: prompt lint is not installed"
    else:  # without a manifest, the default prompts/*.yaml
        results += prompts(
            root, manifest, allowed_families=list(allowed_families), previous=previous_prompts
        )
        parts["prompts"] = "ran"
    if circuits is None:
        parts["circuits"] = "unavailable: circuit lint is not installed"
    elif manifest is None:
        parts["circuits"] = "skipped: the app has no microgate.yaml (no target backend)"
    else:
        results += circuits(root, manifest)
        parts["circuits"] = "ran"
    return results, parts


def lint_app(
    app_root: Path,
    *,
    allowed_families: Sequence[str],
    previous_prompts: Mapping[str, Any] | None = None,
    update_baseline: bool = False,
    manifest: Manifest | None = None,
    subject: str = "",
) -> Report:
    """Lint the app in ``app_root`` into one ``Report(tool="lint")``.

    ``allowed_families`` is the policy's model allowlist (prompt lint), ``previous_prompts``
    what the registry last recorded of the app's prompts (version-bump rule),
    ``update_baseline`` rewrites ``.microgate/secrets.baseline`` to the secrets found now.
    ``manifest`` saves loading it again; without one, an app with no ``microgate.yaml`` gets
    the secrets and Python parts only.
    """
    root = Path(app_root)
    if not root.is_dir():
        raise InputError(str(root), "not a folder; expected an app folder")
    if manifest is None and find_manifest(root) is not None:
        manifest = load_manifest(root)
    results, parts = _run_parts(root, manifest, allowed_families, previous_prompts or {})
    files = read_app(root)
    secrets = scan_app_secrets(files, update=update_baseline)
    # a key that the secrets scan already reports (or its baseline accepts) is said once
    python = [
        f
        for f in python_findings(files)
        if not (
            f.rule_id == "MG-S110"
            and f.location
            and (f.location.path, f.location.line) in secrets.places
        )
    ]
    report = Report(tool="lint", subject=subject or str(app_root))
    report.app = manifest.name if manifest else ""
    report.extend(results)
    report.extend(secrets.results)
    report.extend(python_results(python))
    parts["secrets"] = parts["python"] = "ran"
    report.summary = {
        "files": len(files.texts),
        "pythonFiles": len(files.python),
        **secrets.summary,
        "lintParts": parts,
    }
    return report
