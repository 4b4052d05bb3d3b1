"""Files an app names by relative path or glob, and the guard that keeps them inside it.

Manifests, prompt lists and circuit lists name files relative to the app folder.  Every
reader goes through :func:`expand_app_glob`, which refuses absolute paths, ``..`` and links
that lead out of the app, so no artifact reference can make microgate read elsewhere.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.yaml").write_text("x: 1")
    >>> [p.name for p in expand_app_glob(root, "*.yaml", source="m.yaml", where="prompts[0]")]
    ['a.yaml']
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from microgate.errors import InputError

_GLOB_CHARS = frozenset("*?[")
MAX_PATH_LENGTH = 1024


def expand_app_glob(
    root: Path, pattern: str, *, source: str, where: str, what: str = "files"
) -> list[Path]:
    """The files ``pattern`` names under ``root`` (sorted).

    A literal path must exist and be a file; a glob may match nothing.  Every refusal is an
    :class:`InputError` naming ``source`` (the file that holds the pattern) and ``where``
    (its key path); ``what`` names the artifacts in the hint ("prompt files", ...).
    """
    base = root.resolve()
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
            hint=f"{what} must live inside the app folder",
        )
    literal = not (_GLOB_CHARS & set(pattern))
    matches = [base / posix] if literal else sorted(base.glob(str(posix)))
    found = []
    for path in matches:
        rel = path.relative_to(base).as_posix()
        if len(rel) > MAX_PATH_LENGTH:
            raise InputError(
                source, f"a path longer than {MAX_PATH_LENGTH} characters", key_path=where
            )
        resolved = path.resolve()
        if not resolved.is_relative_to(base):
            raise InputError(
                source,
                f"'{rel}' is a link to a file outside the app folder",
                key_path=where,
                hint="copy the file into the app folder instead of linking to it",
            )
        if resolved.is_file():
            found.append(root / rel)  # under the root as the caller gave it
        elif not resolved.exists():
            raise InputError(source, f"'{rel}' not found in the app folder", key_path=where)
        elif literal:
            raise InputError(source, f"'{rel}' is a folder; expected a file", key_path=where)
    return found
