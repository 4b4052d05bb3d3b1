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
from pathlib import Path

from microgate.apppaths import expand_app_glob
from microgate.errors import InputError
from microgate.manifest.loader import MANIFEST_NAMES
from microgate.manifest.model import Manifest
from microgate.registry.records import ArtifactKind, ArtifactVersion
from microgate.yamlio import Limits, load_yaml_file

_VERSIONED = frozenset({".yaml", ".yml"})
_VERSION_LIMITS = Limits(max_bytes=1_048_576, max_nodes=50_000, max_depth=32, max_aliases=100)
MAX_VERSION_LENGTH = 64


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
            for path in expand_app_glob(
                root, pattern, source=source, where=where, what="artifacts"
            ):
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
