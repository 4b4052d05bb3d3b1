"""Testing LLM code: the mock LLM, HTTP record/replay cassettes, prompt assertions and
the pytest plugin (``microgate.evals.pytest_plugin``) that offers them as fixtures.

Names are imported on first use, so loading the pytest plugin costs next to nothing.

Example:
    >>> from microgate.evals import MockLLM
    >>> from microgate.providers import ChatRequest
    >>> MockLLM().reply("ok").complete(ChatRequest.of("m", "hi")).text
    'ok'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microgate.evals.cassette import Cassette, CassetteMiss
    from microgate.evals.mock_llm import MockLLM
    from microgate.evals.prompts import assert_delimited, assert_no_pii

_EXPORTS = {
    "Cassette": "microgate.evals.cassette",
    "CassetteMiss": "microgate.evals.cassette",
    "MockLLM": "microgate.evals.mock_llm",
    "assert_delimited": "microgate.evals.prompts",
    "assert_no_pii": "microgate.evals.prompts",
}
__all__ = ["Cassette", "CassetteMiss", "MockLLM", "assert_delimited", "assert_no_pii"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'microgate.evals' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
