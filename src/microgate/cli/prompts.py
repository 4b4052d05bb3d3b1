"""``microgate prompts ...``: list an app's prompts and render one with type-checked values.

Prompts are found as lint finds them: the manifest's ``prompts`` patterns, else
``prompts/*.yaml``.  Every problem (a file that does not load, an unknown id, a variable of the
wrong type, a template that fails) is an :class:`~microgate.errors.InputError` (exit code 2).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from microgate.cli.output import emit
from microgate.errors import InputError, UsageError
from microgate.manifest import find_manifest, load_manifest
from microgate.manifest.loader import MANIFEST_NAMES
from microgate.prompts import PromptFile, load_prompts, render
from microgate.yamlio import Limits, load_yaml_file

FORMATS = ("text", "json")
VARS_LIMITS = Limits(max_bytes=4_194_304, max_nodes=200_000, max_depth=32, max_aliases=100)


def _app_prompts(app: Path) -> list[PromptFile]:
    if not app.exists():
        raise InputError(str(app), "not found; expected an app folder or its microgate.yaml")
    root = app.parent if app.is_file() and app.name in MANIFEST_NAMES else app
    if not root.is_dir():
        raise InputError(str(app), "expected an app folder or its microgate.yaml")
    patterns = load_manifest(root).prompts if find_manifest(root) is not None else []
    return load_prompts(root, patterns)


def _read_vars(vars_file: Path | None) -> dict[str, Any]:
    if vars_file is None:
        return {}
    doc = load_yaml_file(vars_file, limits=VARS_LIMITS, what="variables file")
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise InputError(
            str(vars_file),
            f"expected a mapping of variable names to values, got a {type(doc.data).__name__}",
        )
    return doc.data


def prompts_render_command(
    app: Path, prompt_id: str, vars_file: Path | None, output: Path | None
) -> int:
    """Render prompt ``prompt_id`` of the app with the variables in ``vars_file`` (YAML or
    JSON); write the text to ``output`` or stdout."""
    prompts = {p.artifact.id: p for p in _app_prompts(app)}
    prompt = prompts.get(prompt_id)
    if prompt is None:
        close = difflib.get_close_matches(prompt_id, list(prompts), n=1)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else (f"known: {', '.join(sorted(prompts))}" if prompts else "the app has no prompts")
        )
        raise UsageError(prompt_id, "no prompt with this id", hint=hint)
    values = _read_vars(vars_file)
    text = render(prompt, values, source=str(vars_file) if vars_file else "--vars")
    emit(text, output)
    return 0


def prompts_list_command(app: Path, fmt: str) -> int:
    """List the app's prompts: id, version, content hash (12 characters) and file."""
    if fmt not in FORMATS:
        raise UsageError(
            "--format", f"unknown format '{fmt}'", hint=f"expected one of: {', '.join(FORMATS)}"
        )
    prompts = sorted(_app_prompts(app), key=lambda p: p.artifact.id)
    rows = [
        {
            "id": p.artifact.id,
            "version": p.artifact.version or "",
            "contentHash": p.identity.content_hash,
            "file": p.rel,
        }
        for p in prompts
    ]
    if fmt == "json":
        emit(json.dumps(rows, indent=2), None)
        return 0
    if not rows:
        emit("No prompt files (the manifest's 'prompts', default prompts/*.yaml).", None)
        return 0
    table = [["ID", "VERSION", "HASH", "FILE"]] + [
        [r["id"], r["version"] or "-", r["contentHash"][:12], r["file"]] for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = [
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[3]])
        for row in table
    ]
    emit("\n".join(lines), None)
    return 0
