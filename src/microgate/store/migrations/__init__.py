"""Alembic migrations of the microgate schema, run by :func:`microgate.store.migrate.upgrade`.

Add a migration with ``microgate.store.migrate.revision("message")`` from a development
checkout; never edit one that has been released.
"""
