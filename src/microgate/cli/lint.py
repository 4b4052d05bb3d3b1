"""``microgate lint PATH...``: prompts, circuits, secrets and Python security of every app.

Exit codes as for ``gate``: 0 when nothing blocks (warnings allowed), 1 when an error-level
finding exists, 2 for a usage or input error.  Each app with a manifest gets a ``lint`` run
in the registry.  ``--update-baseline`` accepts every secret found now into the app's
``.microgate/secrets.baseline`` and says how many entries were kept, added and dropped.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from microgate import __version__
from microgate.cli.options import check_format
from microgate.cli.output import emit
from microgate.errors import InputError, UsageError
from microgate.lint.runner import lint_app
from microgate.manifest import Manifest, find_manifest, load_manifest
from microgate.pipeline import expand_apps, record_run
from microgate.policy import load_policy
from microgate.report.model import Report
from microgate.report.render import render


def allowed_families(policy_dirs: list[Path]) -> list[str]:
    """The model families the policy allows (``params.allowedModelFamilies``)."""
    for directory in policy_dirs:
        if not directory.is_dir():
            raise UsageError(str(directory), "not a folder; --policy expects a folder of packs")
    families = load_policy(policy_dirs).params.get("allowedModelFamilies", [])
    return [str(f) for f in families] if isinstance(families, list) else []


def previous_prompts(app_name: str) -> dict[str, tuple[str, str]]:
    """Prompt id -> (version, content hash) from the registry's lint runs of the app, newest
    first ({} for an app the registry has not seen, or when prompt lint is not installed)."""
    try:
        from microgate.lint.prompt import previous_prompt_versions
    except ImportError:
        return {}
    from microgate.registry import Registry
    from microgate.store import open_store

    store = open_store()
    try:
        runs = Registry(store).history(app_name)
    except InputError:  # an app the registry has not seen yet
        return {}
    finally:
        store.close()
    return previous_prompt_versions(runs)


def recorded_prompts(root: Path, manifest: Manifest) -> dict[str, dict[str, str]]:
    """What a lint run records of the app's prompts (id -> version and content hash), so the
    next run can tell a changed prompt whose version was not bumped."""
    try:
        from microgate.lint.prompt import collect_prompts, prompt_versions
    except ImportError:
        return {}
    prompts, _ = collect_prompts(root, list(manifest.prompts))
    return prompt_versions(prompts)


def _record(root: Path, manifest: Manifest, report: Report, started: datetime) -> None:
    record_run(
        root,
        manifest,
        kind="lint",
        subject=report.subject,
        exit_code=report.exit_code,
        started=started,
        summary={
            "lint": report.counts(),
            "blocking": [r.rule.id for r in report.results if r.blocking],
            "findings": len(report.findings),
            "prompts": recorded_prompts(root, manifest),
        },
    )


def lint_command(
    paths: list[Path],
    fmt: str,
    output: Path | None,
    update_baseline: bool,
    policy_dirs: list[Path],
    record: bool = True,
) -> int:
    """Lint each app; exit 0 pass (warnings allowed), 1 when an error-level finding exists."""
    check_format(fmt)
    families = allowed_families(policy_dirs)
    reports: list[Report] = []
    for root in expand_apps(paths):
        started = datetime.now(UTC)
        manifest = load_manifest(root) if find_manifest(root) is not None else None
        previous = previous_prompts(manifest.name) if manifest is not None else {}
        report = lint_app(
            root,
            allowed_families=families,
            previous_prompts=previous,
            update_baseline=update_baseline,
            manifest=manifest,
            subject=str(root),
        )
        if update_baseline and "baseline" in report.summary:
            b = report.summary["baseline"]
            sys.stderr.write(
                f"microgate: {root / b['path']}: {b['kept']} kept, {b['added']} added, "
                f"{b['dropped']} dropped\n"
            )
        if record and manifest is not None:
            _record(root, manifest, report, started)
        reports.append(report)
    emit(render(reports, fmt, tool_version=__version__), output)
    return max((r.exit_code for r in reports), default=0)
