"""The versions of an app's artifacts: what a run saw, by content hash.

:func:`artifact_versions` hashes ``microgate.yaml`` and every file the manifest references
(``prompts``, ``evals``, ``quantum.circuits``; globs relative to the app folder) and reads the
``version:`` of prompt and eval YAML files.  A reference that leaves the app folder — an
absolute path, a ``..`` part, or a symlink pointing outside — is an
:class:`~microgate.errors.InputError`, never followed.

Example:
    >>> import tempfile
    >>> from microgate.manifest.model import Manifest
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "microgate.yaml").write_text("name: demo\\n")
    >>> m = Manifest.model_validate(
    ...     {"apiVersion": "microgate/v1", "name": "demo", "owner": "me", "userScope": "team"})
    >>> [(a.kind, a.path) for a in artifact_versions(root, m)]
    [('manifest', 'microgate.yaml')]
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath, PureWindowsPath

from microgate.errors import InputError
from microgate.manifest.loader import MANIFEST_NAMES
from microgate.manifest.model import Manifest
from microgate.registry.records import ArtifactKind, ArtifactVersion
from microgate.yamlio import Limits, load_yaml_file

_GLOB_CHARS = frozenset("*?[")
_VERSIONED = frozenset({".yaml", ".yml"})
_VERSION_LIMITS = Limits(max_bytes=1_048_576, max_nodes=50_000, max_depth=32, max_aliases=100)
MAX_VERSION_LENGTH = 64
MAX_PATH_LENGTH = 1024


def artifact_versions(app_root: Path, manifest: Manifest) -> list[ArtifactVersion]:
    """The artifacts of the app at ``app_root``, sorted by kind and path."""
    root = app_root.resolve()
    manifest_file = next((root / n for n in MANIFEST_NAMES if (root / n).is_file()), None)
    source = str(app_root / (manifest_file.name if manifest_file else MANIFEST_NAMES[0]))
    found: dict[tuple[str, str], ArtifactVersion] = {}
    if manifest_file is not None:
        found["manifest", manifest_file.name] = ArtifactVersion(
            "manifest", manifest_file.name, file_sha256(manifest_file)
        )
    circuits = manifest.quantum.circuits if manifest.quantum else []
    groups: list[tuple[str, ArtifactKind, list[str]]] = [
        ("prompts", "prompt", manifest.prompts),
        ("evals", "eval", manifest.evals),
        ("quantum.circuits", "circuit", circuits),
    ]
    for key, kind, patterns in groups:
        for index, pattern in enumerate(patterns):
            where = f"{key}[{index}]"
            for path in _expand(root, pattern, source, where):
                rel = path.relative_to(root).as_posix()
                if (kind, rel) not in found:
                    found[kind, rel] = ArtifactVersion(kind, rel, file_sha256(path), _version(path))
    return [found[k] for k in sorted(found)]


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _expand(root: Path, pattern: str, source: str, where: str) -> list[Path]:
    posix = PurePosixPath(pattern.replace("\\", "/"))
    if not pattern.strip():
        raise InputError(source, "empty path", key_path=where)
    if posix.is_absolute() or PureWindowsPath(pattern).drive:
        raise InputError(
            source,
            f"'{pattern}' is an absolute path",
            key_path=where,
            hint="give a path relative to the app folder",
        )
    if ".." in posix.parts:
        raise InputError(
            source,
            f"'{pattern}' leaves the app folder ('..')",
            key_path=where,
            hint="artifacts must live inside the app folder",
        )
    literal = not (_GLOB_CHARS & set(pattern))
    matches = [root / posix] if literal else sorted(root.glob(str(posix)))
    checked = []
    for path in matches:
        rel = path.relative_to(root).as_posix()
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            raise InputError(
                source,
                f"'{rel}' is a link to a file outside the app folder",
                key_path=where,
                hint="copy the file into the app folder instead of linking to it",
            )
        if len(rel) > MAX_PATH_LENGTH:
            raise InputError(
                source, f"a path longer than {MAX_PATH_LENGTH} characters", key_path=where
            )
        if resolved.is_file():
            checked.append(path)
        elif not resolved.exists():
            raise InputError(source, f"'{rel}' not found in the app folder", key_path=where)
        elif literal:
            raise InputError(source, f"'{rel}' is a folder; expected a file", key_path=where)
    return checked


def _version(path: Path) -> str:
    """The ``version:`` of a YAML artifact, or "" (unreadable files are left to the linters)."""
    if path.suffix.lower() not in _VERSIONED:
        return ""
    try:
        data = load_yaml_file(path, limits=_VERSION_LIMITS).data
    except InputError:
        return ""
    value = data.get("version") if isinstance(data, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()[:MAX_VERSION_LENGTH]
