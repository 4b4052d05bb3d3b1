"""``microgate registry ...``: list, show, history, export and import the app registry.

Each function opens the store named by ``MICROGATE_DATABASE_URL`` (default: SQLite in the
state folder), prints with :func:`microgate.cli.output.emit` and returns an exit code.
An unknown app, a bad option value or a bad import file raises
:class:`~microgate.errors.InputError`, which the CLI turns into exit code 2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from microgate.cli.output import emit
from microgate.errors import UsageError
from microgate.registry import AppRecord, Registry, RunRecord
from microgate.registry.documents import app_document, run_document
from microgate.registry.exchange import MAX_BYTES
from microgate.store import open_store
from microgate.yamlio import read_text_file

FORMATS = ("text", "json")
EXCHANGE_FORMATS = ("json", "backstage")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def registry_list(fmt: str) -> int:
    """Every app with tier, last result and owner."""
    _check_format(fmt, FORMATS)
    with open_store() as store:
        apps = Registry(store).list_apps()
    if fmt == "json":
        emit(_json([app_document(a) for a in apps]), None)
    elif not apps:
        emit("The registry is empty: 'microgate check PATH' records apps in it.", None)
    else:
        rows = [
            [
                a.name,
                a.tier or "-",
                a.last_result or "-",
                _when(a.last_run_at),
                a.owner,
                a.lifecycle,
            ]
            for a in apps
        ]
        emit(_table(["NAME", "TIER", "LAST", "LAST RUN (UTC)", "OWNER", "LIFECYCLE"], rows), None)
    return 0


def registry_show(name: str, fmt: str) -> int:
    """One app's catalog entry and the artifact versions of its latest run."""
    _check_format(fmt, FORMATS)
    with open_store() as store:
        registry = Registry(store)
        app = registry.get_app(name)
        latest = registry.history(name, limit=1)
    run = latest[0] if latest else None
    if fmt == "json":
        doc = app_document(app)
        doc["latestRun"] = run_document(run) | {"id": run.id} if run else None
        emit(_json(doc), None)
    else:
        emit(_show_text(app, run), None)
    return 0


def registry_history(name: str, limit: int, fmt: str) -> int:
    """An app's runs, newest first."""
    _check_format(fmt, FORMATS)
    with open_store() as store:
        runs = Registry(store).history(name, limit=limit)
    if fmt == "json":
        emit(_json([run_document(r) | {"id": r.id} for r in runs]), None)
    elif not runs:
        emit(f"No runs recorded for '{name}'.", None)
    else:
        rows = [
            [
                str(r.id),
                _when(r.finished_at),
                r.kind,
                r.result,
                str(r.exit_code),
                r.tier or "-",
                r.subject,
            ]
            for r in runs
        ]
        emit(
            _table(["RUN", "FINISHED (UTC)", "KIND", "RESULT", "EXIT", "TIER", "SUBJECT"], rows),
            None,
        )
    return 0


def registry_export(fmt: Literal["json", "backstage"], output: Path | None) -> int:
    """The registry as JSON (everything) or as a Backstage catalog (catalog entries)."""
    _check_format(fmt, EXCHANGE_FORMATS)
    with open_store() as store:
        registry = Registry(store)
        text = _json(registry.export_json()) if fmt == "json" else registry.export_backstage()
    emit(text, output)
    return 0


def registry_import(path: Path, fmt: str | None) -> int:
    """Import a JSON export or a Backstage catalog file (``fmt`` None: told by its content)."""
    if fmt is not None:
        _check_format(fmt, EXCHANGE_FORMATS)
    text = read_text_file(path, max_bytes=MAX_BYTES, what="registry file").removeprefix("\ufeff")
    kind = fmt or detect_format(text)
    with open_store() as store:
        registry = Registry(store)
        if kind == "json":
            names = registry.import_json(text, str(path))
        else:
            names = registry.import_backstage(text, str(path))
    plural = "app" if len(names) == 1 else "apps"
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    emit(f"Imported {len(names)} {plural} from {path}: {shown}", None)
    return 0


def detect_format(text: str) -> Literal["json", "backstage"]:
    """``json`` for a JSON document, else ``backstage`` (YAML).

    >>> detect_format('  {"apiVersion": "microgate/v1"}'), detect_format("apiVersion: x")
    ('json', 'backstage')
    """
    return "json" if text.lstrip().startswith("{") else "backstage"


def _check_format(fmt: str, allowed: Sequence[str]) -> None:
    if fmt not in allowed:
        raise UsageError(
            "--format", f"unknown format '{fmt}'", hint=f"expected one of: {', '.join(allowed)}"
        )


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


def _clean(text: str) -> str:
    """Text safe for a terminal: control characters (escape sequences) shown as '?'."""
    return _CONTROL.sub("?", text)


def _table(header: list[str], rows: list[list[str]]) -> str:
    cells = [header, *([_clean(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def _show_text(app: AppRecord, run: RunRecord | None) -> str:
    last: str = app.last_result or "-"
    if app.last_run_at is not None:
        last += f" ({_when(app.last_run_at)} UTC)"
    fields = [
        ("owner", app.owner),
        ("tier", app.tier or "-"),
        ("lifecycle", app.lifecycle),
        ("type", app.component_type),
        ("description", app.description or "-"),
        ("tags", ", ".join(app.tags) or "-"),
        ("last result", last),
        ("manifest", f"sha256 {app.manifest_sha256[:12]}" if app.manifest_sha256 else "-"),
    ]
    lines = [_clean(app.name)] + [f"  {k + ':':<13}{_clean(v)}" for k, v in fields]
    if run is not None:
        lines.append(
            f"  latest run:  #{run.id} {run.kind}, {run.result} ({_when(run.finished_at)} UTC)"
        )
        rows = [[a.kind, a.path, a.version or "-", a.sha256[:12]] for a in run.artifacts]
        if rows:
            table = _table(["KIND", "PATH", "VERSION", "SHA256"], rows)
            lines.extend("    " + line for line in table.splitlines())
    return "\n".join(lines)
