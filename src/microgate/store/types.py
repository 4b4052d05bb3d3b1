"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no time zones and no JSON type of its own; these wrappers make every timestamp
come back timezone-aware in UTC and every JSON column use ``JSONB`` on PostgreSQL.

Example:
    >>> from datetime import datetime, timezone
    >>> UTCDateTime().process_result_value(datetime(2024, 1, 2, 3, 4), None).tzinfo
    datetime.timezone.utc
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

#: JSON on SQLite, JSONB on PostgreSQL.
PortableJSON: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware.

    A naive value is refused when written: it is ambiguous, and guessing hides bugs.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware time")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":  # SQLite keeps text without an offset: store UTC, naive
            return value.replace(tzinfo=None)
        return value

    def process_result_value(
        self, value: datetime | None, dialect: Dialect | None
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
