"""Reversible redaction: nothing personal leaves, everything comes back."""

from __future__ import annotations

import pytest
from assistant.redact import redact, restore

from microgate.evals import assert_no_pii

MESSAGES = [
    "Hi, I'm jane.doe@mail.example, where is order ORD-123456?",
    "Call me on +44 20 7946 0958 about the refund.",
    "Refund to card 4111 1111 1111 1111 please, or IBAN GB82WEST12345698765432.",
    "My IBAN is DE89 3704 0044 0532 0130 00 and my phone (555) 123-4567.",
    "Two mails: a@shop.example and b@shop.example.",
    "No personal data here, just order ORD-654321.",
]


@pytest.mark.parametrize("message", MESSAGES)
def test_redacted_text_has_no_pii_and_restores_exactly(message: str) -> None:
    safe, mapping = redact(message)
    assert_no_pii(safe)
    assert restore(safe, mapping) == message


def test_placeholders_are_numbered_and_reversible_in_a_model_answer() -> None:
    safe, mapping = redact("I'm jane@mail.example, card 4111 1111 1111 1111")
    assert "<EMAIL_1>" in safe and len(mapping) == 2
    answer = "Thanks! We refunded the card we have on file for <EMAIL_1>."
    assert restore(answer, mapping) == (
        "Thanks! We refunded the card we have on file for jane@mail.example.")


def test_order_ids_are_kept_for_the_order_lookup() -> None:
    safe, mapping = redact("Where is ORD-123456?")
    assert safe == "Where is ORD-123456?" and mapping == {}
