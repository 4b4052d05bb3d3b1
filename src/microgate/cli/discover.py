"""``microgate discover PATH...``: draft a manifest, or report what the manifest leaves out.

For each app folder (or its ``microgate.yaml``):

- with a manifest: a report of undocumented dependencies (rules MG-D001..MG-D010);
- without one: a drafted ``microgate.yaml`` (commented YAML, loads back cleanly).  With
  ``write`` it is written into the app folder (never over an existing file) and the app's
  report is shown instead; without, the draft is printed.

Where output goes: ``output`` (or stdout) receives the rendered reports when there are any,
otherwise the drafts; printed drafts that do not go to ``output`` go to stdout.  Exit code 1
when any finding is an error (a hard-coded secret, MG-D005), else 0; input errors propagate.
"""

from __future__ import annotations

import sys
from pathlib import Path

from microgate.cli.output import emit
from microgate.discover import discovery_report, draft_manifest, draft_yaml, review_notes, scan
from microgate.errors import InputError, UsageError
from microgate.manifest import find_manifest, load_manifest
from microgate.manifest.loader import MANIFEST_NAMES
from microgate.report.model import Report


def _app_root(path: Path) -> Path:
    if not path.exists():
        raise InputError(str(path), "not found; expected an app folder")
    if path.is_file():
        if path.name in MANIFEST_NAMES:
            return path.parent
        raise InputError(str(path), "is a file; expected an app folder or its microgate.yaml")
    return path


def _write_draft(root: Path, text: str) -> Path:
    target = root / MANIFEST_NAMES[0]
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(str(target), "already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise UsageError(str(target), f"cannot write the draft: {exc.strerror}") from None
    return target


def discover_command(
    paths: list[Path], write: bool, fmt: str, output: Path | None, record: bool = True
) -> int:
    """Scan each app; print drafts or reports; return 1 when a finding is an error.

    Runs on apps that have a manifest are recorded in the registry unless ``record`` is false.
    """
    from microgate import __version__
    from microgate.pipeline import record_run
    from microgate.report.render import FORMATS, render

    if fmt not in FORMATS:
        raise UsageError(
            "--format", f"unknown format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}"
        )
    reports: list[Report] = []
    drafts: list[str] = []
    failed = False
    for path in paths:
        root = _app_root(path)
        discovery = scan(root)
        manifest = load_manifest(root) if find_manifest(root) is not None else None
        report = discovery_report(path, discovery, manifest)
        failed = failed or not report.passed
        if manifest is not None:
            if record:
                record_run(
                    root,
                    manifest,
                    kind="discover",
                    subject=str(path),
                    exit_code=report.exit_code,
                    summary={"findings": report.counts()},
                )
            if write:
                sys.stderr.write(f"microgate: {find_manifest(root)} exists; not overwritten\n")
            reports.append(report)
            continue
        text = draft_yaml(draft_manifest(discovery), review_notes(discovery))
        if write:
            target = _write_draft(root, text)
            sys.stderr.write(f"microgate: wrote {target}; review the TODOs at its top\n")
            reports.append(report)
        else:
            drafts.append(text)
    drafted = "---\n".join(drafts)
    if reports:
        emit(render(reports, fmt, tool_version=__version__), output)
        if drafts:
            emit(drafted, None)
    elif drafts:
        emit(drafted, output)
    return 1 if failed else 0
