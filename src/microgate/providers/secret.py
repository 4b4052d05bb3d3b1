"""A secret value that does not show itself in ``repr``, ``str`` or logs.

Example:
    >>> key = Secret("sk-not-a-real-key")
    >>> key
    Secret('***')
    >>> f"{key}", key.reveal()
    ('***', 'sk-not-a-real-key')
"""

from __future__ import annotations


class Secret:
    """Holds an API key; only :meth:`reveal` gives the value (to put it in a header)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    def __str__(self) -> str:
        return "***" if self._value else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret is not pickled")
