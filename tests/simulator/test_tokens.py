"""The deterministic tokenizer: counts, truncation, streaming pieces, prices."""

from __future__ import annotations

import pytest

from microgate.simulator.tokens import (
    cost_usd,
    count_tokens,
    prompt_tokens,
    stream_pieces,
    truncate_to_tokens,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", 0),
        ("Paris", 1),
        ("What is the capital of France?", 8),
        ("internationalisation", 4),  # letters in runs of at most 6
        ("1234567", 3),  # digits in groups of at most 3
        ("a_b", 3),
        ("Grüße, Zoë!", 4),
        ("  spaced   out  ", 2),
    ],
)
def test_token_counts(text: str, tokens: int) -> None:
    assert count_tokens(text) == tokens


def test_english_prose_is_close_to_tiktoken_ratio() -> None:
    prose = (
        "The quick brown fox jumps over the lazy dog. Meeting notes: the team agreed to ship "
        "the release on Friday, and Alice will update the documentation before then."
    )
    ratio = count_tokens(prose) / len(prose.split())
    assert 1.0 <= ratio <= 1.5


def test_prompt_tokens_add_message_overhead() -> None:
    assert prompt_tokens(["ping"]) == 1 + 4 + 3
    assert prompt_tokens(["You are terse.", "ping"]) == (4 + 4) + (1 + 4) + 3


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("one two three", 2, ("one two", True)),
        ("one two three", 3, ("one two three", False)),
        ("one two three", 10, ("one two three", False)),
        ("one two.", 2, ("one two", True)),
        ("one", 0, ("", True)),
        ("", 0, ("", False)),
    ],
)
def test_truncation(text: str, limit: int, expected: tuple[str, bool]) -> None:
    assert truncate_to_tokens(text, limit) == expected


@pytest.mark.parametrize("text", ["", "one", " lead and trail ", "a\nb\n\nc.", "   "])
def test_stream_pieces_join_back_to_the_text(text: str) -> None:
    assert "".join(stream_pieces(text)) == text


def test_cost_is_per_million_tokens() -> None:
    assert cost_usd(1_000_000, 500_000, 0.5, 2.0) == pytest.approx(1.5)
    assert cost_usd(10, 0, 0.0, 0.0) == 0.0
