"""The files of one app, read once and shared by every lint part.

Example:
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "app.py").write_text("print(1)\\n")
    >>> files = read_app(root)
    >>> sorted(files.texts), files.python
    (['app.py'], ['app.py'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from microgate.discover.observations import Observation
from microgate.discover.walk import PYTHON, is_code_or_packages, read_text, walk
from microgate.lint.secrets_baseline import BASELINE_PATH


@dataclass
class AppFiles:
    """Text of every readable file (by app-relative POSIX path) and notes on the rest."""

    root: Path
    texts: dict[str, str] = field(default_factory=dict)
    notes: list[Observation] = field(default_factory=list)

    @property
    def python(self) -> list[str]:
        """App-relative paths of the Python files, sorted."""
        return sorted(rel for rel in self.texts if Path(rel).suffix.lower() in PYTHON)


def read_app(root: Path) -> AppFiles:
    """Walk ``root`` (skipping virtualenvs, vendored folders, links out, big files) and read
    every text file except the secrets baseline itself."""
    files, notes = walk(root)
    out = AppFiles(root, notes=list(notes))
    for source in files:
        if source.rel == BASELINE_PATH:
            continue
        text = read_text(source)
        if isinstance(text, Observation):
            if is_code_or_packages(source.name):
                out.notes.append(text)
            continue
        out.texts[source.rel] = text
    return out
