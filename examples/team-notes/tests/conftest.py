"""Make the example's own package importable, and offer microgate's LLM test fixtures.

The fixtures come from the ``microgate`` pytest plugin (entry point ``pytest11``); importing
them here also works where the plugin is not installed as an entry point.
"""

from __future__ import annotations

import sys
from pathlib import Path

from microgate.evals.pytest_plugin import llm_cassette, mock_llm

APP_ROOT = str(Path(__file__).resolve().parent.parent)
if APP_ROOT not in sys.path:
    sys.path.insert(0, APP_ROOT)

__all__ = ["llm_cassette", "mock_llm"]
