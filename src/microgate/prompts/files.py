"""Find an app's prompt files from glob patterns, never leaving the app folder.

Patterns are relative to the app root (``prompts/*.yaml``).  An absolute pattern, a ``..``
part, or a match that is a symlink resolving outside the app folder is an
:class:`~microgate.errors.InputError` naming the pattern (``prompts[0]``) — never followed.
An app whose manifest lists no prompts uses :data:`DEFAULT_PATTERNS`.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "prompts").mkdir()
    >>> _ = (root / "prompts" / "a.yaml").write_text("id: a\\nmodelFamily: x\\ntemplate: hi\\n")
    >>> [p.rel for p in load_prompts(root, ["prompts/*.yaml"])]
    ['prompts/a.yaml']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

from microgate.errors import InputError
from microgate.prompts.loader import PromptFile, load_prompt

DEFAULT_PATTERNS = ("prompts/*.yaml", "prompts/*.yml")
_GLOB_CHARS = frozenset("*?[")


def prompt_paths(root: Path, pattern: str, *, source: str, where: str) -> list[Path]:
    """The files ``pattern`` names under ``root`` (sorted); errors name ``source``/``where``."""
    base = root.resolve()
    posix = PurePosixPath(pattern.replace("\\", "/"))
    if not pattern.strip():
        raise InputError(source, "empty prompt path", key_path=where)
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
            hint="prompt files must live inside the app folder",
        )
    literal = not (_GLOB_CHARS & set(pattern))
    matches = [base / posix] if literal else sorted(base.glob(str(posix)))
    found = []
    for path in matches:
        rel = path.relative_to(base).as_posix()
        resolved = path.resolve()
        if not resolved.is_relative_to(base):
            raise InputError(
                source,
                f"'{rel}' is a link to a file outside the app folder",
                key_path=where,
                hint="copy the file into the app folder instead of linking to it",
            )
        if resolved.is_file():
            found.append(path)
        elif literal and not resolved.exists():
            raise InputError(source, f"'{rel}' not found in the app folder", key_path=where)
        elif literal:
            raise InputError(source, f"'{rel}' is a folder; expected a file", key_path=where)
    return found


def manifest_source(root: Path) -> str:
    """The name errors about prompt patterns carry: the app's manifest file."""
    for name in ("microgate.yaml", "microgate.yml"):
        if (root / name).is_file():
            return str(root / name)
    return str(root / "microgate.yaml")


def load_prompts(
    app_root: Path | str, patterns: Sequence[str] = (), *, source: str | None = None
) -> list[PromptFile]:
    """Load every prompt file ``patterns`` name (default :data:`DEFAULT_PATTERNS`).

    Files are named relative to the app root.  The first problem raises
    :class:`InputError`, including two files declaring the same prompt id.
    """
    root = Path(app_root)
    source = source or manifest_source(root)
    key = "prompts" if patterns else "default prompt pattern"
    seen: dict[Path, None] = {}
    for index, pattern in enumerate(patterns or DEFAULT_PATTERNS):
        for path in prompt_paths(root, pattern, source=source, where=f"{key}[{index}]"):
            seen.setdefault(path, None)
    base = root.resolve()
    prompts: list[PromptFile] = []
    by_id: dict[str, str] = {}
    for path in seen:
        rel = path.relative_to(base).as_posix()
        prompt = load_prompt(root / rel, rel=rel)
        first = by_id.setdefault(prompt.artifact.id, prompt.rel)
        if first != prompt.rel:
            raise InputError(
                str(prompt.path),
                f"prompt id '{prompt.artifact.id}' is also defined in {first}",
                line=prompt.line_of("id"),
                key_path="id",
            )
        prompts.append(prompt)
    return prompts
