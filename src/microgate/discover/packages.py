"""Declared dependencies: requirements files, pyproject.toml, Pipfile, package.json, lock files.

Direct dependencies become ``PACKAGE`` observations; what a Poetry or uv lock file pins
(transitive dependencies included) becomes ``LOCKED_PACKAGE``, which the draft and the
comparison leave out.  A file that does not parse gives one ``UNSCANNED`` note.

Example:
    >>> text = "Flask>=3\\n# comment\\nPyYAML==6.0 ; python_version>'3'\\n"
    >>> [o.value for o in scan_requirements(text, "requirements.txt")]
    ['flask', 'pyyaml']
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from microgate.discover.distributions import normalise
from microgate.discover.observations import Kind, Observation
from microgate.discover.walk import MAX_BYTES, is_requirements, note
from microgate.findings import Location

_INCLUDE = re.compile(r"^\s*(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)")
Reader = Callable[[str], "str | Observation"]


def _line_of(text: str, name: str) -> int | None:
    pattern = re.compile(
        rf"""(^|[\s"'\[{{,]){re.escape(name)}($|[\s"'=<>!~\[;:,@])""", re.IGNORECASE
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None


def _packages(
    names: Iterable[str], text: str, rel: str, detail: str, kind: Kind = Kind.PACKAGE
) -> Iterator[Observation]:
    for raw in names:
        name = normalise(raw)
        if name:
            yield Observation(
                kind,
                name,
                Location(rel, _line_of(text, raw.split()[0] if raw.split() else raw)),
                detail,
            )


def scan_requirements(
    text: str, rel: str, read: Reader | None = None, seen: set[str] | None = None
) -> list[Observation]:
    """Packages in a requirements file, following ``-r``/``-c`` includes inside the app."""
    seen = seen if seen is not None else set()
    seen.add(rel)
    out: list[Observation] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        include = _INCLUDE.match(line)
        if include:
            target = (Path(rel).parent / include.group(1)).as_posix()
            if read is not None and target not in seen:
                loaded = read(target)
                if isinstance(loaded, Observation):
                    out.append(
                        note(rel, f"cannot follow '{include.group(1)}': {loaded.value}", number)
                    )
                else:
                    out.extend(scan_requirements(loaded, target, read, seen))
            continue
        if line.startswith("-") or "://" in line.split("@")[0]:
            continue  # options (--index-url, -e path) and bare URLs
        name = normalise(line)
        if name:
            out.append(Observation(Kind.PACKAGE, name, Location(rel, number), "requirements"))
    return out


def _toml(text: str, rel: str) -> dict[str, Any] | Observation:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        return note(rel, f"TOML syntax error: {str(exc).split(' (at')[0]}; not scanned", line, col)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def scan_pyproject(text: str, rel: str) -> list[Observation]:
    data = _toml(text, rel)
    if isinstance(data, Observation):
        return [data]
    project = _dict(data.get("project"))
    own = normalise(str(project.get("name", "")))
    names = _strings(project.get("dependencies"))
    for extra in _dict(project.get("optional-dependencies")).values():
        names += _strings(extra)
    for group in _dict(data.get("dependency-groups")).values():
        names += _strings(group)
    poetry = _dict(_dict(data.get("tool")).get("poetry"))
    own = own or normalise(str(poetry.get("name", "")))
    names += [k for k in _dict(poetry.get("dependencies")) if k.lower() != "python"]
    names += list(_dict(poetry.get("dev-dependencies")))
    for group in _dict(poetry.get("group")).values():
        names += list(_dict(_dict(group).get("dependencies")))
    return [o for o in _packages(names, text, rel, "pyproject.toml") if o.value != own]


def scan_pipfile(text: str, rel: str) -> list[Observation]:
    data = _toml(text, rel)
    if isinstance(data, Observation):
        return [data]
    names = list(_dict(data.get("packages"))) + list(_dict(data.get("dev-packages")))
    return list(_packages(names, text, rel, "Pipfile"))


def _json(text: str, rel: str) -> dict[str, Any] | Observation:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return note(rel, f"JSON syntax error: {exc.msg}; not scanned", exc.lineno, exc.colno)
    return data if isinstance(data, dict) else note(rel, "expected a JSON object; not scanned")


def scan_package_json(text: str, rel: str) -> list[Observation]:
    data = _json(text, rel)
    if isinstance(data, Observation):
        return [data]
    names: list[str] = []
    for section in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        names += list(_dict(data.get(section)))
    return [
        Observation(
            Kind.PACKAGE, n.lower(), Location(rel, _line_of(text, f'"{n}"')), "package.json"
        )
        for n in names
    ]


def scan_package_lock(text: str, rel: str) -> list[Observation]:
    """Top-level (direct) dependencies of an npm lock file."""
    data = _json(text, rel)
    if isinstance(data, Observation):
        return [data]
    top = _dict(_dict(data.get("packages")).get(""))
    names: list[str] = []
    for section in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
        names += list(_dict(top.get(section)))
    if not top:  # lockfileVersion 1: the first level of "dependencies"
        names = list(_dict(data.get("dependencies")))
    return [
        Observation(
            Kind.PACKAGE, n.lower(), Location(rel, _line_of(text, f'"{n}"')), "package-lock.json"
        )
        for n in names
    ]


def scan_python_lock(text: str, rel: str) -> list[Observation]:
    """Every package a poetry.lock or uv.lock pins (transitive ones included)."""
    data = _toml(text, rel)
    if isinstance(data, Observation):
        return [data]
    out = []
    for package in data.get("package", []):
        if not isinstance(package, dict) or not isinstance(package.get("name"), str):
            continue
        source = _dict(package.get("source"))
        if "editable" in source or "virtual" in source:
            continue  # the project itself
        out.append(
            Observation(
                Kind.LOCKED_PACKAGE,
                normalise(package["name"]),
                Location(rel, _line_of(text, f'"{package["name"]}"')),
                str(package.get("version", "")),
            )
        )
    return out


def scan_package_file(
    name: str, text: str, rel: str, read: Reader | None = None
) -> list[Observation]:
    """Dispatch on the file name; [] for a file that declares no dependencies."""
    if is_requirements(name):
        return scan_requirements(text, rel, read)
    scanner = {
        "pyproject.toml": scan_pyproject,
        "Pipfile": scan_pipfile,
        "package.json": scan_package_json,
        "package-lock.json": scan_package_lock,
        "poetry.lock": scan_python_lock,
        "uv.lock": scan_python_lock,
    }.get(name)
    return scanner(text, rel) if scanner else []


def make_reader(root: Path, read_text: Callable[[Path, str], str | Observation]) -> Reader:
    """A reader for included files: relative to the app root, never outside it."""
    resolved_root = root.resolve()

    def read(rel: str) -> str | Observation:
        path = (root / rel).resolve()
        if not path.is_relative_to(resolved_root):
            return note(rel, "outside the app folder")
        if not path.is_file():
            return note(rel, "not found")
        if path.stat().st_size > MAX_BYTES:
            return note(rel, f"larger than {MAX_BYTES:,} bytes")
        return read_text(path, rel)

    return read
