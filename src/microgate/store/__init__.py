"""Persistence: SQLAlchemy models, Alembic migrations, SQLite by default, PostgreSQL for teams.

Example:
    >>> from microgate.store import open_store
    >>> with open_store("sqlite://") as store:
    ...     store.dialect
    'sqlite'
"""

from microgate.store import audit_models as audit_models  # the audit tables on Base.metadata
from microgate.store.models import App, Artifact, Base, Run
from microgate.store.store import Store, open_store

__all__ = ["App", "Artifact", "Base", "Run", "Store", "open_store"]
