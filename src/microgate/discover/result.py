"""Scan an app folder into one :class:`Discovery`: every observation, sorted and de-duplicated.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()) / "Weather Bot"
    >>> root.mkdir()
    >>> src = "import os, requests\\nrequests.get(os.environ['WEATHER_URL'])\\n"
    >>> _ = (root / "bot.py").write_text(src)
    >>> d = scan(root)
    >>> d.name, d.values(Kind.IMPORT), d.values(Kind.ENV_VAR)
    ('Weather Bot', ['requests'], ['WEATHER_URL'])
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from microgate.discover.javascript import scan_javascript
from microgate.discover.observations import Kind, Observation, sort_key
from microgate.discover.packages import make_reader, scan_package_file
from microgate.discover.python import scan_python
from microgate.discover.secrets import GENERIC_TYPES, scan_secrets
from microgate.discover.walk import (
    JAVASCRIPT,
    PYTHON,
    SourceFile,
    is_code_or_packages,
    read_text,
    walk,
)
from microgate.errors import InputError
from microgate.findings import Location

_GENERIC_SECRETS = GENERIC_TYPES


@dataclass(frozen=True)
class Discovery:
    """What scanning one app found. ``observations`` are sorted by file, line and kind."""

    root: str
    name: str
    observations: tuple[Observation, ...]
    files_scanned: int = 0

    def of(self, *kinds: Kind) -> list[Observation]:
        return [o for o in self.observations if o.kind in kinds]

    def values(self, kind: Kind) -> list[str]:
        """Distinct values of one kind, in order of first appearance."""
        return list(dict.fromkeys(o.value for o in self.observations if o.kind is kind))

    def first(self, kind: Kind, value: str) -> Observation | None:
        return next((o for o in self.observations if o.kind is kind and o.value == value), None)

    def summary(self) -> dict[str, int]:
        """Number of distinct values per kind (for reports), plus files scanned."""
        counts = {kind.value: len(self.values(kind)) for kind in Kind}
        counts = {k: v for k, v in counts.items() if v}
        counts["files"] = self.files_scanned
        return counts


def local_modules(files: list[SourceFile]) -> frozenset[str]:
    """Top-level names the app's own Python files provide (imports of them are not packages)."""
    names: set[str] = set()
    for source in files:
        if source.suffix in PYTHON:
            parts = source.rel.split("/")
            names.update(p.removesuffix(".py").removesuffix(".pyw") for p in parts)
    return frozenset(names)


def _read(source: SourceFile, texts: dict[str, str], notes: list[Observation]) -> str | None:
    text = read_text(source)
    if isinstance(text, Observation):
        if is_code_or_packages(source.name):
            notes.append(text)
        return None
    texts[source.rel] = text
    return text


def _merge_secrets(observations: list[Observation]) -> list[Observation]:
    """One secret per file and line: the most specific type, with the variable name if known."""
    best: dict[tuple[str, int | None], Observation] = {}
    for obs in observations:
        key = (obs.location.path, obs.location.line)
        current = best.get(key)
        if current is None:
            best[key] = obs
            continue
        generic = current.value in _GENERIC_SECRETS and obs.value not in _GENERIC_SECRETS
        kind = obs.value if generic else current.value
        detail = current.detail or obs.detail
        best[key] = Observation(
            Kind.SECRET_LITERAL, kind, current.location, detail, current.evidence
        )
    return list(best.values())


def scan(root: Path) -> Discovery:
    """Scan an app folder. A missing folder is an :class:`InputError`; nothing else raises."""
    root = Path(root)
    if not root.exists():
        raise InputError(str(root), "not found; expected an app folder")
    if not root.is_dir():
        raise InputError(str(root), "is a file; expected an app folder")
    files, notes = walk(root)
    local = local_modules(files)
    texts: dict[str, str] = {}
    found: list[Observation] = list(notes)

    def read_included(path: Path, rel: str) -> str | Observation:
        return read_text(SourceFile(path, rel, 0))

    reader = make_reader(root, read_included)
    for source in files:
        if source.suffix == ".qasm":
            found.append(
                Observation(Kind.CIRCUIT, source.rel, Location(source.rel), "circuit file")
            )
            continue
        text = _read(source, texts, found)
        if text is None:
            continue
        if source.suffix in PYTHON:
            found.extend(scan_python(text, source.rel, local))
        elif source.suffix in JAVASCRIPT:
            found.extend(scan_javascript(text, source.rel))
        else:
            found.extend(scan_package_file(source.name, text, source.rel, reader))
    found.extend(scan_secrets(root, texts))
    secrets = _merge_secrets([o for o in found if o.kind is Kind.SECRET_LITERAL])
    others = [o for o in found if o.kind is not Kind.SECRET_LITERAL]
    unique = list(dict.fromkeys(others + secrets))
    unique.sort(key=sort_key)
    return Discovery(str(root), root.resolve().name, tuple(unique), len(texts))
