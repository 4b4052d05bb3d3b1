"""A deterministic tokenizer with roughly tiktoken's counts for English, and prices.

A token is a run of up to 6 letters, a group of up to 3 digits (tiktoken also splits numbers
into groups of at most 3), or one other non-space character.  For English prose this gives
about 1.1-1.3 tokens per word, close to the ~0.75 words per token of OpenAI's tokenizers; it
needs no vocabulary file and counts the same on every machine.  A chat prompt costs its
messages' tokens plus 4 per message and 3 for the reply's priming (OpenAI's documented
overhead for its chat formats).

Example:
    >>> count_tokens("What is the capital of France?")
    8
    >>> truncate_to_tokens("one two three four", 2)
    ('one two', True)
    >>> stream_pieces("The capital is Paris.")
    ['The', ' capital', ' is', ' Paris.']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_TOKEN = re.compile(r"[^\W\d_]{1,6}|\d{1,3}|[^\w\s]|_")
_PIECE = re.compile(r"\s*\S+")
PER_MESSAGE = 4
PRIMING = 3


def count_tokens(text: str) -> int:
    """The number of tokens in ``text``."""
    return len(_TOKEN.findall(text))


@functools.lru_cache(maxsize=4096)
def answer_tokens(text: str) -> int:
    """:func:`count_tokens`, cached: answers come from a scenario and repeat."""
    return count_tokens(text)


def prompt_tokens(texts: Iterable[str]) -> int:
    """Tokens of a chat prompt made of these message texts (system prompt included)."""
    return sum(count_tokens(t) + PER_MESSAGE for t in texts) + PRIMING


def truncate_to_tokens(text: str, max_tokens: int) -> tuple[str, bool]:
    """``text`` cut after ``max_tokens`` tokens, and whether it was cut."""
    if max_tokens <= 0:
        return "", bool(text)
    for index, match in enumerate(_TOKEN.finditer(text), start=1):
        if index == max_tokens:
            end = match.end()
            return text[:end], bool(_TOKEN.search(text, end))
    return text, False


def stream_pieces(text: str) -> list[str]:
    """``text`` split into streaming deltas (a word with its leading space); joins back."""
    pieces = _PIECE.findall(text)
    tail = text[sum(map(len, pieces)) :]
    if tail:
        if pieces:
            pieces[-1] += tail
        else:
            pieces.append(tail)
    return pieces


def cost_usd(
    prompt: int, completion: int, input_per_million: float, output_per_million: float
) -> float:
    """The price of one call in USD, rounded to 10 decimal places."""
    return round((prompt * input_per_million + completion * output_per_million) / 1e6, 10)
