"""Where microgate keeps local state: one folder, named by ``MICROGATE_HOME``.

Every piece of local state — the SQLite database, audit files, keys, caches — lives under it.
Without the variable it is the per-user data directory (``platformdirs``).

Example:
    >>> import os
    >>> os.environ["MICROGATE_HOME"] = "/tmp/mg-doc"
    >>> str(state_dir())
    '/tmp/mg-doc'
    >>> database_url().startswith("sqlite:///")
    True
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

HOME_ENV = "MICROGATE_HOME"
DATABASE_ENV = "MICROGATE_DATABASE_URL"


def state_dir(create: bool = False) -> Path:
    """The state folder; created (with private permissions) when ``create`` is true."""
    value = os.environ.get(HOME_ENV)
    path = Path(value).expanduser() if value else Path(user_data_dir("microgate", appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def database_url() -> str:
    """``MICROGATE_DATABASE_URL`` if set, else SQLite in the state folder."""
    url = os.environ.get(DATABASE_ENV)
    if url:
        return url
    return f"sqlite:///{state_dir() / 'microgate.db'}"
