"""Walk an app's source tree safely: skip vendored folders, big files and escaping links.

Nothing here parses; it lists files and reads text.  Problems (a link out of the app, a file
too big or not UTF-8) come back as ``UNSCANNED`` observations, never as exceptions.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "app.py").write_text("import os\\n")
    >>> (root / "node_modules").mkdir()
    >>> _ = (root / "node_modules" / "x.js").write_text("")
    >>> files, notes = walk(root)
    >>> [f.rel for f in files], notes
    (['app.py'], [])
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from microgate.discover.observations import Kind, Observation
from microgate.findings import Location

MAX_BYTES = 1_048_576
MAX_FILES = 20_000
SKIP_DIRS = frozenset(
    {
        ".venv",
        "venv",
        "node_modules",
        ".git",
        "__pycache__",
        "dist",
        "build",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hg",
        ".svn",
        ".eggs",
        "site-packages",
        ".idea",
        ".vscode",
        ".next",
        ".cache",
    }
)

PYTHON = frozenset({".py", ".pyw"})
JAVASCRIPT = frozenset({".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".mts", ".cts"})
PACKAGE_FILES = frozenset(
    {"pyproject.toml", "Pipfile", "package.json", "poetry.lock", "uv.lock", "package-lock.json"}
)


@dataclass(frozen=True)
class SourceFile:
    """A regular file inside the app: absolute path, POSIX path relative to the root, size."""

    path: Path
    rel: str
    size: int

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def name(self) -> str:
        return self.path.name


def is_requirements(name: str) -> bool:
    return name.startswith("requirements") and name.endswith((".txt", ".in"))


def is_code_or_packages(name: str) -> bool:
    """Files the scanners parse; trouble reading them is worth a note."""
    suffix = Path(name).suffix.lower()
    return (
        suffix in PYTHON or suffix in JAVASCRIPT or name in PACKAGE_FILES or is_requirements(name)
    )


def note(rel: str, why: str, line: int | None = None, column: int | None = None) -> Observation:
    return Observation(Kind.UNSCANNED, why, Location(rel, line, column), why)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _link_note(path: Path, root: Path, rel: str) -> Observation | None:
    """A note for a symbolic link that leads out of the app (or nowhere); None when inside."""
    if not path.exists():
        return note(rel, "broken symbolic link; not followed")
    if not _inside(path, root):
        return note(rel, "symbolic link to outside the app folder; not followed")
    return None


def walk(
    root: Path, *, max_bytes: int = MAX_BYTES, max_files: int = MAX_FILES
) -> tuple[list[SourceFile], list[Observation]]:
    """Regular files under ``root`` (sorted), and notes about what was left out.

    Links are never followed: a link inside the app is skipped (its target is scanned where
    it lives), one leading outside is noted.
    """
    root = root.resolve()
    files: list[SourceFile] = []
    notes: list[Observation] = []
    for current, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(current)
        kept = []
        for dirname in sorted(dirnames):
            child = base / dirname
            rel = child.relative_to(root).as_posix()
            if dirname in SKIP_DIRS or dirname.endswith(".egg-info"):
                continue
            if child.is_symlink():
                link = _link_note(child, root, rel)
                if link:
                    notes.append(link)
                continue
            kept.append(dirname)
        dirnames[:] = kept
        for filename in sorted(filenames):
            path = base / filename
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                link = _link_note(path, root, rel)
                if link:
                    notes.append(link)
                continue
            try:
                stat = path.stat()
            except OSError as exc:
                notes.append(note(rel, f"cannot read: {exc.strerror}"))
                continue
            if not path.is_file():
                continue
            if stat.st_size > max_bytes:
                if is_code_or_packages(filename):
                    notes.append(note(rel, f"larger than {max_bytes:,} bytes; not scanned"))
                continue
            if len(files) >= max_files:
                notes.append(note(".", f"more than {max_files:,} files; the rest was not scanned"))
                return files, notes
            files.append(SourceFile(path, rel, stat.st_size))
    return files, notes


def read_text(source: SourceFile) -> str | Observation:
    """The file's text, or an ``UNSCANNED`` note when it cannot be read as UTF-8."""
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        return note(source.rel, f"cannot read: {exc.strerror}")
    if b"\x00" in raw[:8192]:
        return note(source.rel, "binary content; not scanned")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return note(
            source.rel, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); not scanned", line, column
        )
    return text.removeprefix("\ufeff")
