"""Find, read and validate a micro-app's ``microgate.yaml``.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "microgate.yaml").write_text(
    ...     "apiVersion: microgate/v1\\nname: demo\\nowner: me\\nuserScope: personal\\n")
    >>> load_manifest(root).name
    'demo'
"""

from __future__ import annotations

from pathlib import Path

from microgate.errors import InputError
from microgate.manifest.model import Manifest
from microgate.yamlio import Limits, load_yaml_file, validate_document

MANIFEST_NAMES = ("microgate.yaml", "microgate.yml")
MANIFEST_LIMITS = Limits(max_bytes=1_048_576, max_nodes=50_000, max_depth=32, max_aliases=200)


def find_manifest(path: Path | str) -> Path | None:
    """The manifest file for an app folder or manifest path, or None when there is none."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        return path
    if path.is_file():
        return None
    for name in MANIFEST_NAMES:
        candidate = path / name
        if candidate.exists():
            return candidate
    return None


def load_manifest(path: Path | str) -> Manifest:
    """Load and validate the manifest of an app folder (or a manifest file)."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "not found; expected an app folder or a microgate.yaml file")
    found = find_manifest(path)
    if found is None and path.is_file():
        raise InputError(str(path), "expected an app folder or a microgate.yaml file")
    if found is None:
        raise InputError(
            str(path / MANIFEST_NAMES[0]),
            "no manifest in this folder; run 'microgate discover PATH --write' to draft one",
        )
    doc = load_yaml_file(found, limits=MANIFEST_LIMITS, what="manifest")
    return validate_document(Manifest, doc)
