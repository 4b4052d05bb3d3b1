"""The secrets baseline: secrets an app's owners reviewed and accepted (false positives, test
fixtures), stored at ``<app>/.microgate/secrets.baseline``.

An entry's identity is *file + secret hash + type*, never the line: moving a line, or editing
around it, does not bring an accepted finding back.  The hash is the one the secret scanner
records (the first 24 hex digits of the SHA-256 of the value); the value itself is never
stored.  ``line`` is kept only to help a reviewer find the entry.

The file is JSON, versioned by ``version``::

    {
      "version": 1,
      "hashAlgorithm": "sha256-24",
      "generatedBy": "microgate 0.1.0",
      "entries": [
        {"file": "config/settings.yaml", "type": "AWS Access Key",
         "hash": "3f9a0c1d2e4b5a6978877665", "line": 4}
      ]
    }

Example:
    >>> old = Baseline((BaselineEntry("a.env", "0" * 24, "Slack Token", 3),))
    >>> new, changes = updated(old, [BaselineEntry("a.env", "0" * 24, "Slack Token", 9)])
    >>> changes, new.entries[0].line
    (Changes(kept=1, added=0, dropped=0), 9)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from microgate.errors import InputError
from microgate.yamlio import Limits, load_yaml_file, validate_document

BASELINE_PATH = ".microgate/secrets.baseline"
"""Where an app keeps its baseline, relative to the app folder."""
FORMAT_VERSION = 1
HASH_ALGORITHM = "sha256-24"
_LIMITS = Limits(max_bytes=4_194_304, max_nodes=400_000, max_depth=8, max_aliases=0)

Key = tuple[str, str, str]


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """One accepted secret: where (file), which value (hash) and what kind (type)."""

    file: str
    hash: str
    type: str
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> Key:
        """The identity of the entry: file, hash and type (not the line)."""
        return (self.file, self.hash, self.type)


@dataclass(frozen=True)
class Baseline:
    """The accepted secrets of one app (empty when the app has no baseline file)."""

    entries: tuple[BaselineEntry, ...] = ()

    def keys(self) -> frozenset[Key]:
        return frozenset(e.key for e in self.entries)

    def accepts(self, entry: BaselineEntry) -> bool:
        return entry.key in self.keys()


@dataclass(frozen=True)
class Changes:
    """What ``--update-baseline`` did: entries kept, added and dropped."""

    kept: int
    added: int
    dropped: int

    def describe(self) -> str:
        return f"{self.kept} kept, {self.added} added, {self.dropped} dropped"


class _EntryDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str = Field(min_length=1, max_length=1024)
    type: str = Field(min_length=1, max_length=200)
    hash: str = Field(pattern=r"^[0-9a-f]{24}$")
    line: int | None = Field(default=None, ge=1)


class _BaselineDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    version: Literal[1]
    hash_algorithm: Literal["sha256-24"] = Field(default="sha256-24", alias="hashAlgorithm")
    generated_by: str = Field(default="", alias="generatedBy")
    entries: list[_EntryDoc] = Field(default_factory=list)


def baseline_file(app_root: Path) -> Path:
    return app_root / BASELINE_PATH


def load_baseline(app_root: Path) -> Baseline:
    """The app's baseline; a missing file is an empty baseline, a broken one an InputError
    naming the file, line and key."""
    path = baseline_file(app_root)
    if not path.exists():
        return Baseline()
    if not path.is_file():
        raise InputError(str(path), "is not a file; expected the secrets baseline (JSON)")
    doc = load_yaml_file(path, limits=_LIMITS, what="secrets baseline")
    if not isinstance(doc.data, dict):
        raise InputError(
            str(path), "expected a JSON object with 'version' and 'entries'", line=1, column=1
        )
    parsed = validate_document(_BaselineDoc, doc)
    seen: dict[Key, int] = {}
    entries = []
    for index, item in enumerate(parsed.entries):
        entry = BaselineEntry(item.file, item.hash, item.type, item.line)
        if entry.key in seen:
            line, column = doc.position(("entries", index))
            raise InputError(
                str(path),
                f"duplicate entry (same file, hash and type as entries[{seen[entry.key]}])",
                line=line,
                column=column,
                key_path=f"entries[{index}]",
                hint="remove one, or rebuild the file with 'microgate lint --update-baseline'",
            )
        seen[entry.key] = index
        entries.append(entry)
    return Baseline(tuple(entries))


def updated(old: Baseline, found: Iterable[BaselineEntry]) -> tuple[Baseline, Changes]:
    """The baseline after an update: every secret found now (refreshed lines), nothing else."""
    current: dict[Key, BaselineEntry] = {}
    for entry in sorted(found):
        current.setdefault(entry.key, entry)
    before = old.keys()
    kept = sum(1 for k in current if k in before)
    changes = Changes(kept, len(current) - kept, sum(1 for k in before if k not in current))
    return Baseline(tuple(current[k] for k in sorted(current))), changes


def dump_baseline(baseline: Baseline, *, generated_by: str = "") -> str:
    """The baseline as JSON text, entries sorted (stable diffs in version control)."""
    data = {
        "version": FORMAT_VERSION,
        "hashAlgorithm": HASH_ALGORITHM,
        "generatedBy": generated_by,
        "entries": [
            {"file": e.file, "type": e.type, "hash": e.hash, "line": e.line}
            for e in sorted(baseline.entries)
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_baseline(app_root: Path, baseline: Baseline, *, generated_by: str = "") -> Path:
    """Write the baseline file (creating ``.microgate/``); an unwritable place is an
    InputError."""
    path = baseline_file(app_root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_baseline(baseline, generated_by=generated_by), encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot write the secrets baseline: {exc.strerror}") from None
    return path
