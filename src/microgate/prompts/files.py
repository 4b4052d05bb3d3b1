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
from pathlib import Path

from microgate.apppaths import expand_app_glob
from microgate.errors import InputError
from microgate.prompts.loader import PromptFile, load_prompt

DEFAULT_PATTERNS = ("prompts/*.yaml", "prompts/*.yml")


def prompt_paths(root: Path, pattern: str, *, source: str, where: str) -> list[Path]:
    """The files ``pattern`` names under ``root`` (sorted); errors name ``source``/``where``."""
    return expand_app_glob(root, pattern, source=source, where=where, what="prompt files")


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
