"""Assertions on rendered prompts: no PII leaves, user input stays inside its delimiters.

Example:
    >>> assert_delimited("Summarise <user>hi there</user>", "hi there")
    >>> assert_delimited("Summarise hi there", "hi there")
    Traceback (most recent call last):
    ...
    AssertionError: user input appears outside <user>...</user> at offset 10: 'Summarise hi there'
    >>> assert_no_pii("Write to <EMAIL_1> about order ORD-123456")
"""

from __future__ import annotations

from microgate.evals.pii import find_pii


def assert_no_pii(text: str, *, allow: tuple[str, ...] = ()) -> None:
    """Fail if ``text`` holds an e-mail, phone, card, IBAN or SSN (kinds in ``allow`` pass).

    The failure names each kind and position with the value masked.
    """
    __tracebackhide__ = True
    found = [m for m in find_pii(text) if m.kind not in allow]
    if found:
        listed = ", ".join(f"{m.kind} {m.masked()!r} at offset {m.start}" for m in found)
        raise AssertionError(f"PII in text: {listed}")


def _excerpt(text: str, start: int, width: int = 40) -> str:
    left = max(0, start - width)
    return ("…" if left else "") + text[left:start + width] + ("…" if start + width < len(text)
                                                                 else "")


def assert_delimited(
    rendered: str, user_value: str, open: str = "<user>", close: str = "</user>"
) -> None:
    """Fail unless every occurrence of ``user_value`` in ``rendered`` lies between ``open``
    and ``close`` (with no other delimiter between), and the value itself cannot break out
    (it must not contain either delimiter). The value must occur at least once."""
    __tracebackhide__ = True
    if not user_value:
        raise ValueError("user_value is empty: nothing to check")
    for delimiter in (open, close):
        if delimiter in user_value:
            raise AssertionError(
                f"user input contains the delimiter {delimiter!r}: it can close the block "
                f"and inject instructions; escape or strip it before rendering"
            )
    positions = []
    start = rendered.find(user_value)
    while start != -1:
        positions.append(start)
        start = rendered.find(user_value, start + 1)
    if not positions:
        raise AssertionError(f"user input {user_value[:60]!r} does not appear in the prompt")
    for pos in positions:
        before = rendered[:pos]
        opened = before.rfind(open)
        inside = opened != -1 and before.rfind(close) < opened
        after = rendered.find(close, pos + len(user_value))
        reopened = rendered.find(open, pos + len(user_value))
        if not inside or after == -1 or (reopened != -1 and reopened < after):
            raise AssertionError(
                f"user input appears outside {open}...{close} at offset {pos}: "
                f"{_excerpt(rendered, pos)!r}"
            )
